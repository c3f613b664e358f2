//! [`Templates`]: a project's templates, and running them.

use super::collection::Collection;
use super::kind::{Create, Delete, Get, Kind, List, Named, Update};
use crate::{
    Client, ProjectApi, ProjectId, Result, Task, Template, TemplateId, TemplateRequest,
    TemplateSummary,
};

/// The templates of a project (`client.project(id).templates()`).
///
/// | verb | operation |
/// |---|---|
/// | `list`, `find` | `project_project_id_templates_get` ([`TemplateSummary`]s) |
/// | `get` | `project_project_id_templates_template_id_get` (every setting) |
/// | `create` | `project_project_id_templates_post` (201, the template) |
/// | `update` | `project_project_id_templates_template_id_put`, from the template read: its vaults keep their ids |
/// | `delete` | `project_project_id_templates_template_id_delete` |
/// | [`run`](Collection::run) | `project_project_id_tasks_post` |
/// | [`tasks`](Collection::tasks) | `project_project_id_templates_template_id_tasks_get` |
#[derive(Debug)]
pub struct Templates;

impl Kind for Templates {
    type Scope = ProjectId;
    type Id = TemplateId;
    type Item = Template;
    type Summary = TemplateSummary;
    type Request = TemplateRequest;
    const ONE: &'static str = "template";
}

impl List for Templates {
    async fn list(client: &Client, project: ProjectId) -> Result<Vec<TemplateSummary>> {
        client
            .project_project_id_templates_get(project, None, None)
            .await
    }

    fn summary_id(template: &TemplateSummary) -> TemplateId {
        template.id
    }
}

impl Named for Templates {
    fn name(template: &TemplateSummary) -> &str {
        &template.name
    }
}

impl Get for Templates {
    async fn get(client: &Client, project: ProjectId, id: TemplateId) -> Result<Template> {
        client
            .project_project_id_templates_template_id_get(project, id)
            .await
    }
}

impl Create for Templates {
    async fn create(
        client: &Client,
        project: ProjectId,
        request: &TemplateRequest,
    ) -> Result<Template> {
        client
            .project_project_id_templates_post(project, request)
            .await
    }
}

impl Update for Templates {
    type Change = TemplateRequest;
    const PUT: &'static str = "project_project_id_templates_template_id_put";

    fn unchanged(template: &Template) -> TemplateRequest {
        TemplateRequest::from(template)
    }

    async fn put(
        client: &Client,
        project: ProjectId,
        id: TemplateId,
        change: &TemplateRequest,
    ) -> Result<()> {
        client
            .project_project_id_templates_template_id_put(project, id, change)
            .await
    }
}

impl Delete for Templates {
    async fn delete(client: &Client, project: ProjectId, id: TemplateId) -> Result<()> {
        client
            .project_project_id_templates_template_id_delete(project, id)
            .await
    }
}

impl Collection<'_, Templates> {
    /// Starts a task of template `id`, with the options `options` sets on the request
    /// (limit, tags, debug, ...), and returns its handle.
    ///
    /// ```no_run
    /// # async fn run(client: semaphore_api::Client, t: semaphore_api::TemplateId) -> semaphore_api::Result<()> {
    /// use std::time::Duration;
    ///
    /// let p = client.project(semaphore_api::ProjectId(1));
    /// let task = p.templates().run(t, |r| r.limit = Some("web1".into())).await?;
    /// let finished = task.wait(Duration::from_secs(600)).await?;
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "tasks")]
    pub async fn run(
        &self,
        id: TemplateId,
        options: impl FnOnce(&mut crate::TaskRequest) + Send,
    ) -> Result<crate::TaskHandle> {
        let mut request = crate::TaskRequest::new(id);
        options(&mut request);
        self.client.run_task(self.scope, &request).await
    }

    /// The tasks of template `id`, newest first.
    pub async fn tasks(&self, id: TemplateId) -> Result<Vec<Task>> {
        self.client
            .project_project_id_templates_template_id_tasks_get(self.scope, id)
            .await
    }
}
