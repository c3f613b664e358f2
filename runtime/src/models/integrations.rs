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
    /// Fields this model does not name (a newer server's), kept as sent: encoding the model
    /// gives them back, and an update built from it sends them back.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of `project_project_id_integrations_post` and `..._integration_id_put`.
///
/// Its `project_id`, and on updates its `id`, come from the path: the client sets them in
/// the body, where the server reads them, so the two cannot disagree.
///
/// An update overwrites every field: build it from the integration read
/// (`IntegrationRequest::from(&integration)`) so that a change keeps its authentication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrationRequest {
    /// The integration's name (required).
    pub name: String,
    /// The template it runs.
    pub template_id: TemplateId,
    /// How the webhook authenticates its caller.
    #[serde(default)]
    pub auth_method: IntegrationAuthMethod,
    /// The access key holding the token or HMAC secret.
    #[serde(default)]
    pub auth_secret_id: Option<KeyId>,
    /// The header holding the token or signature.
    #[serde(default)]
    pub auth_header: String,
    /// Whether the project-wide alias reaches this integration.
    #[serde(default)]
    pub searchable: bool,
    /// Task parameters the webhook starts the task with (SQL servers do not store them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_params: Option<serde_json::Map<String, serde_json::Value>>,
    /// Fields this model does not name, sent as they are: those of the object an update was
    /// built from (a newer server's), or any a caller sets.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl IntegrationRequest {
    /// A new integration whose webhook starts `template_id`, callable by anyone until an
    /// `auth_method` is set.
    pub fn new(name: impl Into<String>, template_id: TemplateId) -> Self {
        IntegrationRequest {
            name: name.into(),
            template_id,
            auth_method: IntegrationAuthMethod::None,
            auth_secret_id: None,
            auth_header: String::new(),
            searchable: false,
            task_params: None,
            extra: crate::Extra::default(),
        }
    }
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
            extra: integration.extra.clone(),
        }
    }
}

/// A value an integration reads from its webhook into a task variable
/// (`..._integration_id_values_get`).
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
    /// Fields this model does not name (a newer server's), kept as sent: encoding the model
    /// gives them back, and an update built from it sends them back.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of `..._values_post` and `..._values_extractvalue_id_put`, built with the
/// constructor of its source. The client sets `integration_id` (and on updates `id`) from
/// the path. An update is merged into the stored value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrationExtractValueRequest {
    /// The value's name (required).
    pub name: String,
    /// Where it is read from.
    pub value_source: IntegrationSource,
    /// How the body is read.
    #[serde(default)]
    pub body_data_type: IntegrationBodyDataType,
    /// The header's name, or the path in a JSON body.
    #[serde(default)]
    pub key: String,
    /// The task variable it sets.
    pub variable: String,
    /// Fields this model does not name, sent as they are: those of the object an update was
    /// built from (a newer server's), or any a caller sets.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl IntegrationExtractValueRequest {
    /// A value read from a JSON body at `key` (a path in it) into the task variable
    /// `variable`.
    pub fn from_json_body(
        name: impl Into<String>,
        key: impl Into<String>,
        variable: impl Into<String>,
    ) -> Self {
        IntegrationExtractValueRequest {
            name: name.into(),
            value_source: IntegrationSource::Body,
            body_data_type: IntegrationBodyDataType::Json,
            key: key.into(),
            variable: variable.into(),
            extra: crate::Extra::default(),
        }
    }

    /// The whole body, as a string, into the task variable `variable`.
    pub fn from_string_body(name: impl Into<String>, variable: impl Into<String>) -> Self {
        IntegrationExtractValueRequest {
            name: name.into(),
            value_source: IntegrationSource::Body,
            body_data_type: IntegrationBodyDataType::String,
            key: String::new(),
            variable: variable.into(),
            extra: crate::Extra::default(),
        }
    }

    /// The request header `header` into the task variable `variable`.
    pub fn from_header(
        name: impl Into<String>,
        header: impl Into<String>,
        variable: impl Into<String>,
    ) -> Self {
        IntegrationExtractValueRequest {
            name: name.into(),
            value_source: IntegrationSource::Header,
            body_data_type: IntegrationBodyDataType::None,
            key: header.into(),
            variable: variable.into(),
            extra: crate::Extra::default(),
        }
    }
}

/// A condition on an integration's webhook (`..._integration_id_matchers_get`).
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
    /// Fields this model does not name (a newer server's), kept as sent: encoding the model
    /// gives them back, and an update built from it sends them back.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of `..._matchers_post` and `..._matchers_matcher_id_put`, built with the
/// constructor of what it looks at.
///
/// The server updates the matcher named by the body's `id` and `integration_id`, not the
/// path's; the client sets both from the path arguments, so they cannot disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrationMatcherRequest {
    /// The matcher's name (required).
    pub name: String,
    /// Where it looks (required).
    pub match_type: IntegrationSource,
    /// How it compares.
    #[serde(default)]
    pub method: IntegrationMatchMethod,
    /// How the body is read (`None` for a header).
    #[serde(default)]
    pub body_data_type: IntegrationBodyDataType,
    /// The header's name, or the path in a JSON body (required).
    pub key: String,
    /// What it compares with (required).
    pub value: String,
    /// Fields this model does not name, sent as they are: those of the object an update was
    /// built from (a newer server's), or any a caller sets.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl IntegrationMatcherRequest {
    /// A matcher on the value at `key` (a path) of a JSON body; `method` and `value` say how
    /// it compares.
    pub fn on_json_body(
        name: impl Into<String>,
        key: impl Into<String>,
        method: IntegrationMatchMethod,
        value: impl Into<String>,
    ) -> Self {
        IntegrationMatcherRequest {
            name: name.into(),
            match_type: IntegrationSource::Body,
            method,
            body_data_type: IntegrationBodyDataType::Json,
            key: key.into(),
            value: value.into(),
            extra: crate::Extra::default(),
        }
    }

    /// A matcher on the request header `header`.
    pub fn on_header(
        name: impl Into<String>,
        header: impl Into<String>,
        method: IntegrationMatchMethod,
        value: impl Into<String>,
    ) -> Self {
        IntegrationMatcherRequest {
            name: name.into(),
            match_type: IntegrationSource::Header,
            method,
            body_data_type: IntegrationBodyDataType::None,
            key: header.into(),
            value: value.into(),
            extra: crate::Extra::default(),
        }
    }
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
            extra: matcher.extra.clone(),
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
