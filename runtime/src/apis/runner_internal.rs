//! The API a remote runner talks to the server with.

use crate::{
    Result, RunnerProgress, RunnerRegistration, RunnerState, RunnerToken, Secret, semaphore_api,
};

/// The runner's side of remote runners (`/internal/runners`): registering, fetching the
/// tasks to run, reporting their progress, unregistering. Not in the spec; served by the
/// real server (`api/router.go`).
///
/// None of these send the client's credentials (they are `#[no_auth]`): registration
/// carries the server's registration token in its body, and the other calls carry the
/// runner's own token in the `X-Runner-Token` header, as a [`Secret`] (the header is marked
/// sensitive and never printed). A missing token is a 401 (`{"error": "Invalid token"}`),
/// an unknown one a 404 (`{"error": "Runner not found"}`).
///
/// The server gives tasks to active runners only when it is configured with
/// `use_remote_runner`; otherwise `internal_runners_get` answers an empty state.
///
/// ```no_run
/// use semaphore_api::{
///     Client, JobProgress, LogRecord, RunnerInternalApi, RunnerProgress, RunnerRegistration,
///     TaskStatus,
/// };
///
/// # async fn run() -> semaphore_api::Result<()> {
/// // A runner needs no user credentials.
/// let client = Client::new("http://localhost:3000/api")?;
/// let registered = client
///     .internal_runners_post(&RunnerRegistration::new("the-servers-registration-token"))
///     .await?;
/// let token = registered.token; // a Secret: keep it, it is the runner's identity
/// let state = client.internal_runners_get(&token).await?;
/// for job in &state.new_jobs {
///     // ... run job.task with job.template, job.inventory, state.access_keys ...
///     let done = JobProgress {
///         id: job.task.id,
///         status: TaskStatus::Success,
///         log_records: vec![LogRecord {
///             time: "2024-10-25T10:11:12Z".into(),
///             message: "done".into(),
///         }],
///     };
///     let progress = RunnerProgress { jobs: vec![done] };
///     client.internal_runners_put(&token, &progress).await?;
/// }
/// client.internal_runners_delete(&token).await?;
/// # Ok(()) }
/// ```
#[semaphore_api]
pub trait RunnerInternalApi {
    /// Registers a runner (200, its token). The body's `registration_token` must be the
    /// server's `runner_registration_token`; a wrong one, or a server without one, is a 400.
    /// The runner is created inactive: an administrator activates it with
    /// [`runners_runner_id_active_post`](crate::RunnersApi::runners_runner_id_active_post).
    #[post("/internal/runners")]
    #[no_auth]
    async fn internal_runners_post(
        &self,
        #[body] registration: &RunnerRegistration,
    ) -> Result<RunnerToken>;

    /// Fetches the runner's tasks: those to start, with everything needed to run them
    /// (secrets included, kept in [`Secret`]s), and those running.
    #[get("/internal/runners")]
    #[no_auth]
    async fn internal_runners_get(
        &self,
        #[header("X-Runner-Token")] runner_token: &Secret,
    ) -> Result<RunnerState>;

    /// Reports the progress of the runner's tasks: output lines and new states (204).
    /// Tasks the server does not know, or gave another runner, are skipped; a body that is
    /// not JSON (or a `time` that is not RFC 3339) is a 400. The server appends the log
    /// records each time it is sent: never sent twice by a [`Retry`](crate::Retry).
    #[put("/internal/runners")]
    #[not_idempotent]
    #[no_auth]
    async fn internal_runners_put(
        &self,
        #[header("X-Runner-Token")] runner_token: &Secret,
        #[body] progress: &RunnerProgress,
    ) -> Result<()>;

    /// Unregisters the runner (204): it is deleted, and its token no longer works.
    #[delete("/internal/runners")]
    #[no_auth]
    async fn internal_runners_delete(
        &self,
        #[header("X-Runner-Token")] runner_token: &Secret,
    ) -> Result<()>;
}
