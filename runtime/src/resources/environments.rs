//! [`Environments`]: a project's environments, and changing their secrets.

use super::collection::{Collection, call, made};
use super::kind::{Create, Delete, Get, Kind, List, Named, Update};
use crate::ErrorKind;
use crate::{
    Client, Environment, EnvironmentId, EnvironmentRequest, EnvironmentSecret,
    EnvironmentSecretType, ProjectApi, ProjectId, Result, Secret, SecretChange,
};

const PUT: &str = "project_project_id_environment_environment_id_put";

/// The environments of a project (`client.project(id).environments()`).
///
/// | verb | operation |
/// |---|---|
/// | `list`, `find` | `project_project_id_environment_get` (without secrets) |
/// | `get` | `project_project_id_environment_environment_id_get` (with the secrets' names) |
/// | `create` | `project_project_id_environment_post` (204, without the environment): the new one is then found in the list by its name and an id unknown before |
/// | `update` | `project_project_id_environment_environment_id_put`, then a read that checks the secret changes were made |
/// | `delete` | `project_project_id_environment_environment_id_delete` |
/// | [`set_secret`](Collection::set_secret), [`remove_secret`](Collection::remove_secret) | read, `..._environment_id_put`, read |
///
/// The server answers an update with 204 whatever became of its secret changes, so `update`
/// reads the environment back and fails with [`ErrorKind::NotApplied`] when a change is missing.
/// Before sending it refuses a deletion of a secret that is not one of this environment's
/// (the server would delete it wherever it is) and a creation of a name the environment
/// already has (the server would keep both).
#[derive(Debug)]
pub struct Environments;

impl Kind for Environments {
    type Scope = ProjectId;
    type Id = EnvironmentId;
    type Item = Environment;
    type Summary = Environment;
    type Request = EnvironmentRequest;
    const ONE: &'static str = "environment";
}

impl List for Environments {
    async fn list(client: &Client, project: ProjectId) -> Result<Vec<Environment>> {
        client
            .project_project_id_environment_get(project, None, None)
            .await
    }

    fn summary_id(environment: &Environment) -> EnvironmentId {
        environment.id
    }
}

impl Named for Environments {
    fn name(environment: &Environment) -> &str {
        &environment.name
    }
}

impl Get for Environments {
    async fn get(client: &Client, project: ProjectId, id: EnvironmentId) -> Result<Environment> {
        client
            .project_project_id_environment_environment_id_get(project, id)
            .await
    }
}

impl Create for Environments {
    async fn create(
        client: &Client,
        project: ProjectId,
        request: &EnvironmentRequest,
    ) -> Result<Environment> {
        let before = Self::list(client, project).await?;
        client
            .project_project_id_environment_post(project, request)
            .await?;
        made::<Self>(client, project, &before, &request.name).await
    }
}

impl Update for Environments {
    type Change = EnvironmentRequest;
    const PUT: &'static str = PUT;

    fn unchanged(environment: &Environment) -> EnvironmentRequest {
        EnvironmentRequest::from(environment)
    }

    fn check(environment: &Environment, change: &EnvironmentRequest) -> Result<(), String> {
        let deleted: Vec<_> = change
            .secrets
            .iter()
            .filter_map(SecretChange::deleted)
            .collect();
        for id in &deleted {
            if !environment.secrets.iter().any(|s| s.id == *id) {
                return Err(format!(
                    "key {id} is not a secret of environment {}: the server would delete it wherever it is, or fail if it is no secret",
                    environment.id
                ));
            }
        }
        for (kind, name) in change.secrets.iter().filter_map(SecretChange::created) {
            let kept = environment
                .secrets
                .iter()
                .any(|s| s.r#type == *kind && s.name == name && !deleted.contains(&s.id));
            if kept {
                return Err(format!(
                    "environment {} already has a secret {name:?} ({kind}): the server would keep both; set_secret replaces its value",
                    environment.id
                ));
            }
        }
        Ok(())
    }

    fn missed(
        before: &Environment,
        change: &EnvironmentRequest,
        after: &Environment,
    ) -> Option<String> {
        for id in change.secrets.iter().filter_map(SecretChange::deleted) {
            if after.secrets.iter().any(|s| s.id == id) {
                return Some(format!("delete secret {id}"));
            }
        }
        for (kind, name) in change.secrets.iter().filter_map(SecretChange::created) {
            let new = after.secrets.iter().filter(|s| {
                s.r#type == *kind && s.name == name && !before.secrets.iter().any(|b| b.id == s.id)
            });
            if new.count() != 1 {
                return Some(format!("create secret {name:?} ({kind})"));
            }
        }
        None
    }

    async fn put(
        client: &Client,
        project: ProjectId,
        id: EnvironmentId,
        change: &EnvironmentRequest,
    ) -> Result<()> {
        client
            .project_project_id_environment_environment_id_put(project, id, change)
            .await
    }
}

impl Delete for Environments {
    async fn delete(client: &Client, project: ProjectId, id: EnvironmentId) -> Result<()> {
        client
            .project_project_id_environment_environment_id_delete(project, id)
            .await
    }
}

impl Collection<'_, Environments> {
    /// Gives the secret `name` of environment `id` the value `value`, creating it if the
    /// environment has none of that name and kind, and returns it (without its value).
    ///
    /// The server cannot change a secret's value in place, so this is one update that creates
    /// the new secret and then deletes the old one (a failed creation leaves the old value),
    /// followed by a read that checks exactly one secret of that name is left and that it is
    /// the new one; otherwise an [`ErrorKind::NotApplied`].
    ///
    /// ```no_run
    /// # async fn run(client: semaphore_api::Client, prod: semaphore_api::EnvironmentId) -> semaphore_api::Result<()> {
    /// use semaphore_api::{EnvironmentSecretType, ProjectId};
    ///
    /// let p = client.project(ProjectId(1));
    /// p.environments().set_secret(prod, EnvironmentSecretType::Env, "API_TOKEN", "rotated").await?;
    /// # Ok(()) }
    /// ```
    pub async fn set_secret(
        &self,
        id: EnvironmentId,
        kind: EnvironmentSecretType,
        name: &str,
        value: impl Into<Secret>,
    ) -> Result<EnvironmentSecret> {
        let environment = self.get(id).await?;
        let old: Vec<&EnvironmentSecret> = secrets_named(&environment, &kind, name).collect();
        let mut change = EnvironmentRequest::from(&environment);
        change
            .secrets
            .push(SecretChange::create(kind.clone(), name, value));
        change
            .secrets
            .extend(old.iter().map(|s| SecretChange::delete(s)));
        Environments::put(self.client, self.scope, id, &change).await?;
        let after = self.get(id).await?;
        let left: Vec<&EnvironmentSecret> = secrets_named(&after, &kind, name).collect();
        match left[..] {
            [new] if !old.iter().any(|o| o.id == new.id) => Ok(new.clone()),
            _ => Err(ErrorKind::NotApplied {
                call: call(PUT),
                what: format!("replace secret {name:?} ({kind}) with a new one"),
            }
            .into()),
        }
    }

    /// Removes the secret `name` of environment `id` (every secret of that name and kind);
    /// an [`ErrorKind::Lookup`] when there is none.
    pub async fn remove_secret(
        &self,
        id: EnvironmentId,
        kind: EnvironmentSecretType,
        name: &str,
    ) -> Result<()> {
        let environment = self.get(id).await?;
        let old: Vec<&EnvironmentSecret> = secrets_named(&environment, &kind, name).collect();
        if old.is_empty() {
            return Err(ErrorKind::Lookup {
                kind: "secret",
                name: name.to_owned(),
                ids: Vec::new(),
            }
            .into());
        }
        let mut change = EnvironmentRequest::from(&environment);
        change
            .secrets
            .extend(old.iter().map(|s| SecretChange::delete(s)));
        Environments::put(self.client, self.scope, id, &change).await?;
        let after = self.get(id).await?;
        if secrets_named(&after, &kind, name).next().is_some() {
            return Err(ErrorKind::NotApplied {
                call: call(PUT),
                what: format!("delete secret {name:?} ({kind})"),
            }
            .into());
        }
        Ok(())
    }
}

fn secrets_named<'e>(
    environment: &'e Environment,
    kind: &'e EnvironmentSecretType,
    name: &'e str,
) -> impl Iterator<Item = &'e EnvironmentSecret> {
    environment
        .secrets
        .iter()
        .filter(move |s| s.r#type == *kind && s.name == name)
}
