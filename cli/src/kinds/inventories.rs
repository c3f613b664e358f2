//! `semaphore inventories`: the hosts a task runs against.

use std::path::PathBuf;

use clap::Args;

use semaphore_api::resources;
use semaphore_api::{Inventory, InventoryRequest, InventoryType, ProjectId};

use super::{CliKind, Place, id_of, set};
use crate::error::Result;
use crate::flags::ProjectArg;
use crate::output::{one_line, opt};

#[derive(Debug, Args)]
pub struct InventoryFields {
    /// The name
    #[arg(long)]
    pub name: Option<String>,
    /// static, static-yaml, file or terraform-workspace
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// The hosts (static), the file's path (file) or the workspace's name
    #[arg(long, value_name = "TEXT", conflicts_with = "inventory_file")]
    pub inventory: Option<String>,
    /// Read the hosts from this file
    #[arg(long, value_name = "FILE")]
    pub inventory_file: Option<PathBuf>,
    /// The key used to log in to the hosts, by id or name
    #[arg(long, value_name = "ID|NAME")]
    pub ssh_key: Option<String>,
    /// The key used for `become`, by id or name
    #[arg(long, value_name = "ID|NAME")]
    pub become_key: Option<String>,
    /// The repository a `file` inventory is read from, by id or name
    #[arg(long, value_name = "ID|NAME")]
    pub repository: Option<String>,
}

pub struct Inventories;

impl CliKind for Inventories {
    type Kind = resources::Inventories;
    type Fields = InventoryFields;
    type Scope = ProjectArg;
    const HEADERS: &'static [&'static str] = &["ID", "NAME", "TYPE", "SSH KEY", "BECOME KEY"];

    fn row(i: &Inventory) -> Vec<String> {
        vec![
            i.id.to_string(),
            one_line(&i.name),
            i.r#type.as_str().to_owned(),
            opt(&i.ssh_key_id),
            opt(&i.become_key_id),
        ]
    }

    fn blank() -> InventoryRequest {
        InventoryRequest::new("", InventoryType::Static, "")
    }

    async fn set_on_request(
        place: Place<'_, Self>,
        fields: &InventoryFields,
        request: &mut InventoryRequest,
    ) -> Result<()> {
        apply(place.client, place.scope, fields, request).await
    }

    async fn set_on_change(
        place: Place<'_, Self>,
        fields: &InventoryFields,
        change: &mut InventoryRequest,
    ) -> Result<()> {
        apply(place.client, place.scope, fields, change).await
    }
}

async fn apply(
    client: &semaphore_api::Client,
    project: ProjectId,
    f: &InventoryFields,
    r: &mut InventoryRequest,
) -> Result<()> {
    set(&mut r.name, &f.name);
    if let Some(kind) = &f.kind {
        r.r#type = InventoryType::from(kind.as_str());
    }
    set(&mut r.inventory, &f.inventory);
    if let Some(path) = &f.inventory_file {
        r.inventory = crate::input::text(path, crate::input::MAX_FILE_BYTES)?;
    }
    if let Some(id) = id_of::<resources::Keys>(client, project, &f.ssh_key).await? {
        r.ssh_key_id = Some(id);
    }
    if let Some(id) = id_of::<resources::Keys>(client, project, &f.become_key).await? {
        r.become_key_id = Some(id);
    }
    if let Some(id) = id_of::<resources::Repositories>(client, project, &f.repository).await? {
        r.repository_id = Some(id);
    }
    Ok(())
}
