//! Templates, as `api/projects/templates.go` and the two storage flavours answer them.

use hyper::StatusCode;
use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::decode::{Field, Kind, decode, field};
use crate::newer;
use crate::projects::{is_json, new_id};
use crate::sorting::{Column, Sorting, sorted};
use crate::state::State;
use crate::wire::{self, Response};

/// The apps a template may name: what `util.Config.Apps` holds without an `apps` setting.
const APPS: &[&str] = &[
    "ansible",
    "terraform",
    "tofu",
    "bash",
    "powershell",
    "python",
];

const VAULT: &[Field] = &[
    field("id", Kind::Int),
    field("project_id", Kind::Int),
    field("template_id", Kind::Int),
    field("vault_key_id", Kind::Int),
    field("name", Kind::OptStr),
];
const ENUM_VALUE: &[Field] = &[field("name", Kind::Str), field("value", Kind::Str)];
const SURVEY_VAR: &[Field] = &[
    field("name", Kind::Str),
    field("title", Kind::Str),
    field("required", Kind::Bool),
    field("type", Kind::Str),
    field("description", Kind::Str),
    field("values", Kind::List(ENUM_VALUE)),
];
/// `db.Template`.
const TEMPLATE: &[Field] = &[
    field("id", Kind::Int),
    field("project_id", Kind::Int),
    field("inventory_id", Kind::OptInt),
    field("repository_id", Kind::Int),
    field("environment_id", Kind::OptInt),
    field("name", Kind::Str),
    field("playbook", Kind::Str),
    field("arguments", Kind::OptStr),
    field("allow_override_args_in_task", Kind::Bool),
    field("description", Kind::OptStr),
    field("vaults", Kind::List(VAULT)),
    field("type", Kind::Str),
    field("start_version", Kind::OptStr),
    field("build_template_id", Kind::OptInt),
    field("view_id", Kind::OptInt),
    field("last_task", Kind::Object),
    field("autorun", Kind::Bool),
    field("git_branch", Kind::OptStr),
    field("survey_vars", Kind::List(SURVEY_VAR)),
    field("suppress_success_alerts", Kind::Bool),
    field("app", Kind::Str),
    field("tasks", Kind::Int),
];

/// SQL sorts by the template's own columns or by the name of what it uses; BoltDB by name.
const SORTING: Sorting = Sorting {
    sql: &[
        ("name", Column::Field("name")),
        ("playbook", Column::Field("playbook")),
        (
            "inventory",
            Column::NameOf {
                field: "inventory_id",
                kind: "inventory",
            },
        ),
        (
            "environment",
            Column::NameOf {
                field: "environment_id",
                kind: "environment",
            },
        ),
        (
            "repository",
            Column::NameOf {
                field: "repository_id",
                kind: "repositories",
            },
        ),
    ],
    bolt: &["name"],
};

/// A list carries no vaults and no last task. The SQL list query also leaves out `autorun`,
/// `suppress_success_alerts` and (through a bug) `survey_vars`.
pub(crate) fn list_templates(
    state: &State,
    config: &Config,
    project: i64,
    sort: Option<&str>,
    desc: bool,
) -> Response {
    let mut templates: Vec<Value> = state.in_project("templates", project).cloned().collect();
    for template in &mut templates {
        template["vaults"] = Value::Null;
        template["last_task"] = Value::Null;
        if !config.bolt_db {
            template["autorun"] = json!(false);
            template["suppress_success_alerts"] = json!(false);
            template["survey_vars"] = Value::Null;
        }
    }
    let templates = sorted(state, config.bolt_db, templates, &SORTING, sort, desc);
    wire::json(StatusCode::OK, &Value::Array(templates))
}

/// One template, with its vaults (`[]` when none); 404 too when a vault's key is not one of
/// the project's (`FillTemplateVault` fails).
pub(crate) fn get_template(state: &State, project: i64, template: i64) -> Response {
    let Some(found) = state.find("templates", Some(project), template) else {
        return wire::empty(StatusCode::NOT_FOUND);
    };
    if !vault_keys_found(state, project, template) {
        return wire::empty(StatusCode::NOT_FOUND);
    }
    let mut found = found.clone();
    found["vaults"] = Value::Array(vaults_of(state, project, template));
    found["last_task"] = Value::Null;
    wire::json(StatusCode::OK, &found)
}

fn vault_keys_found(state: &State, project: i64, template: i64) -> bool {
    vaults_of(state, project, template).iter().all(|vault| {
        let key = vault["vault_key_id"].as_i64().unwrap_or_default();
        state.find("keys", Some(project), key).is_some()
    })
}

fn vaults_of(state: &State, project: i64, template: i64) -> Vec<Value> {
    state
        .in_project("vaults", project)
        .filter(|v| v["template_id"] == template)
        .cloned()
        .collect()
}

/// `AddTemplate`. The project comes from the path (the body's `project_id` is ignored); the
/// template is checked (400 with the server's message), stored, and only then is its `app`
/// checked: an unknown one is a 400 that leaves the template created. A terraform or tofu
/// template gets a workspace inventory. The answer (201) is the template as decoded from the
/// body, with every field the body left out at its zero value.
pub(crate) fn create_template(
    state: &mut State,
    config: &Config,
    project: i64,
    body: &[u8],
) -> Response {
    let Some(mut template) = decode(body, TEMPLATE) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    if config.newer && !newer::template_fields(body, &mut template) {
        return wire::empty(StatusCode::BAD_REQUEST);
    }
    template.insert("project_id".into(), json!(project));
    if let Err(message) = validate(&template) {
        return wire::error(StatusCode::BAD_REQUEST, message);
    }
    let id = new_id(state, config, "templates", project, &template["id"]);
    // SQL foreign keys refuse the insert with a bare 400 (the id drawn is lost); BoltDB has
    // none.
    if !config.bolt_db && !references_exist(state, &template) {
        return wire::empty(StatusCode::BAD_REQUEST);
    }
    template.insert("id".into(), json!(id));
    store(state, config, &template);
    if !add_vaults(state, config, project, id, &template["vaults"]) {
        return wire::empty(StatusCode::BAD_REQUEST);
    }
    // BoltDB answers the stored template, refilled: a vault key outside the project is a 404.
    if config.bolt_db && !vault_keys_found(state, project, id) {
        return wire::empty(StatusCode::NOT_FOUND);
    }
    let app = template["app"].as_str().unwrap_or_default().to_owned();
    if !APPS.contains(&app.as_str()) {
        let message = format!("Invalid app id: {app}");
        return wire::error(StatusCode::BAD_REQUEST, &message);
    }
    let terraform = app == "terraform" || app == "tofu";
    if terraform && !attach_workspace(state, config, &mut template) {
        return wire::empty(StatusCode::NOT_FOUND);
    }
    // BoltDB answers the vaults it stored; SQL echoes the body's.
    if config.bolt_db {
        template.insert("vaults".into(), Value::Array(vaults_of(state, project, id)));
    }
    wire::json(StatusCode::CREATED, &Value::Object(template))
}

/// `Template.Validate`, in its order.
fn validate(template: &Map<String, Value>) -> Result<(), &'static str> {
    let app = template["app"].as_str().unwrap_or_default();
    let terraform = app == "terraform" || app == "tofu";
    if app == "ansible" && template["inventory_id"].is_null() {
        Err("template inventory can not be empty")
    } else if template["name"] == "" {
        Err("template name can not be empty")
    } else if !terraform && template["playbook"] == "" {
        Err("template playbook can not be empty")
    } else if !template["arguments"].is_null() && !is_json(&template["arguments"]) {
        Err("template arguments must be valid JSON")
    } else {
        Ok(())
    }
}

/// The rows the SQL foreign keys need: the repository (required), and the inventory,
/// environment, view and build template when given, in any project. Views are not modelled,
/// so a view id never names one.
fn references_exist(state: &State, template: &Map<String, Value>) -> bool {
    let exists = |field: &str, kind: &str| {
        template[field]
            .as_i64()
            .is_none_or(|id| state.find(kind, None, id).is_some())
    };
    let repository = template["repository_id"].as_i64().unwrap_or_default();
    state.find("repositories", None, repository).is_some()
        && exists("inventory_id", "inventory")
        && exists("environment_id", "environment")
        && exists("build_template_id", "templates")
        && template["view_id"].is_null()
}

/// What is stored: not the vaults (stored apart) nor the last task; SQL keeps no task count.
fn store(state: &mut State, config: &Config, template: &Map<String, Value>) {
    let mut stored = template.clone();
    stored.remove("vaults");
    stored.insert("last_task".into(), Value::Null);
    if !config.bolt_db {
        stored.insert("tasks".into(), json!(0));
    }
    state.put("templates", Value::Object(stored));
}

/// `UpdateTemplateVaults` for a new template; `false` where SQL fails (a vault key that does
/// not exist), after the template is stored. SQL inserts the vaults without an id and
/// moves those with the id of an existing vault to this template; BoltDB creates them all,
/// with the body's id where there is one.
fn add_vaults(
    state: &mut State,
    config: &Config,
    project: i64,
    template: i64,
    vaults: &Value,
) -> bool {
    for vault in vaults.as_array().into_iter().flatten() {
        let body_id = vault["id"].as_i64().unwrap_or_default();
        if !config.bolt_db && body_id != 0 {
            move_vault(state, project, template, vault);
            continue;
        }
        let key = vault["vault_key_id"].as_i64().unwrap_or_default();
        if !config.bolt_db && state.find("keys", None, key).is_none() {
            return false;
        }
        let id = new_id(state, config, "vaults", project, &vault["id"]);
        let mut stored = vault.clone();
        stored["id"] = json!(id);
        stored["project_id"] = json!(project);
        stored["template_id"] = json!(template);
        state.put("vaults", stored);
    }
    true
}

/// SQL's `update project__template_vault ... where id=?`: whichever template had the vault.
fn move_vault(state: &mut State, project: i64, template: i64, vault: &Value) {
    let id = &vault["id"];
    let found = state
        .objects
        .get_mut("vaults")
        .and_then(|all| all.iter_mut().find(|v| v["id"] == *id));
    if let Some(stored) = found {
        stored["project_id"] = json!(project);
        stored["template_id"] = json!(template);
        stored["vault_key_id"] = vault["vault_key_id"].clone();
        stored["name"] = vault["name"].clone();
    }
}

/// A terraform or tofu template holds a workspace inventory: without an inventory, a new one
/// (`<name> - default`, type `terraform-workspace`) becomes the template's; a given one must
/// be the project's (`false`: a 404, the template staying created) and becomes held by the
/// template.
fn attach_workspace(state: &mut State, config: &Config, template: &mut Map<String, Value>) -> bool {
    let project = template["project_id"].as_i64().unwrap_or_default();
    let template_id = template["id"].clone();
    if let Some(inventory) = template["inventory_id"].as_i64() {
        let Some(held) = state.find_mut("inventory", project, inventory) else {
            return false;
        };
        held["holder_id"] = template_id;
        return true;
    }
    let id = new_id(state, config, "inventory", project, &Value::Null);
    let name = format!(
        "{} - default",
        template["name"].as_str().unwrap_or_default()
    );
    let workspace = json!({"id": id, "name": name, "project_id": project, "inventory": "default",
        "ssh_key_id": null, "become_key_id": null, "type": "terraform-workspace",
        "holder_id": template_id, "repository_id": null});
    state.put("inventory", workspace);
    template.insert("inventory_id".into(), json!(id));
    let template_id = template_id.as_i64().unwrap_or_default();
    if let Some(stored) = state.find_mut("templates", project, template_id) {
        stored["inventory_id"] = json!(id);
    }
    true
}

/// `UpdateTemplate`: the app is checked first, then the body's id and project (400), the
/// template's rules; every field is replaced, and the vaults are replaced with the body's
/// (SQL keeps the ids sent; BoltDB makes them all anew, with the body's id where there is
/// one).
pub(crate) fn update_template(
    state: &mut State,
    config: &Config,
    project: i64,
    id: i64,
    body: &[u8],
) -> Response {
    if state.find("templates", Some(project), id).is_none() {
        return wire::empty(StatusCode::NOT_FOUND);
    }
    let Some(mut template) = decode(body, TEMPLATE) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    if config.newer && !newer::template_fields(body, &mut template) {
        return wire::empty(StatusCode::BAD_REQUEST);
    }
    let app = template["app"].as_str().unwrap_or_default().to_owned();
    if !APPS.contains(&app.as_str()) {
        return wire::error(StatusCode::BAD_REQUEST, &format!("Invalid app id: {app}"));
    }
    if template["id"] != id {
        let message = "Template id in URL and in body must be the same";
        return wire::error(StatusCode::BAD_REQUEST, message);
    }
    if template["project_id"] != project {
        let message = "You can not move template to other project";
        return wire::error(StatusCode::BAD_REQUEST, message);
    }
    if template["arguments"] == "" {
        template.insert("arguments".into(), Value::Null);
    }
    if template["type"] != "deploy" {
        template.insert("build_template_id".into(), Value::Null);
    }
    if template["type"] != "build" {
        template.insert("start_version".into(), Value::Null);
    }
    if let Err(message) = validate(&template) {
        return wire::error(StatusCode::BAD_REQUEST, message);
    }
    store(state, config, &template);
    let old: Vec<i64> = vaults_of(state, project, id)
        .iter()
        .filter_map(|v| v["id"].as_i64())
        .collect();
    let kept: Vec<i64> = template["vaults"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["id"].as_i64())
        .filter(|v| *v != 0)
        .collect();
    for vault in old {
        if config.bolt_db || !kept.contains(&vault) {
            state.remove("vaults", project, vault);
        }
    }
    if !add_vaults(state, config, project, id, &template["vaults"]) {
        return wire::empty(StatusCode::BAD_REQUEST);
    }
    wire::empty(StatusCode::NO_CONTENT)
}

/// `RemoveTemplate`: its vaults go with it.
pub(crate) fn delete_template(state: &mut State, project: i64, id: i64) -> Response {
    if state.find("templates", Some(project), id).is_none() {
        return wire::empty(StatusCode::NOT_FOUND);
    }
    for vault in vaults_of(state, project, id) {
        state.remove("vaults", project, vault["id"].as_i64().unwrap_or_default());
    }
    state.remove("templates", project, id);
    wire::empty(StatusCode::NO_CONTENT)
}
