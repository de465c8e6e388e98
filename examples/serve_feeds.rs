//! Serve a folder of iCalendar feeds for calendar subscriptions.
//!
//! ```text
//! cargo run --features serve --example serve_feeds -- [DIR] [ADDR]
//! ```
//!
//! `DIR` defaults to `feeds/` and `ADDR` to `127.0.0.1:8080`. Prints the URL
//! of each feed, then serves until Ctrl-C. Generate feeds with
//! `docket ics DOCKET --out-dir feeds`.

use std::path::PathBuf;
use std::process::ExitCode;

use docket::serve::FeedServer;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let dir = args
        .next()
        .map_or_else(|| PathBuf::from("feeds"), PathBuf::from);
    let addr = match args.next().map(|a| a.into_string()) {
        None => "127.0.0.1:8080".to_owned(),
        Some(Ok(addr)) => addr,
        Some(Err(addr)) => {
            eprintln!("serve_feeds: address {addr:?} is not valid UTF-8");
            return ExitCode::from(2);
        }
    };
    if args.next().is_some() {
        eprintln!("usage: serve_feeds [DIR] [ADDR]");
        return ExitCode::from(2);
    }

    if !dir.is_dir() {
        eprintln!(
            "serve_feeds: no feed folder {}\n\
             generate feeds first, e.g.: docket ics DIR --out-dir {}",
            dir.display(),
            dir.display()
        );
        return ExitCode::from(2);
    }

    let server = match FeedServer::bind(&dir, &addr) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("serve_feeds: {e}");
            return ExitCode::FAILURE;
        }
    };
    let feeds = match server.feeds() {
        Ok(feeds) => feeds,
        Err(e) => {
            eprintln!("serve_feeds: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "serving {} on http://{}/feeds/ (Ctrl-C to stop)",
        server.dir().display(),
        server.local_addr()
    );
    if feeds.is_empty() {
        println!(
            "no .ics files yet; add some with: docket ics DIR --out-dir {}",
            dir.display()
        );
    }
    for name in &feeds {
        println!("{}", server.url(name));
    }

    match server.serve_forever() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("serve_feeds: {e}");
            ExitCode::FAILURE
        }
    }
}
