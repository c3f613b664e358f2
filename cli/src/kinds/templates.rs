//! `semaphore templates`: what a task runs.

use clap::Args;

use semaphore_api::resources;
use semaphore_api::{ProjectId, RepositoryId, TemplateApp, TemplateRequest, TemplateSummary};

use super::{CliKind, Place, id_of, set};
use crate::error::Result;
use crate::flags::ProjectArg;
use crate::json_args::json_text;
use crate::output::{one_line, opt};

#[derive(Debug, Args)]
pub struct TemplateFields {
    /// The name
    #[arg(long)]
    pub name: Option<String>,
    /// The playbook's path in the repository
    #[arg(long)]
    pub playbook: Option<String>,
    /// The program it runs: ansible, terraform, tofu, bash, powershell, python...
    #[arg(long)]
    pub app: Option<String>,
    /// The inventory, by id or name
    #[arg(long, value_name = "ID|NAME")]
    pub inventory: Option<String>,
    /// The repository, by id or name
    #[arg(long, value_name = "ID|NAME")]
    pub repository: Option<String>,
    /// The environment, by id or name
    #[arg(long, value_name = "ID|NAME")]
    pub environment: Option<String>,
    /// The view, by id or title
    #[arg(long, value_name = "ID|TITLE")]
    pub view: Option<String>,
    /// A description
    #[arg(long)]
    pub description: Option<String>,
    /// Extra command-line arguments, a JSON array (e.g. '["--forks", "5"]')
    #[arg(long, value_name = "JSON")]
    pub arguments: Option<String>,
    /// Whether a task may override the arguments (needed by `run --tags` and the like)
    #[arg(long, value_name = "BOOL")]
    pub allow_override_args: Option<bool>,
    /// Whether a task may override the limit (servers newer than v2.10.32 apply `run --limit`
    /// only then)
    #[arg(long, value_name = "BOOL")]
    pub allow_override_limit: Option<bool>,
    /// Whether a task may override the inventory (newer servers)
    #[arg(long, value_name = "BOOL")]
    pub allow_override_inventory: Option<bool>,
    /// Whether a task may run in debug mode (newer servers apply `run --debug-level 4` only
    /// then)
    #[arg(long, value_name = "BOOL")]
    pub allow_debug: Option<bool>,
    /// A branch overriding the repository's
    #[arg(long, value_name = "BRANCH")]
    pub git_branch: Option<String>,
}

pub struct Templates;

impl CliKind for Templates {
    type Kind = resources::Templates;
    type Fields = TemplateFields;
    type Scope = ProjectArg;
    const HEADERS: &'static [&'static str] =
        &["ID", "NAME", "APP", "PLAYBOOK", "INVENTORY", "LAST TASK"];

    fn row(t: &TemplateSummary) -> Vec<String> {
        let last = t.last_task.as_ref().map_or_else(
            || "-".into(),
            |task| format!("{} {}", task.id, crate::output::status(&task.status)),
        );
        vec![
            t.id.to_string(),
            one_line(&t.name),
            t.app.as_str().to_owned(),
            one_line(&t.playbook),
            opt(&t.inventory_id),
            last,
        ]
    }

    fn blank() -> TemplateRequest {
        TemplateRequest::new(TemplateApp::Ansible, "", "", RepositoryId(0))
    }

    async fn set_on_request(
        place: Place<'_, Self>,
        fields: &TemplateFields,
        request: &mut TemplateRequest,
    ) -> Result<()> {
        apply(place.client, place.scope, fields, request).await
    }

    async fn set_on_change(
        place: Place<'_, Self>,
        fields: &TemplateFields,
        change: &mut TemplateRequest,
    ) -> Result<()> {
        apply(place.client, place.scope, fields, change).await
    }
}

async fn apply(
    client: &semaphore_api::Client,
    project: ProjectId,
    f: &TemplateFields,
    r: &mut TemplateRequest,
) -> Result<()> {
    set(&mut r.name, &f.name);
    set(&mut r.playbook, &f.playbook);
    if let Some(app) = &f.app {
        r.app = TemplateApp::from(app.as_str());
    }
    if let Some(description) = &f.description {
        r.description = Some(description.clone());
    }
    if let Some(arguments) = &f.arguments {
        r.arguments = Some(json_text("--arguments", arguments, false)?);
    }
    set(&mut r.allow_override_args_in_task, &f.allow_override_args);
    if let Some(branch) = &f.git_branch {
        r.git_branch = Some(branch.clone());
    }
    // Newer servers' `task_params`, set on the template's own.
    let allows = [
        f.allow_override_limit,
        f.allow_override_inventory,
        f.allow_debug,
    ];
    if allows.iter().any(Option::is_some) {
        let params = r.task_params.get_or_insert_default();
        set_some(&mut params.allow_override_limit, f.allow_override_limit);
        set_some(
            &mut params.allow_override_inventory,
            f.allow_override_inventory,
        );
        set_some(&mut params.allow_debug, f.allow_debug);
    }
    if let Some(id) = id_of::<resources::Inventories>(client, project, &f.inventory).await? {
        r.inventory_id = Some(id);
    }
    if let Some(id) = id_of::<resources::Repositories>(client, project, &f.repository).await? {
        r.repository_id = id;
    }
    if let Some(id) = id_of::<resources::Environments>(client, project, &f.environment).await? {
        r.environment_id = Some(id);
    }
    if let Some(id) = id_of::<resources::Views>(client, project, &f.view).await? {
        r.view_id = Some(id);
    }
    Ok(())
}

/// A setting given on the command line, kept where it is not.
fn set_some(slot: &mut Option<bool>, flag: Option<bool>) {
    if flag.is_some() {
        *slot = flag;
    }
}
