//! `UserApi` against a mock server: the routes without the spec's trailing slashes, a list,
//! a create with a body, a PUT update, a delete, a password change.

mod support;

use httpmock::Method::{DELETE, GET, POST, PUT};
use httpmock::MockServer;
use semaphore_api::*;
use serde_json::json;
use support::bearer_client;

#[tokio::test]
async fn current_user_is_get_user_without_trailing_slash() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/user")
                .header("authorization", "Bearer tok-123");
            then.status(200)
                .header("content-type", "application/json")
                .body("{\"id\":1,\"created\":\"2024-10-25T10:11:12Z\",\"username\":\"admin\",\"name\":\"Admin\",\"email\":\"admin@example.com\",\"admin\":true,\"external\":false,\"alert\":false,\"pro\":false}\n");
        })
        .await;
    let user = bearer_client(&server).user_get().await.unwrap();
    mock.assert_async().await;
    assert_eq!(user.username, "admin");
    assert!(user.admin);
}

#[tokio::test]
async fn list_and_get_users() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/users");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!([{"id": 1, "username": "admin"}, {"id": 2, "username": "bob"}]));
        })
        .await;
    let one = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/users/2");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!({"id": 2, "username": "bob"}));
        })
        .await;
    let client = bearer_client(&server);
    assert_eq!(client.users_get().await.unwrap().len(), 2);
    assert_eq!(
        client.users_user_id_get(UserId(2)).await.unwrap().username,
        "bob"
    );
    list.assert_async().await;
    one.assert_async().await;
}

#[tokio::test]
async fn create_user_sends_the_body_with_the_password() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST).path("/api/users").json_body(json!({
                "name": "Bob", "username": "bob", "email": "bob@example.com",
                "alert": false, "admin": false, "external": false, "password": "s3cret"
            }));
            then.status(201)
                .header("content-type", "application/json")
                .json_body(json!({"id": 2, "name": "Bob", "username": "bob",
                    "email": "bob@example.com"}));
        })
        .await;
    let user = bearer_client(&server)
        .users_post(&UserRequest {
            password: Some("s3cret".into()),
            ..UserRequest::new("bob", "Bob", "bob@example.com")
        })
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(user.id, UserId(2));
}

#[tokio::test]
async fn update_user_is_a_put_without_trailing_slash() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(PUT).path("/api/users/2").json_body(json!({
                "name": "Bobby", "username": "bob", "email": "bob@example.com",
                "alert": true, "admin": false, "external": false
            }));
            then.status(204).header("content-type", "application/json");
        })
        .await;
    bearer_client(&server)
        .users_user_id_put(
            UserId(2),
            &UserPutRequest {
                created: String::new(),
                username: "bob".into(),
                name: "Bobby".into(),
                email: "bob@example.com".into(),
                admin: false,
                external: false,
                alert: true,
                password: None,
            },
        )
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn delete_user_and_forbidden_is_a_403() {
    let server = MockServer::start_async().await;
    let ok = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/api/users/2");
            then.status(204).header("content-type", "application/json");
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(DELETE).path("/api/users/1");
            then.status(403).header("content-type", "application/json");
        })
        .await;
    let client = bearer_client(&server);
    client.users_user_id_delete(UserId(2)).await.unwrap();
    ok.assert_async().await;
    let error = client.users_user_id_delete(UserId(1)).await.unwrap_err();
    assert!(error.is_forbidden(), "{error:?}");
}

#[tokio::test]
async fn set_password_posts_it() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/users/2/password")
                .json_body(json!({"password": "n3w p@ss"}));
            then.status(204).header("content-type", "application/json");
        })
        .await;
    bearer_client(&server)
        .users_user_id_password_post(UserId(2), &UserPasswordRequest::new("n3w p@ss"))
        .await
        .unwrap();
    mock.assert_async().await;
}
