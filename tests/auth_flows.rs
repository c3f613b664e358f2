//! Whole sessions: the cookie a login sets is sent until logout; a bearer token works alone.

use httpmock::Method::{DELETE, GET, POST};
use httpmock::MockServer;
use semaphore_api::{AuthenticationApi, Client, Login};

const SESSION: &str =
    "MTcxNjQ4NzI2MHxEdi1CQkFFQ180SUFBUkFCRUFBQVJQLUNBQUlHYzNSeWFXNW5EQWNBQldmYz0=";

async fn mock_login(server: &MockServer) {
    server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/auth/login")
                .json_body(serde_json::json!({"auth": "admin", "password": "changeme"}));
            then.status(204)
                .header("content-type", "application/json")
                .header("set-cookie", format!("semaphore={SESSION}; Path=/"));
        })
        .await;
}

/// Tokens for the session cookie; 401 (empty body) for anything else, like the real server.
async fn mock_tokens(server: &MockServer) {
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/user/tokens")
                .cookie("semaphore", SESSION);
            then.status(200)
                .header("content-type", "application/json")
                .body("[]\n");
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/user/tokens")
                .cookie_missing("semaphore");
            then.status(401).header("content-type", "application/json");
        })
        .await;
}

#[tokio::test]
async fn cookie_session_login_use_logout() {
    let server = MockServer::start_async().await;
    mock_login(&server).await;
    mock_tokens(&server).await;
    let logout = server
        .mock_async(|when, then| {
            // the real server reads no credentials here, so the client sends none
            when.method(POST)
                .path("/api/auth/logout")
                .header_missing("cookie")
                .header_missing("authorization");
            then.status(204)
                .header("content-type", "application/json")
                .header(
                    "set-cookie",
                    "semaphore=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
                );
        })
        .await;

    let client = Client::new(server.url("/api")).unwrap();
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
    logout.assert_async().await;
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
    mock_tokens(&server).await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/api/auth/logout");
            then.status(204);
        })
        .await;
    let client = Client::builder(server.url("/api"))
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
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/api/auth/login");
            then.status(401).header("content-type", "application/json");
        })
        .await;
    let client = Client::new(server.url("/api")).unwrap();
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
    const NEW_TOKEN: &str = "h4x0r8abcdefghijklmnopqrstuvwxyz0123456789_-a=";
    let server = MockServer::start_async().await;
    mock_login(&server).await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST).path("/api/user/tokens").cookie("semaphore", SESSION).header_missing("authorization");
            then.status(201).header("content-type", "application/json").body(format!(
                r#"{{"id":"{NEW_TOKEN}","created":"2024-10-25T10:11:12Z","expired":false,"user_id":1}}"#
            ));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/user/tokens")
                .header("authorization", format!("Bearer {NEW_TOKEN}"))
                .header_missing("cookie");
            then.status(200).header("content-type", "application/json").body(format!(
                r#"[{{"id":"{NEW_TOKEN}","created":"2024-10-25T10:11:12Z","expired":false,"user_id":1}}]"#
            ));
        })
        .await;
    let expire = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/api/user/tokens/h4x0r8abcdefghijklmnopqrstuvwxyz0123456789_-a%3D")
                .header("authorization", format!("Bearer {NEW_TOKEN}"));
            then.status(204).header("content-type", "application/json");
        })
        .await;

    let session = Client::new(server.url("/api")).unwrap();
    session
        .auth_login_post(&Login::new("admin", "changeme"))
        .await
        .unwrap();
    let token = session.user_tokens_post().await.unwrap();
    create.assert_async().await;
    assert!(
        !format!("{token:?}").contains(NEW_TOKEN),
        "the token shows in Debug"
    );

    let bearer = Client::builder(server.url("/api"))
        .bearer_token(token.id.clone())
        .build()
        .unwrap();
    let tokens = bearer.user_tokens_get().await.unwrap();
    list.assert_async().await;
    assert_eq!(tokens, vec![token.clone()]);
    bearer
        .user_tokens_api_token_id_delete(token.id.expose_secret())
        .await
        .unwrap();
    expire.assert_async().await;
}
