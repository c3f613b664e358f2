//! The task routes: starting a task from a template, reading tasks and their output,
//! stopping, confirming and deleting them, as `api/tasks.go` answers them. The runner that
//! then moves a task along is `task_runner.rs`.

use hyper::StatusCode;
use serde_json::{Value, json};

use crate::config::Config;
use crate::decode::{Field, Kind, decode, field};
use crate::newer;
use crate::projects::int_param;
use crate::state::State;
use crate::task_status::{is_final, log, now, set_status, status_of, tell_status};
use crate::task_store::TaskRecord;
use crate::wire::{self, Response};

/// The task object of `POST .../tasks` as `db.Task` decodes it.
const TASK: &[Field] = &[
    field("template_id", Kind::Int),
    field("debug", Kind::Bool),
    field("dry_run", Kind::Bool),
    field("diff", Kind::Bool),
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
];

/// `AddTask`: 201 with the queued task; 400 `{"error":...}` for an unknown template.
pub(crate) fn create(
    state: &mut State,
    config: &Config,
    project: i64,
    user: i64,
    body: &[u8],
) -> Response {
    let fields = if config.newer { newer::TASK } else { TASK };
    let Some(request) = decode(body, fields) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    // A newer server validates `params` as it adds the task: a wrong type is a 500.
    let params = if config.newer {
        match newer::task_params(&request) {
            Some(params) => Some(params),
            None => return wire::empty(StatusCode::INTERNAL_SERVER_ERROR),
        }
    } else {
        None
    };
    let template_id = request["template_id"].as_i64().unwrap_or_default();
    let Some(template) = state.find("templates", Some(project), template_id) else {
        return wire::error(StatusCode::BAD_REQUEST, "No rows in result set");
    };
    let template_name = template["name"].as_str().unwrap_or_default().to_owned();
    let run = match &params {
        Some(params) => newer::newer_run(state, project, &request, params, template),
        None => newer::verified_run(&request, template),
    };
    let tasks = &mut state.tasks;
    let script = tasks.take_script(project, template_id);
    let id = tasks.new_id();
    let (_, created) = now(config);
    let text = |key: &str| request.get(key).cloned().unwrap_or(Value::Null);
    let mut task = json!({
        "id": id, "template_id": template_id, "project_id": project, "status": "waiting",
        "debug": text("debug"), "dry_run": text("dry_run"), "diff": text("diff"),
        "playbook": text("playbook"), "environment": text("environment"), "limit": text("limit"),
        "secret": "{}", "arguments": text("arguments"), "git_branch": text("git_branch"),
        "user_id": user, "integration_id": null, "schedule_id": null, "created": created,
        "start": null, "end": null, "message": text("message"), "commit_hash": text("commit_hash"),
        "commit_message": "", "build_task_id": text("build_task_id"), "version": null,
        "inventory_id": text("inventory_id"),
    });
    let mut shown = task.clone();
    if let (Some(params), Some(fields)) = (params, task.as_object_mut()) {
        // A newer task has no debug, dry-run or diff of its own, keeps `params` (when not
        // empty), and stores no `limit`: the answer to the start echoes it, later reads give
        // `""`.
        for gone in ["debug", "dry_run", "diff"] {
            fields.remove(gone);
        }
        fields.insert("limit".into(), "".into());
        if !params.is_empty() {
            fields.insert("params".into(), Value::Object(params));
        }
        shown = task.clone();
        shown["limit"] = text("limit");
    }
    let record = TaskRecord {
        task,
        output: Vec::new(),
        script,
        template_name,
        run,
    };
    tasks.add(id, record);
    log(state, config, id, &format!("Task {id} added to queue"));
    tell_status(state, id);
    wire::json(StatusCode::CREATED, &shown)
}

/// The project's tasks, newest first (`/tasks` at most 1,000, `/tasks/last` 200).
pub(crate) fn list(state: &State, project: i64, limit: usize) -> Response {
    let tasks: Vec<Value> = state
        .tasks
        .all()
        .rev()
        .filter(|t| t.task["project_id"] == project)
        .take(limit)
        .map(|t| t.task.clone())
        .collect();
    wire::json(StatusCode::OK, &Value::Array(tasks))
}

/// The task of `GetTaskMiddleware`: an unknown task, or another project's, is 400 without a
/// body, as its failed read is on the real server.
fn task_in(state: &State, project: i64, raw: &str) -> Result<i64, Box<Response>> {
    let id = int_param(raw)?;
    match state.tasks.get(id) {
        Some(t) if t.task["project_id"] == project => Ok(id),
        _ => Err(Box::new(wire::empty(StatusCode::BAD_REQUEST))),
    }
}

/// `RemoveTask`: 400 for a task that has not ended (it must be stopped first), 401 for a
/// user who is not an administrator, else the task and its output go.
pub(crate) fn delete(state: &mut State, project: i64, user_id: i64, raw: &str) -> Response {
    let id = match task_in(state, project, raw) {
        Ok(id) => id,
        Err(refused) => return *refused,
    };
    if !is_final(&status_of(state, id)) {
        return wire::empty(StatusCode::BAD_REQUEST);
    }
    if !state.is_admin(user_id) {
        return wire::empty(StatusCode::UNAUTHORIZED);
    }
    state.tasks.remove(id);
    wire::empty(StatusCode::NO_CONTENT)
}

pub(crate) fn get(state: &State, project: i64, raw: &str) -> Response {
    match task_in(state, project, raw) {
        Ok(id) => match state.tasks.get(id) {
            Some(t) => wire::json(StatusCode::OK, &t.task),
            None => wire::empty(StatusCode::NOT_FOUND),
        },
        Err(refused) => *refused,
    }
}

/// Every stored line, oldest first (a newer server's with `id` and `stage_id`).
pub(crate) fn output(state: &State, config: &Config, project: i64, raw: &str) -> Response {
    let id = match task_in(state, project, raw) {
        Ok(id) => id,
        Err(refused) => return *refused,
    };
    let lines: Vec<Value> = state
        .tasks
        .get(id)
        .map(|t| {
            t.output
                .iter()
                .enumerate()
                .map(|(n, (time, output))| match config.newer {
                    true => newer::output_line(n + 1, id, time, output),
                    false => json!({"task_id": id, "task": "", "time": time, "output": output}),
                })
                .collect()
        })
        .unwrap_or_default();
    wire::json(StatusCode::OK, &Value::Array(lines))
}

/// `GetTaskRawOutput` (newer servers): every stored line without its escape sequences, each
/// followed by a newline, as plain text.
pub(crate) fn raw_output(state: &State, project: i64, raw: &str) -> Response {
    let id = match task_in(state, project, raw) {
        Ok(id) => id,
        Err(refused) => return *refused,
    };
    let text: String = state
        .tasks
        .get(id)
        .map(|t| {
            t.output
                .iter()
                .map(|(_, line)| newer::without_ansi(line) + "\n")
                .collect()
        })
        .unwrap_or_default();
    wire::text_owned(StatusCode::OK, text)
}

/// `StopAllTasks` (newer servers): every task of the template that has not ended is stopped
/// (`force`) or stopping; the body is required (`{}` at least), else a 400.
pub(crate) fn stop_all(
    state: &mut State,
    config: &Config,
    project: i64,
    raw: &str,
    body: &[u8],
) -> Response {
    let Ok(template) = int_param(raw) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    if state.find("templates", Some(project), template).is_none() {
        return wire::empty(StatusCode::NOT_FOUND);
    }
    let stop = (!body.trim_ascii().is_empty())
        .then(|| decode(body, STOP))
        .flatten();
    let Some(stop) = stop else {
        return wire::error(StatusCode::BAD_REQUEST, "Not allowed");
    };
    let force = stop["force"] == true;
    let ids: Vec<i64> = state
        .tasks
        .all()
        .filter(|t| t.task["project_id"] == project && t.task["template_id"] == template)
        .filter(|t| !is_final(t.task["status"].as_str().unwrap_or_default()))
        .filter_map(|t| t.task["id"].as_i64())
        .collect();
    for id in ids {
        set_status(
            state,
            config,
            id,
            if force { "stopped" } else { "stopping" },
        );
    }
    wire::empty(StatusCode::NO_CONTENT)
}

const STOP: &[Field] = &[field("force", Kind::Bool)];

/// `StopTask`: `force` marks the task stopped at once; otherwise it is `stopping` until its
/// runner stops. As on the real server, a task that has ended is marked stopped too.
pub(crate) fn stop(
    state: &mut State,
    config: &Config,
    project: i64,
    raw: &str,
    body: &[u8],
) -> Response {
    let id = match task_in(state, project, raw) {
        Ok(id) => id,
        Err(refused) => return *refused,
    };
    let Some(stop) = decode(body, STOP) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    let force = stop["force"].as_bool().unwrap_or_default();
    let status = status_of(state, id);
    let new = if force || is_final(&status) {
        "stopped"
    } else {
        "stopping"
    };
    set_status(state, config, id, new);
    wire::empty(StatusCode::NO_CONTENT)
}

/// `ConfirmTask`: a task waiting for confirmation goes on; 400 `task is not active` for one
/// that has ended.
pub(crate) fn confirm(state: &mut State, config: &Config, project: i64, raw: &str) -> Response {
    let id = match task_in(state, project, raw) {
        Ok(id) => id,
        Err(refused) => return *refused,
    };
    let status = status_of(state, id);
    if is_final(&status) {
        return wire::error(StatusCode::BAD_REQUEST, "task is not active");
    }
    if status == "waiting_confirmation" {
        set_status(state, config, id, "confirmed");
    }
    wire::empty(StatusCode::NO_CONTENT)
}
