//! The server's remote runners, as an administrator manages them.

use crate::{Activation, Result, Runner, RunnerId, RunnerRequest, semaphore_api};

/// Global runners: the machines that run tasks when the server has `use_remote_runner`.
/// Not in the spec; served by the real server (`api/router.go`). **Administrators only**
/// (others get a 403); an unknown `runner_id` is a 404 (`{"error": "Runner not found"}`).
///
/// A runner talks to the server with the token of its creation, through
/// [`RunnerInternalApi`](crate::RunnerInternalApi).
///
/// ```no_run
/// use semaphore_api::{Activation, Client, RunnerRequest, RunnersApi};
///
/// # async fn run() -> semaphore_api::Result<()> {
/// let client = Client::builder("http://localhost:3000/api")
///     .bearer_token("kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu=")
///     .build()?;
/// let created = client
///     .runners_post(&RunnerRequest {
///         max_parallel_tasks: 2,
///         active: true,
///         ..RunnerRequest::new("build-box")
///     })
///     .await?;
/// // The token is in this answer only: hand it to the runner (it never shows in `Debug`).
/// let token = created.token.clone();
/// # let _ = token;
/// client
///     .runners_runner_id_active_post(created.id, &Activation { active: false })
///     .await?;
/// for runner in client.runners_get().await? {
///     println!("{} {} active={}", runner.id, runner.name, runner.active);
/// }
/// client.runners_runner_id_delete(created.id).await?;
/// # Ok(()) }
/// ```
#[semaphore_api]
pub trait RunnersApi {
    /// Lists the global runners (their tokens left out). **Administrators only** (403
    /// otherwise).
    #[get("/runners")]
    async fn runners_get(&self) -> Result<Vec<Runner>>;

    /// Creates a global runner (201): the answer holds its token, which no other answer
    /// holds. **Administrators only** (403 otherwise).
    #[post("/runners")]
    async fn runners_post(&self, #[body] runner: &RunnerRequest) -> Result<Runner>;

    /// Fetches a global runner (its token left out). **Administrators only** (403 otherwise).
    #[get("/runners/{runner_id}")]
    async fn runners_runner_id_get(&self, runner_id: RunnerId) -> Result<Runner>;

    /// Overwrites a global runner's name, webhook, limit and activity (204). On BoltDB
    /// servers this also erases its token (see [`RunnerRequest`]). **Administrators only**
    /// (403 otherwise). The server also routes `POST` here, to the same handler.
    #[put("/runners/{runner_id}")]
    async fn runners_runner_id_put(
        &self,
        runner_id: RunnerId,
        #[body] runner: &RunnerRequest,
    ) -> Result<()>;

    /// Turns a global runner on or off (204). **Administrators only** (403 otherwise).
    #[post("/runners/{runner_id}/active")]
    #[idempotent]
    async fn runners_runner_id_active_post(
        &self,
        runner_id: RunnerId,
        #[body] active: &Activation,
    ) -> Result<()>;

    /// Removes a global runner (204). **Administrators only** (403 otherwise).
    #[delete("/runners/{runner_id}")]
    async fn runners_runner_id_delete(&self, runner_id: RunnerId) -> Result<()>;
}
