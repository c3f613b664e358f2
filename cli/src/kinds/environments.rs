//! `semaphore environments`: the variables of a task.

use clap::Args;

use semaphore_api::resources;
use semaphore_api::{Environment, EnvironmentRequest};

use super::{CliKind, Place, set};
use crate::error::Result;
use crate::flags::ProjectArg;
use crate::json_args::json_text;
use crate::output::one_line;

#[derive(Debug, Args)]
pub struct EnvironmentFields {
    /// The name
    #[arg(long)]
    pub name: Option<String>,
    /// Extra variables, a JSON object
    #[arg(long, value_name = "JSON")]
    pub extra_vars: Option<String>,
    /// Environment variables, a JSON object
    #[arg(long, value_name = "JSON")]
    pub env_vars: Option<String>,
}

pub struct Environments;

impl CliKind for Environments {
    type Kind = resources::Environments;
    type Fields = EnvironmentFields;
    type Scope = ProjectArg;
    const HEADERS: &'static [&'static str] = &["ID", "NAME", "EXTRA VARIABLES", "ENVIRONMENT"];

    fn row(e: &Environment) -> Vec<String> {
        vec![
            e.id.to_string(),
            one_line(&e.name),
            one_line(&e.json),
            e.env.as_deref().map_or_else(|| "-".into(), one_line),
        ]
    }

    fn blank() -> EnvironmentRequest {
        EnvironmentRequest::new("")
    }

    async fn set_on_request(
        _: Place<'_, Self>,
        fields: &EnvironmentFields,
        request: &mut EnvironmentRequest,
    ) -> Result<()> {
        apply(fields, request)
    }

    async fn set_on_change(
        _: Place<'_, Self>,
        fields: &EnvironmentFields,
        change: &mut EnvironmentRequest,
    ) -> Result<()> {
        apply(fields, change)
    }
}

fn apply(f: &EnvironmentFields, r: &mut EnvironmentRequest) -> Result<()> {
    set(&mut r.name, &f.name);
    if let Some(vars) = &f.extra_vars {
        r.json = json_text("--extra-vars", vars, true)?;
    }
    if let Some(vars) = &f.env_vars {
        r.env = Some(json_text("--env-vars", vars, true)?);
    }
    Ok(())
}
