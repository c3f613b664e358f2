//! The matchers and extracted values of a project's integrations.

use crate::{
    ExtractValueId, IntegrationExtractValue, IntegrationExtractValueRequest, IntegrationId,
    IntegrationMatcher, IntegrationMatcherRequest, MatcherId, ProjectId, Result, semaphore_api,
};

/// Integration endpoints (the spec's `integration` tag): what an integration's webhook must
/// match, and which values it extracts into task variables.
///
/// The spec tags the two `POST`s of these collections `project`: they are in
/// [`ProjectApi`](crate::ProjectApi), as are the integrations themselves.
#[semaphore_api]
pub trait IntegrationApi {
    /// Fetches the values extracted by an integration.
    #[get("/project/{project_id}/integrations/{integration_id}/values")]
    async fn project_project_id_integrations_integration_id_values_get(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
    ) -> Result<Vec<IntegrationExtractValue>>;

    /// Updates an extracted value (204; 400 for a bad parameter).
    #[put("/project/{project_id}/integrations/{integration_id}/values/{extractvalue_id}")]
    async fn project_project_id_integrations_integration_id_values_extractvalue_id_put(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
        extractvalue_id: ExtractValueId,
        #[body] value: &IntegrationExtractValueRequest,
    ) -> Result<()>;

    /// Removes an extracted value (204).
    #[delete("/project/{project_id}/integrations/{integration_id}/values/{extractvalue_id}")]
    async fn project_project_id_integrations_integration_id_values_extractvalue_id_delete(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
        extractvalue_id: ExtractValueId,
    ) -> Result<()>;

    /// Fetches the matchers of an integration.
    #[get("/project/{project_id}/integrations/{integration_id}/matchers")]
    async fn project_project_id_integrations_integration_id_matchers_get(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
    ) -> Result<Vec<IntegrationMatcher>>;

    /// Updates a matcher (204; 400 for a bad parameter).
    #[put("/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}")]
    async fn project_project_id_integrations_integration_id_matchers_matcher_id_put(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
        matcher_id: MatcherId,
        #[body] matcher: &IntegrationMatcherRequest,
    ) -> Result<()>;

    /// Removes a matcher (204).
    #[delete("/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}")]
    async fn project_project_id_integrations_integration_id_matchers_matcher_id_delete(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
        matcher_id: MatcherId,
    ) -> Result<()>;
}
