//! What the stand-in's connections, task runners and sockets share: its configuration, its
//! state behind one lock, and the switches a test flips while it runs.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crate::config::Config;
use crate::state::State;

pub(crate) struct Shared {
    pub config: Config,
    pub limits: Limits,
    state: Mutex<State>,
    refuse_sockets: AtomicBool,
    /// Set when the stand-in is dropped: task runners stop.
    closed: AtomicBool,
}

/// What bounds the stand-in's memory and connections.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub log: usize,
    pub connections: usize,
    pub header_read_timeout: Duration,
}

impl Shared {
    pub(crate) fn new(config: Config, limits: Limits, state: State) -> Shared {
        Shared {
            config,
            limits,
            state: Mutex::new(state),
            refuse_sockets: AtomicBool::new(false),
            closed: AtomicBool::new(false),
        }
    }

    // A poisoned lock means a test thread panicked mid-request; the state is still usable.
    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Relaxed)
    }

    /// Task runners stop at their next step.
    pub(crate) fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
    }

    pub(crate) fn refuses_sockets(&self) -> bool {
        self.refuse_sockets.load(Ordering::Relaxed)
    }

    pub(crate) fn refuse_sockets(&self, refuse: bool) {
        self.refuse_sockets.store(refuse, Ordering::Relaxed);
    }
}
