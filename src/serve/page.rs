//! The web page at `/`: a deadline calculator and a docket viewer, plain
//! HTML, CSS and JavaScript built into the binary (no build step), calling
//! the JSON API.
//!
//! The calculator's fields are the URL's query parameters, named as the
//! API's (`/?court=nysb&from=2009-04-16&days=14`), so a result is a link to
//! share; the page computes it on load.

use std::sync::OnceLock;

use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::conditional::{etag, not_modified};

/// One asset: its bytes, content type and entity tag.
struct Asset {
    body: &'static str,
    content_type: &'static str,
    etag: OnceLock<HeaderValue>,
}

impl Asset {
    const fn new(body: &'static str, content_type: &'static str) -> Asset {
        Asset {
            body,
            content_type,
            etag: OnceLock::new(),
        }
    }

    fn etag(&self) -> &HeaderValue {
        self.etag.get_or_init(|| {
            HeaderValue::from_str(&etag(self.body.as_bytes()))
                .unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
        })
    }

    /// The asset, or `304 Not Modified` for a client that has it.
    fn serve(&self, request: &Request) -> Response {
        let tag = self.etag();
        let fresh = not_modified(request.headers(), tag.to_str().unwrap_or_default(), None);
        let mut r = if fresh {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let mut r = self.body.into_response();
            r.headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static(self.content_type));
            r
        };
        let h = r.headers_mut();
        h.insert(ETAG, tag.clone());
        h.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        h.insert(
            "content-security-policy",
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
            ),
        );
        h.insert(
            "x-content-type-options",
            HeaderValue::from_static("nosniff"),
        );
        r
    }
}

static INDEX: Asset = Asset::new(include_str!("page/index.html"), "text/html; charset=utf-8");
static SCRIPT: Asset = Asset::new(
    include_str!("page/app.js"),
    "text/javascript; charset=utf-8",
);
static STYLE: Asset = Asset::new(include_str!("page/style.css"), "text/css; charset=utf-8");

/// `/` and its assets under `/page/`.
pub(crate) fn router() -> Router {
    Router::new()
        .route("/", get(|r: Request| async move { INDEX.serve(&r) }))
        .route(
            "/page/app.js",
            get(|r: Request| async move { SCRIPT.serve(&r) }),
        )
        .route(
            "/page/style.css",
            get(|r: Request| async move { STYLE.serve(&r) }),
        )
}
