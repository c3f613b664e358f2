//! The server's task pool, across projects.

use crate::{GlobalTask, Result, TaskId, semaphore_api};

/// Global tasks: the queued and running tasks of every project. Not in the spec; served by
/// the real server (`api/router.go`). **Administrators only** (others get a 403).
///
/// ```no_run
/// use semaphore_api::{Client, TaskLocation, TasksApi};
///
/// # async fn run() -> semaphore_api::Result<()> {
/// let client = Client::builder("http://localhost:3000/api")
///     .bearer_token("kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu=")
///     .build()?;
/// // Stop everything that is still waiting in the queue.
/// for task in client.tasks_get().await? {
///     if task.location == TaskLocation::Queue {
///         client.tasks_task_id_delete(task.task_id).await?;
///     }
/// }
/// # Ok(()) }
/// ```
#[semaphore_api]
pub trait TasksApi {
    /// Lists the queued tasks, then the running ones, of every project (finished tasks are
    /// not in it). **Administrators only** (403 otherwise).
    #[get("/tasks")]
    async fn tasks_get(&self) -> Result<Vec<GlobalTask>>;

    /// Answers the **whole list**, like [`tasks_get`](Self::tasks_get): the real server
    /// ignores `task_id` here (it does not look the task up, and an unknown id is no
    /// error). Find the task in the list by its `task_id`. **Administrators only** (403
    /// otherwise).
    #[get("/tasks/{task_id}")]
    async fn tasks_task_id_get(&self, task_id: TaskId) -> Result<Vec<GlobalTask>>;

    /// Stops a queued or running task (204; also 204 when no such task is queued or
    /// running, and nothing happens). **Administrators only** (403 otherwise).
    #[delete("/tasks/{task_id}")]
    async fn tasks_task_id_delete(&self, task_id: TaskId) -> Result<()>;
}
