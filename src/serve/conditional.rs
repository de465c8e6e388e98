//! Validators and conditional requests (RFC 9110 §8.8, §13): entity tags,
//! HTTP dates, `If-None-Match` and `If-Modified-Since`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::header::{IF_MODIFIED_SINCE, IF_NONE_MATCH};
use axum::http::HeaderMap;

/// The strong entity tag of `bytes`: their 64-bit FNV-1a hash and length,
/// quoted (`"cbf29ce484222325-0"`).
///
/// The server computes it once per version of a feed file (when the file's
/// modification time, length or inode changes), so a feed rewritten with the
/// same bytes keeps its tag and its subscribers keep getting `304`.
///
/// ```
/// use docket::serve::etag;
///
/// assert_eq!(etag(b""), "\"cbf29ce484222325-0\"");
/// assert_ne!(etag(b"BEGIN:VCALENDAR"), etag(b"BEGIN:VCALENDAR\r\n"));
/// ```
pub fn etag(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("\"{hash:016x}-{:x}\"", bytes.len())
}

/// Whether an `If-None-Match` header value matches `etag` by the weak
/// comparison (RFC 9110 §13.1.2): `*`, or any listed tag whose opaque part
/// equals `etag`'s, with or without `W/`.
///
/// ```
/// use docket::serve::etag_matches;
///
/// assert!(etag_matches("\"a\", W/\"b\"", "\"b\""));
/// assert!(etag_matches("*", "\"b\""));
/// assert!(!etag_matches("\"a\"", "\"b\""));
/// ```
pub fn etag_matches(if_none_match: &str, etag: &str) -> bool {
    let value = if_none_match.trim();
    if value == "*" {
        return true;
    }
    let wanted = opaque_tag(etag);
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c == ',' || c.is_ascii_whitespace());
        if rest.is_empty() {
            return false;
        }
        let tag = rest.strip_prefix("W/").unwrap_or(rest);
        let Some(quoted) = tag.strip_prefix('"') else {
            // Not an entity tag: skip to the next list element.
            match rest.find(',') {
                Some(i) => {
                    rest = &rest[i..];
                    continue;
                }
                None => return false,
            }
        };
        let Some(end) = quoted.find('"') else {
            return false;
        };
        if Some(&quoted[..end]) == wanted {
            return true;
        }
        rest = &quoted[end + 1..];
    }
}

/// The part of an entity tag between the quotes.
fn opaque_tag(etag: &str) -> Option<&str> {
    let etag = etag.trim();
    let etag = etag.strip_prefix("W/").unwrap_or(etag);
    etag.strip_prefix('"')?.strip_suffix('"')
}

/// `modified` truncated to whole seconds, as HTTP dates carry it.
pub(crate) fn whole_seconds(modified: SystemTime) -> SystemTime {
    let secs = modified
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    UNIX_EPOCH + Duration::from_secs(secs)
}

/// Whether a `GET` or `HEAD` with these request headers gets `304 Not
/// Modified` for a representation with `etag`, last modified at `modified`
/// (whole seconds): `If-None-Match` decides when present (RFC 9110
/// §13.2.2), otherwise `If-Modified-Since` when it is a valid HTTP date.
pub(crate) fn not_modified(headers: &HeaderMap, etag: &str, modified: Option<SystemTime>) -> bool {
    let mut tags = headers.get_all(IF_NONE_MATCH).iter().peekable();
    if tags.peek().is_some() {
        return tags.any(|v| v.to_str().is_ok_and(|v| etag_matches(v, etag)));
    }
    let (Some(modified), Some(since)) = (modified, headers.get(IF_MODIFIED_SINCE)) else {
        return false;
    };
    since
        .to_str()
        .ok()
        .and_then(|s| httpdate::parse_http_date(s).ok())
        .is_some_and(|since| modified <= since)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn etags() {
        let tag = etag(b"BEGIN:VCALENDAR");
        assert!(tag.starts_with('"') && tag.ends_with('"'));
        assert_ne!(tag, etag(b"BEGIN:VCALENDAR\r\n"));
        assert_eq!(etag(b""), "\"cbf29ce484222325-0\"");
        assert!(etag_matches(&tag, &tag));
        assert!(etag_matches("*", &tag));
        assert!(etag_matches(&format!("W/{tag}"), &tag));
        assert!(etag_matches(&format!("\"x\", W/\"y\" ,{tag}"), &tag));
        assert!(etag_matches(&format!("\"a,b\", {tag}"), &tag));
        assert!(!etag_matches("\"x\", W/\"y\"", &tag));
        assert!(!etag_matches("", &tag));
        assert!(!etag_matches("garbage", &tag));
        assert!(!etag_matches("\"unterminated", &tag));
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (n, v) in pairs {
            h.append(*n, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn preconditions() {
        let tag = "\"abc-1\"";
        // 1994-11-06T08:49:37Z.
        let at = UNIX_EPOCH + Duration::from_secs(784_111_777);
        let date = "Sun, 06 Nov 1994 08:49:37 GMT";
        let later = "Sun, 06 Nov 1994 08:49:38 GMT";
        let earlier = "Sun, 06 Nov 1994 08:49:36 GMT";
        assert!(!not_modified(&headers(&[]), tag, Some(at)));
        assert!(not_modified(
            &headers(&[("if-none-match", "\"abc-1\"")]),
            tag,
            None
        ));
        // Two header lines, the second matching.
        assert!(not_modified(
            &headers(&[("if-none-match", "\"x\""), ("if-none-match", "W/\"abc-1\"")]),
            tag,
            None
        ));
        assert!(not_modified(
            &headers(&[("if-modified-since", date)]),
            tag,
            Some(at)
        ));
        assert!(not_modified(
            &headers(&[("if-modified-since", later)]),
            tag,
            Some(at)
        ));
        assert!(!not_modified(
            &headers(&[("if-modified-since", earlier)]),
            tag,
            Some(at)
        ));
        assert!(!not_modified(
            &headers(&[("if-modified-since", "yesterday")]),
            tag,
            Some(at)
        ));
        // If-None-Match decides when both are present.
        assert!(!not_modified(
            &headers(&[("if-none-match", "\"x\""), ("if-modified-since", date)]),
            tag,
            Some(at)
        ));
        assert_eq!(
            whole_seconds(at + Duration::from_millis(999)),
            at,
            "sub-second part dropped"
        );
    }
}
