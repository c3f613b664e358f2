//! A newer server's fields survive: every model an update is built from keeps the fields it
//! does not name, encodes them again, and the update built from it (`Request::from(&read)`,
//! what the resource layer's `update` starts from) sends them back. Checked on each model's
//! recorded answers from the real server (both backends), with the fields newer servers add
//! (NEWER-SERVERS.md: a template's `task_params`, `runner_tag`, `allow_parallel_tasks`, ...)
//! and a made-up nested one.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use crate::real_server::load_fixtures;
use semaphore_api::*;

/// The fields injected into every answer: a newer server's, and one no server has.
fn newer_fields() -> Map<String, Value> {
    let fields = json!({
        "task_params": {"allow_override_limit": true, "limit": ["web1"], "tags": []},
        "runner_tag": "gpu",
        "allow_parallel_tasks": true,
        "a_field_from_the_future": {"nested": [1, "two", null, {"three": 3.5}]},
    });
    fields.as_object().unwrap().clone()
}

/// Every recorded object answered by `operation` (each element of a list answer).
fn recorded(operation: &str) -> Vec<Map<String, Value>> {
    let mut objects = Vec::new();
    for (_, fixture) in load_fixtures() {
        for exchange in fixture.exchanges {
            if exchange.operation != operation || !(200..300).contains(&exchange.status) {
                continue;
            }
            match exchange.body {
                Some(Value::Object(object)) => objects.push(object),
                Some(Value::Array(items)) => {
                    objects.extend(items.into_iter().filter_map(|i| i.as_object().cloned()))
                }
                _ => {}
            }
        }
    }
    objects
}

/// Checks one model: decoded with the newer fields, it encodes them again, and the update
/// built from it sends each of them with its value.
fn survives<R, Q>(operation: &str) -> usize
where
    R: DeserializeOwned + Serialize,
    for<'a> Q: From<&'a R> + Serialize,
{
    let objects = recorded(operation);
    assert!(!objects.is_empty(), "no recorded answer of {operation}");
    for mut object in objects.clone() {
        object.extend(newer_fields());
        let sent = Value::Object(object);
        let model: R =
            serde_json::from_value(sent.clone()).unwrap_or_else(|e| panic!("{operation}: {e}"));
        let again = serde_json::to_value(&model).unwrap();
        for (name, value) in newer_fields() {
            assert_eq!(
                again.get(&name),
                Some(&value),
                "{operation}: {name} lost on decode"
            );
        }
        let update = serde_json::to_value(Q::from(&model))
            .unwrap_or_else(|e| panic!("{operation}: the update does not encode: {e}"));
        for (name, value) in newer_fields() {
            assert_eq!(
                update.get(&name),
                Some(&value),
                "{operation}: {name} not sent back in the update"
            );
        }
    }
    objects.len()
}

/// The project is its own update.
impl<'a> From<&'a Project> for ProjectUpdate {
    fn from(project: &'a Project) -> Self {
        ProjectUpdate(project.clone())
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct ProjectUpdate(Project);

#[test]
fn every_read_modify_write_model_keeps_and_sends_back_what_it_does_not_name() {
    let checked = [
        survives::<App, AppRequest>("apps_app_id_get"),
        survives::<Environment, EnvironmentRequest>(
            "project_project_id_environment_environment_id_get",
        ),
        survives::<Integration, IntegrationRequest>(
            "project_project_id_integrations_integration_id_get",
        ),
        survives::<IntegrationMatcher, IntegrationMatcherRequest>(
            "project_project_id_integrations_integration_id_matchers_matcher_id_get",
        ),
        survives::<Inventory, InventoryRequest>("project_project_id_inventory_inventory_id_get"),
        survives::<AccessKey, AccessKeyRequest>("project_project_id_keys_key_id_get"),
        survives::<Repository, RepositoryRequest>(
            "project_project_id_repositories_repository_id_get",
        ),
        survives::<Runner, RunnerRequest>("runners_runner_id_get"),
        survives::<Schedule, ScheduleRequest>("project_project_id_schedules_schedule_id_get"),
        survives::<Template, TemplateRequest>("project_project_id_templates_template_id_get"),
        survives::<User, UserPutRequest>("users_user_id_get"),
        survives::<View, ViewRequest>("project_project_id_views_view_id_get"),
        survives::<Project, ProjectUpdate>("project_project_id_get"),
    ];
    // Each model was checked on answers of both backends.
    assert!(checked.iter().all(|&n| n >= 2), "{checked:?}");
}

#[test]
fn list_entries_and_other_answers_keep_them_too() {
    fn keeps<T: DeserializeOwned + Serialize>(operation: &str) {
        for mut object in recorded(operation) {
            object.extend(newer_fields());
            let model: T = serde_json::from_value(Value::Object(object)).unwrap();
            let again = serde_json::to_value(&model).unwrap();
            for (name, value) in newer_fields() {
                assert_eq!(again.get(&name), Some(&value), "{operation}: {name}");
            }
        }
    }
    keeps::<TemplateSummary>("project_project_id_templates_get");
    keeps::<UserSummary>("users_get");
    keeps::<IntegrationExtractValue>(
        "project_project_id_integrations_integration_id_values_extractvalue_id_get",
    );
}

#[test]
fn a_caller_may_send_a_field_the_model_does_not_name() {
    let mut request =
        TemplateRequest::ansible("Deploy", "deploy.yml", RepositoryId(1), InventoryId(2));
    request.extra.insert("runner_tag", json!("gpu"));
    let sent = serde_json::to_value(&request).unwrap();
    assert_eq!(sent["runner_tag"], "gpu");
    assert_eq!(format!("{:?}", request.extra), r#"{"runner_tag"}"#);
}

#[tokio::test]
async fn the_paths_ids_replace_any_the_fields_not_named_hold() {
    let server = httpmock::MockServer::start_async().await;
    // The ids come from the path, the field the model does not name is kept.
    let put = server
        .mock_async(|when, then| {
            when.method("PUT")
                .path("/api/project/1/views/5")
                .json_body_includes(r#"{"project_id": 1, "id": 5, "runner_tag": "gpu"}"#);
            then.status(204);
        })
        .await;
    let client = Client::new(crate::mock_server::api_url(&server)).unwrap();
    let mut view = ViewRequest::new("Deploys");
    view.extra.insert("project_id", json!(99));
    view.extra.insert("id", json!(98));
    view.extra.insert("runner_tag", json!("gpu"));
    client
        .project_project_id_views_view_id_put(ProjectId(1), ViewId(5), &view)
        .await
        .unwrap();
    put.assert_calls_async(1).await;
}
