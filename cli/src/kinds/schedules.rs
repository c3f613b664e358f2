//! `semaphore schedules`: templates run by cron.

use clap::Args;

use semaphore_api::resources;
use semaphore_api::{ProjectId, Schedule, ScheduleRequest, TemplateId};

use super::{CliKind, Place, id_of, set};
use crate::error::Result;
use crate::flags::ProjectArg;
use crate::output::one_line;

#[derive(Debug, Args)]
pub struct ScheduleFields {
    /// The name
    #[arg(long)]
    pub name: Option<String>,
    /// The template it runs (id or name)
    #[arg(long, value_name = "TEMPLATE")]
    pub template: Option<String>,
    /// When it runs: five cron fields, or @daily, @every 1h...
    #[arg(long, value_name = "CRON")]
    pub cron: Option<String>,
    /// Whether it runs
    #[arg(long, value_name = "BOOL")]
    pub active: Option<bool>,
}

pub struct Schedules;

impl CliKind for Schedules {
    type Kind = resources::Schedules;
    type Fields = ScheduleFields;
    type Scope = ProjectArg;
    const HEADERS: &'static [&'static str] = &["ID", "NAME", "CRON", "ACTIVE", "TEMPLATE"];

    fn row(s: &Schedule) -> Vec<String> {
        let template = match &s.tpl_name {
            Some(name) => format!("{} ({})", s.template_id, one_line(name)),
            None => s.template_id.to_string(),
        };
        vec![
            s.id.to_string(),
            one_line(&s.name),
            one_line(&s.cron_format),
            s.active.to_string(),
            template,
        ]
    }

    fn blank() -> ScheduleRequest {
        ScheduleRequest::new(TemplateId(0), "")
    }

    async fn set_on_request(
        place: Place<'_, Self>,
        fields: &ScheduleFields,
        request: &mut ScheduleRequest,
    ) -> Result<()> {
        apply(place.client, place.scope, fields, request).await
    }

    async fn set_on_change(
        place: Place<'_, Self>,
        fields: &ScheduleFields,
        change: &mut ScheduleRequest,
    ) -> Result<()> {
        apply(place.client, place.scope, fields, change).await
    }
}

async fn apply(
    client: &semaphore_api::Client,
    project: ProjectId,
    f: &ScheduleFields,
    r: &mut ScheduleRequest,
) -> Result<()> {
    set(&mut r.name, &f.name);
    set(&mut r.cron_format, &f.cron);
    set(&mut r.active, &f.active);
    if let Some(id) = id_of::<resources::Templates>(client, project, &f.template).await? {
        r.template_id = id;
    }
    Ok(())
}
