//! The routes and the middleware around them.
//!
//! The page (`/`), the API (`/v1/`) and the feeds (`/feeds/`), each with
//! its body limit; the request time-out and compression apply to every
//! route.

use std::sync::Arc;

use axum::http::header::{CONTENT_ENCODING, CONTENT_LENGTH, ETAG};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use super::feeds::{self, Feeds};
use super::{api, page, Limits};

/// Every route of the server, with its layers.
pub(crate) fn router(feeds: Arc<Feeds>, limits: &Limits) -> Router {
    let feed_routes = Router::new()
        .route("/feeds", get(feeds::listing))
        .route("/feeds/", get(feeds::listing))
        .route("/feeds/{name}", get(feeds::feed))
        .with_state(feeds);
    Router::new()
        .merge(page::router())
        .merge(feed_routes)
        .fallback(|| async { feeds::not_found() })
        .layer(RequestBodyLimitLayer::new(limits.max_body_bytes))
        // The API's routes have their own body limits.
        .merge(api::router(limits))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            limits.request_timeout,
        ))
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
