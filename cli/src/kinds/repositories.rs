//! `semaphore repositories`: where playbooks come from.

use clap::Args;

use semaphore_api::resources;
use semaphore_api::{KeyId, ProjectId, Repository, RepositoryRequest};

use super::{CliKind, Place, id_of, set};
use crate::error::Result;
use crate::flags::ProjectArg;
use crate::output::one_line;

#[derive(Debug, Args)]
pub struct RepositoryFields {
    /// The name
    #[arg(long)]
    pub name: Option<String>,
    /// Where to clone from: a URL, git@host:path, or a local path
    #[arg(long, value_name = "URL")]
    pub git_url: Option<String>,
    /// The branch to check out
    #[arg(long, value_name = "BRANCH")]
    pub branch: Option<String>,
    /// The key used to clone, by id or name
    #[arg(long, value_name = "ID|NAME")]
    pub key: Option<String>,
}

pub struct Repositories;

impl CliKind for Repositories {
    type Kind = resources::Repositories;
    type Fields = RepositoryFields;
    type Scope = ProjectArg;
    const HEADERS: &'static [&'static str] = &["ID", "NAME", "URL", "BRANCH", "KEY"];

    fn row(r: &Repository) -> Vec<String> {
        vec![
            r.id.to_string(),
            one_line(&r.name),
            one_line(&r.git_url),
            one_line(&r.git_branch),
            r.ssh_key_id.to_string(),
        ]
    }

    fn blank() -> RepositoryRequest {
        RepositoryRequest::new("", "", "", KeyId(0))
    }

    async fn set_on_request(
        place: Place<'_, Self>,
        fields: &RepositoryFields,
        request: &mut RepositoryRequest,
    ) -> Result<()> {
        apply(place.client, place.scope, fields, request).await
    }

    async fn set_on_change(
        place: Place<'_, Self>,
        fields: &RepositoryFields,
        change: &mut RepositoryRequest,
    ) -> Result<()> {
        apply(place.client, place.scope, fields, change).await
    }
}

async fn apply(
    client: &semaphore_api::Client,
    project: ProjectId,
    f: &RepositoryFields,
    r: &mut RepositoryRequest,
) -> Result<()> {
    set(&mut r.name, &f.name);
    set(&mut r.git_url, &f.git_url);
    set(&mut r.git_branch, &f.branch);
    if let Some(id) = id_of::<resources::Keys>(client, project, &f.key).await? {
        r.ssh_key_id = id;
    }
    Ok(())
}
