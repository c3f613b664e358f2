//! [`TaskHandle`]: starting a task, and what can be done with one.

use std::time::{Duration, Instant};

use super::follow::{OutputStream, final_task};
use super::message::Message;
use super::overrides::{self, Asked};
use super::pace::Pace;
use super::socket::{Frame, Socket};
use crate::ErrorKind;
use crate::{
    Call, Client, ProjectApi, ProjectId, Result, Task, TaskId, TaskRequest, TaskStatus, TaskStop,
};

/// The operation that starts a task.
const START: &str = "project_project_id_tasks_post";

/// How often a task is re-read when its socket is not available, by default.
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(1);
/// How long a socket may send nothing, not even a ping, before it counts as dropped, by
/// default. The server pings every 54 s.
pub const DEFAULT_SOCKET_IDLE: Duration = Duration::from_secs(75);
/// How long [`TaskHandle::wait`] reads a finished task again for its `end`, which the server
/// stores a moment after it tells the final status; past it, the task as it is.
pub const END_GRACE: Duration = Duration::from_secs(10);

impl Client {
    /// Starts a task from a template (`POST /project/{project_id}/tasks`) and returns its
    /// handle. The request's options (`debug`, `dry_run`, `limit`, `environment`, ...) go to
    /// the server as given, in the shapes of both v2.10.32 and newer servers.
    ///
    /// A task never runs wider than asked. When the request overrides the template's limit,
    /// tags, skipped tags, inventory, debugging or arguments, the template and the server's
    /// version are read first, and a task the server would run without the override is not
    /// started: an [`ErrorKind::InvalidArgument`] names the field and the template setting that
    /// allows it (newer servers drop an override their template does not allow without a
    /// word, and run the template's own limit or every host). After the start, the task the
    /// server answered must show what was asked; if it does not, the task is stopped at once
    /// and an [`ErrorKind::NotApplied`] says so.
    ///
    /// ```no_run
    /// # async fn run(client: semaphore_api::Client, template: semaphore_api::TemplateId) -> semaphore_api::Result<()> {
    /// use std::time::Duration;
    /// use semaphore_api::{ProjectId, TaskRequest};
    ///
    /// let request = TaskRequest::new(template);
    /// let task = client.run_task(ProjectId(1), &request).await?;
    /// let mut output = task.follow();
    /// while let Some(line) = output.next().await {
    ///     println!("{}", line?.output);
    /// }
    /// let finished = task.wait(Duration::from_secs(600)).await?;
    /// println!("{}", if finished.status.is_success() { "ok" } else { "failed" });
    /// # Ok(()) }
    /// ```
    pub async fn run_task(
        &self,
        project_id: ProjectId,
        request: &TaskRequest,
    ) -> Result<TaskHandle> {
        let asked = Asked::of(request);
        if asked.any() {
            let template = self
                .project_project_id_templates_template_id_get(project_id, request.template_id)
                .await?;
            let version = self.server_version().await?;
            if let Some((param, reason)) = overrides::refused(&template, &version, &asked) {
                return Err(ErrorKind::InvalidArgument {
                    call: Call::named(START),
                    param,
                    reason,
                }
                .into());
            }
        }
        let task = self
            .project_project_id_tasks_post(project_id, request)
            .await?;
        let handle = self.task_handle(project_id, task.id);
        if let Some(what) = overrides::not_recorded(&task, &asked) {
            let stopped = match handle.stop(true).await {
                Ok(()) => "the task was stopped at once".to_owned(),
                Err(e) => format!("stopping the task failed too: {e}"),
            };
            return Err(ErrorKind::NotApplied {
                call: Call::named(START),
                what: format!("{what} ({stopped})"),
            }
            .into());
        }
        Ok(handle)
    }

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

    /// Waits for a final status (`success`, `error` or `stopped`) and returns the finished
    /// task, `end` included: the server tells the final status before it stores the end, so
    /// the task is read again until it has one (for at most [`END_GRACE`]).
    /// `task.status.is_success()` tells success from failure.
    ///
    /// When `deadline` passes first, an [`ErrorKind::TaskNotFinished`] (`is_timeout()` is true)
    /// saying the task had not finished and its last status; the task itself goes on.
    ///
    /// While it waits it listens on the socket, reads the task every
    /// [`poll_interval`](Self::poll_interval) when there is none, and opens the socket again
    /// after one fails or dies young only after a wait that doubles each time (1 s to 30 s):
    /// a server that closes every socket at once sees a few upgrades, not a storm.
    pub async fn wait(&self, deadline: Duration) -> Result<Task> {
        let mut last = TaskStatus::Waiting;
        match tokio::time::timeout(deadline, self.wait_for_end(&mut last)).await {
            Ok(result) => result,
            Err(_) => Err(ErrorKind::TaskNotFinished {
                project_id: self.project_id,
                task_id: self.task_id,
                deadline,
                status: last,
            }
            .into()),
        }
    }

    async fn wait_for_end(&self, last: &mut TaskStatus) -> Result<Task> {
        // A task that has ended needs no socket.
        let task = self.get().await?;
        *last = task.status.clone();
        if task.status.is_finished() {
            return final_task(self, END_GRACE).await;
        }
        let mut pace = Pace::new(self.options.poll_interval);
        loop {
            let mut socket = None;
            if self.options.use_socket && pace.socket_due() {
                match Socket::connect(&self.client).await {
                    Ok(s) => socket = Some((s, Instant::now())),
                    Err(why) => {
                        tracing::debug!(target: "semaphore_api", task_id = self.task_id.0, why, "task socket not available; polling");
                        pace.socket_ended(None, false);
                    }
                }
            }
            // Read after the socket is up, so that no change falls between the two.
            let task = self.get().await?;
            pace.read(false);
            *last = task.status.clone();
            if task.status.is_finished() {
                return final_task(self, END_GRACE).await;
            }
            let Some((mut socket, opened)) = socket else {
                let mut at = pace.read_at();
                if self.options.use_socket {
                    at = at.min(pace.socket_at());
                }
                tokio::time::sleep_until(at.into()).await;
                continue;
            };
            let mut useful = false;
            loop {
                match socket.next(self.options.socket_idle).await {
                    Frame::Closed(why) => {
                        tracing::debug!(target: "semaphore_api", task_id = self.task_id.0, why, "task socket dropped");
                        pace.socket_ended(Some(opened.elapsed()), useful);
                        break;
                    }
                    Frame::Message(Message::Update { task_id, status })
                        if task_id == self.task_id =>
                    {
                        useful = true;
                        *last = status.clone();
                        if status.is_finished() {
                            return final_task(self, END_GRACE).await;
                        }
                    }
                    // A malformed message might have been the final update: look, when the
                    // pace allows (a server sending nothing else is not read in a loop).
                    Frame::Message(message @ Message::Malformed { .. })
                        if message.may_concern(self.task_id)
                            && Instant::now() >= pace.read_at() =>
                    {
                        let task = self.get().await?;
                        pace.read(false);
                        *last = task.status.clone();
                        if task.status.is_finished() {
                            return final_task(self, END_GRACE).await;
                        }
                    }
                    Frame::Message(_) => {}
                }
            }
            // Before the socket opens again, wait for the pace and look at the task then.
            let at = pace.socket_at().min(pace.read_at());
            tokio::time::sleep_until(at.into()).await;
        }
    }

    /// The task's output as a [`Stream`](futures_util::Stream) of lines, from its first line,
    /// live as the server writes them, ending after the task's final status. Every line comes
    /// once, in the server's order (lines written before the socket was up come from the
    /// stored output; after a dropped socket, from the lines stored since). An error (the
    /// server cannot be read) is the stream's last item.
    pub fn follow(&self) -> OutputStream {
        OutputStream::new(self.clone())
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
