//! Serve a folder of iCalendar feeds over HTTP for calendar subscriptions.
//!
//! [`FeedServer`] (tokio, hyper and axum, with tower-http) answers:
//!
//! - `GET`/`HEAD /feeds/NAME.ics`: the file `NAME.ics` of its folder, as
//!   `text/calendar`, with `ETag`, `Last-Modified` and `Cache-Control:
//!   no-cache`, so that calendar clients polling the feed get a cheap `304 Not
//!   Modified` (no body, no `Content-Length`) while it is unchanged, through
//!   `If-None-Match` or `If-Modified-Since`. The validators come from a cache
//!   keyed by the file's modification time, length and inode: a request costs
//!   one `lstat`, and a file is read (and hashed) once per change.
//! - `GET /feeds/`: the URL of every feed, one a line (`text/plain`).
//! - `GET /`: a redirect to `/feeds/`.
//!
//! Responses are gzip-compressed for clients that accept it (the `ETag` of a
//! compressed response is then weak, `W/"..."`, as nginx makes it). HTTP/1.0
//! and HTTP/1.1 (keep-alive) are spoken.
//!
//! Nothing outside the folder is served or listed: a name with `/`, `\`,
//! `..`, a leading dot, or without the `.ics` extension is `404 Not Found`,
//! and so is anything in the folder that is not a regular file: symbolic
//! links (even to a feed), folders, devices.
//!
//! One slow client delays no other: each connection is served on its own
//! task, and [`Limits`] bounds what a client can hold: connections
//! ([`Limits::max_connections`]; past it a new connection gets `503`), time
//! to send a request's headers and time a kept-alive connection may sit idle
//! ([`Limits::header_timeout`]), time a response may wait on a client that
//! does not read ([`Limits::send_timeout`]), time to answer
//! ([`Limits::request_timeout`]), header and body sizes, feed size.
//!
//! ```no_run
//! use docket::serve::FeedServer;
//!
//! let server = FeedServer::bind("feeds", "127.0.0.1:8080")?;
//! println!("serving on http://{}/feeds/", server.local_addr());
//! server.serve_forever()?;
//! # Ok::<(), docket::Error>(())
//! ```
//!
//! Available with the `serve` feature.

mod app;
mod conditional;
mod feeds;
mod send_timeout;
mod server;

pub use conditional::{etag, etag_matches};
pub use server::{FeedServer, Limits, StopHandle};

/// The `Content-Type` of a feed.
pub const CALENDAR_CONTENT_TYPE: &str = "text/calendar; charset=utf-8";
