//! Tasks: runs of a template, and their output.

use serde::{Deserialize, Serialize};

use crate::Secret;

/// A task (`project_project_id_tasks_get`, `..._task_id_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Task {
    /// The task's id.
    pub id: i64,
    /// The template it runs.
    pub template_id: i64,
    /// The task's state: `waiting`, `running`, `success`, `error`, `stopped`...
    pub status: String,
    /// Whether Ansible runs with `-vvvv`.
    pub debug: bool,
    /// A playbook overriding the template's.
    pub playbook: String,
    /// Extra variables overriding the environment's, a JSON object as a string.
    pub environment: String,
    /// Secret extra variables; never shown by `Debug`.
    pub secret: Secret,
    /// The Ansible `--limit`.
    pub limit: String,
    /// A branch overriding the template's (`null` when none).
    pub git_branch: Option<String>,
    /// When the task was created (RFC 3339; sent by the real server, not in the spec).
    pub created: String,
    /// When it started (`null` until then; real server only).
    pub start: Option<String>,
    /// When it ended (`null` until then; real server only).
    pub end: Option<String>,
    /// Who started it (`null` for a schedule or an integration; real server only).
    pub user_id: Option<i64>,
    /// The project it belongs to (real server only).
    pub project_id: i64,
}

/// The body of `project_project_id_tasks_post`: a task to start.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskRequest {
    /// The template to run.
    pub template_id: i64,
    /// Whether Ansible runs with `-vvvv`.
    pub debug: bool,
    /// Whether Ansible runs with `--check`.
    pub dry_run: bool,
    /// Whether Ansible runs with `--diff`.
    pub diff: bool,
    /// A playbook overriding the template's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub playbook: Option<String>,
    /// Extra variables overriding the environment's, a JSON object as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// The Ansible `--limit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
    /// A branch overriding the template's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git_branch: Option<String>,
}

/// One line of a task's output (`project_project_id_tasks_task_id_output_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskOutput {
    /// The task it belongs to.
    pub task_id: i64,
    /// The task, as the spec names it (the real server does not send it).
    pub task: String,
    /// When the line was written (RFC 3339).
    pub time: String,
    /// The line.
    pub output: String,
}
