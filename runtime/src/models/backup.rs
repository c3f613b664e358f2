//! Project backups: a project and its resources, referenced by name, without secrets
//! (`project_project_id_backup_get`, `projects_restore_post`).
//!
//! The server writes a backup with its own encoder: a field whose value is `null` is left
//! out, so every `Option` here is left out when `None` too.

use serde::{Deserialize, Serialize};

use super::nullable;
use crate::{
    AccessKeyType, IntegrationAuthMethod, IntegrationBodyDataType, IntegrationMatchMethod,
    IntegrationSource, InventoryType, Secret, TemplateApp, TemplateSurveyVar, TemplateType,
};

/// A whole project as `project_project_id_backup_get` answers it and
/// `projects_restore_post` reads it. Secrets (key material, environment secrets) are not in
/// it: a restored project's keys have none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectBackup {
    /// The project's settings.
    pub meta: BackupMeta,
    /// The templates.
    #[serde(deserialize_with = "nullable::or_default")]
    pub templates: Vec<BackupTemplate>,
    /// The repositories.
    #[serde(deserialize_with = "nullable::or_default")]
    pub repositories: Vec<BackupRepository>,
    /// The access keys, without their secrets.
    #[serde(deserialize_with = "nullable::or_default")]
    pub keys: Vec<BackupAccessKey>,
    /// The views.
    #[serde(deserialize_with = "nullable::or_default")]
    pub views: Vec<BackupView>,
    /// The inventories.
    #[serde(deserialize_with = "nullable::or_default")]
    pub inventories: Vec<BackupInventory>,
    /// The environments, without their secrets.
    #[serde(deserialize_with = "nullable::or_default")]
    pub environments: Vec<BackupEnvironment>,
    /// The integrations.
    #[serde(deserialize_with = "nullable::or_default")]
    pub integrations: Vec<BackupIntegration>,
    /// The project-wide integration aliases.
    #[serde(deserialize_with = "nullable::or_default")]
    pub integration_aliases: Vec<String>,
}

/// The project's settings in a backup. SQL servers restore only `name` and `type`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupMeta {
    /// The project's name.
    pub name: String,
    /// Whether task alerts are sent.
    pub alert: bool,
    /// The chat that receives alerts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert_chat: Option<String>,
    /// How many tasks may run at once.
    pub max_parallel_tasks: i64,
    /// The project's type.
    pub r#type: String,
}

/// A template in a backup; other resources are referenced by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupTemplate {
    /// The template's name.
    pub name: String,
    /// The playbook's path.
    pub playbook: String,
    /// The kind of template.
    pub r#type: TemplateType,
    /// The program it runs.
    pub app: TemplateApp,
    /// For a deploy template, whether a successful build deploys at once.
    pub autorun: bool,
    /// Whether a task may override `arguments`.
    pub allow_override_args_in_task: bool,
    /// Whether alerts are skipped for successful tasks.
    pub suppress_success_alerts: bool,
    /// Extra CLI arguments, a JSON array as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arguments: Option<String>,
    /// A description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// For a build template, the version its first build makes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_version: Option<String>,
    /// The branch to check out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git_branch: Option<String>,
    /// The variables a task asks for.
    #[serde(deserialize_with = "nullable::or_default")]
    pub survey_vars: Vec<TemplateSurveyVar>,
    /// The inventory's name, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inventory: Option<String>,
    /// The repository's name.
    pub repository: String,
    /// The environment's name, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// For a deploy template, the build template's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build_template: Option<String>,
    /// The view's title, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
    /// The vault passwords, by key name.
    #[serde(deserialize_with = "nullable::or_default")]
    pub vaults: Vec<BackupTemplateVault>,
    /// The cron format of the project's first schedule for this template (restored as a
    /// schedule).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cron: Option<String>,
}

/// A vault password of a template in a backup.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupTemplateVault {
    /// The vault id, if named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The name of the access key holding the password.
    pub vault_key: String,
}

/// A repository in a backup.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupRepository {
    /// The repository's name.
    pub name: String,
    /// Where to clone from.
    pub git_url: String,
    /// The branch to check out.
    pub git_branch: String,
    /// The access key's name (required on restore).
    pub ssh_key: String,
}

/// An access key in a backup: its name and type only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupAccessKey {
    /// The key's name.
    pub name: String,
    /// The kind of key.
    pub r#type: AccessKeyType,
}

/// A view in a backup.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupView {
    /// The view's title.
    pub title: String,
    /// Its position among the project's views.
    pub position: i64,
}

/// An inventory in a backup.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupInventory {
    /// The inventory's name.
    pub name: String,
    /// The hosts, the file's path or the workspace's name.
    pub inventory: String,
    /// The kind of inventory.
    pub r#type: InventoryType,
    /// The name of the key used to log in, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssh_key: Option<String>,
    /// The name of the key used for `become`, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub become_key: Option<String>,
}

/// An environment in a backup, without its secrets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupEnvironment {
    /// The environment's name.
    pub name: String,
    /// Extra variables, a JSON object as a string.
    pub json: String,
    /// The vault password, if any; never shown by `Debug`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// Environment variables, a JSON object as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env: Option<String>,
}

/// An integration in a backup.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupIntegration {
    /// The integration's name.
    pub name: String,
    /// The name of the template it runs.
    pub template: String,
    /// How the webhook authenticates its caller.
    pub auth_method: IntegrationAuthMethod,
    /// The header holding the token or signature.
    pub auth_header: String,
    /// The name of the key holding the token or HMAC secret, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_secret: Option<String>,
    /// Whether the project-wide alias reaches it.
    pub searchable: bool,
    /// Task parameters the webhook starts the task with.
    #[serde(deserialize_with = "nullable::or_default")]
    pub task_params: serde_json::Map<String, serde_json::Value>,
    /// Its own aliases.
    #[serde(deserialize_with = "nullable::or_default")]
    pub aliases: Vec<String>,
    /// Its matchers.
    #[serde(deserialize_with = "nullable::or_default")]
    pub matchers: Vec<BackupIntegrationMatcher>,
    /// The values it extracts.
    #[serde(deserialize_with = "nullable::or_default")]
    pub extract_values: Vec<BackupIntegrationExtractValue>,
}

/// A matcher of an integration in a backup.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupIntegrationMatcher {
    /// The matcher's name.
    pub name: String,
    /// Where it looks.
    pub match_type: IntegrationSource,
    /// How it compares.
    pub method: IntegrationMatchMethod,
    /// How the body is read.
    pub body_data_type: IntegrationBodyDataType,
    /// The header's name, or the path in a JSON body.
    pub key: String,
    /// What it compares with.
    pub value: String,
}

/// A value an integration extracts, in a backup.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupIntegrationExtractValue {
    /// The value's name.
    pub name: String,
    /// Where it is read from.
    pub value_source: IntegrationSource,
    /// How the body is read.
    pub body_data_type: IntegrationBodyDataType,
    /// The header's name, or the path in a JSON body.
    pub key: String,
    /// The task variable it sets.
    pub variable: String,
}
