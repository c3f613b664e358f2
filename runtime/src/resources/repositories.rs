//! [`Repositories`]: repositories of a project.

use super::collection::made;
use super::kind::{Create, Delete, Get, Kind, List, Named, Update};
use crate::{Client, ProjectApi, ProjectId, Repository, RepositoryId, RepositoryRequest, Result};

/// The repositories of a project (`client.project(id).repositories()`).
///
/// | verb | operation |
/// |---|---|
/// | `list`, `find` | `project_project_id_repositories_get` |
/// | `get` | `project_project_id_repositories_repository_id_get` |
/// | `create` | `project_project_id_repositories_post` (204, without the repository): the new one is then found in the list by its name and an id unknown before |
/// | `update` | `project_project_id_repositories_repository_id_put` |
/// | `delete` | `project_project_id_repositories_repository_id_delete` |
#[derive(Debug)]
pub struct Repositories;

impl Kind for Repositories {
    type Scope = ProjectId;
    type Id = RepositoryId;
    type Item = Repository;
    type Summary = Repository;
    type Request = RepositoryRequest;
    const ONE: &'static str = "repository";
}

impl List for Repositories {
    async fn list(client: &Client, project: ProjectId) -> Result<Vec<Repository>> {
        client
            .project_project_id_repositories_get(project, None, None)
            .await
    }

    fn summary_id(item: &Repository) -> RepositoryId {
        item.id
    }
}

impl Named for Repositories {
    fn name(item: &Repository) -> &str {
        &item.name
    }
}

impl Get for Repositories {
    async fn get(client: &Client, project: ProjectId, id: RepositoryId) -> Result<Repository> {
        client
            .project_project_id_repositories_repository_id_get(project, id)
            .await
    }
}

impl Create for Repositories {
    async fn create(
        client: &Client,
        project: ProjectId,
        request: &RepositoryRequest,
    ) -> Result<Repository> {
        let before = Self::list(client, project).await?;
        client
            .project_project_id_repositories_post(project, request)
            .await?;
        made::<Self>(client, project, &before, &request.name).await
    }
}

impl Update for Repositories {
    type Change = RepositoryRequest;
    const PUT: &'static str = "project_project_id_repositories_repository_id_put";

    fn unchanged(item: &Repository) -> RepositoryRequest {
        RepositoryRequest::from(item)
    }

    async fn put(
        client: &Client,
        project: ProjectId,
        id: RepositoryId,
        request: &RepositoryRequest,
    ) -> Result<()> {
        client
            .project_project_id_repositories_repository_id_put(project, id, request)
            .await
    }
}

impl Delete for Repositories {
    async fn delete(client: &Client, project: ProjectId, id: RepositoryId) -> Result<()> {
        client
            .project_project_id_repositories_repository_id_delete(project, id)
            .await
    }
}
