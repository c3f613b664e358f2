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
}

/// The body of `project_project_id_views_post` and `..._view_id_put`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewRequest {
    /// On updates, the view's id: the real server reads it from the body, and it must equal
    /// the id in the path (the spec omits it). Leave `None` when creating.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<ViewId>,
    /// The tab's title.
    pub title: String,
    /// The project it belongs to (must equal the id in the path).
    pub project_id: ProjectId,
    /// The tab's position.
    pub position: i64,
}

impl From<&View> for ViewRequest {
    /// An update of `view` that changes nothing.
    fn from(view: &View) -> Self {
        ViewRequest {
            id: Some(view.id),
            title: view.title.clone(),
            project_id: view.project_id,
            position: view.position,
        }
    }
}
