//! [`Tasks`]: a project's tasks.

use super::collection::Collection;
use super::kind::{Create, Delete, Get, Kind, List};
use crate::{
    Client, ProjectApi, ProjectId, Result, Task, TaskId, TaskOutput, TaskRequest, TaskStop,
};

/// The tasks of a project (`client.project(id).tasks()`), newest first.
///
/// | verb | operation |
/// |---|---|
/// | `list` | `project_project_id_tasks_get` (the last 1,000) |
/// | [`last`](Collection::last) | `project_project_id_tasks_last_get` |
/// | `get` | `project_project_id_tasks_task_id_get` |
/// | `create` | `project_project_id_tasks_post` (201, the queued task); `templates().run` gives a [`TaskHandle`](crate::TaskHandle) |
/// | [`output`](Collection::output) | `project_project_id_tasks_task_id_output_get` |
/// | [`stop`](Collection::stop) | `project_project_id_tasks_task_id_stop_post` |
/// | [`confirm`](Collection::confirm) | `project_project_id_tasks_task_id_confirm_post` |
/// | `delete` | `project_project_id_tasks_task_id_delete` (administrators only) |
#[derive(Debug)]
pub struct Tasks;

impl Kind for Tasks {
    type Scope = ProjectId;
    type Id = TaskId;
    type Item = Task;
    type Summary = Task;
    type Request = TaskRequest;
    const ONE: &'static str = "task";
}

impl List for Tasks {
    async fn list(client: &Client, project: ProjectId) -> Result<Vec<Task>> {
        client.project_project_id_tasks_get(project).await
    }

    fn summary_id(task: &Task) -> TaskId {
        task.id
    }
}

impl Get for Tasks {
    async fn get(client: &Client, project: ProjectId, id: TaskId) -> Result<Task> {
        client
            .project_project_id_tasks_task_id_get(project, id)
            .await
    }
}

impl Create for Tasks {
    async fn create(client: &Client, project: ProjectId, request: &TaskRequest) -> Result<Task> {
        client.project_project_id_tasks_post(project, request).await
    }
}

impl Delete for Tasks {
    async fn delete(client: &Client, project: ProjectId, id: TaskId) -> Result<()> {
        client
            .project_project_id_tasks_task_id_delete(project, id)
            .await
    }
}

impl Collection<'_, Tasks> {
    /// The last `limit` tasks (1 to 200; `None`: 200), newest first.
    pub async fn last(&self, limit: Option<u32>) -> Result<Vec<Task>> {
        self.client
            .project_project_id_tasks_last_get(self.scope, limit)
            .await
    }

    /// Task `id`'s output as stored now, oldest line first.
    pub async fn output(&self, id: TaskId) -> Result<Vec<TaskOutput>> {
        self.client
            .project_project_id_tasks_task_id_output_get(self.scope, id)
            .await
    }

    /// Stops task `id`; `force` marks it stopped at once. Stopping a task that has ended
    /// rewrites its status to `stopped`.
    pub async fn stop(&self, id: TaskId, force: bool) -> Result<()> {
        self.client
            .project_project_id_tasks_task_id_stop_post(self.scope, id, &TaskStop { force })
            .await
    }

    /// Confirms task `id`, which waits for confirmation.
    pub async fn confirm(&self, id: TaskId) -> Result<()> {
        self.client
            .project_project_id_tasks_task_id_confirm_post(self.scope, id)
            .await
    }

    /// A handle to task `id`: wait for it, follow its output.
    #[cfg(feature = "tasks")]
    pub fn handle(&self, id: TaskId) -> crate::TaskHandle {
        self.client.task_handle(self.scope, id)
    }
}
