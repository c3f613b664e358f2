//! What the stand-in was started with, read by every route.

use crate::accounts::OidcProvider;

/// What the stand-in was started with.
pub(crate) struct Config {
    /// `http://127.0.0.1:PORT/api`, for the OIDC `redirect_uri`.
    pub base_url: String,
    pub oidc_providers: Vec<OidcProvider>,
    pub login_with_password: bool,
    pub bolt_db: bool,
    pub non_admin_can_create_project: bool,
    /// Acts as a server newer than v2.10.32 (`newer.rs`).
    pub newer: bool,
    /// The most sessions kept; past it, the oldest ends.
    pub max_sessions: usize,
}
