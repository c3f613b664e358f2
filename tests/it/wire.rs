//! Every declared operation on the wire, from one table checked against `ENDPOINTS`: the
//! table must name each declared operation once, and each call must send the verb, the
//! encoded path and query, the credentials, the headers and the body that its declaration
//! describes, with the ids the client writes into the body from the path. The server is
//! httpmock: each row becomes a mock whose matchers are the row and its declaration, and the
//! call must hit it once.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use httpmock::{HttpMockRequest, MockServer, When};

use crate::mock_server::{api_url, sent_target, target_is};
use semaphore_api::describe::{Endpoint, Role};
use semaphore_api::*;
use serde_json::{Value, json};

const TOKEN: &str = "tok-123";

type Call = Box<dyn Fn(Client) -> Pin<Box<dyn Future<Output = ()> + Send>>>;

/// One row: an operation called with sample arguments, and what must reach the server.
struct Row {
    name: &'static str,
    /// `METHOD /api/path?query` exactly as sent.
    line: &'static str,
    /// Fields the body must hold (the ids filled from the path, or the whole small body).
    body: Option<Value>,
    call: Call,
}

macro_rules! table {
    ($($name:ident($($arg:expr),*) => $line:literal $(, body $body:tt)?;)*) => {
        vec![$(Row {
            name: stringify!($name),
            line: $line,
            body: None$(.or(Some(json!($body))))?,
            call: Box::new(|client: Client| {
                Box::pin(async move {
                    // The answer is a bare 204: only what was sent matters here.
                    let _ = client.$name($($arg),*).await;
                })
            }),
        }),*]
    };
}

fn rows() -> Vec<Row> {
    table! {
    apps_get() => "GET /api/apps";
    apps_app_id_get("my app") => "GET /api/apps/my%20app";
    apps_app_id_put("my app", &AppRequest::new("Deno", "/usr/bin/deno")) => "PUT /api/apps/my%20app";
    apps_app_id_active_post("my app", &Activation { active: true }) => "POST /api/apps/my%20app/active";
    apps_app_id_delete("my app") => "DELETE /api/apps/my%20app";
    auth_login_get() => "GET /api/auth/login";
    auth_login_post(&Login::new("admin", "changeme")) => "POST /api/auth/login", body {"auth": "admin", "password": "changeme"};
    auth_logout_post() => "POST /api/auth/logout";
    auth_oidc_provider_id_login_get("git hub", Some("/project/1")) => "GET /api/auth/oidc/git%20hub/login?redirect=%2Fproject%2F1";
    auth_oidc_provider_id_redirect_get("git hub", Some("s t"), Some(&Secret::new("c"))) => "GET /api/auth/oidc/git%20hub/redirect?state=s+t&code=c";
    auth_oidc_provider_id_redirect_redirect_path_get("git hub", "projects/1", Some("s"), Some(&Secret::new("c"))) => "GET /api/auth/oidc/git%20hub/redirect/projects%2F1?state=s&code=c";
    user_tokens_get() => "GET /api/user/tokens";
    user_tokens_post() => "POST /api/user/tokens";
    user_tokens_api_token_id_delete("tok/1") => "DELETE /api/user/tokens/tok%2F1";
    ping_get() => "GET /api/ping";
    info_get() => "GET /api/info";
    events_get() => "GET /api/events";
    events_last_get() => "GET /api/events/last";
    project_project_id_users_user_id_put(ProjectId(1), UserId(2), &ProjectUserRoleRequest { role: ProjectRole::Manager }) => "PUT /api/project/1/users/2";
    project_project_id_integrations_integration_id_values_get(ProjectId(1), IntegrationId(3), Some(IntegrationExtractValueSort::Name), Some(SortOrder::Desc)) => "GET /api/project/1/integrations/3/values?sort=name&order=desc";
    project_project_id_integrations_integration_id_values_extractvalue_id_put(ProjectId(1), IntegrationId(3), ExtractValueId(4), &IntegrationExtractValueRequest::from_header("v", "X-Commit", "commit")) => "PUT /api/project/1/integrations/3/values/4", body {"integration_id": 3, "id": 4};
    project_project_id_integrations_integration_id_values_extractvalue_id_delete(ProjectId(1), IntegrationId(3), ExtractValueId(4)) => "DELETE /api/project/1/integrations/3/values/4";
    project_project_id_integrations_integration_id_matchers_get(ProjectId(1), IntegrationId(3)) => "GET /api/project/1/integrations/3/matchers";
    project_project_id_integrations_integration_id_matchers_matcher_id_put(ProjectId(1), IntegrationId(3), MatcherId(5), &IntegrationMatcherRequest::on_header("m", "X-Event", IntegrationMatchMethod::Equals, "push")) => "PUT /api/project/1/integrations/3/matchers/5", body {"integration_id": 3, "id": 5};
    project_project_id_integrations_integration_id_matchers_matcher_id_delete(ProjectId(1), IntegrationId(3), MatcherId(5)) => "DELETE /api/project/1/integrations/3/matchers/5";
    project_project_id_integrations_integration_id_matchers_matcher_id_get(ProjectId(1), IntegrationId(3), MatcherId(5)) => "GET /api/project/1/integrations/3/matchers/5";
    project_project_id_integrations_integration_id_matchers_matcher_id_refs_get(ProjectId(1), IntegrationId(3), MatcherId(5)) => "GET /api/project/1/integrations/3/matchers/5/refs";
    project_project_id_integrations_integration_id_values_extractvalue_id_get(ProjectId(1), IntegrationId(3), ExtractValueId(4)) => "GET /api/project/1/integrations/3/values/4";
    project_project_id_integrations_integration_id_values_extractvalue_id_refs_get(ProjectId(1), IntegrationId(3), ExtractValueId(4)) => "GET /api/project/1/integrations/3/values/4/refs";
    project_project_id_integrations_integration_id_aliases_get(ProjectId(1), IntegrationId(3)) => "GET /api/project/1/integrations/3/aliases";
    project_project_id_integrations_integration_id_aliases_post(ProjectId(1), IntegrationId(3)) => "POST /api/project/1/integrations/3/aliases";
    project_project_id_integrations_integration_id_aliases_alias_id_delete(ProjectId(1), IntegrationId(3), AliasId(6)) => "DELETE /api/project/1/integrations/3/aliases/6";
    options_get() => "GET /api/options";
    options_post(&ServerOption::new("k", "v")) => "POST /api/options";
    project_project_id_get(ProjectId(1)) => "GET /api/project/1";
    project_project_id_put(ProjectId(1), &Project { name: "p".into(), ..Default::default() }) => "PUT /api/project/1", body {"id": 1};
    project_project_id_delete(ProjectId(1)) => "DELETE /api/project/1";
    project_project_id_backup_get(ProjectId(1)) => "GET /api/project/1/backup";
    project_project_id_role_get(ProjectId(1)) => "GET /api/project/1/role";
    project_project_id_events_get(ProjectId(1)) => "GET /api/project/1/events";
    project_project_id_users_get(ProjectId(1), Some(ProjectUserSort::Role), Some(SortOrder::Desc)) => "GET /api/project/1/users?sort=role&order=desc";
    project_project_id_users_post(ProjectId(1), &ProjectUserRequest { user_id: UserId(2), role: ProjectRole::Owner }) => "POST /api/project/1/users";
    project_project_id_users_user_id_delete(ProjectId(1), UserId(2)) => "DELETE /api/project/1/users/2";
    project_project_id_integrations_get(ProjectId(1), Some(IntegrationSort::Name), Some(SortOrder::Asc)) => "GET /api/project/1/integrations?sort=name&order=asc";
    project_project_id_integrations_post(ProjectId(1), &IntegrationRequest::new("i", TemplateId(11))) => "POST /api/project/1/integrations", body {"project_id": 1};
    project_project_id_integrations_integration_id_put(ProjectId(1), IntegrationId(3), &IntegrationRequest::new("i", TemplateId(11))) => "PUT /api/project/1/integrations/3", body {"project_id": 1, "id": 3};
    project_project_id_integrations_integration_id_delete(ProjectId(1), IntegrationId(3)) => "DELETE /api/project/1/integrations/3";
    project_project_id_integrations_integration_id_values_post(ProjectId(1), IntegrationId(3), &IntegrationExtractValueRequest::from_header("v", "X-Commit", "commit")) => "POST /api/project/1/integrations/3/values", body {"integration_id": 3};
    project_project_id_integrations_integration_id_matchers_post(ProjectId(1), IntegrationId(3), &IntegrationMatcherRequest::on_header("m", "X-Event", IntegrationMatchMethod::Equals, "push")) => "POST /api/project/1/integrations/3/matchers", body {"integration_id": 3};
    project_project_id_keys_get(ProjectId(1), Some(AccessKeySort::Type), Some(SortOrder::Desc)) => "GET /api/project/1/keys?sort=type&order=desc";
    project_project_id_keys_post(ProjectId(1), &AccessKeyRequest::none("k")) => "POST /api/project/1/keys", body {"project_id": 1};
    project_project_id_keys_key_id_put(ProjectId(1), KeyId(7), &AccessKeyRequest::none("k")) => "PUT /api/project/1/keys/7", body {"project_id": 1, "id": 7};
    project_project_id_keys_key_id_delete(ProjectId(1), KeyId(7)) => "DELETE /api/project/1/keys/7";
    project_project_id_repositories_get(ProjectId(1), Some(RepositorySort::GitUrl), Some(SortOrder::Desc)) => "GET /api/project/1/repositories?sort=git_url&order=desc";
    project_project_id_repositories_post(ProjectId(1), &RepositoryRequest::new("r", "/srv/r", "", KeyId(7))) => "POST /api/project/1/repositories", body {"project_id": 1};
    project_project_id_repositories_repository_id_put(ProjectId(1), RepositoryId(8), &RepositoryRequest::new("r", "/srv/r", "", KeyId(7))) => "PUT /api/project/1/repositories/8", body {"project_id": 1, "id": 8};
    project_project_id_repositories_repository_id_delete(ProjectId(1), RepositoryId(8)) => "DELETE /api/project/1/repositories/8";
    project_project_id_inventory_get(ProjectId(1), Some(InventorySort::Name), Some(SortOrder::Desc)) => "GET /api/project/1/inventory?sort=name&order=desc";
    project_project_id_inventory_post(ProjectId(1), &InventoryRequest::new("i", InventoryType::Static, "h")) => "POST /api/project/1/inventory", body {"project_id": 1};
    project_project_id_inventory_inventory_id_put(ProjectId(1), InventoryId(9), &InventoryRequest::new("i", InventoryType::Static, "h")) => "PUT /api/project/1/inventory/9", body {"project_id": 1, "id": 9};
    project_project_id_inventory_inventory_id_delete(ProjectId(1), InventoryId(9)) => "DELETE /api/project/1/inventory/9";
    project_project_id_environment_get(ProjectId(1), Some(EnvironmentSort::Name), Some(SortOrder::Desc)) => "GET /api/project/1/environment?sort=name&order=desc";
    project_project_id_environment_post(ProjectId(1), &EnvironmentRequest::new("e")) => "POST /api/project/1/environment", body {"project_id": 1};
    project_project_id_environment_environment_id_put(ProjectId(1), EnvironmentId(10), &EnvironmentRequest::new("e")) => "PUT /api/project/1/environment/10", body {"project_id": 1, "id": 10};
    project_project_id_environment_environment_id_delete(ProjectId(1), EnvironmentId(10)) => "DELETE /api/project/1/environment/10";
    project_project_id_templates_get(ProjectId(1), Some(TemplateSort::Playbook), Some(SortOrder::Desc)) => "GET /api/project/1/templates?sort=playbook&order=desc";
    project_project_id_templates_post(ProjectId(1), &TemplateRequest::ansible("t", "p.yml", RepositoryId(8), InventoryId(9))) => "POST /api/project/1/templates", body {"project_id": 1};
    project_project_id_templates_template_id_get(ProjectId(1), TemplateId(11)) => "GET /api/project/1/templates/11";
    project_project_id_templates_template_id_put(ProjectId(1), TemplateId(11), &TemplateRequest::ansible("t", "p.yml", RepositoryId(8), InventoryId(9))) => "PUT /api/project/1/templates/11", body {"project_id": 1, "id": 11};
    project_project_id_templates_template_id_delete(ProjectId(1), TemplateId(11)) => "DELETE /api/project/1/templates/11";
    project_project_id_views_get(ProjectId(1)) => "GET /api/project/1/views";
    project_project_id_views_post(ProjectId(1), &ViewRequest::new("v")) => "POST /api/project/1/views", body {"project_id": 1};
    project_project_id_views_view_id_get(ProjectId(1), ViewId(12)) => "GET /api/project/1/views/12";
    project_project_id_views_view_id_put(ProjectId(1), ViewId(12), &ViewRequest::new("v")) => "PUT /api/project/1/views/12", body {"project_id": 1, "id": 12};
    project_project_id_views_view_id_delete(ProjectId(1), ViewId(12)) => "DELETE /api/project/1/views/12";
    project_project_id_tasks_get(ProjectId(1)) => "GET /api/project/1/tasks";
    project_project_id_tasks_post(ProjectId(1), &TaskRequest::new(TemplateId(11))) => "POST /api/project/1/tasks", body {"template_id": 11};
    project_project_id_tasks_last_get(ProjectId(1), Some(5)) => "GET /api/project/1/tasks/last?limit=5";
    project_project_id_tasks_task_id_stop_post(ProjectId(1), TaskId(13), &TaskStop { force: true }) => "POST /api/project/1/tasks/13/stop", body {"force": true};
    project_project_id_tasks_task_id_get(ProjectId(1), TaskId(13)) => "GET /api/project/1/tasks/13";
    project_project_id_tasks_task_id_delete(ProjectId(1), TaskId(13)) => "DELETE /api/project/1/tasks/13";
    project_project_id_tasks_task_id_output_get(ProjectId(1), TaskId(13)) => "GET /api/project/1/tasks/13/output";
    project_project_id_tasks_task_id_raw_output_get(ProjectId(1), TaskId(13)) => "GET /api/project/1/tasks/13/raw_output";
    project_project_id_templates_template_id_stop_all_tasks_post(ProjectId(1), TemplateId(5), &TaskStop { force: false }) => "POST /api/project/1/templates/5/stop_all_tasks", body {"force": false};
    project_project_id_events_last_get(ProjectId(1)) => "GET /api/project/1/events/last";
    project_project_id_me_delete(ProjectId(1)) => "DELETE /api/project/1/me";
    project_project_id_users_user_id_get(ProjectId(1), UserId(2)) => "GET /api/project/1/users/2";
    project_project_id_keys_key_id_get(ProjectId(1), KeyId(7)) => "GET /api/project/1/keys/7";
    project_project_id_keys_key_id_refs_get(ProjectId(1), KeyId(7)) => "GET /api/project/1/keys/7/refs";
    project_project_id_repositories_repository_id_get(ProjectId(1), RepositoryId(8)) => "GET /api/project/1/repositories/8";
    project_project_id_repositories_repository_id_refs_get(ProjectId(1), RepositoryId(8)) => "GET /api/project/1/repositories/8/refs";
    project_project_id_inventory_inventory_id_get(ProjectId(1), InventoryId(9)) => "GET /api/project/1/inventory/9";
    project_project_id_inventory_inventory_id_refs_get(ProjectId(1), InventoryId(9)) => "GET /api/project/1/inventory/9/refs";
    project_project_id_environment_environment_id_get(ProjectId(1), EnvironmentId(10)) => "GET /api/project/1/environment/10";
    project_project_id_environment_environment_id_refs_get(ProjectId(1), EnvironmentId(10)) => "GET /api/project/1/environment/10/refs";
    project_project_id_templates_template_id_refs_get(ProjectId(1), TemplateId(11)) => "GET /api/project/1/templates/11/refs";
    project_project_id_templates_template_id_tasks_get(ProjectId(1), TemplateId(11)) => "GET /api/project/1/templates/11/tasks";
    project_project_id_templates_template_id_tasks_last_get(ProjectId(1), TemplateId(11), Some(20)) => "GET /api/project/1/templates/11/tasks/last?limit=20";
    project_project_id_views_view_id_templates_get(ProjectId(1), ViewId(12), Some(TemplateSort::Repository), Some(SortOrder::Asc)) => "GET /api/project/1/views/12/templates?sort=repository&order=asc";
    project_project_id_views_positions_post(ProjectId(1), &BTreeMap::from([(ViewId(12), 2)])) => "POST /api/project/1/views/positions", body {"12": 2};
    project_project_id_tasks_task_id_confirm_post(ProjectId(1), TaskId(13)) => "POST /api/project/1/tasks/13/confirm";
    project_project_id_integrations_integration_id_get(ProjectId(1), IntegrationId(3)) => "GET /api/project/1/integrations/3";
    project_project_id_integrations_integration_id_refs_get(ProjectId(1), IntegrationId(3)) => "GET /api/project/1/integrations/3/refs";
    project_project_id_integrations_aliases_get(ProjectId(1)) => "GET /api/project/1/integrations/aliases";
    project_project_id_integrations_aliases_post(ProjectId(1)) => "POST /api/project/1/integrations/aliases";
    project_project_id_integrations_aliases_alias_id_delete(ProjectId(1), AliasId(6)) => "DELETE /api/project/1/integrations/aliases/6";
    projects_get() => "GET /api/projects";
    projects_post(&ProjectRequest::new("p")) => "POST /api/projects";
    projects_restore_post(&ProjectBackup::default()) => "POST /api/projects/restore";
    internal_runners_post(&RunnerRegistration::default()) => "POST /api/internal/runners";
    internal_runners_get(&Secret::new("runner-token")) => "GET /api/internal/runners";
    internal_runners_put(&Secret::new("runner-token"), &RunnerProgress::default()) => "PUT /api/internal/runners";
    internal_runners_delete(&Secret::new("runner-token")) => "DELETE /api/internal/runners";
    runners_get() => "GET /api/runners";
    runners_post(&RunnerRequest::new("r")) => "POST /api/runners";
    runners_runner_id_get(RunnerId(15)) => "GET /api/runners/15";
    runners_runner_id_put(RunnerId(15), &RunnerRequest::new("r")) => "PUT /api/runners/15";
    runners_runner_id_active_post(RunnerId(15), &Activation { active: true }) => "POST /api/runners/15/active";
    runners_runner_id_delete(RunnerId(15)) => "DELETE /api/runners/15";
    project_project_id_schedules_schedule_id_get(ProjectId(1), ScheduleId(14)) => "GET /api/project/1/schedules/14";
    project_project_id_schedules_schedule_id_delete(ProjectId(1), ScheduleId(14)) => "DELETE /api/project/1/schedules/14";
    project_project_id_schedules_schedule_id_put(ProjectId(1), ScheduleId(14), &ScheduleRequest::new(TemplateId(11), "* * * * *")) => "PUT /api/project/1/schedules/14", body {"project_id": 1, "id": 14};
    project_project_id_schedules_post(ProjectId(1), &ScheduleRequest::new(TemplateId(11), "* * * * *")) => "POST /api/project/1/schedules", body {"project_id": 1};
    project_project_id_schedules_get(ProjectId(1)) => "GET /api/project/1/schedules";
    project_project_id_schedules_validate_post(ProjectId(1), &CronFormat::new("* * * * *")) => "POST /api/project/1/schedules/validate";
    project_project_id_schedules_schedule_id_active_put(ProjectId(1), ScheduleId(14), &ScheduleActive { active: true }) => "PUT /api/project/1/schedules/14/active";
    project_project_id_templates_template_id_schedules_get(ProjectId(1), TemplateId(11)) => "GET /api/project/1/templates/11/schedules";
    tasks_get() => "GET /api/tasks";
    tasks_task_id_get(TaskId(13)) => "GET /api/tasks/13";
    tasks_task_id_delete(TaskId(13)) => "DELETE /api/tasks/13";
    user_get() => "GET /api/user";
    users_get() => "GET /api/users";
    users_post(&UserRequest::new("u", "U", "u@example.com", "pw")) => "POST /api/users";
    users_user_id_get(UserId(2)) => "GET /api/users/2";
    users_user_id_put(UserId(2), &UserPutRequest::from(&User::default())) => "PUT /api/users/2";
    users_user_id_delete(UserId(2)) => "DELETE /api/users/2";
    users_user_id_password_post(UserId(2), &UserPasswordRequest::new("pw")) => "POST /api/users/2/password";
    integrations_integration_alias_get("a?b") => "GET /api/integrations/a%3Fb";
    integrations_integration_alias_post("a?b", &json!({"ref": "main"})) => "POST /api/integrations/a%3Fb";
    }
}

#[tokio::test]
async fn the_table_names_every_declared_operation_once() {
    let declared: BTreeSet<&str> = apis::endpoints().map(|e| e.name).collect();
    let mut named = BTreeSet::new();
    for row in rows() {
        assert!(named.insert(row.name), "{} is in the table twice", row.name);
    }
    let missing: Vec<_> = declared.difference(&named).collect();
    let unknown: Vec<_> = named.difference(&declared).collect();
    assert!(
        missing.is_empty(),
        "declared but not in the table: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "in the table but not declared: {unknown:?}"
    );
}

#[tokio::test]
async fn every_operation_sends_what_its_declaration_describes() {
    let server = MockServer::start_async().await;
    let sent = record_requests(&server).await;
    let client = Client::builder(api_url(&server))
        .bearer_token(TOKEN)
        .build()
        .unwrap();
    let endpoints: BTreeMap<&str, &Endpoint> = apis::endpoints().map(|e| (e.name, e)).collect();
    let mut problems = Vec::new();
    for row in rows() {
        let endpoint = endpoints[row.name];
        problems.extend(row_fits_declaration(&row, endpoint));
        let mock = server
            .mock_async(|when, then| {
                expect(when, &row, endpoint);
                // A bare 204: only what was sent matters here.
                then.status(204);
            })
            .await;
        sent.lock().unwrap().clear();
        (row.call)(client.clone()).await;
        let hits = mock.calls_async().await;
        let sent = std::mem::take(&mut *sent.lock().unwrap());
        if hits != 1 || sent.len() != 1 {
            problems.push(format!(
                "{}: {hits} of {} requests matched `{}` as declared (auth {}, body {}, fields {}); sent: {}",
                row.name,
                sent.len(),
                row.line,
                endpoint.auth,
                endpoint.has_body(),
                row.body.as_ref().map_or("-".into(), Value::to_string),
                sent.join("; "),
            ));
        }
        mock.delete_async().await;
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The request a row's call must send, as the mock's matchers: the row's line exactly as
/// sent, then what the declaration describes.
fn expect(when: When, row: &Row, endpoint: &Endpoint) {
    let (method, target) = row.line.split_once(' ').unwrap();
    let mut when = when.method(method).is_true(target_is(target));
    for key in endpoint.query_keys() {
        when = when.query_param_exists(key);
    }
    for param in endpoint.params {
        if let Role::Header { name } = param.role {
            when = when.header_exists(name);
        }
    }
    when = match endpoint.auth {
        true => when.header("authorization", format!("Bearer {TOKEN}")),
        false => when.header_missing("authorization"),
    };
    when = match endpoint.has_body() {
        true => when
            .header("content-type", "application/json")
            .is_true(|request: &HttpMockRequest| !request.body_ref().is_empty()),
        false => when.is_true(|request: &HttpMockRequest| request.body_ref().is_empty()),
    };
    if let Some(fields) = &row.body {
        when.json_body_includes(fields.to_string());
    }
}

/// What the table says against the declaration, before anything is sent: the verb, a path
/// that fits the template, every declared query key.
fn row_fits_declaration(row: &Row, endpoint: &Endpoint) -> Vec<String> {
    let (method, target) = row.line.split_once(' ').unwrap();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut problems = Vec::new();
    if method != endpoint.method.as_str() {
        problems.push(format!(
            "{}: the table says {method}, declared {}",
            row.name,
            endpoint.method.as_str()
        ));
    }
    if !path_fits(endpoint.path, path) {
        problems.push(format!(
            "{}: path {path} does not fit {}",
            row.name, endpoint.path
        ));
    }
    let keys: Vec<_> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, _)| k)
        .collect();
    for key in endpoint.query_keys() {
        if !keys.iter().any(|k| k == key) {
            problems.push(format!(
                "{}: query key `{key}` missing from `{query}`",
                row.name
            ));
        }
    }
    problems
}

/// Every request the server receives, described for a failure's message: a mock that looks
/// at each request first and matches none, so the row's mock still answers.
async fn record_requests(server: &MockServer) -> Arc<Mutex<Vec<String>>> {
    let sent = Arc::new(Mutex::new(Vec::new()));
    let log = sent.clone();
    server
        .mock_async(|when, then| {
            when.is_true(move |request: &HttpMockRequest| {
                let headers: Vec<String> = request
                    .headers_vec()
                    .iter()
                    .map(|(name, value)| format!("{name}: {value}"))
                    .collect();
                let body = String::from_utf8_lossy(request.body_ref());
                let described = format!(
                    "`{} {}` [{}] {body}",
                    request.method_str(),
                    sent_target(request),
                    headers.join(", ")
                );
                log.lock().unwrap().push(described);
                false
            });
            then.status(500);
        })
        .await;
    sent
}

/// Whether `path` (under `/api`) has the segments of `template`, a non-empty one for each
/// `{placeholder}`.
fn path_fits(template: &str, path: &str) -> bool {
    let Some(path) = path.strip_prefix("/api") else {
        return false;
    };
    let (template, path): (Vec<_>, Vec<_>) =
        (template.split('/').collect(), path.split('/').collect());
    template.len() == path.len()
        && template.iter().zip(&path).all(|(t, p)| {
            if t.starts_with('{') {
                !p.is_empty()
            } else {
                t == p
            }
        })
}

#[tokio::test]
async fn an_absent_optional_query_is_not_sent() {
    let server = MockServer::start_async().await;
    let client = Client::new(api_url(&server)).unwrap();
    let keys = server
        .mock_async(|when, then| {
            when.is_true(target_is("/api/project/1/keys?sort=name&order=asc"));
            then.status(204);
        })
        .await;
    let tasks = server
        .mock_async(|when, then| {
            when.path("/api/project/1/templates/2/tasks/last")
                .query_param_missing("limit")
                .is_true(|request: &HttpMockRequest| request.uri().query().is_none());
            then.status(204);
        })
        .await;
    let _ = client
        .project_project_id_keys_get(
            ProjectId(1),
            Some(AccessKeySort::Name),
            Some(SortOrder::Asc),
        )
        .await;
    let _ = client
        .project_project_id_templates_template_id_tasks_last_get(ProjectId(1), TemplateId(2), None)
        .await;
    keys.assert_calls_async(1).await;
    tasks.assert_calls_async(1).await;
}
