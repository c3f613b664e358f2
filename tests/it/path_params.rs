//! Path arguments are sent as exactly one percent-encoded segment, whatever they hold.

use percent_encoding::percent_decode_str;
use semaphore_api::ErrorKind;
use semaphore_api::testkit::scripted::{NO_CONTENT, ScriptedServer};
use semaphore_api::{AuthenticationApi, Client};

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
    let server = ScriptedServer::replying_with(NO_CONTENT).await;
    let client = Client::new(&server.base_url).unwrap();
    for value in HOSTILE {
        client.user_tokens_api_token_id_delete(value).await.unwrap();
        let request = server.last();
        assert_eq!(request.method, "DELETE");
        let segments: Vec<&str> = request.target.split('/').collect();
        assert_eq!(segments.len(), 5, "{value:?} became {:?}", request.target);
        assert_eq!(&segments[..4], ["", "api", "user", "tokens"], "{value:?}");
        assert!(
            !request.target.contains(['?', '#']),
            "{value:?} became {:?}",
            request.target
        );
        let decoded = percent_decode_str(segments[4]).decode_utf8().unwrap();
        assert_eq!(decoded, value);
        assert!(request.header("x-injected").is_none());
    }
    assert_eq!(server.requests().len(), HOSTILE.len());
}

#[tokio::test]
async fn a_segment_in_the_middle_of_a_path() {
    let server = ScriptedServer::replying_with(
        "HTTP/1.1 307 Temporary Redirect\r\nLocation: /auth/login\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    )
    .await;
    let client = Client::new(&server.base_url).unwrap();
    let redirect = client
        .auth_oidc_provider_id_login_get("my sso/../../admin", None)
        .await
        .unwrap();
    assert_eq!(
        server.last().target,
        "/api/auth/oidc/my%20sso%2F..%2F..%2Fadmin/login"
    );
    assert_eq!(redirect.location(), "/auth/login");
}

#[tokio::test]
async fn values_that_would_change_the_path_are_refused_before_sending() {
    let server = ScriptedServer::replying_with(NO_CONTENT).await;
    let client = Client::new(&server.base_url).unwrap();
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
    assert!(server.requests().is_empty(), "something was sent");
}
