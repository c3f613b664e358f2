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
}

/// The body of `project_project_id_keys_post` and `project_project_id_keys_key_id_put`.
///
/// Its `project_id`, and on updates its `id`, come from the path: the client sets them in
/// the body, where the server reads them, so the two cannot disagree.
///
/// An update renames the key; it replaces the type and the secret only with
/// `override_secret`. The server finds the key by the body's `id` and `project_id`, not the
/// path's; the client sets both from the path arguments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccessKeyRequest {
    /// The key's name (required).
    pub name: String,
    /// The kind of key.
    pub r#type: AccessKeyType,
    /// The secret of a `string` key.
    #[serde(skip_serializing_if = "Secret::is_empty")]
    pub string: Secret,
    /// The login and password of a `login_password` key (the password is required).
    pub login_password: LoginPassword,
    /// The SSH key of an `ssh` key (the private key is required).
    pub ssh: SshKey,
    /// On updates, whether to replace the stored type and secret; when `false` the server
    /// keeps them and only renames the key.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub override_secret: bool,
}

impl From<&AccessKey> for AccessKeyRequest {
    /// An update of `key` that changes nothing: its id, name, type and project (the secret,
    /// which the server never sends, is kept on the server).
    fn from(key: &AccessKey) -> Self {
        AccessKeyRequest {
            name: key.name.clone(),
            r#type: key.r#type.clone(),
            ..Default::default()
        }
    }
}
