//! `docket serve`: the web page, the JSON API and a folder of iCalendar
//! feeds over HTTP.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use docket::serve::{FeedServer, Limits, StopHandle};
use docket::{Error, ErrorKind};

#[derive(Args)]
pub(crate) struct ServeArgs {
    /// The address to listen on (port 0 picks a free one, printed at start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub(crate) addr: String,
    /// The folder of .ics feeds, served under /feeds/ (write them with
    /// `docket ics DOCKETS --out-dir FEEDS`).
    #[arg(long, value_name = "DIR", default_value = "feeds")]
    pub(crate) feeds: PathBuf,
    /// Connections served at once; more get 503.
    #[arg(long, default_value_t = 1024)]
    pub(crate) max_connections: usize,
}

/// Serves until Ctrl-C (or SIGTERM), then lets requests in flight finish.
pub(crate) fn serve(a: ServeArgs) -> Result<crate::Out, Error> {
    let mut limits = Limits::default();
    limits.max_connections = a.max_connections;
    let server = FeedServer::bind(&a.feeds, &a.addr)?.with_limits(limits);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::new(ErrorKind::Io, format!("start the server: {e}")))?;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "serving {} on http://{}/feeds/ and the page and API on http://{}/ (Ctrl-C to stop)",
        server.dir().display(),
        server.local_addr(),
        server.local_addr()
    );
    let _ = out.flush();
    drop(out);
    runtime.block_on(async {
        tokio::spawn(stop_on_signal(server.stop_handle()));
        server.run().await
    })?;
    Ok(crate::Out::text(String::new()))
}

async fn stop_on_signal(stop: StopHandle) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let Ok(mut term) = signal(SignalKind::terminate()) else {
            let _ = tokio::signal::ctrl_c().await;
            stop.stop();
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
    stop.stop();
}
