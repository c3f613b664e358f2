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
        /// Replaces the secret's value (`update`).
        Update = "update",
        /// Removes the secret (`delete`).
        Delete = "delete",
    }
    default None;
}

/// A secret variable of an environment.
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
    /// What an update does with it.
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
}

/// The body of `project_project_id_environment_post` and `..._environment_id_put`.
///
/// Its `project_id`, and on updates its `id`, come from the path: the client sets them in
/// the body, where the server reads them, so the two cannot disagree.
///
/// An update overwrites `name`, `json`, `env` and `password`: build it from the environment
/// read (`EnvironmentRequest::from(&environment)`) so that a change keeps the rest. Secrets
/// change only as their `operation` says.
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
    /// Secrets to create, update or delete.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<EnvironmentSecret>,
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
        }
    }
}
