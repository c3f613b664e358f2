//! The request bodies `create` and `update` send, one pair of functions per kind of object:
//! `*_defaults`, every field of a new object, and `*_patch`, what the flags set.
//!
//! A body is built as JSON and decoded into the library's request type at the end
//! ([`build`]): the defaults (on create) or the object read (on update), then the fields of
//! `--from-file`, then the flags. Every field is in the defaults, so the request types need
//! neither `Default` nor `#[serde(default)]`; a field they rename shows up here as a decode
//! error naming it, in the tests.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use crate::args::{
    EnvironmentFields, IntegrationFields, InventoryFields, KeyFields, ProjectFields,
    RepositoryFields, RunArgs, ScheduleFields, TemplateFields, ViewFields,
};
use crate::error::{CliError, Result, json_message};

pub type Patch = Map<String, Value>;

/// The request: `base`, then the file's fields, then the flags' `patch`.
pub fn build<R: DeserializeOwned>(
    kind: &str,
    mut base: Value,
    file: Option<Value>,
    patch: Patch,
) -> Result<R> {
    if let Some(file) = file {
        merge(&mut base, file);
    }
    merge(&mut base, Value::Object(patch));
    serde_json::from_value(base).map_err(|e| {
        CliError::usage(format!("not a valid {kind}: {}", json_message(&e)))
            .hint("check the JSON file's fields against `semaphore <kind> show ID --json`")
    })
}

/// Sets every field of `top` in `base`; objects are merged field by field, the rest replaced.
pub fn merge(base: &mut Value, top: Value) {
    match (base, top) {
        (Value::Object(base), Value::Object(top)) => {
            for (key, value) in top {
                match base.get_mut(&key) {
                    Some(slot) if slot.is_object() && value.is_object() => merge(slot, value),
                    _ => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (base, top) => *base = top,
    }
}

/// `--from-file`: a JSON object from a file, or stdin for `-`.
pub fn read_file(path: &Path) -> Result<Value> {
    let text = crate::input::text(path, crate::input::MAX_FILE_BYTES)?;
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        CliError::usage(format!(
            "{} is not JSON: {}",
            path.display(),
            json_message(&e)
        ))
    })?;
    if !value.is_object() {
        return Err(CliError::usage(format!(
            "{} holds no JSON object",
            path.display()
        )));
    }
    Ok(value)
}

fn set(patch: &mut Patch, key: &str, value: Option<impl Into<Value>>) {
    if let Some(value) = value {
        patch.insert(key.to_owned(), value.into());
    }
}

/// A flag that holds JSON text: checked to be JSON of the right shape, sent as text.
pub fn json_text(flag: &str, text: &str, object: bool) -> Result<String> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| CliError::usage(format!("{flag} is not JSON: {}", json_message(&e))))?;
    let ok = if object {
        value.is_object()
    } else {
        value.is_array()
    };
    if !ok {
        let shape = if object { "an object" } else { "an array" };
        return Err(CliError::usage(format!("{flag} must be a JSON {shape}")));
    }
    Ok(text.to_owned())
}

pub fn project_defaults() -> Value {
    json!({"name": "", "alert": false, "alert_chat": null, "max_parallel_tasks": 0,
           "type": "", "demo": false})
}

pub fn project_patch(f: &ProjectFields) -> Patch {
    let mut p = Patch::new();
    set(&mut p, "name", f.name.clone());
    set(&mut p, "alert", f.alert);
    set(&mut p, "alert_chat", f.alert_chat.clone());
    set(&mut p, "max_parallel_tasks", f.max_parallel_tasks);
    p
}

pub fn template_defaults() -> Value {
    json!({"inventory_id": null, "repository_id": 0, "environment_id": null, "view_id": null,
           "name": "", "playbook": "", "arguments": null, "allow_override_args_in_task": false,
           "description": null, "vaults": [], "type": "", "start_version": null,
           "build_template_id": null, "autorun": false, "git_branch": null, "survey_vars": [],
           "suppress_success_alerts": false, "app": "ansible"})
}

/// What the flags set, but the references to other objects (by id or name), which
/// [`crate::commands::resource`] resolves.
pub fn template_patch(f: &TemplateFields) -> Result<Patch> {
    let mut p = Patch::new();
    set(&mut p, "name", f.name.clone());
    set(&mut p, "playbook", f.playbook.clone());
    set(&mut p, "app", f.app.clone());
    set(&mut p, "description", f.description.clone());
    if let Some(arguments) = &f.arguments {
        p.insert(
            "arguments".into(),
            json_text("--arguments", arguments, false)?.into(),
        );
    }
    set(&mut p, "allow_override_args_in_task", f.allow_override_args);
    set(&mut p, "git_branch", f.git_branch.clone());
    // Newer servers' `task_params`, merged into the template's own.
    let mut task_params = Patch::new();
    set(
        &mut task_params,
        "allow_override_limit",
        f.allow_override_limit,
    );
    set(
        &mut task_params,
        "allow_override_inventory",
        f.allow_override_inventory,
    );
    set(&mut task_params, "allow_debug", f.allow_debug);
    if !task_params.is_empty() {
        p.insert("task_params".into(), Value::Object(task_params));
    }
    Ok(p)
}

pub fn inventory_defaults() -> Value {
    json!({"name": "", "inventory": "", "ssh_key_id": null, "become_key_id": null,
           "type": "static", "holder_id": null, "repository_id": null})
}

pub fn inventory_patch(f: &InventoryFields) -> Result<Patch> {
    let mut p = Patch::new();
    set(&mut p, "name", f.name.clone());
    set(&mut p, "type", f.kind.clone());
    set(&mut p, "inventory", f.inventory.clone());
    if let Some(path) = &f.inventory_file {
        let hosts = crate::input::text(path, crate::input::MAX_FILE_BYTES)?;
        p.insert("inventory".into(), hosts.into());
    }
    Ok(p)
}

pub fn repository_defaults() -> Value {
    json!({"name": "", "git_url": "", "git_branch": "", "ssh_key_id": 0})
}

pub fn repository_patch(f: &RepositoryFields) -> Patch {
    let mut p = Patch::new();
    set(&mut p, "name", f.name.clone());
    set(&mut p, "git_url", f.git_url.clone());
    set(&mut p, "git_branch", f.branch.clone());
    p
}

pub fn environment_defaults() -> Value {
    json!({"name": "", "password": null, "json": "{}", "env": null, "secrets": []})
}

pub fn environment_patch(f: &EnvironmentFields) -> Result<Patch> {
    let mut p = Patch::new();
    set(&mut p, "name", f.name.clone());
    if let Some(vars) = &f.extra_vars {
        p.insert("json".into(), json_text("--extra-vars", vars, true)?.into());
    }
    if let Some(vars) = &f.env_vars {
        p.insert("env".into(), json_text("--env-vars", vars, true)?.into());
    }
    Ok(p)
}

pub fn key_defaults() -> Value {
    json!({"name": "", "type": "none", "string": "",
           "login_password": {"login": "", "password": ""},
           "ssh": {"login": "", "passphrase": "", "private_key": ""},
           "override_secret": false})
}

/// `current` is the body so far, for the key's type when `--type` is not given. `secret` is
/// what `--secret-stdin` read.
pub fn key_patch(f: &KeyFields, current: &Value, secret: Option<String>) -> Result<Patch> {
    let mut p = Patch::new();
    set(&mut p, "name", f.name.clone());
    set(&mut p, "type", f.kind.clone());
    let kind = f
        .kind
        .clone()
        .or_else(|| current["type"].as_str().map(str::to_owned))
        .unwrap_or_default();
    let mut secret_given = false;
    if let Some(login) = &f.login {
        match kind.as_str() {
            "ssh" => p.insert("ssh".into(), json!({"login": login})),
            "login_password" => p.insert("login_password".into(), json!({"login": login})),
            other => return Err(no_such_secret("--login", other)),
        };
        secret_given = true;
    }
    if let Some(secret) = secret {
        let (object, field) = match kind.as_str() {
            "ssh" => ("ssh", "passphrase"),
            "login_password" => ("login_password", "password"),
            "string" => ("", "string"),
            other => return Err(no_such_secret("--secret-stdin", other)),
        };
        if object.is_empty() {
            p.insert(field.into(), secret.into());
        } else {
            merge_into(&mut p, object, field, secret);
        }
        secret_given = true;
    }
    if let Some(path) = &f.private_key_file {
        if kind != "ssh" {
            return Err(no_such_secret("--private-key-file", &kind));
        }
        let key = crate::input::text(path, crate::input::MAX_FILE_BYTES)?;
        merge_into(&mut p, "ssh", "private_key", key);
        secret_given = true;
    }
    if secret_given || f.kind.is_some() {
        // On an update the server keeps the stored type and secret unless told to replace them.
        p.insert("override_secret".into(), true.into());
    }
    Ok(p)
}

fn merge_into(patch: &mut Patch, object: &str, field: &str, value: String) {
    let slot = patch
        .entry(object.to_owned())
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(map) = slot {
        map.insert(field.to_owned(), value.into());
    }
}

fn no_such_secret(flag: &str, kind: &str) -> CliError {
    CliError::usage(format!("{flag} does not apply to a key of type {kind:?}"))
        .hint("--login: ssh and login_password; --secret-stdin: ssh, login_password and string; --private-key-file: ssh")
}

pub fn schedule_defaults() -> Value {
    json!({"template_id": 0, "cron_format": "", "name": "", "active": true, "repository_id": null})
}

/// `template` is `--template`, already looked up.
pub fn schedule_patch(f: &ScheduleFields, template: Option<i64>) -> Patch {
    let mut p = Patch::new();
    set(&mut p, "name", f.name.clone());
    set(&mut p, "template_id", template);
    set(&mut p, "cron_format", f.cron.clone());
    set(&mut p, "active", f.active);
    p
}

pub fn view_defaults() -> Value {
    json!({"title": "", "position": 0})
}

pub fn view_patch(f: &ViewFields) -> Patch {
    let mut p = Patch::new();
    set(&mut p, "title", f.title.clone());
    set(&mut p, "position", f.position);
    p
}

pub fn integration_defaults() -> Value {
    json!({"name": "", "template_id": 0, "auth_method": "", "auth_secret_id": null,
           "auth_header": "", "searchable": false, "task_params": null})
}

/// `template` is `--template`, already looked up.
pub fn integration_patch(f: &IntegrationFields, template: Option<i64>) -> Patch {
    let mut p = Patch::new();
    set(&mut p, "name", f.name.clone());
    set(&mut p, "template_id", template);
    let method = f
        .auth_method
        .as_deref()
        .map(|m| if m == "none" { "" } else { m });
    set(&mut p, "auth_method", method);
    set(&mut p, "auth_header", f.auth_header.clone());
    set(&mut p, "auth_secret_id", f.auth_secret);
    set(&mut p, "searchable", f.searchable);
    p
}

pub fn task_defaults() -> Value {
    json!({"template_id": 0, "debug": false, "dry_run": false, "diff": false, "playbook": null,
           "environment": null, "secret": "", "limit": null, "arguments": null,
           "git_branch": null, "message": "", "commit_hash": null, "build_task_id": null,
           "inventory_id": null})
}

/// The task `run` starts. `arguments` are the extra command-line arguments made of `--tags`,
/// `--skip-tags` and `--debug-level`.
pub fn task_patch(f: &RunArgs, template: i64, arguments: &[String]) -> Result<Patch> {
    let mut p = Patch::new();
    p.insert("template_id".into(), template.into());
    set(&mut p, "limit", f.limit.clone());
    set(&mut p, "playbook", f.playbook.clone());
    if let Some(vars) = &f.environment {
        p.insert(
            "environment".into(),
            json_text("--environment", vars, true)?.into(),
        );
    }
    if f.debug_level == Some(4) {
        p.insert("debug".into(), true.into());
    }
    set(&mut p, "dry_run", f.check.then_some(true));
    set(&mut p, "diff", f.diff.then_some(true));
    set(&mut p, "git_branch", f.branch.clone());
    set(&mut p, "message", f.message.clone());
    if !arguments.is_empty() {
        let text = serde_json::to_string(arguments)
            .map_err(|e| CliError::usage(format!("cannot encode the arguments: {e}")))?;
        p.insert("arguments".into(), text.into());
    }
    Ok(p)
}

/// The Ansible arguments `run`'s flags stand for; the template must allow overriding
/// arguments for the server to use them.
pub fn task_arguments(f: &RunArgs) -> Vec<String> {
    let mut arguments = Vec::new();
    if let Some(tags) = &f.tags {
        arguments.extend(["--tags".to_owned(), tags.clone()]);
    }
    if let Some(tags) = &f.skip_tags {
        arguments.extend(["--skip-tags".to_owned(), tags.clone()]);
    }
    // Level 4 is the task's own debug mode (-vvvv).
    if let Some(level @ 1..=3) = f.debug_level {
        arguments.push(format!("-{}", "v".repeat(level.into())));
    }
    arguments
}

#[cfg(test)]
mod tests {
    use super::*;
    use semaphore_api::{
        AccessKeyRequest, EnvironmentRequest, IntegrationRequest, InventoryRequest, ProjectRequest,
        RepositoryRequest, ScheduleRequest, TaskRequest, TemplateRequest, ViewRequest,
    };

    /// Every kind's defaults decode into its request type, and encode back to the same JSON:
    /// no field is missing, misspelt or of the wrong type.
    #[test]
    fn defaults_are_whole_requests() {
        fn check<R: DeserializeOwned + serde::Serialize>(defaults: Value) {
            let request: R = build("x", defaults.clone(), None, Patch::new()).unwrap();
            let mut back = serde_json::to_value(&request).unwrap();
            // Fields the request leaves out when empty come back missing.
            let mut expected = defaults;
            for (key, value) in expected.as_object_mut().unwrap().clone() {
                if back.get(&key).is_none() {
                    assert!(
                        value == json!("")
                            || value == json!(false)
                            || value == json!([])
                            || value.is_null(),
                        "{key} lost"
                    );
                    expected.as_object_mut().unwrap().remove(&key);
                }
            }
            back.as_object_mut()
                .unwrap()
                .retain(|k, _| expected.get(k).is_some());
            assert_eq!(back, expected);
        }
        check::<ProjectRequest>(project_defaults());
        check::<TemplateRequest>(template_defaults());
        check::<InventoryRequest>(inventory_defaults());
        check::<RepositoryRequest>(repository_defaults());
        check::<EnvironmentRequest>(environment_defaults());
        check::<AccessKeyRequest>(key_defaults());
        check::<ScheduleRequest>(schedule_defaults());
        check::<ViewRequest>(view_defaults());
        check::<IntegrationRequest>(integration_defaults());
        check::<TaskRequest>(task_defaults());
    }

    #[test]
    fn flags_win_over_the_file_which_wins_over_the_base() {
        let base = json!({"name": "a", "ssh": {"login": "x", "private_key": "k"}});
        let file = json!({"name": "b", "ssh": {"login": "y"}});
        let mut patch = Patch::new();
        patch.insert("name".into(), "c".into());
        let merged: Value = build("key", base, Some(file), patch).unwrap();
        assert_eq!(
            merged,
            json!({"name": "c", "ssh": {"login": "y", "private_key": "k"}})
        );
    }

    #[test]
    fn a_secret_goes_where_the_type_keeps_it() {
        let fields = KeyFields {
            name: None,
            kind: None,
            login: Some("deploy".into()),
            secret_stdin: true,
            private_key_file: None,
        };
        let current = json!({"type": "login_password"});
        let patch = key_patch(&fields, &current, Some("pw".into())).unwrap();
        assert_eq!(
            Value::Object(patch),
            json!({"login_password": {"login": "deploy", "password": "pw"}, "override_secret": true})
        );
        let none = json!({"type": "none"});
        assert!(key_patch(&fields, &none, Some("pw".into())).is_err());
    }

    #[test]
    fn json_flags_are_checked() {
        assert!(json_text("--extra-vars", r#"{"a": 1}"#, true).is_ok());
        assert!(json_text("--extra-vars", "[1]", true).is_err());
        assert!(json_text("--arguments", r#"["-v"]"#, false).is_ok());
        let e = json_text("--arguments", "nope", false).unwrap_err();
        assert!(
            e.message.starts_with("--arguments is not JSON"),
            "{}",
            e.message
        );
    }
}
