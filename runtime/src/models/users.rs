//! Users of the Semaphore instance.

use serde::{Deserialize, Serialize};

use crate::Secret;

/// A user (`user_get`, `users_get`, `users_user_id_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct User {
    /// The user's id.
    pub id: i64,
    /// The display name.
    pub name: String,
    /// The login name.
    pub username: String,
    /// The email address.
    pub email: String,
    /// When the user was created (RFC 3339).
    pub created: String,
    /// Whether the user receives task alerts.
    pub alert: bool,
    /// Whether the user is an administrator.
    pub admin: bool,
    /// Whether the user comes from LDAP or OIDC (sent by the real server, not in the spec).
    pub external: bool,
}

/// The body of `users_post`: a new user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserRequest {
    /// The display name.
    pub name: String,
    /// The login name.
    pub username: String,
    /// The email address.
    pub email: String,
    /// Whether the user receives task alerts.
    pub alert: bool,
    /// Whether the user is an administrator.
    pub admin: bool,
    /// The initial password: the real server reads it, the spec omits it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
}

/// The body of `users_user_id_put`: a user's new details.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserPutRequest {
    /// The display name.
    pub name: String,
    /// The login name.
    pub username: String,
    /// The email address.
    pub email: String,
    /// Whether the user receives task alerts.
    pub alert: bool,
    /// Whether the user is an administrator.
    pub admin: bool,
}

/// The body of `users_user_id_password_post`: a user's new password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserPasswordRequest {
    /// The new password; never shown by `Debug`.
    pub password: Secret,
}

impl UserPasswordRequest {
    /// A request setting `password`.
    pub fn new(password: impl Into<Secret>) -> Self {
        UserPasswordRequest {
            password: password.into(),
        }
    }
}
