//! `docket::serve` and `docket serve`: a folder of feeds served over
//! loopback HTTP, fetched with a hand-written HTTP/1.x client so that every
//! byte on the wire is the server's.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use docket::serve::{FeedServer, Limits, StopHandle};

const CIVIL: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docket//test//EN\r\n\
                     BEGIN:VEVENT\r\nUID:civil-1\r\nDTSTAMP:20250101T000000Z\r\n\
                     DTSTART;VALUE=DATE:20250115\r\nSUMMARY:Answer due\r\n\
                     END:VEVENT\r\nEND:VCALENDAR\r\n";
const APPEAL: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docket//test//EN\r\n\
                      END:VCALENDAR\r\n";

/// A generous bound for anything that should take milliseconds.
pub(crate) const LIVENESS: Duration = Duration::from_secs(10);

// ---- a small HTTP/1.x client -------------------------------------------

pub(crate) struct Reply {
    pub(crate) version: String,
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub(crate) fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect_timeout(&addr, LIVENESS).unwrap();
    stream.set_read_timeout(Some(LIVENESS)).unwrap();
    stream.set_write_timeout(Some(LIVENESS)).unwrap();
    stream
}

pub(crate) fn request(method: &str, path: &str, version: &str, extra: &[(&str, &str)]) -> String {
    let mut r = format!("{method} {path} {version}\r\n");
    for (name, value) in extra {
        r.push_str(&format!("{name}: {value}\r\n"));
    }
    r.push_str("\r\n");
    r
}

/// Reads one response; `head` for the answer to a `HEAD`.
pub(crate) fn read_reply(reader: &mut impl BufRead, head: bool) -> std::io::Result<Reply> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    let mut parts = line.trim_end().splitn(3, ' ');
    let version = parts.next().unwrap_or_default().to_owned();
    let status = parts
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("status line {line:?}"));
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap();
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let mut reply = Reply {
        version,
        status,
        headers,
        body: Vec::new(),
    };
    if head || matches!(status, 204 | 304) {
        return Ok(reply);
    }
    if let Some(n) = reply.header("Content-Length") {
        let mut body = vec![0; n.parse().unwrap()];
        reader.read_exact(&mut body)?;
        reply.body = body;
    } else if reply
        .header("Transfer-Encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
    {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size)?;
            let size = usize::from_str_radix(size.trim(), 16).unwrap();
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk)?;
            if size == 0 {
                break;
            }
            reply.body.extend_from_slice(&chunk[..size]);
        }
    } else {
        reader.read_to_end(&mut reply.body)?;
    }
    Ok(reply)
}

/// One request on a fresh connection that the client closes after it.
pub(crate) fn fetch(addr: SocketAddr, method: &str, path: &str, extra: &[(&str, &str)]) -> Reply {
    let mut stream = connect(addr);
    let mut headers = vec![("Host", "feeds.test"), ("Connection", "close")];
    headers.extend_from_slice(extra);
    stream
        .write_all(request(method, path, "HTTP/1.1", &headers).as_bytes())
        .unwrap();
    read_reply(&mut BufReader::new(stream), method == "HEAD").unwrap()
}

pub(crate) fn get(addr: SocketAddr, path: &str) -> Reply {
    fetch(addr, "GET", path, &[])
}

/// Whether the server closes `stream` within `within` (EOF or reset), reading
/// and dropping whatever arrives before; the number of bytes read.
fn closed_within(stream: &mut TcpStream, within: Duration) -> Option<usize> {
    stream.set_read_timeout(Some(within)).unwrap();
    let start = Instant::now();
    let mut buf = vec![0; 1 << 16];
    let mut total = 0;
    while start.elapsed() < within {
        match stream.read(&mut buf) {
            Ok(0) => return Some(total),
            Ok(n) => total += n,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return Some(total),
            Err(_) => return None,
        }
    }
    None
}

// ---- a server on a thread ----------------------------------------------

pub(crate) struct Running {
    pub(crate) addr: SocketAddr,
    stop: StopHandle,
    thread: Option<JoinHandle<docket::Result<()>>>,
}

impl Running {
    pub(crate) fn start(dir: &Path, limits: Limits) -> Running {
        let server = FeedServer::bind(dir, "127.0.0.1:0")
            .unwrap()
            .with_limits(limits);
        let addr = server.local_addr();
        assert!(addr.ip().is_loopback() && addr.port() != 0);
        let stop = server.stop_handle();
        let thread = Some(std::thread::spawn(move || server.serve_forever()));
        Running { addr, stop, thread }
    }

    /// Stops the server; how long it took to return.
    pub(crate) fn stop(&mut self) -> Duration {
        let start = Instant::now();
        self.stop.stop();
        if let Some(t) = self.thread.take() {
            t.join().unwrap().unwrap();
        }
        start.elapsed()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.stop();
    }
}

/// Replaces `path` atomically, as a feed writer does.
fn write_atomically(path: &Path, contents: &[u8]) {
    let tmp = path.with_extension("ics.tmp");
    std::fs::write(&tmp, contents).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// A fresh folder `feeds/` (with civil.ics and appeal.ics) inside a fresh
/// folder that also holds secret.ics, which must never be reachable.
pub(crate) fn temp_feeds(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("docket-serve-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let feeds = dir.join("feeds");
    std::fs::create_dir_all(&feeds).unwrap();
    std::fs::write(dir.join("secret.ics"), APPEAL).unwrap();
    write_atomically(&feeds.join("civil.ics"), CIVIL.as_bytes());
    write_atomically(&feeds.join("appeal.ics"), APPEAL.as_bytes());
    std::fs::write(feeds.join("notes.txt"), "not a feed").unwrap();
    feeds
}

pub(crate) fn cleanup(feeds: &Path) {
    let _ = std::fs::remove_dir_all(feeds.parent().unwrap());
}

pub(crate) fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

// ---- behaviour -----------------------------------------------------------

#[test]
fn feeds_carry_validators_and_answer_conditional_requests() {
    let feeds = temp_feeds("validators");
    let mut server = Running::start(&feeds, Limits::default());
    let addr = server.addr;

    // A feed: 200, calendar type, strong ETag, Last-Modified, the exact bytes.
    let first = get(addr, "/feeds/civil.ics");
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
    let modified = first.header("Last-Modified").expect("Last-Modified");
    assert!(modified.ends_with(" GMT"), "{modified}");
    let modified = modified.to_owned();
    let length = CIVIL.len().to_string();
    assert_eq!(first.header("Content-Length"), Some(length.as_str()));
    assert_eq!(first.body, CIVIL.as_bytes());

    // HEAD: same headers, no body.
    let head = fetch(addr, "HEAD", "/feeds/civil.ics", &[]);
    assert_eq!(head.status, 200);
    assert_eq!(head.header("ETag"), Some(etag.as_str()));
    assert_eq!(head.header("Content-Length"), Some(length.as_str()));

    // Unchanged: 304 with the validators, no body and no Content-Length, for
    // the tag, a list, W/, *, and for If-Modified-Since at or after the date.
    let conditions = [
        ("If-None-Match", etag.clone()),
        ("If-None-Match", format!("\"other\", {etag}")),
        ("If-None-Match", format!("W/{etag}")),
        ("If-None-Match", "*".to_owned()),
        ("If-Modified-Since", modified.clone()),
        (
            "If-Modified-Since",
            "Fri, 01 Jan 2100 00:00:00 GMT".to_owned(),
        ),
    ];
    for (name, value) in &conditions {
        let mut stream = connect(addr);
        let req = request(
            "GET",
            "/feeds/civil.ics",
            "HTTP/1.1",
            &[("Host", "x"), ("Connection", "close"), (name, value)],
        );
        stream.write_all(req.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8(raw).unwrap();
        assert!(raw.starts_with("HTTP/1.1 304 "), "{name}: {value}: {raw}");
        assert!(raw.ends_with("\r\n\r\n"), "a 304 has no body: {raw}");
        assert!(
            !raw.to_ascii_lowercase().contains("content-length"),
            "{raw}"
        );
        assert!(raw.contains(&format!("etag: {etag}\r\n")), "{raw}");
        assert!(
            raw.contains(&format!("last-modified: {modified}\r\n")),
            "{raw}"
        );
    }
    // Changed since, another tag, or a tag that does not match while the date
    // does (If-None-Match decides): the feed.
    for (name, value) in [
        ("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"),
        ("If-Modified-Since", "not a date"),
        ("If-None-Match", "\"other\""),
    ] {
        let r = fetch(addr, "GET", "/feeds/civil.ics", &[(name, value)]);
        assert_eq!(
            (r.status, r.body.as_slice()),
            (200, CIVIL.as_bytes()),
            "{value}"
        );
    }
    let both = fetch(
        addr,
        "GET",
        "/feeds/civil.ics",
        &[
            ("If-None-Match", "\"other\""),
            ("If-Modified-Since", &modified),
        ],
    );
    assert_eq!(both.status, 200);

    // Rewritten with other bytes: 200, a new tag; the old one no longer matches.
    let changed = CIVIL.replace("Answer due", "Reply due");
    write_atomically(&feeds.join("civil.ics"), changed.as_bytes());
    let after = fetch(addr, "GET", "/feeds/civil.ics", &[("If-None-Match", &etag)]);
    assert_eq!(after.status, 200);
    let new_etag = after.header("ETag").expect("ETag").to_owned();
    assert_ne!(new_etag, etag);
    assert_eq!(after.body, changed.as_bytes());

    // Changed in place, same length: the file's change is seen.
    let same_len = changed.replace("Reply due", "Reply dux");
    std::fs::write(feeds.join("civil.ics"), &same_len).unwrap();
    let in_place = fetch(
        addr,
        "GET",
        "/feeds/civil.ics",
        &[("If-None-Match", &new_etag)],
    );
    assert_eq!(in_place.status, 200);
    assert_eq!(in_place.body, same_len.as_bytes());
    let in_place_tag = in_place.header("ETag").unwrap().to_owned();

    // Rewritten with the same bytes: the same tag (it names the bytes), so
    // subscribers keep getting 304.
    write_atomically(&feeds.join("civil.ics"), same_len.as_bytes());
    let same = fetch(
        addr,
        "GET",
        "/feeds/civil.ics",
        &[("If-None-Match", &in_place_tag)],
    );
    assert_eq!(same.status, 304);

    // The other feed has its own tag.
    let appeal = get(addr, "/feeds/appeal.ics");
    assert_eq!(appeal.status, 200);
    assert_eq!(appeal.body, APPEAL.as_bytes());
    assert_ne!(appeal.header("ETag"), Some(in_place_tag.as_str()));

    assert!(server.stop() < LIVENESS);
    cleanup(&feeds);
}

#[test]
fn only_regular_feed_files_are_listed_or_served() {
    let feeds = temp_feeds("refusals");
    // A link to a feed inside the folder, one to the secret outside, a
    // dotfile, a folder named like a feed, and a name that needs encoding.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(feeds.join("civil.ics"), feeds.join("link.ics")).unwrap();
        std::os::unix::fs::symlink(feeds.join("../secret.ics"), feeds.join("out.ics")).unwrap();
    }
    std::fs::write(feeds.join(".hidden.ics"), CIVIL).unwrap();
    std::fs::create_dir(feeds.join("folder.ics")).unwrap();
    std::fs::write(feeds.join("my case.ics"), APPEAL).unwrap();
    let server = Running::start(&feeds, Limits::default());
    let addr = server.addr;

    let index = get(addr, "/feeds/");
    assert_eq!(index.status, 200);
    assert_eq!(
        index.header("Content-Type"),
        Some("text/plain; charset=utf-8")
    );
    let listing = String::from_utf8(index.body).unwrap();
    assert_eq!(
        listing.lines().collect::<Vec<_>>(),
        [
            "http://feeds.test/feeds/appeal.ics",
            "http://feeds.test/feeds/civil.ics",
            "http://feeds.test/feeds/my%20case.ics",
        ]
    );
    assert_eq!(get(addr, "/feeds").status, 200);
    assert_eq!(get(addr, "/feeds/my%20case.ics").body, APPEAL.as_bytes());
    // Without a Host (HTTP/1.0), the listing names the bound address.
    let mut s = connect(addr);
    s.write_all(b"GET /feeds/ HTTP/1.0\r\n\r\n").unwrap();
    let plain = read_reply(&mut BufReader::new(s), false).unwrap();
    assert!(String::from_utf8(plain.body)
        .unwrap()
        .starts_with(&format!("http://{addr}/feeds/appeal.ics\n")));

    // The root is the page.
    let root = get(addr, "/");
    assert_eq!(root.status, 200);
    assert_eq!(
        root.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );

    for path in [
        "/feeds/link.ics",
        "/feeds/out.ics",
        "/feeds/.hidden.ics",
        "/feeds/%2Ehidden.ics",
        "/feeds/folder.ics",
        "/feeds/../secret.ics",
        "/feeds/..%2Fsecret.ics",
        "/feeds/%2E%2E%2Fsecret.ics",
        "/feeds/%2e%2e/secret.ics",
        "/feeds/..%5Csecret.ics",
        "/../secret.ics",
        "/feeds/../../Cargo.toml",
        "/feeds/missing.ics",
        "/feeds/notes.txt",
        "/feeds/civil.ics.tmp",
        "/feeds/.ics",
        "/feeds/civil.ics/",
        "/feeds/civil.ics/x",
        "/civil.ics",
        "/feeds/x%00.ics",
    ] {
        let r = get(addr, path);
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.body, b"not found\n", "{path}");
    }

    // Other methods.
    let post = fetch(addr, "POST", "/feeds/civil.ics", &[("Content-Length", "0")]);
    assert_eq!(post.status, 405);
    let allow = post.header("Allow").unwrap_or_default();
    assert!(allow.contains("GET") && allow.contains("HEAD"), "{allow}");
    drop(server);
    cleanup(&feeds);
}

#[test]
fn gzip_for_clients_that_accept_it() {
    let feeds = temp_feeds("gzip");
    let big = CIVIL.repeat(50);
    write_atomically(&feeds.join("big.ics"), big.as_bytes());
    let server = Running::start(&feeds, Limits::default());
    let addr = server.addr;

    let plain = get(addr, "/feeds/big.ics");
    let strong = plain.header("ETag").unwrap().to_owned();
    assert_eq!(plain.header("Content-Encoding"), None);

    let zipped = fetch(
        addr,
        "GET",
        "/feeds/big.ics",
        &[("Accept-Encoding", "gzip")],
    );
    assert_eq!(zipped.status, 200);
    assert_eq!(zipped.header("Content-Encoding"), Some("gzip"));
    assert!(zipped
        .header("Vary")
        .is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding")));
    // Not the bytes the strong tag names: a weak tag.
    assert_eq!(zipped.header("ETag"), Some(format!("W/{strong}").as_str()));
    assert!(zipped.body.len() < big.len() / 5, "{}", zipped.body.len());
    assert_eq!(gunzip(&zipped.body), big.as_bytes());

    // The weak tag revalidates.
    let again = fetch(
        addr,
        "GET",
        "/feeds/big.ics",
        &[
            ("Accept-Encoding", "gzip"),
            ("If-None-Match", &format!("W/{strong}")),
        ],
    );
    assert_eq!(again.status, 304);

    // Over HTTP/1.0 the compressed body ends with the connection.
    let mut s = connect(addr);
    s.write_all(b"GET /feeds/big.ics HTTP/1.0\r\nAccept-Encoding: gzip\r\n\r\n")
        .unwrap();
    let old = read_reply(&mut BufReader::new(s), false).unwrap();
    assert_eq!(old.status, 200);
    assert_eq!(old.header("Transfer-Encoding"), None);
    assert_eq!(gunzip(&old.body), big.as_bytes());
    drop(server);
    cleanup(&feeds);
}

#[test]
fn http_1_0_and_keep_alive() {
    let feeds = temp_feeds("versions");
    let server = Running::start(&feeds, Limits::default());
    let addr = server.addr;

    // HTTP/1.0 without Host: the feed, then the server closes.
    let mut s = connect(addr);
    s.write_all(b"GET /feeds/civil.ics HTTP/1.0\r\n\r\n")
        .unwrap();
    let mut reader = BufReader::new(s);
    let r = read_reply(&mut reader, false).unwrap();
    assert_eq!((r.version.as_str(), r.status), ("HTTP/1.0", 200));
    assert_eq!(r.body, CIVIL.as_bytes());
    let mut rest = Vec::new();
    assert_eq!(reader.read_to_end(&mut rest).unwrap(), 0, "closed after");

    // HTTP/1.1: many requests on one connection.
    let mut s = connect(addr);
    let mut reader = BufReader::new(s.try_clone().unwrap());
    let mut etag = String::new();
    for i in 0..20 {
        let cond: &[(&str, &str)] = if i % 2 == 0 {
            &[]
        } else {
            &[("If-None-Match", &etag)]
        };
        let mut headers = vec![("Host", "x")];
        headers.extend_from_slice(cond);
        s.write_all(request("GET", "/feeds/civil.ics", "HTTP/1.1", &headers).as_bytes())
            .unwrap();
        let r = read_reply(&mut reader, false).unwrap();
        if i % 2 == 0 {
            assert_eq!((r.status, r.body.as_slice()), (200, CIVIL.as_bytes()));
            etag = r.header("ETag").unwrap().to_owned();
        } else {
            assert_eq!(r.status, 304);
        }
    }
    drop(server);
    cleanup(&feeds);
}

#[test]
fn a_client_that_never_reads_delays_no_one() {
    let feeds = temp_feeds("slow");
    // Far more than the socket buffers on both sides hold.
    let size = 24 << 20;
    let big: Vec<u8> = (0..size).map(|i| b"BEGIN:VEVENT\r\n"[i % 14]).collect();
    write_atomically(&feeds.join("big.ics"), &big);
    let mut limits = Limits::default();
    limits.send_timeout = Duration::from_secs(2);
    let mut server = Running::start(&feeds, limits);
    let addr = server.addr;

    // Asks for the big feed, then reads nothing.
    let mut stalled = connect(addr);
    stalled
        .write_all(request("GET", "/feeds/big.ics", "HTTP/1.1", &[("Host", "x")]).as_bytes())
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));

    // Everyone else is answered, on new connections and in parallel.
    let start = Instant::now();
    let others: Vec<_> = (0..4)
        .map(|_| {
            std::thread::spawn(move || {
                for _ in 0..10 {
                    assert_eq!(get(addr, "/feeds/civil.ics").body, CIVIL.as_bytes());
                }
            })
        })
        .collect();
    for t in others {
        t.join().unwrap();
    }
    assert!(start.elapsed() < LIVENESS, "{:?}", start.elapsed());

    // Past the send time-out the stalled connection is closed: reading now
    // gets what the buffers held, not the whole feed.
    std::thread::sleep(Duration::from_secs(3));
    let got = closed_within(&mut stalled, LIVENESS).expect("closed by the server");
    assert!(got < size, "{got} of {size} bytes");
    assert!(server.stop() < LIVENESS);
    cleanup(&feeds);
}

#[test]
fn idle_connections_and_slow_headers_time_out() {
    let feeds = temp_feeds("idle");
    let mut limits = Limits::default();
    limits.header_timeout = Duration::from_secs(1);
    let server = Running::start(&feeds, limits);
    let addr = server.addr;

    // Connects and says nothing.
    let mut silent = connect(addr);
    let start = Instant::now();
    assert!(closed_within(&mut silent, LIVENESS).is_some());
    assert!(start.elapsed() >= Duration::from_millis(900));

    // One request, then idle on a kept-alive connection.
    let mut idle = connect(addr);
    idle.write_all(request("GET", "/feeds/civil.ics", "HTTP/1.1", &[("Host", "x")]).as_bytes())
        .unwrap();
    let mut reader = BufReader::new(idle.try_clone().unwrap());
    assert_eq!(read_reply(&mut reader, false).unwrap().status, 200);
    assert!(closed_within(&mut idle, LIVENESS).is_some());

    // Headers a byte at a time, forever: closed once the time is up,
    // whatever the trickle.
    let mut slow = connect(addr);
    slow.write_all(b"GET /feeds/civil.ics HTTP/1.1\r\n")
        .unwrap();
    let start = Instant::now();
    let mut cut = false;
    while start.elapsed() < LIVENESS {
        if slow.write_all(b"X").is_err() {
            cut = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        slow.set_nonblocking(true).unwrap();
        let mut b = [0; 512];
        let read = slow.read(&mut b);
        slow.set_nonblocking(false).unwrap();
        match read {
            Ok(_) => {
                cut = true;
                break;
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(_) => {
                cut = true;
                break;
            }
        }
    }
    assert!(cut, "a trickle of header bytes kept the connection open");
    drop(server);
    cleanup(&feeds);
}

#[test]
fn connections_headers_and_bodies_are_bounded() {
    let feeds = temp_feeds("bounds");
    let mut limits = Limits::default();
    limits.max_connections = 2;
    limits.max_body_bytes = 1024;
    let server = Running::start(&feeds, limits);
    let addr = server.addr;

    // Two connections held open: the third is refused with 503 at once.
    let first = connect(addr);
    let second = connect(addr);
    // Both accepted (the server answers on them).
    for s in [&first, &second] {
        let mut w = s.try_clone().unwrap();
        w.write_all(request("GET", "/feeds/civil.ics", "HTTP/1.1", &[("Host", "x")]).as_bytes())
            .unwrap();
        let r = read_reply(&mut BufReader::new(s.try_clone().unwrap()), false).unwrap();
        assert_eq!(r.status, 200);
    }
    let busy = get(addr, "/feeds/civil.ics");
    assert_eq!(busy.status, 503);
    assert_eq!(busy.header("Retry-After"), Some("1"));
    // One gone: served again (the slot frees as its task ends).
    drop(first);
    let start = Instant::now();
    loop {
        let r = get(addr, "/feeds/civil.ics");
        if r.status == 200 {
            break;
        }
        assert!(start.elapsed() < LIVENESS, "still {}", r.status);
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(second);

    // A body over the limit: 413, unread.
    let start = Instant::now();
    let over = loop {
        let r = fetch(
            addr,
            "GET",
            "/feeds/civil.ics",
            &[("Content-Length", "4096")],
        );
        if r.status != 503 || start.elapsed() > LIVENESS {
            break r;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(over.status, 413);

    // Headers over the limit: 431, or the connection is cut.
    let mut s = connect(addr);
    let huge = "x".repeat(64 * 1024);
    let _ = s.write_all(
        request(
            "GET",
            "/feeds/civil.ics",
            "HTTP/1.1",
            &[("Host", "x"), ("X-Huge", &huge)],
        )
        .as_bytes(),
    );
    match read_reply(&mut BufReader::new(s), false) {
        Ok(r) => assert_eq!(r.status, 431),
        Err(e) => assert!(
            matches!(
                e.kind(),
                std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset
            ),
            "{e}"
        ),
    }
    drop(server);
    cleanup(&feeds);
}

/// Many clients at once, bounded in count: every answer right.
#[test]
fn load_on_loopback() {
    let feeds = temp_feeds("load");
    let mut server = Running::start(&feeds, Limits::default());
    let addr = server.addr;
    let etag = get(addr, "/feeds/civil.ics")
        .header("ETag")
        .unwrap()
        .to_owned();
    let start = Instant::now();
    let clients: Vec<_> = (0..8)
        .map(|c| {
            let etag = etag.clone();
            std::thread::spawn(move || {
                // Half the clients keep one connection, half open one per request.
                let mut kept = (c % 2 == 0).then(|| {
                    let s = connect(addr);
                    (s.try_clone().unwrap(), BufReader::new(s))
                });
                let mut counts = [0usize; 3];
                for i in 0..150 {
                    let (path, cond) = match i % 3 {
                        0 => ("/feeds/civil.ics", None),
                        1 => ("/feeds/civil.ics", Some(etag.as_str())),
                        _ => ("/feeds/none.ics", None),
                    };
                    let mut headers = vec![("Host", "x")];
                    if let Some(tag) = cond {
                        headers.push(("If-None-Match", tag));
                    }
                    let r = match &mut kept {
                        Some((w, reader)) => {
                            w.write_all(request("GET", path, "HTTP/1.1", &headers).as_bytes())
                                .unwrap();
                            read_reply(reader, false).unwrap()
                        }
                        None => fetch(addr, "GET", path, &headers[1..]),
                    };
                    match i % 3 {
                        0 => assert_eq!((r.status, r.body.as_slice()), (200, CIVIL.as_bytes())),
                        1 => assert_eq!((r.status, r.body.len()), (304, 0)),
                        _ => assert_eq!(r.status, 404),
                    }
                    counts[i % 3] += 1;
                }
                counts
            })
        })
        .collect();
    let mut total = [0; 3];
    for c in clients {
        for (t, n) in total.iter_mut().zip(c.join().unwrap()) {
            *t += n;
        }
    }
    assert_eq!(total, [400, 400, 400]);
    assert!(start.elapsed() < Duration::from_secs(60));
    assert!(server.stop() < LIVENESS);
    cleanup(&feeds);
}

#[test]
fn stopping_closes_idle_connections_and_returns() {
    let feeds = temp_feeds("stop");
    let mut server = Running::start(&feeds, Limits::default());
    let addr = server.addr;
    let mut kept = connect(addr);
    kept.write_all(request("GET", "/feeds/civil.ics", "HTTP/1.1", &[("Host", "x")]).as_bytes())
        .unwrap();
    let mut reader = BufReader::new(kept.try_clone().unwrap());
    assert_eq!(read_reply(&mut reader, false).unwrap().status, 200);
    // Idle kept-alive connections do not hold the stop for their time-out.
    assert!(server.stop() < Duration::from_secs(5));
    assert!(closed_within(&mut kept, LIVENESS).is_some());
    // No longer listening.
    assert!(TcpStream::connect_timeout(&addr, Duration::from_secs(2))
        .map(|mut s| {
            let _ = s.write_all(b"GET /feeds/ HTTP/1.0\r\n\r\n");
            let mut b = Vec::new();
            s.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
            s.read_to_end(&mut b).map_or(true, |_| b.is_empty())
        })
        .unwrap_or(true));
    cleanup(&feeds);
}

#[test]
fn bind_reports_a_missing_folder() {
    let err = FeedServer::bind("/nonexistent/docket-feeds", "127.0.0.1:0").unwrap_err();
    assert_eq!(err.kind(), docket::ErrorKind::Io);
    assert!(err.to_string().contains("docket-feeds"), "{err}");
}

// ---- the command -----------------------------------------------------------

#[cfg(feature = "cli")]
#[test]
fn docket_serve_command() {
    use std::process::{Command, Stdio};

    let feeds = temp_feeds("cli");
    let mut child = Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(["serve", "--addr", "127.0.0.1:0", "--feeds"])
        .arg(&feeds)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("{line}"));
    assert!(url.ends_with("/feeds/"), "{line}");
    let addr: SocketAddr = url
        .trim_start_matches("http://")
        .trim_end_matches("/feeds/")
        .parse()
        .unwrap();
    let r = get(addr, "/feeds/civil.ics");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!((r.status, r.body.as_slice()), (200, CIVIL.as_bytes()));

    // A missing folder: one line, exit 2.
    let o = Command::new(env!("CARGO_BIN_EXE_docket"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--feeds",
            "/nonexistent/feeds",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.starts_with("docket: error: feed folder /nonexistent/feeds"),
        "{err}"
    );
    cleanup(&feeds);
}
