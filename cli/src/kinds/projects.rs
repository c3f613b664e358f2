//! `semaphore projects`: not inside a project; an update's body is the project itself.

use clap::Args;

use semaphore_api::resources;
use semaphore_api::{Project, ProjectRequest};

use super::{CliKind, Place, Server, set};
use crate::error::Result;
use crate::output::one_line;

#[derive(Debug, Args)]
pub struct ProjectFields {
    /// The name
    #[arg(long)]
    pub name: Option<String>,
    /// Whether task alerts are sent
    #[arg(long, value_name = "BOOL")]
    pub alert: Option<bool>,
    /// The chat that receives alerts
    #[arg(long, value_name = "CHAT")]
    pub alert_chat: Option<String>,
    /// How many tasks may run at once (0: no limit)
    #[arg(long, value_name = "N")]
    pub max_parallel_tasks: Option<i64>,
}

pub struct Projects;

impl CliKind for Projects {
    type Kind = resources::Projects;
    type Fields = ProjectFields;
    type Scope = Server;
    const HEADERS: &'static [&'static str] = &["ID", "NAME", "CREATED", "MAX PARALLEL TASKS"];
    const DELETE_ALSO: &'static str = " and everything in it";

    fn row(p: &Project) -> Vec<String> {
        vec![
            p.id.to_string(),
            one_line(&p.name),
            one_line(&p.created),
            p.max_parallel_tasks.to_string(),
        ]
    }

    fn blank() -> ProjectRequest {
        ProjectRequest::new("")
    }

    async fn set_on_request(
        _: Place<'_, Self>,
        f: &ProjectFields,
        r: &mut ProjectRequest,
    ) -> Result<()> {
        set(&mut r.name, &f.name);
        set(&mut r.alert, &f.alert);
        if let Some(chat) = &f.alert_chat {
            r.alert_chat = Some(chat.clone());
        }
        set(&mut r.max_parallel_tasks, &f.max_parallel_tasks);
        Ok(())
    }

    async fn set_on_change(_: Place<'_, Self>, f: &ProjectFields, p: &mut Project) -> Result<()> {
        set(&mut p.name, &f.name);
        set(&mut p.alert, &f.alert);
        if let Some(chat) = &f.alert_chat {
            p.alert_chat = Some(chat.clone());
        }
        set(&mut p.max_parallel_tasks, &f.max_parallel_tasks);
        Ok(())
    }
}
