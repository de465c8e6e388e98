//! The page of `docket serve` in a real browser: headless Chromium (the
//! Debian package), driven over the DevTools protocol. It loads a shared
//! link and checks the date shown, fills the calculator for another case,
//! and opens a docket: schedule, filter, what-if, `.ics`.
//!
//! Without Chromium the test says so and passes, unless `DOCKET_BROWSER_TEST`
//! is `require` (as `.ci/run` sets it, after installing `chromium`).

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use docket::serve::Limits;
use serde_json::{json, Value};
use tungstenite::{Message, WebSocket};

use super::serve::{cleanup, temp_feeds, Running};

/// How long the browser may take to start, and a page to show an answer
/// (the machine may be loaded).
const START: Duration = Duration::from_secs(90);
const ANSWER: Duration = Duration::from_secs(45);

fn chromium() -> Option<String> {
    if let Ok(p) = std::env::var("DOCKET_CHROMIUM") {
        return Some(p);
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .map(str::to_string)
}

/// Chromium, killed and its profile removed when dropped.
struct Browser {
    child: Child,
    profile: std::path::PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Starts headless Chromium; the browser's DevTools websocket URL.
fn launch(binary: &str) -> (Browser, String) {
    let profile = std::env::temp_dir().join(format!("docket-chromium-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).unwrap();
    let mut child = Command::new(binary)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The URL comes on stderr; read it on a thread so a silent browser
    // cannot hang the test.
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(i) = line.find("ws://") {
                let _ = tx.send(line[i..].trim().to_string());
            }
        }
    });
    let browser = Browser { child, profile };
    let url = rx
        .recv_timeout(START)
        .unwrap_or_else(|_| panic!("chromium printed no DevTools URL within {START:?}"));
    (browser, url)
}

/// A DevTools session on one page.
struct Page {
    ws: WebSocket<TcpStream>,
    session: String,
    next: u64,
}

impl Page {
    fn open(url: &str) -> Page {
        let host = url
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let stream = TcpStream::connect(&host).unwrap();
        stream.set_read_timeout(Some(ANSWER)).unwrap();
        stream.set_write_timeout(Some(ANSWER)).unwrap();
        let (ws, _) = tungstenite::client(url, stream).unwrap();
        let mut page = Page {
            ws,
            session: String::new(),
            next: 0,
        };
        let target = page.call("Target.createTarget", json!({ "url": "about:blank" }));
        let attached = page.call(
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        page.session = attached["sessionId"].as_str().unwrap().to_string();
        page.call("Page.enable", json!({}));
        page.call("Runtime.enable", json!({}));
        page
    }

    /// Sends a command (on the page's session once attached) and waits for
    /// its result, skipping events.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if !self.session.is_empty() {
            msg["sessionId"] = self.session.clone().into();
        }
        self.ws.send(Message::Text(msg.to_string().into())).unwrap();
        let deadline = Instant::now() + ANSWER;
        loop {
            assert!(Instant::now() < deadline, "no answer to {method}");
            let Message::Text(text) = self.ws.read().unwrap() else {
                continue;
            };
            let v: Value = serde_json::from_str(text.as_str()).unwrap();
            if v["id"] == id {
                assert!(v.get("error").is_none(), "{method}: {v}");
                return v["result"].clone();
            }
        }
    }

    /// Evaluates a JavaScript expression in the page; its value.
    fn eval(&mut self, expression: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        assert!(r.get("exceptionDetails").is_none(), "{expression}: {r}");
        r["result"]["value"].clone()
    }

    /// Waits until `expression` is `want`; fails with what it last was.
    fn wait_for(&mut self, expression: &str, want: &Value) {
        let deadline = Instant::now() + ANSWER;
        let mut last = Value::Null;
        while Instant::now() < deadline {
            last = self.eval(expression);
            if &last == want {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let problems = self.eval(
            "[...document.querySelectorAll('.problems li')].map(e => e.textContent).join('; ')",
        );
        panic!("{expression}: {last} after {ANSWER:?}, not {want} (problems shown: {problems})");
    }

    fn navigate(&mut self, url: &str) {
        self.call("Page.navigate", json!({ "url": url }));
    }
}

/// Sets a form control's value as a user would (with input and change events).
fn set(id: &str, value: &str) -> String {
    format!(
        "(() => {{ const e = document.getElementById({id:?}); e.value = {value:?}; \
         e.dispatchEvent(new Event('input', {{bubbles: true}})); \
         e.dispatchEvent(new Event('change', {{bubbles: true}})); return e.value; }})()"
    )
}

#[test]
fn the_page_in_a_browser() {
    let Some(binary) = chromium() else {
        let required = std::env::var("DOCKET_BROWSER_TEST").is_ok_and(|v| v == "require");
        assert!(
            !required,
            "DOCKET_BROWSER_TEST=require but no chromium (apt-get install chromium)"
        );
        eprintln!("browser test skipped: no /usr/bin/chromium (apt-get install chromium, or set DOCKET_CHROMIUM)");
        return;
    };
    let feeds = temp_feeds("browser");
    let server = Running::start(&feeds, Limits::default());
    let base = format!("http://{}", server.addr);
    let (browser, ws) = launch(&binary);
    let mut page = Page::open(&ws);

    // A shared link computes on load.
    page.navigate(&format!("{base}/?court=nysb&from=2009-04-16&days=14"));
    page.wait_for(
        "document.getElementById('due-date')?.textContent",
        &json!("2009-04-30"),
    );
    assert_eq!(
        page.eval("document.getElementById('due-weekday').textContent"),
        json!("Thursday")
    );
    assert_eq!(
        page.eval("document.getElementById('court').value"),
        json!("nysb")
    );
    assert_eq!(
        page.eval("document.getElementById('amount').value"),
        json!("14")
    );
    let steps = page.eval("document.querySelectorAll('#due-steps li').length");
    assert!(steps.as_u64().unwrap() >= 1, "{steps}");

    // Filling the form for another case: the date, and the link to it.
    page.wait_for(
        "document.querySelectorAll('#court-list option').length > 100",
        &json!(true),
    );
    for (id, value) in [
        ("court", "nysd"),
        ("from", "2025-01-29"),
        ("amount", "14"),
        ("unit", "days"),
        ("service", "mail"),
    ] {
        assert_eq!(page.eval(&set(id, value)), json!(value), "{id}");
    }
    page.wait_for(
        "document.getElementById('court-name').textContent.includes('Southern District of New York')",
        &json!(true),
    );
    page.eval("document.getElementById('due-form').requestSubmit()");
    page.wait_for(
        "document.getElementById('due-date').textContent",
        &json!("2025-02-18"),
    );
    let search = page.eval("location.search");
    let search = search.as_str().unwrap();
    for part in ["court=nysd", "from=2025-01-29", "days=14", "service=mail"] {
        assert!(search.contains(part), "{search}");
    }
    // Every reading, with its question, reason and citations.
    page.navigate(&format!("{base}/?court=federal&from=2009-12-10&days=14"));
    page.wait_for(
        "document.getElementById('due-date')?.textContent",
        &json!("2009-12-24"),
    );
    assert_eq!(
        page.eval("document.getElementById('due-readings-box').hidden"),
        json!(false)
    );
    let reading = page.eval("document.querySelector('#due-readings tbody tr').textContent");
    assert!(
        reading.as_str().unwrap().contains("2009-12-28"),
        "{reading}"
    );
    // A bad question: its problem, and the field marked.
    page.eval(&set("amount", "-3"));
    page.eval("document.getElementById('due-form').requestSubmit()");
    page.wait_for(
        "document.getElementById('amount').getAttribute('aria-invalid')",
        &json!("true"),
    );
    let shown = page.eval("document.getElementById('due-problems').textContent");
    assert!(
        shown.as_str().unwrap().contains("cannot be negative"),
        "{shown}"
    );

    // A docket: its schedule, a filter, what-if, the .ics.
    let lexington = std::fs::read_to_string(format!(
        "{}/examples/data/lexington.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    page.eval(&set("docket-text", &lexington));
    page.eval("document.getElementById('docket-form').requestSubmit()");
    page.wait_for(
        "document.querySelectorAll('#schedule tbody tr').length > 10",
        &json!(true),
    );
    let caption = page.eval("document.getElementById('docket-caption').textContent");
    assert!(caption.as_str().unwrap().contains("Lexington"), "{caption}");
    page.wait_for(
        "document.getElementById('ics-download').href.startsWith('blob:')",
        &json!(true),
    );
    page.eval(&set("filter-party", "lenders"));
    page.eval(&set("filter-to", "2009-05-15"));
    page.eval("document.getElementById('filter-form').requestSubmit()");
    page.wait_for(
        "[...document.querySelectorAll('#schedule tbody tr')].every(r => !r.textContent.includes('Bullet summary'))",
        &json!(true),
    );
    page.eval(&set("filter-party", ""));
    page.eval("document.getElementById('filter-form').requestSubmit()");
    page.wait_for(
        "[...document.querySelectorAll('#schedule tbody tr')].some(r => r.textContent.includes('Bullet summary'))",
        &json!(true),
    );
    page.eval(&set("change-action", "extend"));
    page.eval(&set("change-target", "bullet-summary"));
    page.eval(&set("change-to", "2009-04-24"));
    page.eval(&set("change-on", "2009-04-20"));
    page.eval("document.getElementById('change-form').requestSubmit()");
    page.wait_for(
        "document.querySelector('#diff-moved tbody tr')?.textContent.includes('2009-04-24') ?? false",
        &json!(true),
    );

    drop(page);
    drop(browser);
    drop(server);
    cleanup(&feeds);
}
