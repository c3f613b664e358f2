//! What the scenario made, kept for the steps after: each kind of resource writes here what
//! later kinds send (ids in their requests) and what later reads are compared with.

use std::path::{Path, PathBuf};

use semaphore_api::*;

use super::run::{Run, Step, Stop};

pub struct Made {
    /// The administrator's client, which makes every call of the cycle.
    pub client: Client,
    /// The other user's own client, logged in once their new password is set.
    pub as_user: Client,
    /// In every name, so that a server that has seen earlier runs still works.
    pub tag: u64,
    /// The local git repository with the playbooks the templates run.
    pub playbooks: PathBuf,
    /// The other user, as last read.
    pub user: User,
    pub project: Project,
    /// The project's keys as listed, the server's `None` key among them.
    pub keys: Vec<AccessKey>,
    pub none_key: KeyId,
    pub ssh_key: KeyId,
    pub login_key: KeyId,
    pub vault_key: KeyId,
    pub repository: Repository,
    pub inventories: Vec<Inventory>,
    pub environment: Environment,
    pub view: View,
    /// The `Ping`, `Build` and `Deploy` templates as renamed, then the shell one.
    pub templates: Vec<Template>,
    pub schedule: Schedule,
    pub integration: Integration,
    pub matcher: IntegrationMatcher,
    pub value: IntegrationExtractValue,
}

impl Made {
    /// Nothing made yet; `playbooks` is the repository the project's templates will run.
    pub fn new(run: &Run, playbooks: &Path) -> Step<Made> {
        let tag = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        Ok(Made {
            client: run.client.clone(),
            as_user: Client::new(run.recorder.url()).map_err(|e| Stop(e.to_string()))?,
            tag,
            playbooks: playbooks.to_path_buf(),
            user: User::default(),
            project: Project::default(),
            keys: Vec::new(),
            none_key: KeyId::default(),
            ssh_key: KeyId::default(),
            login_key: KeyId::default(),
            vault_key: KeyId::default(),
            repository: Repository::default(),
            inventories: Vec::new(),
            environment: Environment::default(),
            view: View::default(),
            templates: Vec::new(),
            schedule: Schedule::default(),
            integration: Integration::default(),
            matcher: IntegrationMatcher::default(),
            value: IntegrationExtractValue::default(),
        })
    }

    /// The project's id, which every call in it names.
    pub fn id(&self) -> ProjectId {
        self.project.id
    }

    /// The other user's login.
    pub fn login(&self) -> String {
        format!("conformance-{}", self.tag)
    }

    /// The `Ping` template, which the tasks, the schedules and the integration run.
    pub fn ping(&self) -> &Template {
        &self.templates[0]
    }
}
