//! The schedules of a project.

use crate::{ProjectId, Result, Schedule, ScheduleId, ScheduleRequest, semaphore_api};

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
        #[body] schedule: &ScheduleRequest,
    ) -> Result<()>;

    /// Creates a schedule (201).
    #[post("/project/{project_id}/schedules")]
    async fn project_project_id_schedules_post(
        &self,
        project_id: ProjectId,
        #[body] schedule: &ScheduleRequest,
    ) -> Result<Schedule>;
}
