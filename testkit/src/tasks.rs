//! Tasks: started from a template, run by a script the test chooses, through the real
//! server's statuses, with output lines over time, told to the project's sockets as
//! `services/tasks/` tells them.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use hyper::StatusCode;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tokio::sync::broadcast;

use crate::decode::{Field, Kind, decode, field};
use crate::newer::{self, TaskRun};
use crate::routes::Config;
use crate::server::Shared;
use crate::state::State;
use crate::wire::{self, Answer};

/// How a task started by the stand-in ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskOutcome {
    /// `success`.
    Success,
    /// `error` (as a failed playbook ends).
    Error,
    /// Stays `running` until stopped.
    NeverEnds,
}

/// What a task started by the stand-in does: the lines it writes while `running`, one every
/// `interval`, and how it ends. Give one per template ([`StandIn::script_template`]) or for
/// the next task started ([`StandIn::script_next_task`]); otherwise a task writes
/// [`TaskScript::default`]'s lines and succeeds.
///
/// [`StandIn::script_template`]: crate::StandIn::script_template
/// [`StandIn::script_next_task`]: crate::StandIn::script_next_task
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskScript {
    /// The lines written while running, in order (before them come the server's own
    /// `Task N added to queue`, `Started: N` and `Run TaskRunner with template: NAME`).
    pub lines: Vec<String>,
    /// The pause before each status change and each line.
    pub interval: Duration,
    /// How it ends.
    pub outcome: TaskOutcome,
    /// Whether it waits in `waiting_confirmation` until confirmed.
    pub confirmation: bool,
    /// How long after telling and storing its final status the task's end time is stored:
    /// the real server announces a final status before it stores the end.
    pub end_delay: Duration,
}

impl Default for TaskScript {
    /// The lines of a one-task playbook run, succeeding, 10 ms apart.
    fn default() -> Self {
        TaskScript::succeeds([
            "",
            "PLAY [all] *********************************************************************",
            "",
            "TASK [say hello] ***************************************************************",
            "ok: [localhost] => {",
            "    \"msg\": \"hello from the stand-in\"",
            "}",
            "",
            "PLAY RECAP *********************************************************************",
            "localhost                  : ok=1    changed=0    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0   ",
            "",
        ])
    }
}

impl TaskScript {
    fn new(lines: impl IntoIterator<Item = impl Into<String>>, outcome: TaskOutcome) -> Self {
        TaskScript {
            lines: lines.into_iter().map(Into::into).collect(),
            interval: Duration::from_millis(10),
            outcome,
            confirmation: false,
            end_delay: Duration::from_millis(50),
        }
    }

    /// Writes `lines`, then succeeds.
    pub fn succeeds(lines: impl IntoIterator<Item = impl Into<String>>) -> Self {
        TaskScript::new(lines, TaskOutcome::Success)
    }

    /// Writes `lines`, then fails (`error`).
    pub fn fails(lines: impl IntoIterator<Item = impl Into<String>>) -> Self {
        TaskScript::new(lines, TaskOutcome::Error)
    }

    /// Writes `lines`, then runs until stopped.
    pub fn never_ends(lines: impl IntoIterator<Item = impl Into<String>>) -> Self {
        TaskScript::new(lines, TaskOutcome::NeverEnds)
    }

    /// The pause before each status change and each line (10 ms unless set).
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// How long after its final status the task's end is stored (50 ms unless set).
    pub fn end_delay(mut self, delay: Duration) -> Self {
        self.end_delay = delay;
        self
    }

    /// Waits in `waiting_confirmation` until confirmed, before running.
    pub fn needs_confirmation(mut self) -> Self {
        self.confirmation = true;
        self
    }
}

/// A message for the sockets.
#[derive(Clone, Debug)]
pub(crate) enum SocketEvent {
    /// Text for the sockets of these users.
    Message { users: Arc<[i64]>, text: Arc<str> },
    /// Every socket closes ([`StandIn::drop_sockets`](crate::StandIn::drop_sockets)).
    DropAll,
}

pub(crate) struct Tasks {
    list: Vec<TaskRecord>,
    last_id: i64,
    template_scripts: HashMap<(i64, i64), TaskScript>,
    next_scripts: VecDeque<TaskScript>,
    /// Tasks created but whose runner has not been started yet.
    pub to_start: Vec<i64>,
    pub sockets: broadcast::Sender<SocketEvent>,
}

impl Default for Tasks {
    fn default() -> Self {
        Tasks {
            list: Vec::new(),
            last_id: 0,
            template_scripts: HashMap::new(),
            next_scripts: VecDeque::new(),
            to_start: Vec::new(),
            // A socket that falls this far behind is closed, as the real hub closes one whose
            // queue of 256 is full.
            sockets: broadcast::channel(256).0,
        }
    }
}

struct TaskRecord {
    task: Value,
    output: Vec<(String, String)>,
    script: TaskScript,
    template_name: String,
    /// What its run applies.
    run: TaskRun,
}

impl Tasks {
    pub(crate) fn script_template(&mut self, project: i64, template: i64, script: TaskScript) {
        self.template_scripts.insert((project, template), script);
    }

    pub(crate) fn script_next_task(&mut self, script: TaskScript) {
        self.next_scripts.push_back(script);
    }

    /// What the run of task `id` applies.
    pub(crate) fn run_of(&self, id: i64) -> Option<TaskRun> {
        self.get(id).map(|t| t.run.clone())
    }

    fn get(&self, id: i64) -> Option<&TaskRecord> {
        self.list.iter().find(|t| t.task["id"] == id)
    }

    fn get_mut(&mut self, id: i64) -> Option<&mut TaskRecord> {
        self.list.iter_mut().find(|t| t.task["id"] == id)
    }
}

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

/// Now as the socket and BoltDB give it (nanoseconds, UTC), and as SQL stores it
/// (microseconds).
fn now(config: &Config) -> (String, String) {
    let now = OffsetDateTime::now_utc();
    let exact = now.format(&Rfc3339).unwrap_or_default();
    if config.bolt_db {
        return (exact.clone(), exact);
    }
    let micros = now.nanosecond() / 1_000 * 1_000;
    let stored = now
        .replace_nanosecond(micros)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default();
    (exact, stored)
}

/// `AddTask`: 201 with the queued task; 400 `{"error":...}` for an unknown template.
pub(crate) fn create(
    state: &mut State,
    config: &Config,
    project: i64,
    user: i64,
    body: &[u8],
) -> Answer {
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
    let script = tasks
        .next_scripts
        .pop_front()
        .or_else(|| tasks.template_scripts.get(&(project, template_id)).cloned())
        .unwrap_or_default();
    tasks.last_id += 1;
    let id = tasks.last_id;
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
    let mut answer = task.clone();
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
        answer = task.clone();
        answer["limit"] = text("limit");
    }
    tasks.list.push(TaskRecord {
        task,
        output: Vec::new(),
        script,
        template_name,
        run,
    });
    tasks.to_start.push(id);
    log(state, config, id, &format!("Task {id} added to queue"));
    tell_status(state, id);
    wire::json(StatusCode::CREATED, &answer)
}

/// The project's tasks, newest first (`/tasks` at most 1,000, `/tasks/last` 200).
pub(crate) fn list(state: &State, project: i64, limit: usize) -> Answer {
    let tasks: Vec<Value> = state
        .tasks
        .list
        .iter()
        .rev()
        .filter(|t| t.task["project_id"] == project)
        .take(limit)
        .map(|t| t.task.clone())
        .collect();
    wire::json(StatusCode::OK, &Value::Array(tasks))
}

/// The task of `GetTaskMiddleware`: an unknown task, or another project's, is 400 without a
/// body, as its failed read is on the real server.
fn task_in(state: &State, project: i64, raw: &str) -> Result<i64, Box<Answer>> {
    let id = crate::projects::int_param(raw)?;
    match state.tasks.get(id) {
        Some(t) if t.task["project_id"] == project => Ok(id),
        _ => Err(Box::new(wire::empty(StatusCode::BAD_REQUEST))),
    }
}

/// `RemoveTask`: 400 for a task that has not ended (it must be stopped first), 401 for a
/// user who is not an administrator, else the task and its output go.
pub(crate) fn delete(state: &mut State, project: i64, user_id: i64, raw: &str) -> Answer {
    let id = match task_in(state, project, raw) {
        Ok(id) => id,
        Err(answer) => return *answer,
    };
    if !is_final(&status_of(state, id)) {
        return wire::empty(StatusCode::BAD_REQUEST);
    }
    if !state.is_admin(user_id) {
        return wire::empty(StatusCode::UNAUTHORIZED);
    }
    state.tasks.list.retain(|t| t.task["id"] != id);
    wire::empty(StatusCode::NO_CONTENT)
}

pub(crate) fn get(state: &State, project: i64, raw: &str) -> Answer {
    match task_in(state, project, raw) {
        Ok(id) => match state.tasks.get(id) {
            Some(t) => wire::json(StatusCode::OK, &t.task),
            None => wire::empty(StatusCode::NOT_FOUND),
        },
        Err(answer) => *answer,
    }
}

/// Every stored line, oldest first (a newer server's with `id` and `stage_id`).
pub(crate) fn output(state: &State, config: &Config, project: i64, raw: &str) -> Answer {
    let id = match task_in(state, project, raw) {
        Ok(id) => id,
        Err(answer) => return *answer,
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
pub(crate) fn raw_output(state: &State, project: i64, raw: &str) -> Answer {
    let id = match task_in(state, project, raw) {
        Ok(id) => id,
        Err(answer) => return *answer,
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
) -> Answer {
    let Ok(template) = crate::projects::int_param(raw) else {
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
        .list
        .iter()
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
) -> Answer {
    let id = match task_in(state, project, raw) {
        Ok(id) => id,
        Err(answer) => return *answer,
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
pub(crate) fn confirm(state: &mut State, config: &Config, project: i64, raw: &str) -> Answer {
    let id = match task_in(state, project, raw) {
        Ok(id) => id,
        Err(answer) => return *answer,
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

fn status_of(state: &State, id: i64) -> String {
    state
        .tasks
        .get(id)
        .and_then(|t| t.task["status"].as_str())
        .unwrap_or_default()
        .to_owned()
}

fn is_final(status: &str) -> bool {
    matches!(status, "success" | "error" | "stopped")
}

/// The users the server tells about a task: the project's members.
fn audience(state: &State, id: i64) -> Arc<[i64]> {
    let project = state.tasks.get(id).map(|t| t.task["project_id"].clone());
    state
        .members
        .iter()
        .filter(|(p, _, _)| Some(Value::from(*p)) == project)
        .map(|(_, user, _)| *user)
        .collect()
}

fn tell(state: &State, id: i64, message: &Value) {
    let event = SocketEvent::Message {
        users: audience(state, id),
        text: Arc::from(message.to_string()),
    };
    // No socket open is not an error.
    let _ = state.tasks.sockets.send(event);
}

/// Writes an output line: to the sockets, then to the stored output.
fn log(state: &mut State, config: &Config, id: i64, text: &str) {
    let (exact, stored) = now(config);
    let Some(project) = state.tasks.get(id).map(|t| t.task["project_id"].clone()) else {
        return;
    };
    let message =
        json!({"type": "log", "output": text, "time": exact, "task_id": id, "project_id": project});
    tell(state, id, &message);
    if let Some(task) = state.tasks.get_mut(id) {
        task.output.push((stored, text.to_owned()));
    }
}

/// Tells the sockets the task's status, as `saveStatus` does.
fn tell_status(state: &State, id: i64) {
    let Some(t) = state.tasks.get(id) else { return };
    let task = &t.task;
    let message = json!({
        "type": "update", "start": task["start"], "end": task["end"], "status": task["status"],
        "task_id": id, "template_id": task["template_id"], "project_id": task["project_id"],
        "version": task["version"],
    });
    tell(state, id, &message);
}

/// `SetStatus`: a stopped task stays stopped, a stopping one only becomes stopped or ends.
fn set_status(state: &mut State, config: &Config, id: i64, status: &str) {
    let old = status_of(state, id);
    if old == status || old == "stopped" {
        return;
    }
    if old == "stopping" && matches!(status, "waiting" | "running" | "confirmed" | "starting") {
        return;
    }
    let (_, now) = now(config);
    if let Some(t) = state.tasks.get_mut(id) {
        t.task["status"] = status.into();
        if status == "running" {
            t.task["start"] = now.into();
        }
    }
    tell_status(state, id);
}

/// Runs task `id` to its end.
pub(crate) async fn run(shared: Arc<Shared>, id: i64) {
    let Some((script, name)) = shared
        .state()
        .tasks
        .get(id)
        .map(|t| (t.script.clone(), t.template_name.clone()))
    else {
        return;
    };
    let config = &shared.config;
    let pause = || tokio::time::sleep(script.interval);
    // Each step: the pause, then the change, unless the task was stopped meanwhile.
    let stopped = |state: &mut State| {
        if shared.is_closed() {
            return true;
        }
        let status = status_of(state, id);
        if status == "stopping" {
            set_status(state, config, id, "stopped");
        }
        is_final(&status_of(state, id))
    };
    pause().await;
    {
        let mut state = shared.state();
        if stopped(&mut state) {
            return end(&mut state, id, config);
        }
        set_status(&mut state, config, id, "starting");
        log(&mut state, config, id, &format!("Started: {id}"));
        log(
            &mut state,
            config,
            id,
            &format!("Run TaskRunner with template: {name}\n"),
        );
        if script.confirmation {
            set_status(&mut state, config, id, "waiting_confirmation");
        }
    }
    if script.confirmation {
        loop {
            tokio::time::sleep(Duration::from_millis(5)).await;
            let mut state = shared.state();
            if stopped(&mut state) {
                return end(&mut state, id, config);
            }
            if status_of(&state, id) == "confirmed" {
                break;
            }
        }
    }
    pause().await;
    {
        let mut state = shared.state();
        if stopped(&mut state) {
            return end(&mut state, id, config);
        }
        set_status(&mut state, config, id, "running");
    }
    for line in &script.lines {
        pause().await;
        let mut state = shared.state();
        if stopped(&mut state) {
            return end(&mut state, id, config);
        }
        log(&mut state, config, id, line);
    }
    loop {
        pause().await;
        let mut state = shared.state();
        if stopped(&mut state) {
            return end(&mut state, id, config);
        }
        match script.outcome {
            TaskOutcome::Success => set_status(&mut state, config, id, "success"),
            TaskOutcome::Error => set_status(&mut state, config, id, "error"),
            TaskOutcome::NeverEnds => continue,
        }
        break;
    }
    // The final status is told and stored; the end comes a moment later.
    tokio::time::sleep(script.end_delay).await;
    end(&mut shared.state(), id, config);
}

/// The runner's last act: the end time, told to the sockets.
fn end(state: &mut State, id: i64, config: &Config) {
    let (_, now) = now(config);
    if let Some(t) = state.tasks.get_mut(id) {
        t.task["end"] = now.into();
    }
    tell_status(state, id);
}
