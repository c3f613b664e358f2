//! The schedules of a project.

use crate::{
    CronFormat, ProjectId, Result, Schedule, ScheduleActive, ScheduleId, ScheduleRequest,
    TemplateId, semaphore_api,
};

/// Schedule endpoints (the spec's `schedule` tag): templates run by cron.
///
/// On updates the real server reads the whole schedule, whose `id` and `project_id` must
/// equal the ids in the path.
#[semaphore_api]
pub trait ScheduleApi {
    /// Fetches a schedule.
    #[get("/project/{project_id}/schedules/{schedule_id}")]
    async fn project_project_id_schedules_schedule_id_get(
        &self,
        project_id: ProjectId,
        schedule_id: ScheduleId,
    ) -> Result<Schedule>;

    /// Deletes a schedule (204).
    #[delete("/project/{project_id}/schedules/{schedule_id}")]
    async fn project_project_id_schedules_schedule_id_delete(
        &self,
        project_id: ProjectId,
        schedule_id: ScheduleId,
    ) -> Result<()>;

    /// Updates a schedule (204). Set `id` to `schedule_id`.
    #[put("/project/{project_id}/schedules/{schedule_id}")]
    async fn project_project_id_schedules_schedule_id_put(
        &self,
        project_id: ProjectId,
        schedule_id: ScheduleId,
        #[body(project_id, id = schedule_id)] schedule: &ScheduleRequest,
    ) -> Result<()>;

    /// Creates a schedule (201).
    #[post("/project/{project_id}/schedules")]
    async fn project_project_id_schedules_post(
        &self,
        project_id: ProjectId,
        #[body(project_id)] schedule: &ScheduleRequest,
    ) -> Result<Schedule>;
    /// Fetches the project's cron schedules, each with its template's name (`tpl_name`).
    /// Schedules that watch a repository for commits are listed per template instead.
    #[get("/project/{project_id}/schedules")]
    async fn project_project_id_schedules_get(
        &self,
        project_id: ProjectId,
    ) -> Result<Vec<Schedule>>;

    /// Checks a cron format (200 without a body when it parses; 400 `Cron: ...` otherwise).
    #[post("/project/{project_id}/schedules/validate")]
    async fn project_project_id_schedules_validate_post(
        &self,
        project_id: ProjectId,
        #[body] cron: &CronFormat,
    ) -> Result<()>;

    /// Turns a schedule on or off (204).
    #[put("/project/{project_id}/schedules/{schedule_id}/active")]
    async fn project_project_id_schedules_schedule_id_active_put(
        &self,
        project_id: ProjectId,
        schedule_id: ScheduleId,
        #[body] active: &ScheduleActive,
    ) -> Result<()>;

    /// Fetches the schedules of a template that watch a repository for new commits (plain
    /// cron schedules are in `project_project_id_schedules_get`).
    #[get("/project/{project_id}/templates/{template_id}/schedules")]
    async fn project_project_id_templates_template_id_schedules_get(
        &self,
        project_id: ProjectId,
        template_id: TemplateId,
    ) -> Result<Vec<Schedule>>;
}
