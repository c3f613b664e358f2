//! Schedules: templates run by cron.

use serde::{Deserialize, Serialize};

/// A schedule (`project_project_id_schedules_schedule_id_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Schedule {
    /// The schedule's id.
    pub id: i64,
    /// When it runs, in cron format, e.g. `* * * 1 *`.
    pub cron_format: String,
    /// The project it belongs to.
    pub project_id: i64,
    /// The template it runs.
    pub template_id: i64,
    /// The schedule's name.
    pub name: String,
    /// Whether it is enabled.
    pub active: bool,
}

/// The body of `project_project_id_schedules_post` and `..._schedule_id_put`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScheduleRequest {
    /// On updates, the schedule's id (must equal the id in the path). Leave `None` when
    /// creating.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// When it runs, in cron format, e.g. `* * * 1 *`.
    pub cron_format: String,
    /// The project it belongs to (must equal the id in the path).
    pub project_id: i64,
    /// The template it runs.
    pub template_id: i64,
    /// The schedule's name.
    pub name: String,
    /// Whether it is enabled.
    pub active: bool,
}
