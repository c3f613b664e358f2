//! What a test tells the stand-in a task does: its lines, their pace and how it ends.

use std::time::Duration;

/// How a task started by the stand-in ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskOutcome {
    /// `success`.
    Success,
    /// `error` (as a failed playbook ends).
    Error,
    /// Stays `running` until stopped.
    NeverEnds,
}

/// What a task started by the stand-in does: the lines it writes while `running`, one every
/// `interval`, and how it ends. Give one per template ([`StandIn::script_template`]) or for
/// the next task started ([`StandIn::script_next_task`]); otherwise a task writes
/// [`TaskScript::default`]'s lines and succeeds.
///
/// [`StandIn::script_template`]: crate::StandIn::script_template
/// [`StandIn::script_next_task`]: crate::StandIn::script_next_task
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskScript {
    /// The lines written while running, in order (before them come the server's own
    /// `Task N added to queue`, `Started: N` and `Run TaskRunner with template: NAME`).
    pub lines: Vec<String>,
    /// The pause before each status change and each line.
    pub interval: Duration,
    /// How it ends.
    pub outcome: TaskOutcome,
    /// Whether it waits in `waiting_confirmation` until confirmed.
    pub confirmation: bool,
    /// How long after telling and storing its final status the task's end time is stored:
    /// the real server announces a final status before it stores the end.
    pub end_delay: Duration,
}

impl Default for TaskScript {
    /// The lines of a one-task playbook run, succeeding, 10 ms apart.
    fn default() -> Self {
        TaskScript::succeeds([
            "",
            "PLAY [all] *********************************************************************",
            "",
            "TASK [say hello] ***************************************************************",
            "ok: [localhost] => {",
            "    \"msg\": \"hello from the stand-in\"",
            "}",
            "",
            "PLAY RECAP *********************************************************************",
            "localhost                  : ok=1    changed=0    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0   ",
            "",
        ])
    }
}

impl TaskScript {
    fn new(lines: impl IntoIterator<Item = impl Into<String>>, outcome: TaskOutcome) -> Self {
        TaskScript {
            lines: lines.into_iter().map(Into::into).collect(),
            interval: Duration::from_millis(10),
            outcome,
            confirmation: false,
            end_delay: Duration::from_millis(50),
        }
    }

    /// Writes `lines`, then succeeds.
    pub fn succeeds(lines: impl IntoIterator<Item = impl Into<String>>) -> Self {
        TaskScript::new(lines, TaskOutcome::Success)
    }

    /// Writes `lines`, then fails (`error`).
    pub fn fails(lines: impl IntoIterator<Item = impl Into<String>>) -> Self {
        TaskScript::new(lines, TaskOutcome::Error)
    }

    /// Writes `lines`, then runs until stopped.
    pub fn never_ends(lines: impl IntoIterator<Item = impl Into<String>>) -> Self {
        TaskScript::new(lines, TaskOutcome::NeverEnds)
    }

    /// The pause before each status change and each line (10 ms unless set).
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// How long after its final status the task's end is stored (50 ms unless set).
    pub fn end_delay(mut self, delay: Duration) -> Self {
        self.end_delay = delay;
        self
    }

    /// Waits in `waiting_confirmation` until confirmed, before running.
    pub fn needs_confirmation(mut self) -> Self {
        self.confirmation = true;
        self
    }
}
