//! Whole sessions: the cookie a login sets is sent until logout; a bearer token works alone.

use semaphore_api::testkit::scripted::{Reply, Request, ScriptedServer};
use semaphore_api::{AuthenticationApi, Client, Login};
use serde_json::json;

const SESSION: &str =
    "MTcxNjQ4NzI2MHxEdi1CQkFFQ180SUFBUkFCRUFBQVJQLUNBQUlHYzNSeWFXNW5EQWNBQldmYz0=";
const NEW_TOKEN: &str = "h4x0r8abcdefghijklmnopqrstuvwxyz0123456789_-a=";
const TOKEN_JSON: &str = r#"{"id":"h4x0r8abcdefghijklmnopqrstuvwxyz0123456789_-a=","created":"2024-10-25T10:11:12Z","expired":false,"user_id":1}"#;

/// The real server's authentication routes, as far as these flows go: a login as
/// admin/changeme sets the session cookie; the token routes need that cookie or the token
/// it created, and answer 401 with an empty body otherwise.
fn semaphore(request: &Request) -> Reply {
    let session = request.header("cookie") == Some(&format!("semaphore={SESSION}")[..]);
    let bearer = request.header("authorization") == Some(&format!("Bearer {NEW_TOKEN}")[..]);
    let json = [("Content-Type", "application/json")];
    match (request.method.as_str(), request.target.as_str()) {
        ("POST", "/api/auth/login")
            if request.json() == json!({"auth": "admin", "password": "changeme"}) =>
        {
            let cookie = format!("semaphore={SESSION}; Path=/");
            Reply::answer("204 No Content", &[json[0], ("Set-Cookie", &cookie)], b"")
        }
        ("POST", "/api/auth/logout") => Reply::answer(
            "204 No Content",
            &[
                json[0],
                (
                    "Set-Cookie",
                    "semaphore=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
                ),
            ],
            b"",
        ),
        ("GET", "/api/user/tokens") if session => Reply::answer("200 OK", &json, b"[]\n"),
        ("GET", "/api/user/tokens") if bearer => {
            Reply::answer("200 OK", &json, format!("[{TOKEN_JSON}]").as_bytes())
        }
        ("POST", "/api/user/tokens") if session => {
            Reply::answer("201 Created", &json, TOKEN_JSON.as_bytes())
        }
        ("DELETE", "/api/user/tokens/h4x0r8abcdefghijklmnopqrstuvwxyz0123456789_-a%3D")
            if bearer =>
        {
            Reply::empty(204)
        }
        _ => Reply::empty(401),
    }
}

#[tokio::test]
async fn cookie_session_login_use_logout() {
    let server = ScriptedServer::start(semaphore).await;
    let client = Client::new(server.base_url.as_str()).unwrap();
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
    // the real server reads no credentials on logout, so the client sends none
    let logout = server.last();
    assert_eq!(logout.target, "/api/auth/logout");
    assert_eq!(
        (logout.header("cookie"), logout.header("authorization")),
        (None, None)
    );
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
    let server = ScriptedServer::start(|request| match request.target.as_str() {
        "/api/auth/logout" => Reply::answer("204 No Content", &[], b""),
        _ => semaphore(request),
    })
    .await;
    let client = Client::builder(server.base_url.as_str())
        .session_cookie(SESSION)
        .build()
        .unwrap();
    assert!(client.user_tokens_get().await.is_ok());
    client.auth_logout_post().await.unwrap();
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
    let server = ScriptedServer::start(semaphore).await;
    let client = Client::new(server.base_url.as_str()).unwrap();
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
    let server = ScriptedServer::start(semaphore).await;
    let session = Client::new(server.base_url.as_str()).unwrap();
    session
        .auth_login_post(&Login::new("admin", "changeme"))
        .await
        .unwrap();
    let token = session.user_tokens_post().await.unwrap();
    let create = server.last();
    assert_eq!(
        create.header("authorization"),
        None,
        "a session sends no token"
    );
    assert!(
        !format!("{token:?}").contains(NEW_TOKEN),
        "the token shows in Debug"
    );

    let bearer = Client::builder(server.base_url.as_str())
        .bearer_token(token.id.clone())
        .build()
        .unwrap();
    let tokens = bearer.user_tokens_get().await.unwrap();
    assert_eq!(
        server.last().header("cookie"),
        None,
        "a token client has no cookie"
    );
    assert_eq!(tokens, vec![token.clone()]);
    bearer
        .user_tokens_api_token_id_delete(token.id.expose_secret())
        .await
        .unwrap();
    assert_eq!(server.last().method, "DELETE");
}
