//! The routes and the middleware around them.
//!
//! Routes for other resources (an API under `/v1/`) join [`router`] beside
//! `/feeds/`; the layers (request time-out, body limit, compression) apply
//! to every route.

use std::sync::Arc;

use axum::http::header::{CONTENT_ENCODING, CONTENT_LENGTH, ETAG, LOCATION};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use super::feeds::{self, Feeds};
use super::Limits;

/// Every route of the server, with its layers.
pub(crate) fn router(feeds: Arc<Feeds>, limits: &Limits) -> Router {
    Router::new()
        .route("/", get(root))
        .route("/feeds", get(feeds::listing))
        .route("/feeds/", get(feeds::listing))
        .route("/feeds/{name}", get(feeds::feed))
        .fallback(|| async { feeds::not_found() })
        .with_state(feeds)
        .layer(CompressionLayer::new())
        .layer(RequestBodyLimitLayer::new(limits.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            limits.request_timeout,
        ))
}

async fn root() -> Response {
    let mut r = feeds::text(StatusCode::FOUND, "see /feeds/\n");
    r.headers_mut()
        .insert(LOCATION, HeaderValue::from_static("/feeds/"));
    r
}

/// The last touch on every response, after the router's own:
/// a compressed body's `ETag` becomes weak (the bytes sent are not those
/// the strong tag names), and a `304` carries no `Content-Length` (it would
/// describe the absent body as empty, not the feed's length).
pub(crate) fn finish(mut response: Response) -> Response {
    if response.status() == StatusCode::NOT_MODIFIED {
        response.headers_mut().remove(CONTENT_LENGTH);
    }
    if response.headers().contains_key(CONTENT_ENCODING) {
        let weak = response
            .headers()
            .get(ETAG)
            .and_then(|t| t.to_str().ok())
            .filter(|t| !t.starts_with("W/"))
            .and_then(|t| HeaderValue::from_str(&format!("W/{t}")).ok());
        if let Some(weak) = weak {
            response.headers_mut().insert(ETAG, weak);
        }
    }
    response
}

/// The canned answer to a connection past [`Limits::max_connections`].
pub(crate) const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\n\
Content-Type: text/plain; charset=utf-8\r\nContent-Length: 13\r\n\
Retry-After: 1\r\nConnection: close\r\n\r\ntoo many now\n";
