//! Views: tabs grouping a project's templates.

use serde::{Deserialize, Serialize};

use crate::{ProjectId, ViewId};

/// A view (`project_project_id_views_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct View {
    /// The view's id.
    pub id: ViewId,
    /// The tab's title.
    pub title: String,
    /// The project it belongs to.
    pub project_id: ProjectId,
    /// The tab's position.
    pub position: i64,
    /// Fields this model does not name (a newer server's), kept as sent: encoding the model
    /// gives them back, and an update built from it sends them back.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of `project_project_id_views_post` and `..._view_id_put`.
///
/// Its `project_id`, and on updates its `id`, come from the path: the client sets them in
/// the body, where the server reads them, so the two cannot disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewRequest {
    /// The tab's title.
    pub title: String,
    /// The tab's position.
    #[serde(default)]
    pub position: i64,
    /// Fields this model does not name, sent as they are: those of the object an update was
    /// built from (a newer server's), or any a caller sets.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl ViewRequest {
    /// A new view, placed first (`position` 0) until moved.
    pub fn new(title: impl Into<String>) -> Self {
        ViewRequest {
            title: title.into(),
            position: 0,
            extra: crate::Extra::default(),
        }
    }
}

impl From<&View> for ViewRequest {
    /// An update of `view` that changes nothing.
    fn from(view: &View) -> Self {
        ViewRequest {
            title: view.title.clone(),
            position: view.position,
            extra: view.extra.clone(),
        }
    }
}
