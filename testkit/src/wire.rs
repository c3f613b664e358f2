//! Responses as the real server writes them, and the values it makes up (ids, times).

use std::time::{Duration, SystemTime};

use base64::Engine;
use bytes::Bytes;
use http_body_util::Full;
use hyper::StatusCode;
use hyper::header::{CONTENT_TYPE, HeaderName, HeaderValue, LOCATION, SET_COOKIE};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// What the stand-in sends back to a request.
pub type Response = hyper::Response<Full<Bytes>>;

/// An empty response without a `Content-Type`: what the router itself writes (a redirect to a
/// clean path, a 405), before any middleware runs.
pub fn bare(status: StatusCode) -> Response {
    let mut response = hyper::Response::new(Full::new(Bytes::new()));
    *response.status_mut() = status;
    response
}

/// Every response of the API routers is labelled JSON, empty ones included.
pub fn empty(status: StatusCode) -> Response {
    let mut response = bare(status);
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// A JSON body ends with a newline, as Go's encoder writes it.
pub fn json(status: StatusCode, value: &serde_json::Value) -> Response {
    let mut body = value.to_string().into_bytes();
    body.push(b'\n');
    let mut response = empty(status);
    *response.body_mut() = Full::new(Bytes::from(body));
    response
}

/// What the server does when a handler panics: net/http drops the connection without an
/// response. The connection's service sees this marker and closes it.
pub fn hang_up() -> Response {
    let mut response = bare(StatusCode::INTERNAL_SERVER_ERROR);
    response.extensions_mut().insert(HangUp);
    response
}

/// The marker of [`hang_up`], and the error that makes hyper drop the connection.
#[derive(Debug, Clone, Copy)]
pub struct HangUp;

impl std::fmt::Display for HangUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the handler panicked")
    }
}

impl std::error::Error for HangUp {}

/// The `{"error": "..."}` shape of the non-auth handlers.
pub fn error(status: StatusCode, message: &str) -> Response {
    json(status, &serde_json::json!({ "error": message }))
}

pub fn text(status: StatusCode, body: &'static str) -> Response {
    let mut response = hyper::Response::new(Full::new(Bytes::from_static(body.as_bytes())));
    *response.status_mut() = status;
    let plain = HeaderValue::from_static("text/plain; charset=utf-8");
    response.headers_mut().insert(CONTENT_TYPE, plain);
    response
}

/// A plain-text response made at run time.
pub fn text_owned(status: StatusCode, body: String) -> Response {
    let mut response = hyper::Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    let plain = HeaderValue::from_static("text/plain; charset=utf-8");
    response.headers_mut().insert(CONTENT_TYPE, plain);
    response
}

/// What the real server's web UI answers outside `/api`: its page, for any method.
pub fn web_page() -> Response {
    let page =
        "<!DOCTYPE html>\n<html><head><title>Semaphore UI</title></head><body></body></html>\n";
    let mut response = hyper::Response::new(Full::new(Bytes::from_static(page.as_bytes())));
    let html = HeaderValue::from_static("text/html; charset=utf-8");
    response.headers_mut().insert(CONTENT_TYPE, html);
    response
}

/// The router's response to an unknown path (Go's `http.Error`).
pub fn not_found() -> Response {
    let mut response = text(StatusCode::NOT_FOUND, "Not Found\n");
    response.headers_mut().insert(
        HeaderName::from_static("x-content-type-options"),
        HeaderValue::from_static("nosniff"),
    );
    response
}

pub fn redirect(location: &str) -> Response {
    let mut response = empty(StatusCode::TEMPORARY_REDIRECT);
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

pub fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(SET_COOKIE, value);
    }
    response
}

/// `n` random bytes as URL-safe base64, lowercased: the real server's API token ids
/// (32 bytes: 44 characters, `^[a-z0-9_-]{43}=$`) and session values.
pub fn random_id(n: usize) -> String {
    random_base64(n).to_lowercase()
}

/// `n` random bytes as URL-safe base64 (the OIDC `state`).
pub fn random_base64(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    if getrandom::fill(&mut bytes).is_err() {
        // No OS randomness: still unique per process, which is all a stand-in needs.
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let count = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
            ^ (u128::from(count) << 64);
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = (nanos >> ((i % 16) * 8)) as u8 ^ i as u8;
        }
    }
    base64::engine::general_purpose::URL_SAFE.encode(bytes)
}

/// `days` from now as an HTTP date (`Thu, 01 Jan 1970 00:00:00 GMT`), for cookie expiries.
pub fn http_date_in_days(days: u64) -> String {
    http_date(SystemTime::now() + Duration::from_secs(days * 86_400))
}

fn http_date(time: SystemTime) -> String {
    httpdate::fmt_http_date(time)
}

/// Now, as RFC 3339 in UTC, to the second.
pub fn now_rfc3339() -> String {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(0)
        .unwrap_or(now)
        .format(&Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::time::UNIX_EPOCH;

    use super::*;

    #[test]
    fn token_ids_have_the_real_format() {
        for _ in 0..100 {
            let id = random_id(32);
            assert_eq!(id.len(), 44);
            assert!(id.ends_with('='));
            assert!(
                id[..43].bytes().all(|b| b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b == b'_'
                    || b == b'-'),
                "{id}"
            );
        }
    }

    #[test]
    fn times_are_rfc3339_in_utc_to_the_second() {
        let second = |t: OffsetDateTime| t.unix_timestamp();
        let before = second(OffsetDateTime::now_utc());
        let now = now_rfc3339();
        let after = second(OffsetDateTime::now_utc());
        let formatted = |s| {
            let t = OffsetDateTime::from_unix_timestamp(s).unwrap();
            t.format(&Rfc3339).unwrap()
        };
        assert!((before..=after).any(|s| formatted(s) == now), "{now}");
        assert_eq!(formatted(1_729_851_072), "2024-10-25T10:11:12Z");
    }

    #[test]
    fn http_dates() {
        let at = |secs| http_date(UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(at(1_729_851_072), "Fri, 25 Oct 2024 10:11:12 GMT");
        assert_eq!(at(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
        let in_a_year = httpdate::parse_http_date(&http_date_in_days(365)).unwrap();
        let ahead = in_a_year.duration_since(SystemTime::now()).unwrap();
        assert!(ahead.as_secs().abs_diff(365 * 86_400) < 5, "{ahead:?}");
    }

    #[test]
    fn oidc_states_are_padded_base64() {
        let state = random_base64(16);
        assert_eq!(state.len(), 24);
        assert!(state.ends_with("=="), "{state}");
        assert_ne!(state, random_base64(16));
    }
}
