//! The OIDC login and redirect endpoints: the whole browser flow, and each way it fails.

mod support;

use percent_encoding::percent_decode_str;
use semaphore_api_testkit::{OidcProvider, StandIn, User};
use support::{Reply, send};

fn form_decode(s: &str) -> String {
    percent_decode_str(&s.replace('+', " "))
        .decode_utf8()
        .unwrap()
        .into_owned()
}

/// The query parameters of a `Location`, decoded, in order.
fn params(location: &str) -> Vec<(String, String)> {
    let (_, query) = location.split_once('?').unwrap();
    query
        .split('&')
        .map(|kv| kv.split_once('=').unwrap())
        .map(|(k, v)| (form_decode(k), form_decode(v)))
        .collect()
}

async fn server() -> StandIn {
    StandIn::builder()
        .user(User::new("alice", "alice@example.com", "wonderland", false))
        .oidc_provider(OidcProvider::new("mysso", "MySSO").accept_code("c0de/+=", "alice"))
        .oidc_provider(OidcProvider::new("plain", "No test code"))
        .start()
        .await
        .unwrap()
}

fn assert_redirect_to_login(reply: &Reply, what: &str) {
    assert_eq!(reply.status, 307, "{what}");
    assert_eq!(reply.header("location"), Some("/auth/login"), "{what}");
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.body, "", "{what}");
    assert!(
        !reply
            .headers
            .iter()
            .any(|(n, v)| n == "set-cookie" && v.starts_with("semaphore=")),
        "{what}: a failed flow set a session"
    );
}

/// Starts the flow: the `state` in the `Location` and the `oauthstate` cookie's value.
async fn start(server: &StandIn, provider: &str) -> (Reply, String, String) {
    let path = format!("/api/auth/oidc/{provider}/login");
    let reply = send(server, "GET", &path, &[], "").await;
    let params = params(reply.header("location").unwrap());
    let state = params.iter().find(|(k, _)| k == "state").unwrap().1.clone();
    let cookie = reply.header("set-cookie").unwrap().to_owned();
    let value = cookie
        .strip_prefix("oauthstate=")
        .unwrap()
        .split(';')
        .next()
        .unwrap();
    let value = value.to_owned();
    (reply, state, value)
}

#[tokio::test]
async fn the_whole_flow_logs_the_user_in() {
    let server = server().await;
    let (reply, state, cookie) = start(&server, "mysso").await;
    assert_eq!(reply.status, 307);
    assert_eq!(reply.body, "");
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let location = reply.header("location").unwrap();
    assert!(
        location.starts_with("https://mysso.example.com/authorize?"),
        "{location}"
    );
    let names: Vec<String> = params(location).into_iter().map(|(k, _)| k).collect();
    assert_eq!(
        names,
        [
            "client_id",
            "redirect_uri",
            "response_type",
            "scope",
            "state"
        ]
    );
    let expected = [
        ("client_id", "semaphore-mysso".to_owned()),
        (
            "redirect_uri",
            format!("{}/auth/oidc/mysso/redirect", server.url()),
        ),
        ("response_type", "code".to_owned()),
        ("scope", "openid profile email".to_owned()),
    ];
    for (key, value) in expected {
        assert!(
            params(location).contains(&(key.to_owned(), value.clone())),
            "{key} in {location}"
        );
    }
    assert_eq!(state, cookie, "the state is the cookie's value");
    assert_eq!(state.len(), 24);
    assert!(reply.header("set-cookie").unwrap().contains("; Expires="));

    // The provider sends the browser back with its code and the state, percent-encoded.
    let query = format!(
        "code={}&state={}",
        "c0de%2F%2B%3D",
        percent_encoding::utf8_percent_encode(&state, percent_encoding::NON_ALPHANUMERIC)
    );
    let path = format!("/api/auth/oidc/mysso/redirect?{query}");
    let oauthstate = format!("oauthstate={cookie}");
    let back = send(&server, "GET", &path, &[("Cookie", &oauthstate)], "").await;
    assert_eq!(back.status, 307);
    assert_eq!(back.header("location"), Some("/"));
    let session = back.header("set-cookie").unwrap();
    assert!(
        session.starts_with("semaphore=") && session.ends_with("; Path=/"),
        "{session}"
    );
    let session = session.split(';').next().unwrap();
    let me = send(&server, "GET", "/api/user", &[("Cookie", session)], "").await;
    assert_eq!(me.status, 200);
    assert!(me.body.contains(r#""username":"alice""#), "{}", me.body);

    let log = format!("{:?}", server.requests());
    assert!(!log.contains("c0de"), "the log shows the code: {log}");
    assert!(!log.contains(&query), "the log shows the state: {log}");
    assert!(!format!("{server:?}").contains("c0de"));
}

#[tokio::test]
async fn every_failure_redirects_to_the_login_page() {
    let server = server().await;
    let unknown = send(&server, "GET", "/api/auth/oidc/nope/login", &[], "").await;
    assert_redirect_to_login(&unknown, "unknown provider");
    assert!(unknown.header("set-cookie").is_none());

    let (_, state, cookie) = start(&server, "mysso").await;
    let (_, other_state, _) = start(&server, "mysso").await;
    let oauthstate = format!("oauthstate={cookie}");
    let good_state = form_encode(&state);
    let cases = [
        (
            "mysso",
            format!("code=c0de%2F%2B%3D&state={good_state}"),
            None,
            "no oauthstate cookie",
        ),
        (
            "mysso",
            format!("code=c0de%2F%2B%3D&state={}", form_encode(&other_state)),
            Some(&oauthstate),
            "another state",
        ),
        (
            "mysso",
            "code=c0de%2F%2B%3D".to_owned(),
            Some(&oauthstate),
            "no state",
        ),
        (
            "mysso",
            format!("code=wrong&state={good_state}"),
            Some(&oauthstate),
            "wrong code",
        ),
        (
            "mysso",
            format!("state={good_state}"),
            Some(&oauthstate),
            "no code",
        ),
        (
            "plain",
            format!("code=c0de%2F%2B%3D&state={good_state}"),
            Some(&oauthstate),
            "no test code",
        ),
        (
            "nope",
            format!("code=c0de%2F%2B%3D&state={good_state}"),
            Some(&oauthstate),
            "unknown provider",
        ),
    ];
    for (provider, query, cookie, what) in cases {
        let path = format!("/api/auth/oidc/{provider}/redirect?{query}");
        let headers: Vec<(&str, &str)> = cookie.iter().map(|c| ("Cookie", c.as_str())).collect();
        let reply = send(&server, "GET", &path, &headers, "").await;
        assert_redirect_to_login(&reply, what);
    }
    // The same request with everything right does log in: the failures above were each one's.
    let path = format!("/api/auth/oidc/mysso/redirect?code=c0de%2F%2B%3D&state={good_state}");
    let reply = send(&server, "GET", &path, &[("Cookie", &oauthstate)], "").await;
    assert_eq!(reply.header("location"), Some("/"));
}

fn form_encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}
