//! The public webhook of integrations.

use crate::{Result, semaphore_api};

/// The public webhook of integrations: the URL that GitHub, GitLab or any other caller
/// sends its events to, to start the templates of the integrations with that alias. Not in
/// the spec; served by the real server (`api/router.go`).
///
/// These send no user credentials (`#[no_auth]`). The server checks each integration's own
/// authentication (a token or an HMAC of the body in a header the integration names, or
/// GitHub's `X-Hub-Signature-256`) and its matchers, and runs the integrations that pass;
/// one with no matcher never runs. Whatever happens, the answer is empty: 204 (200 on
/// BoltDB servers for an alias that names no integration), so the answer does not tell
/// whether a task started: look at the project's tasks.
///
/// The header an integration authenticates with is named by the integration, so it is not
/// an argument here: declare the call with your header yourself, with the token as a
/// [`Secret`](crate::Secret):
///
/// ```no_run
/// use semaphore_api::{Client, Result, Secret, WebhookApi, semaphore_api};
///
/// #[semaphore_api]
/// pub trait DeployHook {
///     /// Our integration authenticates with a token in `X-Deploy-Token`.
///     #[post("/integrations/{integration_alias}")]
///     #[no_auth]
///     async fn deploy_hook(
///         &self,
///         integration_alias: &str,
///         #[header("X-Deploy-Token")] token: &Secret,
///         #[body] payload: &serde_json::Value,
///     ) -> Result<()>;
/// }
///
/// # async fn run() -> Result<()> {
/// let client = Client::new("http://localhost:3000/api")?;
/// let event = serde_json::json!({"ref": "refs/heads/main", "action": "deploy"});
/// // An integration without authentication:
/// client.integrations_integration_alias_post("kw3c9a8fo2b5", &event).await?;
/// // One with a token:
/// let token = Secret::new("the-integrations-token");
/// client.deploy_hook("kw3c9a8fo2b5", &token, &event).await?;
/// # Ok(()) }
/// ```
#[semaphore_api]
pub trait WebhookApi {
    /// Calls the webhook without a body: only integrations whose matchers look at headers
    /// alone can match. Answers as [`integrations_integration_alias_post`](Self::integrations_integration_alias_post).
    #[get("/integrations/{integration_alias}")]
    #[no_auth]
    async fn integrations_integration_alias_get(&self, integration_alias: &str) -> Result<()>;

    /// Sends an event to the integrations with this alias (or, for the server's
    /// `integration_alias` setting, to every searchable integration): 204, or 200 on BoltDB
    /// servers for an alias that names no integration; the answer is empty either way.
    #[post("/integrations/{integration_alias}")]
    #[no_auth]
    async fn integrations_integration_alias_post(
        &self,
        integration_alias: &str,
        #[body] payload: &serde_json::Value,
    ) -> Result<()>;
}
