//! Access keys: the credentials tasks use (SSH keys, logins, vault passwords, plain strings).

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use crate::{KeyId, ProjectId, Secret};

string_enum! {
    /// The kind of an access key.
    pub enum AccessKeyType {
        /// No credentials (`none`).
        None = "none",
        /// An SSH private key (`ssh`).
        Ssh = "ssh",
        /// A login and password, or a vault password (`login_password`).
        LoginPassword = "login_password",
        /// A plain secret string (`string`; the server makes these for environment secrets).
        String = "string",
    }
    default None;
}

/// The secret of a `login_password` key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoginPassword {
    /// The login name (may be empty for a vault password).
    pub login: String,
    /// The password; never shown by `Debug`. The real server answers it empty.
    pub password: Secret,
}

/// The secret of an `ssh` key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SshKey {
    /// The login name.
    pub login: String,
    /// The key's passphrase, if any; never shown by `Debug`.
    pub passphrase: Secret,
    /// The private key (PEM); never shown by `Debug`. The real server answers it empty.
    pub private_key: Secret,
}

impl SshKey {
    /// A private key (PEM) for `login`, without a passphrase.
    pub fn new(login: impl Into<String>, private_key: impl Into<Secret>) -> Self {
        SshKey {
            login: login.into(),
            passphrase: Secret::default(),
            private_key: private_key.into(),
        }
    }
}

/// An access key of a project (`project_project_id_keys_get`).
///
/// The server never sends a key's secret back: `string`, `login_password` and `ssh` come
/// empty in every answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccessKey {
    /// The key's id.
    pub id: KeyId,
    /// The key's name.
    pub name: String,
    /// The kind of key.
    pub r#type: AccessKeyType,
    /// The project it belongs to (`null` for user-level keys).
    pub project_id: Option<ProjectId>,
    /// The secret of a `string` key (empty in answers).
    pub string: Secret,
    /// The login and password of a `login_password` key (empty in answers).
    pub login_password: LoginPassword,
    /// The SSH key of an `ssh` key (empty in answers).
    pub ssh: SshKey,
    /// Whether an update replaces the stored secret (`false` in answers).
    pub override_secret: bool,
    /// Whether the key holds no secret at all (sent as `true` by SQL servers in lists, for
    /// `none` keys; absent otherwise).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub empty: bool,
    /// Fields this model does not name (a newer server's), kept as sent: encoding the model
    /// gives them back, and an update built from it sends them back.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of `project_project_id_keys_post` and `project_project_id_keys_key_id_put`.
///
/// Its `project_id`, and on updates its `id`, come from the path: the client sets them in
/// the body, where the server reads them, so the two cannot disagree.
///
/// An update renames the key; it replaces the type and the secret only with
/// `override_secret`. The server finds the key by the body's `id` and `project_id`, not the
/// path's; the client sets both from the path arguments.
///
/// Build one with the constructor of its kind, which takes what the server requires of it:
///
/// ```
/// use semaphore_api::{AccessKeyRequest, SshKey};
///
/// let deploy = AccessKeyRequest::ssh("deploy", SshKey::new("git", "-----BEGIN OPENSSH PRIVATE KEY-----..."));
/// let vault = AccessKeyRequest::login_password("vault", "", "vault password");
/// let nothing = AccessKeyRequest::none("none");
/// # let _ = (deploy, vault, nothing);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessKeyRequest {
    /// The key's name (required).
    pub name: String,
    /// The kind of key (required).
    pub r#type: AccessKeyType,
    /// The secret of a `string` key.
    #[serde(default, skip_serializing_if = "Secret::is_empty")]
    pub string: Secret,
    /// The login and password of a `login_password` key (the password is required).
    #[serde(default)]
    pub login_password: LoginPassword,
    /// The SSH key of an `ssh` key (the private key is required).
    #[serde(default)]
    pub ssh: SshKey,
    /// On updates, whether to replace the stored type and secret; when `false` the server
    /// keeps them and only renames the key.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub override_secret: bool,
    /// Fields this model does not name, sent as they are: those of the object an update was
    /// built from (a newer server's), or any a caller sets.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl AccessKeyRequest {
    fn of_type(name: impl Into<String>, r#type: AccessKeyType) -> Self {
        AccessKeyRequest {
            name: name.into(),
            r#type,
            string: Secret::default(),
            login_password: LoginPassword::default(),
            ssh: SshKey::default(),
            override_secret: false,
            extra: crate::Extra::default(),
        }
    }

    /// A key that holds no credentials (`none`).
    pub fn none(name: impl Into<String>) -> Self {
        Self::of_type(name, AccessKeyType::None)
    }

    /// An SSH private key (`ssh`).
    pub fn ssh(name: impl Into<String>, key: SshKey) -> Self {
        AccessKeyRequest {
            ssh: key,
            ..Self::of_type(name, AccessKeyType::Ssh)
        }
    }

    /// A login and password (`login_password`); a vault password has an empty login.
    pub fn login_password(
        name: impl Into<String>,
        login: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Self {
        AccessKeyRequest {
            login_password: LoginPassword {
                login: login.into(),
                password: password.into(),
            },
            ..Self::of_type(name, AccessKeyType::LoginPassword)
        }
    }

    /// A plain secret string (`string`).
    pub fn string(name: impl Into<String>, secret: impl Into<Secret>) -> Self {
        AccessKeyRequest {
            string: secret.into(),
            ..Self::of_type(name, AccessKeyType::String)
        }
    }
}

impl From<&AccessKey> for AccessKeyRequest {
    /// An update of `key` that changes nothing: its id, name, type and project (the secret,
    /// which the server never sends, is kept on the server).
    fn from(key: &AccessKey) -> Self {
        AccessKeyRequest {
            extra: key.extra.clone(),
            ..AccessKeyRequest::of_type(key.name.clone(), key.r#type.clone())
        }
    }
}
