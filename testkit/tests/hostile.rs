//! Bytes no client should send: each gets an answer (a panic would close the connection
//! without one), and the server keeps serving.

mod support;

use semaphore_api_testkit::{Credential, StandIn};
use support::{send, send_raw, session_cookie};

fn request(method: &str, path: &[u8], headers: &[&[u8]], body: &[u8]) -> Vec<u8> {
    let mut raw = format!("{method} ").into_bytes();
    raw.extend_from_slice(path);
    raw.extend_from_slice(b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
    for header in headers {
        raw.extend_from_slice(header);
        raw.extend_from_slice(b"\r\n");
    }
    raw.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    raw.extend_from_slice(body);
    raw
}

#[tokio::test]
async fn every_hostile_request_gets_an_answer() {
    let server = StandIn::start().await.unwrap();
    let cookie = session_cookie(&server).await;
    let cookie_header = format!("Cookie: {cookie}").into_bytes();
    let project = send(
        &server,
        "POST",
        "/api/projects",
        &[("Cookie", &cookie)],
        "{}",
    )
    .await;
    assert_eq!(project.status, 201);
    let deep = "[".repeat(100_000);
    let long_path = format!("/api/{}", "a/".repeat(10_000));
    let too_long_path = format!("/api/{}", "a/".repeat(50_000));
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        ("bad UTF-8 in a bearer token", request("GET", b"/api/user", &[b"Authorization: Bearer \xff\xfe"], b""), 401),
        ("bad UTF-8 in the cookie", request("GET", b"/api/user", &[b"Cookie: semaphore=\xff"], b""), 401),
        ("bad UTF-8, percent-encoded, in a token id", request("DELETE", b"/api/user/tokens/%ff%fe%00", &[&cookie_header], b""), 204),
        ("a broken percent escape", request("GET", b"/api/%zz", &[], b""), 400),
        ("an unknown method", request("BREW", b"/api/ping", &[], b""), 404),
        ("a path of 10,000 segments", request("GET", long_path.as_bytes(), &[], b""), 404),
        ("a path of 100 KB (hyper's limit is 64 KiB)", request("GET", too_long_path.as_bytes(), &[], b""), 414),
        ("JSON nested 100,000 deep", request("POST", b"/api/auth/login", &[], deep.as_bytes()), 400),
        ("bad UTF-8 in a JSON string", request("POST", b"/api/auth/login", &[], b"{\"auth\":\"adm\xffin\",\"password\":\"x\"}"), 401),
        ("bad UTF-8 outside JSON strings", request("POST", b"/api/auth/login", &[], b"{\"auth\":\xff}"), 400),
        ("a NUL in the body", request("POST", b"/api/auth/login", &[], b"{\"auth\":\"admin\0\"}"), 400),
        ("a project that is not an object", request("POST", b"/api/projects", &[&cookie_header], b"[1,2]"), 400),
        ("a project with a number for a name", request("POST", b"/api/projects", &[&cookie_header], b"{\"name\":7}"), 400),
        ("a template of a project id past i64", request("GET", b"/api/project/99999999999999999999999/templates", &[&cookie_header], b""), 400),
        ("a query of bad escapes", request("GET", b"/api/project/1/templates?sort=%ff&order=%", &[&cookie_header], b""), 200),
        ("a template that is not an object", request("POST", b"/api/project/1/templates", &[&cookie_header], b"[{}]"), 400),
        ("a template with a vault of the wrong type", request("POST", b"/api/project/1/templates", &[&cookie_header], b"{\"vaults\":[7]}"), 400),
        ("an OIDC redirect with a bad query", request("GET", b"/api/auth/oidc/x/redirect?&&=&state", &[b"Cookie: oauthstate="], b""), 307),
        ("a body shorter than its Content-Length", b"POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{}".to_vec(), 413),
        ("a broken chunk", b"POST /api/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n".to_vec(), 413),
        ("not HTTP at all", b"\xff\xfe\x00garbage\r\n\r\n".to_vec(), 400),
        ("bad UTF-8 in the path", b"GET /api/\xff HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(), 400),
    ];
    for (what, raw, status) in &cases {
        let reply = send_raw(&server, raw).await;
        let reply = reply.unwrap_or_else(|| panic!("{what}: closed without an answer"));
        assert_eq!(reply.status, *status, "{what}: {}", reply.body);
    }
    // Nothing above broke the server, its state or its log.
    let ping = send(&server, "GET", "/api/ping", &[], "").await;
    assert_eq!((ping.status, ping.body.as_str()), (200, "pong"));
    let me = send(&server, "GET", "/api/user", &[("Cookie", &cookie)], "").await;
    assert_eq!(me.status, 200);
    let bearer = server
        .requests()
        .iter()
        .find(|r| r.path == "/api/user")
        .unwrap()
        .credential;
    assert_eq!(bearer, Credential::Bearer { valid: false });
}

#[tokio::test]
async fn pipelined_and_abandoned_connections() {
    let server = StandIn::start().await.unwrap();
    // Three requests in one write, answered in order on one connection.
    let raw = b"GET /api/ping HTTP/1.1\r\nHost: x\r\n\r\nGET /api/nope HTTP/1.1\r\nHost: x\r\n\r\nGET /api/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let mut socket = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
    tokio::io::AsyncWriteExt::write_all(&mut socket, raw)
        .await
        .unwrap();
    let mut reply = Vec::new();
    tokio::io::AsyncReadExt::read_to_end(&mut socket, &mut reply)
        .await
        .unwrap();
    let reply = String::from_utf8(reply).unwrap();
    let statuses: Vec<&str> = reply
        .match_indices("HTTP/1.1 ")
        .map(|(at, _)| &reply[at + 9..at + 12])
        .collect();
    assert_eq!(statuses, ["200", "404", "200"]);

    // Connections closed before, or in the middle of, a request.
    drop(tokio::net::TcpStream::connect(server.addr()).await.unwrap());
    let mut half = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
    tokio::io::AsyncWriteExt::write_all(&mut half, b"POST /api/auth/login HTTP/1.1\r\nContent-Le")
        .await
        .unwrap();
    drop(half);
    let ping = send(&server, "GET", "/api/ping", &[], "").await;
    assert_eq!(ping.status, 200);
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        ["/api/ping", "/api/nope", "/api/auth/login", "/api/ping"]
    );
}
