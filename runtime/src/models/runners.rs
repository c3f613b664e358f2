//! Remote runners: the machines that run tasks when the server is configured with
//! `use_remote_runner`, as an administrator sees them and as a runner talks to the server.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::nullable;
use crate::{
    AccessKey, Environment, Inventory, KeyId, ProjectId, Repository, RunnerId, Secret, Task,
    TaskId, TaskStatus, Template,
};

/// A runner (`runners_get`, `runners_runner_id_get`, `runners_post`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Runner {
    /// The runner's id.
    pub id: RunnerId,
    /// The project it serves (`null`: every project; the runners of these routes are all
    /// global).
    pub project_id: Option<ProjectId>,
    /// A URL the server `POST`s `{action, project_id, task_id, template_id, runner_id}` to
    /// when it gives the runner a task (`start`) and when the task ends (`finish`); `""`:
    /// none.
    pub webhook: String,
    /// How many tasks it runs at once (`0`: no limit).
    pub max_parallel_tasks: i64,
    /// Whether the server gives it tasks.
    pub active: bool,
    /// The runner's name.
    pub name: String,
    /// The token the runner authenticates with (`X-Runner-Token`), sent only in the answer
    /// of `runners_post`: empty in every other answer. Never shown by `Debug`.
    #[serde(skip_serializing_if = "Secret::is_empty")]
    pub token: Secret,
    /// Fields this model does not name (a newer server's), kept as sent: encoding the model
    /// gives them back, and an update built from it sends them back.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of `runners_post` and `runners_runner_id_put`.
///
/// An update overwrites every field: build it from the runner read
/// (`RunnerRequest::from(&runner)`). On BoltDB servers an update also erases the runner's
/// token, so that the runner can no longer authenticate (`/internal/runners` answers 404);
/// SQL servers keep it. `runners_runner_id_active_post` changes `active` alone and keeps the
/// token on both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunnerRequest {
    /// The runner's name.
    pub name: String,
    /// A URL the server calls when it gives the runner a task and when the task ends.
    #[serde(default)]
    pub webhook: String,
    /// How many tasks it runs at once (`0`: no limit).
    #[serde(default)]
    pub max_parallel_tasks: i64,
    /// Whether the server gives it tasks.
    #[serde(default)]
    pub active: bool,
    /// Fields this model does not name, sent as they are: those of the object an update was
    /// built from (a newer server's), or any a caller sets.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl RunnerRequest {
    /// A new runner, inactive (as the server makes one whose `active` is absent), without a
    /// webhook or a limit.
    pub fn new(name: impl Into<String>) -> Self {
        RunnerRequest {
            name: name.into(),
            webhook: String::new(),
            max_parallel_tasks: 0,
            active: false,
            extra: crate::Extra::default(),
        }
    }
}

impl From<&Runner> for RunnerRequest {
    /// An update of `runner` that changes nothing.
    fn from(runner: &Runner) -> Self {
        RunnerRequest {
            name: runner.name.clone(),
            webhook: runner.webhook.clone(),
            max_parallel_tasks: runner.max_parallel_tasks,
            active: runner.active,
            extra: runner.extra.clone(),
        }
    }
}

/// The body of `internal_runners_post`: a runner registering itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunnerRegistration {
    /// The server's `runner_registration_token` (its configuration); never shown by `Debug`.
    /// A wrong one, or a server without one, is a 400.
    pub registration_token: Secret,
    /// A URL the server calls when it gives the runner a task and when the task ends.
    pub webhook: String,
    /// How many tasks it runs at once (`0`: no limit).
    pub max_parallel_tasks: i64,
}

impl RunnerRegistration {
    /// A registration with the server's registration token, without a webhook or a limit.
    pub fn new(registration_token: impl Into<Secret>) -> Self {
        RunnerRegistration {
            registration_token: registration_token.into(),
            ..Default::default()
        }
    }
}

/// The answer of `internal_runners_post`: the new runner's token. (The spec's `Runner`.)
///
/// The runner is created inactive and unnamed: an administrator activates it
/// (`runners_runner_id_active_post`) before the server gives it tasks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunnerToken {
    /// The token to send as `X-Runner-Token`; never shown by `Debug`.
    pub token: Secret,
}

/// What the server has for a runner (`internal_runners_get`): the tasks it gave the runner
/// that are starting (with everything needed to run them, secrets included) and those
/// already running.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunnerState {
    /// The runner's tasks past `starting` (`null` on the wire when none).
    #[serde(rename = "CurrentJobs", deserialize_with = "nullable::or_default")]
    pub current_jobs: Vec<JobState>,
    /// The runner's tasks to start (`null` on the wire when none).
    #[serde(deserialize_with = "nullable::or_default")]
    pub new_jobs: Vec<JobData>,
    /// The access keys the new jobs use, by id, with their secrets (kept in
    /// [`Secret`]s).
    #[serde(deserialize_with = "nullable::or_default")]
    pub access_keys: BTreeMap<KeyId, AccessKey>,
}

/// A task a runner is running (`RunnerState::current_jobs`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JobState {
    /// The task's id.
    pub id: TaskId,
    /// The task's state as the server has it.
    pub status: TaskStatus,
}

/// A task for a runner to start (`RunnerState::new_jobs`), with what it runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JobData {
    /// The login of who started the task (`""` for a schedule or an integration).
    #[serde(rename = "Username")]
    pub username: String,
    /// For a deploy task, the version it deploys (`null` when none).
    #[serde(rename = "IncomingVersion")]
    pub incoming_version: Option<String>,
    /// The task.
    pub task: Task,
    /// Its template.
    pub template: Template,
    /// Its inventory.
    pub inventory: Inventory,
    /// The repository a file inventory comes from (`null` when none).
    pub inventory_repository: Option<Repository>,
    /// The template's repository.
    pub repository: Repository,
    /// Its environment.
    pub environment: Environment,
}

/// The body of `internal_runners_put`: what a runner reports of its tasks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunnerProgress {
    /// One entry per task. The server skips tasks it does not know or that are not this
    /// runner's.
    #[serde(rename = "Jobs", deserialize_with = "nullable::or_default")]
    pub jobs: Vec<JobProgress>,
}

/// What a runner reports of one task.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JobProgress {
    /// The task's id.
    #[serde(rename = "ID")]
    pub id: TaskId,
    /// Its new state (`running`, then `success`, `error` or `stopped`).
    #[serde(rename = "Status")]
    pub status: TaskStatus,
    /// Output lines to add to the task's output, in order.
    #[serde(rename = "LogRecords", deserialize_with = "nullable::or_default")]
    pub log_records: Vec<LogRecord>,
}

/// One output line of a task run by a runner.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LogRecord {
    /// When it was written (RFC 3339; the server reads it as a time and answers 400 to
    /// anything else).
    pub time: String,
    /// The line.
    pub message: String,
}
