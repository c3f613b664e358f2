//! A task's runner: it moves the task through its statuses and writes its lines as its
//! script says, and stops where a stop (or the stand-in's end) finds it.

use std::sync::{Arc, MutexGuard};
use std::time::Duration;

use crate::shared::Shared;
use crate::state::State;
use crate::task_script::{TaskOutcome, TaskScript};
use crate::task_status::{is_final, log, now, set_status, status_of, tell_status};

/// How often a task waiting for confirmation looks whether it came.
const CONFIRMATION_POLL: Duration = Duration::from_millis(5);

/// Runs task `id` to its end.
pub(crate) async fn run(shared: Arc<Shared>, id: i64) {
    let Some((script, name)) = shared
        .state()
        .tasks
        .get(id)
        .map(|t| (t.script.clone(), t.template_name.clone()))
    else {
        return;
    };
    let runner = Runner { shared, id, script };
    if runner.steps(&name).await.is_some() {
        // The final status is told and stored; the end comes a moment later.
        tokio::time::sleep(runner.script.end_delay).await;
        end(&mut runner.shared.state(), id, &runner.shared);
    }
}

struct Runner {
    shared: Arc<Shared>,
    id: i64,
    script: TaskScript,
}

impl Runner {
    /// Every step up to the final status; `None` when a stop ended the task on the way.
    async fn steps(&self, template_name: &str) -> Option<()> {
        let (id, config) = (self.id, &self.shared.config);
        let interval = self.script.interval;
        {
            let mut state = self.step(interval).await?;
            set_status(&mut state, config, id, "starting");
            log(&mut state, config, id, &format!("Started: {id}"));
            let runner_line = format!("Run TaskRunner with template: {template_name}\n");
            log(&mut state, config, id, &runner_line);
            if self.script.confirmation {
                set_status(&mut state, config, id, "waiting_confirmation");
            }
        }
        if self.script.confirmation {
            while status_of(&*self.step(CONFIRMATION_POLL).await?, id) != "confirmed" {}
        }
        set_status(&mut *self.step(interval).await?, config, id, "running");
        for line in &self.script.lines {
            log(&mut *self.step(interval).await?, config, id, line);
        }
        loop {
            let mut state = self.step(interval).await?;
            let status = match self.script.outcome {
                TaskOutcome::Success => "success",
                TaskOutcome::Error => "error",
                TaskOutcome::NeverEnds => continue,
            };
            set_status(&mut state, config, id, status);
            return Some(());
        }
    }

    /// Waits `pause`, then holds the state for the next change, unless the task was stopped
    /// meanwhile: then its end is stored and `None` ends the run.
    async fn step(&self, pause: Duration) -> Option<MutexGuard<'_, State>> {
        tokio::time::sleep(pause).await;
        let mut state = self.shared.state();
        if self.stopped(&mut state) {
            end(&mut state, self.id, &self.shared);
            return None;
        }
        Some(state)
    }

    /// Whether the task has ended (a `stopping` task now counts as `stopped`), or the
    /// stand-in has.
    fn stopped(&self, state: &mut State) -> bool {
        if self.shared.is_closed() {
            return true;
        }
        let (id, config) = (self.id, &self.shared.config);
        if status_of(state, id) == "stopping" {
            set_status(state, config, id, "stopped");
        }
        is_final(&status_of(state, id))
    }
}

/// The runner's last act: the end time, told to the sockets.
fn end(state: &mut State, id: i64, shared: &Shared) {
    let (_, now) = now(&shared.config);
    if let Some(t) = state.tasks.get_mut(id) {
        t.task["end"] = now.into();
    }
    tell_status(state, id);
}
