//! The server's task pool: the tasks of every project that are queued or running.

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use crate::{ProjectId, RunnerId, TaskId, TaskStatus};

string_enum! {
    /// Where a task is in the server's pool.
    pub enum TaskLocation {
        /// Waiting for a free slot (`queue`).
        Queue = "queue",
        /// Started, on the server or on a runner (`running`).
        Running = "running",
    }
    default Queue;
}

/// A queued or running task of any project (`tasks_get`).
///
/// Finished tasks leave the pool: read them with
/// [`project_project_id_tasks_task_id_get`](crate::ProjectApi::project_project_id_tasks_task_id_get).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GlobalTask {
    /// The task's id.
    pub task_id: TaskId,
    /// The project it belongs to.
    pub project_id: ProjectId,
    /// The login of who started it (absent for a schedule or an integration).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The runner it was given to (absent when it runs on the server or is not given yet).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runner_id: Option<RunnerId>,
    /// The task's state.
    pub status: TaskStatus,
    /// Whether it is queued or running.
    pub location: TaskLocation,
    /// The runner's name (this server version never sends it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runner_name: Option<String>,
    /// The project's name (this server version never sends it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_name: Option<String>,
}
