//! Fuzzing the answers a call maps: arbitrary statuses, headers and body bytes, arriving in
//! arbitrary chunks, are given by a scripted transport to a real `Client`, so every case runs
//! the whole pipeline every call runs (`Set-Cookie`, the session, the status check, the body
//! limits as the body is read, decoding, `Location`), for the three result kinds. It must
//! never panic, and every outcome must be one of the documented ones for that kind and status.
//!
//! cargo-fuzz needs a nightly toolchain and libFuzzer, which CI does not have, so this is a
//! proptest with a fixed number of cases (2,000 per kind). Run it longer with e.g.
//! `PROPTEST_CASES=200000 cargo test -p semaphore-api-tests --release --test it response_fuzz::`.

use crate::scripted::{CannedResponse, Scripted, block_on};
use crate::support;

use proptest::prelude::*;
use semaphore_api::ErrorKind;
use semaphore_api::{AuthenticationApi, Client, ERROR_BODY_LIMIT, Error, Redirect};

const DEFAULT_CASES: u32 = 2_000;
const BASE: &str = "http://127.0.0.1:3000/api";

fn config() -> ProptestConfig {
    support::proptest_config(DEFAULT_CASES)
}

/// A status: mostly real ones, any that hyper hands over (100 to 999).
fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => prop::sample::select(vec![
            100u16, 101, 200, 201, 204, 206, 301, 302, 303, 304, 307, 308, 399, 400, 401, 403,
            404, 500, 502, 599,
        ]),
        3 => 100u16..1000,
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

/// Where the body is cut into chunks (offsets, in any order, any number).
fn cuts() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0usize..9000, 0..4)
}

fn max_response_bytes() -> impl Strategy<Value = usize> {
    prop_oneof![Just(semaphore_api::DEFAULT_MAX_RESPONSE_BYTES), 0usize..64]
}

/// The body in chunks, cut at `cuts`.
fn chunked(body: &[u8], cuts: &[usize]) -> Vec<Vec<u8>> {
    let mut at: Vec<usize> = cuts.iter().map(|&c| c.min(body.len())).collect();
    at.push(0);
    at.push(body.len());
    at.sort_unstable();
    at.dedup();
    at.windows(2).map(|w| body[w[0]..w[1]].to_vec()).collect()
}

/// A call's result, whichever kind.
#[derive(Debug)]
enum Called {
    Json(Vec<semaphore_api::ApiToken>),
    Empty,
    Redirect(Redirect),
}

/// Makes the call `name` on a client whose transport answers `answer`; the client starts
/// with a session cookie, so that what the answer does to it shows.
fn call(
    name: &str,
    answer: CannedResponse,
    limit: usize,
) -> (semaphore_api::Result<Called>, Client, Scripted) {
    let transport = Scripted::always(answer);
    let client = Client::builder(BASE)
        .session_cookie("before")
        .max_response_bytes(limit)
        .__transport(transport.clone())
        .build()
        .unwrap();
    let result = block_on(async {
        match name {
            "user_tokens_get" => client.user_tokens_get().await.map(Called::Json),
            "auth_logout_post" => client.auth_logout_post().await.map(|()| Called::Empty),
            "auth_oidc_provider_id_login_get" => client
                .auth_oidc_provider_id_login_get("sso", None)
                .await
                .map(Called::Redirect),
            other => panic!("no call {other}"),
        }
    });
    (result, client, transport)
}

/// Whether the answer's first `Content-Type`, as a header value can be read, is
/// `text/html` (with or without parameters).
fn labelled_html(headers: &[(Vec<u8>, Vec<u8>)]) -> bool {
    let Some((_, value)) = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(b"content-type"))
    else {
        return false;
    };
    let readable = value.iter().all(|&b| b == b'\t' || (32..127).contains(&b));
    let media = value.split(|&b| b == b';').next().unwrap_or_default();
    readable && media.trim_ascii().eq_ignore_ascii_case(b"text/html")
}

/// Runs the call and checks the outcome against what the docs promise.
fn check(
    name: &str,
    status: u16,
    headers: &[(Vec<u8>, Vec<u8>)],
    body: &[u8],
    cuts: &[usize],
    limit: usize,
) -> Result<(), TestCaseError> {
    let answer = CannedResponse {
        status,
        headers: headers.to_vec(),
        chunks: chunked(body, cuts),
    };
    let (result, client, transport) = call(name, answer, limit);
    // One request, no retry, to the operation's path.
    let seen = transport.seen();
    prop_assert_eq!(seen.len(), 1);
    let path = match name {
        "user_tokens_get" => "/api/user/tokens",
        "auth_logout_post" => "/api/auth/logout",
        _ => "/api/auth/oidc/sso/login",
    };
    prop_assert_eq!(&seen[0].url, &format!("http://127.0.0.1:3000{path}"));
    let success = match name {
        "auth_oidc_provider_id_login_get" => (300..400).contains(&status),
        _ => (200..300).contains(&status),
    };
    // Whatever the outcome, showing it never panics.
    let _ = format!("{result:?}");
    if let Err(e) = &result {
        let _ = e.to_string();
        prop_assert_eq!(e.status().map(|s| s.as_u16()), Some(status));
        prop_assert_eq!(e.call().map(|c| c.name), Some(name));
    }
    // A logout that succeeded ends the session, whatever cookie came with it.
    if name == "auth_logout_post" && success {
        prop_assert!(!client.has_session());
    }
    // An HTML page where the API answers is refused, whatever its body.
    if success && name != "auth_oidc_provider_id_login_get" && labelled_html(headers) {
        let refused = matches!(result.as_ref().map_err(Error::kind), Err(ErrorKind::InvalidResponse { reason, .. }) if reason.contains("an HTML page"));
        prop_assert!(refused, "{name}: {result:?}");
        return Ok(());
    }
    match (result.as_ref().map_err(Error::kind), success) {
        (Err(ErrorKind::Status(e)), false) => {
            let kept = body.len().min(ERROR_BODY_LIMIT);
            prop_assert_eq!(&e.body[..], &body[..kept]);
            prop_assert_eq!(e.truncated, body.len() > ERROR_BODY_LIMIT);
            if let Some(message) = &e.message {
                prop_assert!(!message.trim().is_empty());
            }
            let _ = e.body_text();
        }
        (other, false) => prop_assert!(false, "{status}: {other:?}"),
        (Ok(Called::Json(tokens)), true) => {
            prop_assert_eq!(name, "user_tokens_get");
            prop_assert!(body.len() <= limit);
            let _ = tokens.len();
        }
        (Err(ErrorKind::Decode { snippet, .. }), true) => {
            prop_assert_eq!(name, "user_tokens_get");
            prop_assert!(body.len() <= limit);
            prop_assert!(snippet.chars().count() <= 257, "{} chars", snippet.len());
        }
        (Err(ErrorKind::InvalidResponse { reason, .. }), true) => match name {
            "user_tokens_get" => prop_assert!(body.len() > limit, "{reason}"),
            "auth_oidc_provider_id_login_get" => {
                prop_assert!(reason.contains("Location"), "{reason}")
            }
            _ => prop_assert!(false, "{name}: {reason}"),
        },
        (Ok(Called::Empty), true) => prop_assert_eq!(name, "auth_logout_post"),
        (Ok(Called::Redirect(redirect)), true) => {
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
    fn json_results(status in status(), headers in headers(), body in body(), cuts in cuts(), limit in max_response_bytes()) {
        check("user_tokens_get", status, &headers, &body, &cuts, limit)?;
    }

    #[test]
    fn empty_results(status in status(), headers in headers(), body in body(), cuts in cuts(), limit in max_response_bytes()) {
        check("auth_logout_post", status, &headers, &body, &cuts, limit)?;
    }

    #[test]
    fn redirect_results(status in status(), headers in headers(), body in body(), cuts in cuts(), limit in max_response_bytes()) {
        check("auth_oidc_provider_id_login_get", status, &headers, &body, &cuts, limit)?;
    }
}

/// The documented examples of each outcome, so the fuzz space is known to reach them all.
#[test]
fn every_outcome_is_reachable() {
    let map = |name: &str, status: u16, headers: &[(&str, &str)], body: &[u8]| {
        let mut answer = CannedResponse::new(status).body(body);
        for (n, v) in headers {
            answer = answer.header(n, v);
        }
        call(name, answer, 64).0
    };
    let json = "user_tokens_get";
    assert!(
        matches!(map(json, 200, &[], b"[]").map_err(Error::into_kind), Ok(Called::Json(v)) if v.is_empty())
    );
    assert!(matches!(
        map(json, 200, &[], b"{").map_err(Error::into_kind),
        Err(ErrorKind::Decode { .. })
    ));
    assert!(matches!(
        map(json, 200, &[], &[b' '; 65]).map_err(Error::into_kind),
        Err(ErrorKind::InvalidResponse { .. })
    ));
    assert!(matches!(
        map(json, 404, &[], b"").map_err(Error::into_kind),
        Err(ErrorKind::Status(_))
    ));
    assert!(matches!(
        map("auth_logout_post", 204, &[], b"\xff").map_err(Error::into_kind),
        Ok(Called::Empty)
    ));
    let redirect = "auth_oidc_provider_id_login_get";
    let location = &[("Location", "/auth/login")];
    assert!(matches!(
        map(redirect, 307, location, b"").map_err(Error::into_kind),
        Ok(Called::Redirect(r)) if r.location() == "/auth/login"
    ));
    assert!(matches!(
        map(redirect, 307, &[], b"").map_err(Error::into_kind),
        Err(ErrorKind::InvalidResponse { .. })
    ));
    assert!(matches!(
        map(redirect, 200, location, b"").map_err(Error::into_kind),
        Err(ErrorKind::Status(_))
    ));
}
