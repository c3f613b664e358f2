//! Fuzzing the response mapping: arbitrary statuses, headers and body bytes go through the
//! same mapping a call runs once the answer has arrived (`__private_v1::map_answer`), for the
//! three result kinds. It must never panic, and every outcome must be one of the documented
//! ones for that kind and status.
//!
//! cargo-fuzz needs a nightly toolchain and libFuzzer, which CI does not have, so this is a
//! proptest with a fixed number of cases (2,000 per kind). Run it longer with e.g.
//! `PROPTEST_CASES=200000 cargo test -p semaphore-api-tests --release --test it response_fuzz::`.

use crate::support;

use proptest::prelude::*;
use semaphore_api::__private_v1::{Endpoint, Returned, map_answer};
use semaphore_api::{ApiToken, AuthenticationApi, Client, ERROR_BODY_LIMIT, Error, Url};

const DEFAULT_CASES: u32 = 2_000;

fn config() -> ProptestConfig {
    support::proptest_config(DEFAULT_CASES)
}

fn endpoint(name: &str) -> &'static Endpoint {
    <Client as AuthenticationApi>::ENDPOINTS
        .iter()
        .find(|e| e.name == name)
        .unwrap()
}

/// A status: mostly real ones, some that hyper would never hand over.
fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => prop::sample::select(vec![
            100u16, 101, 200, 201, 204, 206, 301, 302, 303, 304, 307, 308, 399, 400, 401, 403,
            404, 500, 502, 599,
        ]),
        3 => 100u16..1000,
        1 => any::<u16>(),
    ]
}

fn header_name() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "Location", "location", "Set-Cookie", "Content-Type", "Content-Length", "Cookie",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        1 => prop::collection::vec(any::<u8>(), 0..12),
    ]
}

fn header_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        2 => prop::sample::select(vec![
            "/auth/login",
            "http://127.0.0.1:1/steal",
            "https://idp.example/authorize?client_id=x&state=y",
            "",
            "semaphore=abc; Path=/",
            "semaphore=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
            "semaphore=x; Max-Age=0",
            "semaphore=\"quoted\"",
            "semaphore",
            "=",
            ";;;",
            "application/json",
            "text/html; charset=utf-8",
            "//evil.example/x",
            "javascript:alert(1)",
            "http://[::1",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        2 => "[ -~]{0,64}".prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 0..64),
    ]
}

/// A body: bytes, JSON of every shape, error messages, and sizes around the limits.
fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        2 => prop::collection::vec(any::<u8>(), 0..300),
        2 => "\\PC{0,200}".prop_map(String::into_bytes),
        1 => Just(br#"[{"id":"kwofd61g93","created":"2024-10-25T10:11:12Z","expired":false,"user_id":1}]"#.to_vec()),
        1 => Just(b"[]\n".to_vec()),
        1 => ("[a-z_]{0,8}", "\\PC{0,40}", any::<i64>(), any::<bool>()).prop_map(|(k, s, n, b)| {
            format!(r#"[{{"id":{s:?},"created":"{k}","expired":{b},"user_id":{n},"{k}":null}}]"#)
                .into_bytes()
        }),
        2 => "\\PC{0,80}".prop_map(|m| serde_json::json!({ "error": m }).to_string().into_bytes()),
        1 => (ERROR_BODY_LIMIT - 2..ERROR_BODY_LIMIT + 3, any::<u8>()).prop_map(|(n, b)| vec![b; n]),
        1 => (0usize..70, any::<u8>()).prop_map(|(n, b)| vec![b; n]),
    ]
}

fn headers() -> impl Strategy<Value = Vec<(Vec<u8>, Vec<u8>)>> {
    prop::collection::vec((header_name(), header_value()), 0..6)
}

fn max_response_bytes() -> impl Strategy<Value = usize> {
    prop_oneof![Just(semaphore_api::DEFAULT_MAX_RESPONSE_BYTES), 0usize..64]
}

/// Runs the mapping and checks the outcome against what the docs promise.
fn check(
    name: &str,
    status: u16,
    headers: &[(Vec<u8>, Vec<u8>)],
    body: &[u8],
    limit: usize,
) -> Result<(), TestCaseError> {
    let endpoint = endpoint(name);
    let url = Url::parse("http://127.0.0.1:3000/api/auth/oidc/sso/login").unwrap();
    let pairs: Vec<(&[u8], &[u8])> = headers
        .iter()
        .map(|(n, v)| (n.as_slice(), v.as_slice()))
        .collect();
    let outcome = map_answer::<Vec<ApiToken>>(endpoint, status, &pairs, body, limit, &url);
    let Some(result) = outcome else {
        prop_assert!(!(100..=999).contains(&status), "{status} refused");
        return Ok(());
    };
    prop_assert!((100..=999).contains(&status), "{status} accepted");
    let success = match name {
        "auth_oidc_provider_id_login_get" => (300..400).contains(&status),
        _ => (200..300).contains(&status),
    };
    // Whatever the outcome, showing it never panics.
    let _ = format!("{result:?}");
    if let Err(e) = &result {
        let _ = e.to_string();
        prop_assert_eq!(e.status().map(|s| s.as_u16()), Some(status));
        prop_assert_eq!(e.call().map(|c| c.name), Some(endpoint.name));
    }
    match (&result, success) {
        (Err(Error::Status(e)), false) => {
            let kept = body.len().min(ERROR_BODY_LIMIT);
            prop_assert_eq!(&e.body[..], &body[..kept]);
            prop_assert_eq!(e.truncated, body.len() > ERROR_BODY_LIMIT);
            if let Some(message) = &e.message {
                prop_assert!(!message.trim().is_empty());
            }
            let _ = e.body_text();
        }
        (other, false) => prop_assert!(false, "{status}: {other:?}"),
        (Ok(Returned::Json(tokens)), true) => {
            prop_assert_eq!(name, "user_tokens_get");
            prop_assert!(body.len() <= limit);
            let _ = tokens.len();
        }
        (Err(Error::Decode { snippet, .. }), true) => {
            prop_assert_eq!(name, "user_tokens_get");
            prop_assert!(body.len() <= limit);
            prop_assert!(snippet.chars().count() <= 257, "{} chars", snippet.len());
        }
        (Err(Error::InvalidResponse { reason, .. }), true) => match name {
            "user_tokens_get" => prop_assert!(body.len() > limit, "{reason}"),
            "auth_oidc_provider_id_login_get" => {
                prop_assert!(reason.contains("Location"), "{reason}")
            }
            _ => prop_assert!(false, "{name}: {reason}"),
        },
        (Ok(Returned::Empty), true) => prop_assert_eq!(name, "auth_logout_post"),
        (Ok(Returned::Redirect(redirect)), true) => {
            prop_assert_eq!(name, "auth_oidc_provider_id_login_get");
            prop_assert!(!redirect.location().is_empty());
            prop_assert_eq!(redirect.status().as_u16(), status);
            // Resolving and inspecting never panics either.
            let _ = redirect.is_relative();
            let _ = redirect.resolve().map_err(|e| e.to_string());
        }
        (other, true) => prop_assert!(false, "{name} {status}: {other:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn json_results(status in status(), headers in headers(), body in body(), limit in max_response_bytes()) {
        check("user_tokens_get", status, &headers, &body, limit)?;
    }

    #[test]
    fn empty_results(status in status(), headers in headers(), body in body(), limit in max_response_bytes()) {
        check("auth_logout_post", status, &headers, &body, limit)?;
    }

    #[test]
    fn redirect_results(status in status(), headers in headers(), body in body(), limit in max_response_bytes()) {
        check("auth_oidc_provider_id_login_get", status, &headers, &body, limit)?;
    }
}

/// The documented examples of each outcome, so the fuzz space is known to reach them all.
#[test]
fn every_outcome_is_reachable() {
    let url = Url::parse("http://127.0.0.1:3000/api/user/tokens").unwrap();
    let map = |name: &str, status: u16, headers: &[(&[u8], &[u8])], body: &[u8]| {
        map_answer::<Vec<ApiToken>>(endpoint(name), status, headers, body, 64, &url)
    };
    let json = "user_tokens_get";
    assert!(matches!(map(json, 200, &[], b"[]"), Some(Ok(Returned::Json(v))) if v.is_empty()));
    assert!(matches!(
        map(json, 200, &[], b"{"),
        Some(Err(Error::Decode { .. }))
    ));
    assert!(matches!(
        map(json, 200, &[], &[b' '; 65]),
        Some(Err(Error::InvalidResponse { .. }))
    ));
    assert!(matches!(
        map(json, 404, &[], b""),
        Some(Err(Error::Status(_)))
    ));
    assert!(map(json, 1000, &[], b"").is_none());
    assert!(matches!(
        map("auth_logout_post", 204, &[], b"\xff"),
        Some(Ok(Returned::Empty))
    ));
    let redirect = "auth_oidc_provider_id_login_get";
    let location: &[(&[u8], &[u8])] = &[(b"Location", b"/auth/login")];
    assert!(matches!(
        map(redirect, 307, location, b""),
        Some(Ok(Returned::Redirect(r))) if r.location() == "/auth/login"
    ));
    assert!(matches!(
        map(redirect, 307, &[], b""),
        Some(Err(Error::InvalidResponse { .. }))
    ));
    assert!(matches!(
        map(redirect, 200, location, b""),
        Some(Err(Error::Status(_)))
    ));
}
