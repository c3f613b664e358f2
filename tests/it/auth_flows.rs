//! Whole sessions: the cookie a login sets is sent until logout; a bearer token works alone.

use httpmock::{Mock, MockServer};
use semaphore_api::{AuthenticationApi, Client, Login};
use serde_json::json;

use crate::mock_server::{api_url, target_is};

const SESSION: &str =
    "MTcxNjQ4NzI2MHxEdi1CQkFFQ180SUFBUkFCRUFBQVJQLUNBQUlHYzNSeWFXNW5EQWNBQldmYz0=";
const NEW_TOKEN: &str = "h4x0r8abcdefghijklmnopqrstuvwxyz0123456789_-a=";
const TOKEN_JSON: &str = r#"{"id":"h4x0r8abcdefghijklmnopqrstuvwxyz0123456789_-a=","created":"2024-10-25T10:11:12Z","expired":false,"user_id":1}"#;

/// The mocks of the real server's authentication routes, as far as these flows go: a login
/// as admin/changeme sets the session cookie; the token routes need that cookie or the token
/// it created (and each credential alone), and anything else is a 401 with an empty body.
struct Semaphore<'a> {
    logout: Mock<'a>,
    token_list_by_bearer: Mock<'a>,
    token_delete: Mock<'a>,
}

const JSON: &str = "application/json";

impl Semaphore<'_> {
    /// The routes on `server`; `logout_clears_cookie: false` is the spec's logout, a bare 204.
    async fn on(server: &MockServer, logout_clears_cookie: bool) -> Semaphore<'_> {
        let session = format!("semaphore={SESSION}");
        let bearer = format!("Bearer {NEW_TOKEN}");
        server
            .mock_async(|when, then| {
                when.method("POST")
                    .path("/api/auth/login")
                    .json_body(json!({"auth": "admin", "password": "changeme"}));
                then.status(204)
                    .header("Content-Type", JSON)
                    .header("Set-Cookie", format!("semaphore={SESSION}; Path=/"));
            })
            .await;
        // The real server reads no credentials on logout, so the client sends none.
        let logout = server
            .mock_async(|when, then| {
                when.method("POST")
                    .path("/api/auth/logout")
                    .header_missing("cookie")
                    .header_missing("authorization");
                let then = then.status(204);
                if logout_clears_cookie {
                    then.header("Content-Type", JSON).header(
                        "Set-Cookie",
                        "semaphore=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
                    );
                }
            })
            .await;
        server
            .mock_async(|when, then| {
                when.method("GET")
                    .path("/api/user/tokens")
                    .header("cookie", &session)
                    .header_missing("authorization");
                then.status(200).header("Content-Type", JSON).body("[]\n");
            })
            .await;
        let token_list_by_bearer = server
            .mock_async(|when, then| {
                when.method("GET")
                    .path("/api/user/tokens")
                    .header("authorization", &bearer)
                    .header_missing("cookie");
                then.status(200)
                    .header("Content-Type", JSON)
                    .body(format!("[{TOKEN_JSON}]"));
            })
            .await;
        server
            .mock_async(|when, then| {
                when.method("POST")
                    .path("/api/user/tokens")
                    .header("cookie", &session)
                    .header_missing("authorization");
                then.status(201)
                    .header("Content-Type", JSON)
                    .body(TOKEN_JSON);
            })
            .await;
        let token_delete = server
            .mock_async(|when, then| {
                when.method("DELETE")
                    .is_true(target_is(
                        "/api/user/tokens/h4x0r8abcdefghijklmnopqrstuvwxyz0123456789_-a%3D",
                    ))
                    .header("authorization", &bearer);
                then.status(204).header("Content-Type", JSON);
            })
            .await;
        // Created last, so tried last: whatever no route above takes.
        server
            .mock_async(|when, then| {
                when.any_request();
                then.status(401).header("Content-Type", JSON);
            })
            .await;
        Semaphore {
            logout,
            token_list_by_bearer,
            token_delete,
        }
    }
}

#[tokio::test]
async fn cookie_session_login_use_logout() {
    let server = MockServer::start_async().await;
    let semaphore = Semaphore::on(&server, true).await;
    let client = Client::new(api_url(&server)).unwrap();
    assert!(
        client
            .user_tokens_get()
            .await
            .unwrap_err()
            .is_unauthorized()
    );
    assert!(!client.has_session());

    client
        .auth_login_post(&Login::new("admin", "changeme"))
        .await
        .unwrap();
    assert!(client.has_session());
    assert_eq!(client.session_cookie().unwrap().expose_secret(), SESSION);
    // A clone shares the session.
    assert!(client.clone().user_tokens_get().await.unwrap().is_empty());

    client.auth_logout_post().await.unwrap();
    semaphore.logout.assert_calls_async(1).await;
    assert!(!client.has_session());
    assert!(
        client
            .user_tokens_get()
            .await
            .unwrap_err()
            .is_unauthorized()
    );
}

#[tokio::test]
async fn logout_drops_the_cookie_even_when_the_server_does_not_clear_it() {
    // The spec's logout: a bare 204, no Set-Cookie.
    let server = MockServer::start_async().await;
    let semaphore = Semaphore::on(&server, false).await;
    let client = Client::builder(api_url(&server))
        .session_cookie(SESSION)
        .build()
        .unwrap();
    assert!(client.user_tokens_get().await.is_ok());
    client.auth_logout_post().await.unwrap();
    semaphore.logout.assert_calls_async(1).await;
    assert!(
        client
            .user_tokens_get()
            .await
            .unwrap_err()
            .is_unauthorized()
    );
}

#[tokio::test]
async fn a_refused_login_stores_nothing() {
    let server = MockServer::start_async().await;
    Semaphore::on(&server, true).await;
    let client = Client::new(api_url(&server)).unwrap();
    let err = client
        .auth_login_post(&Login::new("admin", "wrong"))
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    assert!(!client.has_session());
    assert!(!format!("{err} {err:?}").contains("wrong"));
}

#[tokio::test]
async fn bearer_token_created_then_used_alone_then_expired() {
    let server = MockServer::start_async().await;
    let semaphore = Semaphore::on(&server, true).await;
    let session = Client::new(api_url(&server)).unwrap();
    session
        .auth_login_post(&Login::new("admin", "changeme"))
        .await
        .unwrap();
    // The create's mock takes the session's cookie without a token.
    let token = session.user_tokens_post().await.unwrap();
    assert!(
        !format!("{token:?}").contains(NEW_TOKEN),
        "the token shows in Debug"
    );

    let bearer = Client::builder(api_url(&server))
        .bearer_token(token.id.clone())
        .build()
        .unwrap();
    // The list's mock for a token takes it without a cookie.
    let tokens = bearer.user_tokens_get().await.unwrap();
    semaphore.token_list_by_bearer.assert_calls_async(1).await;
    assert_eq!(tokens, vec![token.clone()]);
    bearer
        .user_tokens_api_token_id_delete(token.id.expose_secret())
        .await
        .unwrap();
    semaphore.token_delete.assert_calls_async(1).await;
}
