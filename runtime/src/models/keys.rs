//! Access keys: the credentials tasks use (SSH keys, logins, vault passwords).

use serde::{Deserialize, Serialize};

use crate::Secret;

/// The kind of an access key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessKeyType {
    /// No credentials (`none`).
    None,
    /// An SSH private key (`ssh`).
    Ssh,
    /// A login and password, or a vault password (`login_password`).
    LoginPassword,
    /// A type this client does not know (a newer server's); serializes as `""`.
    #[default]
    #[serde(other, rename = "")]
    Unknown,
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
    /// The private key (PEM); never shown by `Debug`. The real server answers it empty.
    pub private_key: Secret,
    /// The key's passphrase, if any (real server only); never shown by `Debug`.
    #[serde(skip_serializing_if = "Secret::is_empty")]
    pub passphrase: Secret,
}

/// An access key of a project (`project_project_id_keys_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccessKey {
    /// The key's id.
    pub id: i64,
    /// The key's name.
    pub name: String,
    /// The kind of key.
    pub r#type: AccessKeyType,
    /// The project it belongs to (`null` from the real server for user-level keys).
    pub project_id: Option<i64>,
    /// The login and password of a `login_password` key.
    pub login_password: LoginPassword,
    /// The SSH key of an `ssh` key.
    pub ssh: SshKey,
}

/// The body of `project_project_id_keys_post` and `project_project_id_keys_key_id_put`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccessKeyRequest {
    /// On updates, the key's id: the real server reads it from the body, and it must equal
    /// the id in the path (the spec omits it). Leave `None` when creating.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The key's name.
    pub name: String,
    /// The kind of key.
    pub r#type: AccessKeyType,
    /// The project it belongs to (must equal the id in the path).
    pub project_id: i64,
    /// The login and password of a `login_password` key.
    pub login_password: LoginPassword,
    /// The SSH key of an `ssh` key.
    pub ssh: SshKey,
    /// On updates, whether to replace the stored secret (newer real servers only; when `false`
    /// they keep the secret and ignore `login_password`/`ssh`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub override_secret: bool,
}
