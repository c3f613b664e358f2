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
    /// Fields this model does not name (a newer server's), kept as sent: encoding the model
    /// gives them back, and an update built from it sends them back.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of `project_project_id_repositories_post` and `..._repository_id_put`.
///
/// Its `project_id`, and on updates its `id`, come from the path: the client sets them in
/// the body, where the server reads them, so the two cannot disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepositoryRequest {
    /// The repository's name (required).
    pub name: String,
    /// Where to clone from (required).
    pub git_url: String,
    /// The branch to check out (required, unless `git_url` is a local path).
    pub git_branch: String,
    /// The access key used to clone (a key of this project).
    pub ssh_key_id: KeyId,
    /// Fields this model does not name, sent as they are: those of the object an update was
    /// built from (a newer server's), or any a caller sets.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl RepositoryRequest {
    /// A new repository: its URL, the branch to check out (may be empty for a local path
    /// starting with `/`) and the access key used to clone it (a key of this project; a
    /// `none` key for a public or local repository).
    pub fn new(
        name: impl Into<String>,
        git_url: impl Into<String>,
        git_branch: impl Into<String>,
        ssh_key_id: KeyId,
    ) -> Self {
        RepositoryRequest {
            name: name.into(),
            git_url: git_url.into(),
            git_branch: git_branch.into(),
            ssh_key_id,
            extra: crate::Extra::default(),
        }
    }
}

impl From<&Repository> for RepositoryRequest {
    /// An update of `repository` that changes nothing.
    fn from(repository: &Repository) -> Self {
        RepositoryRequest {
            name: repository.name.clone(),
            git_url: repository.git_url.clone(),
            git_branch: repository.git_branch.clone(),
            ssh_key_id: repository.ssh_key_id,
            extra: repository.extra.clone(),
        }
    }
}
