//! Everything the CLI does with running tasks — start, wait, follow, stop, confirm — in one
//! place, on semaphore_api's task API: `Client::run_task`, `Client::task_handle`,
//! `TaskHandle::{wait, follow, stop, confirm}`.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use semaphore_api::{Client, OutputLine, ProjectId, Task, TaskHandle, TaskId, TaskRequest};
use serde_json::json;

use crate::args::RunArgs;
use crate::bodies;
use crate::commands::resource::{Resource, Templates, find};
use crate::context::Ctx;
use crate::error::{CliError, Context, Kind, Result};
use crate::output;

/// What `--wait` waits at most when no `--wait-timeout` is given: in effect, for ever.
const FOREVER: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

pub async fn run(ctx: &Ctx, args: RunArgs) -> Result<()> {
    let client = ctx.client()?;
    let project = ctx.project_id(&client, &args.project).await?;
    let template_id = find::<Templates>(&client, project, &args.template).await?;
    let template = Templates::get(&client, project, template_id)
        .await
        .context(format_args!("could not read template {template_id}"))?;
    let arguments = bodies::task_arguments(&args);
    if !arguments.is_empty() && !template.allow_override_args_in_task {
        return Err(CliError::usage(format!(
            "template {} ({}) does not let a task override its arguments, which --tags, --skip-tags and --debug-level 1-3 need",
            template.id, template.name
        ))
        .hint(format!(
            "allow it with `semaphore templates update {} --allow-override-args true`",
            template.id
        )));
    }
    let patch = bodies::task_patch(&args, template_id.get(), &arguments)?;
    let request: TaskRequest = bodies::build("task", bodies::task_defaults(), None, patch)?;
    let handle = match client.run_task(project, &request).await {
        Ok(handle) => handle,
        // An override the server would drop: not started, and the setting that allows it.
        Err(e @ semaphore_api::Error::InvalidArgument { param, .. }) => {
            let error = CliError::api(
                format_args!("did not start template {} ({})", template.id, template.name),
                &e,
            );
            let flag = match param {
                "limit" => Some("--allow-override-limit"),
                "inventory_id" => Some("--allow-override-inventory"),
                "debug" => Some("--allow-debug"),
                "arguments" => Some("--allow-override-args"),
                _ => None,
            };
            return Err(match flag {
                Some(flag) => error.hint(format!(
                    "allow it with `semaphore templates update {} -p {} {flag} true`",
                    template.id, project
                )),
                None => error,
            });
        }
        Err(e) => {
            return Err(CliError::api(
                format_args!(
                    "could not start template {} ({})",
                    template.id, template.name
                ),
                &e,
            ));
        }
    };
    let task_id = handle.task_id();
    if !args.wait && !args.follow {
        if ctx.json {
            return output::line(
                &json!({"id": task_id, "project_id": project, "template_id": template_id})
                    .to_string(),
            );
        }
        return output::line(&format!(
            "Started task {task_id} of template {} ({}).",
            template.id,
            output::safe(&template.name)
        ));
    }
    let deadline = args.wait_timeout.map_or(FOREVER, Duration::from_secs);
    if !ctx.json {
        let how_long = match args.wait_timeout {
            Some(seconds) => format!("at most {seconds} s"),
            None => "with no deadline: --wait-timeout SECONDS sets one".to_owned(),
        };
        output::note(&format!(
            "Started task {task_id} of template {} ({}); waiting for its end, {how_long}.",
            template.id,
            output::safe(&template.name)
        ));
    }
    let start = Instant::now();
    if args.follow {
        let followed = tokio::time::timeout(deadline, print_lines(ctx, &handle, false)).await;
        match followed {
            Ok(result) => result?,
            Err(_) => return Err(gave_up(&handle, deadline)),
        }
    }
    let left = deadline.saturating_sub(start.elapsed());
    let task = match handle.wait(left).await {
        Ok(task) => task,
        Err(e) if e.is_timeout() => return Err(gave_up(&handle, deadline)),
        Err(e) => {
            return Err(CliError::api(
                format_args!("could not wait for task {task_id}"),
                &e,
            ));
        }
    };
    report_end(ctx, &task, args.follow)
}

/// The task's end, and the exit code it means.
fn report_end(ctx: &Ctx, task: &Task, followed: bool) -> Result<()> {
    if ctx.json {
        let mut value = output::to_value(task)?;
        crate::secrets::remove(&mut value);
        let text = if followed {
            json!({"task": value}).to_string()
        } else {
            serde_json::to_string_pretty(&value).unwrap_or_default()
        };
        output::line(&text)?;
    } else {
        let line = format!("Task {} ended: {}", task.id, output::status(&task.status));
        if followed {
            output::note(&line);
        } else {
            output::line(&line)?;
        }
    }
    if task.status.is_success() {
        Ok(())
    } else {
        Err(CliError::failed(format!(
            "task {} ended with status {}",
            task.id,
            task.status.as_str()
        ))
        .hint(format!(
            "`semaphore tasks output {}` shows what it printed",
            task.id
        )))
    }
}

fn gave_up(handle: &TaskHandle, deadline: Duration) -> CliError {
    CliError::new(
        Kind::Timeout,
        format!(
            "gave up waiting for task {} after {} s",
            handle.task_id(),
            deadline.as_secs()
        ),
    )
    .hint(format!(
        "it goes on running: `semaphore tasks output {} --follow` follows it, `semaphore tasks stop {}` stops it",
        handle.task_id(),
        handle.task_id()
    ))
}

/// `tasks output --follow`: the lines so far and the new ones, until the task ends.
pub async fn follow(ctx: &Ctx, client: &Client, project: ProjectId, task: TaskId) -> Result<()> {
    let handle = client.task_handle(project, task);
    print_lines(ctx, &handle, true).await
}

/// Prints the task's output as it comes; on a terminal, a spinner on stderr while nothing
/// arrives.
async fn print_lines(ctx: &Ctx, handle: &TaskHandle, with_time: bool) -> Result<()> {
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

/// `tasks stop`.
pub async fn stop(client: &Client, project: ProjectId, task: TaskId, force: bool) -> Result<()> {
    client
        .task_handle(project, task)
        .stop(force)
        .await
        .context(format_args!("could not stop task {task}"))
}

/// `tasks confirm`.
pub async fn confirm(client: &Client, project: ProjectId, task: TaskId) -> Result<()> {
    client
        .task_handle(project, task)
        .confirm()
        .await
        .context(format_args!("could not confirm task {task}"))
}
