//! The feed folder: which names are feeds, the cache of their versions, and
//! the `/feeds/` routes.
//!
//! Every request for a feed costs one `lstat` of its path: when the file's
//! modification time, length, inode and device are those of the cached
//! version, the cached validators (`ETag`, `Last-Modified`) and bytes answer
//! it; otherwise the file is read once, from one open handle, and becomes the
//! cached version. A feed that its writer replaces atomically (a temporary
//! file, then a rename) is thus served whole, old or new.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

use axum::body::{Body, Bytes};
use axum::extract::{Path as UrlPath, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, HOST, LAST_MODIFIED};
use axum::http::uri::Authority;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::conditional::{etag, not_modified, whole_seconds};
use super::CALENDAR_CONTENT_TYPE;
use crate::{Error, ErrorKind, Result};

/// At most this many names in a listing.
const MAX_LISTED: usize = 10_000;
/// At most this many feeds in the cache (it starts afresh past it).
const MAX_CACHED: usize = 10_000;

/// The served folder and the cache of its feeds' versions.
pub(crate) struct Feeds {
    dir: PathBuf,
    /// The address the server listens on, for listings without `Host`.
    local: String,
    max_feed_bytes: u64,
    cache_bytes: usize,
    cache: RwLock<Cache>,
}

#[derive(Default)]
struct Cache {
    versions: HashMap<String, Arc<Version>>,
    /// The bytes of every cached version, added up.
    bytes: usize,
}

/// What identifies one version of a file without reading it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct FileKey {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
    device: u64,
}

impl FileKey {
    fn of(meta: &std::fs::Metadata) -> FileKey {
        #[cfg(unix)]
        let (inode, device) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ino(), meta.dev())
        };
        #[cfg(not(unix))]
        let (inode, device) = (0, 0);
        FileKey {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
            device,
        }
    }
}

/// One version of a feed file, with its validators.
struct Version {
    key: FileKey,
    etag: HeaderValue,
    /// The modification time in whole seconds, and as an HTTP date.
    modified: Option<(SystemTime, HeaderValue)>,
    body: Bytes,
}

/// Why a feed cannot be served.
enum Refusal {
    /// No such regular file (missing, a link, a folder, a device...).
    Missing,
    /// Larger than the server's limit.
    TooLarge,
}

impl Feeds {
    pub(crate) fn new(
        dir: PathBuf,
        local: String,
        max_feed_bytes: u64,
        cache_bytes: usize,
    ) -> Self {
        Feeds {
            dir,
            local,
            max_feed_bytes,
            cache_bytes,
            cache: RwLock::new(Cache::default()),
        }
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The cached version of `name` if the file has not changed since.
    fn cached(&self, name: &str) -> std::result::Result<Option<Arc<Version>>, Refusal> {
        let Ok(meta) = std::fs::symlink_metadata(self.dir.join(name)) else {
            return Err(Refusal::Missing);
        };
        if !meta.file_type().is_file() {
            return Err(Refusal::Missing);
        }
        let key = FileKey::of(&meta);
        let cache = self.cache.read().unwrap_or_else(|e| e.into_inner());
        Ok(cache
            .versions
            .get(name)
            .filter(|v| v.key == key)
            .map(Arc::clone))
    }

    /// Reads `name` afresh and caches it (blocking).
    fn load(&self, name: &str) -> std::result::Result<Arc<Version>, Refusal> {
        let path = self.dir.join(name);
        let link = std::fs::symlink_metadata(&path).map_err(|_| Refusal::Missing)?;
        if !link.file_type().is_file() {
            return Err(Refusal::Missing);
        }
        let mut file = File::open(&path).map_err(|_| Refusal::Missing)?;
        // Metadata and bytes from the same handle: one version of the file,
        // and the very file that `lstat` saw (not a link swapped in since).
        let meta = file.metadata().map_err(|_| Refusal::Missing)?;
        let key = FileKey::of(&meta);
        let seen = FileKey::of(&link);
        if !meta.is_file() || (key.inode, key.device) != (seen.inode, seen.device) {
            return Err(Refusal::Missing);
        }
        if meta.len() > self.max_feed_bytes {
            return Err(Refusal::TooLarge);
        }
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        (&mut file)
            .take(self.max_feed_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|_| Refusal::Missing)?;
        if bytes.len() as u64 > self.max_feed_bytes {
            return Err(Refusal::TooLarge);
        }
        let modified = key.modified.map(whole_seconds).and_then(|at| {
            HeaderValue::from_str(&httpdate::fmt_http_date(at))
                .ok()
                .map(|v| (at, v))
        });
        let version = Arc::new(Version {
            key,
            etag: HeaderValue::from_str(&etag(&bytes)).map_err(|_| Refusal::Missing)?,
            modified,
            body: Bytes::from(bytes),
        });
        self.remember(name, &version);
        Ok(version)
    }

    fn remember(&self, name: &str, version: &Arc<Version>) {
        let size = version.body.len();
        if size > self.cache_bytes {
            return;
        }
        let mut cache = self.cache.write().unwrap_or_else(|e| e.into_inner());
        if let Some(old) = cache.versions.remove(name) {
            cache.bytes -= old.body.len();
        }
        if cache.bytes + size > self.cache_bytes || cache.versions.len() >= MAX_CACHED {
            *cache = Cache::default();
        }
        cache.bytes += size;
        cache.versions.insert(name.to_owned(), Arc::clone(version));
    }

    /// The current version of `name`, from the cache or read afresh.
    async fn version(self: &Arc<Self>, name: String) -> std::result::Result<Arc<Version>, Refusal> {
        if let Some(v) = self.cached(&name)? {
            return Ok(v);
        }
        let feeds = Arc::clone(self);
        tokio::task::spawn_blocking(move || feeds.load(&name))
            .await
            .unwrap_or(Err(Refusal::Missing))
    }

    /// The names of the feeds in the folder, sorted.
    pub(crate) fn list(&self) -> Result<Vec<String>> {
        list_feeds(&self.dir)
    }
}

/// The `.ics` regular files directly in `dir` (no links, no dotfiles),
/// sorted by name; at most [`MAX_LISTED`].
fn list_feeds(dir: &Path) -> Result<Vec<String>> {
    let io = |e: std::io::Error| Error::new(ErrorKind::Io, format!("read {}: {e}", dir.display()));
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        // `DirEntry::file_type` does not follow links.
        if is_feed_name(&name) && entry.file_type().is_ok_and(|t| t.is_file()) {
            names.push(name);
            if names.len() == MAX_LISTED {
                break;
            }
        }
    }
    names.sort();
    Ok(names)
}

/// Whether `name` (one decoded path segment) may name a feed: ending in
/// `.ics`, with no path separator, no `..`, no leading dot and no control
/// character.
pub(crate) fn is_feed_name(name: &str) -> bool {
    name.strip_suffix(".ics")
        .is_some_and(|stem| !stem.is_empty())
        && !name.starts_with('.')
        && !name.contains("..")
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
}

/// `name` percent-encoded for a URL path segment.
pub(crate) fn percent_encode(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `GET /feeds/{name}`: the feed, or `304 Not Modified`.
pub(crate) async fn feed(
    State(feeds): State<Arc<Feeds>>,
    UrlPath(name): UrlPath<String>,
    request: Request,
) -> Response {
    let headers = request.headers();
    if !is_feed_name(&name) {
        return not_found();
    }
    let version = match feeds.version(name).await {
        Ok(v) => v,
        Err(Refusal::Missing) => return not_found(),
        Err(Refusal::TooLarge) => {
            return text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "feed larger than the server's limit\n",
            )
        }
    };
    let etag = version.etag.to_str().unwrap_or_default();
    let fresh = not_modified(headers, etag, version.modified.as_ref().map(|m| m.0));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = Body::from(version.body.clone()).into_response();
        r.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static(CALENDAR_CONTENT_TYPE),
        );
        r
    };
    let h = response.headers_mut();
    h.insert(ETAG, version.etag.clone());
    if let Some((_, date)) = &version.modified {
        h.insert(LAST_MODIFIED, date.clone());
    }
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// `GET /feeds/`: the URL of every feed, one a line.
pub(crate) async fn listing(State(feeds): State<Arc<Feeds>>, headers: HeaderMap) -> Response {
    // The host the client asked for, when it is a well-formed authority.
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.parse::<Authority>().ok())
        .filter(|a| a.as_str().chars().all(|c| !c.is_whitespace()))
        .map_or_else(|| feeds.local.clone(), |a| a.as_str().to_owned());
    let lister = Arc::clone(&feeds);
    let names = tokio::task::spawn_blocking(move || lister.list()).await;
    let Ok(Ok(names)) = names else {
        return text(StatusCode::INTERNAL_SERVER_ERROR, "cannot list feeds\n");
    };
    let mut body = String::new();
    for name in names {
        body.push_str(&format!("http://{host}/feeds/{}\n", percent_encode(&name)));
    }
    text(StatusCode::OK, body)
}

/// A plain-text response that caches nothing.
pub(crate) fn text(status: StatusCode, body: impl Into<Body>) -> Response {
    let mut r = (status, body.into()).into_response();
    let h = r.headers_mut();
    h.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

pub(crate) fn not_found() -> Response {
    text(StatusCode::NOT_FOUND, "not found\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(is_feed_name("civil.ics"));
        assert!(is_feed_name("my case.ics"));
        for bad in [
            "",
            ".ics",
            "..ics",
            ".hidden.ics",
            "../x.ics",
            "a/b.ics",
            "a\\b.ics",
            "c:x.ics",
            "Cargo.toml",
            "x.ics.txt",
            "x\0.ics",
            "x\n.ics",
        ] {
            assert!(!is_feed_name(bad), "{bad:?}");
        }
        assert_eq!(percent_encode("my case.ics"), "my%20case.ics");
    }

    #[test]
    fn a_version_is_read_once_per_change() {
        let dir = std::env::temp_dir().join(format!("docket-feed-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.ics"), "one").unwrap();
        let feeds = Feeds::new(dir.clone(), "local".into(), 1 << 20, 1 << 20);
        assert!(matches!(feeds.cached("a.ics"), Ok(None)));
        let Ok(first) = feeds.load("a.ics") else {
            panic!("load")
        };
        assert_eq!(first.body.as_ref(), b"one");
        // Unchanged: the same version, not read again.
        let Ok(Some(again)) = feeds.cached("a.ics") else {
            panic!("cached")
        };
        assert!(Arc::ptr_eq(&first, &again));
        // Changed: no longer the cached version.
        std::fs::write(dir.join("a.ics"), "two!").unwrap();
        assert!(matches!(feeds.cached("a.ics"), Ok(None)));
        assert!(matches!(feeds.cached("gone.ics"), Err(Refusal::Missing)));
        // Limits: a feed over the size limit is refused; one over the cache
        // budget is served but not kept.
        let small = Feeds::new(dir.clone(), "local".into(), 3, 1 << 20);
        assert!(matches!(small.load("a.ics"), Err(Refusal::TooLarge)));
        let tight = Feeds::new(dir.clone(), "local".into(), 1 << 20, 3);
        assert!(tight.load("a.ics").is_ok());
        assert!(matches!(tight.cached("a.ics"), Ok(None)));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
