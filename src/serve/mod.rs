//! Serve a folder of iCalendar feeds over HTTP for calendar subscriptions,
//! with a JSON API and a web page.
//!
//! [`FeedServer`] (tokio, hyper and axum, with tower-http) answers:
//!
//! - `GET /`: a page with the deadline calculator and a docket viewer
//!   (plain HTML, CSS and JavaScript built into the binary, under `/page/`);
//!   the calculator's fields are the URL's query parameters
//!   (`/?court=nysb&from=2009-04-16&days=14`), so a result is a link.
//! - `/v1/`: the JSON API, answering what the command line prints for the
//!   same question (`POST /v1/due`, `/v1/schedule`, `/v1/reschedule`,
//!   `/v1/ics`, `/v1/check`, `GET /v1/courts`), with bad input answered
//!   `400` and structured problems; see the `api` section below.
//! - `GET`/`HEAD /feeds/NAME.ics`: the file `NAME.ics` of its folder, as
//!   `text/calendar`, with `ETag`, `Last-Modified` and `Cache-Control:
//!   no-cache`, so that calendar clients polling the feed get a cheap `304 Not
//!   Modified` (no body, no `Content-Length`) while it is unchanged, through
//!   `If-None-Match` or `If-Modified-Since`. The validators come from a cache
//!   keyed by the file's modification time, length and inode: a request costs
//!   one `lstat`, and a file is read (and hashed) once per change.
//! - `GET /feeds/`: the URL of every feed, one a line (`text/plain`).
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

mod api;
mod app;
mod conditional;
mod feeds;
mod page;
mod send_timeout;
mod server;

pub use conditional::{etag, etag_matches};
pub use server::{FeedServer, Limits, StopHandle};

/// The `Content-Type` of a feed.
pub const CALENDAR_CONTENT_TYPE: &str = "text/calendar; charset=utf-8";
