//! `semaphore run`: a template's task started (`Client::run_task`, which refuses what the
//! server would not apply), then waited for or followed, its end the exit code.

use std::time::{Duration, Instant};

use clap::Args;
use semaphore_api::resources::Templates;
use semaphore_api::{Task, TaskHandle, TaskRequest};
use serde_json::json;

use crate::cli::ProjectArg;
use crate::commands::task_output::print_lines;
use crate::context::Ctx;
use crate::error::{CliError, Context, Kind, Result};
use crate::json_args::json_text;
use crate::output;

/// What `--wait` waits at most when no `--wait-timeout` is given: in effect, for ever.
const FOREVER: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The template (id or name)
    pub template: String,
    #[command(flatten)]
    pub project: ProjectArg,
    /// Ansible's --limit: the hosts to run on
    #[arg(long, value_name = "HOSTS")]
    pub limit: Option<String>,
    /// Ansible's --tags (the template must allow overriding arguments)
    #[arg(long, value_name = "TAGS")]
    pub tags: Option<String>,
    /// Ansible's --skip-tags (the template must allow overriding arguments)
    #[arg(long, value_name = "TAGS")]
    pub skip_tags: Option<String>,
    /// A playbook instead of the template's
    #[arg(long, value_name = "PATH")]
    pub playbook: Option<String>,
    /// Extra variables, a JSON object, over the environment's
    #[arg(long, short, value_name = "JSON")]
    pub environment: Option<String>,
    /// Ansible's verbosity: 1 to 4 (-v to -vvvv); 4 is the task's debug mode
    #[arg(long, value_name = "LEVEL", value_parser = clap::value_parser!(u8).range(1..=4))]
    pub debug_level: Option<u8>,
    /// Ansible's --check: show what would change, change nothing
    #[arg(long)]
    pub check: bool,
    /// Ansible's --diff: show the changes
    #[arg(long)]
    pub diff: bool,
    /// A branch instead of the template's
    #[arg(long, value_name = "BRANCH")]
    pub branch: Option<String>,
    /// A message kept with the task
    #[arg(long, short, value_name = "TEXT")]
    pub message: Option<String>,
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
    let (template_id, _) =
        crate::kinds::find::<Templates>(&client, project, &args.template).await?;
    let template = client
        .project(project)
        .templates()
        .get(template_id)
        .await
        .context(format_args!("could not read template {template_id}"))?;
    let arguments = task_arguments(&args);
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
    let request = task_request(&args, &template, &arguments)?;
    let handle = match client.run_task(project, &request).await {
        Ok(handle) => handle,
        Err(e) => return Err(not_started(&e, &template, project)),
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

/// The task `run` starts, from its flags. `arguments` are the Ansible arguments the flags
/// stand for ([`task_arguments`]).
fn task_request(
    args: &RunArgs,
    template: &semaphore_api::Template,
    arguments: &[String],
) -> Result<TaskRequest> {
    let mut request = TaskRequest::new(template.id);
    request.limit = args.limit.clone();
    request.playbook = args.playbook.clone();
    if let Some(vars) = &args.environment {
        request.environment = Some(json_text("--environment", vars, true)?);
    }
    // Level 4 is the task's own debug mode (-vvvv).
    request.debug = args.debug_level == Some(4);
    request.dry_run = args.check;
    request.diff = args.diff;
    request.git_branch = args.branch.clone();
    request.message = args.message.clone().unwrap_or_default();
    if !arguments.is_empty() {
        let text = serde_json::to_string(arguments)
            .map_err(|e| CliError::usage(format!("cannot encode the arguments: {e}")))?;
        request.arguments = Some(text);
    }
    Ok(request)
}

/// The Ansible arguments `run`'s flags stand for (`--tags`, `--skip-tags`, `--debug-level`
/// 1 to 3); the template must allow overriding arguments for the server to use them.
fn task_arguments(args: &RunArgs) -> Vec<String> {
    let mut arguments = Vec::new();
    if let Some(tags) = &args.tags {
        arguments.extend(["--tags".to_owned(), tags.clone()]);
    }
    if let Some(tags) = &args.skip_tags {
        arguments.extend(["--skip-tags".to_owned(), tags.clone()]);
    }
    if let Some(level @ 1..=3) = args.debug_level {
        arguments.push(format!("-{}", "v".repeat(level.into())));
    }
    arguments
}

/// Why `run` started no task. An override the server would drop names the template setting
/// that allows it.
fn not_started(
    e: &semaphore_api::Error,
    template: &semaphore_api::Template,
    project: semaphore_api::ProjectId,
) -> CliError {
    let semaphore_api::ErrorKind::InvalidArgument { param, .. } = e.kind() else {
        return CliError::api(
            format_args!(
                "could not start template {} ({})",
                template.id, template.name
            ),
            e,
        );
    };
    let error = CliError::api(
        format_args!("did not start template {} ({})", template.id, template.name),
        e,
    );
    let flag = match *param {
        "limit" => "--allow-override-limit",
        "inventory_id" => "--allow-override-inventory",
        "debug" => "--allow-debug",
        "arguments" => "--allow-override-args",
        _ => return error,
    };
    error.hint(format!(
        "allow it with `semaphore templates update {} -p {} {flag} true`",
        template.id, project
    ))
}
