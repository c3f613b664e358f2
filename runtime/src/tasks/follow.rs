//! Following a task's output: [`OutputStream`].
//!
//! The stored output (`GET .../output`, every line, oldest first) is the truth; what has been
//! handed out is always its first `seen` lines, so resuming after any failure is reading it
//! and skipping `seen` lines (a count, not a set: identical lines repeat). The socket's lines
//! are handed out as they come once their position in the stored output is known: the first
//! line a new socket brings is looked up (by text and instant) in a read of the stored output
//! made after the socket was up, re-read until it shows up there; the lines after it follow
//! it. Lines written before the socket was up come from that read. At the end, the stored
//! output is read until it stops growing, and whatever it holds past `seen` is handed out.

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use futures_util::Stream;
use futures_util::stream::BoxStream;

use super::handle::{SOCKET_RETRY, TaskHandle};
use super::line::{OutputLine, same_line};
use super::message::Message;
use super::socket::{Frame, Socket};
use crate::{ProjectApi, Result, Task, TaskOutput};

/// How many times a read of the stored output is repeated waiting for a socket's first line to
/// show up in it, before the socket is given up for polling.
const ALIGN_READS: u32 = 20;
/// The first pause between those reads; it doubles, up to the poll interval.
const ALIGN_PAUSE: Duration = Duration::from_millis(20);
/// The pause between the reads of the stored output after the task ended.
const SETTLE_PAUSE: Duration = Duration::from_millis(200);
/// A socket that dies sooner than this without a line is not reopened at once.
const SHORT_LIVED: Duration = Duration::from_secs(1);

/// A task's output lines (see [`TaskHandle::follow`]): a [`Stream`] of
/// `Result<OutputLine>`, which also has an inherent [`next`](Self::next).
pub struct OutputStream {
    inner: BoxStream<'static, Result<OutputLine>>,
}

impl OutputStream {
    pub(crate) fn new(handle: TaskHandle) -> Self {
        let follower = Follower {
            handle,
            seen: 0,
            ready: VecDeque::new(),
            state: State::Start,
            socket_due: Instant::now(),
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

struct Follower {
    handle: TaskHandle,
    /// How many lines of the stored output have been handed out (they are its first ones).
    seen: usize,
    ready: VecDeque<Result<OutputLine>>,
    state: State,
    /// When the socket may be tried again.
    socket_due: Instant,
}

// One per followed task, moved rarely: boxing the socket would buy nothing.
#[allow(clippy::large_enum_variant)]
enum State {
    /// Open the socket if possible, read the task and its output.
    Start,
    /// The socket is up.
    Live {
        socket: Box<Socket>,
        opened: Instant,
        position: Position,
    },
    /// No socket: re-read after the poll interval.
    Polling,
    /// Every line has been given (or an error).
    Done,
}

/// Where the socket's lines go in the stored output.
enum Position {
    /// The next line from the socket is line `next` of the stored output.
    Known { next: usize },
    /// Not yet known: the last read of the stored output, and the socket's lines so far.
    Unknown {
        stored: Vec<TaskOutput>,
        lines: Vec<(String, String)>,
    },
}

impl Follower {
    async fn next(&mut self) -> Option<Result<OutputLine>> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            if let Err(e) = self.step().await {
                self.state = State::Done;
                return Some(Err(e));
            }
            if matches!(self.state, State::Done) && self.ready.is_empty() {
                return None;
            }
        }
    }

    /// Does one thing that may produce lines or change the state.
    async fn step(&mut self) -> Result<()> {
        match std::mem::replace(&mut self.state, State::Done) {
            State::Done => Ok(()),
            State::Start => self.start().await,
            State::Polling => {
                tokio::time::sleep(self.handle.options.poll_interval).await;
                self.start().await
            }
            State::Live {
                mut socket,
                opened,
                position,
            } => {
                let frame = socket.next(self.handle.options.socket_idle).await;
                self.on_frame(frame, socket, opened, position).await
            }
        }
    }

    async fn start(&mut self) -> Result<()> {
        let handle = &self.handle;
        let mut socket = None;
        if handle.options.use_socket && Instant::now() >= self.socket_due {
            match Socket::connect(&handle.client).await {
                Ok(s) => socket = Some(s),
                Err(why) => {
                    tracing::debug!(target: "semaphore_api", task_id = handle.task_id.0, why, "task socket not available; polling");
                    self.socket_due = Instant::now() + SOCKET_RETRY;
                }
            }
        }
        // Both reads come after the socket is up: nothing falls between them and it.
        let task = handle.get().await?;
        if task.status.is_finished() {
            return self.finish(true).await;
        }
        let stored = self.read_stored().await?;
        self.state = match socket {
            Some(socket) => State::Live {
                socket: Box::new(socket),
                opened: Instant::now(),
                position: Position::Unknown {
                    stored,
                    lines: Vec::new(),
                },
            },
            None => State::Polling,
        };
        Ok(())
    }

    async fn on_frame(
        &mut self,
        frame: Frame,
        socket: Box<Socket>,
        opened: Instant,
        position: Position,
    ) -> Result<()> {
        let task_id = self.handle.task_id;
        let text = match frame {
            Frame::Text(text) => text,
            Frame::Closed(why) => {
                tracing::debug!(target: "semaphore_api", task_id = task_id.0, why, "task socket dropped; reading the stored output");
                return self.resume(opened, &position);
            }
        };
        let position = match Message::parse(&text) {
            Message::Log {
                task_id: id,
                time,
                output,
            } if id == task_id => match self.on_line(position, time, output).await? {
                Some(position) => position,
                None => {
                    // The socket's lines cannot be placed: poll, try a socket again later.
                    self.socket_due = Instant::now() + SOCKET_RETRY;
                    self.state = State::Polling;
                    return Ok(());
                }
            },
            Message::Update {
                task_id: id,
                status,
            } if id == task_id => {
                if status.is_finished() {
                    // The server sends a task's lines before its final status: with the
                    // socket's lines placed, one read catches any sent out of order.
                    let settle = !matches!(position, Position::Known { .. });
                    return self.finish(settle).await;
                }
                position
            }
            other if other.may_concern(task_id) => {
                // A line of ours may be lost in it: start again from the stored output.
                tracing::debug!(target: "semaphore_api", task_id = task_id.0, "malformed socket message; reading the stored output");
                self.state = State::Start;
                return Ok(());
            }
            _ => position,
        };
        self.state = State::Live {
            socket,
            opened,
            position,
        };
        Ok(())
    }

    /// A line from the socket; `None` when its place in the stored output cannot be found.
    async fn on_line(
        &mut self,
        position: Position,
        time: String,
        output: String,
    ) -> Result<Option<Position>> {
        match position {
            Position::Known { next } => {
                if next >= self.seen {
                    self.emit(next, time, output);
                }
                Ok(Some(Position::Known { next: next + 1 }))
            }
            Position::Unknown { stored, mut lines } => {
                lines.push((time, output));
                self.locate(stored, lines).await
            }
        }
    }

    /// Finds the socket's first line in the stored output, re-reading it until it shows up.
    async fn locate(
        &mut self,
        mut stored: Vec<TaskOutput>,
        lines: Vec<(String, String)>,
    ) -> Result<Option<Position>> {
        let count = lines.len();
        let (first_time, first_output) = lines[0].clone();
        let mut pause = ALIGN_PAUSE;
        for attempt in 0..=ALIGN_READS {
            let found = stored
                .iter()
                .rposition(|s| same_line(&s.time, &s.output, &first_time, &first_output));
            if let Some(start) = found {
                // The stored lines before it were given by the read that found it.
                for (k, (time, output)) in lines.into_iter().enumerate() {
                    if start + k >= self.seen {
                        self.emit(start + k, time, output);
                    }
                }
                return Ok(Some(Position::Known {
                    next: start + count,
                }));
            }
            if attempt == ALIGN_READS {
                break;
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(self.handle.options.poll_interval);
            stored = self.read_stored().await?;
        }
        tracing::debug!(target: "semaphore_api", task_id = self.handle.task_id.0, "a socket line never reached the stored output; polling");
        Ok(None)
    }

    /// After the socket dropped: reopen it at once, unless it died young without a line.
    fn resume(&mut self, opened: Instant, position: &Position) -> Result<()> {
        let had_lines = matches!(position, Position::Known { .. });
        if opened.elapsed() < SHORT_LIVED && !had_lines {
            self.socket_due = Instant::now() + SOCKET_RETRY;
            self.state = State::Polling;
        } else {
            self.state = State::Start;
        }
        Ok(())
    }

    /// The task has ended: reads the stored output and gives the lines past `seen`; with
    /// `settle`, or when that read had lines not given yet, reads it until it stops growing
    /// (the server stores lines a little after it tells them).
    async fn finish(&mut self, settle: bool) -> Result<()> {
        let before = self.seen;
        let mut count = self.read_stored().await?.len();
        if !settle && self.seen == before {
            self.state = State::Done;
            return Ok(());
        }
        loop {
            tokio::time::sleep(SETTLE_PAUSE.min(self.handle.options.poll_interval)).await;
            let now = self.read_stored().await?.len();
            if now == count {
                break;
            }
            count = now;
        }
        self.state = State::Done;
        Ok(())
    }

    /// Reads the stored output and gives the lines past `seen`.
    async fn read_stored(&mut self) -> Result<Vec<TaskOutput>> {
        let stored = self.read_stored_raw().await?;
        self.emit_stored(&stored);
        Ok(stored)
    }

    async fn read_stored_raw(&self) -> Result<Vec<TaskOutput>> {
        let h = &self.handle;
        h.client
            .project_project_id_tasks_task_id_output_get(h.project_id, h.task_id)
            .await
    }

    fn emit_stored(&mut self, stored: &[TaskOutput]) {
        for (index, line) in stored.iter().enumerate().skip(self.seen) {
            self.emit(index, line.time.clone(), line.output.clone());
        }
    }

    /// Hands out line `index` (which is line `seen`).
    fn emit(&mut self, index: usize, time: String, output: String) {
        debug_assert_eq!(index, self.seen);
        self.ready.push_back(Ok(OutputLine {
            task_id: self.handle.task_id,
            index,
            time,
            output,
        }));
        self.seen = index + 1;
    }
}

/// After the socket said the task ended: the task as stored, re-read until the server has
/// saved its final status (it tells the sockets first).
pub(crate) async fn final_task(handle: &TaskHandle) -> Result<Task> {
    let mut pause = ALIGN_PAUSE;
    loop {
        let task = handle.get().await?;
        if task.status.is_finished() {
            return Ok(task);
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(handle.options.poll_interval);
    }
}
