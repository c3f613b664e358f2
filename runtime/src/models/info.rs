//! What the server says about itself.

use serde::{Deserialize, Serialize};

/// The server's version and available update (`info_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InfoType {
    /// The server's version, e.g. `v2.10.22`.
    pub version: String,
    /// The release notes of the available update.
    #[serde(rename = "updateBody")]
    pub update_body: String,
    /// The available update (`null` when up to date or not checked).
    pub update: Option<InfoUpdate>,
}

/// An available server update.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InfoUpdate {
    /// The release's tag, e.g. `v2.11.0`.
    pub tag_name: String,
}
