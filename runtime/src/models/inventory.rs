//! Inventories: the hosts a task runs against.

use serde::{Deserialize, Serialize};

/// The format of an inventory.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InventoryType {
    /// An INI inventory stored in Semaphore (`static`).
    #[serde(rename = "static")]
    Static,
    /// A YAML inventory stored in Semaphore (`static-yaml`).
    #[serde(rename = "static-yaml")]
    StaticYaml,
    /// A file in the repository or on the server (`file`).
    #[serde(rename = "file")]
    File,
    /// A type this client does not know (a newer server's); serializes as `""`.
    #[default]
    #[serde(other, rename = "")]
    Unknown,
}

/// An inventory of a project (`project_project_id_inventory_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Inventory {
    /// The inventory's id.
    pub id: i64,
    /// The inventory's name.
    pub name: String,
    /// The project it belongs to.
    pub project_id: i64,
    /// The inventory itself (`static`, `static-yaml`) or the file's path (`file`).
    pub inventory: String,
    /// The access key used to connect to the hosts (`null` from the real server when none).
    pub ssh_key_id: Option<i64>,
    /// The access key used to become root (`null` from the real server when none).
    pub become_key_id: Option<i64>,
    /// The inventory's format.
    pub r#type: InventoryType,
}

/// The body of `project_project_id_inventory_post` and `..._inventory_inventory_id_put`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InventoryRequest {
    /// On updates, the inventory's id: the real server reads it from the body, and it must equal the id in
    /// the path (the spec omits it). Leave `None` when creating.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The inventory's name.
    pub name: String,
    /// The project it belongs to (must equal the id in the path).
    pub project_id: i64,
    /// The inventory itself (`static`, `static-yaml`) or the file's path (`file`).
    pub inventory: String,
    /// The access key used to connect to the hosts, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssh_key_id: Option<i64>,
    /// The access key used to become root, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub become_key_id: Option<i64>,
    /// The inventory's format.
    pub r#type: InventoryType,
}
