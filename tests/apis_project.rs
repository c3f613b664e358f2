//! `ProjectApi` against a mock server: one operation of each shape (a sorted list, a create
//! with a body, a PUT update, a delete, nested path parameters), and the real server's forms.

mod support;

use httpmock::Method::{DELETE, GET, POST, PUT};
use httpmock::MockServer;
use semaphore_api::*;
use serde_json::json;
use support::bearer_client;

#[tokio::test]
async fn get_project_uses_the_server_path_without_trailing_slash() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/project/1")
                .header("authorization", "Bearer tok-123");
            then.status(200)
                .header("content-type", "application/json")
                .body("{\"id\":1,\"name\":\"Test\",\"created\":\"2024-10-25T10:11:12Z\",\"alert\":false,\"alert_chat\":null,\"max_parallel_tasks\":0,\"type\":\"\"}\n");
        })
        .await;
    let project = bearer_client(&server)
        .project_project_id_get(ProjectId(1))
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(project.name, "Test");
    assert_eq!(project.alert_chat, None);
}

#[tokio::test]
async fn list_templates_sends_sort_and_order() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/project/1/templates")
                .query_param("sort", "ssh_key")
                .query_param("order", "desc");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!([
                    {"id": 7, "project_id": 1, "inventory_id": 5, "repository_id": 4,
                     "environment_id": 6, "view_id": null, "name": "Deploy",
                     "playbook": "deploy.yml", "survey_vars": [], "last_task": null},
                    {"id": 8, "project_id": 1, "name": "Build", "playbook": "build.yml",
                     "last_task": {"id": 23, "template_id": 8, "status": "success"}}
                ]));
        })
        .await;
    let templates = bearer_client(&server)
        .project_project_id_templates_get(ProjectId(1), TemplateSort::SshKey, SortOrder::Desc)
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(templates.len(), 2);
    assert_eq!(templates[0].inventory_id, Some(InventoryId(5)));
    assert_eq!(
        templates[1].last_task.as_ref().unwrap().status,
        TaskStatus::Success
    );
}

#[tokio::test]
async fn list_keys_sends_the_spec_type_filter_only_when_given() {
    let server = MockServer::start_async().await;
    let filtered = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/project/2/keys")
                .query_param("Key type", "login_password")
                .query_param("sort", "type")
                .query_param("order", "asc");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!([{"id": 3, "name": "vault", "type": "login_password",
                    "project_id": 2, "login_password": {"login": "", "password": ""}}]));
        })
        .await;
    let unfiltered = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/project/2/keys")
                .query_param_missing("Key type")
                .query_param("sort", "name")
                .query_param("order", "desc");
            then.status(200)
                .header("content-type", "application/json")
                .body("[]\n");
        })
        .await;
    let client = bearer_client(&server);
    let keys = client
        .project_project_id_keys_get(
            ProjectId(2),
            Some(AccessKeyType::LoginPassword),
            AccessKeySort::Type,
            SortOrder::Asc,
        )
        .await
        .unwrap();
    assert_eq!(keys[0].r#type, AccessKeyType::LoginPassword);
    let none = client
        .project_project_id_keys_get(ProjectId(2), None, AccessKeySort::Name, SortOrder::Desc)
        .await
        .unwrap();
    assert!(none.is_empty());
    filtered.assert_async().await;
    unfiltered.assert_async().await;
}

#[tokio::test]
async fn create_template_sends_the_body_and_decodes_the_201() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/project/1/templates")
                .header("content-type", "application/json")
                .json_body(json!({
                    "project_id": 1, "inventory_id": 5, "repository_id": 4, "environment_id": 6,
                    "view_id": null, "name": "Deploy", "playbook": "deploy.yml",
                    "arguments": null, "allow_override_args_in_task": false,
                    "description": null, "vaults": [], "type": "", "start_version": null,
                    "build_template_id": null, "autorun": false, "git_branch": null,
                    "survey_vars": [], "suppress_success_alerts": false, "app": "ansible"
                }));
            then.status(201)
                .header("content-type", "application/json")
                .json_body(json!({"id": 7, "project_id": 1, "inventory_id": 5,
                    "repository_id": 4, "environment_id": 6, "name": "Deploy",
                    "playbook": "deploy.yml", "app": "ansible", "arguments": null}));
        })
        .await;
    let request = TemplateRequest {
        environment_id: Some(EnvironmentId(6)),
        ..TemplateRequest::ansible("Deploy", "deploy.yml", RepositoryId(4), InventoryId(5))
    };
    let template = bearer_client(&server)
        .project_project_id_templates_post(ProjectId(1), &request)
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(template.id, TemplateId(7));
}

#[tokio::test]
async fn update_key_puts_the_body_with_its_id() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/api/project/1/keys/3")
                .json_body(json!({
                    "id": 3, "name": "deploy", "type": "ssh", "project_id": 1,
                    "login_password": {"login": "", "password": ""},
                    "ssh": {"login": "root", "passphrase": "", "private_key": "-----BEGIN KEY-----"},
                    "override_secret": true
                }));
            then.status(204).header("content-type", "application/json");
        })
        .await;
    let key = AccessKeyRequest {
        override_secret: true,
        ..AccessKeyRequest::ssh("deploy", SshKey::new("root", "-----BEGIN KEY-----"))
    };
    bearer_client(&server)
        .project_project_id_keys_key_id_put(ProjectId(1), KeyId(3), &key)
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn a_bad_key_is_a_400_with_the_server_message() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/api/project/1/keys");
            then.status(400)
                .header("content-type", "application/json")
                .body("{\"error\":\"Invalid key type\"}\n");
        })
        .await;
    let error = bearer_client(&server)
        .project_project_id_keys_post(ProjectId(1), &AccessKeyRequest::none("deploy"))
        .await
        .unwrap_err();
    assert!(error.is_bad_request(), "{error:?}");
    assert_eq!(error.server_message(), Some("Invalid key type"));
}

#[tokio::test]
async fn delete_template_accepts_the_204() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/api/project/1/templates/7")
                .body("");
            then.status(204).header("content-type", "application/json");
        })
        .await;
    bearer_client(&server)
        .project_project_id_templates_template_id_delete(ProjectId(1), TemplateId(7))
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn task_output_fills_both_path_parameters() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/project/1/tasks/23/output");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!([
                    {"task_id": 23, "time": "2024-10-25T10:11:14Z", "output": "PLAY [all]"},
                    {"task_id": 23, "time": "2024-10-25T10:11:15Z", "output": "ok: [host1]"}
                ]));
        })
        .await;
    let lines = bearer_client(&server)
        .project_project_id_tasks_task_id_output_get(ProjectId(1), TaskId(23))
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(
        lines.iter().map(|l| l.output.as_str()).collect::<Vec<_>>(),
        ["PLAY [all]", "ok: [host1]"]
    );
}

#[tokio::test]
async fn start_and_stop_a_task() {
    let server = MockServer::start_async().await;
    let start = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/project/1/tasks")
                .json_body(json!({"template_id": 7, "debug": false, "dry_run": true,
                    "diff": false, "git_branch": "main"}));
            then.status(201)
                .header("content-type", "application/json")
                .json_body(json!({"id": 23, "template_id": 7, "status": "waiting",
                    "git_branch": "main", "project_id": 1}));
        })
        .await;
    let stop = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/project/1/tasks/23/stop")
                .json_body(json!({"force": true}));
            then.status(204).header("content-type", "application/json");
        })
        .await;
    let client = bearer_client(&server);
    let task = client
        .project_project_id_tasks_post(
            ProjectId(1),
            &TaskRequest {
                dry_run: true,
                git_branch: Some("main".into()),
                ..TaskRequest::new(TemplateId(7))
            },
        )
        .await
        .unwrap();
    assert_eq!((task.id, task.status.as_str()), (TaskId(23), "waiting"));
    client
        .project_project_id_tasks_task_id_stop_post(
            ProjectId(1),
            task.id,
            &TaskStop { force: true },
        )
        .await
        .unwrap();
    start.assert_async().await;
    stop.assert_async().await;
}

#[tokio::test]
async fn link_a_user_with_a_role() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/project/1/users")
                .json_body(json!({"user_id": 2, "role": "task_runner"}));
            then.status(204).header("content-type", "application/json");
        })
        .await;
    bearer_client(&server)
        .project_project_id_users_post(
            ProjectId(1),
            &ProjectUserRequest {
                user_id: UserId(2),
                role: ProjectRole::TaskRunner,
            },
        )
        .await
        .unwrap();
    mock.assert_async().await;
}
