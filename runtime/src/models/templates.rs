//! Templates: what a task runs (playbook, inventory, repository, environment).

use serde::{Deserialize, Serialize};

use crate::Task;

/// A template of a project (`project_project_id_templates_get`, `..._template_id_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Template {
    /// The template's id.
    pub id: i64,
    /// The project it belongs to.
    pub project_id: i64,
    /// The inventory it runs against (`null` from the real server when none).
    pub inventory_id: Option<i64>,
    /// The repository the playbook comes from.
    pub repository_id: i64,
    /// The environment it runs with (`null` from the real server when none).
    pub environment_id: Option<i64>,
    /// The view it is shown in (`null` when none).
    pub view_id: Option<i64>,
    /// The template's name.
    pub name: String,
    /// The playbook's path in the repository.
    pub playbook: String,
    /// Extra CLI arguments, a JSON array as a string, e.g. `[]` (`null` when none).
    pub arguments: Option<String>,
    /// A description (`null` from the real server when none).
    pub description: Option<String>,
    /// Whether a task may override `arguments`.
    pub allow_override_args_in_task: bool,
    /// Whether alerts are skipped for successful tasks.
    pub suppress_success_alerts: bool,
    /// The app that runs it, e.g. `ansible`, `terraform`, `bash`.
    pub app: String,
    /// The branch to check out, overriding the repository's (`null` when none).
    pub git_branch: Option<String>,
    /// `""` (a task), `build` or `deploy` (sent by the real server, not in the spec).
    pub r#type: String,
    /// The variables a task asks for (in list answers; `null` when none).
    pub survey_vars: Option<Vec<TemplateSurveyVar>>,
    /// The vault passwords (sent by the real server; `null` when none).
    pub vaults: Option<Vec<TemplateVault>>,
    /// The template's last task (in list answers; `null` when it never ran).
    pub last_task: Option<Task>,
}

/// The body of `project_project_id_templates_post` and `..._template_id_put`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TemplateRequest {
    /// On updates, the template's id: the real server reads it from the body, and it must equal the id in
    /// the path (the spec omits it). Leave `None` when creating.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The project it belongs to (must equal the id in the path).
    pub project_id: i64,
    /// The inventory it runs against, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inventory_id: Option<i64>,
    /// The repository the playbook comes from.
    pub repository_id: i64,
    /// The environment it runs with, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment_id: Option<i64>,
    /// The view it is shown in, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view_id: Option<i64>,
    /// The vault passwords.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vaults: Vec<TemplateVault>,
    /// The template's name.
    pub name: String,
    /// The playbook's path in the repository.
    pub playbook: String,
    /// Extra CLI arguments, a JSON array as a string, e.g. `[]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arguments: Option<String>,
    /// A description.
    pub description: String,
    /// Whether a task may override `arguments`.
    pub allow_override_args_in_task: bool,
    /// The Ansible `--limit`.
    pub limit: String,
    /// Whether alerts are skipped for successful tasks.
    pub suppress_success_alerts: bool,
    /// The app that runs it: `ansible`, `terraform`, `bash`... The real server answers 400
    /// for an app it does not know, and newer ones for an empty one: set it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub app: String,
    /// The branch to check out, overriding the repository's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git_branch: Option<String>,
    /// The variables a task asks for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub survey_vars: Vec<TemplateSurveyVar>,
}

/// A variable a template asks for when a task starts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TemplateSurveyVar {
    /// The variable's name.
    pub name: String,
    /// The label shown.
    pub title: String,
    /// A description.
    pub description: String,
    /// The value type: `""` (a string), `int`, `secret`, `enum`...
    pub r#type: String,
    /// Whether a value is required.
    pub required: bool,
}

/// A vault password of a template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TemplateVault {
    /// The `login_password` access key holding the vault password.
    pub vault_key_id: i64,
    /// The vault id, e.g. `default`.
    pub name: String,
}
