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
}

/// The body of `project_project_id_tasks_post`: a task to start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}
