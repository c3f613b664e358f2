//! The endpoints the spec leaves untagged.

use crate::{Event, InfoType, ProjectId, ProjectUserRoleRequest, Result, UserId, semaphore_api};

/// The spec's untagged endpoints: liveness, server information, global events, and a project
/// member's role update.
///
/// The spec's `GET /ws` is not declared: it is the WebSocket of live task updates, and the
/// real server answers a plain `GET` of it by dropping the connection without a status.
///
/// ```no_run
/// use semaphore_api::{Client, DefaultApi, ProjectId, ProjectRole, ProjectUserRoleRequest, UserId};
///
/// # async fn run() -> semaphore_api::Result<()> {
/// let client = Client::builder("http://localhost:3000/api")
///     .bearer_token("kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu=")
///     .build()?;
/// client.ping_get().await?;
/// println!("Semaphore {}", client.info_get().await?.version);
/// for event in client.events_last_get().await? {
///     println!("{} {}", event.created, event.description.as_deref().unwrap_or(""));
/// }
/// let manager = ProjectUserRoleRequest { role: ProjectRole::Manager };
/// client.project_project_id_users_user_id_put(ProjectId(1), UserId(7), &manager).await?;
/// # Ok(()) }
/// ```
#[semaphore_api]
pub trait DefaultApi {
    /// PING test: 200 with the plain-text body `pong`, without credentials.
    #[get("/ping")]
    #[no_auth]
    async fn ping_get(&self) -> Result<String>;

    /// Fetches information about the server: its version, its Ansible, its public URL.
    #[get("/info")]
    async fn info_get(&self) -> Result<InfoType>;

    /// Fetches the events of the server and of the user's projects, newest first. (BoltDB
    /// servers answer at most one event here; `events_last_get` lists 200.)
    #[get("/events")]
    async fn events_get(&self) -> Result<Vec<Event>>;

    /// Fetches the last 200 events of the server and of the user's projects, newest first.
    #[get("/events/last")]
    async fn events_last_get(&self) -> Result<Vec<Event>>;

    /// Updates a project member's role (204). Untagged in the spec, so here rather than in
    /// [`ProjectApi`](crate::ProjectApi).
    #[put("/project/{project_id}/users/{user_id}")]
    async fn project_project_id_users_user_id_put(
        &self,
        project_id: ProjectId,
        user_id: UserId,
        #[body] user: &ProjectUserRoleRequest,
    ) -> Result<()>;
}
