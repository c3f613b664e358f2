//! [`Schedules`]: a project's schedules.

use super::collection::Collection;
use super::kind::{Create, Delete, Get, Kind, List, Named, Update};
use crate::{
    Client, ProjectId, Result, Schedule, ScheduleActive, ScheduleApi, ScheduleId, ScheduleRequest,
    TemplateId,
};

/// The schedules of a project (`client.project(id).schedules()`).
///
/// | verb | operation |
/// |---|---|
/// | `list`, `find` | `project_project_id_schedules_get`: the server lists the cron schedules only |
/// | [`of_template`](Collection::of_template) | `project_project_id_templates_template_id_schedules_get`: a template's schedules that watch a repository |
/// | `get` | `project_project_id_schedules_schedule_id_get` |
/// | `create` | `project_project_id_schedules_post` (201, the schedule) |
/// | `update` | `project_project_id_schedules_schedule_id_put`: it also makes a repository schedule run once more at its next check |
/// | [`set_active`](Collection::set_active) | `project_project_id_schedules_schedule_id_active_put` |
/// | `delete` | `project_project_id_schedules_schedule_id_delete` |
#[derive(Debug)]
pub struct Schedules;

impl Kind for Schedules {
    type Scope = ProjectId;
    type Id = ScheduleId;
    type Item = Schedule;
    type Summary = Schedule;
    type Request = ScheduleRequest;
    const ONE: &'static str = "schedule";
}

impl List for Schedules {
    async fn list(client: &Client, project: ProjectId) -> Result<Vec<Schedule>> {
        client.project_project_id_schedules_get(project).await
    }

    fn summary_id(schedule: &Schedule) -> ScheduleId {
        schedule.id
    }
}

impl Named for Schedules {
    fn name(schedule: &Schedule) -> &str {
        &schedule.name
    }
}

impl Get for Schedules {
    async fn get(client: &Client, project: ProjectId, id: ScheduleId) -> Result<Schedule> {
        client
            .project_project_id_schedules_schedule_id_get(project, id)
            .await
    }
}

impl Create for Schedules {
    async fn create(
        client: &Client,
        project: ProjectId,
        request: &ScheduleRequest,
    ) -> Result<Schedule> {
        client
            .project_project_id_schedules_post(project, request)
            .await
    }
}

impl Update for Schedules {
    type Change = ScheduleRequest;
    const PUT: &'static str = "project_project_id_schedules_schedule_id_put";

    fn unchanged(schedule: &Schedule) -> ScheduleRequest {
        ScheduleRequest::from(schedule)
    }

    async fn put(
        client: &Client,
        project: ProjectId,
        id: ScheduleId,
        change: &ScheduleRequest,
    ) -> Result<()> {
        client
            .project_project_id_schedules_schedule_id_put(project, id, change)
            .await
    }
}

impl Delete for Schedules {
    async fn delete(client: &Client, project: ProjectId, id: ScheduleId) -> Result<()> {
        client
            .project_project_id_schedules_schedule_id_delete(project, id)
            .await
    }
}

impl Collection<'_, Schedules> {
    /// The schedules of template `template` that watch a repository for new commits.
    pub async fn of_template(&self, template: TemplateId) -> Result<Vec<Schedule>> {
        self.client
            .project_project_id_templates_template_id_schedules_get(self.scope, template)
            .await
    }

    /// Turns schedule `id` on or off.
    pub async fn set_active(&self, id: ScheduleId, active: bool) -> Result<()> {
        self.client
            .project_project_id_schedules_schedule_id_active_put(
                self.scope,
                id,
                &ScheduleActive { active },
            )
            .await
    }
}
