//! The JSON API under `/v1/`: the commands of the command line over HTTP,
//! answering exactly what they print (the same code writes both).
//!
//! - `GET|POST /v1/due`: the options of `docket due` as a JSON object
//!   (`POST`, `Content-Type: application/json`) or as query parameters
//!   (`GET /v1/due?court=nysb&from=2009-04-16&days=14`); the answer is what
//!   `docket due --json` prints.
//! - `POST /v1/schedule`, `/v1/reschedule`, `/v1/ics`, `/v1/check`: a
//!   docket in the body (`Content-Type: application/toml` or
//!   `application/json`; without either, JSON when it starts with `{`),
//!   the command's options as query parameters named like its flags
//!   (`?party=debtors&to=2009-05-01`). The answer is what `docket schedule
//!   --json`, `reschedule --json`, `ics` and `check --json` print.
//! - `GET /v1/courts`: the built-in courts (`?query=S.D.N.Y.`: those an id,
//!   abbreviation, name or state finds), as `docket courts --json`.
//!
//! Bad input is `400 Bad Request` with `{"kind", "problems": [{"file",
//! "item", "field", "message"}]}`, as `--json` commands print on failure;
//! an unknown path under `/v1/` is `404` with the same shape. Work is
//! bounded: bodies by [`Limits`](super::Limits), one docket's schedule by
//! [`MAX_DOCKET_OCCURRENCES`](crate::docket::MAX_DOCKET_OCCURRENCES),
//! computations at once by [`Limits::max_jobs`](super::Limits::max_jobs)
//! (the others wait their turn within the request time-out).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post, MethodRouter};
use axum::Router;
use tokio::sync::Semaphore;
use tower_http::limit::RequestBodyLimitLayer;

use super::{Limits, CALENDAR_CONTENT_TYPE};
use crate::commands::params::Params;
use crate::commands::{
    check, courts_json, due, ics, problems_json, reschedule, schedule, schedule_cases, DocketText,
    DueQuery, IcsQuery, RescheduleQuery, ScheduleQuery, Style,
};
use crate::docket::Format;
use crate::{Error, ErrorKind, Result};

/// What the API routes share.
struct Api {
    /// Computations running at once.
    jobs: Arc<Semaphore>,
}

/// The `/v1/` routes, each group with its body limit.
pub(crate) fn router(limits: &Limits) -> Router {
    let api = Arc::new(Api {
        jobs: Arc::new(Semaphore::new(
            limits.max_jobs.clamp(1, Semaphore::MAX_PERMITS),
        )),
    });
    let small = Router::new()
        .route("/v1/due", get(due_get).post(due_post))
        .route("/v1/courts", get(courts))
        .route("/v1/{*rest}", any(unknown))
        .route("/v1/", any(unknown))
        .layer(RequestBodyLimitLayer::new(limits.max_body_bytes));
    let dockets = Router::new()
        .route("/v1/schedule", docket_route(SCHEDULE))
        .route("/v1/reschedule", docket_route(RESCHEDULE))
        .route("/v1/ics", docket_route(ICS))
        .route("/v1/check", docket_route(CHECK))
        .layer(RequestBodyLimitLayer::new(limits.max_docket_bytes));
    small
        .merge(dockets)
        .layer(DefaultBodyLimit::disable())
        .with_state(api)
}

/// A JSON answer.
fn json(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    h.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// The problems of `e` as JSON, with the status its kind calls for.
fn refused(e: &Error, options: &[String]) -> Response {
    let status = match e.kind() {
        ErrorKind::Io => StatusCode::INTERNAL_SERVER_ERROR,
        ErrorKind::Conflict => StatusCode::CONFLICT,
        _ => StatusCode::BAD_REQUEST,
    };
    let options: Vec<&str> = options.iter().map(String::as_str).collect();
    // The dockets of a list (`POST /v1/schedule` with `[{...}, ...]`) are
    // named by their place in it: `dockets[1]: ...`.
    let files: Vec<&str> = e
        .problems()
        .iter()
        .filter_map(|p| {
            let end = p.strip_prefix("dockets[")?.find("]: ")?;
            Some(&p[..end + "dockets[]".len()])
        })
        .collect();
    json(status, problems_json(e, &files, &options))
}

async fn unknown() -> Response {
    let e = Error::new(
        ErrorKind::Invalid,
        "no such API route: see /v1/due, /v1/schedule, /v1/reschedule, /v1/ics, /v1/check, /v1/courts",
    );
    let mut r = refused(&e, &[]);
    *r.status_mut() = StatusCode::NOT_FOUND;
    r
}

impl Api {
    /// Runs `work` on the blocking pool once a job slot is free.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let permit = Arc::clone(&self.jobs)
            .acquire_owned()
            .await
            .map_err(|_| Error::new(ErrorKind::Io, "the server is stopping"))?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
        .map_err(|_| Error::new(ErrorKind::Io, "the computation failed"))?
    }
}

/// The options of a request: its query string.
fn query_params(query: Option<&str>) -> Result<Params> {
    Params::from_query(query.unwrap_or(""))
}

/// The docket in a request body, by its `Content-Type`.
fn docket_body(headers: &HeaderMap, body: &Bytes) -> Result<DocketText> {
    let text = std::str::from_utf8(body)
        .map_err(|e| Error::new(ErrorKind::Parse, format!("the body is not UTF-8 text: {e}")))?;
    let kind = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        });
    let format = match kind.as_deref() {
        Some("application/toml" | "text/toml" | "text/x-toml" | "application/x-toml") => {
            Format::Toml
        }
        Some("application/json" | "text/json") => Format::Json,
        // Unlabelled, or labelled by a tool's default (curl's -d sends
        // application/x-www-form-urlencoded): told from the text.
        None
        | Some(
            "" | "text/plain" | "application/octet-stream" | "application/x-www-form-urlencoded",
        ) => DocketText::sniff(text),
        Some(other) => {
            let other: String = other.chars().take(80).collect();
            return Err(Error::new(
                ErrorKind::Invalid,
                format!(
                    "Content-Type {other}: send a docket as application/toml or application/json"
                ),
            ));
        }
    };
    if text.trim().is_empty() {
        return Err(Error::new(
            ErrorKind::Invalid,
            "the body is empty: send a docket (TOML or JSON)",
        ));
    }
    Ok(DocketText::new(None, format, text))
}

fn due_options() -> Vec<String> {
    DueQuery::options(Style::Fields)
}

async fn answer_due(api: &Api, params: Result<Params>) -> Response {
    let query = match params.and_then(DueQuery::from_params) {
        Ok(q) => q,
        Err(e) => return refused(&e, &due_options()),
    };
    match api
        .run(move || due(&query, Style::Fields).map(|a| a.json()))
        .await
    {
        Ok(body) => json(StatusCode::OK, body),
        Err(e) => refused(&e, &due_options()),
    }
}

/// `GET /v1/due?court=nysb&from=2009-04-16&days=14`.
async fn due_get(State(api): State<Arc<Api>>, RawQuery(query): RawQuery) -> Response {
    answer_due(&api, query_params(query.as_deref())).await
}

/// `POST /v1/due` with a JSON object (or, without a body, query parameters).
async fn due_post(State(api): State<Arc<Api>>, RawQuery(query): RawQuery, body: Bytes) -> Response {
    let params = if body.iter().all(u8::is_ascii_whitespace) {
        query_params(query.as_deref())
    } else if query.as_deref().is_some_and(|q| !q.is_empty()) {
        Err(Error::new(
            ErrorKind::Invalid,
            "give the options in the body or as query parameters, not both",
        ))
    } else {
        Params::from_json(&body)
    };
    answer_due(&api, params).await
}

/// `GET /v1/courts`, or `GET /v1/courts?query=S.D.N.Y.` for those a query
/// finds.
async fn courts(RawQuery(query): RawQuery) -> Response {
    let options = vec!["query".to_string()];
    let query = query_params(query.as_deref()).and_then(|mut p| {
        let q = p.string("query");
        p.finish(&["query"]).map(|()| q)
    });
    match query.and_then(|q| courts_json(q.as_deref())) {
        Ok(body) => json(StatusCode::OK, body),
        Err(e) => refused(&e, &options),
    }
}

/// A command that takes a docket: its options, how to read them, what it
/// does, and the content type of its answer.
struct DocketCommand<Q> {
    options: &'static [&'static str],
    parse: fn(Params) -> Result<Q>,
    work: fn(&DocketText, &Q) -> Result<String>,
    ok: &'static str,
}

// Copied whatever `Q` is (derive would ask `Q: Copy`).
impl<Q> Clone for DocketCommand<Q> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Q> Copy for DocketCommand<Q> {}

/// Runs a docket command: its options from the query, the docket from the
/// body.
async fn docket_command<Q: Send + 'static>(
    api: &Api,
    query: Option<String>,
    headers: &HeaderMap,
    body: &Bytes,
    command: DocketCommand<Q>,
) -> Response {
    let DocketCommand {
        options,
        parse,
        work,
        ok,
    } = command;
    let options: Vec<String> = options.iter().map(|o| Style::Fields.name(o)).collect();
    let input = query_params(query.as_deref())
        .and_then(parse)
        .and_then(|q| docket_body(headers, body).map(|d| (d, q)));
    let (input, q) = match input {
        Ok(x) => x,
        Err(e) => return refused(&e, &options),
    };
    match api.run(move || work(&input, &q)).await {
        Ok(text) => {
            let mut r = (StatusCode::OK, text).into_response();
            let h = r.headers_mut();
            h.insert(CONTENT_TYPE, HeaderValue::from_static(ok));
            h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(e) => refused(&e, &options),
    }
}

const JSON: &str = "application/json; charset=utf-8";

/// The `POST` route of a docket command.
fn docket_route<Q: Send + 'static>(command: DocketCommand<Q>) -> MethodRouter<Arc<Api>> {
    post(
        move |State(api): State<Arc<Api>>,
              RawQuery(query): RawQuery,
              headers: HeaderMap,
              body: Bytes| async move {
            docket_command(&api, query, &headers, &body, command).await
        },
    )
}

/// `POST /v1/schedule?from=&to=&party=&as_of=&horizon=`: one docket, or a
/// JSON list of dockets (one schedule of every case, event ids `case/event`).
const SCHEDULE: DocketCommand<ScheduleQuery> = DocketCommand {
    options: crate::commands::schedule::SCHEDULE_OPTIONS,
    parse: ScheduleQuery::from_params,
    work: |d, q| match d.split_list()? {
        // A JSON list of dockets: one schedule of every case.
        Some(many) => schedule_cases(&many, q, Style::Fields)?.json(),
        None => schedule(d, q, Style::Fields)?.json(),
    },
    ok: JSON,
};

/// `POST /v1/reschedule?extend=&to=&on=...`: what moves (nothing is
/// written); a change without `on` is dated today at the court.
const RESCHEDULE: DocketCommand<RescheduleQuery> = DocketCommand {
    options: crate::commands::reschedule::RESCHEDULE_OPTIONS,
    parse: RescheduleQuery::from_params,
    work: |d, q| {
        let now = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now());
        reschedule(d, q, Style::Fields, now)?.json(false)
    },
    ok: JSON,
};

/// `POST /v1/ics?party=&alarm=7&alarm=1...`: the feed.
const ICS: DocketCommand<IcsQuery> = DocketCommand {
    options: crate::commands::ics::ICS_OPTIONS,
    parse: IcsQuery::from_params,
    work: |d, q| ics(d, q, Style::Fields),
    ok: CALENDAR_CONTENT_TYPE,
};

/// `POST /v1/check`: the docket's summary, or its problems.
const CHECK: DocketCommand<()> = DocketCommand {
    options: &[],
    parse: |p| p.finish(&[]),
    work: |d, ()| check(std::slice::from_ref(d)).into_result()?.json(),
    ok: JSON,
};
