//! The call pipeline with a scripted transport: what an answer does to the client's session,
//! and what an error says, on calls that run exactly as real ones do (`scripted.rs`).

use crate::scripted::{CannedResponse, Scripted, block_on};
use semaphore_api::ErrorKind;
use semaphore_api::{AuthenticationApi, Client, Login};

const BASE: &str = "http://127.0.0.1:3000/api";

fn client(transport: &Scripted) -> Client {
    Client::builder(BASE)
        .__transport(transport.clone())
        .build()
        .unwrap()
}

/// Answers the login with `login_cookie`, the listing with `listing_cookie`, everything else
/// with a plain success.
fn server(login_cookie: &'static str, listing_cookie: &'static str) -> Scripted {
    Scripted::new(
        move |seen| match (seen.method.as_str(), seen.url.as_str()) {
            ("POST", url) if url.ends_with("/auth/login") => {
                CannedResponse::new(204).header("set-cookie", login_cookie)
            }
            ("GET", url) if url.ends_with("/user/tokens") => CannedResponse::new(200)
                .header("set-cookie", listing_cookie)
                .body("[]"),
            _ => CannedResponse::new(204),
        },
    )
}

fn cookies_sent(transport: &Scripted) -> Vec<Option<String>> {
    transport
        .seen()
        .iter()
        .map(|s| {
            s.header("cookie")
                .map(|v| String::from_utf8_lossy(v).into_owned())
        })
        .collect()
}

#[test]
fn a_session_cookie_is_kept_and_sent_until_an_answer_expires_it() {
    for expiry in [
        "semaphore=s3ss10n; Path=/; Max-Age=0",
        "semaphore=s3ss10n; max-age=-1; HttpOnly",
        "semaphore=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    ] {
        let transport = server("semaphore=s3ss10n; Path=/; HttpOnly", expiry);
        let client = client(&transport);
        block_on(async {
            client
                .auth_login_post(&Login::new("admin", "changeme"))
                .await
                .unwrap();
            assert!(client.has_session(), "{expiry}");
            client.user_tokens_get().await.unwrap(); // sends it, and the answer expires it
            assert!(
                !client.has_session(),
                "{expiry}: the session outlived its cookie"
            );
            client.user_tokens_api_token_id_delete("x").await.unwrap();
        });
        assert_eq!(
            cookies_sent(&transport),
            [None, Some("semaphore=s3ss10n".into()), None],
            "{expiry}"
        );
    }
}

#[test]
fn a_cookie_that_does_not_expire_replaces_the_session_and_others_are_ignored() {
    let transport = server("semaphore=first", "semaphore=second; Max-Age=3600");
    let client = client(&transport);
    block_on(async {
        client
            .auth_login_post(&Login::new("admin", "changeme"))
            .await
            .unwrap();
        client.user_tokens_get().await.unwrap();
        client.user_tokens_get().await.unwrap();
    });
    assert_eq!(
        cookies_sent(&transport),
        [
            None,
            Some("semaphore=first".into()),
            Some("semaphore=second".into())
        ]
    );
    let other = server("oauthstate=x; Path=/", "session=y");
    let client = self::client(&other);
    block_on(client.auth_login_post(&Login::new("admin", "changeme"))).unwrap();
    assert!(!client.has_session());
}

#[test]
fn a_successful_logout_ends_the_session_and_a_failed_one_keeps_it() {
    for (status, kept) in [(204, false), (200, false), (500, true), (401, true)] {
        let transport = Scripted::always(CannedResponse::new(status));
        let client = Client::builder(BASE)
            .session_cookie("s3ss10n")
            .__transport(transport.clone())
            .build()
            .unwrap();
        let _ = block_on(client.auth_logout_post());
        assert_eq!(client.has_session(), kept, "{status}");
        // The real server reads no credentials on logout, so none are sent.
        assert_eq!(cookies_sent(&transport), [None]);
    }
}

#[test]
fn every_error_message_starts_with_the_operation() {
    let cases = [
        CannedResponse::new(200).body(r#"{"tokens":[]}"#), // Decode
        CannedResponse::new(200).body("["),                // Decode
        CannedResponse::new(200).body(vec![b' '; 100]),    // InvalidResponse: over the limit
        CannedResponse::new(404).body(r#"{"error":"nope"}"#), // Status
    ];
    for answer in cases {
        let client = Client::builder(BASE)
            .max_response_bytes(64)
            .__transport(Scripted::always(answer.clone()))
            .build()
            .unwrap();
        let error = block_on(client.user_tokens_get()).unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with("GET /user/tokens (user_tokens_get): "),
            "{answer:?}: {message}"
        );
    }
    let client = client(&Scripted::always(CannedResponse::new(200).body("{")));
    let error = block_on(client.user_tokens_get()).unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Decode { .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        r#"GET /user/tokens (user_tokens_get): the 200 OK answer's body does not decode (body starts "{")"#
    );
}

#[test]
fn the_request_carries_the_declared_headers_and_credentials() {
    let transport = Scripted::always(CannedResponse::new(200).body("[]"));
    let client = Client::builder(BASE)
        .bearer_token("b3arer")
        .session_cookie("s3ss10n")
        .__transport(transport.clone())
        .build()
        .unwrap();
    block_on(client.user_tokens_get()).unwrap();
    block_on(client.auth_login_post(&Login::new("admin", "changeme"))).unwrap(); // #[no_auth]
    let seen = transport.seen();
    assert_eq!(seen[0].url, "http://127.0.0.1:3000/api/user/tokens");
    assert_eq!(seen[0].header("authorization"), Some(&b"Bearer b3arer"[..]));
    assert_eq!(seen[0].header("cookie"), Some(&b"semaphore=s3ss10n"[..]));
    assert_eq!(seen[0].header("accept"), Some(&b"application/json"[..]));
    assert_eq!(seen[1].header("authorization"), None);
    assert_eq!(seen[1].header("cookie"), None);
    assert_eq!(
        seen[1].header("content-type"),
        Some(&b"application/json"[..])
    );
    assert_eq!(
        seen[1].body.as_deref(),
        Some(&br#"{"auth":"admin","password":"changeme"}"#[..])
    );
}
