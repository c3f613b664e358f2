//! The endpoints of one project: its settings, members, keys, repositories, inventories,
//! environments, templates, views, tasks and integrations.

use std::collections::BTreeMap;

use crate::{
    AccessKey, AccessKeyRequest, AccessKeySort, AliasId, Environment, EnvironmentId,
    EnvironmentRequest, EnvironmentSort, Event, Integration, IntegrationAlias,
    IntegrationExtractValue, IntegrationExtractValueRequest, IntegrationId, IntegrationMatcher,
    IntegrationMatcherRequest, IntegrationReferrers, IntegrationRequest, IntegrationSort,
    Inventory, InventoryId, InventoryRequest, InventorySort, KeyId, ObjectReferrers, Project,
    ProjectBackup, ProjectId, ProjectPermissions, ProjectUser, ProjectUserRequest, ProjectUserSort,
    Repository, RepositoryId, RepositoryRequest, RepositorySort, Result, SortOrder, Task, TaskId,
    TaskOutput, TaskRequest, TaskStop, Template, TemplateId, TemplateRequest, TemplateSort,
    TemplateSummary, User, UserId, View, ViewId, ViewRequest, semaphore_api,
};

/// Everything related to a project (the spec's `project` tag).
///
/// Where the real server differs from the spec, these follow the server:
/// - `/project/{project_id}` is routed without the trailing slash the spec writes.
/// - The server reads `project_id` (and on updates the object's `id`) from the body as well
///   as the path, and answers 400 when they differ; the client writes them into the body from
///   the path arguments, so they cannot.
/// - Updates (`PUT`) overwrite the whole object with the body: build the body from the object
///   read, e.g. `TemplateRequest::from(&template)`, and change what you mean to change. A
///   field the body leaves out is reset on the server.
/// - Creates of keys, repositories and environments answer 204 without the created object;
///   list them to find its id.
/// - Lists of tasks and events are newest first.
/// - Authentication failures are a 401 with an empty body; other failures may carry
///   `{"error": "message"}`, which [`Error`](crate::Error) keeps.
///
/// `project_project_id_users_user_id_put`, untagged in the spec, is in
/// [`DefaultApi`](crate::DefaultApi); the integration matchers and extracted values that the
/// spec tags `integration` are in [`IntegrationApi`](crate::IntegrationApi).
///
/// ```no_run
/// use semaphore_api::{
///     AccessKeyRequest, AccessKeySort, Client, InventoryRequest, InventoryType, ProjectApi,
///     ProjectId, RepositoryRequest, RepositorySort, SortOrder, TaskRequest, TemplateRequest,
/// };
///
/// # async fn run() -> semaphore_api::Result<()> {
/// let client = Client::builder("http://localhost:3000/api")
///     .bearer_token("kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu=")
///     .build()?;
/// let project = ProjectId(1);
///
/// // What a template needs: a key, a repository cloned with it, an inventory.
/// client.project_project_id_keys_post(project, &AccessKeyRequest::none("public")).await?;
/// let keys = client
///     .project_project_id_keys_get(project, Some(AccessKeySort::Name), Some(SortOrder::Asc))
///     .await?;
/// let key = keys.iter().find(|k| k.name == "public").expect("just created").id;
/// let repo = RepositoryRequest::new("site", "https://github.com/example/site.git", "main", key);
/// client.project_project_id_repositories_post(project, &repo).await?;
/// let repos = client
///     .project_project_id_repositories_get(project, Some(RepositorySort::Name), Some(SortOrder::Asc))
///     .await?;
/// let repository = repos.iter().find(|r| r.name == "site").expect("just created").id;
/// let hosts = InventoryRequest::new("web", InventoryType::Static, "[web]\nweb1.example.com\n");
/// let inventory = client.project_project_id_inventory_post(project, &hosts).await?.id;
///
/// // The template, then a task of it.
/// let mut deploy = TemplateRequest::ansible("Deploy", "deploy.yml", repository, inventory);
/// deploy.description = Some("Rolls out the site".into());
/// let template = client.project_project_id_templates_post(project, &deploy).await?;
/// let mut run = TaskRequest::new(template.id);
/// run.limit = Some("web1.example.com".into());
/// let task = client.project_project_id_tasks_post(project, &run).await?;
/// println!("task {} is {}", task.id, task.status);
///
/// // Rename the template: the update carries everything else unchanged.
/// let mut update = TemplateRequest::from(&template);
/// update.name = "Deploy (old)".into();
/// client.project_project_id_templates_template_id_put(project, template.id, &update).await?;
/// # Ok(()) }
/// ```
#[semaphore_api]
pub trait ProjectApi {
    /// Fetches a project. (The spec writes `/project/{project_id}/`; the real server routes
    /// it without the trailing slash.)
    #[get("/project/{project_id}")]
    async fn project_project_id_get(&self, project_id: ProjectId) -> Result<Project>;

    /// Updates a project (204). The spec's body holds only `name`; the real server reads a
    /// whole [`Project`], whose `id` must be `project_id`. (The spec writes
    /// `/project/{project_id}/`; the real server routes it without the trailing slash.)
    #[put("/project/{project_id}")]
    async fn project_project_id_put(
        &self,
        project_id: ProjectId,
        #[body(id = project_id)] project: &Project,
    ) -> Result<()>;

    /// Deletes a project and everything in it (204). (The spec writes
    /// `/project/{project_id}/`; the real server routes it without the trailing slash.)
    #[delete("/project/{project_id}")]
    async fn project_project_id_delete(&self, project_id: ProjectId) -> Result<()>;

    /// Backs a project up: its resources, referenced by name, without secrets.
    #[get("/project/{project_id}/backup")]
    async fn project_project_id_backup_get(&self, project_id: ProjectId) -> Result<ProjectBackup>;

    /// Fetches the role and permissions of the current user in the project.
    #[get("/project/{project_id}/role")]
    async fn project_project_id_role_get(
        &self,
        project_id: ProjectId,
    ) -> Result<ProjectPermissions>;

    /// Fetches the events of this project, newest first.
    #[get("/project/{project_id}/events")]
    async fn project_project_id_events_get(&self, project_id: ProjectId) -> Result<Vec<Event>>;

    /// Fetches the users linked to the project, sorted.
    #[get("/project/{project_id}/users")]
    async fn project_project_id_users_get(
        &self,
        project_id: ProjectId,
        #[query] sort: Option<ProjectUserSort>,
        #[query] order: Option<SortOrder>,
    ) -> Result<Vec<ProjectUser>>;

    /// Links a user to the project with a role (204).
    #[post("/project/{project_id}/users")]
    async fn project_project_id_users_post(
        &self,
        project_id: ProjectId,
        #[body] user: &ProjectUserRequest,
    ) -> Result<()>;

    /// Removes a user from the project (204).
    #[delete("/project/{project_id}/users/{user_id}")]
    async fn project_project_id_users_user_id_delete(
        &self,
        project_id: ProjectId,
        user_id: UserId,
    ) -> Result<()>;

    /// Fetches the integrations of the project, sorted.
    #[get("/project/{project_id}/integrations")]
    async fn project_project_id_integrations_get(
        &self,
        project_id: ProjectId,
        #[query] sort: Option<IntegrationSort>,
        #[query] order: Option<SortOrder>,
    ) -> Result<Vec<Integration>>;

    /// Creates an integration (201).
    #[post("/project/{project_id}/integrations")]
    async fn project_project_id_integrations_post(
        &self,
        project_id: ProjectId,
        #[body(project_id)] integration: &IntegrationRequest,
    ) -> Result<Integration>;

    /// Updates an integration (204).
    #[put("/project/{project_id}/integrations/{integration_id}")]
    async fn project_project_id_integrations_integration_id_put(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
        #[body(project_id, id = integration_id)] integration: &IntegrationRequest,
    ) -> Result<()>;

    /// Removes an integration (204).
    #[delete("/project/{project_id}/integrations/{integration_id}")]
    async fn project_project_id_integrations_integration_id_delete(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
    ) -> Result<()>;

    /// Adds a value extracted from the integration's webhook (201, the created value). The
    /// server also reads `integration_id` from the body, where the client sets it.
    #[post("/project/{project_id}/integrations/{integration_id}/values")]
    async fn project_project_id_integrations_integration_id_values_post(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
        #[body(integration_id)] value: &IntegrationExtractValueRequest,
    ) -> Result<IntegrationExtractValue>;

    /// Adds a matcher to the integration (200, the created matcher; the spec gives no
    /// answer). The server also reads `integration_id` from the body, where the client sets
    /// it.
    #[post("/project/{project_id}/integrations/{integration_id}/matchers")]
    async fn project_project_id_integrations_integration_id_matchers_post(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
        #[body(integration_id)] matcher: &IntegrationMatcherRequest,
    ) -> Result<IntegrationMatcher>;

    /// Fetches the access keys of the project (not the environments' secrets), sorted. The
    /// spec names a filter by type, under the query key `Key type`; the real server reads no
    /// such parameter and lists every type, so it is not declared.
    #[get("/project/{project_id}/keys")]
    async fn project_project_id_keys_get(
        &self,
        project_id: ProjectId,
        #[query] sort: Option<AccessKeySort>,
        #[query] order: Option<SortOrder>,
    ) -> Result<Vec<AccessKey>>;

    /// Adds an access key (204; a bad `type` is a 400).
    #[post("/project/{project_id}/keys")]
    async fn project_project_id_keys_post(
        &self,
        project_id: ProjectId,
        #[body(project_id)] access_key: &AccessKeyRequest,
    ) -> Result<()>;

    /// Updates an access key (204). The server updates the key named by the body's `id` and
    /// `project_id`, not the path's: set both (`AccessKeyRequest::from(&key)` does).
    #[put("/project/{project_id}/keys/{key_id}")]
    async fn project_project_id_keys_key_id_put(
        &self,
        project_id: ProjectId,
        key_id: KeyId,
        #[body(project_id, id = key_id)] access_key: &AccessKeyRequest,
    ) -> Result<()>;

    /// Removes an access key (204).
    #[delete("/project/{project_id}/keys/{key_id}")]
    async fn project_project_id_keys_key_id_delete(
        &self,
        project_id: ProjectId,
        key_id: KeyId,
    ) -> Result<()>;

    /// Fetches the repositories of the project, sorted.
    #[get("/project/{project_id}/repositories")]
    async fn project_project_id_repositories_get(
        &self,
        project_id: ProjectId,
        #[query] sort: Option<RepositorySort>,
        #[query] order: Option<SortOrder>,
    ) -> Result<Vec<Repository>>;

    /// Adds a repository (204).
    #[post("/project/{project_id}/repositories")]
    async fn project_project_id_repositories_post(
        &self,
        project_id: ProjectId,
        #[body(project_id)] repository: &RepositoryRequest,
    ) -> Result<()>;

    /// Updates a repository (204; 400 for a bad request).
    #[put("/project/{project_id}/repositories/{repository_id}")]
    async fn project_project_id_repositories_repository_id_put(
        &self,
        project_id: ProjectId,
        repository_id: RepositoryId,
        #[body(project_id, id = repository_id)] repository: &RepositoryRequest,
    ) -> Result<()>;

    /// Removes a repository (204).
    #[delete("/project/{project_id}/repositories/{repository_id}")]
    async fn project_project_id_repositories_repository_id_delete(
        &self,
        project_id: ProjectId,
        repository_id: RepositoryId,
    ) -> Result<()>;

    /// Fetches the inventories of the project, sorted.
    #[get("/project/{project_id}/inventory")]
    async fn project_project_id_inventory_get(
        &self,
        project_id: ProjectId,
        #[query] sort: Option<InventorySort>,
        #[query] order: Option<SortOrder>,
    ) -> Result<Vec<Inventory>>;

    /// Creates an inventory (201).
    #[post("/project/{project_id}/inventory")]
    async fn project_project_id_inventory_post(
        &self,
        project_id: ProjectId,
        #[body(project_id)] inventory: &InventoryRequest,
    ) -> Result<Inventory>;

    /// Updates an inventory (204).
    #[put("/project/{project_id}/inventory/{inventory_id}")]
    async fn project_project_id_inventory_inventory_id_put(
        &self,
        project_id: ProjectId,
        inventory_id: InventoryId,
        #[body(project_id, id = inventory_id)] inventory: &InventoryRequest,
    ) -> Result<()>;

    /// Removes an inventory (204).
    #[delete("/project/{project_id}/inventory/{inventory_id}")]
    async fn project_project_id_inventory_inventory_id_delete(
        &self,
        project_id: ProjectId,
        inventory_id: InventoryId,
    ) -> Result<()>;

    /// Fetches the environments of the project, sorted. The list leaves out their secrets
    /// (read one environment for their names).
    #[get("/project/{project_id}/environment")]
    async fn project_project_id_environment_get(
        &self,
        project_id: ProjectId,
        #[query] sort: Option<EnvironmentSort>,
        #[query] order: Option<SortOrder>,
    ) -> Result<Vec<Environment>>;

    /// Adds an environment (204).
    #[post("/project/{project_id}/environment")]
    async fn project_project_id_environment_post(
        &self,
        project_id: ProjectId,
        #[body(project_id)] environment: &EnvironmentRequest,
    ) -> Result<()>;

    /// Updates an environment (204). The server applies the request's secret changes after
    /// saving the rest, answers 204 whatever became of them, and makes a new secret for each
    /// `create` every time the request is sent: never sent twice by a [`Retry`](crate::Retry).
    #[put("/project/{project_id}/environment/{environment_id}")]
    #[not_idempotent]
    async fn project_project_id_environment_environment_id_put(
        &self,
        project_id: ProjectId,
        environment_id: EnvironmentId,
        #[body(project_id, id = environment_id)] environment: &EnvironmentRequest,
    ) -> Result<()>;

    /// Removes an environment (204).
    #[delete("/project/{project_id}/environment/{environment_id}")]
    async fn project_project_id_environment_environment_id_delete(
        &self,
        project_id: ProjectId,
        environment_id: EnvironmentId,
    ) -> Result<()>;

    /// Fetches the templates of the project, sorted, each with its last task. A list leaves
    /// out settings an update overwrites (see [`TemplateSummary`]): read one template to
    /// change it.
    #[get("/project/{project_id}/templates")]
    async fn project_project_id_templates_get(
        &self,
        project_id: ProjectId,
        #[query] sort: Option<TemplateSort>,
        #[query] order: Option<SortOrder>,
    ) -> Result<Vec<TemplateSummary>>;

    /// Creates a template (201). The spec types the answer as a `TemplateRequest`; the real
    /// server answers the created [`Template`], with its `id`.
    #[post("/project/{project_id}/templates")]
    async fn project_project_id_templates_post(
        &self,
        project_id: ProjectId,
        #[body(project_id)] template: &TemplateRequest,
    ) -> Result<Template>;

    /// Fetches a template.
    #[get("/project/{project_id}/templates/{template_id}")]
    async fn project_project_id_templates_template_id_get(
        &self,
        project_id: ProjectId,
        template_id: TemplateId,
    ) -> Result<Template>;

    /// Updates a template (204). The server replaces the template's vaults with the body's:
    /// those sent without an id are created anew each time (a second identical update gets
    /// them new ids on BoltDB, a 400 on SQL servers once the rest is saved), so an update is
    /// never sent twice by a [`Retry`](crate::Retry).
    #[put("/project/{project_id}/templates/{template_id}")]
    #[not_idempotent]
    async fn project_project_id_templates_template_id_put(
        &self,
        project_id: ProjectId,
        template_id: TemplateId,
        #[body(project_id, id = template_id)] template: &TemplateRequest,
    ) -> Result<()>;

    /// Removes a template (204).
    #[delete("/project/{project_id}/templates/{template_id}")]
    async fn project_project_id_templates_template_id_delete(
        &self,
        project_id: ProjectId,
        template_id: TemplateId,
    ) -> Result<()>;

    /// Fetches the views of the project.
    #[get("/project/{project_id}/views")]
    async fn project_project_id_views_get(&self, project_id: ProjectId) -> Result<Vec<View>>;

    /// Creates a view (201).
    #[post("/project/{project_id}/views")]
    async fn project_project_id_views_post(
        &self,
        project_id: ProjectId,
        #[body(project_id)] view: &ViewRequest,
    ) -> Result<View>;

    /// Fetches a view.
    #[get("/project/{project_id}/views/{view_id}")]
    async fn project_project_id_views_view_id_get(
        &self,
        project_id: ProjectId,
        view_id: ViewId,
    ) -> Result<View>;

    /// Updates a view (204).
    #[put("/project/{project_id}/views/{view_id}")]
    async fn project_project_id_views_view_id_put(
        &self,
        project_id: ProjectId,
        view_id: ViewId,
        #[body(project_id, id = view_id)] view: &ViewRequest,
    ) -> Result<()>;

    /// Removes a view (204).
    #[delete("/project/{project_id}/views/{view_id}")]
    async fn project_project_id_views_view_id_delete(
        &self,
        project_id: ProjectId,
        view_id: ViewId,
    ) -> Result<()>;

    /// Fetches the tasks of the project (at most 1,000), newest first.
    #[get("/project/{project_id}/tasks")]
    async fn project_project_id_tasks_get(&self, project_id: ProjectId) -> Result<Vec<Task>>;

    /// Starts a task of a template (201, the queued task).
    #[post("/project/{project_id}/tasks")]
    async fn project_project_id_tasks_post(
        &self,
        project_id: ProjectId,
        #[body] task: &TaskRequest,
    ) -> Result<Task>;

    /// Fetches the last tasks of the project, newest first: `limit` of them (1 to 200; 200
    /// when `None` or out of range).
    #[get("/project/{project_id}/tasks/last")]
    async fn project_project_id_tasks_last_get(
        &self,
        project_id: ProjectId,
        #[query] limit: Option<u32>,
    ) -> Result<Vec<Task>>;

    /// Stops a task (204). The spec gives no body; the real server reads `{"force": bool}`
    /// and answers 400 without it.
    #[post("/project/{project_id}/tasks/{task_id}/stop")]
    async fn project_project_id_tasks_task_id_stop_post(
        &self,
        project_id: ProjectId,
        task_id: TaskId,
        #[body] stop: &TaskStop,
    ) -> Result<()>;

    /// Fetches a task (an unknown id is a 400 on the real server, not a 404).
    #[get("/project/{project_id}/tasks/{task_id}")]
    async fn project_project_id_tasks_task_id_get(
        &self,
        project_id: ProjectId,
        task_id: TaskId,
    ) -> Result<Task>;

    /// Deletes a task and its output (204; administrators only: others get 401, and a task
    /// still queued or running is a 400).
    #[delete("/project/{project_id}/tasks/{task_id}")]
    async fn project_project_id_tasks_task_id_delete(
        &self,
        project_id: ProjectId,
        task_id: TaskId,
    ) -> Result<()>;

    /// Fetches the output of a task, line by line, oldest first.
    #[get("/project/{project_id}/tasks/{task_id}/output")]
    async fn project_project_id_tasks_task_id_output_get(
        &self,
        project_id: ProjectId,
        task_id: TaskId,
    ) -> Result<Vec<TaskOutput>>;

    /// Fetches the output of a task as plain text: each line without its escape sequences,
    /// then a newline (newer servers: 2.14.0 and later, as a user reports in Semaphore
    /// issue #2118; an unknown task is a 400).
    #[get("/project/{project_id}/tasks/{task_id}/raw_output")]
    #[since("2.14.0")]
    async fn project_project_id_tasks_task_id_raw_output_get(
        &self,
        project_id: ProjectId,
        task_id: TaskId,
    ) -> Result<String>;

    /// Stops every task of a template that has not ended (204; newer servers: in the
    /// 2.16.14 spec, absent from 2.15.1, so marked with the first version known to serve
    /// it). `force` marks them stopped at once, otherwise stopping; the answer does not wait
    /// for them. The body is required.
    #[post("/project/{project_id}/templates/{template_id}/stop_all_tasks")]
    #[since("2.16.14")]
    #[idempotent]
    async fn project_project_id_templates_template_id_stop_all_tasks_post(
        &self,
        project_id: ProjectId,
        template_id: TemplateId,
        #[body] stop: &TaskStop,
    ) -> Result<()>;
    /// Fetches the last events of this project (at most 200), newest first.
    #[get("/project/{project_id}/events/last")]
    async fn project_project_id_events_last_get(&self, project_id: ProjectId)
    -> Result<Vec<Event>>;

    /// Leaves the project: removes the current user from its members (204). An owner who is
    /// not an administrator cannot leave (400).
    #[delete("/project/{project_id}/me")]
    async fn project_project_id_me_delete(&self, project_id: ProjectId) -> Result<()>;

    /// Fetches one member of the project, as a [`User`] (without the role; 404 for a user who
    /// is not a member).
    #[get("/project/{project_id}/users/{user_id}")]
    async fn project_project_id_users_user_id_get(
        &self,
        project_id: ProjectId,
        user_id: UserId,
    ) -> Result<User>;

    /// Fetches an access key (without its secret).
    #[get("/project/{project_id}/keys/{key_id}")]
    async fn project_project_id_keys_key_id_get(
        &self,
        project_id: ProjectId,
        key_id: KeyId,
    ) -> Result<AccessKey>;

    /// Fetches what uses an access key: a key in use cannot be deleted.
    #[get("/project/{project_id}/keys/{key_id}/refs")]
    async fn project_project_id_keys_key_id_refs_get(
        &self,
        project_id: ProjectId,
        key_id: KeyId,
    ) -> Result<ObjectReferrers>;

    /// Fetches a repository.
    #[get("/project/{project_id}/repositories/{repository_id}")]
    async fn project_project_id_repositories_repository_id_get(
        &self,
        project_id: ProjectId,
        repository_id: RepositoryId,
    ) -> Result<Repository>;

    /// Fetches what uses a repository: a repository in use cannot be deleted.
    #[get("/project/{project_id}/repositories/{repository_id}/refs")]
    async fn project_project_id_repositories_repository_id_refs_get(
        &self,
        project_id: ProjectId,
        repository_id: RepositoryId,
    ) -> Result<ObjectReferrers>;

    /// Fetches an inventory.
    #[get("/project/{project_id}/inventory/{inventory_id}")]
    async fn project_project_id_inventory_inventory_id_get(
        &self,
        project_id: ProjectId,
        inventory_id: InventoryId,
    ) -> Result<Inventory>;

    /// Fetches what uses an inventory: an inventory in use cannot be deleted.
    #[get("/project/{project_id}/inventory/{inventory_id}/refs")]
    async fn project_project_id_inventory_inventory_id_refs_get(
        &self,
        project_id: ProjectId,
        inventory_id: InventoryId,
    ) -> Result<ObjectReferrers>;

    /// Fetches an environment, with its secrets (their names, not their values; the vault
    /// password is sent in clear).
    #[get("/project/{project_id}/environment/{environment_id}")]
    async fn project_project_id_environment_environment_id_get(
        &self,
        project_id: ProjectId,
        environment_id: EnvironmentId,
    ) -> Result<Environment>;

    /// Fetches what uses an environment: an environment in use cannot be deleted.
    #[get("/project/{project_id}/environment/{environment_id}/refs")]
    async fn project_project_id_environment_environment_id_refs_get(
        &self,
        project_id: ProjectId,
        environment_id: EnvironmentId,
    ) -> Result<ObjectReferrers>;

    /// Fetches what uses a template (another template that deploys its builds, say).
    #[get("/project/{project_id}/templates/{template_id}/refs")]
    async fn project_project_id_templates_template_id_refs_get(
        &self,
        project_id: ProjectId,
        template_id: TemplateId,
    ) -> Result<ObjectReferrers>;

    /// Fetches the tasks of a template (at most 1,000), newest first.
    #[get("/project/{project_id}/templates/{template_id}/tasks")]
    async fn project_project_id_templates_template_id_tasks_get(
        &self,
        project_id: ProjectId,
        template_id: TemplateId,
    ) -> Result<Vec<Task>>;

    /// Fetches the last tasks of a template, newest first: `limit` of them (1 to 200; 200 when
    /// `None` or out of range).
    #[get("/project/{project_id}/templates/{template_id}/tasks/last")]
    async fn project_project_id_templates_template_id_tasks_last_get(
        &self,
        project_id: ProjectId,
        template_id: TemplateId,
        #[query] limit: Option<u32>,
    ) -> Result<Vec<Task>>;

    /// Fetches the templates shown in a view, sorted (as
    /// [`project_project_id_templates_get`](Self::project_project_id_templates_get)).
    #[get("/project/{project_id}/views/{view_id}/templates")]
    async fn project_project_id_views_view_id_templates_get(
        &self,
        project_id: ProjectId,
        view_id: ViewId,
        #[query] sort: Option<TemplateSort>,
        #[query] order: Option<SortOrder>,
    ) -> Result<Vec<TemplateSummary>>;

    /// Sets the positions of the project's views (204): a map from view id to position.
    #[post("/project/{project_id}/views/positions")]
    #[idempotent]
    async fn project_project_id_views_positions_post(
        &self,
        project_id: ProjectId,
        #[body] positions: &BTreeMap<ViewId, i64>,
    ) -> Result<()>;

    /// Confirms a task that waits for confirmation (204; a task no longer queued or running
    /// is a 400).
    #[post("/project/{project_id}/tasks/{task_id}/confirm")]
    #[idempotent]
    async fn project_project_id_tasks_task_id_confirm_post(
        &self,
        project_id: ProjectId,
        task_id: TaskId,
    ) -> Result<()>;
    /// Fetches an integration.
    #[get("/project/{project_id}/integrations/{integration_id}")]
    async fn project_project_id_integrations_integration_id_get(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
    ) -> Result<Integration>;

    /// Fetches the matchers and values that refer to an integration. (The server at v2.10.32
    /// answers empty lists: its stores do not look them up.)
    #[get("/project/{project_id}/integrations/{integration_id}/refs")]
    async fn project_project_id_integrations_integration_id_refs_get(
        &self,
        project_id: ProjectId,
        integration_id: IntegrationId,
    ) -> Result<IntegrationReferrers>;

    /// Fetches the project-wide aliases of the integrations: webhook URLs that reach every
    /// integration marked `searchable`.
    #[get("/project/{project_id}/integrations/aliases")]
    async fn project_project_id_integrations_aliases_get(
        &self,
        project_id: ProjectId,
    ) -> Result<Vec<IntegrationAlias>>;

    /// Makes a new project-wide alias, a random URL (200, the alias; no body is read).
    #[post("/project/{project_id}/integrations/aliases")]
    async fn project_project_id_integrations_aliases_post(
        &self,
        project_id: ProjectId,
    ) -> Result<IntegrationAlias>;

    /// Removes a project-wide alias (204).
    #[delete("/project/{project_id}/integrations/aliases/{alias_id}")]
    async fn project_project_id_integrations_aliases_alias_id_delete(
        &self,
        project_id: ProjectId,
        alias_id: AliasId,
    ) -> Result<()>;
}
