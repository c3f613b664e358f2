//! Path arguments are sent as exactly one percent-encoded segment, whatever they hold.

use httpmock::{HttpMockRequest, MockServer};
use percent_encoding::percent_decode_str;
use semaphore_api::ErrorKind;
use semaphore_api::{AuthenticationApi, Client};

use crate::mock_server::{api_url, sent_target, target_is};

const HOSTILE: [&str; 12] = [
    "../x",
    "a/b",
    "a?b#c",
    "%2F",
    "%",
    " spaces and\ttabs ",
    "ünïcødé ✓",
    "kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu=",
    "...",
    "a\r\nX-Injected: 1",
    "\\..\\",
    "&=+;,",
];

#[tokio::test]
async fn hostile_values_stay_in_their_segment_and_decode_back() {
    let server = MockServer::start_async().await;
    let client = Client::new(api_url(&server)).unwrap();
    for value in HOSTILE {
        let delete = server
            .mock_async(|when, then| {
                when.method("DELETE")
                    .is_true(move |request: &HttpMockRequest| {
                        one_segment_decoding_to(&sent_target(request), value)
                    })
                    .header_missing("x-injected");
                then.status(204);
            })
            .await;
        client.user_tokens_api_token_id_delete(value).await.unwrap();
        delete.assert_calls_async(1).await;
        delete.delete_async().await;
    }
}

/// Whether `target` is `/api/user/tokens/` and one segment, without a query or a fragment,
/// that decodes to `value`.
fn one_segment_decoding_to(target: &str, value: &str) -> bool {
    let segments: Vec<&str> = target.split('/').collect();
    segments.len() == 5
        && segments[..4] == ["", "api", "user", "tokens"]
        && !target.contains(['?', '#'])
        && percent_decode_str(segments[4])
            .decode_utf8()
            .ok()
            .as_deref()
            == Some(value)
}

#[tokio::test]
async fn a_segment_in_the_middle_of_a_path() {
    let server = MockServer::start_async().await;
    let login = server
        .mock_async(|when, then| {
            when.is_true(target_is("/api/auth/oidc/my%20sso%2F..%2F..%2Fadmin/login"));
            then.status(307).header("Location", "/auth/login");
        })
        .await;
    let client = Client::new(api_url(&server)).unwrap();
    let redirect = client
        .auth_oidc_provider_id_login_get("my sso/../../admin", None)
        .await
        .unwrap();
    login.assert_calls_async(1).await;
    assert_eq!(redirect.location(), "/auth/login");
}

#[tokio::test]
async fn values_that_would_change_the_path_are_refused_before_sending() {
    let server = MockServer::start_async().await;
    let anything = server
        .mock_async(|when, then| {
            when.any_request();
            then.status(204);
        })
        .await;
    let client = Client::new(api_url(&server)).unwrap();
    for value in ["", ".", ".."] {
        let err = client
            .user_tokens_api_token_id_delete(value)
            .await
            .unwrap_err();
        let ErrorKind::InvalidArgument { param, .. } = err.kind() else {
            panic!("{value:?}: {err:?}")
        };
        assert_eq!(*param, "api_token_id");
        assert!(err.to_string().contains("`api_token_id`"), "{err}");
    }
    anything.assert_calls_async(0).await;
}
