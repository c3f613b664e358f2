//! `ProjectsApi` against a mock server: list, create with a body, restore from a backup.

mod support;

use httpmock::Method::{GET, POST};
use httpmock::MockServer;
use semaphore_api::*;
use serde_json::json;
use support::bearer_client;

#[tokio::test]
async fn list_projects() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/projects")
                .header("authorization", "Bearer tok-123");
            then.status(200)
                .header("content-type", "application/json")
                .body("[{\"id\":1,\"name\":\"Demo\",\"created\":\"2024-10-25T10:11:12Z\",\"alert\":false,\"alert_chat\":null,\"max_parallel_tasks\":0,\"type\":\"\"}]\n");
        })
        .await;
    let projects = bearer_client(&server).projects_get().await.unwrap();
    mock.assert_async().await;
    assert_eq!(projects.len(), 1);
    assert_eq!(projects[0].name, "Demo");
}

#[tokio::test]
async fn create_project_decodes_the_201() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/projects")
                .header("content-type", "application/json")
                .json_body(json!({"name": "Demo", "alert": true, "alert_chat": null,
                    "max_parallel_tasks": 2}));
            then.status(201)
                .header("content-type", "application/json")
                .json_body(
                    json!({"id": 3, "name": "Demo", "created": "2024-10-25T10:11:12Z",
                    "alert": true, "alert_chat": null, "max_parallel_tasks": 2}),
                );
        })
        .await;
    let project = bearer_client(&server)
        .projects_post(&ProjectRequest {
            alert: true,
            alert_chat: None,
            max_parallel_tasks: 2,
            ..ProjectRequest::new("Demo")
        })
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(project.id, ProjectId(3));
}

#[tokio::test]
async fn restore_sends_the_backup() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/projects/restore")
                .json_body_includes(r#"{"meta": {"name": "homelab"}}"#)
                .json_body_includes(r#"{"keys": [{"name": "None", "type": "none"}]}"#);
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!({"id": 4, "name": "homelab"}));
        })
        .await;
    let backup = ProjectBackup {
        meta: BackupMeta {
            name: "homelab".into(),
            ..Default::default()
        },
        keys: vec![BackupAccessKey {
            name: "None".into(),
            r#type: AccessKeyType::None,
        }],
        ..Default::default()
    };
    let project = bearer_client(&server)
        .projects_restore_post(&backup)
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(project.id, ProjectId(4));
}

#[tokio::test]
async fn without_credentials_it_is_a_401() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/api/projects");
            then.status(401).header("content-type", "application/json");
        })
        .await;
    let client = Client::new(server.url("/api")).unwrap();
    let error = client.projects_get().await.unwrap_err();
    assert!(error.is_unauthorized(), "{error:?}");
}
