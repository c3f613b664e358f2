//! Environments: the extra variables, environment variables and secrets of a task.

use serde::{Deserialize, Serialize};

use super::nullable;
use super::string_enum::string_enum;
use crate::{EnvironmentId, KeyId, ProjectId, Secret};

string_enum! {
    /// Where a secret of an environment goes.
    pub enum EnvironmentSecretType {
        /// An extra variable (`var`).
        Var = "var",
        /// An environment variable (`env`).
        Env = "env",
    }
    default Var;
}

string_enum! {
    /// What an update does with a secret of an environment.
    pub enum EnvironmentSecretOperation {
        /// Nothing: how the server answers every secret (`""`).
        None = "",
        /// Adds the secret (`create`).
        Create = "create",
        /// Meant to replace the secret's value (`update`); the server never does (see
        /// [`SecretChange`]).
        Update = "update",
        /// Removes the secret (`delete`).
        Delete = "delete",
    }
    default None;
}

/// A secret variable of an environment, as the server shows it: without its value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnvironmentSecret {
    /// The secret's id, an access key's (0 when creating).
    pub id: KeyId,
    /// Where it goes.
    pub r#type: EnvironmentSecretType,
    /// The variable's name.
    pub name: String,
    /// The value; never shown by `Debug`. The server answers it empty.
    pub secret: Secret,
    /// Always `None` in the server's answers (changes are [`SecretChange`]s).
    pub operation: EnvironmentSecretOperation,
}

/// An environment of a project (`project_project_id_environment_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Environment {
    /// The environment's id.
    pub id: EnvironmentId,
    /// The environment's name.
    pub name: String,
    /// The project it belongs to.
    pub project_id: ProjectId,
    /// The vault password (`null` when none); never shown by `Debug`. The server sends it
    /// in clear.
    pub password: Option<Secret>,
    /// Extra variables, a JSON object as a string.
    pub json: String,
    /// Environment variables, a JSON object as a string (`null` when none).
    pub env: Option<String>,
    /// The secrets, without their values (in lists and for an environment without secrets
    /// the server sends `null`: empty here).
    #[serde(deserialize_with = "nullable::or_default")]
    pub secrets: Vec<EnvironmentSecret>,
    /// Fields this model does not name (a newer server's), kept as sent: encoding the model
    /// gives them back, and an update built from it sends them back.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of `project_project_id_environment_post` and `..._environment_id_put`.
///
/// Its `project_id`, and on updates its `id`, come from the path: the client sets them in
/// the body, where the server reads them, so the two cannot disagree.
///
/// An update overwrites `name`, `json`, `env` and `password`: build it from the environment
/// read (`EnvironmentRequest::from(&environment)`) so that a change keeps the rest. Secrets
/// change only as [`secrets`](Self::secrets) says: [`SecretChange`]s, which create and delete
/// (the server cannot change a secret's value in place: delete it and create it again, as
/// the resource layer's `set_secret` does).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvironmentRequest {
    /// The environment's name (required).
    pub name: String,
    /// The vault password.
    #[serde(default)]
    pub password: Option<Secret>,
    /// Extra variables, a JSON object as a string (required: `""` is not JSON, use `{}`).
    pub json: String,
    /// Environment variables, a JSON object as a string.
    #[serde(default)]
    pub env: Option<String>,
    /// Secrets to create or delete. The server applies them after saving the rest, in
    /// order, answers 204 whatever became of them, and creates a secret anew each time the
    /// request is sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<SecretChange>,
    /// Fields this model does not name, sent as they are: those of the object an update was
    /// built from (a newer server's), or any a caller sets.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl EnvironmentRequest {
    /// A new environment with no variables (`json` is `{}`), no vault password and no
    /// secrets; set them by name after.
    pub fn new(name: impl Into<String>) -> Self {
        EnvironmentRequest {
            name: name.into(),
            password: None,
            json: "{}".to_owned(),
            env: None,
            secrets: Vec::new(),
            extra: crate::Extra::default(),
        }
    }
}

impl From<&Environment> for EnvironmentRequest {
    /// An update of `environment` that changes nothing (its secrets are left as they are).
    fn from(environment: &Environment) -> Self {
        EnvironmentRequest {
            name: environment.name.clone(),
            password: environment.password.clone(),
            json: environment.json.clone(),
            env: environment.env.clone(),
            secrets: Vec::new(),
            extra: environment.extra.clone(),
        }
    }
}

/// A change to an environment's secrets, sent in an [`EnvironmentRequest`]: a new secret, or
/// the removal of one of the environment's own.
///
/// There is no change of value: the server's `update` operation never changes one (SQL
/// servers update no row and BoltDB servers fail), so a new value is a deletion and a
/// creation. A deletion names a secret read from the environment it is sent to: the server
/// deletes by id whatever environment the secret belongs to, and fails on an id that is not
/// a secret at all.
///
/// `Debug` never shows a value.
///
/// ```
/// use semaphore_api::{EnvironmentRequest, EnvironmentSecretType, SecretChange};
///
/// let mut prod = EnvironmentRequest::new("prod");
/// prod.secrets.push(SecretChange::create(EnvironmentSecretType::Env, "API_TOKEN", "s3cr3t"));
/// assert!(!format!("{prod:?}").contains("s3cr3t"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretChange(Change);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Change {
    Create {
        kind: EnvironmentSecretType,
        name: String,
        value: Secret,
    },
    Delete {
        kind: EnvironmentSecretType,
        id: KeyId,
    },
}

impl SecretChange {
    /// A new secret `name` with `value`, an extra variable or an environment variable of the
    /// tasks.
    pub fn create(
        kind: EnvironmentSecretType,
        name: impl Into<String>,
        value: impl Into<Secret>,
    ) -> Self {
        SecretChange(Change::Create {
            kind,
            name: name.into(),
            value: value.into(),
        })
    }

    /// Removes `secret`, as read from the environment the change is sent to
    /// (`..._environment_environment_id_get`).
    pub fn delete(secret: &EnvironmentSecret) -> Self {
        SecretChange(Change::Delete {
            kind: secret.r#type.clone(),
            id: secret.id,
        })
    }

    /// The secret a deletion removes; `None` for a creation.
    pub fn deleted(&self) -> Option<KeyId> {
        match &self.0 {
            Change::Delete { id, .. } => Some(*id),
            Change::Create { .. } => None,
        }
    }

    /// The name a creation gives; `None` for a deletion.
    pub fn created(&self) -> Option<(&EnvironmentSecretType, &str)> {
        match &self.0 {
            Change::Create { kind, name, .. } => Some((kind, name)),
            Change::Delete { .. } => None,
        }
    }
}

/// A secret change as the server reads it.
#[derive(Serialize, Deserialize)]
struct WireChange {
    #[serde(default)]
    id: KeyId,
    r#type: EnvironmentSecretType,
    #[serde(default)]
    name: String,
    #[serde(default)]
    secret: Secret,
    operation: EnvironmentSecretOperation,
}

impl Serialize for SecretChange {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let wire = match &self.0 {
            Change::Create { kind, name, value } => WireChange {
                id: KeyId(0),
                r#type: kind.clone(),
                name: name.clone(),
                secret: value.clone(),
                operation: EnvironmentSecretOperation::Create,
            },
            Change::Delete { kind, id } => WireChange {
                id: *id,
                r#type: kind.clone(),
                name: String::new(),
                secret: Secret::default(),
                operation: EnvironmentSecretOperation::Delete,
            },
        };
        wire.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for SecretChange {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let wire = WireChange::deserialize(deserializer)?;
        match wire.operation {
            EnvironmentSecretOperation::Create => Ok(SecretChange(Change::Create {
                kind: wire.r#type,
                name: wire.name,
                value: wire.secret,
            })),
            EnvironmentSecretOperation::Delete => Ok(SecretChange(Change::Delete {
                kind: wire.r#type,
                id: wire.id,
            })),
            EnvironmentSecretOperation::Update => Err(D::Error::custom(
                "the server cannot change a secret's value (`update` changes nothing): delete the secret and create it again",
            )),
            _ => Err(D::Error::custom(
                "a secret change needs an operation, `create` or `delete`",
            )),
        }
    }
}
