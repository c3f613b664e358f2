//! Users of the Semaphore instance.

use serde::{Deserialize, Serialize};

use crate::{Secret, UserId};

/// A user, as one user is read (`user_get`, `users_user_id_get`): every field, so that
/// [`UserPutRequest::from`] builds an update that changes nothing.
///
/// The list gives a [`UserSummary`] instead.
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
    /// Fields this model does not name (a newer server's), kept as sent: encoding the model
    /// gives them back, and an update built from it sends them back.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A user as `users_get` lists them.
///
/// To a caller who is not an administrator the server lists only `id`, `username` and
/// `name`: the other fields are then `None`. An update overwrites them (a missing email is
/// stored empty), so no update can be built from this type: read the user
/// (`users_user_id_get`, or `user_get` for oneself) for a [`User`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserSummary {
    /// The user's id.
    pub id: UserId,
    /// The login name.
    pub username: String,
    /// The display name.
    pub name: String,
    /// The email address (to administrators only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// When the user was created, RFC 3339 (to administrators only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// Whether the user administers the instance (to administrators only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin: Option<bool>,
    /// Whether the user comes from LDAP or OpenID Connect (to administrators only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external: Option<bool>,
    /// Whether the user gets alerts (to administrators only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert: Option<bool>,
    /// Fields a newer server adds.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of `users_post`: a new user.
///
/// A user who is not `external` needs a password: the server would create one without (or
/// with an empty one) who logs in with an empty password, so such a request is refused before
/// it is sent ([`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument)).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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
    /// Whether the user comes from LDAP or OpenID Connect (and logs in there, without a
    /// password here).
    #[serde(default)]
    pub external: bool,
    /// Whether the user gets alerts.
    #[serde(default)]
    pub alert: bool,
    /// The password; never shown by `Debug`. Required unless `external`.
    #[serde(default)]
    pub password: Option<Secret>,
}

impl UserRequest {
    /// A new user who is not an administrator and logs in with `password`.
    ///
    /// ```
    /// use semaphore_api::UserRequest;
    ///
    /// let ops = UserRequest::new("ops", "Operations", "ops@example.com", "a long passphrase");
    /// ```
    pub fn new(
        username: impl Into<String>,
        name: impl Into<String>,
        email: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Self {
        UserRequest {
            password: Some(password.into()),
            external: false,
            ..Self::external(username, name, email)
        }
    }

    /// A new user who logs in through LDAP or OpenID Connect: no password here.
    pub fn external(
        username: impl Into<String>,
        name: impl Into<String>,
        email: impl Into<String>,
    ) -> Self {
        UserRequest {
            username: username.into(),
            name: name.into(),
            email: email.into(),
            admin: false,
            external: true,
            alert: false,
            password: None,
        }
    }
}

impl Serialize for UserRequest {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let has_password = self.password.as_ref().is_some_and(|p| !p.is_empty());
        if !self.external && !has_password {
            return Err(serde::ser::Error::custom(
                "a user who is not external needs a password: without one (or with an empty one) the server creates a user anyone can log in as with an empty password",
            ));
        }
        #[derive(Serialize)]
        struct Wire<'a> {
            username: &'a str,
            name: &'a str,
            email: &'a str,
            admin: bool,
            external: bool,
            alert: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            password: Option<&'a Secret>,
        }
        Wire {
            username: &self.username,
            name: &self.name,
            email: &self.email,
            admin: self.admin,
            external: self.external,
            alert: self.alert,
            password: self.password.as_ref(),
        }
        .serialize(serializer)
    }
}

/// The body of `users_user_id_put`.
///
/// SQL servers overwrite `name`, `username`, `email`, `alert` and `admin`; BoltDB servers
/// overwrite the whole user, `created` and `external` included: build it from the user read
/// (`UserPutRequest::from(&user)`) so that a change keeps the rest. A listed
/// [`UserSummary`] converts to no request:
///
/// ```compile_fail
/// # fn f(listed: &semaphore_api::UserSummary) {
/// let update = semaphore_api::UserPutRequest::from(listed);
/// # }
/// ```
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
    /// Fields this model does not name, sent as they are: those of the object an update was
    /// built from (a newer server's), or any a caller sets.
    #[serde(flatten)]
    pub extra: crate::Extra,
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
            extra: user.extra.clone(),
        }
    }
}

/// The body of `users_user_id_password_post`. An empty password is refused before it is
/// sent: the server would store it, and anyone could log in as the user with it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct UserPasswordRequest {
    /// The new password; never shown by `Debug`.
    pub password: Secret,
}

impl Serialize for UserPasswordRequest {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.password.is_empty() {
            return Err(serde::ser::Error::custom(
                "an empty password would let anyone log in as the user",
            ));
        }
        #[derive(Serialize)]
        struct Wire<'a> {
            password: &'a Secret,
        }
        Wire {
            password: &self.password,
        }
        .serialize(serializer)
    }
}

impl UserPasswordRequest {
    /// A request setting `password`.
    pub fn new(password: impl Into<Secret>) -> Self {
        UserPasswordRequest {
            password: password.into(),
        }
    }
}
