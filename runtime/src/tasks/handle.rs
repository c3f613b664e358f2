//! [`TaskHandle`]: a task on the server, and what is read or done with it in one call;
//! starting one is in `start.rs`, waiting for one in `wait.rs`, following its output in
//! `follow.rs`.

use std::time::Duration;

use crate::{Client, ProjectApi, ProjectId, Result, Task, TaskId, TaskStop};

/// How often a task is re-read when its socket is not available, by default.
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(1);
/// How long a socket may send nothing, not even a ping, before it counts as dropped, by
/// default. The server pings every 54 s.
pub const DEFAULT_SOCKET_IDLE: Duration = Duration::from_secs(75);
/// How long [`TaskHandle::wait`] reads a finished task again for its `end`, which the server
/// stores a moment after it tells the final status; past it, the task as it is.
pub const END_GRACE: Duration = Duration::from_secs(10);

impl Client {
    /// A handle to a task that already exists (nothing is sent).
    pub fn task_handle(&self, project_id: ProjectId, task_id: TaskId) -> TaskHandle {
        TaskHandle {
            client: self.clone(),
            project_id,
            task_id,
            options: Options {
                poll_interval: DEFAULT_POLL_INTERVAL,
                socket_idle: DEFAULT_SOCKET_IDLE,
                use_socket: true,
            },
        }
    }
}

/// A task on the server: wait for it, follow its output, stop or confirm it.
///
/// Waiting and following listen on the server's `/api/ws` WebSocket, authenticated with the
/// client's token or session cookie, over the client's TLS settings (the socket connects
/// directly: with a proxy set on the builder it is not used). When the socket is refused,
/// drops or stays silent, the handle re-reads the task every
/// [`poll_interval`](Self::poll_interval) instead, and tries the socket again later.
///
/// Cheap to clone; clones share the client.
#[derive(Clone, Debug)]
pub struct TaskHandle {
    pub(crate) client: Client,
    pub(crate) project_id: ProjectId,
    pub(crate) task_id: TaskId,
    pub(crate) options: Options,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Options {
    pub(crate) poll_interval: Duration,
    pub(crate) socket_idle: Duration,
    pub(crate) use_socket: bool,
}

impl TaskHandle {
    /// The task's project.
    pub fn project_id(&self) -> ProjectId {
        self.project_id
    }

    /// The task's id.
    pub fn task_id(&self) -> TaskId {
        self.task_id
    }

    /// How often the task is re-read when the socket is not available
    /// ([`DEFAULT_POLL_INTERVAL`] unless set; at least 10 ms).
    #[must_use]
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.options.poll_interval = interval.max(Duration::from_millis(10));
        self
    }

    /// How long the socket may send nothing before it counts as dropped
    /// ([`DEFAULT_SOCKET_IDLE`] unless set).
    #[must_use]
    pub fn socket_idle_limit(mut self, limit: Duration) -> Self {
        self.options.socket_idle = limit;
        self
    }

    /// Never opens the socket: waiting and following only re-read the task (as a loop written
    /// by hand would).
    #[must_use]
    pub fn without_socket(mut self) -> Self {
        self.options.use_socket = false;
        self
    }

    /// The task as the server has it now.
    pub async fn get(&self) -> Result<Task> {
        self.client
            .project_project_id_tasks_task_id_get(self.project_id, self.task_id)
            .await
    }

    /// The task's output as the server has stored it now, oldest line first (the whole of it,
    /// on every call: to read it as it grows, [`follow`](Self::follow)).
    pub async fn output(&self) -> Result<Vec<crate::TaskOutput>> {
        self.client
            .project_project_id_tasks_task_id_output_get(self.project_id, self.task_id)
            .await
    }

    /// The task's output as the server has stored it now, as numbered [`OutputLine`](super::OutputLine)s (the
    /// lines [`follow`](Self::follow) gives, without following).
    pub async fn lines(&self) -> Result<Vec<super::OutputLine>> {
        let stored = self.output().await?;
        Ok(stored
            .into_iter()
            .enumerate()
            .map(|(index, line)| {
                super::OutputLine::new(self.task_id, index, line.time, line.output)
            })
            .collect())
    }

    /// Stops the task. `force` marks it stopped at once, without waiting for its process to
    /// end.
    pub async fn stop(&self, force: bool) -> Result<()> {
        self.client
            .project_project_id_tasks_task_id_stop_post(
                self.project_id,
                self.task_id,
                &TaskStop { force },
            )
            .await
    }

    /// Confirms a task that waits for confirmation (`waiting_confirmation`), so that it runs.
    pub async fn confirm(&self) -> Result<()> {
        self.client
            .project_project_id_tasks_task_id_confirm_post(self.project_id, self.task_id)
            .await
    }
}
