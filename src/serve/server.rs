//! The server: binding, the accept loop, limits and shutdown.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

use super::app;
use super::feeds::{percent_encode, Feeds};
use super::send_timeout::SendTimeout;
use crate::{Error, ErrorKind, Result};

/// What one client may hold of a [`FeedServer`]: connections, time, bytes.
///
/// Start from [`Limits::default`] and change fields:
///
/// ```
/// use std::time::Duration;
/// use docket::serve::Limits;
///
/// let mut limits = Limits::default();
/// limits.max_connections = 64;
/// limits.send_timeout = Duration::from_secs(10);
/// assert_eq!(limits.header_timeout, Duration::from_secs(30));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Connections served at once (default 1,024, at least 1); a connection
    /// past it is answered `503 Service Unavailable` and closed.
    pub max_connections: usize,
    /// Time for a client to send a request's headers, counted from the end
    /// of the previous response on a kept-alive connection, so it is also
    /// how long an idle connection stays open (default 30 s).
    pub header_timeout: Duration,
    /// Time a response may wait on a client that reads nothing before the
    /// connection is closed (default 30 s), counted afresh after each write.
    pub send_timeout: Duration,
    /// Time to answer one request (default 30 s): past it, `503`.
    pub request_timeout: Duration,
    /// Bytes of a request's line and headers (default 16 KiB; at least 8 KiB).
    pub max_header_bytes: usize,
    /// Bytes of a request body (default 64 KiB), except a docket's: past
    /// it, `413`.
    pub max_body_bytes: usize,
    /// Bytes of a docket sent to the API (`/v1/schedule`, `/v1/reschedule`,
    /// `/v1/ics`, `/v1/check`; default 1 MiB, real dockets being a few
    /// KiB): past it, `413`.
    pub max_docket_bytes: usize,
    /// Computations of the API run at once (default: the number of cores);
    /// more wait their turn within [`Limits::request_timeout`].
    pub max_jobs: usize,
    /// Bytes of a feed file served (default 64 MiB): a larger one is `500`.
    pub max_feed_bytes: u64,
    /// Bytes of feeds kept in memory between changes (default 64 MiB).
    pub cache_bytes: usize,
    /// Time that connections in flight get to finish after a stop
    /// (default 5 s).
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 1024,
            header_timeout: Duration::from_secs(30),
            send_timeout: Duration::from_secs(30),
            request_timeout: Duration::from_secs(30),
            max_header_bytes: 16 * 1024,
            max_body_bytes: 64 * 1024,
            max_docket_bytes: 1024 * 1024,
            max_jobs: std::thread::available_parallelism().map_or(2, usize::from),
            max_feed_bytes: 64 * 1024 * 1024,
            cache_bytes: 64 * 1024 * 1024,
            shutdown_grace: Duration::from_secs(5),
        }
    }
}

/// An HTTP server for the `.ics` files of one folder, bound to an address.
///
/// Bind it with [`FeedServer::bind`], then run [`FeedServer::serve_forever`]
/// (its own tokio runtime, typically on its own thread) or `.await`
/// [`FeedServer::run`] on a tokio runtime of yours; a [`StopHandle`] from
/// [`FeedServer::stop_handle`] ends either from elsewhere.
///
/// # Example
/// ```
/// use std::io::{Read, Write};
/// use docket::serve::FeedServer;
///
/// # let dir = std::env::temp_dir().join(format!("docket-feedserver-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("demo.ics"), "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").unwrap();
/// // Port 0: any free port.
/// let server = FeedServer::bind(&dir, "127.0.0.1:0")?;
/// let addr = server.local_addr();
/// assert_eq!(server.feeds()?, ["demo.ics"]);
/// let stop = server.stop_handle();
/// let running = std::thread::spawn(move || server.serve_forever());
///
/// let mut conn = std::net::TcpStream::connect(addr).unwrap();
/// conn.write_all(b"GET /feeds/demo.ics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
/// let mut answer = String::new();
/// conn.read_to_string(&mut answer).unwrap();
/// assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
///
/// stop.stop();
/// running.join().unwrap()?;
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), docket::Error>(())
/// ```
pub struct FeedServer {
    feeds: Arc<Feeds>,
    listener: std::net::TcpListener,
    addr: SocketAddr,
    limits: Limits,
    stop: StopHandle,
}

impl std::fmt::Debug for FeedServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FeedServer")
            .field("dir", &self.feeds.dir())
            .field("addr", &self.addr)
            .field("limits", &self.limits)
            .finish()
    }
}

/// Stops a running [`FeedServer`] from another thread or task.
///
/// Cloneable; stopping is idempotent and final. The server stops accepting
/// at once; requests in flight get [`Limits::shutdown_grace`] to finish.
#[derive(Clone, Debug)]
pub struct StopHandle {
    stopped: Arc<watch::Sender<bool>>,
}

impl StopHandle {
    /// Makes [`FeedServer::run`] (and [`FeedServer::serve_forever`]) return
    /// once the connections in flight are done or their grace is over.
    pub fn stop(&self) {
        self.stopped.send_replace(true);
    }
}

/// Connections being answered `503` at once.
const MAX_REFUSING: usize = 64;

/// Answers `503` on a connection past the limit and closes it, within a
/// second: the request is read and dropped, so that closing does not reset
/// the connection and lose the answer.
async fn refuse(mut stream: tokio::net::TcpStream) {
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        stream.write_all(app::BUSY).await?;
        stream.shutdown().await?;
        let mut sink = [0u8; 1024];
        while stream.read(&mut sink).await? > 0 {}
        Ok::<(), std::io::Error>(())
    })
    .await;
}

/// Resolves once the server is stopped.
async fn stopped(stop: &mut watch::Receiver<bool>) {
    // An error means the handle is gone, and with it any way to stop.
    if stop.wait_for(|stopped| *stopped).await.is_err() {
        std::future::pending::<()>().await;
    }
}

fn io_error(message: String) -> Error {
    Error::new(ErrorKind::Io, message)
}

impl FeedServer {
    /// Serves the folder `dir` on `addr` (`"127.0.0.1:8080"`; port `0` picks a
    /// free one, see [`FeedServer::local_addr`]), with [`Limits::default`].
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
        let listener =
            std::net::TcpListener::bind(addr).map_err(|e| io_error(format!("bind {addr}: {e}")))?;
        let local = listener
            .local_addr()
            .and_then(|a| listener.set_nonblocking(true).map(|()| a))
            .map_err(|e| io_error(format!("bind {addr}: {e}")))?;
        let limits = Limits::default();
        let (stopped, _) = watch::channel(false);
        Ok(FeedServer {
            feeds: Arc::new(Feeds::new(
                dir,
                local.to_string(),
                limits.max_feed_bytes,
                limits.cache_bytes,
            )),
            listener,
            addr: local,
            limits,
            stop: StopHandle {
                stopped: Arc::new(stopped),
            },
        })
    }

    /// The same server with these limits.
    pub fn with_limits(self, limits: Limits) -> FeedServer {
        FeedServer {
            feeds: Arc::new(Feeds::new(
                self.feeds.dir().to_path_buf(),
                self.addr.to_string(),
                limits.max_feed_bytes,
                limits.cache_bytes,
            )),
            limits,
            ..self
        }
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The address the server listens on (with the real port when bound to
    /// port `0`).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The folder served (canonical path).
    pub fn dir(&self) -> &Path {
        self.feeds.dir()
    }

    /// The URL of the feed file `name`
    /// (`"http://127.0.0.1:8080/feeds/civil.ics"`).
    pub fn url(&self, name: &str) -> String {
        format!("http://{}/feeds/{}", self.addr, percent_encode(name))
    }

    /// The names of the feeds served: the `.ics` regular files of the
    /// folder, without links or dotfiles, sorted.
    pub fn feeds(&self) -> Result<Vec<String>> {
        self.feeds.list()
    }

    /// A handle that stops the server from another thread or task.
    pub fn stop_handle(&self) -> StopHandle {
        self.stop.clone()
    }

    /// Serves on a tokio runtime of its own (as many worker threads as
    /// cores) until stopped through a [`StopHandle`].
    pub fn serve_forever(&self) -> Result<()> {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| io_error(format!("start the server's runtime: {e}")))?
            .block_on(self.run())
    }

    /// Serves until stopped through a [`StopHandle`]; `.await` it on a
    /// tokio runtime with I/O and time enabled.
    ///
    /// Each connection is served on its own task; a failing connection (a
    /// client that hangs up, times out or sends garbage) ends alone.
    pub async fn run(&self) -> Result<()> {
        let listener = self
            .listener
            .try_clone()
            .and_then(tokio::net::TcpListener::from_std)
            .map_err(|e| io_error(format!("listen on {}: {e}", self.addr)))?;
        let router = app::router(Arc::clone(&self.feeds), &self.limits);
        let service = TowerToHyperService::new(
            ServiceExt::<hyper::Request<hyper::body::Incoming>>::map_response(router, app::finish),
        );
        let mut http = http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(self.limits.header_timeout)
            .max_buf_size(self.limits.max_header_bytes.max(8192))
            .keep_alive(true);
        let max = self
            .limits
            .max_connections
            .clamp(1, Semaphore::MAX_PERMITS.min(u32::MAX as usize));
        let permits = Arc::new(Semaphore::new(max));
        let refusals = Arc::new(Semaphore::new(MAX_REFUSING));
        let (grace, send_timeout) = (self.limits.shutdown_grace, self.limits.send_timeout);
        let mut stop = self.stop.stopped.subscribe();
        loop {
            let stream = tokio::select! {
                biased;
                () = stopped(&mut stop) => break,
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    // Out of file descriptors, or a connection reset before
                    // it was accepted: breathe, then go on.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    }
                },
            };
            let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
                // Answered 503 by a few short-lived tasks; past them, dropped.
                if let Ok(refusing) = Arc::clone(&refusals).try_acquire_owned() {
                    tokio::spawn(async move {
                        let _refusing = refusing;
                        refuse(stream).await;
                    });
                }
                continue;
            };
            let _ = stream.set_nodelay(true);
            let io = TokioIo::new(SendTimeout::new(stream, send_timeout));
            let conn = http.serve_connection(io, service.clone());
            let mut stop = stop.clone();
            tokio::spawn(async move {
                let _permit = permit;
                let mut conn = std::pin::pin!(conn);
                tokio::select! {
                    _ = conn.as_mut() => {}
                    () = stopped(&mut stop) => {
                        conn.as_mut().graceful_shutdown();
                        let _ = tokio::time::timeout(grace, conn).await;
                    }
                }
            });
        }
        drop(listener);
        // Every connection has given its permit back, or its grace is over.
        let all = u32::try_from(max).unwrap_or(u32::MAX);
        let _ =
            tokio::time::timeout(grace + Duration::from_secs(1), permits.acquire_many(all)).await;
        Ok(())
    }
}
