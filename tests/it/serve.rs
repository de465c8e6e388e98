//! `docket::serve`: a folder of feeds served over loopback HTTP, fetched with
//! a hand-written HTTP/1.1 client.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use docket::serve::FeedServer;

const CIVIL: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docket//test//EN\r\n\
                     BEGIN:VEVENT\r\nUID:civil-1\r\nDTSTAMP:20250101T000000Z\r\n\
                     DTSTART;VALUE=DATE:20250115\r\nSUMMARY:Answer due\r\n\
                     END:VEVENT\r\nEND:VCALENDAR\r\n";
const APPEAL: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docket//test//EN\r\n\
                      END:VCALENDAR\r\n";

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One request on a fresh connection (`Connection: close`), read to EOF.
fn fetch(addr: SocketAddr, method: &str, path: &str, extra: &[(&str, &str)]) -> Reply {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in extra {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();

    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = std::str::from_utf8(&raw[..split]).unwrap();
    let body = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("status line {status_line:?}"));
    let headers = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap();
            (name.trim().to_owned(), value.trim().to_owned())
        })
        .collect();
    Reply {
        status,
        headers,
        body,
    }
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    fetch(addr, "GET", path, &[])
}

/// Replaces `path` atomically, as a feed writer does.
fn write_atomically(path: &Path, contents: &str) {
    let tmp = path.with_extension("ics.tmp");
    std::fs::write(&tmp, contents).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn temp_feeds() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("docket-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let feeds = dir.join("feeds");
    std::fs::create_dir_all(&feeds).unwrap();
    // A file beside the folder, which must never be reachable.
    std::fs::write(dir.join("secret.ics"), APPEAL).unwrap();
    write_atomically(&feeds.join("civil.ics"), CIVIL);
    write_atomically(&feeds.join("appeal.ics"), APPEAL);
    std::fs::write(feeds.join("notes.txt"), "not a feed").unwrap();
    feeds
}

#[test]
fn serves_feeds_with_etags() {
    let feeds = temp_feeds();
    let server = FeedServer::bind(&feeds, "127.0.0.1:0").unwrap();
    let addr = server.local_addr();
    assert!(addr.ip().is_loopback() && addr.port() != 0);
    let stop = server.stop_handle();
    let thread = std::thread::spawn(move || server.serve_forever());

    // A feed: 200, calendar type, strong ETag, the exact bytes.
    let first = get(addr, "/civil.ics");
    assert_eq!(first.status, 200);
    assert_eq!(
        first.header("Content-Type"),
        Some("text/calendar; charset=utf-8")
    );
    let etag = first.header("ETag").expect("ETag").to_owned();
    assert!(
        etag.starts_with('"') && etag.ends_with('"') && etag.len() > 2,
        "{etag}"
    );
    assert_eq!(first.header("Cache-Control"), Some("no-cache"));
    assert!(first.header("Last-Modified").is_some());
    assert_eq!(first.body, CIVIL.as_bytes());

    // HEAD: same headers, no body.
    let head = fetch(addr, "HEAD", "/civil.ics", &[]);
    assert_eq!(head.status, 200);
    assert_eq!(head.header("ETag"), Some(etag.as_str()));
    assert!(head.body.is_empty());

    // Unchanged: 304 with the ETag and no body, for the tag, a list, W/ and *.
    for condition in [
        etag.clone(),
        format!("\"other\", {etag}"),
        format!("W/{etag}"),
        "*".to_owned(),
    ] {
        let again = fetch(addr, "GET", "/civil.ics", &[("If-None-Match", &condition)]);
        assert_eq!(again.status, 304, "{condition}");
        assert_eq!(again.header("ETag"), Some(etag.as_str()));
        assert!(again.body.is_empty());
    }
    let other = fetch(addr, "GET", "/civil.ics", &[("If-None-Match", "\"other\"")]);
    assert_eq!(other.status, 200);
    assert_eq!(other.body, CIVIL.as_bytes());

    // Rewritten: 200, a new ETag, the new bytes; the old tag no longer matches.
    let changed = CIVIL.replace("Answer due", "Reply due");
    write_atomically(&feeds.join("civil.ics"), &changed);
    let after = fetch(addr, "GET", "/civil.ics", &[("If-None-Match", &etag)]);
    assert_eq!(after.status, 200);
    let new_etag = after.header("ETag").expect("ETag");
    assert_ne!(new_etag, etag);
    assert_eq!(after.body, changed.as_bytes());

    // The other feed has its own tag.
    let appeal = get(addr, "/appeal.ics");
    assert_eq!(appeal.status, 200);
    assert_eq!(appeal.body, APPEAL.as_bytes());
    assert_ne!(appeal.header("ETag"), Some(new_etag));

    // Never outside the folder, never a non-feed, never a missing feed.
    for path in [
        "/../Cargo.toml",
        "/../secret.ics",
        "/..%2Fsecret.ics",
        "/%2E%2E/secret.ics",
        "/missing.ics",
        "/notes.txt",
        "/feeds/civil.ics",
        "/civil.ics.tmp",
        "/.ics",
    ] {
        assert_eq!(get(addr, path).status, 404, "{path}");
    }

    // Other methods.
    let post = fetch(addr, "POST", "/civil.ics", &[("Content-Length", "0")]);
    assert_eq!(post.status, 405);
    assert_eq!(post.header("Allow"), Some("GET, HEAD"));

    // The index lists the feeds and nothing else.
    let index = get(addr, "/");
    assert_eq!(index.status, 200);
    let listing = String::from_utf8(index.body).unwrap();
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(
        lines,
        [
            format!("http://{addr}/appeal.ics"),
            format!("http://{addr}/civil.ics")
        ]
    );

    stop.stop();
    thread.join().unwrap().unwrap();
    let _ = std::fs::remove_dir_all(feeds.parent().unwrap());
}

#[test]
fn serve_requests_is_bounded() {
    let dir = std::env::temp_dir().join(format!("docket-serve-n-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    write_atomically(&dir.join("one.ics"), APPEAL);
    let server = FeedServer::bind(&dir, "127.0.0.1:0").unwrap();
    let addr = server.local_addr();
    let thread = std::thread::spawn(move || server.serve_requests(2));
    assert_eq!(get(addr, "/one.ics").status, 200);
    assert_eq!(get(addr, "/nope.ics").status, 404);
    assert_eq!(thread.join().unwrap().unwrap(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bind_reports_a_missing_folder() {
    let err = FeedServer::bind("/nonexistent/docket-feeds", "127.0.0.1:0").unwrap_err();
    assert_eq!(err.kind(), docket::ErrorKind::Io);
    assert!(err.to_string().contains("docket-feeds"), "{err}");
}
