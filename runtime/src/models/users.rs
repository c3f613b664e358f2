//! Users of the Semaphore instance.

use serde::{Deserialize, Serialize};

use crate::{Secret, UserId};

/// A user (`user_get`, `users_get`, `users_user_id_get`).
///
/// For a user who is not an administrator, `users_get` lists only `id`, `username` and `name`
/// of everyone; the other fields are then their defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct User {
    /// The user's id.
    pub id: UserId,
    /// When the user was created (RFC 3339).
    pub created: String,
    /// The login name.
    pub username: String,
    /// The display name.
    pub name: String,
    /// The email address.
    pub email: String,
    /// Whether the user administers the instance.
    pub admin: bool,
    /// Whether the user comes from LDAP or OpenID Connect (and has no password here).
    pub external: bool,
    /// Whether the user gets alerts.
    pub alert: bool,
    /// Whether the user may create projects (`user_get` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_create_project: Option<bool>,
}

/// The body of `users_post`: a new user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRequest {
    /// The login name (required, unique).
    pub username: String,
    /// The display name (required).
    pub name: String,
    /// The email address (required, unique).
    pub email: String,
    /// Whether the user administers the instance.
    #[serde(default)]
    pub admin: bool,
    /// Whether the user comes from LDAP or OpenID Connect.
    #[serde(default)]
    pub external: bool,
    /// Whether the user gets alerts.
    #[serde(default)]
    pub alert: bool,
    /// The password; never shown by `Debug`. The server accepts a user without one, who can
    /// then log in with an empty password: set it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
}

impl UserRequest {
    /// A new user who is not an administrator; set `password` to let them log in with one
    /// (the server otherwise stores an empty password).
    pub fn new(
        username: impl Into<String>,
        name: impl Into<String>,
        email: impl Into<String>,
    ) -> Self {
        UserRequest {
            username: username.into(),
            name: name.into(),
            email: email.into(),
            admin: false,
            external: false,
            alert: false,
            password: None,
        }
    }
}

/// The body of `users_user_id_put`.
///
/// SQL servers overwrite `name`, `username`, `email`, `alert` and `admin`; BoltDB servers
/// overwrite the whole user, `created` and `external` included: build it from the user read
/// (`UserPutRequest::from(&user)`) so that a change keeps the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPutRequest {
    /// When the user was created (kept on BoltDB servers only if sent).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub created: String,
    /// The login name.
    pub username: String,
    /// The display name.
    pub name: String,
    /// The email address.
    pub email: String,
    /// Whether the user administers the instance (changing one's own is a 401).
    #[serde(default)]
    pub admin: bool,
    /// Whether the user comes from LDAP or OpenID Connect.
    #[serde(default)]
    pub external: bool,
    /// Whether the user gets alerts.
    #[serde(default)]
    pub alert: bool,
    /// A new password, if any; never shown by `Debug`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
}

impl From<&User> for UserPutRequest {
    /// An update of `user` that changes nothing.
    fn from(user: &User) -> Self {
        UserPutRequest {
            created: user.created.clone(),
            username: user.username.clone(),
            name: user.name.clone(),
            email: user.email.clone(),
            admin: user.admin,
            external: user.external,
            alert: user.alert,
            password: None,
        }
    }
}

/// The body of `users_user_id_password_post`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
