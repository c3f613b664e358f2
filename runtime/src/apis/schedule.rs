//! The schedules of a project.

use crate::{
    CronFormat, ProjectId, Result, Schedule, ScheduleActive, ScheduleId, ScheduleRequest,
    TemplateId, semaphore_api,
};

/// Schedule endpoints (the spec's `schedule` tag): templates run by cron.
///
/// On updates the real server reads the whole schedule, with its `id` and `project_id`: the
/// client writes them from the path arguments.
///
/// ```no_run
/// use semaphore_api::{Client, CronFormat, ProjectId, ScheduleApi, ScheduleRequest, TemplateId};
///
/// # async fn run() -> semaphore_api::Result<()> {
/// let client = Client::builder("http://localhost:3000/api")
///     .bearer_token("kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu=")
///     .build()?;
/// let (project, template) = (ProjectId(1), TemplateId(4));
/// let nightly = "30 2 * * *";
/// client
///     .project_project_id_schedules_validate_post(project, &CronFormat::new(nightly))
///     .await?;
/// let mut schedule = ScheduleRequest::new(template, nightly);
/// schedule.name = "Nightly deploy".into();
/// schedule.active = true;
/// let created = client.project_project_id_schedules_post(project, &schedule).await?;
/// println!("schedule {} runs template {} at {}", created.id, created.template_id, created.cron_format);
/// # Ok(()) }
/// ```
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

    /// Updates a schedule (204). Every update also forgets the last commit a repository
    /// schedule saw, so that schedule runs its template once more at its next check: never
    /// sent twice by a [`Retry`](crate::Retry).
    #[put("/project/{project_id}/schedules/{schedule_id}")]
    #[not_idempotent]
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
    #[idempotent]
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
