//! `IntegrationApi` against a mock server: lists, PUT updates and deletes under three nested
//! path parameters.

mod support;

use httpmock::Method::{DELETE, GET, PUT};
use httpmock::MockServer;
use semaphore_api::*;
use serde_json::json;
use support::bearer_client;

#[tokio::test]
async fn list_values_and_matchers() {
    let server = MockServer::start_async().await;
    let values = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/project/1/integrations/11/values");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!([{"id": 12, "name": "ref", "value_source": "body",
                    "body_data_type": "json", "key": "ref", "variable": "branch",
                    "integration_id": 11}]));
        })
        .await;
    let matchers = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/project/1/integrations/11/matchers");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!([{"id": 13, "integration_id": 11, "name": "push",
                    "match_type": "header", "method": "equals", "body_data_type": "",
                    "key": "X-GitHub-Event", "value": "push"}]));
        })
        .await;
    let client = bearer_client(&server);
    let found = client
        .project_project_id_integrations_integration_id_values_get(ProjectId(1), IntegrationId(11))
        .await
        .unwrap();
    assert_eq!(found[0].variable, "branch");
    assert_eq!(found[0].value_source, IntegrationSource::Body);
    let found = client
        .project_project_id_integrations_integration_id_matchers_get(
            ProjectId(1),
            IntegrationId(11),
        )
        .await
        .unwrap();
    assert_eq!(found[0].method, IntegrationMatchMethod::Equals);
    assert_eq!(found[0].body_data_type, IntegrationBodyDataType::None);
    values.assert_async().await;
    matchers.assert_async().await;
}

#[tokio::test]
async fn update_a_value_and_a_matcher() {
    let server = MockServer::start_async().await;
    let value = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/api/project/1/integrations/11/values/12")
                .json_body(json!({"id": 12, "integration_id": 11, "name": "ref",
                    "value_source": "header", "body_data_type": "string", "key": "X-Ref",
                    "variable": "branch"}));
            then.status(204).header("content-type", "application/json");
        })
        .await;
    let matcher = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/api/project/1/integrations/11/matchers/13")
                .json_body(
                    json!({"id": 13, "integration_id": 11, "name": "main", "match_type": "body",
                    "method": "contains", "body_data_type": "json", "key": "ref", "value": "main"}),
                );
            then.status(204).header("content-type", "application/json");
        })
        .await;
    let client = bearer_client(&server);
    client
        .project_project_id_integrations_integration_id_values_extractvalue_id_put(
            ProjectId(1),
            IntegrationId(11),
            ExtractValueId(12),
            &IntegrationExtractValueRequest {
                name: "ref".into(),
                value_source: IntegrationSource::Header,
                body_data_type: IntegrationBodyDataType::String,
                key: "X-Ref".into(),
                variable: "branch".into(),
            },
        )
        .await
        .unwrap();
    client
        .project_project_id_integrations_integration_id_matchers_matcher_id_put(
            ProjectId(1),
            IntegrationId(11),
            MatcherId(13),
            &IntegrationMatcherRequest {
                name: "main".into(),
                match_type: IntegrationSource::Body,
                method: IntegrationMatchMethod::Contains,
                body_data_type: IntegrationBodyDataType::Json,
                key: "ref".into(),
                value: "main".into(),
            },
        )
        .await
        .unwrap();
    value.assert_async().await;
    matcher.assert_async().await;
}

#[tokio::test]
async fn delete_a_value_and_a_matcher() {
    let server = MockServer::start_async().await;
    let value = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/api/project/1/integrations/11/values/12");
            then.status(204).header("content-type", "application/json");
        })
        .await;
    let matcher = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/api/project/1/integrations/11/matchers/13");
            then.status(204).header("content-type", "application/json");
        })
        .await;
    let client = bearer_client(&server);
    client
        .project_project_id_integrations_integration_id_values_extractvalue_id_delete(
            ProjectId(1),
            IntegrationId(11),
            ExtractValueId(12),
        )
        .await
        .unwrap();
    client
        .project_project_id_integrations_integration_id_matchers_matcher_id_delete(
            ProjectId(1),
            IntegrationId(11),
            MatcherId(13),
        )
        .await
        .unwrap();
    value.assert_async().await;
    matcher.assert_async().await;
}

#[tokio::test]
async fn an_unknown_integration_is_a_404() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/project/1/integrations/99/values");
            then.status(404)
                .header("content-type", "application/json")
                .body("{\"error\":\"Integration not found\"}\n");
        })
        .await;
    let error = bearer_client(&server)
        .project_project_id_integrations_integration_id_values_get(ProjectId(1), IntegrationId(99))
        .await
        .unwrap_err();
    assert!(error.is_not_found(), "{error:?}");
}
