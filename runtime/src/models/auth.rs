//! Models of the authentication endpoints.

use serde::{Deserialize, Serialize};

use crate::{Secret, UserId};

/// The body of `auth_login_post`: a username or email, and a password.
///
/// ```
/// use semaphore_api::Login;
///
/// let login = Login::new("admin", "changeme");
/// assert!(!format!("{login:?}").contains("changeme"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Login {
    /// Username or email address, matched case-insensitively by the server.
    pub auth: String,
    /// The password; never shown by `Debug`.
    pub password: Secret,
}

impl Login {
    /// A login for `auth` (username or email) with `password`.
    pub fn new(auth: impl Into<String>, password: impl Into<Secret>) -> Self {
        Login {
            auth: auth.into(),
            password: password.into(),
        }
    }
}

/// What the login page offers (`auth_login_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoginMetadata {
    /// The OIDC providers users can sign in with; empty when none.
    pub oidc_providers: Vec<OidcProvider>,
    /// Whether username/password login is enabled (sent by the real server, not in the spec;
    /// `false` when absent).
    pub login_with_password: bool,
}

/// An OIDC provider offered on the login page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OidcProvider {
    /// The provider's id, used in `auth_oidc_provider_id_login_get`.
    pub id: String,
    /// The text of the login button.
    pub name: String,
    /// The button's color (real server only).
    pub color: String,
    /// The button's icon (real server only).
    pub icon: String,
}

/// An API token of the logged-in user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiToken {
    /// The token itself: send it with `ClientBuilder::bearer_token`. Never shown by `Debug`.
    pub id: Secret,
    /// When it was created (RFC 3339; `0001-01-01T00:00:00Z` on the BoltDB backend).
    pub created: String,
    /// Whether it was expired with `user_tokens_api_token_id_delete`.
    pub expired: bool,
    /// The id of the user it belongs to.
    pub user_id: UserId,
}
