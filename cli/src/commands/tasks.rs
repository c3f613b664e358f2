//! `semaphore tasks ...`: a project's tasks and their output.

use semaphore_api::resources::Templates;
use semaphore_api::{Client, ProjectApi, ProjectId, Task, TaskId};

use clap::Subcommand;

use crate::commands::task_output;
use crate::context::Ctx;
use crate::error::{Context, Result};
use crate::flags::ProjectArg;
use crate::kinds::{self, show};
use crate::output::{self, one_line, opt};

#[derive(Debug, Subcommand)]
pub enum TasksCmd {
    /// List the project's tasks, newest first
    #[command(alias = "ls")]
    List {
        #[command(flatten)]
        project: ProjectArg,
        /// Only the tasks of this template (id or name)
        #[arg(long, short, value_name = "TEMPLATE")]
        template: Option<String>,
        /// At most this many
        #[arg(long, short = 'n', value_name = "N")]
        limit: Option<usize>,
    },
    /// Show a task
    Show {
        /// The task's id
        task: i64,
        #[command(flatten)]
        project: ProjectArg,
    },
    /// Print a task's output with the time of each line (its colours only on a terminal)
    Output {
        /// The task's id
        task: i64,
        #[command(flatten)]
        project: ProjectArg,
        /// Keep printing new lines until the task ends
        #[arg(long, short = 'F')]
        follow: bool,
    },
    /// Print a task's output as the program wrote it: no times, its colour codes kept
    RawOutput {
        /// The task's id
        task: i64,
        #[command(flatten)]
        project: ProjectArg,
    },
    /// Stop a queued or running task
    Stop {
        /// The task's id
        task: i64,
        #[command(flatten)]
        project: ProjectArg,
        /// Mark it stopped at once, without waiting for its process to end
        #[arg(long)]
        force: bool,
    },
    /// Confirm a task that waits for confirmation
    Confirm {
        /// The task's id
        task: i64,
        #[command(flatten)]
        project: ProjectArg,
    },
}

pub async fn handle(ctx: &Ctx, command: TasksCmd) -> Result<()> {
    let client = ctx.client()?;
    match command {
        TasksCmd::List {
            project,
            template,
            limit,
        } => {
            let project = ctx.project_id(&client, &project).await?;
            list(ctx, &client, project, template.as_deref(), limit).await
        }
        TasksCmd::Show { task, project } => {
            let project = ctx.project_id(&client, &project).await?;
            let task = TaskId(task);
            let task = client
                .project_project_id_tasks_task_id_get(project, task)
                .await
                .context(format_args!("could not read task {task}"))?;
            show(ctx, &task)
        }
        TasksCmd::Output {
            task,
            project,
            follow,
        } => {
            let project = ctx.project_id(&client, &project).await?;
            if follow {
                return task_output::follow(ctx, &client, project, TaskId(task)).await;
            }
            print_output(ctx, &client, project, task, true).await
        }
        TasksCmd::RawOutput { task, project } => {
            let project = ctx.project_id(&client, &project).await?;
            print_output(ctx, &client, project, task, false).await
        }
        TasksCmd::Stop {
            task,
            project,
            force,
        } => {
            let project = ctx.project_id(&client, &project).await?;
            client
                .task_handle(project, TaskId(task))
                .stop(force)
                .await
                .context(format_args!("could not stop task {task}"))?;
            done(ctx, task, if force { "stopped" } else { "asked to stop" })
        }
        TasksCmd::Confirm { task, project } => {
            let project = ctx.project_id(&client, &project).await?;
            client
                .task_handle(project, TaskId(task))
                .confirm()
                .await
                .context(format_args!("could not confirm task {task}"))?;
            done(ctx, task, "confirmed")
        }
    }
}

/// `tasks list`: the project's tasks, or a template's.
async fn list(
    ctx: &Ctx,
    client: &Client,
    project: ProjectId,
    template: Option<&str>,
    limit: Option<usize>,
) -> Result<()> {
    let mut tasks = match template {
        Some(template) => {
            let (template, _) = kinds::find::<Templates>(client, project, template).await?;
            client
                .project_project_id_templates_template_id_tasks_get(project, template)
                .await
                .context(format_args!(
                    "could not list the tasks of template {template}"
                ))?
        }
        None => client
            .project_project_id_tasks_get(project)
            .await
            .context(format_args!(
                "could not list the tasks of project {project}"
            ))?,
    };
    if let Some(limit) = limit {
        tasks.truncate(limit);
    }
    if ctx.json {
        return output::json(&tasks);
    }
    if tasks.is_empty() {
        output::note("no tasks");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = tasks.iter().map(row).collect();
    output::table(
        &["ID", "TEMPLATE", "STATUS", "USER", "CREATED", "MESSAGE"],
        &rows,
    )
}

/// The output the server has stored, each line after its time when asked.
async fn print_output(
    ctx: &Ctx,
    client: &Client,
    project: ProjectId,
    task: i64,
    with_time: bool,
) -> Result<()> {
    let lines = client
        .task_handle(project, TaskId(task))
        .lines()
        .await
        .context(format_args!("could not read the output of task {task}"))?;
    for line in &lines {
        task_output::print_line(ctx, line, with_time)?;
    }
    Ok(())
}

fn done(ctx: &Ctx, task: i64, what: &str) -> Result<()> {
    if ctx.json {
        output::line(&serde_json::json!({"id": task, "done": what}).to_string())
    } else {
        output::line(&format!("Task {task} {what}."))
    }
}

fn row(t: &Task) -> Vec<String> {
    let template = match &t.tpl_alias {
        Some(name) => format!("{} ({})", t.template_id, one_line(name)),
        None => t.template_id.to_string(),
    };
    vec![
        t.id.to_string(),
        template,
        output::status(&t.status),
        t.user_name
            .as_deref()
            .map_or_else(|| opt(&t.user_id), one_line),
        one_line(&t.created),
        one_line(&t.message),
    ]
}
