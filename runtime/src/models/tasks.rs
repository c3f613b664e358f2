//! Tasks: runs of a template, and their output.

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use crate::{
    IntegrationId, InventoryId, ProjectId, ScheduleId, Secret, TaskId, TemplateApp, TemplateId,
    TemplateType, UserId,
};

string_enum! {
    /// The state of a task.
    pub enum TaskStatus {
        /// Queued (`waiting`).
        Waiting = "waiting",
        /// Being prepared (`starting`).
        Starting = "starting",
        /// Waiting for a person to confirm it (`waiting_confirmation`).
        WaitingConfirmation = "waiting_confirmation",
        /// Confirmed, about to run (`confirmed`).
        Confirmed = "confirmed",
        /// Running (`running`).
        Running = "running",
        /// Being stopped (`stopping`).
        Stopping = "stopping",
        /// Stopped before it ended (`stopped`).
        Stopped = "stopped",
        /// Ended well (`success`).
        Success = "success",
        /// Ended badly (`error`).
        Error = "error",
    }
    default Waiting;
}

impl TaskStatus {
    /// Whether the task has ended (`success`, `error` or `stopped`): its status will not
    /// change again. An unknown status counts as not ended.
    pub fn is_finished(&self) -> bool {
        matches!(
            self,
            TaskStatus::Success | TaskStatus::Error | TaskStatus::Stopped
        )
    }

    /// Whether the task ended well.
    pub fn is_success(&self) -> bool {
        *self == TaskStatus::Success
    }
}

/// A task (`project_project_id_tasks_get`, `..._task_id_get`).
///
/// The list answers (`..._tasks_get`, `..._tasks_last_get`, a template's `last_task`) add the
/// template's `tpl_*` fields, `user_name` and `build_task`; single answers leave them out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Task {
    /// The task's id.
    pub id: TaskId,
    /// The template it runs.
    pub template_id: TemplateId,
    /// The project it belongs to.
    pub project_id: ProjectId,
    /// The task's state.
    pub status: TaskStatus,
    /// Whether Ansible runs with `-vvvv`.
    pub debug: bool,
    /// Whether Ansible runs with `--check`.
    pub dry_run: bool,
    /// Whether Ansible runs with `--diff`.
    pub diff: bool,
    /// A playbook overriding the template's (`""`: the template's).
    pub playbook: String,
    /// Extra variables overriding the environment's, a JSON object as a string.
    pub environment: String,
    /// The Ansible `--limit`.
    pub limit: String,
    /// Secret extra variables; never shown by `Debug`. Answers hold `""` or `{}`.
    pub secret: Secret,
    /// Extra command-line arguments, a JSON array as a string (`null` when none).
    pub arguments: Option<String>,
    /// A branch overriding the template's (`null` when none).
    pub git_branch: Option<String>,
    /// Who started it (`null` for a schedule or an integration).
    pub user_id: Option<UserId>,
    /// The integration that started it (`null` when none).
    pub integration_id: Option<IntegrationId>,
    /// The schedule that started it (`null` when none).
    pub schedule_id: Option<ScheduleId>,
    /// When it was created (RFC 3339).
    pub created: String,
    /// When it started (`null` until then).
    pub start: Option<String>,
    /// When it ended (`null` until then).
    pub end: Option<String>,
    /// A message given when it was started.
    pub message: String,
    /// The commit it ran (`null` until the repository is checked out).
    pub commit_hash: Option<String>,
    /// That commit's message.
    pub commit_message: String,
    /// For a deploy task, the build task it deploys (`null` when none).
    pub build_task_id: Option<TaskId>,
    /// The version a build task made, or a deploy task deploys (`null` when none).
    pub version: Option<String>,
    /// An inventory overriding the template's (`null` when none).
    pub inventory_id: Option<InventoryId>,
    /// The template's playbook (list answers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tpl_playbook: Option<String>,
    /// The template's name (list answers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tpl_alias: Option<String>,
    /// The template's type (list answers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tpl_type: Option<TemplateType>,
    /// The template's app (list answers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tpl_app: Option<TemplateApp>,
    /// The display name of who started it (list answers only; `null` when none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// For a deploy task, its build task (list answers only; `null` when none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build_task: Option<Box<Task>>,
    /// The options as newer servers record them (`limit`, `tags`, `debug`, ...); `None` from
    /// v2.10.32, which has none (its `limit`, `debug`, `dry_run` and `diff` are the fields
    /// above).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<TaskParams>,
    /// Fields this model does not name (a newer server's), kept as sent.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A task's options as newer servers take and record them (`params`): Ansible's, with any
/// other (Terraform's `plan`, `destroy`, `auto_approve`, ...) in [`extra`](Self::extra).
/// What is absent stays absent when encoded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskParams {
    /// Whether Ansible runs verbose (applied only when the template allows debugging).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub debug: Option<bool>,
    /// How verbose: the number of `v`s (the server's default is 4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub debug_level: Option<i64>,
    /// Whether Ansible runs with `--check`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    /// Whether Ansible runs with `--diff`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<bool>,
    /// The hosts of `--limit` (applied only when the template allows overriding its limit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<Vec<String>>,
    /// The `--tags` (applied only when the template allows overriding its tags).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// The `--skip-tags` (applied only when the template allows overriding them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skip_tags: Option<Vec<String>>,
    /// The other options, as sent.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl TaskParams {
    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        *self == TaskParams::default()
    }
}

/// The body of `project_project_id_tasks_post`: a task to start.
///
/// Its options go to the server in both shapes: the fields v2.10.32 reads (`debug`,
/// `dry_run`, `diff`, `limit`), and the `params` object newer servers read instead (`limit`,
/// `tags` and `skip_tags` as lists), each server ignoring the shape it does not know. A
/// blank limit, tag or skipped tag is refused before sending: a newer server would read an
/// empty limit as none, and run the task on every host.
///
/// A newer server applies a task's `limit`, `tags`, `skip_tags`, `inventory_id` and `debug`
/// only when the template allows overriding them, and drops them silently otherwise;
/// [`Client::run_task`](crate::Client::run_task) checks that first, and refuses to start
/// a task that would run wider than asked.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TaskRequest {
    /// The template to run (one of the project's).
    pub template_id: TemplateId,
    /// Whether Ansible runs with `-vvvv`.
    #[serde(default)]
    pub debug: bool,
    /// Whether Ansible runs with `--check`.
    #[serde(default)]
    pub dry_run: bool,
    /// Whether Ansible runs with `--diff`.
    #[serde(default)]
    pub diff: bool,
    /// A playbook overriding the template's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub playbook: Option<String>,
    /// Extra variables overriding the environment's, a JSON object as a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// Secret extra variables, a JSON object as a string; never shown by `Debug`.
    #[serde(default, skip_serializing_if = "Secret::is_empty")]
    pub secret: Secret,
    /// The Ansible `--limit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
    /// Extra command-line arguments, a JSON array as a string (used when the template allows
    /// it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arguments: Option<String>,
    /// A branch overriding the template's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub git_branch: Option<String>,
    /// A message to keep with the task.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    /// A commit to check out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit_hash: Option<String>,
    /// For a deploy template, the build task to deploy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build_task_id: Option<TaskId>,
    /// An inventory overriding the template's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inventory_id: Option<InventoryId>,
    /// The Ansible `--tags` (newer servers only; v2.10.32 has no tags for a task).
    #[serde(default)]
    pub tags: Vec<String>,
    /// The Ansible `--skip-tags` (newer servers only).
    #[serde(default)]
    pub skip_tags: Vec<String>,
    /// Other options of the newer servers' `params` (Terraform's `plan`, `destroy`,
    /// `auto_approve`, ...), sent as given.
    #[serde(default)]
    pub params_extra: crate::Extra,
}

impl TaskRequest {
    /// The hosts of `limit`, as a newer server's `params.limit` takes them (the server splits
    /// the string on commas the same way).
    pub fn limit_hosts(&self) -> Option<Vec<&str>> {
        let limit = self.limit.as_deref()?;
        Some(
            limit
                .split(',')
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .collect(),
        )
    }
}

impl Serialize for TaskRequest {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        let limit = self.limit_hosts();
        if limit.as_ref().is_some_and(Vec::is_empty) {
            return Err(S::Error::custom(
                "a blank limit would run the task on every host of the inventory (a newer server reads it as none): leave `limit` unset for every host",
            ));
        }
        for (name, list) in [("tags", &self.tags), ("skip_tags", &self.skip_tags)] {
            if list.iter().any(|item| item.trim().is_empty()) {
                return Err(S::Error::custom(format!(
                    "a blank item in `{name}`: give each tag, or none"
                )));
            }
        }
        let params = Params {
            debug: self.debug.then_some(true),
            dry_run: self.dry_run.then_some(true),
            diff: self.diff.then_some(true),
            limit,
            tags: (!self.tags.is_empty()).then_some(&self.tags[..]),
            skip_tags: (!self.skip_tags.is_empty()).then_some(&self.skip_tags[..]),
            extra: &self.params_extra,
        };
        let params = (params.limit.is_some()
            || params.tags.is_some()
            || params.skip_tags.is_some()
            || params.debug.is_some()
            || params.dry_run.is_some()
            || params.diff.is_some()
            || !params.extra.is_empty())
        .then_some(params);
        Wire {
            template_id: self.template_id,
            debug: self.debug,
            dry_run: self.dry_run,
            diff: self.diff,
            playbook: self.playbook.as_deref(),
            environment: self.environment.as_deref(),
            secret: &self.secret,
            limit: self.limit.as_deref(),
            arguments: self.arguments.as_deref(),
            git_branch: self.git_branch.as_deref(),
            message: &self.message,
            commit_hash: self.commit_hash.as_deref(),
            build_task_id: self.build_task_id,
            inventory_id: self.inventory_id,
            params,
        }
        .serialize(serializer)
    }
}

/// A [`TaskRequest`] on the wire.
#[derive(Serialize)]
struct Wire<'a> {
    template_id: TemplateId,
    debug: bool,
    dry_run: bool,
    diff: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    playbook: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    environment: Option<&'a str>,
    #[serde(skip_serializing_if = "Secret::is_empty")]
    secret: &'a Secret,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    arguments: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    git_branch: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    commit_hash: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    build_task_id: Option<TaskId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inventory_id: Option<InventoryId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    params: Option<Params<'a>>,
}

/// A [`TaskRequest`]'s `params`, in the shape newer servers read: only what is set.
#[derive(Serialize)]
struct Params<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    debug: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dry_run: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diff: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skip_tags: Option<&'a [String]>,
    #[serde(flatten)]
    extra: &'a crate::Extra,
}

impl TaskRequest {
    /// A run of `template_id` with the template's own settings; set the options (limit,
    /// debug, dry run, ...) by name after.
    pub fn new(template_id: TemplateId) -> Self {
        TaskRequest {
            template_id,
            debug: false,
            dry_run: false,
            diff: false,
            playbook: None,
            environment: None,
            secret: Secret::default(),
            limit: None,
            arguments: None,
            git_branch: None,
            message: String::new(),
            commit_hash: None,
            build_task_id: None,
            inventory_id: None,
            tags: Vec::new(),
            skip_tags: Vec::new(),
            params_extra: crate::Extra::default(),
        }
    }
}

/// The body of `project_project_id_tasks_task_id_stop_post`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskStop {
    /// Whether to mark the task stopped at once, without waiting for its process to end.
    pub force: bool,
}

/// One line of a task's output (`project_project_id_tasks_task_id_output_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskOutput {
    /// The task it belongs to.
    pub task_id: TaskId,
    /// Always `""` from the real server (the spec's task name).
    pub task: String,
    /// When the line was written (RFC 3339).
    pub time: String,
    /// The line.
    pub output: String,
    /// Fields this model does not name (newer servers add `id` and `stage_id`), kept as sent.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
