//! Project backups: a project and its resources, referenced by name.

use serde::{Deserialize, Serialize};

use crate::{AccessKeyType, InventoryType, Secret};

/// A whole project, as `project_project_id_backup_get` exports it and `projects_restore_post`
/// restores it. Resources refer to each other by name, not id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectBackup {
    /// The project itself.
    pub meta: BackupMeta,
    /// Its templates.
    pub templates: Vec<BackupTemplate>,
    /// Its repositories.
    pub repositories: Vec<BackupRepository>,
    /// Its access keys, without their secrets.
    pub keys: Vec<BackupAccessKey>,
    /// Its views.
    pub views: Vec<BackupView>,
    /// Its inventories.
    pub inventories: Vec<BackupInventory>,
    /// Its environments.
    pub environments: Vec<BackupEnvironment>,
}

/// The project of a [`ProjectBackup`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupMeta {
    /// The project's name.
    pub name: String,
    /// Whether task alerts are sent.
    pub alert: bool,
    /// The chat that receives alerts, if any.
    pub alert_chat: Option<String>,
    /// How many tasks may run at once (0: no limit).
    pub max_parallel_tasks: i64,
}

/// A template of a [`ProjectBackup`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupTemplate {
    /// The name of its inventory.
    pub inventory: String,
    /// The name of its repository.
    pub repository: String,
    /// The name of its environment.
    pub environment: String,
    /// The name of its view.
    pub view: String,
    /// The template's name.
    pub name: String,
    /// The playbook's path in the repository.
    pub playbook: String,
    /// Extra CLI arguments, a JSON array as a string, if any.
    pub arguments: Option<String>,
    /// A description.
    pub description: String,
    /// Whether a task may override `arguments`.
    pub allow_override_args_in_task: bool,
    /// Whether alerts are skipped for successful tasks.
    pub suppress_success_alerts: bool,
    /// A cron schedule, if any.
    pub cron: Option<String>,
    /// The name of the build template of a `deploy` template, if any.
    pub build_template: Option<String>,
    /// Whether a `deploy` template runs after each build.
    pub autorun: bool,
    /// The survey variables (the spec types them as a string; the real server sends an array).
    pub survey_vars: Option<serde_json::Value>,
    /// The first version of a `build` template, if any.
    pub start_version: Option<String>,
    /// `""` (a task), `build` or `deploy`.
    pub r#type: String,
    /// The name of the vault password key, if any.
    pub vault_key: Option<String>,
}

/// A repository of a [`ProjectBackup`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupRepository {
    /// The repository's name.
    pub name: String,
    /// The git URL.
    pub git_url: String,
    /// The branch checked out.
    pub git_branch: String,
    /// The name of the access key used to clone.
    pub ssh_key: String,
}

/// An access key of a [`ProjectBackup`] (its secret is not exported).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupAccessKey {
    /// The key's name.
    pub name: String,
    /// The kind of key.
    pub r#type: AccessKeyType,
}

/// A view of a [`ProjectBackup`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupView {
    /// The tab's title (what the real server and the spec's example send).
    pub title: String,
    /// The view's name, as the spec's schema calls it (the real server does not send it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The tab's position.
    pub position: i64,
}

/// An inventory of a [`ProjectBackup`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupInventory {
    /// The inventory's name.
    pub name: String,
    /// The inventory itself, or the file's path.
    pub inventory: String,
    /// The name of the access key used to connect, if any.
    pub ssh_key: Option<String>,
    /// The name of the access key used to become root, if any.
    pub become_key: Option<String>,
    /// The inventory's format.
    pub r#type: InventoryType,
}

/// An environment of a [`ProjectBackup`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupEnvironment {
    /// The environment's name.
    pub name: String,
    /// The vault password, if any; never shown by `Debug`.
    pub password: Option<Secret>,
    /// Extra variables, a JSON object as a string.
    pub json: String,
    /// Environment variables, a JSON object as a string, if any.
    pub env: Option<String>,
}
