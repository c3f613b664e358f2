//! Repositories: where playbooks come from.

use serde::{Deserialize, Serialize};

use crate::{KeyId, ProjectId, RepositoryId};

/// A repository of a project (`project_project_id_repositories_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Repository {
    /// The repository's id.
    pub id: RepositoryId,
    /// The repository's name.
    pub name: String,
    /// The project it belongs to.
    pub project_id: ProjectId,
    /// Where to clone from: an URL, `git@host:path`, or a local path starting with `/`.
    pub git_url: String,
    /// The branch to check out (may be empty for a local path).
    pub git_branch: String,
    /// The access key used to clone (a `none` key for public or local repositories).
    pub ssh_key_id: KeyId,
}

/// The body of `project_project_id_repositories_post` and `..._repository_id_put`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RepositoryRequest {
    /// On updates, the repository's id (it must equal the id in the path). Leave `None` when
    /// creating: a BoltDB server would overwrite the repository with that id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<RepositoryId>,
    /// The repository's name (required).
    pub name: String,
    /// The project it belongs to (must equal the id in the path: the server answers 400 to
    /// another, but still creates the repository in that other project).
    pub project_id: ProjectId,
    /// Where to clone from (required).
    pub git_url: String,
    /// The branch to check out (required, unless `git_url` is a local path).
    pub git_branch: String,
    /// The access key used to clone (a key of this project).
    pub ssh_key_id: KeyId,
}

impl From<&Repository> for RepositoryRequest {
    /// An update of `repository` that changes nothing.
    fn from(repository: &Repository) -> Self {
        RepositoryRequest {
            id: Some(repository.id),
            name: repository.name.clone(),
            project_id: repository.project_id,
            git_url: repository.git_url.clone(),
            git_branch: repository.git_branch.clone(),
            ssh_key_id: repository.ssh_key_id,
        }
    }
}
