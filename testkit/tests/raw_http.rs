//! The stand-in's answers to requests the client would never send, checked on the wire.

use semaphore_api_testkit::{Credential, StandIn};
use tokio::net::TcpStream;

mod support;

use support::{login, send, session_cookie};

#[tokio::test]
async fn login_answers_like_the_real_server() {
    let server = StandIn::start().await.unwrap();
    let ok = login(
        &server,
        r#"{"auth":"ADMIN@example.com","password":"changeme"}"#,
    )
    .await;
    assert_eq!(ok.status, 204);
    assert_eq!(ok.header("content-type"), Some("application/json"));
    let cookie = ok.header("set-cookie").unwrap();
    assert!(
        cookie.starts_with("semaphore=") && cookie.ends_with("; Path=/"),
        "{cookie}"
    );
    assert_eq!(ok.body, "");
    for (body, status) in [
        (r#"{"auth":"admin","password":"wrong"}"#, 401),
        (r#"{"auth":"nobody","password":"changeme"}"#, 401),
        ("{}", 401),
        (r#"{"auth":"admin"}"#, 401),
        ("", 400),
        ("{not json", 400),
        (r#"{"auth":1,"password":"changeme"}"#, 400),
        ("[]", 400),
    ] {
        let reply = login(&server, body).await;
        assert_eq!(reply.status, status, "{body:?}");
        assert_eq!(reply.body, "", "{body:?}");
        assert_eq!(reply.header("content-type"), Some("application/json"));
        assert!(reply.header("set-cookie").is_none());
    }
}

#[tokio::test]
async fn bearer_header_rules() {
    let server = StandIn::start().await.unwrap();
    let cookie = session_cookie(&server).await;
    let created = send(
        &server,
        "POST",
        "/api/user/tokens",
        &[("Cookie", &cookie)],
        "",
    )
    .await;
    assert_eq!(created.status, 201);
    let token: serde_json::Value = serde_json::from_str(&created.body).unwrap();
    let id = token["id"].as_str().unwrap().to_owned();
    assert!(created.body.ends_with('\n'));
    assert_eq!(id.len(), 44);

    let bearer = |valid| Credential::Bearer { valid };
    // (Authorization, whether the session cookie is sent too, status, logged credential)
    let cases = [
        (format!("Bearer {id}"), true, 200, bearer(true)),
        (format!("bEaReR {id}"), false, 200, bearer(true)),
        // A header holding `bearer` is read as a token: the valid cookie is ignored.
        ("Bearer nope".to_owned(), true, 401, bearer(false)),
        (format!("Bearer  {id}"), true, 401, bearer(false)),
        (format!("{id} bearer "), false, 401, bearer(false)),
        // Without `bearer` the header is not read: the cookie alone decides.
        (id.clone(), false, 401, bearer(false)),
        (id.clone(), true, 200, Credential::Cookie { valid: true }),
        (
            format!("Basic {id}"),
            true,
            200,
            Credential::Cookie { valid: true },
        ),
        (String::new(), false, 401, Credential::None),
    ];
    for (header, with_cookie, status, logged) in &cases {
        let mut headers = vec![("Authorization", header.as_str())];
        if *with_cookie {
            headers.push(("Cookie", &cookie));
        }
        let reply = send(&server, "GET", "/api/user/tokens", &headers, "").await;
        assert_eq!(reply.status, *status, "{header:?} cookie: {with_cookie}");
        if *status == 401 {
            assert_eq!(reply.body, "");
            assert_eq!(reply.header("content-type"), Some("application/json"));
        }
        let last = server.requests().pop().unwrap();
        assert_eq!(last.credential, *logged, "{header:?} cookie: {with_cookie}");
    }

    // An expired token is refused, and still listed.
    let expire = send(
        &server,
        "DELETE",
        &format!("/api/user/tokens/{id}"),
        &[("Cookie", &cookie)],
        "",
    )
    .await;
    assert_eq!(expire.status, 204);
    let auth = format!("Bearer {id}");
    let refused = send(&server, "GET", "/api/user", &[("Authorization", &auth)], "").await;
    assert_eq!(refused.status, 401);
    let listed = send(
        &server,
        "GET",
        "/api/user/tokens",
        &[("Cookie", &cookie)],
        "",
    )
    .await;
    assert!(listed.body.contains(r#""expired":true"#), "{}", listed.body);

    let log = server.requests();
    assert!(!format!("{log:?}").contains(&id), "the log shows a token");
    assert!(
        log.iter()
            .any(|r| r.path == format!("/api/user/tokens/{id}"))
    );
}

/// Creates a token with the session, expires it, and says what `GET /api/user` then answers
/// to the token alone.
async fn status_with_an_expired_token(server: &StandIn) -> u16 {
    let cookie = session_cookie(server).await;
    let created = send(
        server,
        "POST",
        "/api/user/tokens",
        &[("Cookie", &cookie)],
        "",
    )
    .await;
    let token: serde_json::Value = serde_json::from_str(&created.body).unwrap();
    let id = token["id"].as_str().unwrap();
    let path = format!("/api/user/tokens/{id}");
    let expired = send(server, "DELETE", &path, &[("Cookie", &cookie)], "").await;
    assert_eq!(expired.status, 204);
    let listed = send(
        server,
        "GET",
        "/api/user/tokens",
        &[("Cookie", &cookie)],
        "",
    )
    .await;
    assert!(listed.body.contains(r#""expired":true"#), "{}", listed.body);
    let auth = format!("Bearer {id}");
    send(server, "GET", "/api/user", &[("Authorization", &auth)], "")
        .await
        .status
}

#[tokio::test]
async fn expired_tokens_are_refused_on_sql_but_not_on_bolt_db() {
    let sql = StandIn::start().await.unwrap();
    assert_eq!(status_with_an_expired_token(&sql).await, 401);
    let bolt = StandIn::builder()
        .bolt_db_backend(true)
        .start()
        .await
        .unwrap();
    assert_eq!(
        status_with_an_expired_token(&bolt).await,
        200,
        "BoltDB's GetAPIToken does not look at `expired`"
    );
    let logged = bolt.requests().pop().unwrap();
    assert_eq!(logged.credential, Credential::Bearer { valid: true });
}

#[tokio::test]
async fn unknown_paths_logout_and_limits() {
    let server = StandIn::start().await.unwrap();
    let missing = send(&server, "GET", "/api/nothing/here", &[], "").await;
    assert_eq!(
        (missing.status, missing.body.as_str()),
        (404, "Not Found\n")
    );
    // Outside `/api`, the web UI's page (any method), or one of its files.
    for method in ["GET", "POST"] {
        let page = send(&server, method, "/project/1/templates", &[], "").await;
        assert_eq!(page.status, 200, "{method}");
        assert!(
            page.header("content-type")
                .unwrap()
                .starts_with("text/html")
        );
        assert!(page.body.starts_with("<!DOCTYPE html>"));
    }
    let file = send(&server, "GET", "/favicon.ico", &[], "").await;
    assert_eq!(file.status, 404);
    let trailing = send(&server, "GET", "/api/user/", &[], "").await;
    assert_eq!(
        trailing.status, 401,
        "the real server crops one trailing slash before routing"
    );

    let logout = send(&server, "POST", "/api/auth/logout", &[], "").await;
    assert_eq!(logout.status, 204);
    assert!(
        logout
            .header("set-cookie")
            .unwrap()
            .starts_with("semaphore=; Path=/; Expires=")
    );

    let huge = "x".repeat(2 * 1024 * 1024);
    let reply = login(&server, &huge).await;
    assert_eq!(reply.status, 413);

    let ping = send(&server, "GET", "/api/ping", &[], "").await;
    assert_eq!((ping.status, ping.body.as_str()), (200, "pong"));
}

#[tokio::test]
async fn stops_when_dropped() {
    let server = StandIn::start().await.unwrap();
    let addr = server.addr();
    drop(server);
    tokio::task::yield_now().await;
    // The accept loop ends when the runtime next polls it; give it up to 200 turns.
    let mut refused = false;
    for _ in 0..200 {
        if TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(refused, "still accepting after drop");
}

#[tokio::test]
async fn a_given_port_is_used_and_freed_on_drop() {
    let first = StandIn::start().await.unwrap();
    let port = first.addr().port();
    let taken = StandIn::builder().port(port).start().await;
    assert_eq!(
        taken.unwrap_err().kind(),
        std::io::ErrorKind::AddrInUse,
        "the port was not the one asked for"
    );
    drop(first);
    let mut second = None;
    for _ in 0..50 {
        tokio::task::yield_now().await;
        if let Ok(server) = StandIn::builder().port(port).start().await {
            second = Some(server);
            break;
        }
    }
    let second = second.expect("the port is still held after drop");
    assert_eq!(second.url(), format!("http://127.0.0.1:{port}/api"));
    let ping = send(&second, "GET", "/api/ping", &[], "").await;
    assert_eq!(ping.status, 200);
}
