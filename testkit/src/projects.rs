//! Projects, and what templates are made of (keys, repositories, inventories, environments),
//! as the real server's `api/projects` handlers and its two storage flavours answer them.

use hyper::StatusCode;
use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::decode::{Field, Kind, decode, field};
use crate::sorting::{Column, Sorting, sorted};
use crate::state::{OWNER, State};
use crate::wire::{self, Response};

/// `db.Project`, plus the `demo` flag `POST /projects` reads.
pub(crate) const PROJECT: &[Field] = &[
    field("id", Kind::Int),
    field("name", Kind::Str),
    field("created", Kind::Time),
    field("alert", Kind::Bool),
    field("alert_chat", Kind::OptStr),
    field("max_parallel_tasks", Kind::Int),
    field("type", Kind::Str),
    field("demo", Kind::Bool),
];

const LOGIN_PASSWORD: &[Field] = &[field("login", Kind::Str), field("password", Kind::Str)];
const SSH: &[Field] = &[
    field("login", Kind::Str),
    field("passphrase", Kind::Str),
    field("private_key", Kind::Str),
];
/// `db.AccessKey`.
pub(crate) const KEY: &[Field] = &[
    field("id", Kind::Int),
    field("name", Kind::Str),
    field("type", Kind::Str),
    field("project_id", Kind::OptInt),
    field("string", Kind::Str),
    field("login_password", Kind::Struct(LOGIN_PASSWORD)),
    field("ssh", Kind::Struct(SSH)),
    field("override_secret", Kind::Bool),
    field("empty", Kind::Bool),
];
/// `db.Repository`.
pub(crate) const REPOSITORY: &[Field] = &[
    field("id", Kind::Int),
    field("name", Kind::Str),
    field("project_id", Kind::Int),
    field("git_url", Kind::Str),
    field("git_branch", Kind::Str),
    field("ssh_key_id", Kind::Int),
];
/// `db.Inventory`.
pub(crate) const INVENTORY: &[Field] = &[
    field("id", Kind::Int),
    field("name", Kind::Str),
    field("project_id", Kind::Int),
    field("inventory", Kind::Str),
    field("ssh_key_id", Kind::OptInt),
    field("become_key_id", Kind::OptInt),
    field("type", Kind::Str),
    field("holder_id", Kind::OptInt),
    field("repository_id", Kind::OptInt),
];
/// `db.Environment` (its `secrets` are not modelled: lists answer them `null`).
pub(crate) const ENVIRONMENT: &[Field] = &[
    field("id", Kind::Int),
    field("name", Kind::Str),
    field("project_id", Kind::Int),
    field("password", Kind::OptStr),
    field("json", Kind::Str),
    field("env", Kind::OptStr),
];

/// The project a `/project/{project_id}/...` request names, checked as the server's
/// `ProjectMiddleware` checks it; the `Err` is its answer.
pub(crate) fn project_access(
    state: &State,
    config: &Config,
    user_id: i64,
    raw_id: &str,
) -> Result<i64, Box<Response>> {
    let Ok(id) = raw_id.parse::<i64>() else {
        let invalid = wire::error(StatusCode::BAD_REQUEST, "Invalid project ID");
        return Err(Box::new(invalid));
    };
    if !state.is_admin(user_id) && !state.is_member(id, user_id) {
        return Err(Box::new(wire::empty(StatusCode::NOT_FOUND)));
    }
    if state.find("projects", None, id).is_none() {
        // The SQL `GetProject` does not turn "no rows" into a 404.
        let status = match config.bolt_db {
            true => StatusCode::NOT_FOUND,
            false => StatusCode::BAD_REQUEST,
        };
        return Err(Box::new(wire::empty(status)));
    }
    Ok(id)
}

/// An integer path variable, as `helpers.GetIntParam` reads it: 400 without a body otherwise.
pub(crate) fn int_param(raw: &str) -> Result<i64, Box<Response>> {
    raw.parse()
        .map_err(|_| Box::new(wire::empty(StatusCode::BAD_REQUEST)))
}

/// The id a new object of `kind` in `project` gets on this flavour (see [`State::new_id`]).
pub(crate) fn new_id(
    state: &mut State,
    config: &Config,
    kind: &'static str,
    project: i64,
    body_id: &Value,
) -> i64 {
    match config.bolt_db {
        true => state.new_id(kind, project, body_id.as_i64().unwrap_or(0)),
        false => state.new_id(kind, 0, 0),
    }
}

/// An administrator sees every project, anyone else the projects they are a member of. SQL
/// orders them by name and stops at 200; BoltDB keeps id order.
pub(crate) fn list_projects(state: &State, config: &Config, user_id: i64) -> Response {
    let admin = state.is_admin(user_id);
    let mine: Vec<Value> = state
        .list("projects")
        .iter()
        .filter(|p| {
            admin
                || p["id"]
                    .as_i64()
                    .is_some_and(|id| state.is_member(id, user_id))
        })
        .cloned()
        .collect();
    const BY_NAME: Sorting = Sorting {
        sql: &[("name", Column::Field("name"))],
        bolt: &[],
    };
    let mut mine = sorted(state, config.bolt_db, mine, &BY_NAME, None, false);
    if !config.bolt_db {
        mine.truncate(200);
    }
    wire::json(StatusCode::OK, &Value::Array(mine))
}

pub(crate) fn get_project(state: &State, project: i64) -> Response {
    match state.find("projects", None, project) {
        Some(found) => wire::json(StatusCode::OK, found),
        None => wire::empty(StatusCode::NOT_FOUND),
    }
}

/// `AddProject`: a non-administrator may not create projects (401, before the body is read,
/// unless [`crate::StandInBuilder::non_admin_can_create_project`]); any name, even none, is
/// accepted. With the project come the caller's `owner` membership, a key `None` of type
/// `none` and an environment `Empty` with the extra variables `{}`.
pub(crate) fn create_project(
    state: &mut State,
    config: &Config,
    user_id: i64,
    body: &[u8],
) -> Response {
    if !state.is_admin(user_id) && !config.non_admin_can_create_project {
        return wire::empty(StatusCode::UNAUTHORIZED);
    }
    let Some(mut project) = decode(body, PROJECT) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    // `demo: true` would add the demo project's resources, which are not modelled.
    project.remove("demo");
    let id = new_id(state, config, "projects", 0, &project["id"]);
    project.insert("id".into(), json!(id));
    project.insert("created".into(), json!(wire::now_rfc3339()));
    state.put("projects", stored_project(config, &project));
    state.members.push((id, user_id, OWNER));
    add_none_key(state, config, id);
    add_empty_environment(state, config, id);
    // Both flavours answer the project as decoded, whatever was stored.
    wire::json(StatusCode::CREATED, &Value::Object(project))
}

/// The SQL `CreateProject` inserts only `name`, `created` and `type`: the other columns keep
/// their defaults (`alert_chat` reads back as `""`). BoltDB stores the whole project.
fn stored_project(config: &Config, project: &Map<String, Value>) -> Value {
    let mut stored = project.clone();
    if !config.bolt_db {
        stored.insert("alert".into(), json!(false));
        stored.insert("alert_chat".into(), json!(""));
        stored.insert("max_parallel_tasks".into(), json!(0));
    }
    Value::Object(stored)
}

fn add_none_key(state: &mut State, config: &Config, project: i64) {
    let id = new_id(state, config, "keys", project, &Value::Null);
    let mut key = key_shown(id, project, "None", "none");
    key.insert("empty".into(), json!(true));
    state.put("keys", Value::Object(key));
}

fn add_empty_environment(state: &mut State, config: &Config, project: i64) {
    let id = new_id(state, config, "environment", project, &Value::Null);
    let environment = json!({"id": id, "name": "Empty", "project_id": project,
        "password": null, "json": "{}", "env": null, "secrets": null});
    state.put("environment", environment);
}

/// A key as answers show it: the secret never comes back.
pub(crate) fn key_shown(id: i64, project: i64, name: &str, kind: &str) -> Map<String, Value> {
    let shown = json!({
        "id": id, "name": name, "type": kind, "project_id": project, "string": "",
        "login_password": {"login": "", "password": ""},
        "ssh": {"login": "", "passphrase": "", "private_key": ""},
        "override_secret": false,
    });
    match shown {
        Value::Object(map) => map,
        _ => unreachable!("a JSON object literal"),
    }
}

/// A stored key as answers show it (its environment is not shown).
pub(crate) fn shown_key(key: &Value) -> Value {
    let mut shown = key.clone();
    if let Some(fields) = shown.as_object_mut() {
        fields.remove("environment_id");
    }
    shown
}

/// What each list can be sorted by (`sort`, `order`), per flavour.
fn resource_sorting(kind: &str) -> Sorting {
    const NAME: (&str, Column) = ("name", Column::Field("name"));
    match kind {
        "keys" => Sorting {
            sql: &[NAME, ("type", Column::Field("type"))],
            bolt: &["name", "type"],
        },
        "repositories" => Sorting {
            sql: &[NAME, ("git_url", Column::Field("git_url"))],
            bolt: &[],
        },
        _ => Sorting {
            sql: &[NAME],
            bolt: &["name"],
        },
    }
}

/// A project's keys, repositories, inventories or environments. Keys without a secret carry
/// `empty: true` in SQL lists only.
pub(crate) fn list_resources(
    state: &State,
    config: &Config,
    project: i64,
    kind: &str,
    sort: Option<&str>,
    desc: bool,
) -> Response {
    // SQL's `sort=ssh_key` joins the keys table, whose extra columns gorp cannot map: a 400.
    if !config.bolt_db && kind == "repositories" && sort == Some("ssh_key") {
        return wire::empty(StatusCode::BAD_REQUEST);
    }
    let mut items: Vec<Value> = state
        .in_project(kind, project)
        .filter(|o| kind != "keys" || o["environment_id"].is_null())
        .map(shown_key)
        .collect();
    if config.bolt_db {
        for item in &mut items {
            if let Some(fields) = item.as_object_mut() {
                fields.remove("empty");
            }
        }
    }
    let items = sorted(
        state,
        config.bolt_db,
        items,
        &resource_sorting(kind),
        sort,
        desc,
    );
    wire::json(StatusCode::OK, &Value::Array(items))
}

pub(crate) fn create_resource(
    state: &mut State,
    config: &Config,
    project: i64,
    kind: &'static str,
    body: &[u8],
) -> Response {
    match kind {
        "keys" => create_key(state, config, project, body),
        "repositories" => create_repository(state, config, project, body),
        "inventory" => create_inventory(state, config, project, body),
        _ => create_environment(state, config, project, body),
    }
}

fn project_mismatch() -> Response {
    wire::error(
        StatusCode::BAD_REQUEST,
        "Project ID in body and URL must be the same",
    )
}

/// `AddKey`: 204 without a body; the secret is checked, and never shown again.
fn create_key(state: &mut State, config: &Config, project: i64, body: &[u8]) -> Response {
    let Some(key) = decode(body, KEY) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    if key["project_id"] != project {
        return project_mismatch();
    }
    if let Err(message) = validate_key(&key) {
        return wire::error(StatusCode::BAD_REQUEST, message);
    }
    // `SerializeSecret` refuses other types, with a bare 400.
    let kind = key["type"].as_str().unwrap_or_default();
    let empty_secret = match kind {
        "none" => true,
        "string" => key["string"] == "",
        "ssh" | "login_password" => false,
        _ => return wire::empty(StatusCode::BAD_REQUEST),
    };
    let id = new_id(state, config, "keys", project, &key["id"]);
    let name = key["name"].as_str().unwrap_or_default();
    let mut shown = key_shown(id, project, name, kind);
    if empty_secret {
        shown.insert("empty".into(), json!(true));
    }
    state.put("keys", Value::Object(shown));
    wire::empty(StatusCode::NO_CONTENT)
}

/// `AccessKey.Validate(true)`.
pub(crate) fn validate_key(key: &Map<String, Value>) -> Result<(), &'static str> {
    if key["name"] == "" {
        return Err("name can not be empty");
    }
    match key["type"].as_str() {
        Some("ssh") if key["ssh"]["private_key"] == "" => Err("private key can not be empty"),
        Some("login_password") if key["login_password"]["password"] == "" => {
            Err("password can not be empty")
        }
        _ => Ok(()),
    }
}

/// `AddRepository`: 204 without a body. Its key must be one of the project's (404).
fn create_repository(state: &mut State, config: &Config, project: i64, body: &[u8]) -> Response {
    let Some(mut repository) = decode(body, REPOSITORY) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    if repository["project_id"] != project {
        return project_mismatch();
    }
    let key = repository["ssh_key_id"].as_i64().unwrap_or_default();
    if state.find("keys", Some(project), key).is_none() {
        return wire::empty(StatusCode::NOT_FOUND);
    }
    if let Err(message) = validate_repository(&repository) {
        return wire::error(StatusCode::BAD_REQUEST, message);
    }
    let id = new_id(state, config, "repositories", project, &repository["id"]);
    repository.insert("id".into(), json!(id));
    state.put("repositories", Value::Object(repository));
    wire::empty(StatusCode::NO_CONTENT)
}

/// `Repository.Validate`: a local repository (a path starting with `/`) needs no branch.
pub(crate) fn validate_repository(repository: &Map<String, Value>) -> Result<(), &'static str> {
    let url = repository["git_url"].as_str().unwrap_or_default();
    if repository["name"] == "" {
        Err("repository name can't be empty")
    } else if url.is_empty() {
        Err("repository url can't be empty")
    } else if !url.starts_with('/') && repository["git_branch"] == "" {
        Err("repository branch can't be empty")
    } else {
        Ok(())
    }
}

/// `AddInventory`: 201 with the inventory. Its keys must be the project's, and its holder one
/// of the project's templates (404); on SQL its repository must exist (a foreign key: 400).
fn create_inventory(state: &mut State, config: &Config, project: i64, body: &[u8]) -> Response {
    let Some(mut inventory) = decode(body, INVENTORY) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    if inventory["project_id"] != project {
        return project_mismatch();
    }
    let supported = ["static", "static-yaml", "file", "terraform-workspace"];
    if !supported.iter().any(|t| inventory["type"] == *t) {
        return wire::error(StatusCode::BAD_REQUEST, "Not supported inventory type");
    }
    let named = |field: &str, kind: &str| {
        inventory[field]
            .as_i64()
            .is_none_or(|id| state.find(kind, Some(project), id).is_some())
    };
    let found = named("ssh_key_id", "keys")
        && named("become_key_id", "keys")
        && named("holder_id", "templates");
    if !found {
        return wire::empty(StatusCode::NOT_FOUND);
    }
    let id = new_id(state, config, "inventory", project, &inventory["id"]);
    // A SQL foreign key: a bare 400, and the id drawn is lost.
    let repository = inventory["repository_id"].as_i64();
    if !config.bolt_db
        && repository.is_some_and(|id| state.find("repositories", None, id).is_none())
    {
        return wire::empty(StatusCode::BAD_REQUEST);
    }
    inventory.insert("id".into(), json!(id));
    let inventory = Value::Object(inventory);
    state.put("inventory", inventory.clone());
    wire::json(StatusCode::CREATED, &inventory)
}

/// `AddEnvironment`: 204 without a body.
fn create_environment(state: &mut State, config: &Config, project: i64, body: &[u8]) -> Response {
    let Some(mut environment) = decode(body, ENVIRONMENT) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    if environment["project_id"] != project {
        return project_mismatch();
    }
    if let Err(message) = validate_environment(&environment) {
        return wire::error(StatusCode::BAD_REQUEST, message);
    }
    let id = new_id(state, config, "environment", project, &environment["id"]);
    environment.insert("id".into(), json!(id));
    environment.insert("secrets".into(), Value::Null);
    state.put("environment", Value::Object(environment));
    wire::empty(StatusCode::NO_CONTENT)
}

/// `Environment.Validate`: `json` must be JSON (`""` is not), and so must `env` when given.
pub(crate) fn validate_environment(environment: &Map<String, Value>) -> Result<(), &'static str> {
    if environment["name"] == "" {
        Err("Environment name can not be empty")
    } else if !is_json(&environment["json"]) {
        Err("Extra variables must be valid JSON")
    } else if !environment["env"].is_null() && !is_json(&environment["env"]) {
        Err("Environment variables must be valid JSON")
    } else {
        Ok(())
    }
}

/// Go's `json.Valid` of a string field: one JSON value, nothing else but spaces.
pub(crate) fn is_json(text: &Value) -> bool {
    let text = text.as_str().unwrap_or_default();
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}
