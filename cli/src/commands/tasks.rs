//! `semaphore tasks ...`: a project's tasks and their output.

use semaphore_api::{ProjectApi, Task, TaskId};

use crate::args::TasksCmd;
use crate::commands::resource::{show, template_id};
use crate::commands::run;
use crate::context::Ctx;
use crate::error::{Context, Result};
use crate::output::{self, one_line, opt};

pub async fn run(ctx: &Ctx, command: TasksCmd) -> Result<()> {
    let client = ctx.client()?;
    match command {
        TasksCmd::List {
            project,
            template,
            limit,
        } => {
            let project = ctx.project_id(&client, &project).await?;
            let mut tasks = match template {
                Some(template) => {
                    let template = template_id(&client, project, &template).await?;
                    client
                        .project_project_id_templates_template_id_tasks_get(project, template)
                        .await
                        .context(format_args!(
                            "could not list the tasks of template {template}"
                        ))?
                }
                None => {
                    client
                        .project_project_id_tasks_get(project)
                        .await
                        .context(format_args!(
                            "could not list the tasks of project {project}"
                        ))?
                }
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
                return run::follow(ctx, &client, project, TaskId(task)).await;
            }
            let lines = client
                .task_handle(project, TaskId(task))
                .lines()
                .await
                .context(format_args!("could not read the output of task {task}"))?;
            for line in &lines {
                run::print_line(ctx, line, true)?;
            }
            Ok(())
        }
        TasksCmd::RawOutput { task, project } => {
            let project = ctx.project_id(&client, &project).await?;
            let lines = client
                .task_handle(project, TaskId(task))
                .lines()
                .await
                .context(format_args!("could not read the output of task {task}"))?;
            for line in &lines {
                run::print_line(ctx, line, false)?;
            }
            Ok(())
        }
        TasksCmd::Stop {
            task,
            project,
            force,
        } => {
            let project = ctx.project_id(&client, &project).await?;
            run::stop(&client, project, TaskId(task), force).await?;
            done(ctx, task, if force { "stopped" } else { "asked to stop" })
        }
        TasksCmd::Confirm { task, project } => {
            let project = ctx.project_id(&client, &project).await?;
            run::confirm(&client, project, TaskId(task)).await?;
            done(ctx, task, "confirmed")
        }
    }
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
