//! The kinds of object the command line lists, shows, creates, changes and deletes, one file
//! each (its flags, what its flags set on the library's typed request, its columns), on the
//! library's resource layer. `flow.rs` is what every kind does with them.

mod environments;
mod flow;
mod integrations;
mod inventories;
mod keys;
mod projects;
mod repositories;
mod schedules;
mod templates;
mod views;

use std::fmt::Display;

use clap::{Args, Subcommand};
use serde::Serialize;
use serde::de::DeserializeOwned;

use semaphore_api::resources::{Create, Delete, Kind, Named, Update};
use semaphore_api::{Client, ProjectId};

use crate::context::Ctx;
use crate::error::Result;
use crate::flags::{FromFile, ProjectArg, Yes};

pub use environments::{EnvironmentFields, Environments};
pub use flow::{find, show};
pub use integrations::{IntegrationFields, Integrations};
pub use inventories::{Inventories, InventoryFields};
pub use keys::{KeyFields, Keys};
pub use projects::{ProjectFields, Projects};
pub use repositories::{Repositories, RepositoryFields};
pub use schedules::{ScheduleFields, Schedules};
pub use templates::{TemplateFields, Templates};
pub use views::{ViewFields, Views};

/// A kind as the command line handles it.
pub trait CliKind: 'static {
    /// The library's kind, with the verbs every kind here has.
    type Kind: Named<
            Id: Copy + From<i64> + Display,
            Summary: Serialize,
            Item: Serialize,
            Request: Serialize + DeserializeOwned,
        > + Create
        + Update<Change: Serialize + DeserializeOwned + PartialEq + Clone>
        + Delete;
    /// The flags of `create` and `update`.
    type Fields: Args;
    /// Where its objects are, as the command line says it.
    type Scope: ScopeArg<Scope = <Self::Kind as Kind>::Scope>;
    /// The columns of `list`.
    const HEADERS: &'static [&'static str];
    /// What a delete takes with it, said in its question (` and everything in it`).
    const DELETE_ALSO: &'static str = "";

    /// A listed object's row.
    fn row(summary: &<Self::Kind as Kind>::Summary) -> Vec<String>;
    /// A create's request before the file and the flags.
    fn blank() -> <Self::Kind as Kind>::Request;
    /// What the flags set on a create's request.
    async fn set_on_request(
        place: Place<'_, Self>,
        fields: &Self::Fields,
        request: &mut <Self::Kind as Kind>::Request,
    ) -> Result<()>;
    /// What the flags set on an update.
    async fn set_on_change(
        place: Place<'_, Self>,
        fields: &Self::Fields,
        change: &mut <Self::Kind as Update>::Change,
    ) -> Result<()>;
}

/// Where a command works: the client, and the scope of its kind.
pub struct Place<'a, K: CliKind + ?Sized> {
    pub client: &'a Client,
    pub scope: <K::Kind as Kind>::Scope,
}

impl<K: CliKind + ?Sized> Clone for Place<'_, K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: CliKind + ?Sized> Copy for Place<'_, K> {}

/// Where the objects of a kind are, as flags: `-p PROJECT`, or nothing for projects.
pub trait ScopeArg: Args + Clone {
    type Scope: Copy + Send + Sync + 'static;
    /// The scope these flags name.
    async fn resolve(&self, ctx: &Ctx, client: &Client) -> Result<Self::Scope>;
    /// The scope in a message: ` of project 3`, or nothing.
    fn of(scope: Self::Scope) -> String;
}

impl ScopeArg for ProjectArg {
    type Scope = ProjectId;

    async fn resolve(&self, ctx: &Ctx, client: &Client) -> Result<ProjectId> {
        ctx.project_id(client, self).await
    }

    fn of(project: ProjectId) -> String {
        format!(" of project {project}")
    }
}

/// The scope of the objects that are not in a project.
#[derive(Debug, Clone, Args)]
pub struct Server {}

impl ScopeArg for Server {
    type Scope = ();

    async fn resolve(&self, _: &Ctx, _: &Client) -> Result<()> {
        Ok(())
    }

    fn of((): ()) -> String {
        String::new()
    }
}

/// The commands every kind has.
#[derive(Debug, Subcommand)]
pub enum KindCmd<F: Args, S: ScopeArg> {
    /// List them
    #[command(alias = "ls")]
    List {
        #[command(flatten)]
        scope: S,
    },
    /// Show one, by id or name
    Show {
        /// Its id or name
        item: String,
        #[command(flatten)]
        scope: S,
    },
    /// Create one, from flags or a JSON file (flags win over the file)
    Create {
        #[command(flatten)]
        scope: S,
        #[command(flatten)]
        fields: F,
        #[command(flatten)]
        file: FromFile,
    },
    /// Change one: the flags given, or the fields of a JSON file; the rest stays
    Update {
        /// Its id or name
        item: String,
        #[command(flatten)]
        scope: S,
        #[command(flatten)]
        fields: F,
        #[command(flatten)]
        file: FromFile,
    },
    /// Delete one
    #[command(alias = "rm")]
    Delete {
        /// Its id or name
        item: String,
        #[command(flatten)]
        scope: S,
        #[command(flatten)]
        yes: Yes,
    },
}

/// Runs one command of kind `K`.
pub async fn handle<K: CliKind>(ctx: &Ctx, command: KindCmd<K::Fields, K::Scope>) -> Result<()> {
    let client = ctx.client()?;
    let place = |scope| Place::<K> {
        client: &client,
        scope,
    };
    match command {
        KindCmd::List { scope } => {
            let scope = scope.resolve(ctx, &client).await?;
            flow::list(ctx, place(scope)).await
        }
        KindCmd::Show { item, scope } => {
            let scope = scope.resolve(ctx, &client).await?;
            flow::show_one(ctx, place(scope), &item).await
        }
        KindCmd::Create {
            scope,
            fields,
            file,
        } => {
            let scope = scope.resolve(ctx, &client).await?;
            flow::create(ctx, place(scope), &fields, &file).await
        }
        KindCmd::Update {
            item,
            scope,
            fields,
            file,
        } => {
            let scope = scope.resolve(ctx, &client).await?;
            flow::update(ctx, place(scope), &item, &fields, &file).await
        }
        KindCmd::Delete { item, scope, yes } => {
            let scope = scope.resolve(ctx, &client).await?;
            flow::delete(ctx, place(scope), &item, &yes).await
        }
    }
}

/// The id of the object of kind `K` that a flag names by id or name, if the flag is given.
pub async fn id_of<K: Named<Id: From<i64>>>(
    client: &Client,
    scope: K::Scope,
    wanted: &Option<String>,
) -> Result<Option<K::Id>> {
    match wanted {
        Some(wanted) => Ok(Some(flow::find::<K>(client, scope, wanted).await?.0)),
        None => Ok(None),
    }
}

/// Sets `slot` to the flag's value, if given.
pub fn set<T: Clone>(slot: &mut T, flag: &Option<T>) {
    if let Some(value) = flag {
        *slot = value.clone();
    }
}
