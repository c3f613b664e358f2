//! The matchers and extracted values of a project's integrations.

use crate::{
    AliasId, ExtractValueId, IntegrationAlias, IntegrationChildReferrers, IntegrationExtractValue,
    IntegrationExtractValueRequest, IntegrationExtractValueSort, IntegrationId, IntegrationMatcher,
    IntegrationMatcherRequest, MatcherId, ProjectId, Result, SortOrder, semaphore_api,
};

/// Integration endpoints (the spec's `integration` tag): what an integration's webhook must
/// match, and which values it extracts into task variables.
///
/// The spec tags the two `POST`s of these collections `project`: they are in
/// [`ProjectApi`](crate::ProjectApi), as are the integrations themselves.
///
/// ```no_run
/// use semaphore_api::{
///     Client, IntegrationApi, IntegrationExtractValueRequest, IntegrationMatchMethod,
///     IntegrationMatcherRequest, IntegrationRequest, ProjectApi, ProjectId, TemplateId,
/// };
///
/// # async fn run() -> semaphore_api::Result<()> {
/// let client = Client::builder("http://localhost:3000/api")
///     .bearer_token("kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu=")
///     .build()?;
/// let project = ProjectId(1);
/// let hook = IntegrationRequest::new("On push", TemplateId(4));
/// let hook = client.project_project_id_integrations_post(project, &hook).await?;
/// // Run only for pushes to main, and pass the pushed commit to the task.
/// let on_main = IntegrationMatcherRequest::on_json_body("main", "ref", IntegrationMatchMethod::Equals, "refs/heads/main");
/// client
///     .project_project_id_integrations_integration_id_matchers_post(project, hook.id, &on_main)
///     .await?;
/// let commit = IntegrationExtractValueRequest::from_json_body("commit", "after", "commit_sha");
/// client
///     .project_project_id_integrations_integration_id_values_post(project, hook.id, &commit)
///     .await?;
/// for matcher in client
///     .project_project_id_integrations_integration_id_matchers_get(project, hook.id)
///     .await?
/// {
///     println!("{}: {} {} {}", matcher.name, matcher.key, matcher.method, matcher.value);
/// }
/// # Ok(()) }
/// ```
#[semaphore_api]
pub trait IntegrationApi {
    /// Fetches the values extracted by an integration, sorted.
    #[get("/project/{project_id}/integrations/{integration_id}/values")]
    async fn project_project_id_integrations_integration_id_values_get(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
        #[query] sort: Option<IntegrationExtractValueSort>,
        #[query] order: Option<SortOrder>,
    ) -> Result<Vec<IntegrationExtractValue>>;

    /// Updates an extracted value (204; 400 for a bad parameter).
    #[put("/project/{project_id}/integrations/{integration_id}/values/{extractvalue_id}")]
    async fn project_project_id_integrations_integration_id_values_extractvalue_id_put(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
        extractvalue_id: ExtractValueId,
        #[body(integration_id, id = extractvalue_id)] value: &IntegrationExtractValueRequest,
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
        #[body(integration_id, id = matcher_id)] matcher: &IntegrationMatcherRequest,
    ) -> Result<()>;

    /// Removes a matcher (204).
    #[delete("/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}")]
    async fn project_project_id_integrations_integration_id_matchers_matcher_id_delete(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
        matcher_id: MatcherId,
    ) -> Result<()>;
    /// Fetches a matcher of the integration (an unknown one: 400 on SQL servers, an empty
    /// matcher on BoltDB).
    #[get("/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}")]
    async fn project_project_id_integrations_integration_id_matchers_matcher_id_get(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
        matcher_id: MatcherId,
    ) -> Result<IntegrationMatcher>;

    /// Fetches the integrations that use a matcher.
    #[get("/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}/refs")]
    async fn project_project_id_integrations_integration_id_matchers_matcher_id_refs_get(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
        matcher_id: MatcherId,
    ) -> Result<IntegrationChildReferrers>;

    /// Fetches a value the integration extracts (an unknown one is a 400).
    #[get("/project/{project_id}/integrations/{integration_id}/values/{extractvalue_id}")]
    async fn project_project_id_integrations_integration_id_values_extractvalue_id_get(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
        extractvalue_id: ExtractValueId,
    ) -> Result<IntegrationExtractValue>;

    /// Fetches the integrations that use an extracted value.
    #[get("/project/{project_id}/integrations/{integration_id}/values/{extractvalue_id}/refs")]
    async fn project_project_id_integrations_integration_id_values_extractvalue_id_refs_get(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
        extractvalue_id: ExtractValueId,
    ) -> Result<IntegrationChildReferrers>;

    /// Fetches the aliases of one integration: webhook URLs that reach it alone.
    #[get("/project/{project_id}/integrations/{integration_id}/aliases")]
    async fn project_project_id_integrations_integration_id_aliases_get(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
    ) -> Result<Vec<IntegrationAlias>>;

    /// Makes a new alias of the integration, a random URL (200, the alias; no body is read).
    #[post("/project/{project_id}/integrations/{integration_id}/aliases")]
    async fn project_project_id_integrations_integration_id_aliases_post(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
    ) -> Result<IntegrationAlias>;

    /// Removes an alias of the integration (204).
    #[delete("/project/{project_id}/integrations/{integration_id}/aliases/{alias_id}")]
    async fn project_project_id_integrations_integration_id_aliases_alias_id_delete(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
        alias_id: AliasId,
    ) -> Result<()>;
}
