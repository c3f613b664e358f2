//! Waiting for a task's end: [`TaskHandle::wait`].

use std::time::{Duration, Instant};

use super::handle::{END_GRACE, TaskHandle};
use super::message::Message;
use super::pace::Pace;
use super::socket::{Frame, Socket};
use crate::{ErrorKind, Result, Task, TaskStatus};

impl TaskHandle {
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
}

/// After the socket said the task ended: the task as stored, re-read until the server has
/// saved its final status and its end (it tells the sockets first). Past `grace` after the
/// final status, the task as it is.
async fn final_task(handle: &TaskHandle, grace: Duration) -> Result<Task> {
    let mut pause = Duration::from_millis(20);
    let mut ended_at: Option<Instant> = None;
    loop {
        let task = handle.get().await?;
        if task.status.is_finished() {
            let since = *ended_at.get_or_insert_with(Instant::now);
            if task.end.is_some() || since.elapsed() >= grace {
                return Ok(task);
            }
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(handle.options.poll_interval);
    }
}
