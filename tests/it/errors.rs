//! What errors and redirects show of an answer: a server's bytes may hold secrets that are
//! not the client's own (a new token, a key's secret, a runner token, a token id in a
//! `Location`), so `Display`, `Debug` and the source chain show the answer's shape, never
//! those values. Also: `Redirect::is_relative`, the body limit's edge values, and an error's
//! `Display` that does not repeat its causes.

use crate::scripted::{CannedResponse, Scripted, block_on};
use httpmock::MockServer;
use semaphore_api::ErrorKind;
use semaphore_api::testkit::scripted::{Reply, ScriptedServer};
use semaphore_api::{AuthenticationApi, Client, Error, Result, semaphore_api};
use serde::Deserialize;

/// A token id passed as a path argument.
const PATH_TOKEN: &str = "pathtoken-7f3a9c2e41";
/// A token the client does not hold, in a listing.
const NEW_TOKEN: &str = "kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu=";
/// A runner's registration token.
const RUNNER_TOKEN: &str = "rnr-Secret-0c9f7a";
/// The base64 of an SSH private key.
const KEY_MATERIAL: &str = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ";
/// A password, short enough to look like a word.
const KEY_PASSWORD: &str = "hunter2";

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub enum Kind {
    Ssh,
    LoginPassword,
}

#[semaphore_api]
pub trait Probe {
    #[get("/kind")]
    async fn kind(&self) -> Result<Kind>;
}

/// Everything a user can print of an error: `Display`, `{:#}`-style with its causes, `Debug`.
fn everything_shown(error: &Error) -> String {
    let mut shown = format!("{error}\n{error:?}");
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        shown.push_str(&format!("\n{e}\n{e:?}"));
        source = e.source();
    }
    shown
}

/// Response headers, as `answered` takes them.
type Headers<'a> = [(&'a str, &'a str)];

/// A mock server and the client's base URL on it.
struct Answering {
    _server: MockServer,
    base_url: String,
}

/// A server that answers every request with `status_line`'s status, `headers` and `body`.
async fn answered(status_line: &str, headers: &[(&str, &str)], body: &[u8]) -> Answering {
    let status: u16 = status_line
        .split(' ')
        .next()
        .and_then(|code| code.parse().ok())
        .expect("a status line starts with its code");
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            let then = headers
                .iter()
                .fold(then.status(status), |then, (name, value)| {
                    then.header(*name, *value)
                });
            then.body(body);
        })
        .await;
    Answering {
        base_url: crate::mock_server::api_url(&server),
        _server: server,
    }
}

#[tokio::test]
async fn an_unexpected_redirect_shows_where_it_goes_but_not_the_path() {
    let location = format!("https://semaphore.example/api/user/tokens/{PATH_TOKEN}");
    let server = answered("301 Moved Permanently", &[("Location", &location)], b"").await;
    let client = Client::new(&server.base_url).unwrap();
    let err = client
        .user_tokens_api_token_id_delete(PATH_TOKEN)
        .await
        .unwrap_err();
    let shown = everything_shown(&err);
    assert!(!shown.contains(PATH_TOKEN), "{shown}");
    assert!(
        err.to_string().contains("https://semaphore.example"),
        "{err}"
    );
    // The field still holds the whole Location, for code that reads it on purpose.
    let ErrorKind::Status(status) = err.kind() else {
        panic!("{err:?}")
    };
    assert_eq!(status.location.as_deref(), Some(&*location));
}

#[tokio::test]
async fn a_body_that_does_not_decode_shows_its_shape_not_its_values() {
    let json = [("Content-Type", "application/json")];
    let text = [("Content-Type", "text/plain")];
    let cases: [(&str, &Headers, String); 5] = [
        (
            "a new token in a listing of the wrong shape",
            &json,
            format!(r#"[{{"id":"{NEW_TOKEN}","created":"x","expired":"no","user_id":1}}]"#),
        ),
        (
            "a runner token where a number belongs (serde quotes it)",
            &json,
            format!(r#"[{{"id":"x","created":"x","expired":false,"user_id":"{RUNNER_TOKEN}"}}]"#),
        ),
        (
            "a key's secret in an object where a list belongs",
            &json,
            format!(
                r#"{{"id":1,"type":"ssh","ssh":{{"private_key":"-----BEGIN OPENSSH PRIVATE KEY-----\n{KEY_MATERIAL}\n"}},"login_password":{{"password":"{KEY_PASSWORD}"}}}}"#
            ),
        ),
        (
            "a token in a text answer",
            &text,
            format!("runner registered, token={NEW_TOKEN}\n"),
        ),
        (
            "a token cut by the end of the body",
            &json,
            format!(r#"[{{"id":"{NEW_TOKEN}"#),
        ),
    ];
    for (case, headers, body) in cases {
        let server = answered("200 OK", headers, body.as_bytes()).await;
        let client = Client::new(&server.base_url).unwrap();
        let err = client.user_tokens_get().await.unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Decode { .. }),
            "{case}: {err:?}"
        );
        let shown = everything_shown(&err);
        for secret in [NEW_TOKEN, RUNNER_TOKEN, KEY_MATERIAL, KEY_PASSWORD] {
            assert!(!shown.contains(secret), "{case}: {secret} in {shown}");
        }
    }

    // An enum variant the client does not know: serde names it.
    let server = answered("200 OK", &json, format!("\"{RUNNER_TOKEN}\"").as_bytes()).await;
    let err = Client::new(&server.base_url)
        .unwrap()
        .kind()
        .await
        .unwrap_err();
    let shown = everything_shown(&err);
    assert!(matches!(err.kind(), ErrorKind::Decode { .. }), "{err:?}");
    assert!(!shown.contains(RUNNER_TOKEN), "{shown}");
}

#[tokio::test]
async fn an_error_answer_shows_its_message_but_no_token_in_it() {
    let body = format!(r#"{{"error":"runner token {NEW_TOKEN} is not registered"}}"#);
    let server = answered(
        "400 Bad Request",
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    )
    .await;
    let err = Client::new(&server.base_url)
        .unwrap()
        .user_tokens_get()
        .await
        .unwrap_err();
    let shown = everything_shown(&err);
    assert!(!shown.contains(NEW_TOKEN), "{shown}");
    assert!(err.to_string().contains("is not registered"), "{err}");
    // The message and body stay readable in full for code that asks for them.
    assert!(err.server_message().unwrap().contains(NEW_TOKEN));
}

#[tokio::test]
async fn a_redirects_debug_shows_neither_the_arguments_nor_the_locations_path() {
    let server = answered(
        "307 Temporary Redirect",
        &[(
            "Location",
            "https://idp.example/authorize?client_id=semaphore&state=st4te-Secret-9a8b7c",
        )],
        b"",
    )
    .await;
    let redirect = Client::new(&server.base_url)
        .unwrap()
        .auth_oidc_provider_id_login_get(PATH_TOKEN, None)
        .await
        .unwrap();
    let shown = format!("{redirect:?}");
    assert!(!shown.contains(PATH_TOKEN), "{shown}");
    assert!(!shown.contains("st4te-Secret"), "{shown}");
    assert!(shown.contains("https://idp.example"), "{shown}");
    // What the caller asks for on purpose is whole.
    assert!(redirect.location().contains("st4te-Secret-9a8b7c"));
}

/// A `Redirect` for `location`, as `auth_oidc_provider_id_login_get` called at
/// `http://semaphore.example:3000/api/auth/oidc/sso/login` returns it.
fn redirect_to(location: &str) -> semaphore_api::Redirect {
    let answer = CannedResponse::new(307).header("location", location);
    let client = Client::builder("http://semaphore.example:3000/api")
        .__transport(Scripted::always(answer))
        .build()
        .unwrap();
    match block_on(client.auth_oidc_provider_id_login_get("sso", None)) {
        Ok(redirect) => redirect,
        other => panic!("{location:?}: {other:?}"),
    }
}

#[test]
fn only_a_location_that_stays_on_the_server_is_relative() {
    for location in [
        "//other.host/x",
        "\\\\other.host\\x",
        "/\\other.host",
        "\\/other.host",
        "/\t/other.host",
        "//semaphore.example:3001/x",
        "https://semaphore.example:3000/x",
        "http:other.host",
    ] {
        let redirect = redirect_to(location);
        assert!(!redirect.is_relative(), "{location:?} called relative");
    }
    for location in ["/auth/login", "login", "../x", "?error=1", "#top", "/a//b"] {
        let redirect = redirect_to(location);
        assert!(redirect.is_relative(), "{location:?} not called relative");
        let resolved = redirect.resolve().unwrap();
        assert_eq!(
            resolved.host_str(),
            Some("semaphore.example"),
            "{location:?}"
        );
        assert_eq!(resolved.port(), Some(3000), "{location:?}");
    }
}

const TOKENS: &str = r#"[{"id":"t","created":"2024-10-25T10:11:12Z","expired":false,"user_id":1}]"#;

#[tokio::test]
async fn the_largest_body_limit_works_and_a_zero_limit_refuses_any_body() {
    let json = [("Content-Type", "application/json")];
    let server = answered("200 OK", &json, TOKENS.as_bytes()).await;
    let client = Client::builder(&server.base_url)
        .max_response_bytes(usize::MAX)
        .build()
        .unwrap();
    assert_eq!(client.user_tokens_get().await.unwrap().len(), 1);

    let server = answered("200 OK", &json, TOKENS.as_bytes()).await;
    let client = Client::builder(&server.base_url)
        .max_response_bytes(0)
        .build()
        .unwrap();
    let err = client.user_tokens_get().await.unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidResponse { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("limit of 0 bytes"), "{err}");
}

/// `Display` and the source chain, as `{:#}` in anyhow prints them: no part repeats a cause.
fn assert_causes_shown_once(error: &Error) {
    let mut parts = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        parts.push(e.to_string());
        source = e.source();
    }
    for (i, part) in parts.iter().enumerate() {
        for cause in &parts[i + 1..] {
            assert!(
                !part.contains(cause.as_str()),
                "{part:?} repeats its cause {cause:?} (chain: {parts:?})"
            );
        }
    }
}

#[tokio::test]
async fn an_errors_display_does_not_repeat_its_causes() {
    let refused = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let err = Client::new(format!("http://{refused}/api"))
        .unwrap()
        .user_tokens_get()
        .await
        .unwrap_err();
    assert!(err.is_connect(), "{err:?}");
    assert_causes_shown_once(&err);
    // Together they still say what happened.
    let mut all = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(e) = source {
        all.push_str(&format!(": {e}"));
        source = e.source();
    }
    assert!(all.contains("Connection refused"), "{all}");

    let server = answered("200 OK", &[], br#"{"tokens":[]}"#).await;
    let err = Client::new(&server.base_url)
        .unwrap()
        .user_tokens_get()
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Decode { .. }), "{err:?}");
    assert_causes_shown_once(&err);

    let server = ScriptedServer::always(Reply::Close).await;
    let err = Client::new(&server.base_url)
        .unwrap()
        .user_tokens_get()
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Transport { .. }), "{err:?}");
    assert_causes_shown_once(&err);
}

#[tokio::test]
async fn a_status_errors_debug_shows_the_body_as_text() {
    let server = answered(
        "502 Bad Gateway",
        &[("Content-Type", "text/html")],
        b"<html>Bad Gateway</html>",
    )
    .await;
    let err = Client::new(&server.base_url)
        .unwrap()
        .user_tokens_get()
        .await
        .unwrap_err();
    let ErrorKind::Status(status) = err.kind() else {
        panic!("{err:?}")
    };
    let shown = format!("{status:?}");
    assert!(shown.contains("<html>Bad Gateway</html>"), "{shown}");
    assert!(!shown.contains("[60, 104"), "{shown}");
}

/// Words shorter than 16 characters outside JSON strings are shown as they are, so the
/// client's own credentials, which may be that short, are taken out by value.
#[test]
fn a_decode_snippet_never_shows_the_clients_own_credentials() {
    let (bearer, cookie) = ("tok-9b2e", "ck-7f3a");
    let body = format!("token {bearer} and session {cookie} expired");
    let client = Client::builder("http://127.0.0.1:3000/api")
        .bearer_token(bearer)
        .session_cookie(cookie)
        .__transport(Scripted::always(CannedResponse::new(200).body(body)))
        .build()
        .unwrap();
    let error = block_on(client.user_tokens_get()).unwrap_err();
    let ErrorKind::Decode { snippet, .. } = error.kind() else {
        panic!("{error:?}")
    };
    assert!(
        snippet.starts_with("token [REDACTED] and session"),
        "{snippet}"
    );
    let shown = format!("{error} {error:?} {:?}", std::error::Error::source(&error));
    for secret in [bearer, cookie] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
}
