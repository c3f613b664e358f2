//! `semaphore run`: a template's task started (`Client::run_task`, which refuses what the
//! server would not apply), then waited for or followed, its end the exit code.

use std::time::{Duration, Instant};

use clap::Args;
use semaphore_api::{Task, TaskHandle};
use serde_json::json;

use crate::commands::task_output::print_lines;
use crate::context::Ctx;
use crate::error::{CliError, Kind, Result};
use crate::flags::ProjectArg;
use crate::output;
use crate::task_options::{TaskOptions, start_task};

/// What `--wait` waits at most when no `--wait-timeout` is given: in effect, for ever.
const FOREVER: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The template (id or name)
    pub template: String,
    #[command(flatten)]
    pub project: ProjectArg,
    #[command(flatten)]
    pub options: TaskOptions,
    /// Wait for the task to end; the exit code tells how it ended
    #[arg(long, short)]
    pub wait: bool,
    /// Print the task's output as it comes, then exit as --wait does
    #[arg(long, short = 'F')]
    pub follow: bool,
    /// With --wait or --follow: give up after this many seconds (exit code 5)
    #[arg(long, value_name = "SECONDS")]
    pub wait_timeout: Option<u64>,
}

/// `semaphore run`: starts a task, then waits for it or follows it when asked.
pub async fn start(ctx: &Ctx, args: RunArgs) -> Result<()> {
    let client = ctx.client()?;
    let project = ctx.project_id(&client, &args.project).await?;
    let (template, handle) = start_task(&client, project, &args.template, &args.options).await?;
    let task_id = handle.task_id();
    if !args.wait && !args.follow {
        if ctx.json {
            return output::line(
                &json!({"id": task_id, "project_id": project, "template_id": template.id})
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
