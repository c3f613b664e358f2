//! `DefaultApi` against a mock server: the untagged operations.

mod support;

use httpmock::Method::{GET, PUT};
use httpmock::MockServer;
use semaphore_api::*;
use serde_json::json;
use support::bearer_client;

#[tokio::test]
async fn ping_sends_no_credentials_and_accepts_plain_text() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/ping")
                .header_missing("authorization");
            then.status(200)
                .header("content-type", "text/plain; charset=utf-8")
                .body("pong");
        })
        .await;
    bearer_client(&server).ping_get().await.unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn info_decodes_version_and_update() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/info")
                .header("authorization", "Bearer tok-123");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(
                    json!({"version": "v2.10.22", "ansible": "ansible [core 2.16]",
                    "web_host": "", "use_remote_runner": true}),
                );
        })
        .await;
    let info = bearer_client(&server).info_get().await.unwrap();
    mock.assert_async().await;
    assert_eq!(info.version, "v2.10.22");
    assert_eq!(info.ansible, "ansible [core 2.16]");
    assert!(info.use_remote_runner);
}

#[tokio::test]
async fn events_and_last_events() {
    let server = MockServer::start_async().await;
    let all = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/events");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(
                    json!([{"user_id": null, "project_id": null, "object_id": null,
                    "object_type": null, "description": "Semaphore started",
                    "created": "2024-10-25T10:11:12Z"}]),
                );
        })
        .await;
    let last = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/events/last");
            then.status(200)
                .header("content-type", "application/json")
                .body("[]\n");
        })
        .await;
    let client = bearer_client(&server);
    let events = client.events_get().await.unwrap();
    assert_eq!(events[0].project_id, None);
    assert!(client.events_last_get().await.unwrap().is_empty());
    all.assert_async().await;
    last.assert_async().await;
}

#[tokio::test]
async fn update_member_role_puts_it_under_both_ids() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/api/project/1/users/2")
                .json_body(json!({"role": "manager"}));
            then.status(204).header("content-type", "application/json");
        })
        .await;
    bearer_client(&server)
        .project_project_id_users_user_id_put(
            ProjectId(1),
            UserId(2),
            &ProjectUserRoleRequest {
                role: ProjectRole::Manager,
            },
        )
        .await
        .unwrap();
    mock.assert_async().await;
}
