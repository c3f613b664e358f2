//! The stand-in as a server newer than v2.10.32 ([`StandInBuilder::newer_server`]), in the
//! respects a client must know, as Semaphore's 2.17 sources and its public issues show them
//! (CONFORMANCE.md lists them with their sources):
//!
//! - `/api/info` gives a newer version;
//! - templates keep `task_params`, `runner_tag`, `allow_parallel_tasks` and
//!   `allow_override_branch_in_task` (`db/Template.go`), and an update replaces them too;
//! - a task's options are read from `params` (`limit`, `tags`, `skip_tags` as lists; a value
//!   of the wrong type is a 500 without a task), the top-level `debug`, `dry_run` and `diff`
//!   are not read, a top-level `limit` becomes `params.limit` when `params` has none
//!   (`Task.PreInsert`);
//! - a task's limit, tags, skipped tags, debugging and inventory apply only when the
//!   template's `task_params` allows each (`LocalJob.getPlaybookArgs`,
//!   `TaskRunner.populateDetails`): otherwise they are dropped without a word, and the run
//!   takes the template's own (no limit: every host). [`StandIn::task_run`] tells what a run
//!   applied;
//! - output lines have `id` and `stage_id` and no `task`;
//! - `GET .../tasks/{task_id}/raw_output` and `POST .../templates/{template_id}/stop_all_tasks`
//!   are served (on the v2.10.32 stand-in they are not routes: 404).
//!
//! [`StandInBuilder::newer_server`]: crate::StandInBuilder::newer_server
//! [`StandIn::task_run`]: crate::StandIn::task_run

use hyper::StatusCode;
use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::decode::{Field, Kind, decode, field};
use crate::state::State;
use crate::task_run::TaskRun;
use crate::wire::{self, Response};

/// The version the stand-in gives as a v2.10.32 server (the conformance servers' build).
pub const VERIFIED_SERVER_VERSION: &str = "v2.10.32-31-d4a27137-2024-10-25";
/// The version the stand-in gives as a newer server.
pub const NEWER_SERVER_VERSION: &str = "v2.17.15";

/// `GET /api/info`.
pub(crate) fn info(config: &Config) -> Response {
    let version = if config.newer {
        NEWER_SERVER_VERSION
    } else {
        VERIFIED_SERVER_VERSION
    };
    wire::json(
        StatusCode::OK,
        &json!({"version": version, "ansible": "", "web_host": "", "use_remote_runner": false}),
    )
}

/// The template fields newer servers add.
const TEMPLATE: &[Field] = &[
    field("task_params", Kind::Object),
    field("runner_tag", Kind::OptStr),
    field("allow_parallel_tasks", Kind::Bool),
    field("allow_override_branch_in_task", Kind::Bool),
];

/// Adds a template body's newer fields to `template`, leaving out the empty ones as their
/// `omitempty` does; `false` when the body does not decode (400).
pub(crate) fn template_fields(body: &[u8], template: &mut Map<String, Value>) -> bool {
    let Some(fields) = decode(body, TEMPLATE) else {
        return false;
    };
    for (name, value) in fields {
        let empty = match &value {
            Value::Null | Value::Bool(false) => true,
            Value::Object(o) => o.is_empty(),
            _ => false,
        };
        if !empty {
            template.insert(name, value);
        }
    }
    true
}

/// What v2.10.32 applies: the task's limit and inventory, its debug, dry-run and diff
/// (`LocalJob.go`, `TaskRunner.go`); it has no tags.
pub(crate) fn verified_run(request: &Map<String, Value>, template: &Value) -> TaskRun {
    let limit = request["limit"].as_str().filter(|l| !l.is_empty());
    TaskRun {
        limit: limit.map(str::to_owned),
        tags: None,
        skip_tags: None,
        inventory_id: request["inventory_id"]
            .as_i64()
            .or_else(|| template["inventory_id"].as_i64()),
        debug: request["debug"] == true,
        dry_run: request["dry_run"] == true,
        diff: request["diff"] == true,
    }
}

/// The task fields a newer server decodes (no `debug`, `dry_run` or `diff`).
pub(crate) const TASK: &[Field] = &[
    field("template_id", Kind::Int),
    field("playbook", Kind::Str),
    field("environment", Kind::Str),
    field("limit", Kind::Str),
    field("secret", Kind::Str),
    field("arguments", Kind::OptStr),
    field("git_branch", Kind::OptStr),
    field("message", Kind::Str),
    field("commit_hash", Kind::OptStr),
    field("build_task_id", Kind::OptInt),
    field("inventory_id", Kind::OptInt),
    field("params", Kind::Object),
];

/// A task body's `params` as a newer server takes them, with `Task.PreInsert`'s copy of a
/// top-level `limit`; `None` where `ValidateNewTask` fails (a list that is not a list of
/// strings, a flag that is not a boolean): the server's 500 without a task.
pub(crate) fn task_params(request: &Map<String, Value>) -> Option<Map<String, Value>> {
    let mut params = match &request["params"] {
        Value::Null => Map::new(),
        Value::Object(params) => params.clone(),
        _ => return None,
    };
    for name in ["limit", "tags", "skip_tags"] {
        match params.get(name) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => {}
            Some(_) => return None,
        }
    }
    for name in ["debug", "dry_run", "diff"] {
        if params
            .get(name)
            .is_some_and(|v| !v.is_boolean() && !v.is_null())
        {
            return None;
        }
    }
    if params
        .get("debug_level")
        .is_some_and(|v| !v.is_i64() && !v.is_null())
    {
        return None;
    }
    let limit = request["limit"].as_str().unwrap_or_default();
    if !params.contains_key("limit") && !limit.is_empty() {
        let hosts: Vec<Value> = limit.split(',').map(|h| h.trim().into()).collect();
        params.insert("limit".into(), Value::Array(hosts));
    }
    Some(params)
}

/// What a newer server applies: each of the task's options only where the template's
/// `task_params` allows it, the template's own otherwise.
pub(crate) fn newer_run(
    state: &State,
    project: i64,
    request: &Map<String, Value>,
    params: &Map<String, Value>,
    template: &Value,
) -> TaskRun {
    let allowed = template["task_params"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let on = |name: &str| allowed.get(name).is_some_and(|v| *v == true);
    let joined = |value: Option<&Value>| -> Option<String> {
        let items = value?.as_array()?;
        let text: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
        Some(text.join(","))
    };
    let pick = |name: &str, setting: &str| {
        let own = joined(allowed.get(name)).filter(|l| !l.is_empty());
        let task = on(setting).then(|| joined(params.get(name))).flatten();
        // An allowed override wins even when empty, and then no limit is passed at all.
        task.or(own).filter(|l| !l.is_empty())
    };
    let app = template["app"].as_str().unwrap_or_default();
    let own_inventory = template["inventory_id"].as_i64();
    let inventory_id = match request["inventory_id"].as_i64() {
        Some(asked) if (app == "ansible" || app.is_empty()) && on("allow_override_inventory") => {
            // An inventory that is not the project's falls back to the template's.
            state
                .find("inventory", Some(project), asked)
                .map(|_| asked)
                .or(own_inventory)
        }
        _ => own_inventory,
    };
    TaskRun {
        limit: pick("limit", "allow_override_limit"),
        tags: pick("tags", "allow_override_tags"),
        skip_tags: pick("skip_tags", "allow_override_skip_tags"),
        inventory_id,
        debug: on("allow_debug") && params.get("debug").is_some_and(|v| *v == true),
        dry_run: params.get("dry_run").is_some_and(|v| *v == true),
        diff: params.get("diff").is_some_and(|v| *v == true),
    }
}

/// An output line as a newer server answers it.
pub(crate) fn output_line(id: usize, task_id: i64, time: &str, output: &str) -> Value {
    json!({"id": id, "task_id": task_id, "time": time, "output": output, "stage_id": null})
}

/// A line without its ANSI escape sequences, as `util.ClearFromAnsiCodes` leaves it.
pub(crate) fn without_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'[') {
            chars.next();
            // Parameters and intermediates, then one final byte.
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_go() {
        assert_eq!(
            without_ansi("\u{1b}[0;32mok: [web1]\u{1b}[0m"),
            "ok: [web1]"
        );
        assert_eq!(without_ansi("plain"), "plain");
    }

    #[test]
    fn a_top_level_limit_becomes_the_params_one_unless_params_has_one() {
        let request = |body: Value| decode(body.to_string().as_bytes(), TASK).unwrap();
        let params = task_params(&request(json!({"limit": "web1, web2"}))).unwrap();
        assert_eq!(params["limit"], json!(["web1", "web2"]));
        let params = task_params(&request(
            json!({"limit": "web1", "params": {"limit": ["db1"]}}),
        ))
        .unwrap();
        assert_eq!(params["limit"], json!(["db1"]));
        assert!(task_params(&request(json!({"params": {"limit": "web1"}}))).is_none());
    }
}
