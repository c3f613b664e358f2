//! Running tasks: start one from a template, wait for its end, follow its output live, stop
//! or confirm it ([`Client::run_task`](crate::Client::run_task), [`TaskHandle`]).
//!
//! Waiting and following listen on the server's `/api/ws` WebSocket and fall back to reading
//! the task and its stored output when the socket is refused or drops; see [`TaskHandle`].

mod follow;
mod handle;
mod line;
mod message;
mod overrides;
mod pace;
mod placement;
mod socket;
mod start;
mod wait;

pub use follow::OutputStream;
pub use handle::{DEFAULT_POLL_INTERVAL, DEFAULT_SOCKET_IDLE, END_GRACE, TaskHandle};
pub use line::OutputLine;
