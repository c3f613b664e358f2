//! One key, repository, inventory or environment of a project: read, updated and deleted as
//! `api/projects/{keys,repository,inventory,environment}.go` answer, environment secrets
//! included.

use hyper::StatusCode;
use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::decode::{Field, Kind, decode, field};
use crate::projects::{
    ENVIRONMENT, INVENTORY, KEY, REPOSITORY, key_shown, new_id, shown_key, validate_environment,
    validate_key, validate_repository,
};
use crate::state::State;
use crate::wire::{self, Response};

/// `db.EnvironmentSecret`, as an update reads it.
const SECRET: &[Field] = &[
    field("id", Kind::Int),
    field("type", Kind::Str),
    field("name", Kind::Str),
    field("secret", Kind::Str),
    field("operation", Kind::Str),
];

/// A key, repository, inventory or environment (`kind`), as one is read: an environment with
/// its secrets' names; never an environment's secret as a key of its own.
pub(crate) fn get(state: &State, config: &Config, project: i64, kind: &str, id: i64) -> Response {
    let Some(found) = state.find(kind, Some(project), id) else {
        return wire::empty(StatusCode::NOT_FOUND);
    };
    let mut found = found.clone();
    if kind == "keys" {
        found = shown_key(&found);
    }
    if kind == "environment" {
        found["secrets"] = Value::Array(secrets_of(state, config, project, id));
    }
    wire::json(StatusCode::OK, &found)
}

/// `FillEnvironmentSecrets`: the keys of the environment, by the name `<type>.<name>` (SQL
/// orders them by it, BoltDB by id), without their values.
fn secrets_of(state: &State, config: &Config, project: i64, environment: i64) -> Vec<Value> {
    let mut keys: Vec<&Value> = state
        .in_project("keys", project)
        .filter(|k| k["environment_id"] == environment)
        .collect();
    if !config.bolt_db {
        keys.sort_by_key(|k| k["name"].as_str().unwrap_or_default().to_owned());
    }
    keys.iter()
        .map(|k| {
            let full = k["name"].as_str().unwrap_or_default();
            let (kind, name) = match full.split_once('.') {
                Some((kind @ ("var" | "env"), name)) => (kind, name),
                _ => ("var", full),
            };
            json!({"id": k["id"], "type": kind, "name": name, "secret": "", "operation": ""})
        })
        .collect()
}

/// An update: the body's id must be the path's and its project the path's (400), then each
/// kind's checks and store.
pub(crate) fn update(
    state: &mut State,
    config: &Config,
    project: i64,
    kind: &'static str,
    id: i64,
    body: &[u8],
) -> Response {
    if state.find(kind, Some(project), id).is_none() {
        return wire::empty(StatusCode::NOT_FOUND);
    }
    let fields = match kind {
        "keys" => KEY,
        "repositories" => REPOSITORY,
        "inventory" => INVENTORY,
        _ => ENVIRONMENT,
    };
    let Some(mut object) = decode(body, fields) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    // `UpdateKey` trusts the body's ids; without a project it dereferences nil.
    if kind == "keys" && object["project_id"].is_null() {
        return wire::hang_up();
    }
    if object["id"] != id {
        return wire::error(
            StatusCode::BAD_REQUEST,
            "Object ID in body and URL must be the same",
        );
    }
    if object["project_id"] != project {
        return wire::error(
            StatusCode::BAD_REQUEST,
            "Project ID in body and URL must be the same",
        );
    }
    let checked = match kind {
        "keys" => update_key(state, project, &mut object),
        "repositories" => validate_repository(&object).map_err(str::to_owned),
        "inventory" => check_inventory(&object),
        _ => validate_environment(&object).map_err(str::to_owned),
    };
    if let Err(message) = checked {
        return wire::error(StatusCode::BAD_REQUEST, &message);
    }
    // Secrets are keys of their own, changed after the environment is saved.
    object.remove("secrets");
    if kind == "environment" {
        object.insert("secrets".into(), Value::Null);
    }
    if let Some(stored) = state.find_mut(kind, project, id) {
        for (name, value) in object {
            stored[name.as_str()] = value;
        }
    }
    if kind == "environment" && !apply_secrets(state, config, project, id, body) {
        return wire::hang_up();
    }
    wire::empty(StatusCode::NO_CONTENT)
}

/// The secret changes of an environment's update body.
fn body_secrets(body: &[u8]) -> Vec<Map<String, Value>> {
    let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(body) else {
        return Vec::new();
    };
    let Some(Value::Array(secrets)) = fields.get("secrets") else {
        return Vec::new();
    };
    secrets
        .iter()
        .filter_map(|s| decode(s.to_string().as_bytes(), SECRET))
        .collect()
}

/// `updateEnvironmentSecrets`, after the environment is saved, with its faults: a change
/// whose type is neither `var` nor `env` is skipped; `create` adds a key each time; `delete`
/// deletes any environment's secret of the project by id, and fails (the handler panics, the
/// connection drops) on a key that is no secret; `update` changes nothing on SQL and fails on
/// BoltDB. Errors are dropped: the answer is 204 whatever happened. `false` where the handler
/// panics (the connection then drops).
fn apply_secrets(
    state: &mut State,
    config: &Config,
    project: i64,
    environment: i64,
    body: &[u8],
) -> bool {
    for secret in body_secrets(body) {
        let kind = secret["type"].as_str().unwrap_or_default();
        if kind != "var" && kind != "env" {
            continue;
        }
        match secret["operation"].as_str().unwrap_or_default() {
            "create" => {
                let id = new_id(state, config, "keys", project, &Value::Null);
                let name = format!("{kind}.{}", secret["name"].as_str().unwrap_or_default());
                let mut key = key_shown(id, project, &name, "string");
                key.insert("environment_id".into(), json!(environment));
                state.put("keys", Value::Object(key));
            }
            "delete" => {
                let id = secret["id"].as_i64().unwrap_or_default();
                let Some(key) = state.find("keys", Some(project), id) else {
                    continue;
                };
                if key["environment_id"].is_null() {
                    return false;
                }
                state.remove("keys", project, id);
            }
            "update" if config.bolt_db => return false,
            _ => {}
        }
    }
    true
}

/// `UpdateKey`: renames; with `override_secret`, checks and replaces the type and secret.
fn update_key(state: &State, project: i64, key: &mut Map<String, Value>) -> Result<(), String> {
    let id = key["id"].as_i64().unwrap_or_default();
    let stored = state
        .find("keys", Some(project), id)
        .cloned()
        .unwrap_or_default();
    if key["override_secret"] == true {
        validate_key(key).map_err(str::to_owned)?;
        let kind = key["type"].as_str().unwrap_or_default().to_owned();
        let name = key["name"].as_str().unwrap_or_default().to_owned();
        let mut shown = key_shown(id, project, &name, &kind);
        if kind == "none" || (kind == "string" && key["string"] == "") {
            shown.insert("empty".into(), json!(true));
        }
        shown.insert("environment_id".into(), stored["environment_id"].clone());
        *key = shown;
    } else {
        let name = key["name"].clone();
        let Value::Object(mut kept) = stored else {
            return Err("key not found".into());
        };
        kept.insert("name".into(), name);
        *key = kept;
    }
    Ok(())
}

/// `UpdateInventory`'s checks: four types, and a `file` path inside the server's working
/// directory (`IsValidInventoryPath`; the stand-in's is `/`-less, so a path that leads out
/// with `..` is refused).
fn check_inventory(inventory: &Map<String, Value>) -> Result<(), String> {
    let kind = inventory["type"].as_str().unwrap_or_default();
    match kind {
        "static" | "static-yaml" | "terraform-workspace" => Ok(()),
        "file" => {
            let path = inventory["inventory"].as_str().unwrap_or_default();
            let mut depth = 0i64;
            let mut out = false;
            for part in path.split('/') {
                match part {
                    "" | "." => {}
                    ".." => depth -= 1,
                    p if depth == 0 && p.starts_with("..") => out = true,
                    _ => depth += 1,
                }
                out |= depth < 0;
            }
            if out || path.starts_with('/') {
                Err("Invalid inventory file pathname. Must be: path/to/inventory.".into())
            } else {
                Ok(())
            }
        }
        _ => Err(format!("unknown inventory type: {kind}")),
    }
}

/// A delete: 404 for an unknown id, 400 `inUse` while a template (or, for a key, a
/// repository or inventory) uses it.
pub(crate) fn delete(state: &mut State, project: i64, kind: &'static str, id: i64) -> Response {
    if state.find(kind, Some(project), id).is_none() {
        return wire::empty(StatusCode::NOT_FOUND);
    }
    let users: &[(&str, &str)] = match kind {
        "keys" => &[
            ("repositories", "ssh_key_id"),
            ("inventory", "ssh_key_id"),
            ("inventory", "become_key_id"),
        ],
        "repositories" => &[("templates", "repository_id")],
        "inventory" => &[("templates", "inventory_id")],
        _ => &[("templates", "environment_id")],
    };
    let in_use = users
        .iter()
        .any(|(user, field)| state.in_project(user, project).any(|o| o[*field] == id));
    if in_use {
        let message = format!("{} is in use by one or more templates", singular(kind));
        return wire::json(
            StatusCode::BAD_REQUEST,
            &json!({"error": message, "inUse": true}),
        );
    }
    state.remove(kind, project, id);
    if kind == "environment" {
        let secrets: Vec<i64> = state
            .in_project("keys", project)
            .filter(|k| k["environment_id"] == id)
            .filter_map(|k| k["id"].as_i64())
            .collect();
        for secret in secrets {
            state.remove("keys", project, secret);
        }
    }
    wire::empty(StatusCode::NO_CONTENT)
}

fn singular(kind: &str) -> &str {
    match kind {
        "keys" => "Access Key",
        "repositories" => "Repository",
        "inventory" => "Inventory",
        _ => "Environment",
    }
}
