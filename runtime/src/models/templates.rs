//! Templates: what a task runs (playbook, inventory, repository, environment).

use serde::{Deserialize, Serialize};

use super::nullable;
use super::string_enum::string_enum;
use crate::{
    EnvironmentId, InventoryId, KeyId, ProjectId, RepositoryId, Task, TemplateApp, TemplateId,
    TemplateType, VaultId, ViewId,
};

string_enum! {
    /// The type of a survey variable's value.
    pub enum SurveyVarType {
        /// A string (`""`).
        String = "",
        /// An integer (`int`).
        Int = "int",
        /// One of a list of values (`enum`).
        Enum = "enum",
        /// A secret string (`secret`, used by the web UI).
        Secret = "secret",
    }
    default String;
}

/// A template of a project, as one template is read (`..._templates_template_id_get`): every
/// setting, so that [`TemplateRequest::from`] builds an update that changes nothing.
///
/// Lists give a [`TemplateSummary`] instead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Template {
    /// The template's id.
    pub id: TemplateId,
    /// The project it belongs to.
    pub project_id: ProjectId,
    /// The inventory it runs against (`null` when none).
    pub inventory_id: Option<InventoryId>,
    /// The repository the playbook comes from (required).
    pub repository_id: RepositoryId,
    /// The environment it runs with (`null` when none).
    pub environment_id: Option<EnvironmentId>,
    /// The template's name.
    pub name: String,
    /// The playbook's path in the repository.
    pub playbook: String,
    /// Extra CLI arguments, a JSON array as a string (`null` when none).
    pub arguments: Option<String>,
    /// Whether a task may override `arguments`.
    pub allow_override_args_in_task: bool,
    /// A description (`null` when none).
    pub description: Option<String>,
    /// The vault passwords.
    #[serde(deserialize_with = "nullable::or_default")]
    pub vaults: Vec<TemplateVault>,
    /// The kind of template.
    pub r#type: TemplateType,
    /// For a build template, the version its first build makes (`null` when none).
    pub start_version: Option<String>,
    /// For a deploy template, the build template it deploys (`null` when none).
    pub build_template_id: Option<TemplateId>,
    /// The view it is shown in (`null` when none).
    pub view_id: Option<ViewId>,
    /// The template's last task (`null` when it never ran).
    pub last_task: Option<Box<Task>>,
    /// For a deploy template, whether a successful build deploys at once.
    pub autorun: bool,
    /// The branch to check out, overriding the repository's (`null` when none).
    pub git_branch: Option<String>,
    /// The variables a task asks for.
    #[serde(deserialize_with = "nullable::or_default")]
    pub survey_vars: Vec<TemplateSurveyVar>,
    /// Whether alerts are skipped for successful tasks.
    pub suppress_success_alerts: bool,
    /// The program it runs.
    pub app: TemplateApp,
    /// How many tasks it has run.
    pub tasks: i64,
    /// What a task may override, on newer servers (`None` from v2.10.32, which has no such
    /// setting: a task's limit and inventory always apply there).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_params: Option<TemplateTaskParams>,
    /// Fields this model does not name (a newer server's), kept as sent: encoding the model
    /// gives them back, and an update built from it sends them back.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// What a task of the template may override, and the template's own defaults, on newer
/// servers (`task_params`). Where a task's limit, tags, skipped tags, inventory or debugging
/// is not allowed, those servers drop it without a word and run the template's own (no
/// limit: every host). What is absent stays absent when encoded; other apps' settings
/// (Terraform's `allow_destroy`, ...) are in [`extra`](Self::extra).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TemplateTaskParams {
    /// Whether a task's `debug` applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_debug: Option<bool>,
    /// Whether a task's `inventory_id` applies (Ansible templates only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_override_inventory: Option<bool>,
    /// Whether a task's `limit` applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_override_limit: Option<bool>,
    /// Whether a task's `tags` apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_override_tags: Option<bool>,
    /// Whether a task's `skip_tags` apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_override_skip_tags: Option<bool>,
    /// The template's own limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<Vec<String>>,
    /// The template's own tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// The template's own skipped tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skip_tags: Option<Vec<String>>,
    /// The other settings, as sent.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A template as the lists show it (`project_project_id_templates_get`,
/// `..._views_view_id_templates_get`).
///
/// Lists leave out settings that an update overwrites: they never send a template's vaults,
/// and SQL servers send its survey variables as `null` and `autorun` and
/// `suppress_success_alerts` as `false` whatever they are. So this type has none of those,
/// and no update can be built from it: read the template
/// (`project_project_id_templates_template_id_get`) for a [`Template`]. What a list sends of
/// them stays in [`extra`](Self::extra), as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TemplateSummary {
    /// The template's id.
    pub id: TemplateId,
    /// The project it belongs to.
    pub project_id: ProjectId,
    /// The inventory it runs against (`null` when none).
    pub inventory_id: Option<InventoryId>,
    /// The repository the playbook comes from.
    pub repository_id: RepositoryId,
    /// The environment it runs with (`null` when none).
    pub environment_id: Option<EnvironmentId>,
    /// The template's name.
    pub name: String,
    /// The playbook's path in the repository.
    pub playbook: String,
    /// Extra CLI arguments, a JSON array as a string (`null` when none).
    pub arguments: Option<String>,
    /// Whether a task may override `arguments`.
    pub allow_override_args_in_task: bool,
    /// A description (`null` when none).
    pub description: Option<String>,
    /// The kind of template.
    pub r#type: TemplateType,
    /// For a build template, the version its first build makes (`null` when none).
    pub start_version: Option<String>,
    /// For a deploy template, the build template it deploys (`null` when none).
    pub build_template_id: Option<TemplateId>,
    /// The view it is shown in (`null` when none).
    pub view_id: Option<ViewId>,
    /// The template's last task (`null` when it never ran).
    pub last_task: Option<Box<Task>>,
    /// The branch to check out, overriding the repository's (`null` when none).
    pub git_branch: Option<String>,
    /// The program it runs.
    pub app: TemplateApp,
    /// How many tasks it has run.
    pub tasks: i64,
    /// The fields a list sends but cannot be trusted with (`vaults`, `survey_vars`,
    /// `autorun`, `suppress_success_alerts`), and any a newer server adds.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of `project_project_id_templates_post` and `..._template_id_put`.
///
/// Its `project_id`, and on updates its `id`, come from the path: the client sets them in
/// the body, where the server reads them, so the two cannot disagree.
///
/// An update overwrites every field, and replaces the vaults with `vaults`: build it from
/// the template read (`TemplateRequest::from(&template)`) so that a change keeps the rest.
/// A list's [`TemplateSummary`] lacks settings an update overwrites, and converts to no
/// request:
///
/// ```compile_fail
/// # fn f(listed: &semaphore_api::TemplateSummary) {
/// let update = semaphore_api::TemplateRequest::from(listed);
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateRequest {
    /// The inventory it runs against (required for Ansible).
    #[serde(default)]
    pub inventory_id: Option<InventoryId>,
    /// The repository the playbook comes from (required).
    pub repository_id: RepositoryId,
    /// The environment it runs with.
    #[serde(default)]
    pub environment_id: Option<EnvironmentId>,
    /// The view it is shown in.
    #[serde(default)]
    pub view_id: Option<ViewId>,
    /// The template's name (required).
    pub name: String,
    /// The playbook's path in the repository (required, except for Terraform and OpenTofu).
    pub playbook: String,
    /// Extra CLI arguments, a JSON array as a string (`""` is not JSON: leave it `None`).
    #[serde(default)]
    pub arguments: Option<String>,
    /// Whether a task may override `arguments`.
    #[serde(default)]
    pub allow_override_args_in_task: bool,
    /// A description.
    #[serde(default)]
    pub description: Option<String>,
    /// The vault passwords; an update replaces the template's vaults with these.
    #[serde(default)]
    pub vaults: Vec<TemplateVault>,
    /// The kind of template.
    #[serde(default)]
    pub r#type: TemplateType,
    /// For a build template, the version its first build makes.
    #[serde(default)]
    pub start_version: Option<String>,
    /// For a deploy template, the build template it deploys.
    #[serde(default)]
    pub build_template_id: Option<TemplateId>,
    /// For a deploy template, whether a successful build deploys at once.
    #[serde(default)]
    pub autorun: bool,
    /// The branch to check out, overriding the repository's.
    #[serde(default)]
    pub git_branch: Option<String>,
    /// The variables a task asks for.
    #[serde(default)]
    pub survey_vars: Vec<TemplateSurveyVar>,
    /// Whether alerts are skipped for successful tasks.
    #[serde(default)]
    pub suppress_success_alerts: bool,
    /// The program it runs (required). The server answers 400 for an app it is not
    /// configured with; on a create it has then already made the template.
    pub app: TemplateApp,
    /// What a task may override, on newer servers (v2.10.32 ignores it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_params: Option<TemplateTaskParams>,
    /// Fields this model does not name, sent as they are: those of the object an update was
    /// built from (a newer server's), or any a caller sets.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl TemplateRequest {
    /// A task template that runs `playbook` (a path in the repository) with Ansible against
    /// an inventory. The kind (`task`), environment, view and the rest are set by name after.
    ///
    /// ```
    /// use semaphore_api::{EnvironmentId, InventoryId, RepositoryId, TemplateRequest};
    ///
    /// let mut deploy = TemplateRequest::ansible("Deploy", "deploy.yml", RepositoryId(1), InventoryId(2));
    /// deploy.environment_id = Some(EnvironmentId(3));
    /// deploy.description = Some("Rolls out the web tier".into());
    /// ```
    pub fn ansible(
        name: impl Into<String>,
        playbook: impl Into<String>,
        repository_id: RepositoryId,
        inventory_id: InventoryId,
    ) -> Self {
        TemplateRequest {
            inventory_id: Some(inventory_id),
            ..Self::new(TemplateApp::Ansible, name, playbook, repository_id)
        }
    }

    /// A task template for another app (Terraform, OpenTofu, Bash, PowerShell, Python):
    /// `playbook` is the script's or the module's path in the repository (may be empty for
    /// Terraform and OpenTofu). An Ansible template also needs an inventory: use
    /// [`TemplateRequest::ansible`].
    pub fn new(
        app: TemplateApp,
        name: impl Into<String>,
        playbook: impl Into<String>,
        repository_id: RepositoryId,
    ) -> Self {
        TemplateRequest {
            inventory_id: None,
            repository_id,
            environment_id: None,
            view_id: None,
            name: name.into(),
            playbook: playbook.into(),
            arguments: None,
            allow_override_args_in_task: false,
            description: None,
            vaults: Vec::new(),
            r#type: TemplateType::default(),
            start_version: None,
            build_template_id: None,
            autorun: false,
            git_branch: None,
            survey_vars: Vec::new(),
            suppress_success_alerts: false,
            app,
            task_params: None,
            extra: crate::Extra::default(),
        }
    }
}

impl From<&Template> for TemplateRequest {
    /// An update of `template` that changes nothing.
    fn from(template: &Template) -> Self {
        TemplateRequest {
            inventory_id: template.inventory_id,
            repository_id: template.repository_id,
            environment_id: template.environment_id,
            view_id: template.view_id,
            name: template.name.clone(),
            playbook: template.playbook.clone(),
            arguments: template.arguments.clone(),
            allow_override_args_in_task: template.allow_override_args_in_task,
            description: template.description.clone(),
            vaults: template.vaults.clone(),
            r#type: template.r#type.clone(),
            start_version: template.start_version.clone(),
            build_template_id: template.build_template_id,
            autorun: template.autorun,
            git_branch: template.git_branch.clone(),
            survey_vars: template.survey_vars.clone(),
            suppress_success_alerts: template.suppress_success_alerts,
            app: template.app.clone(),
            task_params: template.task_params.clone(),
            extra: template.extra.clone(),
        }
    }
}

/// A variable a template asks for when a task starts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TemplateSurveyVar {
    /// The variable's name.
    pub name: String,
    /// The label shown.
    pub title: String,
    /// Whether a value is required.
    pub required: bool,
    /// The value's type.
    pub r#type: SurveyVarType,
    /// A description.
    pub description: String,
    /// The values to choose from, for an `enum` variable.
    #[serde(deserialize_with = "nullable::or_default")]
    pub values: Vec<SurveyVarValue>,
}

/// One value of an `enum` survey variable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyVarValue {
    /// The label shown.
    pub name: String,
    /// The value.
    pub value: String,
}

/// A vault password of a template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TemplateVault {
    /// The vault's id (0 for a new one: an update keeps the vaults whose id it sends).
    pub id: VaultId,
    /// The project it belongs to (set by the server).
    pub project_id: ProjectId,
    /// The template it belongs to (set by the server).
    pub template_id: TemplateId,
    /// The `login_password` access key holding the vault password.
    pub vault_key_id: KeyId,
    /// The vault id, e.g. `default` (`null` for an unnamed vault, as older servers made).
    pub name: Option<String>,
}
