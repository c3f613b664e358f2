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
        /// An OpenTofu workspace (`tofu-workspace`; the server creates and updates none).
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
    /// Fields this model does not name (a newer server's), kept as sent: encoding the model
    /// gives them back, and an update built from it sends them back.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of `project_project_id_inventory_post` and `..._inventory_id_put`.
///
/// Its `project_id`, and on updates its `id`, come from the path: the client sets them in
/// the body, where the server reads them, so the two cannot disagree.
///
/// An update overwrites every field: build it from the inventory read
/// (`InventoryRequest::from(&inventory)`) so that a change keeps the rest.
///
/// The server creates and updates inventories of four kinds only, `static`, `static-yaml`,
/// `file` and `terraform-workspace`, and updates a `file` inventory only when its path stays
/// inside the server's working directory: a relative path that leads out of it with `..` is
/// always refused (an absolute path is refused unless it lies under the server's working
/// directory, which a client cannot know). A request the server would refuse for these
/// reasons is refused before it is sent, with an
/// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) that says why.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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
    /// Fields this model does not name, sent as they are: those of the object an update was
    /// built from (a newer server's), or any a caller sets.
    #[serde(flatten)]
    pub extra: crate::Extra,
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
            extra: crate::Extra::default(),
        }
    }
}

impl Serialize for InventoryRequest {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        match &self.r#type {
            InventoryType::Static
            | InventoryType::StaticYaml
            | InventoryType::TerraformWorkspace => {}
            InventoryType::File => {
                if leads_out(&self.inventory) {
                    return Err(S::Error::custom(format!(
                        "the path {:?} of a `file` inventory leads out of the server's working directory, and the server refuses to update such an inventory: give a path inside the repository",
                        self.inventory
                    )));
                }
            }
            other => {
                return Err(S::Error::custom(format!(
                    "the server creates and updates no inventory of type `{other}`: only `static`, `static-yaml`, `file` and `terraform-workspace`"
                )));
            }
        }
        #[derive(Serialize)]
        struct Wire<'a> {
            name: &'a str,
            inventory: &'a str,
            ssh_key_id: Option<KeyId>,
            become_key_id: Option<KeyId>,
            r#type: &'a InventoryType,
            holder_id: Option<TemplateId>,
            repository_id: Option<RepositoryId>,
            #[serde(flatten)]
            extra: &'a crate::Extra,
        }
        Wire {
            name: &self.name,
            inventory: &self.inventory,
            ssh_key_id: self.ssh_key_id,
            become_key_id: self.become_key_id,
            r#type: &self.r#type,
            holder_id: self.holder_id,
            repository_id: self.repository_id,
            extra: &self.extra,
        }
        .serialize(serializer)
    }
}

/// Whether the server's check of a `file` inventory's path (`IsValidInventoryPath`: the path
/// made absolute against its working directory, made relative to it again, must not start
/// with `..`) refuses a relative path, whatever the working directory.
fn leads_out(path: &str) -> bool {
    if path.starts_with('/') {
        return false;
    }
    // Go's filepath.Clean, for a relative path.
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.first().is_some_and(|first| first.starts_with(".."))
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
            extra: inventory.extra.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_the_server_refuses_are_those_leading_out() {
        for inside in [
            "hosts",
            "inv/hosts.yml",
            "./a/../b",
            "a/b/../../c",
            "/etc/ansible/hosts",
            "a/..b",
        ] {
            assert!(!leads_out(inside), "{inside}");
        }
        for outside in [
            "..",
            "../hosts",
            "a/../../b",
            "..hosts",
            "./../x",
            "a/./../..",
        ] {
            assert!(leads_out(outside), "{outside}");
        }
    }

    #[test]
    fn only_the_kinds_and_paths_the_server_takes_serialize() {
        let file = |path: &str| InventoryRequest::new("i", InventoryType::File, path);
        assert!(serde_json::to_string(&file("inventory/hosts")).is_ok());
        let err = serde_json::to_string(&file("../hosts"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("leads out of the server's working directory"),
            "{err}"
        );
        for kind in [InventoryType::TofuWorkspace, InventoryType::from("ldap")] {
            let err = serde_json::to_string(&InventoryRequest::new("i", kind, "x"))
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("creates and updates no inventory of type"),
                "{err}"
            );
        }
    }
}
