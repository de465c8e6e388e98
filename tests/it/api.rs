//! The JSON API of `docket serve` (`/v1/`) and its page (`/`): each
//! endpoint answers what the command line prints, bad input is `400` with
//! structured problems, and bodies and work are bounded.

use std::io::{BufReader, Write};
use std::net::SocketAddr;

use docket::commands::{self, DocketText, DueQuery, ScheduleQuery, Style};
use docket::docket::Format;
use docket::serve::Limits;

use super::serve::{cleanup, connect, get, read_reply, request, temp_feeds, Reply, Running};

fn data(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/examples/data/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// A request with a body, on a fresh connection.
fn send(addr: SocketAddr, method: &str, path: &str, content_type: &str, body: &[u8]) -> Reply {
    let mut s = connect(addr);
    let len = body.len().to_string();
    let mut headers = vec![
        ("Host", "api.test"),
        ("Connection", "close"),
        ("Content-Length", len.as_str()),
    ];
    if !content_type.is_empty() {
        headers.push(("Content-Type", content_type));
    }
    s.write_all(request(method, path, "HTTP/1.1", &headers).as_bytes())
        .unwrap();
    // A server may answer (413) before reading the body, and close.
    let _ = s.write_all(body);
    read_reply(&mut BufReader::new(s), false).unwrap()
}

fn post(addr: SocketAddr, path: &str, content_type: &str, body: &str) -> Reply {
    send(addr, "POST", path, content_type, body.as_bytes())
}

fn text(r: &Reply) -> String {
    String::from_utf8(r.body.clone()).unwrap()
}

fn json(r: &Reply) -> serde_json::Value {
    serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("{e}: {}", text(r)))
}

/// A `400` with a problem about `field` that says `says`; that problem.
fn refused(r: &Reply, field: Option<&str>, says: &str) -> serde_json::Value {
    assert_eq!(r.status, 400, "{}", text(r));
    assert_eq!(
        r.header("Content-Type"),
        Some("application/json; charset=utf-8")
    );
    let v = json(r);
    for p in v["problems"].as_array().unwrap() {
        for key in ["file", "item", "field", "message"] {
            assert!(p.get(key).is_some(), "{key} missing: {v}");
        }
    }
    v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["field"].as_str() == field && p["message"].as_str().unwrap().contains(says))
        .unwrap_or_else(|| panic!("no problem about {field:?} saying {says:?}: {v}"))
        .clone()
}

fn start(tag: &str, limits: Limits) -> (Running, std::path::PathBuf) {
    let feeds = temp_feeds(tag);
    (Running::start(&feeds, limits), feeds)
}

#[test]
fn due_answers_what_the_command_prints() {
    let (server, feeds) = start("api-due", Limits::default());
    let addr = server.addr;
    let q = DueQuery {
        court: "nysb".into(),
        from: "2009-04-16".into(),
        days: Some(14),
        ..DueQuery::default()
    };
    let expected = commands::due(&q, Style::Fields).unwrap().json();
    let by_get = get(addr, "/v1/due?court=nysb&from=2009-04-16&days=14");
    assert_eq!(by_get.status, 200);
    assert_eq!(text(&by_get), expected);
    assert_eq!(json(&by_get)["due"], "2009-04-30");
    let by_post = post(
        addr,
        "/v1/due",
        "application/json",
        r#"{"court": "nysb", "from": "2009-04-16", "days": 14}"#,
    );
    assert_eq!(text(&by_post), expected);

    // Every option: a period before an event, service, readings, settling.
    let r = post(
        addr,
        "/v1/due",
        "application/json",
        r#"{"court": "federal", "from": "2009-12-10", "days": 14, "explain": true}"#,
    );
    let v = json(&r);
    assert_eq!(
        (v["due"].as_str(), v["latest"].as_str()),
        (Some("2009-12-24"), Some("2009-12-28"))
    );
    let reading = &v["readings"][0];
    for key in ["date", "question", "reason", "cites", "steps"] {
        assert!(reading.get(key).is_some(), "{key}: {v}");
    }
    let r = get(
        addr,
        "/v1/due?court=nysd&from=2025-01-29&days=14&service=mail&rules_as_of=2025-01-29",
    );
    assert_eq!(json(&r)["due"], "2025-02-18");
    let r = get(
        addr,
        "/v1/due?court=nysb&from=2010-04-30&days=7&before=true",
    );
    assert_eq!(json(&r)["due"], "2010-04-23");
    let r = get(addr, "/v1/due?court=nysd&from=2025-03-07T17:00&hours=24");
    assert_eq!(json(&r)["at"], "2025-03-10T17:00");
    // A rule's deadline, as `docket due --rule`.
    let r = get(addr, "/v1/due?court=nysd&from=2025-01-29&rule=frcp-59-e");
    let v = json(&r);
    assert_eq!(
        (v["due"].as_str(), v["rule"]["id"].as_str()),
        (Some("2025-02-26"), Some("frcp-59-e")),
        "{v}"
    );
    refused(
        &get(
            addr,
            "/v1/due?court=nysd&from=2025-01-29&rule=frcp-59-e&days=3",
        ),
        Some("days"),
        "days does not go with rule",
    );
    // Rule packs are files: the API reads none.
    refused(
        &get(
            addr,
            "/v1/due?court=nysd&from=2025-01-29&rule=frcp-59-e&pack=/etc/passwd",
        ),
        Some("pack"),
        "unknown option",
    );

    #[cfg(feature = "cli")]
    {
        let o = super::cli::docket(&[
            "due",
            "--court",
            "nysb",
            "--from",
            "2009-04-16",
            "--days",
            "14",
            "--json",
        ]);
        assert_eq!(String::from_utf8(o.stdout).unwrap(), expected);
        let o = super::cli::docket(&[
            "due",
            "--court",
            "nysd",
            "--from",
            "2025-01-29",
            "--rule",
            "frcp-59-e",
            "--json",
        ]);
        let r = get(addr, "/v1/due?court=nysd&from=2025-01-29&rule=frcp-59-e");
        assert_eq!(o.stdout, r.body);
    }
    drop(server);
    cleanup(&feeds);
}

#[test]
fn due_refuses_bad_input_naming_the_field() {
    let (server, feeds) = start("api-due-bad", Limits::default());
    let addr = server.addr;
    let cases: Vec<(Reply, Option<&str>, &str)> = vec![
        (
            get(addr, "/v1/due?court=nysb&from=2009-04-16&days=-14"),
            Some("days"),
            "days=-14: a period cannot be negative",
        ),
        (
            get(addr, "/v1/due?court=nysbx&from=2009-04-16&days=14"),
            Some("court"),
            "unknown court \"nysbx\" (did you mean \"nysb\"?)",
        ),
        (
            get(addr, "/v1/due?court=nysb&from=2009-02-30&days=14"),
            Some("from"),
            "\"2009-02-30\" is not a date",
        ),
        (
            get(addr, "/v1/due?court=nysb&from=2009-04-16"),
            None,
            "give a period: days, court_days, weeks, months, years or hours",
        ),
        (
            get(addr, "/v1/due?court=nysb&from=2009-04-16&days=3&weeks=1"),
            Some("days"),
            "give one period",
        ),
        (
            get(
                addr,
                "/v1/due?court=nysb&from=2009-04-16&days=3&service=pigeon",
            ),
            Some("service"),
            "unknown service method",
        ),
        (
            get(addr, "/v1/due?court=nysb&from=2009-04-16&dayz=3"),
            Some("dayz"),
            "unknown option",
        ),
        (
            get(addr, "/v1/due?court=nysb&from=2009-04-16&days=three"),
            Some("days"),
            "not a whole number",
        ),
        (
            post(addr, "/v1/due", "application/json", "{\"court\": "),
            None,
            "not JSON",
        ),
        (
            post(addr, "/v1/due", "application/json", "[1, 2]"),
            None,
            "expected an object",
        ),
        (
            post(
                addr,
                "/v1/due",
                "application/json",
                r#"{"court": {"id": "nysb"}}"#,
            ),
            Some("court"),
            "court: expected a string, number or boolean",
        ),
        (
            post(
                addr,
                "/v1/due?court=nysb",
                "application/json",
                r#"{"court": "nysb"}"#,
            ),
            None,
            "not both",
        ),
    ];
    for (r, field, says) in &cases {
        refused(r, *field, says);
    }
    // The kind says what went wrong in general.
    assert_eq!(json(&cases[8].0)["kind"], "parse");
    assert_eq!(json(&cases[2].0)["problems"].as_array().unwrap().len(), 1);
    assert_eq!(json(&cases[0].0)["kind"], "invalid");
    drop(server);
    cleanup(&feeds);
}

#[test]
fn docket_endpoints_take_toml_or_json_and_answer_what_the_commands_print() {
    let (server, feeds) = start("api-dockets", Limits::default());
    let addr = server.addr;
    let toml_text = data("lexington.toml");
    let input = DocketText::new(None, Format::Toml, toml_text.clone());
    let docket = input.parse().unwrap();
    let json_text = docket.to_json_string().unwrap();

    // schedule: the same bytes as the library (and the command), TOML or JSON.
    let q = ScheduleQuery {
        to: Some("2009-05-15".into()),
        party: Some("lenders".into()),
        ..ScheduleQuery::default()
    };
    let expected = commands::schedule(&input, &q, Style::Fields)
        .unwrap()
        .json()
        .unwrap();
    let path = "/v1/schedule?to=2009-05-15&party=lenders";
    let r = post(addr, path, "application/toml", &toml_text);
    assert_eq!((r.status, text(&r)), (200, expected.clone()));
    let r = post(addr, path, "application/json", &json_text);
    assert_eq!(text(&r), expected);
    // Unlabelled (or labelled as curl's -d does): told from the text.
    let r = post(addr, path, "", &json_text);
    assert_eq!(text(&r), expected);
    let r = post(addr, path, "application/x-www-form-urlencoded", &toml_text);
    assert_eq!(text(&r), expected);
    let v = json(&r);
    assert!(v["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["obligation"] == "status-report"));
    #[cfg(feature = "cli")]
    {
        let lex = format!(
            "{}/examples/data/lexington.toml",
            env!("CARGO_MANIFEST_DIR")
        );
        let o = super::cli::docket(&[
            "schedule",
            &lex,
            "--json",
            "--to",
            "2009-05-15",
            "--party",
            "lenders",
        ]);
        assert_eq!(String::from_utf8(o.stdout).unwrap(), expected);
    }

    // reschedule: what moves; nothing is written.
    let r = post(
        addr,
        "/v1/reschedule?extend=bullet-summary&to=2009-04-24&on=2009-04-20&by=Letter",
        "application/toml",
        &toml_text,
    );
    let v = json(&r);
    assert_eq!(r.status, 200, "{v}");
    assert_eq!(v["written"], false);
    assert_eq!(v["moved"][0]["to"], "2009-04-24");
    assert_eq!(v["change"]["by"], "Letter");

    // ics: the feed, with the alarms asked for.
    let r = post(
        addr,
        "/v1/ics?alarm=7&alarm=1",
        "application/toml",
        &toml_text,
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("Content-Type"),
        Some("text/calendar; charset=utf-8")
    );
    let feed = text(&r);
    assert!(feed.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(
        feed.contains("TRIGGER:-P7D") && feed.contains("TRIGGER:-P1D"),
        "{feed}"
    );
    let r = post(
        addr,
        "/v1/ics?party=Prepetition%20Senior%20Lenders",
        "",
        &toml_text,
    );
    assert!(!text(&r).contains("Bullet summary"));

    // check: the summary of a valid docket.
    let r = post(addr, "/v1/check", "application/toml", &toml_text);
    let v = json(&r);
    assert_eq!(v["files"][0]["case"], "lexington");
    assert_eq!(v["files"][0]["parties"].as_array().unwrap().len(), 4, "{v}");
    assert_eq!(v["problems"].as_array().unwrap().len(), 0);

    drop(server);
    cleanup(&feeds);
}

#[test]
fn docket_endpoints_refuse_bad_input() {
    let (server, feeds) = start("api-dockets-bad", Limits::default());
    let addr = server.addr;
    let lex = data("lexington.toml");
    let bad = "[case]\nid = \"x\"\ncourt = \"nysb\"\n[events.mediation]\ntitle = \"M\"\ndate = \"2009-04-29\"\n\
               [obligations.bullet-summary]\ntitle = \"B\"\ndue = { days = 7, before = \"mediaton\" }\n";
    // Every problem of an invalid docket, located.
    let r = post(addr, "/v1/check", "application/toml", bad);
    let p = refused(
        &r,
        Some("due.before"),
        "names unknown event or obligation \"mediaton\"",
    );
    assert_eq!(p["item"], "bullet-summary");
    assert!(p["file"].is_null());
    let r = post(addr, "/v1/schedule", "application/toml", bad);
    refused(&r, Some("due.before"), "mediaton");
    // Syntax errors, by line.
    let r = post(addr, "/v1/schedule", "application/toml", "[case\n");
    assert_eq!(json(&r)["kind"], "parse");
    let r = post(
        addr,
        "/v1/schedule",
        "application/json",
        "{\"case\": {\"id\": \"x\", \"id\": \"y\"}}",
    );
    assert_eq!(r.status, 400, "{}", text(&r));
    // Options, named as given.
    let r = post(addr, "/v1/schedule?party=judge", "application/toml", &lex);
    refused(
        &r,
        Some("party"),
        "no party \"judge\" (parties: committee, debtors, lenders, mediator)",
    );
    let r = post(
        addr,
        "/v1/schedule?from=2009-05-01&to=2009-04-01",
        "application/toml",
        &lex,
    );
    refused(&r, Some("from"), "from=2009-05-01 is after to=2009-04-01");
    let r = post(addr, "/v1/schedule?colour=red", "application/toml", &lex);
    refused(&r, Some("colour"), "unknown option");
    // reschedule errors name the options given, not the change's place in the log.
    let r = post(
        addr,
        "/v1/reschedule?extend=bulet-summary&to=2009-04-24&on=2009-04-20",
        "application/toml",
        &lex,
    );
    let p = refused(
        &r,
        Some("extend"),
        "extend=bulet-summary&to=2009-04-24&on=2009-04-20: ",
    );
    assert!(!p.to_string().contains("change 1"), "{p}");
    let r = post(
        addr,
        "/v1/reschedule?extend=bullet-summary",
        "application/toml",
        &lex,
    );
    refused(&r, Some("extend"), "extend needs to");
    let r = post(addr, "/v1/reschedule", "application/toml", &lex);
    refused(&r, None, "give exactly one of move, extend");
    let r = post(addr, "/v1/ics?method=REQUEST", "application/toml", &lex);
    refused(&r, Some("method"), "only PUBLISH");
    let r = post(addr, "/v1/ics?alarm=soon", "application/toml", &lex);
    refused(&r, Some("alarm"), "not a whole number");
    // Bodies that are no docket.
    let r = post(addr, "/v1/schedule", "text/html", &lex);
    refused(
        &r,
        None,
        "send a docket as application/toml or application/json",
    );
    let r = post(addr, "/v1/schedule", "application/toml", "  \n");
    refused(&r, None, "the body is empty");
    let r = send(
        addr,
        "POST",
        "/v1/schedule",
        "application/toml",
        b"[case]\nid = \"\xff\"\n",
    );
    refused(&r, None, "not UTF-8");
    // Routes and methods.
    let r = get(addr, "/v1/nothing");
    assert_eq!(r.status, 404);
    assert!(json(&r)["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("/v1/due"));
    assert_eq!(get(addr, "/v1/schedule").status, 405);
    drop(server);
    cleanup(&feeds);
}

#[cfg(feature = "cli")]
fn r_all(addr: SocketAddr) -> Vec<u8> {
    get(addr, "/v1/courts").body
}

#[test]
fn courts_are_listed() {
    let (server, feeds) = start("api-courts", Limits::default());
    let r = get(server.addr, "/v1/courts");
    assert_eq!(r.status, 200);
    let v = json(&r);
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), docket::calendar::courts().unwrap().len());
    let nysb = list.iter().find(|c| c["id"] == "nysb").unwrap();
    assert_eq!(nysb["state"], "NY");
    assert_eq!(nysb["family"], "bankruptcy");
    assert_eq!(nysb["time_zone"], "America/New_York");
    assert!(nysb["name"]
        .as_str()
        .unwrap()
        .contains("Southern District of New York"));
    assert_eq!(nysb["citation"], "Bankr. S.D.N.Y.");
    // A search, as `docket courts QUERY --json`.
    let r = get(server.addr, "/v1/courts?query=N.D.%20Ill.");
    let v = json(&r);
    assert!(
        v.as_array().unwrap().iter().any(|c| c["id"] == "ilnd"),
        "{v}"
    );
    assert!(v.as_array().unwrap().len() < list.len());
    refused(
        &get(server.addr, "/v1/courts?q=x"),
        Some("q"),
        "unknown option",
    );
    #[cfg(feature = "cli")]
    {
        let o = super::cli::docket(&["courts", "--json"]);
        assert_eq!(o.stdout, r_all(server.addr));
    }
    drop(server);
    cleanup(&feeds);
}

#[test]
fn bodies_are_bounded_per_route() {
    let mut limits = Limits::default();
    limits.max_body_bytes = 1024;
    limits.max_docket_bytes = 64 * 1024;
    limits.max_jobs = 1;
    let (server, feeds) = start("api-limits", limits);
    let addr = server.addr;
    // A docket past the small limit but within its own: answered.
    let mut lex = data("lexington.toml");
    lex.push_str(&format!("# {}\n", "padding ".repeat(1000)));
    assert!(lex.len() > 1024 && lex.len() < 64 * 1024);
    assert_eq!(
        post(addr, "/v1/check", "application/toml", &lex).status,
        200
    );
    // Past the docket limit: 413.
    let huge = format!("{lex}# {}\n", "x".repeat(64 * 1024));
    assert_eq!(
        post(addr, "/v1/schedule", "application/toml", &huge).status,
        413
    );
    // The calculator's body has the small limit.
    let big = format!(
        "{{\"court\": \"nysb\", \"from\": \"2009-04-16\", \"days\": 14, \"x\": \"{}\"}}",
        "y".repeat(2048)
    );
    assert_eq!(post(addr, "/v1/due", "application/json", &big).status, 413);
    // One computation at a time: concurrent requests wait their turn.
    let threads: Vec<_> = (0..4)
        .map(|_| {
            std::thread::spawn(move || get(addr, "/v1/due?court=nysb&from=2009-04-16&days=14"))
        })
        .collect();
    for t in threads {
        let r = t.join().unwrap();
        assert_eq!(r.status, 200);
    }
    drop(server);
    cleanup(&feeds);
}

#[test]
fn the_page_and_its_assets() {
    let (server, feeds) = start("api-page", Limits::default());
    let addr = server.addr;
    let page = get(addr, "/");
    assert_eq!(page.status, 200);
    let html = text(&page);
    for id in [
        "due-form",
        "court",
        "from",
        "amount",
        "unit",
        "service",
        "due-date",
        "docket-text",
        "schedule",
        "ics-download",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    // Every form control has its label.
    let ids = [
        "court",
        "from",
        "amount",
        "unit",
        "service",
        "rules_as_of",
        "docket-text",
        "docket-file",
    ];
    for id in ids {
        assert!(
            html.contains(&format!("<label for=\"{id}\"")),
            "label for {id}"
        );
    }
    assert!(page
        .header("Content-Security-Policy")
        .is_some_and(|c| c.contains("default-src 'self'")));
    for (path, kind) in [
        ("/page/app.js", "text/javascript"),
        ("/page/style.css", "text/css"),
    ] {
        let r = get(addr, path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("Content-Type").unwrap().starts_with(kind));
        // Conditional requests: 304 while unchanged.
        let tag = r.header("ETag").unwrap().to_owned();
        let again = super::serve::fetch(addr, "GET", path, &[("If-None-Match", &tag)]);
        assert_eq!(again.status, 304);
    }
    // The script asks the API the calculator's fields, named as its parameters.
    let js = text(&get(addr, "/page/app.js"));
    assert!(js.contains("/v1/due?") && js.contains("rules_as_of"));
    drop(server);
    cleanup(&feeds);
}

/// `POST /v1/schedule` with a JSON list of dockets: one schedule of every
/// case, as `docket schedule A B --json` prints it (event ids `case/event`);
/// problems name the docket by its place in the list.
#[test]
fn schedule_of_a_list_of_dockets() {
    let (server, feeds) = start("api-schedule-list", Limits::default());
    let addr = server.addr;
    let as_json = |name: &str| {
        docket::docket::Docket::from_toml_str(&data(name))
            .unwrap()
            .to_json_string()
            .unwrap()
    };
    let (lex, civil) = (as_json("lexington.toml"), as_json("civil.toml"));
    let list = format!("[{lex}, {civil}]");
    let inputs = [
        DocketText::new(Some("dockets[0]"), Format::Json, lex.clone()),
        DocketText::new(Some("dockets[1]"), Format::Json, civil.clone()),
    ];
    let q = ScheduleQuery {
        to: Some("2009-05-15".into()),
        ..ScheduleQuery::default()
    };
    let expected = commands::schedule_cases(&inputs, &q, Style::Fields)
        .unwrap()
        .json()
        .unwrap();
    for content_type in ["application/json", ""] {
        let r = post(addr, "/v1/schedule?to=2009-05-15", content_type, &list);
        assert_eq!(r.status, 200, "{}", text(&r));
        assert_eq!(text(&r), expected);
    }
    let v = json(&post(
        addr,
        "/v1/schedule?to=2009-05-15",
        "application/json",
        &list,
    ));
    assert_eq!(
        v["cases"],
        serde_json::json!(["lexington", "acme-v-widget"])
    );
    assert!(v["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["id"] == "lexington/mediation" && e["case"] == "lexington"));
    // Problems name the docket in the list.
    let bad = format!("[{lex}, {{\"case\": {{\"id\": \"x\"}}}}]");
    let r = post(addr, "/v1/schedule", "application/json", &bad);
    let p = refused(&r, None, "needs `court` or a [calendar] table");
    assert_eq!(p["file"], "dockets[1]");
    let r = post(addr, "/v1/schedule", "application/json", "[]");
    refused(&r, None, "an empty list");
    let r = post(addr, "/v1/schedule", "application/json", "[1]");
    refused(&r, None, "dockets[0]: not a docket");
    cleanup(&feeds);
}
