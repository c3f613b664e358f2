//! What bounds a long-running stand-in: the request log, the sessions, the connections served
//! at once, and how long a connection may take to send a request's head.

mod support;

use std::time::Duration;

use semaphore_api_testkit::{DEFAULT_PASSWORD, DEFAULT_USER, StandIn};
use support::{call, cookie_of, send};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A guard against a hang (a broken limit must fail the test, not stall it), far above what
/// each step takes.
const HANG: Duration = Duration::from_secs(60);

#[tokio::test]
async fn the_log_keeps_the_latest_requests_and_cuts_long_paths() {
    let server = StandIn::builder().log_limit(10).start().await.unwrap();
    for i in 0..25 {
        send(&server, "GET", &format!("/api/ping?n={i}"), &[], "").await;
    }
    let log = server.requests();
    assert_eq!(log.len(), 10);
    let queries: Vec<_> = log.iter().map(|r| r.query.clone().unwrap()).collect();
    assert_eq!(queries.first().map(String::as_str), Some("n=15"));
    assert_eq!(queries.last().map(String::as_str), Some("n=24"));

    let long = format!("/api/{}", "a".repeat(10_000));
    send(&server, "GET", &long, &[], "").await;
    let logged = server.requests().pop().unwrap();
    assert_eq!(logged.path.len(), 1024, "a long path is cut");
    assert!(long.starts_with(&logged.path));
}

#[tokio::test]
async fn a_login_past_the_session_limit_ends_the_oldest_session() {
    let server = StandIn::builder().max_sessions(3).start().await.unwrap();
    let mut cookies = Vec::new();
    for _ in 0..4 {
        cookies.push(cookie_of(&server, DEFAULT_USER, DEFAULT_PASSWORD).await);
    }
    assert_eq!(
        call(&server, &cookies[0], "GET", "/api/user", "")
            .await
            .status,
        401
    );
    for cookie in &cookies[1..] {
        assert_eq!(
            call(&server, cookie, "GET", "/api/user", "").await.status,
            200
        );
    }
}

#[tokio::test]
async fn a_connection_past_the_limit_waits_until_one_closes() {
    let server = StandIn::builder().max_connections(2).start().await.unwrap();
    // two idle connections take both places
    let first = TcpStream::connect(server.addr()).await.unwrap();
    let second = TcpStream::connect(server.addr()).await.unwrap();
    let mut third = TcpStream::connect(server.addr()).await.unwrap();
    third
        .write_all(b"GET /api/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut byte = [0u8; 1];
    let waited = tokio::time::timeout(Duration::from_millis(300), third.read(&mut byte)).await;
    assert!(
        waited.is_err(),
        "the third connection was served while two were open"
    );

    drop(first);
    let mut answer = String::new();
    tokio::time::timeout(HANG, third.read_to_string(&mut answer))
        .await
        .expect("served once a place was free")
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    drop(second);
}

#[tokio::test]
async fn a_connection_slow_to_send_its_head_is_closed() {
    let server = StandIn::builder()
        .header_read_timeout(Duration::from_millis(200))
        .start()
        .await
        .unwrap();
    let mut socket = TcpStream::connect(server.addr()).await.unwrap();
    socket
        .write_all(b"GET /api/ping HTTP/1.1\r\nHo")
        .await
        .unwrap();
    let mut rest = Vec::new();
    let read = tokio::time::timeout(HANG, socket.read_to_end(&mut rest))
        .await
        .expect("the server closed the connection");
    // hyper answers 408 or just closes; either way nothing is served and the socket ends
    assert!(read.is_ok() || read.is_err());
    assert!(
        !String::from_utf8_lossy(&rest).contains("200 OK"),
        "{rest:?}"
    );
}
