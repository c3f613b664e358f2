//! [`Integrations`]: integrations of a project.

use super::kind::{Create, Delete, Get, Kind, List, Named, Update};
use crate::{
    Client, Integration, IntegrationId, IntegrationRequest, ProjectApi, ProjectId, Result,
};

/// The integrations of a project (`client.project(id).integrations()`).
///
/// | verb | operation |
/// |---|---|
/// | `list`, `find` | `project_project_id_integrations_get` |
/// | `get` | `project_project_id_integrations_integration_id_get` |
/// | `create` | `project_project_id_integrations_post` (201, the integration) |
/// | `update` | `project_project_id_integrations_integration_id_put` |
/// | `delete` | `project_project_id_integrations_integration_id_delete` |
#[derive(Debug)]
pub struct Integrations;

impl Kind for Integrations {
    type Scope = ProjectId;
    type Id = IntegrationId;
    type Item = Integration;
    type Summary = Integration;
    type Request = IntegrationRequest;
    const ONE: &'static str = "integration";
}

impl List for Integrations {
    async fn list(client: &Client, project: ProjectId) -> Result<Vec<Integration>> {
        client
            .project_project_id_integrations_get(project, None, None)
            .await
    }

    fn summary_id(item: &Integration) -> IntegrationId {
        item.id
    }
}

impl Named for Integrations {
    fn name(item: &Integration) -> &str {
        &item.name
    }
}

impl Get for Integrations {
    async fn get(client: &Client, project: ProjectId, id: IntegrationId) -> Result<Integration> {
        client
            .project_project_id_integrations_integration_id_get(project, id)
            .await
    }
}

impl Create for Integrations {
    async fn create(
        client: &Client,
        project: ProjectId,
        request: &IntegrationRequest,
    ) -> Result<Integration> {
        client
            .project_project_id_integrations_post(project, request)
            .await
    }
}

impl Update for Integrations {
    type Change = IntegrationRequest;
    const PUT: &'static str = "project_project_id_integrations_integration_id_put";

    fn unchanged(item: &Integration) -> IntegrationRequest {
        IntegrationRequest::from(item)
    }

    async fn put(
        client: &Client,
        project: ProjectId,
        id: IntegrationId,
        request: &IntegrationRequest,
    ) -> Result<()> {
        client
            .project_project_id_integrations_integration_id_put(project, id, request)
            .await
    }
}

impl Delete for Integrations {
    async fn delete(client: &Client, project: ProjectId, id: IntegrationId) -> Result<()> {
        client
            .project_project_id_integrations_integration_id_delete(project, id)
            .await
    }
}
