//! Routing, login decoding, sessions and body limits, checked on the wire.

mod support;

use semaphore_api_testkit::{Credential, OidcProvider, StandIn};
use support::{login, send, session_cookie};

#[tokio::test]
async fn login_bodies_are_decoded_like_gos_json_decoder() {
    let server = StandIn::start().await.unwrap();
    for (body, status) in [
        // Keys match case-insensitively; the first JSON value is all that is read.
        (r#"{"AUTH":"admin","Password":"changeme"}"#, 204),
        (r#"{"auth":"admin","password":"changeme"} trailing"#, 204),
        (r#" {"auth":"Admin","password":"changeme"}"#, 204),
        // `null` fills nothing: an empty login, refused like `{}`.
        ("null", 401),
        (r#"{"auth":"admin","password":null}"#, 401),
        (r#"{"auth":"admin","password":"CHANGEME"}"#, 401),
        (r#"{"auth":"admin","password":"changeme""#, 400),
        ("   ", 400),
        (r#""admin""#, 400),
        (r#"{"auth":"admin","password":["changeme"]}"#, 400),
        (r#"{"auth":true,"password":"changeme"}"#, 400),
    ] {
        let reply = login(&server, body).await;
        assert_eq!(reply.status, status, "{body:?}");
        assert_eq!(reply.body, "", "{body:?}");
        assert_eq!(
            reply.header("set-cookie").is_some(),
            status == 204,
            "{body:?}"
        );
    }
}

#[tokio::test]
async fn login_metadata_lists_the_configured_providers() {
    let plain = StandIn::start().await.unwrap();
    let reply = send(&plain, "GET", "/api/auth/login", &[], "").await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.body,
        "{\"login_with_password\":true,\"oidc_providers\":[]}\n"
    );

    let server = StandIn::builder()
        .oidc_provider(OidcProvider::new("mysso", "MySSO"))
        .login_with_password(false)
        .start()
        .await
        .unwrap();
    let reply = send(&server, "GET", "/api/auth/login", &[], "").await;
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let metadata: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(
        metadata,
        serde_json::json!({
            "oidc_providers": [{"id": "mysso", "name": "MySSO", "color": "blue", "icon": "login"}],
            "login_with_password": false,
        })
    );
}

#[tokio::test]
async fn every_protected_route_refuses_a_missing_or_unknown_session() {
    let server = StandIn::start().await.unwrap();
    let routes = [
        ("GET", "/api/user"),
        ("GET", "/api/user/tokens"),
        ("POST", "/api/user/tokens"),
        ("DELETE", "/api/user/tokens/abc"),
        ("GET", "/api/projects"),
        ("POST", "/api/projects"),
        ("GET", "/api/project/1"),
        ("GET", "/api/project/1/templates"),
        ("POST", "/api/project/1/templates"),
        ("GET", "/api/project/1/templates/1"),
        ("GET", "/api/project/1/keys"),
    ];
    for cookie in [None, Some("semaphore=forged")] {
        for (method, path) in routes {
            let headers: Vec<(&str, &str)> = cookie.iter().map(|c| ("Cookie", *c)).collect();
            let reply = send(&server, method, path, &headers, "{}").await;
            assert_eq!(reply.status, 401, "{method} {path} {cookie:?}");
            assert_eq!(reply.body, "", "{method} {path}");
            assert_eq!(reply.header("content-type"), Some("application/json"));
            let expected = match cookie {
                None => Credential::None,
                Some(_) => Credential::Cookie { valid: false },
            };
            assert_eq!(server.requests().pop().unwrap().credential, expected);
        }
    }
    assert!(server.requests().iter().all(|r| r.status == 401));
}

#[tokio::test]
async fn wrong_methods_are_404_before_authentication_but_405_on_the_last_subrouter() {
    let server = StandIn::start().await.unwrap();
    for (method, path) in [
        ("PUT", "/api/auth/login"),
        ("GET", "/api/auth/logout"),
        ("POST", "/api/auth/oidc/mysso/login"),
        ("DELETE", "/api/user/tokens"),
        ("GET", "/api/user/tokens/abc"),
        ("POST", "/api/project/1"),
        ("DELETE", "/api/projects"),
        ("PUT", "/api/project/1/templates"),
        ("HEAD", "/api/project/1/templates/1"),
        ("OPTIONS", "/api/user"),
        ("BREW", "/api/ping"),
    ] {
        let reply = send(&server, method, path, &[], "").await;
        assert_eq!(reply.status, 404, "{method} {path}");
        assert_eq!(
            reply.header("content-type"),
            Some("text/plain; charset=utf-8")
        );
        if method != "HEAD" {
            assert_eq!(reply.body, "Not Found\n", "{method} {path}");
        }
    }
    // A later `/api` subrouter clears mux's method mismatch, except after the last one.
    let reply = send(&server, "POST", "/api/project/1/users/1", &[], "").await;
    assert_eq!((reply.status, reply.body.as_str()), (405, ""));
    assert_eq!(reply.header("content-type"), None);
}

#[tokio::test]
async fn head_answers_like_get_without_a_body() {
    let server = StandIn::start().await.unwrap();
    let cookie = session_cookie(&server).await;
    for (path, status) in [
        ("/api/ping", 200),
        ("/api/user", 200),
        ("/api/projects", 200),
    ] {
        let reply = send(&server, "HEAD", path, &[("Cookie", &cookie)], "").await;
        assert_eq!((reply.status, reply.body.as_str()), (status, ""), "{path}");
    }
    let anonymous = send(&server, "HEAD", "/api/user", &[], "").await;
    assert_eq!(anonymous.status, 401);
}

#[tokio::test]
async fn routes_the_stand_in_does_not_model_are_501_after_authentication() {
    let server = StandIn::start().await.unwrap();
    let cookie = session_cookie(&server).await;
    let c = [("Cookie", cookie.as_str())];
    let created = send(&server, "POST", "/api/projects", &c, r#"{"name":"p"}"#).await;
    assert_eq!(created.status, 201);
    for (method, path, template) in [
        ("GET", "/api/apps", "/api/apps"),
        (
            "GET",
            "/api/project/1/views/1",
            "/api/project/{project_id}/views/{view_id}",
        ),
        (
            "PUT",
            "/api/project/1/schedules/1",
            "/api/project/{project_id}/schedules/{schedule_id}",
        ),
        (
            "GET",
            "/api/project/1/views",
            "/api/project/{project_id}/views",
        ),
        ("GET", "/api/users/1", "/api/users/{user_id}"),
    ] {
        let refused = send(&server, method, path, &[], "").await;
        assert_eq!(
            (refused.status, refused.body.as_str()),
            (401, ""),
            "{method} {path}"
        );
        let reply = send(&server, method, path, &c, "").await;
        assert_eq!(reply.status, 501, "{method} {path}");
        let expected = format!(
            "{{\"error\":\"not modelled by the stand-in: {method} {template}; a test scripts its answer with StandIn::script_route(\\\"{method}\\\", \\\"{template}\\\", status, body)\"}}\n"
        );
        assert_eq!(reply.body, expected);
    }
    // The project checks still come first, as every project route runs them.
    let missing = send(&server, "GET", "/api/project/9/views/1", &c, "").await;
    assert_eq!(
        missing.status, 400,
        "an administrator's missing project, on SQL"
    );
    // Webhooks and runners authenticate their own way.
    let hook = send(&server, "POST", "/api/integrations/alias", &[], "").await;
    assert_eq!(hook.status, 501);
}

#[tokio::test]
async fn paths_are_decoded_cropped_then_cleaned() {
    let server = StandIn::start().await.unwrap();
    let cookie = session_cookie(&server).await;
    let with_cookie = [("Cookie", cookie.as_str())];
    let created = send(&server, "POST", "/api/projects", &with_cookie, "{}").await;
    assert_eq!(created.status, 201);
    for (method, path, status) in [
        ("GET", "/api/user/%74okens", 200),
        // One trailing slash is cropped before routing.
        ("GET", "/api/user/tokens/", 200),
        ("GET", "/api/project/1/", 200),
        ("GET", "/api/projects/", 200),
        ("DELETE", "/api/user/tokens/", 404),
        ("GET", "/api/projects//", 404),
        // `%2F` is a separator once decoded: no route has that many segments.
        ("DELETE", "/api/user/tokens/a%2Fb", 404),
        // An unknown token id on an SQL backend: 204.
        ("DELETE", "/api/user/tokens/a%3D", 204),
        ("GET", "/api", 404),
        ("GET", "/api/", 404),
        ("GET", "/apis/user", 404),
    ] {
        let reply = send(&server, method, path, &with_cookie, "").await;
        assert_eq!(reply.status, status, "{method} {path}");
        if status == 404 {
            assert_eq!(reply.body, "Not Found\n", "{method} {path}");
        }
    }
    for (path, location) in [
        ("/api/user//tokens", "/api/user/tokens"),
        ("/api/./user?x=1", "/api/user?x=1"),
        ("/api/project/1/../2", "/api/project/2"),
    ] {
        let reply = send(&server, "GET", path, &[], "").await;
        assert_eq!(reply.status, 301, "{path}");
        assert_eq!(reply.header("location"), Some(location), "{path}");
        assert_eq!(
            (reply.body.as_str(), reply.header("content-type")),
            ("", None)
        );
    }
    let broken = send(&server, "GET", "/api/us%zzer", &[], "").await;
    assert_eq!(
        (broken.status, broken.body.as_str()),
        (400, "400 Bad Request")
    );
}

#[tokio::test]
async fn an_oversized_body_is_413_and_changes_nothing() {
    let server = StandIn::start().await.unwrap();
    let cookie = session_cookie(&server).await;
    let huge = "x".repeat(1024 * 1024 + 1);
    for (method, path) in [
        ("POST", "/api/user/tokens"),
        ("POST", "/api/projects"),
        ("GET", "/api/user/tokens"),
    ] {
        let reply = send(&server, method, path, &[("Cookie", &cookie)], &huge).await;
        assert_eq!(reply.status, 413, "{method} {path}");
        let logged = server.requests().pop().unwrap();
        assert_eq!(
            (logged.status, logged.credential),
            (413, Credential::Cookie { valid: true })
        );
    }
    let tokens = send(
        &server,
        "GET",
        "/api/user/tokens",
        &[("Cookie", &cookie)],
        "",
    )
    .await;
    assert_eq!(tokens.body, "[]\n", "a refused body created a token");
    let at_limit = "x".repeat(1024 * 1024);
    let reply = send(
        &server,
        "POST",
        "/api/user/tokens",
        &[("Cookie", &cookie)],
        &at_limit,
    )
    .await;
    assert_eq!(reply.status, 201, "the token route does not read its body");
}

#[tokio::test]
async fn sessions_outlive_logout_but_not_expire_sessions() {
    let server = StandIn::start().await.unwrap();
    let cookie = session_cookie(&server).await;
    let logout = send(
        &server,
        "POST",
        "/api/auth/logout",
        &[("Cookie", &cookie)],
        "",
    )
    .await;
    assert_eq!(logout.status, 204);
    assert_eq!(
        logout.header("set-cookie"),
        Some("semaphore=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT")
    );
    assert_eq!(logout.header("content-type"), Some("application/json"));
    let me = send(&server, "GET", "/api/user", &[("Cookie", &cookie)], "").await;
    assert_eq!(
        me.status, 200,
        "the real server keeps the session after logout"
    );
    let user: serde_json::Value = serde_json::from_str(&me.body).unwrap();
    assert_eq!(
        (user["username"].as_str(), user["admin"].as_bool()),
        (Some("admin"), Some(true))
    );

    let token = send(
        &server,
        "POST",
        "/api/user/tokens",
        &[("Cookie", &cookie)],
        "",
    )
    .await;
    let token: serde_json::Value = serde_json::from_str(&token.body).unwrap();
    let bearer = format!("Bearer {}", token["id"].as_str().unwrap());

    server.expire_sessions();
    let me = send(&server, "GET", "/api/user", &[("Cookie", &cookie)], "").await;
    assert_eq!(me.status, 401);
    let me = send(
        &server,
        "GET",
        "/api/user",
        &[("Authorization", &bearer)],
        "",
    )
    .await;
    assert_eq!(me.status, 200, "tokens outlive sessions");
}

#[tokio::test]
async fn tokens_are_per_user_and_bolt_db_differs() {
    let server = StandIn::builder()
        .user(semaphore_api_testkit::User::new(
            "bob",
            "bob@example.com",
            "pw",
            false,
        ))
        .start()
        .await
        .unwrap();
    let admin = session_cookie(&server).await;
    let bob = login(&server, r#"{"auth":"BOB","password":"pw"}"#).await;
    let bob = bob
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let created = send(
        &server,
        "POST",
        "/api/user/tokens",
        &[("Cookie", &admin)],
        "",
    )
    .await;
    assert_eq!(created.status, 201);
    let token: serde_json::Value = serde_json::from_str(&created.body).unwrap();
    let created_at = token["created"].as_str().unwrap();
    assert!(
        created_at.len() == 20 && created_at.ends_with('Z') && !created_at.starts_with("0001"),
        "{created_at}"
    );
    assert_eq!(
        (token["expired"].as_bool(), token["user_id"].as_i64()),
        (Some(false), Some(1))
    );
    let id = token["id"].as_str().unwrap();

    let listed = send(&server, "GET", "/api/user/tokens", &[("Cookie", &bob)], "").await;
    assert_eq!(listed.body, "[]\n");
    let path = format!("/api/user/tokens/{id}");
    let steal = send(&server, "DELETE", &path, &[("Cookie", &bob)], "").await;
    assert_eq!(steal.status, 204, "an unknown id is a 204 on SQL backends");
    let listed = send(
        &server,
        "GET",
        "/api/user/tokens",
        &[("Cookie", &admin)],
        "",
    )
    .await;
    assert!(
        listed.body.contains(r#""expired":false"#),
        "{}",
        listed.body
    );

    let bolt = StandIn::builder()
        .bolt_db_backend(true)
        .start()
        .await
        .unwrap();
    let cookie = session_cookie(&bolt).await;
    let created = send(
        &bolt,
        "POST",
        "/api/user/tokens",
        &[("Cookie", &cookie)],
        "",
    )
    .await;
    assert!(
        created.body.contains(r#""created":"0001-01-01T00:00:00Z""#),
        "{}",
        created.body
    );
    let unknown = send(
        &bolt,
        "DELETE",
        "/api/user/tokens/nope",
        &[("Cookie", &cookie)],
        "",
    )
    .await;
    assert_eq!((unknown.status, unknown.body.as_str()), (404, ""));
    assert_eq!(unknown.header("content-type"), Some("application/json"));
}
