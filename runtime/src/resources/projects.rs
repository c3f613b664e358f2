//! [`Projects`]: the projects the user can see.

use super::kind::{Create, Delete, Get, Kind, List, Named, Update};
use crate::{Client, Project, ProjectApi, ProjectId, ProjectRequest, ProjectsApi, Result};

/// The projects (`client.projects()`); the objects inside one are reached with
/// `client.project(id)`.
///
/// | verb | operation |
/// |---|---|
/// | `list`, `find` | `projects_get` (SQL servers give the first 200 by name) |
/// | `get` | `project_project_id_get` |
/// | `create` | `projects_post` (201, the project; SQL servers store its name and type only, so `create` then sends the rest with an update when it differs) |
/// | `update` | `project_project_id_put`, the whole project as read |
/// | `delete` | `project_project_id_delete` |
#[derive(Debug)]
pub struct Projects;

impl Kind for Projects {
    type Scope = ();
    type Id = ProjectId;
    type Item = Project;
    type Summary = Project;
    type Request = ProjectRequest;
    const ONE: &'static str = "project";
}

impl List for Projects {
    async fn list(client: &Client, (): ()) -> Result<Vec<Project>> {
        client.projects_get().await
    }

    fn summary_id(project: &Project) -> ProjectId {
        project.id
    }
}

impl Named for Projects {
    fn name(project: &Project) -> &str {
        &project.name
    }
}

impl Get for Projects {
    async fn get(client: &Client, (): (), id: ProjectId) -> Result<Project> {
        client.project_project_id_get(id).await
    }
}

impl Create for Projects {
    async fn create(client: &Client, (): (), request: &ProjectRequest) -> Result<Project> {
        let created = client.projects_post(request).await?;
        let stored = client.project_project_id_get(created.id).await?;
        let wanted = Project {
            alert: request.alert,
            alert_chat: request.alert_chat.clone(),
            max_parallel_tasks: request.max_parallel_tasks,
            ..stored.clone()
        };
        if wanted == stored {
            return Ok(stored);
        }
        client.project_project_id_put(created.id, &wanted).await?;
        client.project_project_id_get(created.id).await
    }
}

impl Update for Projects {
    type Change = Project;
    const PUT: &'static str = "project_project_id_put";

    fn unchanged(project: &Project) -> Project {
        project.clone()
    }

    async fn put(client: &Client, (): (), id: ProjectId, change: &Project) -> Result<()> {
        client.project_project_id_put(id, change).await
    }
}

impl Delete for Projects {
    async fn delete(client: &Client, (): (), id: ProjectId) -> Result<()> {
        client.project_project_id_delete(id).await
    }
}
