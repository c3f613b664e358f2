//! Load: one `Client` shared by 1,000 concurrent tasks against a keep-alive server on
//! 127.0.0.1. Every call succeeds, the session cookie set by the one login is sent by every
//! task, and connections are reused (the server counts the ones it accepted).
//!
//! Bounded: three waves of 1,000 tasks (7,000 calls), loopback only, under a 60 s guard.
//!
//! The client lets `DEFAULT_MAX_IN_FLIGHT` (32) calls out at once, so the test needs about
//! 2 x 40 file descriptors (both ends of each connection) whatever the machine's open-file
//! limit: it passes under `ulimit -n 1024`, where 1,000 calls in flight at once failed
//! (333 of them "could not connect" when the client had no limit).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use semaphore_api::testkit::scripted::{Reply, ScriptedServer, response};
use semaphore_api::{AuthenticationApi, Client, DEFAULT_MAX_IN_FLIGHT, Login};

const TASKS: usize = 1_000;
const CALLS_PER_TASK: usize = 5;
const COOKIE: &str = "load-session-0042";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_client_shared_by_a_thousand_tasks() {
    let logins = Arc::new(AtomicUsize::new(0));
    let unauthorized = Arc::new(AtomicUsize::new(0));
    let server = ScriptedServer::start({
        let logins = logins.clone();
        let unauthorized = unauthorized.clone();
        move |request| {
            let json = [("Content-Type", "application/json")];
            let reply = match (request.method.as_str(), request.path()) {
                ("POST", "/api/auth/login") => {
                    logins.fetch_add(1, Ordering::SeqCst);
                    let cookie = format!("semaphore={COOKIE}; Path=/");
                    response("204 No Content", &[("Set-Cookie", &cookie)], b"")
                }
                ("GET", "/api/user/tokens")
                    if request.header("cookie") == Some(&format!("semaphore={COOKIE}")) =>
                {
                    response(
                        "200 OK",
                        &json,
                        br#"[{"id":"t","created":"2024-10-25T10:11:12Z","expired":false,"user_id":1}]"#,
                    )
                }
                _ => {
                    unauthorized.fetch_add(1, Ordering::SeqCst);
                    response("401 Unauthorized", &json, b"")
                }
            };
            Reply::keep_alive(reply)
        }
    })
    .await;

    let run = async {
        // Wave 1: 1,000 tasks at once, each with its call in flight at the same time.
        let client = login(&server.base_url).await;
        let before = server.accepted();
        wave(&client, TASKS, 1, None).await;
        let burst = server.accepted() - before;
        // Wave 2: 1,000 tasks at once again, on the connections wave 1 left in the pool.
        let before = server.accepted();
        wave(&client, TASKS, 1, None).await;
        let again = server.accepted() - before;
        // Wave 3: a fresh client, 1,000 tasks x 5 calls, at most 32 in flight (a semaphore, as
        // a service bounds its concurrency).
        let client = login(&server.base_url).await;
        let before = server.accepted();
        wave(&client, TASKS, CALLS_PER_TASK, Some(BOUND)).await;
        let bounded = server.accepted() - before;
        (burst, again, bounded)
    };
    let (burst, again, bounded) = tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .expect("the load test hung");

    let calls = 2 * TASKS + TASKS * CALLS_PER_TASK;
    println!(
        "{} requests ({calls} calls, 2 logins) by 1 client per wave: wave 1 ({TASKS} tasks x 1 call, all in flight): {burst} connections; \
         wave 2 (same again): {again} new connections; wave 3 (new client, {TASKS} tasks x {CALLS_PER_TASK} calls, {BOUND} in flight): {bounded} connections",
        server.requests().len(),
    );
    assert_eq!(logins.load(Ordering::SeqCst), 2);
    assert_eq!(
        unauthorized.load(Ordering::SeqCst),
        0,
        "a task lacked the cookie"
    );
    assert_eq!(server.requests().len(), calls + 2);
    // HTTP/1.1 needs a connection per call in flight, and the client lets 32 out at once.
    // hyper's pool may still race a new connection against an idle one coming back; the
    // pool keeps at most 32 idle, so the spares are closed (32 to 41 per wave seen).
    let limit = 4 * DEFAULT_MAX_IN_FLIGHT;
    assert!(burst <= limit, "wave 1 opened {burst} connections");
    assert!(again <= limit, "wave 2 opened {again} connections");
    assert!(bounded <= limit, "wave 3 opened {bounded} connections");
}

const BOUND: usize = 32;

async fn login(base_url: &str) -> Client {
    let client = Client::new(base_url).unwrap();
    client
        .auth_login_post(&Login::new("admin", "changeme"))
        .await
        .unwrap();
    assert!(client.has_session());
    client
}

/// `tasks` tasks sharing `client`, each making `calls` calls; every call must succeed.
async fn wave(client: &Client, tasks: usize, calls: usize, bound: Option<usize>) {
    let permits = Arc::new(tokio::sync::Semaphore::new(bound.unwrap_or(tasks)));
    let handles: Vec<tokio::task::JoinHandle<semaphore_api::Result<()>>> = (0..tasks)
        .map(|_| {
            let client = client.clone();
            let permits = permits.clone();
            tokio::spawn(async move {
                for _ in 0..calls {
                    let _permit = permits.acquire().await.unwrap();
                    let tokens = client.user_tokens_get().await?;
                    assert_eq!(tokens.len(), 1);
                }
                Ok(())
            })
        })
        .collect();
    let mut failures: Vec<String> = Vec::new();
    for handle in handles {
        if let Err(e) = handle.await.unwrap() {
            failures.push(e.to_string());
        }
    }
    assert!(
        failures.is_empty(),
        "{} calls failed, first: {}",
        failures.len(),
        failures[0]
    );
}
