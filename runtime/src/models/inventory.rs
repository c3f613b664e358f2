//! Inventories: the hosts a task runs against.

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use crate::{InventoryId, KeyId, ProjectId, RepositoryId, TemplateId};

string_enum! {
    /// The kind of an inventory.
    pub enum InventoryType {
        /// An INI inventory held by Semaphore (`static`).
        Static = "static",
        /// A YAML inventory held by Semaphore (`static-yaml`).
        StaticYaml = "static-yaml",
        /// A file in the template's repository, by its path (`file`).
        File = "file",
        /// A Terraform workspace (`terraform-workspace`).
        TerraformWorkspace = "terraform-workspace",
        /// An OpenTofu workspace (`tofu-workspace`; the server does not accept it on create).
        TofuWorkspace = "tofu-workspace",
    }
    default Static;
}

/// An inventory of a project (`project_project_id_inventory_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Inventory {
    /// The inventory's id.
    pub id: InventoryId,
    /// The inventory's name.
    pub name: String,
    /// The project it belongs to.
    pub project_id: ProjectId,
    /// The hosts (`static`, `static-yaml`), the file's path (`file`) or the workspace's name.
    pub inventory: String,
    /// The access key used to log in to the hosts (`null` when none).
    pub ssh_key_id: Option<KeyId>,
    /// The access key used for `become` (`null` when none).
    pub become_key_id: Option<KeyId>,
    /// The kind of inventory.
    pub r#type: InventoryType,
    /// The template that owns a Terraform workspace (`null` when none).
    pub holder_id: Option<TemplateId>,
    /// The repository a `file` inventory is read from (`null`: the template's).
    pub repository_id: Option<RepositoryId>,
}

/// The body of `project_project_id_inventory_post` and `..._inventory_id_put`.
///
/// Its `project_id`, and on updates its `id`, come from the path: the client sets them in
/// the body, where the server reads them, so the two cannot disagree.
///
/// An update overwrites every field: build it from the inventory read
/// (`InventoryRequest::from(&inventory)`) so that a change keeps the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InventoryRequest {
    /// The inventory's name (required).
    pub name: String,
    /// The hosts, the file's path or the workspace's name (required).
    pub inventory: String,
    /// The access key used to log in to the hosts (a key of this project).
    #[serde(default)]
    pub ssh_key_id: Option<KeyId>,
    /// The access key used for `become` (a key of this project).
    #[serde(default)]
    pub become_key_id: Option<KeyId>,
    /// The kind of inventory (required).
    pub r#type: InventoryType,
    /// The template that owns a Terraform workspace.
    #[serde(default)]
    pub holder_id: Option<TemplateId>,
    /// The repository a `file` inventory is read from.
    #[serde(default)]
    pub repository_id: Option<RepositoryId>,
}

impl InventoryRequest {
    /// A new inventory of kind `type`, whose `inventory` is the hosts (`static`,
    /// `static-yaml`), the file's path (`file`) or the workspace's name (Terraform). Its keys,
    /// holder and repository are set by name after.
    ///
    /// ```
    /// use semaphore_api::{InventoryRequest, InventoryType};
    ///
    /// let mut hosts = InventoryRequest::new("web", InventoryType::Static, "[web]\nweb1.example.com\n");
    /// hosts.ssh_key_id = Some(semaphore_api::KeyId(3));
    /// ```
    pub fn new(
        name: impl Into<String>,
        r#type: InventoryType,
        inventory: impl Into<String>,
    ) -> Self {
        InventoryRequest {
            name: name.into(),
            inventory: inventory.into(),
            ssh_key_id: None,
            become_key_id: None,
            r#type,
            holder_id: None,
            repository_id: None,
        }
    }
}

impl From<&Inventory> for InventoryRequest {
    /// An update of `inventory` that changes nothing.
    fn from(inventory: &Inventory) -> Self {
        InventoryRequest {
            name: inventory.name.clone(),
            inventory: inventory.inventory.clone(),
            ssh_key_id: inventory.ssh_key_id,
            become_key_id: inventory.become_key_id,
            r#type: inventory.r#type.clone(),
            holder_id: inventory.holder_id,
            repository_id: inventory.repository_id,
        }
    }
}
