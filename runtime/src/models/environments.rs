//! Environments: the extra variables and environment of a task.

use serde::{Deserialize, Serialize};

use crate::Secret;

/// An environment of a project (`project_project_id_environment_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Environment {
    /// The environment's id.
    pub id: i64,
    /// The environment's name.
    pub name: String,
    /// The project it belongs to.
    pub project_id: i64,
    /// The vault password, if any (`null` from the real server when none); never shown by
    /// `Debug`.
    pub password: Option<Secret>,
    /// Extra variables, a JSON object as a string, e.g. `{}`.
    pub json: String,
    /// Environment variables, a JSON object as a string (`null` from the real server when
    /// none).
    pub env: Option<String>,
}

/// The body of `project_project_id_environment_post` and `..._environment_id_put`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnvironmentRequest {
    /// On updates, the environment's id: the real server reads it from the body, and it must equal the id
    /// in the path (the spec omits it). Leave `None` when creating.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The environment's name.
    pub name: String,
    /// The project it belongs to (must equal the id in the path).
    pub project_id: i64,
    /// The vault password, if any; never shown by `Debug`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// Extra variables, a JSON object as a string, e.g. `{}`.
    pub json: String,
    /// Environment variables, a JSON object as a string, e.g. `{}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env: Option<String>,
}
