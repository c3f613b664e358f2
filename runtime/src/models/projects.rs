//! Projects, and the users who belong to them.

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use crate::{ProjectId, UserId};

/// A project (`projects_get`, `project_project_id_get`). It is also the body of
/// `project_project_id_put`, which overwrites `name`, `alert`, `alert_chat` and
/// `max_parallel_tasks` (and on BoltDB every field): change the project read and send it back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    /// The project's id.
    pub id: ProjectId,
    /// The project's name.
    pub name: String,
    /// When it was created (RFC 3339). Left out of a body when empty: the server answers 400
    /// to a `created` that is not a time.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub created: String,
    /// Whether task alerts are sent.
    pub alert: bool,
    /// The chat that receives alerts (`null` when none).
    pub alert_chat: Option<String>,
    /// How many tasks may run at once (0: no limit).
    pub max_parallel_tasks: i64,
    /// The project's type (`""` for an ordinary project).
    pub r#type: String,
    /// Fields this model does not name (a newer server's), kept as sent: encoding the model
    /// gives them back, and an update built from it sends them back.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of `projects_post`: a new project.
///
/// SQL servers store only `name` and `type` on create (the answer still echoes the rest);
/// set `alert`, `alert_chat` and `max_parallel_tasks` with `project_project_id_put` after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRequest {
    /// The project's name.
    pub name: String,
    /// Whether task alerts are sent.
    #[serde(default)]
    pub alert: bool,
    /// The chat that receives alerts, if any.
    #[serde(default)]
    pub alert_chat: Option<String>,
    /// How many tasks may run at once (0: no limit).
    #[serde(default)]
    pub max_parallel_tasks: i64,
    /// The project's type (`""` for an ordinary project).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub r#type: String,
    /// Whether the server also fills the project with its demo resources (sent only when
    /// `true`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub demo: bool,
}

impl ProjectRequest {
    /// A new, empty project.
    pub fn new(name: impl Into<String>) -> Self {
        ProjectRequest {
            name: name.into(),
            alert: false,
            alert_chat: None,
            max_parallel_tasks: 0,
            r#type: String::new(),
            demo: false,
        }
    }
}

string_enum! {
    /// A user's role in a project.
    pub enum ProjectRole {
        /// Full control of the project (`owner`).
        Owner = "owner",
        /// Manages the project's resources (`manager`).
        Manager = "manager",
        /// Runs tasks (`task_runner`).
        TaskRunner = "task_runner",
        /// Reads only (`guest`).
        Guest = "guest",
        /// No role: an administrator who is not a member (`""`). Not accepted in requests.
        None = "",
    }
    default None;
}

/// A member of a project (`project_project_id_users_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectUser {
    /// The user's id.
    pub id: UserId,
    /// The user's login name.
    pub username: String,
    /// The user's display name.
    pub name: String,
    /// The user's role in the project.
    pub role: ProjectRole,
}

/// The body of `project_project_id_users_post`: links a user to a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectUserRequest {
    /// The user to link.
    pub user_id: UserId,
    /// The role they get (400 for [`ProjectRole::None`] or an unknown role).
    pub role: ProjectRole,
}

/// The body of `project_project_id_users_user_id_put`: a member's new role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectUserRoleRequest {
    /// The new role.
    pub role: ProjectRole,
}

/// The current user's role and permissions in a project (`project_project_id_role_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectPermissions {
    /// The role; [`ProjectRole::None`] for an administrator who is not a member.
    pub role: ProjectRole,
    /// The permissions as a bit mask: 1 run tasks, 2 update the project, 4 manage its
    /// resources, 8 manage its members.
    pub permissions: i64,
}
