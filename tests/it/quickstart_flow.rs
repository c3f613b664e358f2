//! The README's main job, `cargo run --example quickstart`, run against the stand-in: every
//! step happens, with the credentials each step should send.

use semaphore_api::testkit::{Credential, DEFAULT_PASSWORD, DEFAULT_USER, StandIn};
use semaphore_api_examples::auth_flow::auth_flow;

#[tokio::test]
async fn the_quickstart_flow_runs_against_the_stand_in() {
    let server = StandIn::start().await.unwrap();
    let mut lines = Vec::new();
    auth_flow(&server.url(), DEFAULT_USER, DEFAULT_PASSWORD, |line| {
        lines.push(line)
    })
    .await
    .unwrap();
    assert_eq!(lines.len(), 6, "{lines:#?}");
    assert!(lines[1].starts_with("logged in as admin"));
    assert_eq!(lines[3], "with the token alone: 1 tokens listed, 1 active");
    assert_eq!(lines[4], "expired the token: it is listed as expired");
    assert_eq!(
        lines[5],
        "logged out: the client dropped its session cookie"
    );

    let steps: Vec<(String, String, Credential)> = server
        .requests()
        .into_iter()
        .map(|r| (r.method, r.path, r.credential))
        .collect();
    let cookie = Credential::Cookie { valid: true };
    let expected = [
        ("GET", "/api/auth/login", Credential::None),
        ("POST", "/api/auth/login", Credential::None),
        ("POST", "/api/user/tokens", cookie),
        (
            "GET",
            "/api/user/tokens",
            Credential::Bearer { valid: true },
        ),
        ("DELETE", "", cookie),
        ("GET", "/api/user/tokens", cookie),
        // the server reads no credentials on logout, so none are sent
        ("POST", "/api/auth/logout", Credential::None),
    ];
    assert_eq!(steps.len(), expected.len(), "{steps:#?}");
    for ((method, path, credential), (want_method, want_path, want_credential)) in
        steps.iter().zip(expected)
    {
        assert_eq!(
            (method.as_str(), *credential),
            (want_method, want_credential),
            "{path}"
        );
        if want_path.is_empty() {
            assert!(
                path.starts_with("/api/user/tokens/") && path.ends_with("%3D"),
                "{path}"
            );
        } else {
            assert_eq!(path, want_path);
        }
    }
}

#[tokio::test]
async fn a_wrong_password_stops_the_flow_with_a_401() {
    let server = StandIn::start().await.unwrap();
    let err = auth_flow(&server.url(), DEFAULT_USER, "wrong", |_| {})
        .await
        .unwrap_err();
    assert!(err.to_string().contains("401"), "{err}");
    assert!(!err.to_string().contains("wrong"));
}
