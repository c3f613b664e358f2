//! [`Inventories`]: inventories of a project.

use super::kind::{Create, Delete, Get, Kind, List, Named, Update};
use crate::{Client, Inventory, InventoryId, InventoryRequest, ProjectApi, ProjectId, Result};

/// The inventories of a project (`client.project(id).inventories()`).
///
/// | verb | operation |
/// |---|---|
/// | `list`, `find` | `project_project_id_inventory_get` |
/// | `get` | `project_project_id_inventory_inventory_id_get` |
/// | `create` | `project_project_id_inventory_post` (201, the inventory) |
/// | `update` | `project_project_id_inventory_inventory_id_put`: refused before sending for the kinds and paths the server refuses (see [`InventoryRequest`]) |
/// | `delete` | `project_project_id_inventory_inventory_id_delete` |
#[derive(Debug)]
pub struct Inventories;

impl Kind for Inventories {
    type Scope = ProjectId;
    type Id = InventoryId;
    type Item = Inventory;
    type Summary = Inventory;
    type Request = InventoryRequest;
    const ONE: &'static str = "inventory";
}

impl List for Inventories {
    async fn list(client: &Client, project: ProjectId) -> Result<Vec<Inventory>> {
        client
            .project_project_id_inventory_get(project, None, None)
            .await
    }

    fn summary_id(item: &Inventory) -> InventoryId {
        item.id
    }
}

impl Named for Inventories {
    fn name(item: &Inventory) -> &str {
        &item.name
    }
}

impl Get for Inventories {
    async fn get(client: &Client, project: ProjectId, id: InventoryId) -> Result<Inventory> {
        client
            .project_project_id_inventory_inventory_id_get(project, id)
            .await
    }
}

impl Create for Inventories {
    async fn create(
        client: &Client,
        project: ProjectId,
        request: &InventoryRequest,
    ) -> Result<Inventory> {
        client
            .project_project_id_inventory_post(project, request)
            .await
    }
}

impl Update for Inventories {
    type Change = InventoryRequest;
    const PUT: &'static str = "project_project_id_inventory_inventory_id_put";

    fn unchanged(item: &Inventory) -> InventoryRequest {
        InventoryRequest::from(item)
    }

    async fn put(
        client: &Client,
        project: ProjectId,
        id: InventoryId,
        request: &InventoryRequest,
    ) -> Result<()> {
        client
            .project_project_id_inventory_inventory_id_put(project, id, request)
            .await
    }
}

impl Delete for Inventories {
    async fn delete(client: &Client, project: ProjectId, id: InventoryId) -> Result<()> {
        client
            .project_project_id_inventory_inventory_id_delete(project, id)
            .await
    }
}
