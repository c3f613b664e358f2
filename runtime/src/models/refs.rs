//! What refers to an object: the answers of the `.../refs` routes, which say what would stop
//! a delete (a key used by a repository, a template used by a schedule...).

use serde::{Deserialize, Serialize};

use super::nullable;

/// One object that refers to another: its id and name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ObjectReferrer {
    /// The referring object's id (of the kind the list it is in says).
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// The templates, inventories and repositories that refer to a key, repository, inventory,
/// environment or template (`..._refs_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ObjectReferrers {
    /// Templates that use it.
    #[serde(deserialize_with = "nullable::or_default")]
    pub templates: Vec<ObjectReferrer>,
    /// Inventories that use it.
    #[serde(deserialize_with = "nullable::or_default")]
    pub inventories: Vec<ObjectReferrer>,
    /// Repositories that use it.
    #[serde(deserialize_with = "nullable::or_default")]
    pub repositories: Vec<ObjectReferrer>,
}

impl ObjectReferrers {
    /// Whether nothing refers to the object, so that a delete will not be refused.
    pub fn is_empty(&self) -> bool {
        self.templates.is_empty() && self.inventories.is_empty() && self.repositories.is_empty()
    }
}

/// The matchers and values of an integration
/// (`project_project_id_integrations_integration_id_refs_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntegrationReferrers {
    /// Its matchers.
    #[serde(deserialize_with = "nullable::or_default")]
    pub matchers: Vec<ObjectReferrer>,
    /// The values it extracts.
    #[serde(deserialize_with = "nullable::or_default")]
    pub values: Vec<ObjectReferrer>,
}

/// The integrations that refer to a matcher or an extracted value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntegrationChildReferrers {
    /// The integrations.
    #[serde(deserialize_with = "nullable::or_default")]
    pub integrations: Vec<ObjectReferrer>,
}
