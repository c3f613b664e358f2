//! The arguments of each tool, as an assistant sends them: their JSON schemas are generated
//! from these types and their doc comments, which are the descriptions an assistant reads.

use rmcp::schemars::{self, JsonSchema};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::task_options::TaskOptions;

/// The kinds of object the read tools list and show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Projects: everything else lives in one
    Projects,
    /// Templates: what a task runs (an Ansible playbook, Terraform, a shell script)
    Templates,
    /// Tasks: runs of a template, newest first
    Tasks,
    /// Inventories: the hosts a task runs against
    Inventories,
    /// Repositories: where playbooks come from
    Repositories,
    /// Environments: variables of a task (their secrets are never shown)
    Environments,
    /// Access keys: credentials tasks use (their secrets are never shown)
    Keys,
    /// Schedules: templates run by cron
    Schedules,
    /// Views: tabs grouping templates
    Views,
}

/// The kinds the write tools create, update and delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WritableKind {
    Templates,
    Inventories,
    Environments,
    Repositories,
    Schedules,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    /// What to list
    pub kind: Kind,
    /// The project, by id or name; the configured project if left out (not used for projects)
    #[serde(default)]
    pub project: Option<String>,
    /// Only objects whose name contains this text (case-insensitive)
    #[serde(default)]
    pub filter: Option<String>,
    /// At most this many (default 50, at most 200); the result says how many there are
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShowParams {
    /// What to show
    pub kind: Kind,
    /// The object: its id, or its name (`id:3` or `name:3` when a name is a number); a
    /// task by id only
    pub item: String,
    /// The project, by id or name; the configured project if left out (not used for projects)
    #[serde(default)]
    pub project: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutputParams {
    /// The task's id
    pub task: i64,
    /// The project, by id or name; the configured project if left out
    #[serde(default)]
    pub project: Option<String>,
    /// The last this many lines (default 100, at most 1000), after `pattern` is applied
    #[serde(default)]
    pub last: Option<u32>,
    /// Only lines containing this text (case-insensitive), such as `fatal` or a host's name
    #[serde(default)]
    pub pattern: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskParams {
    /// The task's id
    pub task: i64,
    /// The project, by id or name; the configured project if left out
    #[serde(default)]
    pub project: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunParams {
    /// The template, by id or name
    pub template: String,
    /// The project, by id or name; the configured project if left out
    #[serde(default)]
    pub project: Option<String>,
    /// The task's options; all optional
    #[serde(default)]
    pub options: TaskOptions,
    /// How long to wait for the task to end, in seconds (default 60, at most 600); when it
    /// passes, the result gives the running task's id and its output so far
    #[serde(default)]
    pub wait_seconds: Option<u32>,
    /// How many of the last lines of output to return (default 40, at most 400)
    #[serde(default)]
    pub last: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StopParams {
    /// The task's id
    pub task: i64,
    /// The project, by id or name; the configured project if left out
    #[serde(default)]
    pub project: Option<String>,
    /// Kill it rather than ask it to stop
    #[serde(default)]
    pub force: bool,
    /// true to stop it; without it the tool only says what it would stop
    #[serde(default)]
    pub confirm: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateParams {
    /// What to create
    pub kind: WritableKind,
    /// The project, by id or name; the configured project if left out
    #[serde(default)]
    pub project: Option<String>,
    /// The new object's fields, named as Semaphore's API names them (as `show` returns
    /// them), e.g. for a template `{"name": "Deploy", "playbook": "deploy.yml",
    /// "repository_id": 1, "inventory_id": 2, "environment_id": 3}`
    pub fields: Map<String, Value>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateParams {
    /// What to update
    pub kind: WritableKind,
    /// The object, by id or name
    pub item: String,
    /// The project, by id or name; the configured project if left out
    #[serde(default)]
    pub project: Option<String>,
    /// Only the fields to change, named as `show` returns them; every other field keeps its
    /// value
    pub fields: Map<String, Value>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteParams {
    /// What to delete
    pub kind: WritableKind,
    /// The object, by id or name
    pub item: String,
    /// The project, by id or name; the configured project if left out
    #[serde(default)]
    pub project: Option<String>,
    /// true to delete it; without it the tool only says what it would delete
    #[serde(default)]
    pub confirm: bool,
}
