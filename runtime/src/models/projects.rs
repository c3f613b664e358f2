//! Projects, and the users who belong to them.

use serde::{Deserialize, Serialize};

/// A project (`projects_get`, `project_project_id_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    /// The project's id.
    pub id: i64,
    /// The project's name.
    pub name: String,
    /// When it was created (RFC 3339).
    pub created: String,
    /// Whether task alerts are sent.
    pub alert: bool,
    /// The chat that receives alerts, if any.
    pub alert_chat: Option<String>,
    /// How many tasks may run at once (0: no limit).
    pub max_parallel_tasks: i64,
}

/// The body of `projects_post`: a new project.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectRequest {
    /// The project's name.
    pub name: String,
    /// Whether task alerts are sent.
    pub alert: bool,
    /// The chat that receives alerts, if any.
    pub alert_chat: Option<String>,
    /// How many tasks may run at once (0: no limit).
    pub max_parallel_tasks: i64,
    /// Whether the real server also fills the project with its demo resources (not in the
    /// spec; sent only when `true`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub demo: bool,
}

/// A user's role in a project.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectRole {
    /// Full control of the project (`owner`).
    Owner,
    /// Manages the project's resources (`manager`).
    Manager,
    /// Runs tasks (`task_runner`).
    TaskRunner,
    /// Reads only (`guest`).
    Guest,
    /// A role this client does not know (a newer server's); serializes as `""`.
    #[default]
    #[serde(other, rename = "")]
    Unknown,
}

/// A member of a project (`project_project_id_users_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectUser {
    /// The user's id.
    pub id: i64,
    /// The user's display name.
    pub name: String,
    /// The user's login name.
    pub username: String,
    /// The user's email (sent by the real server, not in the spec).
    pub email: String,
    /// The user's role in the project (sent by the real server, not in the spec).
    pub role: ProjectRole,
}

/// The body of `project_project_id_users_post`: links a user to a project.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectUserRequest {
    /// The user to link.
    pub user_id: i64,
    /// The role they get.
    pub role: ProjectRole,
}

/// The body of `project_project_id_users_user_id_put`: a member's new role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectUserRoleRequest {
    /// The new role.
    pub role: ProjectRole,
}

/// The current user's role and permissions in a project (`project_project_id_role_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectPermissions {
    /// The role, e.g. `owner`; [`ProjectRole::Unknown`] for an admin who is not a member.
    pub role: ProjectRole,
    /// The permissions as a bit mask.
    pub permissions: i64,
}
