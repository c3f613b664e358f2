//! `semaphore projects ...`: projects are not inside a project, and their update body is the
//! project itself.

use semaphore_api::{Project, ProjectApi, ProjectRequest, ProjectsApi};

use crate::args::ProjectsCmd;
use crate::bodies;
use crate::commands::resource::{confirm, deleted, show};
use crate::context::{Ctx, find_project};
use crate::error::{CliError, Context, Result};
use crate::output::{self, one_line};

pub async fn run(ctx: &Ctx, command: ProjectsCmd) -> Result<()> {
    let client = ctx.client()?;
    match command {
        ProjectsCmd::List => {
            let projects = client
                .projects_get()
                .await
                .context("could not list the projects")?;
            if ctx.json {
                return output::json(&projects);
            }
            if projects.is_empty() {
                output::note("no projects");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = projects.iter().map(row).collect();
            output::table(&["ID", "NAME", "CREATED", "MAX PARALLEL TASKS"], &rows)
        }
        ProjectsCmd::Show { project } => {
            let id = find_project(&client, &project).await?.id;
            let project = client
                .project_project_id_get(id)
                .await
                .context(format_args!("could not read project {id}"))?;
            show(ctx, &project)
        }
        ProjectsCmd::Create { fields, file } => {
            let file = file.path.as_deref().map(bodies::read_file).transpose()?;
            let request: ProjectRequest = bodies::build(
                "project",
                bodies::project_defaults(),
                file,
                bodies::project_patch(&fields),
            )?;
            let created = client
                .projects_post(&request)
                .await
                .context("could not create the project")?;
            if ctx.json {
                output::json(&created)
            } else {
                output::line(&format!(
                    "Created project {} ({}).",
                    created.id,
                    one_line(&created.name)
                ))
            }
        }
        ProjectsCmd::Update {
            project,
            fields,
            file,
        } => {
            let file = file.path.as_deref().map(bodies::read_file).transpose()?;
            let id = find_project(&client, &project).await?.id;
            let current = client
                .project_project_id_get(id)
                .await
                .context(format_args!("could not read project {id}"))?;
            let patch = bodies::project_patch(&fields);
            if patch.is_empty() && file.is_none() {
                return Err(
                    CliError::usage(format!("nothing to change in project {id}")).hint(
                        "give the fields to change as flags (see --help) or with --from-file",
                    ),
                );
            }
            let request: Project =
                bodies::build("project", output::to_value(&current)?, file, patch)?;
            client
                .project_project_id_put(id, &request)
                .await
                .context(format_args!("could not update project {id}"))?;
            if ctx.json {
                let project = client
                    .project_project_id_get(id)
                    .await
                    .context(format_args!(
                        "project {id} was updated, but reading it back failed"
                    ))?;
                output::json(&project)
            } else {
                output::line(&format!("Updated project {id}."))
            }
        }
        ProjectsCmd::Delete { project, yes } => {
            let project = find_project(&client, &project).await?;
            confirm(
                &format!(
                    "Delete project {} ({}) and everything in it?",
                    project.id,
                    one_line(&project.name)
                ),
                &yes,
            )?;
            client
                .project_project_id_delete(project.id)
                .await
                .context(format_args!("could not delete project {}", project.id))?;
            deleted(ctx, "project", project.id)
        }
    }
}

fn row(p: &Project) -> Vec<String> {
    vec![
        p.id.to_string(),
        one_line(&p.name),
        one_line(&p.created),
        p.max_parallel_tasks.to_string(),
    ]
}
