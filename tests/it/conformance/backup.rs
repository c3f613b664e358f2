//! A backup of the project, restored as a new project with all its templates, then deleted.

use semaphore_api::*;

use super::made::Made;
use super::run::{Run, Step, call};

pub async fn backup_and_restore(run: &mut Run, made: &Made) -> Step {
    let client = &made.client;
    let (name, templates) = (made.project.name.as_str(), made.templates.len());
    let backup = run
        .ok(call!(client.project_project_id_backup_get(made.id())))
        .await?;
    run.same("backup: project name", backup.meta.name.as_str(), name);
    run.same("backup: templates", backup.templates.len(), templates);
    let restored = run.ok(call!(client.projects_restore_post(&backup))).await?;
    run.same("restored project's name", restored.name.as_str(), name);
    let restored_templates = run
        .ok(call!(client.project_project_id_templates_get(
            restored.id,
            Some(TemplateSort::Name),
            Some(SortOrder::Asc),
        )))
        .await?;
    run.same("restored templates", restored_templates.len(), templates);
    run.ok(call!(client.project_project_id_delete(restored.id)))
        .await
}
