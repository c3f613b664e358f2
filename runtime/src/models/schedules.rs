//! Schedules: templates run by cron, or when a repository gets new commits.

use serde::{Deserialize, Serialize};

use crate::{ProjectId, RepositoryId, ScheduleId, TemplateId};

/// A schedule of a project (`project_project_id_schedules_schedule_id_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Schedule {
    /// The schedule's id.
    pub id: ScheduleId,
    /// The project it belongs to.
    pub project_id: ProjectId,
    /// The template it runs.
    pub template_id: TemplateId,
    /// When it runs: five cron fields, or `@daily`, `@every 1h`...
    pub cron_format: String,
    /// The schedule's name.
    pub name: String,
    /// Whether it runs.
    pub active: bool,
    /// For a schedule that runs on new commits, the repository it watches (`null` for a plain
    /// cron schedule).
    pub repository_id: Option<RepositoryId>,
    /// The template's name (`project_project_id_schedules_get` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tpl_name: Option<String>,
    /// Fields this model does not name (a newer server's), kept as sent: encoding the model
    /// gives them back, and an update built from it sends them back.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of `project_project_id_schedules_post` and `..._schedule_id_put`.
///
/// Its `project_id`, and on updates its `id`, come from the path: the client sets them in
/// the body, where the server reads them, so the two cannot disagree.
///
/// An update overwrites every field: build it from the schedule read
/// (`ScheduleRequest::from(&schedule)`) so that a change keeps the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleRequest {
    /// The template it runs.
    pub template_id: TemplateId,
    /// When it runs (checked by the server: 400 `Cron: ...` when it does not parse).
    pub cron_format: String,
    /// The schedule's name.
    #[serde(default)]
    pub name: String,
    /// Whether it runs (`false` when left out).
    #[serde(default)]
    pub active: bool,
    /// The repository to watch for new commits, for a schedule that runs on them.
    #[serde(default)]
    pub repository_id: Option<RepositoryId>,
    /// Fields this model does not name, sent as they are: those of the object an update was
    /// built from (a newer server's), or any a caller sets.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl ScheduleRequest {
    /// A new schedule that runs `template_id` on `cron_format` (five fields, e.g.
    /// `*/5 * * * *`). It is created inactive, as the server makes a schedule whose `active`
    /// is absent: set `active` to start it.
    pub fn new(template_id: TemplateId, cron_format: impl Into<String>) -> Self {
        ScheduleRequest {
            template_id,
            cron_format: cron_format.into(),
            name: String::new(),
            active: false,
            repository_id: None,
            extra: crate::Extra::default(),
        }
    }
}

impl From<&Schedule> for ScheduleRequest {
    /// An update of `schedule` that changes nothing.
    fn from(schedule: &Schedule) -> Self {
        ScheduleRequest {
            template_id: schedule.template_id,
            cron_format: schedule.cron_format.clone(),
            name: schedule.name.clone(),
            active: schedule.active,
            repository_id: schedule.repository_id,
            extra: schedule.extra.clone(),
        }
    }
}

/// The body of `project_project_id_schedules_validate_post`: a cron format to check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CronFormat {
    /// Five cron fields, or `@daily`, `@every 1h`...
    pub cron_format: String,
}

impl CronFormat {
    /// The format to check.
    pub fn new(cron_format: impl Into<String>) -> Self {
        CronFormat {
            cron_format: cron_format.into(),
        }
    }
}

/// The body of `project_project_id_schedules_schedule_id_active_put`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScheduleActive {
    /// Whether the schedule runs.
    pub active: bool,
}
