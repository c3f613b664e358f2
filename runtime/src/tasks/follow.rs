//! Following a task's output: [`OutputStream`].
//!
//! The stored output (`GET .../output`, every line, oldest first) is the truth; what has been
//! handed out is always its first `seen` lines, so resuming after any failure is reading it
//! and skipping `seen` lines (a count, not a set: identical lines repeat). The socket's lines
//! are handed out as soon as their place in the stored output is certain ([`Placement`]);
//! until then, and whenever the socket is down, the stored output is read again, as often as
//! [`Pace`] allows. At the end, the stored output is read until it stops growing, and
//! whatever it holds past `seen` is handed out.

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use futures_util::Stream;
use futures_util::stream::BoxStream;

use super::handle::TaskHandle;
use super::line::OutputLine;
use super::message::Message;
use super::pace::Pace;
use super::placement::Placement;
use super::socket::{Frame, Socket};
use crate::{ProjectApi, Result, TaskOutput};

/// The pause between the reads of the stored output after the task ended.
const SETTLE_PAUSE: Duration = Duration::from_millis(200);

/// A task's output lines (see [`TaskHandle::follow`]): a [`Stream`] of
/// `Result<OutputLine>`, which also has an inherent [`next`](Self::next).
pub struct OutputStream {
    inner: BoxStream<'static, Result<OutputLine>>,
}

impl TaskHandle {
    /// The task's output as a [`Stream`](futures_util::Stream) of lines, from its first line,
    /// live as the server writes them, ending after the task's final status. Every line comes
    /// once, in the server's order (lines written before the socket was up come from the
    /// stored output; after a dropped socket, from the lines stored since). An error (the
    /// server cannot be read) is the stream's last item.
    pub fn follow(&self) -> OutputStream {
        OutputStream::new(self.clone())
    }
}

impl OutputStream {
    pub(crate) fn new(handle: TaskHandle) -> Self {
        let pace = Pace::new(handle.options.poll_interval);
        let follower = Follower {
            handle,
            seen: 0,
            ready: VecDeque::new(),
            stored: Vec::new(),
            live: None,
            placement: Placement::default(),
            pace,
            done: false,
        };
        let inner = futures_util::stream::unfold(follower, |mut f| async move {
            f.next().await.map(|item| (item, f))
        });
        OutputStream {
            inner: Box::pin(inner),
        }
    }

    /// The next line; `None` once the task has ended and every line was given.
    pub async fn next(&mut self) -> Option<Result<OutputLine>> {
        futures_util::StreamExt::next(&mut self.inner).await
    }
}

impl Stream for OutputStream {
    type Item = Result<OutputLine>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl fmt::Debug for OutputStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutputStream").finish_non_exhaustive()
    }
}

/// An open socket, since when, and whether it told anything about the task.
struct Live {
    socket: Socket,
    opened: Instant,
    useful: bool,
}

struct Follower {
    handle: TaskHandle,
    /// How many lines of the stored output have been handed out (they are its first ones).
    seen: usize,
    ready: VecDeque<Result<OutputLine>>,
    /// The last read of the stored output.
    stored: Vec<TaskOutput>,
    live: Option<Live>,
    placement: Placement,
    pace: Pace,
    /// Every line has been given (or an error).
    done: bool,
}

/// What woke the follower up.
enum Woken {
    Frame(Frame),
    /// Time to read again.
    Read,
}

impl Follower {
    async fn next(&mut self) -> Option<Result<OutputLine>> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            if let Err(e) = self.step().await {
                self.done = true;
                return Some(Err(e));
            }
        }
    }

    /// Does one thing that may hand out lines.
    async fn step(&mut self) -> Result<()> {
        let options = self.handle.options;
        if self.live.is_none() && options.use_socket && self.pace.socket_due() {
            self.open().await;
            // The reads come after the socket is up: nothing falls between them and it.
            return self.read(true).await;
        }
        let woken = match &mut self.live {
            Some(live) => {
                let read_at = self.placement.waiting().then(|| self.pace.read_at());
                let frame = std::pin::pin!(live.socket.next(options.socket_idle));
                let timer = std::pin::pin!(sleep_until(read_at));
                match futures_util::future::select(frame, timer).await {
                    futures_util::future::Either::Left((frame, _)) => Woken::Frame(frame),
                    futures_util::future::Either::Right(_) => Woken::Read,
                }
            }
            None => {
                let mut at = self.pace.read_at();
                if options.use_socket {
                    at = at.min(self.pace.socket_at());
                }
                tokio::time::sleep_until(at.into()).await;
                if self.pace.socket_due() && options.use_socket {
                    return Ok(());
                }
                Woken::Read
            }
        };
        match woken {
            Woken::Read => self.read(self.live.is_none()).await,
            Woken::Frame(frame) => self.on_frame(frame).await,
        }
    }

    async fn open(&mut self) {
        let handle = &self.handle;
        match Socket::connect(&handle.client).await {
            Ok(socket) => {
                self.live = Some(Live {
                    socket,
                    opened: Instant::now(),
                    useful: false,
                });
                self.placement.reset();
            }
            Err(why) => {
                tracing::debug!(target: "semaphore_api", task_id = handle.task_id.0, why, "task socket not available; polling");
                self.pace.socket_ended(None, false);
            }
        }
    }

    /// Reads the stored output (and, with `task`, the task first: an ended task is finished
    /// off).
    async fn read(&mut self, task: bool) -> Result<()> {
        if task && self.handle.get().await?.status.is_finished() {
            return self.finish(true).await;
        }
        self.stored = read_stored(&self.handle).await?;
        self.placement.refine(&self.stored);
        self.hand_out();
        self.pace
            .read(self.live.is_some() && self.placement.waiting());
        Ok(())
    }

    async fn on_frame(&mut self, frame: Frame) -> Result<()> {
        let task_id = self.handle.task_id;
        let message = match frame {
            Frame::Message(message) => message,
            Frame::Closed(why) => {
                tracing::debug!(target: "semaphore_api", task_id = task_id.0, why, "task socket dropped; reading the stored output");
                if let Some(live) = self.live.take() {
                    self.pace
                        .socket_ended(Some(live.opened.elapsed()), live.useful);
                }
                return Ok(());
            }
        };
        match message {
            Message::Log {
                task_id: id,
                time,
                output,
            } if id == task_id => {
                self.mark_useful();
                self.placement.push((time, output), &self.stored);
                self.hand_out();
            }
            Message::Update {
                task_id: id,
                status,
            } if id == task_id => {
                self.mark_useful();
                if status.is_finished() {
                    // The server tells a task's lines before its final status, and stores
                    // them a little after: read until the stored output stops growing.
                    return self.finish(true).await;
                }
            }
            other if other.may_concern(task_id) => {
                // A line of ours may be lost in it: the socket's lines no longer follow on,
                // and the task and its stored output are read again when the pace allows.
                tracing::debug!(target: "semaphore_api", task_id = task_id.0, "malformed socket message; reading the stored output");
                self.placement.reset();
                if Instant::now() >= self.pace.read_at() {
                    // It may have been the final status too.
                    return self.read(true).await;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn mark_useful(&mut self) {
        if let Some(live) = &mut self.live {
            live.useful = true;
        }
    }

    /// The task has ended: reads the stored output until it stops growing and gives the
    /// lines past `seen`.
    async fn finish(&mut self, settle: bool) -> Result<()> {
        self.live = None;
        self.stored = read_stored(&self.handle).await?;
        let before = self.seen;
        self.hand_out();
        if settle || self.seen != before {
            loop {
                let pause = SETTLE_PAUSE.min(self.handle.options.poll_interval);
                tokio::time::sleep(pause).await;
                let count = self.stored.len();
                self.stored = read_stored(&self.handle).await?;
                self.hand_out();
                if self.stored.len() == count {
                    break;
                }
            }
        }
        self.done = true;
        Ok(())
    }

    /// Hands out what can be, from `seen` on: the stored lines, then the socket's whose place
    /// is certain.
    fn hand_out(&mut self) {
        while let Some(line) = self.stored.get(self.seen) {
            let (time, output) = (line.time.clone(), line.output.clone());
            self.emit(time, output);
        }
        while let Some((time, output)) = self.placement.line(self.seen).cloned() {
            self.emit(time, output);
        }
        self.placement.handed_out(self.seen);
    }

    fn emit(&mut self, time: String, output: String) {
        self.ready.push_back(Ok(OutputLine::new(
            self.handle.task_id,
            self.seen,
            time,
            output,
        )));
        self.seen += 1;
    }
}

async fn read_stored(handle: &TaskHandle) -> Result<Vec<TaskOutput>> {
    handle
        .client
        .project_project_id_tasks_task_id_output_get(handle.project_id, handle.task_id)
        .await
}

/// Sleeps until `at`, or forever.
async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at.into()).await,
        None => std::future::pending().await,
    }
}
