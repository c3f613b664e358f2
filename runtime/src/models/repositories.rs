//! Repositories: where playbooks come from.

use serde::{Deserialize, Serialize};

/// A repository of a project (`project_project_id_repositories_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Repository {
    /// The repository's id.
    pub id: i64,
    /// The repository's name.
    pub name: String,
    /// The project it belongs to.
    pub project_id: i64,
    /// The git URL (or a local path).
    pub git_url: String,
    /// The branch checked out.
    pub git_branch: String,
    /// The access key used to clone.
    pub ssh_key_id: i64,
}

/// The body of `project_project_id_repositories_post` and `..._repository_id_put`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RepositoryRequest {
    /// On updates, the repository's id: the real server reads it from the body, and it must equal the id in
    /// the path (the spec omits it). Leave `None` when creating.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The repository's name.
    pub name: String,
    /// The project it belongs to (must equal the id in the path).
    pub project_id: i64,
    /// The git URL (or a local path).
    pub git_url: String,
    /// The branch checked out.
    pub git_branch: String,
    /// The access key used to clone (a `none` key for public repositories).
    pub ssh_key_id: i64,
}
