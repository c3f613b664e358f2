//! The resource layer: one [`Collection`] per kind of object, with the same verbs
//! everywhere, built on the declared operations (each kind's page says which operation each
//! verb calls).
//!
//! ```no_run
//! use semaphore_api::{
//!     AccessKeyRequest, Client, EnvironmentRequest, InventoryRequest, InventoryType,
//!     ProjectRequest, RepositoryRequest, TemplateRequest,
//! };
//!
//! # async fn run(client: Client) -> semaphore_api::Result<()> {
//! let project = client.projects().create(&ProjectRequest::new("site")).await?;
//! let p = client.project(project.id);
//! let key = p.keys().create(&AccessKeyRequest::none("public")).await?;
//! let url = "https://github.com/example/site.git";
//! let repo = p.repositories().create(&RepositoryRequest::new("site", url, "main", key.id)).await?;
//! let hosts = InventoryRequest::new("web", InventoryType::Static, "web1\n");
//! let hosts = p.inventories().create(&hosts).await?;
//! let env = p.environments().create(&EnvironmentRequest::new("prod")).await?;
//! let t = TemplateRequest::ansible("Deploy", "deploy.yml", repo.id, hosts.id);
//! let t = p.templates().create(&t).await?;
//! let t = p.templates().find("Deploy").await?; // exactly one by that name, else an error
//! let t = p.templates().update(t.id, |r| r.description = Some("Rolls out".into())).await?;
//! let task = p.templates().run(t.id, |r| r.limit = Some("web1".into())).await?;
//! let recent = p.tasks().list().await?;
//! p.templates().delete(t.id).await?;
//! # let _ = (env, task, recent);
//! # Ok(()) }
//! ```
//!
//! - `create` returns the created object for every kind, also where the server answers 204
//!   without it (keys, repositories, environments): the new object is then the one of the
//!   requested name whose id the list did not hold before. If another client creates one of
//!   the same name at that moment, both are new: an [`ErrorKind::Lookup`](crate::ErrorKind::Lookup)
//!   names them.
//! - `update(id, change)` reads the object, builds the update that changes nothing, applies
//!   `change`, sends it and returns the object read back: the server overwrites whole
//!   objects, and every field comes from the object read, so nothing else changes.
//! - `find(name)` gives the one object of that name, or an error saying there is none or
//!   which several there are.
//! - Lists are in the server's default order.

mod apps;
mod collection;
mod environments;
mod integrations;
mod inventories;
mod keys;
mod kind;
mod members;
mod options;
mod projects;
mod repositories;
mod runners;
mod schedules;
mod tasks;
mod templates;
mod tokens;
mod users;
mod views;

pub use apps::Apps;
pub use collection::Collection;
pub use environments::Environments;
pub use integrations::Integrations;
pub use inventories::Inventories;
pub use keys::Keys;
pub use kind::{Create, Delete, Get, Kind, List, Named, Update};
pub use members::Members;
pub use options::Options;
pub use projects::Projects;
pub use repositories::Repositories;
pub use runners::Runners;
pub use schedules::Schedules;
pub use tasks::Tasks;
pub use templates::Templates;
pub use tokens::Tokens;
pub use users::Users;
pub use views::Views;

use crate::{Client, Project, ProjectApi, ProjectId, Result};

impl Client {
    /// The projects the user can see.
    pub fn projects(&self) -> Collection<'_, Projects> {
        Collection::new(self, ())
    }

    /// The objects of project `id`: `client.project(id).templates()`, ...
    pub fn project(&self, id: ProjectId) -> ProjectHandle<'_> {
        ProjectHandle { client: self, id }
    }

    /// The users of the server.
    pub fn users(&self) -> Collection<'_, Users> {
        Collection::new(self, ())
    }

    /// The logged-in user's API tokens.
    pub fn tokens(&self) -> Collection<'_, Tokens> {
        Collection::new(self, ())
    }

    /// The server's global runners.
    pub fn runners(&self) -> Collection<'_, Runners> {
        Collection::new(self, ())
    }

    /// The apps templates run.
    pub fn apps(&self) -> Collection<'_, Apps> {
        Collection::new(self, ())
    }

    /// The server's options.
    pub fn options(&self) -> Collection<'_, Options> {
        Collection::new(self, ())
    }
}

/// One project: the collections of its objects (`client.project(id)`).
#[derive(Debug, Clone, Copy)]
pub struct ProjectHandle<'c> {
    client: &'c Client,
    id: ProjectId,
}

impl<'c> ProjectHandle<'c> {
    /// The project's id.
    pub fn id(&self) -> ProjectId {
        self.id
    }

    /// The project itself (`project_project_id_get`).
    pub async fn get(&self) -> Result<Project> {
        self.client.project_project_id_get(self.id).await
    }

    fn collection<K: Kind<Scope = ProjectId>>(&self) -> Collection<'c, K> {
        Collection::new(self.client, self.id)
    }

    /// Its access keys.
    pub fn keys(&self) -> Collection<'c, Keys> {
        self.collection()
    }

    /// Its repositories.
    pub fn repositories(&self) -> Collection<'c, Repositories> {
        self.collection()
    }

    /// Its inventories.
    pub fn inventories(&self) -> Collection<'c, Inventories> {
        self.collection()
    }

    /// Its environments.
    pub fn environments(&self) -> Collection<'c, Environments> {
        self.collection()
    }

    /// Its templates.
    pub fn templates(&self) -> Collection<'c, Templates> {
        self.collection()
    }

    /// Its schedules.
    pub fn schedules(&self) -> Collection<'c, Schedules> {
        self.collection()
    }

    /// Its views.
    pub fn views(&self) -> Collection<'c, Views> {
        self.collection()
    }

    /// Its integrations.
    pub fn integrations(&self) -> Collection<'c, Integrations> {
        self.collection()
    }

    /// Its members.
    pub fn members(&self) -> Collection<'c, Members> {
        self.collection()
    }

    /// Its tasks.
    pub fn tasks(&self) -> Collection<'c, Tasks> {
        self.collection()
    }
}
