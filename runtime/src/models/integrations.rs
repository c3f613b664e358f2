//! Integrations: webhooks that start a template, with their matchers and extracted values.

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use crate::{AliasId, ExtractValueId, IntegrationId, KeyId, MatcherId, ProjectId, TemplateId};

string_enum! {
    /// How an integration's webhook authenticates its caller.
    pub enum IntegrationAuthMethod {
        /// Anyone may call it (`""`).
        None = "",
        /// GitHub's signature header (`github`).
        GitHub = "github",
        /// A token in a header (`token`).
        Token = "token",
        /// An HMAC of the body in a header (`hmac`).
        Hmac = "hmac",
    }
    default None;
}

string_enum! {
    /// Where a matcher looks or a value is read from.
    pub enum IntegrationSource {
        /// The request body (`body`).
        Body = "body",
        /// A request header (`header`).
        Header = "header",
    }
    default Body;
}

string_enum! {
    /// How the body is read.
    pub enum IntegrationBodyDataType {
        /// Not read: a header matcher (`""`).
        None = "",
        /// As JSON, `key` a path in it (`json`).
        Json = "json",
        /// As a plain string (`string`).
        String = "string",
    }
    default None;
}

string_enum! {
    /// How a matcher compares.
    pub enum IntegrationMatchMethod {
        /// Equal (`equals`).
        Equals = "equals",
        /// Not equal (`unequals`).
        Unequals = "unequals",
        /// Contains (`contains`).
        Contains = "contains",
    }
    default Equals;
}

/// An integration of a project (`project_project_id_integrations_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Integration {
    /// The integration's id.
    pub id: IntegrationId,
    /// The integration's name.
    pub name: String,
    /// The project it belongs to.
    pub project_id: ProjectId,
    /// The template it runs.
    pub template_id: TemplateId,
    /// How the webhook authenticates its caller.
    pub auth_method: IntegrationAuthMethod,
    /// The access key holding the token or HMAC secret (`null` when none).
    pub auth_secret_id: Option<KeyId>,
    /// The header holding the token or signature.
    pub auth_header: String,
    /// Whether the project-wide alias reaches this integration.
    pub searchable: bool,
    /// Task parameters the webhook starts the task with (`null` when none).
    pub task_params: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The body of `project_project_id_integrations_post` and `..._integration_id_put`.
///
/// Its `project_id`, and on updates its `id`, come from the path: the client sets them in
/// the body, where the server reads them, so the two cannot disagree.
///
/// An update overwrites every field: build it from the integration read
/// (`IntegrationRequest::from(&integration)`) so that a change keeps its authentication.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntegrationRequest {
    /// The integration's name (required).
    pub name: String,
    /// The template it runs.
    pub template_id: TemplateId,
    /// How the webhook authenticates its caller.
    pub auth_method: IntegrationAuthMethod,
    /// The access key holding the token or HMAC secret.
    pub auth_secret_id: Option<KeyId>,
    /// The header holding the token or signature.
    pub auth_header: String,
    /// Whether the project-wide alias reaches this integration.
    pub searchable: bool,
    /// Task parameters the webhook starts the task with (SQL servers do not store them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_params: Option<serde_json::Map<String, serde_json::Value>>,
}

impl From<&Integration> for IntegrationRequest {
    /// An update of `integration` that changes nothing.
    fn from(integration: &Integration) -> Self {
        IntegrationRequest {
            name: integration.name.clone(),
            template_id: integration.template_id,
            auth_method: integration.auth_method.clone(),
            auth_secret_id: integration.auth_secret_id,
            auth_header: integration.auth_header.clone(),
            searchable: integration.searchable,
            task_params: integration.task_params.clone(),
        }
    }
}

/// A value an integration reads from its webhook into a task variable
/// (`..._integration_id_values_get`). It is also the body of `..._values_post`, whose
/// `integration_id` the client sets from the path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntegrationExtractValue {
    /// The value's id.
    pub id: ExtractValueId,
    /// The integration it belongs to.
    pub integration_id: IntegrationId,
    /// The value's name (required).
    pub name: String,
    /// Where it is read from.
    pub value_source: IntegrationSource,
    /// How the body is read (required for `body`).
    pub body_data_type: IntegrationBodyDataType,
    /// The header's name, or the path in a JSON body.
    pub key: String,
    /// The task variable it sets.
    pub variable: String,
}

/// The body of `..._values_extractvalue_id_put`. The server merges it into the stored value,
/// so fields left out keep their values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntegrationExtractValueRequest {
    /// The value's name (required).
    pub name: String,
    /// Where it is read from.
    pub value_source: IntegrationSource,
    /// How the body is read.
    pub body_data_type: IntegrationBodyDataType,
    /// The header's name, or the path in a JSON body.
    pub key: String,
    /// The task variable it sets.
    pub variable: String,
}

/// A condition on an integration's webhook (`..._integration_id_matchers_get`). It is also
/// the body of `..._matchers_post`, whose `integration_id` the client sets from the path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntegrationMatcher {
    /// The matcher's id.
    pub id: MatcherId,
    /// The integration it belongs to.
    pub integration_id: IntegrationId,
    /// The matcher's name (required).
    pub name: String,
    /// Where it looks (required).
    pub match_type: IntegrationSource,
    /// How it compares.
    pub method: IntegrationMatchMethod,
    /// How the body is read (`None` for a header).
    pub body_data_type: IntegrationBodyDataType,
    /// The header's name, or the path in a JSON body (required).
    pub key: String,
    /// What it compares with (required).
    pub value: String,
}

/// The body of `..._matchers_matcher_id_put`.
///
/// The server updates the matcher named by the body's `id` and `integration_id`, not the
/// path's; the client sets both from the path arguments, so they cannot disagree.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntegrationMatcherRequest {
    /// The matcher's name (required).
    pub name: String,
    /// Where it looks (required).
    pub match_type: IntegrationSource,
    /// How it compares.
    pub method: IntegrationMatchMethod,
    /// How the body is read (`None` for a header).
    pub body_data_type: IntegrationBodyDataType,
    /// The header's name, or the path in a JSON body (required).
    pub key: String,
    /// What it compares with (required).
    pub value: String,
}

impl From<&IntegrationMatcher> for IntegrationMatcherRequest {
    /// An update of `matcher` that changes nothing.
    fn from(matcher: &IntegrationMatcher) -> Self {
        IntegrationMatcherRequest {
            name: matcher.name.clone(),
            match_type: matcher.match_type.clone(),
            method: matcher.method.clone(),
            body_data_type: matcher.body_data_type.clone(),
            key: matcher.key.clone(),
            value: matcher.value.clone(),
        }
    }
}

/// An alias of a project's integrations, or of one integration: a public webhook URL
/// (`..._aliases_get`, `..._aliases_post`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntegrationAlias {
    /// The alias's id.
    pub id: AliasId,
    /// The webhook's URL: the server's `web_host` followed by `api/integrations/<alias>`
    /// (only the path when `web_host` is not configured).
    pub url: String,
}
