//! Events: the activity log.

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use crate::{IntegrationId, ProjectId, UserId};

string_enum! {
    /// The kind of object an event is about.
    pub enum EventObjectType {
        /// A task (`task`).
        Task = "task",
        /// An environment (`environment`).
        Environment = "environment",
        /// An inventory (`inventory`).
        Inventory = "inventory",
        /// An access key (`key`).
        Key = "key",
        /// A project (`project`).
        Project = "project",
        /// A repository (`repository`).
        Repository = "repository",
        /// A schedule (`schedule`; the server also logs a template's creation with it).
        Schedule = "schedule",
        /// A template (`template`).
        Template = "template",
        /// A user (`user`).
        User = "user",
        /// A view (`view`).
        View = "view",
        /// An integration (`integration`).
        Integration = "integration",
        /// A value extracted by an integration (`integrationextractvalue`).
        IntegrationExtractValue = "integrationextractvalue",
        /// A matcher of an integration (`integrationmatcher`).
        IntegrationMatcher = "integrationmatcher",
    }
    default Project;
}

/// One entry of the activity log (`events_get`, `project_project_id_events_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Event {
    /// The project it happened in (`null` for global events).
    pub project_id: Option<ProjectId>,
    /// The user who caused it (`null` when none).
    pub user_id: Option<UserId>,
    /// The integration that caused it (`null` when none).
    pub integration_id: Option<IntegrationId>,
    /// The id of the object it is about, of the kind `object_type` says (`null` when none).
    pub object_id: Option<i64>,
    /// The kind of object (`null` when none).
    pub object_type: Option<EventObjectType>,
    /// What happened (`null` when nothing was said).
    pub description: Option<String>,
    /// When it happened (RFC 3339).
    pub created: String,
    /// The object's name: a task's playbook, `""` for other objects.
    pub object_name: String,
    /// The project's name (`null` for global events).
    pub project_name: Option<String>,
    /// The login name of the user who caused it (`null` when none).
    pub username: Option<String>,
}
