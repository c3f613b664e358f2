//! `ScheduleApi` against a mock server: create, get, PUT update, delete.

mod support;

use httpmock::Method::{DELETE, GET, POST, PUT};
use httpmock::MockServer;
use semaphore_api::*;
use serde_json::json;
use support::bearer_client;

fn nightly() -> ScheduleRequest {
    ScheduleRequest {
        cron_format: "0 3 * * *".into(),
        template_id: TemplateId(7),
        name: "nightly".into(),
        active: true,
        repository_id: None,
    }
}

#[tokio::test]
async fn create_sends_no_id_and_decodes_the_201() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/project/1/schedules")
                .json_body(json!({"cron_format": "0 3 * * *", "project_id": 1,
                    "template_id": 7, "name": "nightly", "active": true,
                    "repository_id": null}));
            then.status(201)
                .header("content-type", "application/json")
                .json_body(json!({"id": 9, "cron_format": "0 3 * * *", "project_id": 1,
                    "template_id": 7, "name": "nightly", "active": true,
                    "repository_id": null}));
        })
        .await;
    let schedule = bearer_client(&server)
        .project_project_id_schedules_post(ProjectId(1), &nightly())
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(schedule.id, ScheduleId(9));
}

#[tokio::test]
async fn get_fills_both_path_parameters() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/project/1/schedules/9");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!({"id": 9, "cron_format": "0 3 * * *", "active": false}));
        })
        .await;
    let schedule = bearer_client(&server)
        .project_project_id_schedules_schedule_id_get(ProjectId(1), ScheduleId(9))
        .await
        .unwrap();
    mock.assert_async().await;
    assert!(!schedule.active);
}

#[tokio::test]
async fn update_puts_the_id() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/api/project/1/schedules/9")
                .json_body(json!({"id": 9, "cron_format": "0 3 * * *", "project_id": 1,
                    "template_id": 7, "name": "nightly", "active": false,
                    "repository_id": null}));
            then.status(204).header("content-type", "application/json");
        })
        .await;
    let update = ScheduleRequest {
        active: false,
        ..nightly()
    };
    bearer_client(&server)
        .project_project_id_schedules_schedule_id_put(ProjectId(1), ScheduleId(9), &update)
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn delete_accepts_the_204() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/api/project/1/schedules/9");
            then.status(204).header("content-type", "application/json");
        })
        .await;
    bearer_client(&server)
        .project_project_id_schedules_schedule_id_delete(ProjectId(1), ScheduleId(9))
        .await
        .unwrap();
    mock.assert_async().await;
}
