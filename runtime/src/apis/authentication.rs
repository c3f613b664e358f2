//! The authentication endpoints: login, logout, OIDC, API tokens.

use crate::{ApiToken, Login, LoginMetadata, Redirect, Result, Secret, semaphore_api};

/// Authentication, logout and API tokens.
///
/// Where the real server differs from the spec, these follow the server (the repository's
/// `CONFORMANCE.md` lists every difference): a bad login is a 401
/// ([`Error::is_unauthorized`](crate::Error::is_unauthorized)), not a 400; the OIDC endpoints
/// answer 307, not 302, and read no credentials; all failures have empty bodies.
///
/// ```no_run
/// use semaphore_api::{AuthenticationApi, Client, Login};
///
/// # async fn run() -> semaphore_api::Result<()> {
/// let client = Client::new("http://localhost:3000/api")?;
/// if client.auth_login_get().await?.login_with_password {
///     client.auth_login_post(&Login::new("admin", "changeme")).await?; // keeps the cookie
/// }
/// // An API token for scripts: `Client::builder(url).bearer_token(..)` uses it.
/// let token = client.user_tokens_post().await?;
/// println!("{} tokens", client.user_tokens_get().await?.len());
/// client.user_tokens_api_token_id_delete(token.id.expose_secret()).await?;
/// client.auth_logout_post().await?;
/// # Ok(()) }
/// ```
#[semaphore_api]
pub trait AuthenticationApi {
    /// Fetches login metadata: the OIDC providers and whether password login is enabled.
    #[get("/auth/login")]
    #[no_auth]
    async fn auth_login_get(&self) -> Result<LoginMetadata>;

    /// Performs login. On success (204) the client keeps the `semaphore` session cookie the
    /// server sets, and sends it on later calls. Bad credentials: 401; a body the server cannot
    /// read: 400.
    #[post("/auth/login")]
    #[no_auth]
    async fn auth_login_post(&self, #[body] login_body: &Login) -> Result<()>;

    /// Destroys the current session: the client drops its session cookie on success. The real
    /// server reads no credentials here (the spec says it needs them), answers 204, and leaves
    /// the session valid server-side; so no credentials are sent.
    #[post("/auth/logout")]
    #[no_auth]
    #[ends_session]
    #[idempotent]
    async fn auth_logout_post(&self) -> Result<()>;

    /// Begins the OIDC flow: a redirect to the provider's authorize URL, or to `/auth/login`
    /// for an unknown provider (the real server answers 307; the spec says 302). The server
    /// reads no credentials here, so none are sent. `redirect` (not in the spec) is a path the
    /// server appends to the provider's redirect URL, where the user lands after logging in;
    /// the server does not check it.
    #[get("/auth/oidc/{provider_id}/login")]
    #[no_auth]
    async fn auth_oidc_provider_id_login_get(
        &self,
        provider_id: &str,
        #[query] redirect: Option<&str>,
    ) -> Result<Redirect>;

    /// Finishes the OIDC flow: a redirect to `/` with the session cookie set on success (the
    /// client keeps it), or to `/auth/login` on failure. No credentials are sent. The server
    /// reads the provider's `state` and `code` (not in the spec), as the provider's redirect
    /// to this URL carries them.
    #[get("/auth/oidc/{provider_id}/redirect")]
    #[no_auth]
    async fn auth_oidc_provider_id_redirect_get(
        &self,
        provider_id: &str,
        #[query] state: Option<&str>,
        #[query] code: Option<&Secret>,
    ) -> Result<Redirect>;

    /// Finishes the OIDC flow like [`auth_oidc_provider_id_redirect_get`](Self::auth_oidc_provider_id_redirect_get),
    /// but on success redirects to `/{redirect_path}` instead of `/` (a redirect to
    /// `/auth/login` on failure). Not in the spec; served by the real server
    /// (`api/router.go`). `redirect_path` is sent as one path segment, so a `/` in it is sent
    /// as `%2F`, which the server decodes: `"project/1/templates"` comes back as
    /// `/project/1/templates`. No credentials are sent.
    #[get("/auth/oidc/{provider_id}/redirect/{redirect_path}")]
    #[no_auth]
    async fn auth_oidc_provider_id_redirect_redirect_path_get(
        &self,
        provider_id: &str,
        redirect_path: &str,
        #[query] state: Option<&str>,
        #[query] code: Option<&Secret>,
    ) -> Result<Redirect>;

    /// Fetches the user's API tokens, expired ones included.
    #[get("/user/tokens")]
    async fn user_tokens_get(&self) -> Result<Vec<ApiToken>>;

    /// Creates an API token (201). Its `id` is the token to use as a bearer token.
    #[post("/user/tokens")]
    async fn user_tokens_post(&self) -> Result<ApiToken>;

    /// Expires an API token (204; the token stays listed, with `expired: true`). An unknown id
    /// is a 204 on SQL backends and a 404 on BoltDB.
    #[delete("/user/tokens/{api_token_id}")]
    async fn user_tokens_api_token_id_delete(&self, api_token_id: &str) -> Result<()>;
}
