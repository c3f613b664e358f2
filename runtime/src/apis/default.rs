//! The endpoints the spec leaves untagged.

use crate::{Event, InfoType, ProjectUserRoleRequest, Result, semaphore_api};

/// The spec's untagged endpoints: liveness, server information, the websocket, global events,
/// and a project member's role update.
#[semaphore_api]
pub trait DefaultApi {
    /// PING test: 200 with the plain-text body `pong`, without credentials. The body is not
    /// JSON, so it is not decoded: success is the answer.
    #[get("/ping")]
    #[no_auth]
    async fn ping_get(&self) -> Result<()>;

    /// The websocket of live task updates. It needs a WebSocket upgrade, which this plain
    /// `GET` does not make, so the real server answers an error status (401 without
    /// credentials, a failed handshake otherwise). Declared because the spec declares it.
    #[get("/ws")]
    async fn ws_get(&self) -> Result<()>;

    /// Fetches information about the server: its version and any available update.
    #[get("/info")]
    async fn info_get(&self) -> Result<InfoType>;

    /// Fetches the events of the server and of the user's projects, in chronological order.
    #[get("/events")]
    async fn events_get(&self) -> Result<Vec<Event>>;

    /// Fetches the last 200 events of the server and of the user's projects.
    #[get("/events/last")]
    async fn events_last_get(&self) -> Result<Vec<Event>>;

    /// Updates a project member's role (204). Untagged in the spec, so here rather than in
    /// [`ProjectApi`](crate::ProjectApi).
    #[put("/project/{project_id}/users/{user_id}")]
    async fn project_project_id_users_user_id_put(
        &self,
        project_id: i64,
        user_id: i64,
        #[body] user: &ProjectUserRoleRequest,
    ) -> Result<()>;
}
