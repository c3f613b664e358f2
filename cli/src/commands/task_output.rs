//! A task's output on the terminal or as JSON Lines: the lines as they come (with a spinner
//! on a terminal while nothing arrives), for `run --follow` and `tasks output --follow`, and
//! one line as every command prints it.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use semaphore_api::{Client, OutputLine, ProjectId, TaskHandle, TaskId};
use serde_json::json;

use crate::context::Ctx;
use crate::error::{CliError, Result};
use crate::output;

/// `tasks output --follow`: the lines so far and the new ones, until the task ends.
pub async fn follow(ctx: &Ctx, client: &Client, project: ProjectId, task: TaskId) -> Result<()> {
    let handle = client.task_handle(project, task);
    print_lines(ctx, &handle, true).await
}

/// Prints the task's output as it comes; on a terminal, a spinner on stderr while nothing
/// arrives.
pub async fn print_lines(ctx: &Ctx, handle: &TaskHandle, with_time: bool) -> Result<()> {
    let mut lines = handle.follow();
    let mut spinner = Spinner::new(
        std::io::stderr().is_terminal() && !ctx.json,
        handle.task_id(),
    );
    let mut tick = tokio::time::interval(Duration::from_millis(120));
    loop {
        tokio::select! {
            line = lines.next() => {
                spinner.clear();
                match line {
                    Some(Ok(line)) => print_line(ctx, &line, with_time)?,
                    Some(Err(e)) => {
                        return Err(CliError::api(format_args!("could not follow task {}", handle.task_id()), &e));
                    }
                    None => return Ok(()),
                }
            }
            _ = tick.tick() => spinner.draw(),
        }
    }
}

/// One line of a task's output: with `--json` one JSON object per line, the same for every
/// command (`task_id`, `index`, `time`, `output`); else its text as a terminal may show it
/// (colours kept, any other escape sequence dropped), after its time when asked.
pub fn print_line(ctx: &Ctx, line: &OutputLine, with_time: bool) -> Result<()> {
    if ctx.json {
        return output::json_line(&json!({
            "task_id": line.task_id,
            "index": line.index,
            "time": line.time,
            "output": line.output,
        }));
    }
    let text = line.for_terminal();
    if with_time {
        let time = output::safe(&line.time);
        output::line(&format!(
            "{}{time}{}  {text}",
            output::DIM,
            output::DIM.render_reset()
        ))
    } else {
        output::line(&text)
    }
}

/// A spinner on stderr, drawn only on a terminal and only after a moment of silence.
struct Spinner {
    enabled: bool,
    task: TaskId,
    frame: usize,
    quiet_since: Instant,
    shown: bool,
}

impl Spinner {
    const FRAMES: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

    fn new(enabled: bool, task: TaskId) -> Spinner {
        Spinner {
            enabled,
            task,
            frame: 0,
            quiet_since: Instant::now(),
            shown: false,
        }
    }

    fn draw(&mut self) {
        if !self.enabled || self.quiet_since.elapsed() < Duration::from_millis(250) {
            return;
        }
        let frame = Self::FRAMES[self.frame % Self::FRAMES.len()];
        self.frame += 1;
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{frame} waiting for task {}…", self.task);
        let _ = err.flush();
        self.shown = true;
    }

    fn clear(&mut self) {
        self.quiet_since = Instant::now();
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{:width$}\r", "", width = 40);
            let _ = err.flush();
            self.shown = false;
        }
    }
}
