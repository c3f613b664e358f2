//! [`Views`]: views of a project.

use super::kind::{Create, Delete, Get, Kind, List, Named, Update};
use crate::{Client, ProjectApi, ProjectId, Result, View, ViewId, ViewRequest};

/// The views of a project (`client.project(id).views()`), found by their title.
///
/// | verb | operation |
/// |---|---|
/// | `list`, `find` | `project_project_id_views_get` |
/// | `get` | `project_project_id_views_view_id_get` |
/// | `create` | `project_project_id_views_post` (201, the view) |
/// | `update` | `project_project_id_views_view_id_put` |
/// | `delete` | `project_project_id_views_view_id_delete` |
#[derive(Debug)]
pub struct Views;

impl Kind for Views {
    type Scope = ProjectId;
    type Id = ViewId;
    type Item = View;
    type Summary = View;
    type Request = ViewRequest;
    const ONE: &'static str = "view";
}

impl List for Views {
    async fn list(client: &Client, project: ProjectId) -> Result<Vec<View>> {
        client.project_project_id_views_get(project).await
    }

    fn summary_id(item: &View) -> ViewId {
        item.id
    }
}

impl Named for Views {
    fn name(item: &View) -> &str {
        &item.title
    }
}

impl Get for Views {
    async fn get(client: &Client, project: ProjectId, id: ViewId) -> Result<View> {
        client
            .project_project_id_views_view_id_get(project, id)
            .await
    }
}

impl Create for Views {
    async fn create(client: &Client, project: ProjectId, request: &ViewRequest) -> Result<View> {
        client.project_project_id_views_post(project, request).await
    }
}

impl Update for Views {
    type Change = ViewRequest;
    const PUT: &'static str = "project_project_id_views_view_id_put";

    fn unchanged(item: &View) -> ViewRequest {
        ViewRequest::from(item)
    }

    async fn put(
        client: &Client,
        project: ProjectId,
        id: ViewId,
        request: &ViewRequest,
    ) -> Result<()> {
        client
            .project_project_id_views_view_id_put(project, id, request)
            .await
    }
}

impl Delete for Views {
    async fn delete(client: &Client, project: ProjectId, id: ViewId) -> Result<()> {
        client
            .project_project_id_views_view_id_delete(project, id)
            .await
    }
}
