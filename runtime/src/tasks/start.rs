//! Starting a task: [`Client::run_task`], which never lets a task run wider than asked.

use super::handle::TaskHandle;
use super::overrides::{self, Asked};
use crate::{Call, Client, ErrorKind, ProjectApi, ProjectId, Result, TaskRequest};

/// The operation that starts a task.
const START: &str = "project_project_id_tasks_post";

impl Client {
    /// Starts a task from a template (`POST /project/{project_id}/tasks`) and returns its
    /// handle. The request's options (`debug`, `dry_run`, `limit`, `environment`, ...) go to
    /// the server as given, in the shapes of both v2.10.32 and newer servers.
    ///
    /// A task never runs wider than asked. When the request overrides the template's limit,
    /// tags, skipped tags, inventory, debugging or arguments, the template and the server's
    /// version are read first, and a task the server would run without the override is not
    /// started: an [`ErrorKind::InvalidArgument`] names the field and the template setting that
    /// allows it (newer servers drop an override their template does not allow without a
    /// word, and run the template's own limit or every host). After the start, the task the
    /// server answered must show what was asked; if it does not, the task is stopped at once
    /// and an [`ErrorKind::NotApplied`] says so.
    ///
    /// ```no_run
    /// # async fn run(client: semaphore_api::Client, template: semaphore_api::TemplateId) -> semaphore_api::Result<()> {
    /// use std::time::Duration;
    /// use semaphore_api::{ProjectId, TaskRequest};
    ///
    /// let request = TaskRequest::new(template);
    /// let task = client.run_task(ProjectId(1), &request).await?;
    /// let mut output = task.follow();
    /// while let Some(line) = output.next().await {
    ///     println!("{}", line?.output);
    /// }
    /// let finished = task.wait(Duration::from_secs(600)).await?;
    /// println!("{}", if finished.status.is_success() { "ok" } else { "failed" });
    /// # Ok(()) }
    /// ```
    pub async fn run_task(
        &self,
        project_id: ProjectId,
        request: &TaskRequest,
    ) -> Result<TaskHandle> {
        let asked = Asked::of(request);
        if asked.any() {
            let template = self
                .project_project_id_templates_template_id_get(project_id, request.template_id)
                .await?;
            let version = self.server_version().await?;
            if let Some((param, reason)) = overrides::refused(&template, &version, &asked) {
                return Err(ErrorKind::InvalidArgument {
                    call: Call::named(START),
                    param,
                    reason,
                }
                .into());
            }
        }
        let task = self
            .project_project_id_tasks_post(project_id, request)
            .await?;
        let handle = self.task_handle(project_id, task.id);
        if let Some(what) = overrides::not_recorded(&task, &asked) {
            let stopped = match handle.stop(true).await {
                Ok(()) => "the task was stopped at once".to_owned(),
                Err(e) => format!("stopping the task failed too: {e}"),
            };
            return Err(ErrorKind::NotApplied {
                call: Call::named(START),
                what: format!("{what} ({stopped})"),
            }
            .into());
        }
        Ok(handle)
    }
}
