//! [`Members`]: the users of a project, with their roles.

use super::kind::{Create, Delete, Get, Kind, List, Named, Update};
use crate::ErrorKind;
use crate::{
    Client, DefaultApi, ProjectApi, ProjectId, ProjectUser, ProjectUserRequest,
    ProjectUserRoleRequest, Result, UserId,
};

/// The members of a project (`client.project(id).members()`), found by their login name.
///
/// | verb | operation |
/// |---|---|
/// | `list`, `find` | `project_project_id_users_get` |
/// | `get` | `project_project_id_users_get`, for the member with that user id (the server's single read has no role) |
/// | `create` | `project_project_id_users_post` (204), then the list |
/// | `update` | `project_project_id_users_user_id_put`: the role |
/// | `delete` | `project_project_id_users_user_id_delete` |
#[derive(Debug)]
pub struct Members;

impl Kind for Members {
    type Scope = ProjectId;
    type Id = UserId;
    type Item = ProjectUser;
    type Summary = ProjectUser;
    type Request = ProjectUserRequest;
    const ONE: &'static str = "member";
}

impl List for Members {
    async fn list(client: &Client, project: ProjectId) -> Result<Vec<ProjectUser>> {
        client
            .project_project_id_users_get(project, None, None)
            .await
    }

    fn summary_id(member: &ProjectUser) -> UserId {
        member.id
    }
}

impl Named for Members {
    fn name(member: &ProjectUser) -> &str {
        &member.username
    }
}

impl Get for Members {
    async fn get(client: &Client, project: ProjectId, id: UserId) -> Result<ProjectUser> {
        Self::list(client, project)
            .await?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| {
                ErrorKind::Lookup {
                    kind: "member",
                    name: format!("user {id}"),
                    ids: Vec::new(),
                }
                .into()
            })
    }
}

impl Create for Members {
    async fn create(
        client: &Client,
        project: ProjectId,
        request: &ProjectUserRequest,
    ) -> Result<ProjectUser> {
        client
            .project_project_id_users_post(project, request)
            .await?;
        Self::get(client, project, request.user_id).await
    }
}

impl Update for Members {
    type Change = ProjectUserRoleRequest;
    const PUT: &'static str = "project_project_id_users_user_id_put";

    fn unchanged(member: &ProjectUser) -> ProjectUserRoleRequest {
        ProjectUserRoleRequest {
            role: member.role.clone(),
        }
    }

    async fn put(
        client: &Client,
        project: ProjectId,
        id: UserId,
        change: &ProjectUserRoleRequest,
    ) -> Result<()> {
        client
            .project_project_id_users_user_id_put(project, id, change)
            .await
    }
}

impl Delete for Members {
    async fn delete(client: &Client, project: ProjectId, id: UserId) -> Result<()> {
        client
            .project_project_id_users_user_id_delete(project, id)
            .await
    }
}
