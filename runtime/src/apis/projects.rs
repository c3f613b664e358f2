//! The list of projects: listing, creating, restoring.

use crate::{Project, ProjectBackup, ProjectRequest, Result, semaphore_api};

/// Projects endpoints (the spec's `projects` tag). One project's own endpoints are in
/// [`ProjectApi`](crate::ProjectApi).
///
/// ```no_run
/// use semaphore_api::{AuthenticationApi, Client, Login, ProjectRequest, ProjectsApi};
///
/// # async fn run() -> semaphore_api::Result<()> {
/// let client = Client::new("http://localhost:3000/api")?;
/// client.auth_login_post(&Login::new("admin", "changeme")).await?;
/// let project = client
///     .projects_post(&ProjectRequest::new("homelab"))
///     .await?;
/// assert!(client.projects_get().await?.iter().any(|p| p.id == project.id));
/// # Ok(()) }
/// ```
#[semaphore_api]
pub trait ProjectsApi {
    /// Fetches the projects the user is a member of (all of them for an admin).
    #[get("/projects")]
    async fn projects_get(&self) -> Result<Vec<Project>>;

    /// Creates a project (201), making the user its owner. The spec gives the answer no body;
    /// the real server answers the created [`Project`], with its `id`, and gives the project a
    /// `None` access key and an `Empty` environment. A user who is neither an admin nor
    /// allowed to create projects gets a 401, not a 403. SQL servers store only the name and
    /// type of the new project, though the answer echoes the rest: set the others with
    /// [`project_project_id_put`](crate::ProjectApi::project_project_id_put).
    #[post("/projects")]
    async fn projects_post(&self, #[body] project: &ProjectRequest) -> Result<Project>;

    /// Restores a project from a backup, as a new project (200). A backup refers to
    /// resources by name; one that does not resolve (a deploy template without its build
    /// template, say) is a 400 with an empty body.
    #[post("/projects/restore")]
    async fn projects_restore_post(&self, #[body] backup: &ProjectBackup) -> Result<Project>;
}
