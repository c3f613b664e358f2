//! The `sort` and `order` query parameters of the list endpoints: one typed column per list,
//! and both optional (`None` leaves the server's default: by name on SQL servers, by id on
//! BoltDB servers, ascending).

use serde::Serialize;

/// The `order` of a sorted list (BoltDB servers ignore it unless `sort` is given).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    /// Ascending (`asc`).
    #[default]
    Asc,
    /// Descending (`desc`).
    Desc,
}

/// The `sort` key of `project_project_id_users_get` (BoltDB servers do not sort members).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProjectUserSort {
    /// By display name.
    #[default]
    Name,
    /// By login name.
    Username,
    /// By email address.
    Email,
    /// By role in the project.
    Role,
}

/// The `sort` key of `project_project_id_keys_get`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AccessKeySort {
    /// By name.
    #[default]
    Name,
    /// By key type.
    Type,
}

/// The `sort` key of `project_project_id_repositories_get` (BoltDB servers do not sort
/// repositories).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RepositorySort {
    /// By name.
    #[default]
    Name,
    /// By git URL.
    GitUrl,
    /// By the name of the access key. SQL servers fail this sort's query and answer 400.
    SshKey,
}

/// The `sort` key of `project_project_id_inventory_get`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InventorySort {
    /// By name (the only column the server sorts inventories by).
    #[default]
    Name,
}

/// The `sort` key of `project_project_id_templates_get` and
/// `..._views_view_id_templates_get` (BoltDB servers sort by name only).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateSort {
    /// By name.
    #[default]
    Name,
    /// By playbook file name.
    Playbook,
    /// By the name of the inventory.
    Inventory,
    /// By the name of the environment.
    Environment,
    /// By the name of the repository.
    Repository,
}

/// The `sort` key of `project_project_id_environment_get`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EnvironmentSort {
    /// By name.
    #[default]
    Name,
}

/// The `sort` key of `project_project_id_integrations_get`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IntegrationSort {
    /// By name.
    #[default]
    Name,
}

/// The `sort` key of `project_project_id_integrations_integration_id_values_get`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IntegrationExtractValueSort {
    /// By name.
    #[default]
    Name,
}
