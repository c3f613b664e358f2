//! Each of the 8 AuthenticationApi operations: exactly what goes out, and what every status
//! the spec or the real server gives turns into.

use httpmock::{HttpMockRequest, MockServer, Then, When};
use semaphore_api::ErrorKind;
use semaphore_api::{AuthenticationApi, Client, Error, Login};
use serde_json::json;

use crate::mock_server::{api_url, target_is};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    LoginGet,
    LoginPost,
    Logout,
    OidcLogin,
    OidcRedirect,
    TokensGet,
    TokensPost,
    TokenDelete,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Json,
    Empty,
    Redirect,
}

/// What a successful call returned, flattened for comparison.
#[derive(Debug, PartialEq)]
enum Outcome {
    Json(serde_json::Value),
    Empty,
    Redirect(u16, String),
}

const TOKEN_ID: &str = "kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu=";

impl Op {
    const ALL: [Op; 8] = [
        Op::LoginGet,
        Op::LoginPost,
        Op::Logout,
        Op::OidcLogin,
        Op::OidcRedirect,
        Op::TokensGet,
        Op::TokensPost,
        Op::TokenDelete,
    ];

    fn method(self) -> &'static str {
        match self {
            Op::LoginGet | Op::OidcLogin | Op::OidcRedirect | Op::TokensGet => "GET",
            Op::LoginPost | Op::Logout | Op::TokensPost => "POST",
            Op::TokenDelete => "DELETE",
        }
    }

    /// The path on the wire, under the `/api` base.
    fn path(self) -> &'static str {
        match self {
            Op::LoginGet | Op::LoginPost => "/api/auth/login",
            Op::Logout => "/api/auth/logout",
            Op::OidcLogin => "/api/auth/oidc/mysso/login",
            Op::OidcRedirect => "/api/auth/oidc/mysso/redirect",
            Op::TokensGet | Op::TokensPost => "/api/user/tokens",
            Op::TokenDelete => "/api/user/tokens/kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu%3D",
        }
    }

    /// The real server reads credentials on the token routes only.
    fn sends_credentials(self) -> bool {
        matches!(self, Op::TokensGet | Op::TokensPost | Op::TokenDelete)
    }

    fn kind(self) -> Kind {
        match self {
            Op::LoginGet | Op::TokensGet | Op::TokensPost => Kind::Json,
            Op::LoginPost | Op::Logout | Op::TokenDelete => Kind::Empty,
            Op::OidcLogin | Op::OidcRedirect => Kind::Redirect,
        }
    }

    /// A body the real server would send on success.
    fn success_body(self) -> serde_json::Value {
        match self {
            Op::LoginGet => json!({
                "oidc_providers": [{"id": "mysso", "name": "Sign in with MySSO", "color": "#000", "icon": "login"}],
                "login_with_password": true
            }),
            Op::TokensGet => json!([
                {"id": TOKEN_ID, "created": "2024-10-25T10:11:12Z", "expired": false, "user_id": 1},
                {"id": "old", "created": "2024-10-01T00:00:00Z", "expired": true, "user_id": 1}
            ]),
            Op::TokensPost => {
                json!({"id": TOKEN_ID, "created": "2024-10-25T10:11:12Z", "expired": false, "user_id": 1})
            }
            _ => serde_json::Value::Null,
        }
    }

    async fn call(self, client: &Client) -> semaphore_api::Result<Outcome> {
        let json = |v| Ok(Outcome::Json(v));
        let redirect = |r: semaphore_api::Redirect| {
            Ok(Outcome::Redirect(
                r.status().as_u16(),
                r.location().to_owned(),
            ))
        };
        match self {
            Op::LoginGet => json(serde_json::to_value(client.auth_login_get().await?).unwrap()),
            Op::LoginPost => {
                let login = Login::new("admin", "p@ss w0rd");
                client
                    .auth_login_post(&login)
                    .await
                    .map(|()| Outcome::Empty)
            }
            Op::Logout => client.auth_logout_post().await.map(|()| Outcome::Empty),
            Op::OidcLogin => redirect(
                client
                    .auth_oidc_provider_id_login_get("mysso", None)
                    .await?,
            ),
            Op::OidcRedirect => redirect(
                client
                    .auth_oidc_provider_id_redirect_get("mysso", None, None)
                    .await?,
            ),
            Op::TokensGet => {
                let tokens = client.user_tokens_get().await?;
                json(serde_json::Value::Array(
                    tokens.iter().map(token_json).collect(),
                ))
            }
            Op::TokensPost => json(token_json(&client.user_tokens_post().await?)),
            Op::TokenDelete => client
                .user_tokens_api_token_id_delete(TOKEN_ID)
                .await
                .map(|()| Outcome::Empty),
        }
    }
}

fn token_json(t: &semaphore_api::ApiToken) -> serde_json::Value {
    json!({"id": t.id.expose_secret(), "created": t.created, "expired": t.expired, "user_id": t.user_id})
}

fn client_with_credentials(server: &MockServer) -> Client {
    Client::builder(api_url(server))
        .bearer_token("tok-123")
        .session_cookie("sess-456")
        .build()
        .unwrap()
}

/// The answer the real server gives `op` on success.
fn success(op: Op, then: Then) {
    let then = then.header("Content-Type", "application/json");
    match op.kind() {
        Kind::Json => then.status(200).body(format!("{}\n", op.success_body())),
        Kind::Empty => then.status(204),
        Kind::Redirect => then
            .status(307)
            .header("Location", "https://sso.example/authorize?state=x"),
    };
}

/// Exactly the request `op` sends: its line, its credentials or none, its body or none.
fn request_of(op: Op, when: When) {
    let mut when = when.method(op.method()).is_true(target_is(op.path()));
    when = match op.sends_credentials() {
        true => when
            .header("authorization", "Bearer tok-123")
            .header("cookie", "semaphore=sess-456"),
        false => when
            .header_missing("authorization")
            .header_missing("cookie"),
    };
    when = match op {
        Op::LoginPost => when
            .header("content-type", "application/json")
            .json_body(json!({"auth": "admin", "password": "p@ss w0rd"})),
        _ => when
            .header_missing("content-type")
            .is_true(|request: &HttpMockRequest| request.body_ref().is_empty()),
    };
    if op.kind() == Kind::Json {
        when.header("accept", "application/json");
    }
}

#[tokio::test]
async fn every_operation_sends_exactly_its_request() {
    let server = MockServer::start_async().await;
    for op in Op::ALL {
        // A client of its own: a logout ends the session the later operations send.
        let client = client_with_credentials(&server);
        let mock = server
            .mock_async(|when, then| {
                request_of(op, when);
                success(op, then);
            })
            .await;
        let outcome = op.call(&client).await;
        mock.assert_calls_async(1).await;
        let expected = match op.kind() {
            Kind::Json => Outcome::Json(op.success_body()),
            Kind::Empty => Outcome::Empty,
            Kind::Redirect => {
                Outcome::Redirect(307, "https://sso.example/authorize?state=x".into())
            }
        };
        assert_eq!(outcome.unwrap(), expected, "{op:?}");
        mock.delete_async().await;
    }
}

/// What the client must make of `status`, answered with an empty JSON-labelled body (or
/// the success body for JSON operations' 2xx, or a `Location` for 3xx).
fn expected(op: Op, status: u16) -> Result<Outcome, u16> {
    let success = match op.kind() {
        Kind::Json | Kind::Empty => (200..300).contains(&status),
        Kind::Redirect => (300..400).contains(&status),
    };
    if !success {
        return Err(status);
    }
    Ok(match op.kind() {
        Kind::Json => Outcome::Json(op.success_body()),
        Kind::Empty => Outcome::Empty,
        Kind::Redirect => Outcome::Redirect(status, "/auth/login".into()),
    })
}

#[tokio::test]
async fn every_status_maps_to_its_result() {
    let server = MockServer::start_async().await;
    let client = Client::new(api_url(&server)).unwrap();
    let mut cases = 0;
    for op in Op::ALL {
        for status in [200u16, 201, 204, 302, 307, 400, 401, 403, 404, 500] {
            let mock = server
                .mock_async(|when, then| {
                    when.method(op.method()).is_true(target_is(op.path()));
                    let then = then
                        .status(status)
                        .header("Content-Type", "application/json");
                    if (300..400).contains(&status) {
                        then.header("Location", "/auth/login");
                    } else if (200..300).contains(&status)
                        && status != 204
                        && op.kind() == Kind::Json
                    {
                        then.body(op.success_body().to_string());
                    }
                })
                .await;
            let outcome = op.call(&client).await;
            mock.assert_calls_async(1).await;
            mock.delete_async().await;
            match (expected(op, status), outcome.map_err(Error::into_kind)) {
                (Ok(want), Ok(got)) => assert_eq!(got, want, "{op:?} {status}"),
                (Err(want), Err(ErrorKind::Status(e))) => {
                    assert_eq!(e.status.as_u16(), want, "{op:?} {status}");
                    assert!(
                        e.body.is_empty() && e.message.is_none(),
                        "{op:?} {status}: {e:?}"
                    );
                    if (300..400).contains(&status) {
                        assert_eq!(e.location.as_deref(), Some("/auth/login"));
                    }
                }
                // A JSON operation's 204 has no body to decode.
                (Ok(_), Err(ErrorKind::Decode { status: s, .. }))
                    if status == 204 && op.kind() == Kind::Json =>
                {
                    assert_eq!(s.as_u16(), 204);
                }
                (want, got) => panic!("{op:?} {status}: expected {want:?}, got {got:?}"),
            }
            cases += 1;
        }
    }
    assert_eq!(cases, 80);
}

#[tokio::test]
async fn status_helpers_and_server_messages() {
    let server = MockServer::start_async().await;
    let client = Client::new(api_url(&server)).unwrap();
    for (status, check) in [
        (400u16, Error::is_bad_request as fn(&Error) -> bool),
        (401, Error::is_unauthorized),
        (403, Error::is_forbidden),
        (404, Error::is_not_found),
        (500, Error::is_server_error),
    ] {
        let mock = server
            .mock_async(|when, then| {
                when.any_request();
                then.status(status)
                    .header("Content-Type", "application/json")
                    .body("{\"error\":\"Invalid token\"}\n");
            })
            .await;
        let err = client.user_tokens_get().await.unwrap_err();
        mock.delete_async().await;
        assert!(check(&err), "{status}: {err:?}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(err.server_message(), Some("Invalid token"));
        assert!(
            err.to_string()
                .contains("GET /user/tokens (user_tokens_get)"),
            "{err}"
        );
    }

    // The real server's unknown-route answer: plain text, kept as the body.
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(404)
                .header("Content-Type", "text/plain; charset=utf-8")
                .body("Not Found\n");
        })
        .await;
    let err = client
        .user_tokens_api_token_id_delete("x")
        .await
        .unwrap_err();
    let ErrorKind::Status(e) = err.kind() else {
        panic!("{err:?}")
    };
    assert_eq!(e.body_text(), "Not Found\n");
    assert!(e.message.is_none() && err.is_not_found());
}

#[tokio::test]
async fn wrong_json_shapes_are_decode_errors_with_a_snippet() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(200)
                .header("Content-Type", "application/json")
                .body("{\"tokens\": []}");
        })
        .await;
    let client = Client::new(api_url(&server)).unwrap();
    let err = client.user_tokens_get().await.unwrap_err();
    let ErrorKind::Decode {
        status, snippet, ..
    } = err.kind()
    else {
        panic!("{err:?}")
    };
    assert_eq!(status.as_u16(), 200);
    assert_eq!(snippet, "{\"tokens\": []}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
}

#[tokio::test]
async fn models_decode_spec_minimal_real_and_newer_answers() {
    let server = MockServer::start_async().await;
    let client = Client::new(api_url(&server)).unwrap();
    // The spec's minimal metadata: no login_with_password, providers without color/icon.
    server
        .mock_async(|when, then| {
            when.path("/api/auth/login");
            then.status(200)
                .body(r#"{"oidc_providers":[{"id":"mysso","name":"Sign in with MySSO"}]}"#);
        })
        .await;
    let metadata = client.auth_login_get().await.unwrap();
    assert_eq!(metadata.oidc_providers[0].id, "mysso");
    assert_eq!(metadata.oidc_providers[0].color, "");
    assert!(!metadata.login_with_password);

    // A newer server: token names and fields nobody knows yet.
    server
        .mock_async(|when, then| {
            when.path("/api/user/tokens");
            then.status(200).body(r#"[{"id":"t","created":"0001-01-01T00:00:00Z","expired":false,"user_id":3,"name":"ci","scopes":["x"]},{}]"#);
        })
        .await;
    let tokens = client.user_tokens_get().await.unwrap();
    assert_eq!(tokens.len(), 2);
    assert_eq!(
        (tokens[0].id.expose_secret(), tokens[0].user_id),
        ("t", semaphore_api::UserId(3))
    );
    assert_eq!(tokens[1], semaphore_api::ApiToken::default());
}
