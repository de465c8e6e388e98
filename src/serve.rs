//! Serve a folder of iCalendar feeds over HTTP for calendar subscriptions.
//!
//! [`FeedServer`] answers `GET` and `HEAD` of `/<name>.ics` with the file of
//! that name in its folder, as `text/calendar`, with a strong `ETag` computed
//! from the bytes so that calendar clients polling the feed get a cheap
//! `304 Not Modified` while it is unchanged. `GET /` lists the feeds. Nothing
//! outside the folder is ever served: a name with `/`, `\`, `..`, a leading
//! dot, or without the `.ics` extension is `404 Not Found`, and so is a file
//! whose real path (after symbolic links) lies outside the folder.
//!
//! Each request reads the file afresh from one open handle, so a feed that
//! its writer replaces atomically (write a temporary file, then rename) is
//! served whole, old or new, never half-written.
//!
//! ```no_run
//! use docket::serve::FeedServer;
//!
//! let server = FeedServer::bind("feeds", "127.0.0.1:8080")?;
//! println!("serving on http://{}/", server.local_addr());
//! server.serve_forever()?;
//! # Ok::<(), docket::Error>(())
//! ```
//!
//! Available with the `serve` feature.

use std::fs::File;
use std::io::Read;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::{Error, ErrorKind, Result};

/// The `Content-Type` of a feed.
pub const CALENDAR_CONTENT_TYPE: &str = "text/calendar; charset=utf-8";

/// An HTTP server for the `.ics` files of one folder, bound to an address.
///
/// Bind it with [`FeedServer::bind`], then run [`FeedServer::serve_forever`]
/// (or [`FeedServer::serve_requests`] for a bounded number of requests),
/// typically on its own thread; a [`StopHandle`] from
/// [`FeedServer::stop_handle`] ends the loop from elsewhere.
pub struct FeedServer {
    dir: PathBuf,
    addr: SocketAddr,
    shared: Arc<Shared>,
}

struct Shared {
    server: Server,
    stopped: AtomicBool,
}

/// Stops a running [`FeedServer`] from another thread.
///
/// Cloneable; stopping is idempotent. A request already being answered is
/// finished first.
#[derive(Clone)]
pub struct StopHandle {
    shared: Arc<Shared>,
}

impl StopHandle {
    /// Makes [`FeedServer::serve_forever`] (and
    /// [`FeedServer::serve_requests`]) return as soon as the request in hand,
    /// if any, is answered.
    pub fn stop(&self) {
        self.shared.stopped.store(true, Ordering::SeqCst);
        self.shared.server.unblock();
    }
}

impl std::fmt::Debug for StopHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StopHandle")
            .field("stopped", &self.shared.stopped.load(Ordering::SeqCst))
            .finish()
    }
}

impl std::fmt::Debug for FeedServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FeedServer")
            .field("dir", &self.dir)
            .field("addr", &self.addr)
            .finish()
    }
}

impl FeedServer {
    /// Serves the folder `dir` on `addr` (`"127.0.0.1:8080"`; port `0` picks a
    /// free one, see [`FeedServer::local_addr`]).
    ///
    /// Fails with [`ErrorKind::Io`] when `dir` is not a readable folder or the
    /// address cannot be bound.
    pub fn bind(dir: impl AsRef<Path>, addr: &str) -> Result<FeedServer> {
        let dir = dir.as_ref();
        let dir = dir
            .canonicalize()
            .map_err(|e| io_error(format!("feed folder {}: {e}", dir.display())))?;
        if !dir.is_dir() {
            return Err(io_error(format!(
                "feed folder {}: not a directory",
                dir.display()
            )));
        }
        let server = Server::http(addr).map_err(|e| io_error(format!("bind {addr}: {e}")))?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| io_error(format!("bind {addr}: not an IP address")))?;
        Ok(FeedServer {
            dir,
            addr,
            shared: Arc::new(Shared {
                server,
                stopped: AtomicBool::new(false),
            }),
        })
    }

    /// The address the server listens on (with the real port when bound to
    /// port `0`).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The folder served (canonical path).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The URL of the feed file `name` (`"http://127.0.0.1:8080/civil.ics"`).
    pub fn url(&self, name: &str) -> String {
        format!("http://{}/{}", self.addr, percent_encode(name))
    }

    /// The names of the `.ics` files in the folder, sorted.
    pub fn feeds(&self) -> Result<Vec<String>> {
        list_feeds(&self.dir)
    }

    /// A handle that stops [`FeedServer::serve_forever`] from another thread.
    pub fn stop_handle(&self) -> StopHandle {
        StopHandle {
            shared: Arc::clone(&self.shared),
        }
    }

    /// Answers requests until stopped through a [`StopHandle`].
    ///
    /// A request that fails (a client hanging up mid-answer) does not stop
    /// the server.
    pub fn serve_forever(&self) -> Result<()> {
        while self.next_request()? {}
        Ok(())
    }

    /// Answers `n` requests, or fewer if stopped first; returns how many
    /// were answered.
    pub fn serve_requests(&self, n: usize) -> Result<usize> {
        let mut answered = 0;
        while answered < n && self.next_request()? {
            answered += 1;
        }
        Ok(answered)
    }

    /// Waits for and answers one request; `false` once stopped.
    fn next_request(&self) -> Result<bool> {
        loop {
            if self.shared.stopped.load(Ordering::SeqCst) {
                return Ok(false);
            }
            match self.shared.server.recv() {
                Ok(request) => {
                    self.answer(request);
                    return Ok(true);
                }
                // Unblocked by `stop`, or a connection failed before a
                // request was read: look at the flag again.
                Err(_) => continue,
            }
        }
    }

    fn answer(&self, request: Request) {
        let reply = self.reply(
            request.method(),
            request.url(),
            header_values(&request, "If-None-Match"),
        );
        // A client that went away is no concern of the server's.
        let _ = request.respond(reply.into_response());
    }

    fn reply(&self, method: &Method, url: &str, if_none_match: Vec<String>) -> Reply {
        if !matches!(method, Method::Get | Method::Head) {
            return Reply::status(405, "method not allowed\n")
                .header("Allow", "GET, HEAD")
                .header("Cache-Control", "no-store");
        }
        let path = url.split(['?', '#']).next().unwrap_or("");
        if path == "/" {
            return match list_feeds(&self.dir) {
                Ok(names) => {
                    let mut body = String::new();
                    for name in names {
                        body.push_str(&format!("{}\n", self.url(&name)));
                    }
                    Reply::status(200, body)
                        .header("Content-Type", "text/plain; charset=utf-8")
                        .header("Cache-Control", "no-cache")
                }
                Err(_) => Reply::status(500, "cannot list feeds\n"),
            };
        }
        let Some(name) = path.strip_prefix('/').and_then(feed_name) else {
            return not_found();
        };
        let Some(feed) = self.read_feed(&name) else {
            return not_found();
        };
        let etag = etag(&feed.bytes);
        let mut reply = if if_none_match.iter().any(|v| etag_matches(v, &etag)) {
            Reply::status(304, Vec::new())
        } else {
            Reply::status(200, feed.bytes).header("Content-Type", CALENDAR_CONTENT_TYPE)
        };
        reply = reply
            .header("ETag", &etag)
            .header("Cache-Control", "no-cache");
        if let Some(modified) = feed.modified {
            reply = reply.header("Last-Modified", &http_date(modified));
        }
        reply
    }

    /// The bytes of the feed `name` (already checked by [`feed_name`]), and
    /// when it was last modified; `None` when there is no such regular file
    /// inside the folder.
    fn read_feed(&self, name: &str) -> Option<Feed> {
        let path = self.dir.join(name);
        let real = path.canonicalize().ok()?;
        if real.parent() != Some(self.dir.as_path()) {
            return None;
        }
        let mut file = File::open(&real).ok()?;
        // Metadata and bytes from the same handle: one version of the file.
        let meta = file.metadata().ok()?;
        if !meta.is_file() {
            return None;
        }
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        file.read_to_end(&mut bytes).ok()?;
        Some(Feed {
            bytes,
            modified: meta.modified().ok().map(DateTime::<Utc>::from),
        })
    }
}

struct Feed {
    bytes: Vec<u8>,
    modified: Option<DateTime<Utc>>,
}

/// A response before it is handed to `tiny_http`.
struct Reply {
    status: u16,
    headers: Vec<Header>,
    body: Vec<u8>,
}

impl Reply {
    fn status(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    fn header(mut self, name: &str, value: &str) -> Reply {
        // Only fails on non-ASCII, which none of ours are.
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            self.headers.push(header);
        }
        self
    }

    fn into_response(self) -> Response<std::io::Cursor<Vec<u8>>> {
        let mut response = Response::from_data(self.body).with_status_code(self.status);
        for header in self.headers {
            response.add_header(header);
        }
        response
    }
}

fn not_found() -> Reply {
    Reply::status(404, "not found\n")
        .header("Content-Type", "text/plain; charset=utf-8")
        .header("Cache-Control", "no-cache")
}

fn io_error(message: String) -> Error {
    Error::new(ErrorKind::Io, message)
}

/// Every value of the header `name` in `request`.
fn header_values(request: &Request, name: &'static str) -> Vec<String> {
    request
        .headers()
        .iter()
        .filter(|h| h.field.equiv(name))
        .map(|h| h.value.as_str().to_owned())
        .collect()
}

/// The `.ics` files directly in `dir`, sorted by name.
fn list_feeds(dir: &Path) -> Result<Vec<String>> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| io_error(format!("read {}: {e}", dir.display())))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io_error(format!("read {}: {e}", dir.display())))?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if feed_name(&name).as_deref() == Some(name.as_str())
            && entry
                .file_type()
                .is_ok_and(|t| t.is_file() || t.is_symlink())
        {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// The file name a request path segment names, if it is an acceptable feed
/// name: percent-decoded, ending in `.ics`, with no path separator, no `..`,
/// no leading dot and no control character.
fn feed_name(segment: &str) -> Option<String> {
    let name = percent_decode(segment)?;
    let stem = name.strip_suffix(".ics")?;
    let acceptable = !stem.is_empty()
        && !name.starts_with('.')
        && !name.contains("..")
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control);
    acceptable.then_some(name)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The strong entity tag of `bytes`: their 64-bit FNV-1a hash and length,
/// quoted (`"cbf29ce484222325-0"`).
pub fn etag(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("\"{hash:016x}-{:x}\"", bytes.len())
}

/// Whether an `If-None-Match` header value matches `etag` by the weak
/// comparison (RFC 9110 §13.1.2): `*`, or any listed tag whose opaque part
/// equals `etag`'s, with or without `W/`.
pub fn etag_matches(if_none_match: &str, etag: &str) -> bool {
    let value = if_none_match.trim();
    if value == "*" {
        return true;
    }
    let wanted = opaque_tag(etag);
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c == ',' || c.is_ascii_whitespace());
        if rest.is_empty() {
            return false;
        }
        let tag = rest.strip_prefix("W/").unwrap_or(rest);
        let Some(quoted) = tag.strip_prefix('"') else {
            // Not an entity tag: skip to the next list element.
            match rest.find(',') {
                Some(i) => {
                    rest = &rest[i..];
                    continue;
                }
                None => return false,
            }
        };
        let Some(end) = quoted.find('"') else {
            return false;
        };
        if Some(&quoted[..end]) == wanted {
            return true;
        }
        rest = &quoted[end + 1..];
    }
}

/// The part of an entity tag between the quotes.
fn opaque_tag(etag: &str) -> Option<&str> {
    let etag = etag.trim();
    let etag = etag.strip_prefix("W/").unwrap_or(etag);
    etag.strip_prefix('"')?.strip_suffix('"')
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(feed_name("civil.ics").as_deref(), Some("civil.ics"));
        assert_eq!(feed_name("my%20case.ics").as_deref(), Some("my case.ics"));
        for bad in [
            "",
            ".ics",
            "..ics",
            ".hidden.ics",
            "../x.ics",
            "a/b.ics",
            "a%2Fb.ics",
            "a%2fb.ics",
            "..%2Fx.ics",
            "a\\b.ics",
            "Cargo.toml",
            "x.ics.txt",
            "x%.ics",
            "x%zz.ics",
            "x%00.ics",
        ] {
            assert_eq!(feed_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn etags() {
        let tag = etag(b"BEGIN:VCALENDAR");
        assert!(tag.starts_with('"') && tag.ends_with('"'));
        assert_ne!(tag, etag(b"BEGIN:VCALENDAR\r\n"));
        assert_eq!(etag(b""), "\"cbf29ce484222325-0\"");
        assert!(etag_matches(&tag, &tag));
        assert!(etag_matches("*", &tag));
        assert!(etag_matches(&format!("W/{tag}"), &tag));
        assert!(etag_matches(&format!("\"x\", W/\"y\" ,{tag}"), &tag));
        assert!(etag_matches(&format!("\"a,b\", {tag}"), &tag));
        assert!(!etag_matches("\"x\", W/\"y\"", &tag));
        assert!(!etag_matches("", &tag));
        assert!(!etag_matches("garbage", &tag));
        assert!(!etag_matches("\"unterminated", &tag));
    }

    #[test]
    fn dates() {
        let at = DateTime::<Utc>::from_timestamp(784_111_777, 0).unwrap();
        assert_eq!(http_date(at), "Sun, 06 Nov 1994 08:49:37 GMT");
    }
}
