//! Events: the activity log.

use serde::{Deserialize, Serialize};

/// An entry of the activity log (`events_get`, `project_project_id_events_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Event {
    /// The project it concerns (`null` from the real server for global events).
    pub project_id: Option<i64>,
    /// Who caused it (`null` from the real server for system events).
    pub user_id: Option<i64>,
    /// The id of the object it concerns, if any.
    pub object_id: Option<i64>,
    /// The kind of object it concerns, e.g. `template`, if any.
    pub object_type: Option<String>,
    /// What happened (`null` from the real server when none).
    pub description: Option<String>,
    /// When it happened (RFC 3339; sent by the real server, not in the spec).
    pub created: String,
}
