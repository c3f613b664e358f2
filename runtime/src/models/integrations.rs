//! Integrations: webhooks that start a template, with their matchers and extracted values.

use serde::{Deserialize, Serialize};

/// An integration (`project_project_id_integrations_get`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Integration {
    /// The integration's id.
    pub id: i64,
    /// The integration's name.
    pub name: String,
    /// The project it belongs to.
    pub project_id: i64,
    /// The template it starts.
    pub template_id: i64,
}

/// The body of `project_project_id_integrations_post` and `..._integration_id_put`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntegrationRequest {
    /// On updates, the integration's id (must equal the id in the path; the spec omits it).
    /// Leave `None` when creating.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The integration's name.
    pub name: String,
    /// The project it belongs to (must equal the id in the path).
    pub project_id: i64,
    /// The template it starts.
    pub template_id: i64,
}

/// Where a matcher or an extracted value looks in the incoming webhook.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IntegrationSource {
    /// The request body (`body`).
    Body,
    /// A request header (`header`).
    Header,
    /// A value this client does not know (a newer server's); serializes as `""`.
    #[default]
    #[serde(other, rename = "")]
    Unknown,
}

/// How the webhook's body is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IntegrationBodyDataType {
    /// JSON (`json`).
    Json,
    /// XML (`xml`).
    Xml,
    /// Plain text (`string`).
    String,
    /// A value this client does not know (a newer server's); serializes as `""`.
    #[default]
    #[serde(other, rename = "")]
    Unknown,
}

/// How a matcher compares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IntegrationMatchMethod {
    /// The value equals (`equals`).
    Equals,
    /// The value differs (`unequals`).
    Unequals,
    /// The value contains (`contains`).
    Contains,
    /// A value this client does not know (a newer server's); serializes as `""`.
    #[default]
    #[serde(other, rename = "")]
    Unknown,
}

/// A value extracted from a webhook into a task variable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntegrationExtractValue {
    /// The extracted value's id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Where the value is read.
    pub value_source: IntegrationSource,
    /// How the body is read, when `value_source` is `body`.
    pub body_data_type: IntegrationBodyDataType,
    /// The header name or the path in the body.
    pub key: String,
    /// The task variable it sets.
    pub variable: String,
    /// The integration it belongs to.
    pub integration_id: i64,
}

/// The body of `..._integrations_integration_id_values_extractvalue_id_put`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntegrationExtractValueRequest {
    /// Its name.
    pub name: String,
    /// Where the value is read.
    pub value_source: IntegrationSource,
    /// How the body is read, when `value_source` is `body`.
    pub body_data_type: IntegrationBodyDataType,
    /// The header name or the path in the body.
    pub key: String,
    /// The task variable it sets.
    pub variable: String,
}

/// A condition a webhook must meet to start the integration's template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntegrationMatcher {
    /// The matcher's id.
    pub id: i64,
    /// The integration it belongs to.
    pub integration_id: i64,
    /// Its name.
    pub name: String,
    /// Where the value is read.
    pub match_type: IntegrationSource,
    /// How it compares.
    pub method: IntegrationMatchMethod,
    /// How the body is read, when `match_type` is `body`.
    pub body_data_type: IntegrationBodyDataType,
    /// The header name or the path in the body.
    pub key: String,
    /// The value compared with.
    pub value: String,
}

/// The body of `..._integrations_integration_id_matchers_matcher_id_put`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntegrationMatcherRequest {
    /// Its name.
    pub name: String,
    /// Where the value is read.
    pub match_type: IntegrationSource,
    /// How it compares.
    pub method: IntegrationMatchMethod,
    /// How the body is read, when `match_type` is `body`.
    pub body_data_type: IntegrationBodyDataType,
    /// The header name or the path in the body.
    pub key: String,
    /// The value compared with.
    pub value: String,
}
