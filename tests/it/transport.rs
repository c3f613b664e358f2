//! The client's transport over plain HTTP on 127.0.0.1: retries (which calls, which
//! failures, `Retry-After`, each retry in the trace), the span of each call, the limit on
//! calls in flight, the read timeout, the warning for credentials over plain http, and
//! explicit proxies.

use crate::support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use semaphore_api::ErrorKind;
use semaphore_api::testkit::scripted;
use semaphore_api::testkit::scripted::{Reply, ScriptedServer, Then, head, response};
use semaphore_api::{
    AuthenticationApi, Client, DEFAULT_MAX_IN_FLIGHT, Error, Login, Result, Retry, semaphore_api,
};
use support::capture_trace;

const TOKENS: &str = r#"[{"id":"t","created":"2024-10-25T10:11:12Z","expired":false,"user_id":1}]"#;

/// A retry policy with short waits, for tests.
fn quick_retry() -> Retry {
    Retry::new()
        .max_retries(3)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(40))
        .max_retry_after(Duration::from_secs(2))
}

/// A server that answers the first `failures` requests with `failure` and the rest with 200.
async fn flaky(failures: usize, failure: &'static str) -> (ScriptedServer, Arc<AtomicUsize>) {
    let count = Arc::new(AtomicUsize::new(0));
    let server = ScriptedServer::start({
        let count = count.clone();
        move |_request| {
            let n = count.fetch_add(1, Ordering::SeqCst);
            let json = [("Content-Type", "application/json")];
            if n < failures {
                Reply::bytes(failure.as_bytes().to_vec())
            } else {
                Reply::keep_alive(response("200 OK", &json, TOKENS.as_bytes()))
            }
        }
    })
    .await;
    (server, count)
}

const UNAVAILABLE: &str = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n";

#[tokio::test]
async fn no_retry_unless_asked() {
    let (server, count) = flaky(1, UNAVAILABLE).await;
    let err = Client::new(&server.base_url)
        .unwrap()
        .user_tokens_get()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(count.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn an_idempotent_call_is_retried_on_each_retryable_status_and_each_retry_is_traced() {
    for status in [
        "429 Too Many Requests",
        "502 Bad Gateway",
        "503 Service Unavailable",
        "504 Gateway Timeout",
    ] {
        let failure: &'static str =
            format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n").leak();
        let (server, count) = flaky(2, failure).await;
        let (trace, guard) = capture_trace();
        let client = Client::builder(&server.base_url)
            .retry(quick_retry())
            .build()
            .unwrap();
        assert_eq!(client.user_tokens_get().await.unwrap().len(), 1, "{status}");
        drop(guard);
        assert_eq!(count.load(Ordering::SeqCst), 3, "{status}");
        let retries = trace.lines_with("retrying");
        assert_eq!(retries.len(), 2, "{status}: {}", trace.text());
        assert!(retries.iter().all(|l| l.contains("WARN")), "{retries:?}");
        let code = &status[..3];
        assert!(
            retries[0].contains(&format!("reason={code}")),
            "{}",
            retries[0]
        );
        assert!(retries[1].contains("attempt=3"), "{}", retries[1]);
        let closed = trace.lines_with("semaphore_api.call{");
        let close = closed.iter().find(|l| l.contains("close")).unwrap();
        assert!(close.contains("http.request.resend_count=2"), "{close}");
        assert!(close.contains("http.response.status_code=200"), "{close}");
    }
}

#[tokio::test]
async fn retries_stop_at_the_maximum_with_the_last_error() {
    let (server, count) = flaky(100, UNAVAILABLE).await;
    let client = Client::builder(&server.base_url)
        .retry(quick_retry().max_retries(2))
        .build()
        .unwrap();
    let err = client.user_tokens_get().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503), "{err:?}");
    assert_eq!(count.load(Ordering::SeqCst), 3);
}

#[semaphore_api]
pub trait Writes {
    #[post("/things")]
    async fn create_thing(&self) -> Result<()>;

    #[patch("/things")]
    async fn patch_thing(&self) -> Result<()>;

    #[put("/things")]
    async fn put_thing(&self) -> Result<()>;

    #[delete("/things")]
    async fn delete_thing(&self) -> Result<()>;
}

#[tokio::test]
async fn a_post_or_patch_that_reached_the_server_is_never_sent_again() {
    let client_for = |server: &ScriptedServer| {
        Client::builder(&server.base_url)
            .retry(quick_retry())
            .build()
            .unwrap()
    };
    // An answer: it got there.
    let (server, count) = flaky(1, UNAVAILABLE).await;
    let err = client_for(&server).create_thing().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(count.load(Ordering::SeqCst), 1);
    let (server, count) = flaky(1, UNAVAILABLE).await;
    client_for(&server).patch_thing().await.unwrap_err();
    assert_eq!(count.load(Ordering::SeqCst), 1);

    // The connection closed after the request was read: it may have been acted on.
    let server = ScriptedServer::always(Reply::Close).await;
    let client = Client::builder(&server.base_url)
        .retry(quick_retry())
        .build()
        .unwrap();
    assert!(matches!(
        client.create_thing().await.map_err(Error::into_kind),
        Err(ErrorKind::Transport { .. })
    ));
    assert_eq!(server.accepted(), 1);
    // The same failure for a PUT or DELETE: retried.
    client.put_thing().await.unwrap_err();
    assert_eq!(server.accepted(), 1 + 4);
    client.delete_thing().await.unwrap_err();
    assert_eq!(server.accepted(), 1 + 4 + 4);
}

/// The operations whose idempotence differs from their verb's, as read in the server's code:
/// a PUT that creates or appends each time it is sent, a POST that only sets a state.
const IDEMPOTENCE_DIFFERS: &[(&str, bool)] = &[
    ("apps_app_id_active_post", true),
    ("auth_logout_post", true),
    ("internal_runners_put", false),
    ("options_post", true),
    ("project_project_id_environment_environment_id_put", false),
    ("project_project_id_schedules_schedule_id_put", false),
    ("project_project_id_schedules_validate_post", true),
    ("project_project_id_tasks_task_id_confirm_post", true),
    ("project_project_id_templates_template_id_put", false),
    (
        "project_project_id_templates_template_id_stop_all_tasks_post",
        true,
    ),
    ("project_project_id_views_positions_post", true),
    ("runners_runner_id_active_post", true),
    ("users_user_id_password_post", true),
];

#[test]
fn the_endpoint_table_says_which_operations_may_be_sent_twice() {
    let differs: Vec<(&str, bool)> = {
        let mut d: Vec<_> = semaphore_api::apis::endpoints()
            .filter(|e| e.idempotent != e.method.is_idempotent())
            .map(|e| (e.name, e.idempotent))
            .collect();
        d.sort();
        d
    };
    assert_eq!(differs, IDEMPOTENCE_DIFFERS);
}

#[tokio::test]
async fn an_operation_that_is_not_idempotent_is_sent_once_when_the_connection_is_reset() {
    use semaphore_api::{
        EnvironmentId, EnvironmentRequest, InventoryId, InventoryRequest, InventoryType,
        ProjectApi, ProjectId, RunnerInternalApi, RunnerProgress, Secret, TaskId,
    };
    // Reads each request, then resets the connection: the request may have been acted on.
    let server = ScriptedServer::always(Reply::Send {
        bytes: Vec::new(),
        then: Then::Reset,
    })
    .await;
    let client = Client::builder(&server.base_url)
        .retry(quick_retry())
        .build()
        .unwrap();
    let sent = |before: usize| server.requests().len() - before;

    let before = server.requests().len();
    let err = client
        .project_project_id_environment_environment_id_put(
            ProjectId(1),
            EnvironmentId(2),
            &EnvironmentRequest::new("prod"),
        )
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Transport { .. }), "{err:?}");
    assert_eq!(
        sent(before),
        1,
        "an environment update: its secrets would be created twice"
    );

    let before = server.requests().len();
    client
        .internal_runners_put(&Secret::new("runner"), &RunnerProgress::default())
        .await
        .unwrap_err();
    assert_eq!(
        sent(before),
        1,
        "a runner's progress: its log lines would be stored twice"
    );

    // A PUT that is idempotent goes again, as does a POST marked #[idempotent].
    let before = server.requests().len();
    let inventory = InventoryRequest::new("web", InventoryType::Static, "web1");
    client
        .project_project_id_inventory_inventory_id_put(ProjectId(1), InventoryId(3), &inventory)
        .await
        .unwrap_err();
    assert_eq!(sent(before), 4);
    let before = server.requests().len();
    client
        .project_project_id_tasks_task_id_confirm_post(ProjectId(1), TaskId(4))
        .await
        .unwrap_err();
    assert_eq!(sent(before), 4);
}

#[tokio::test]
async fn a_connection_that_could_not_be_opened_is_retried_for_any_method() {
    let refused = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let (trace, _guard) = capture_trace();
    let client = Client::builder(format!("http://{refused}/api"))
        .retry(quick_retry())
        .build()
        .unwrap();
    let err = client.create_thing().await.unwrap_err();
    assert!(err.is_connect(), "{err:?}");
    assert_eq!(trace.lines_with("retrying").len(), 3, "{}", trace.text());
    assert!(trace.lines_with("retrying")[0].contains("reason=transport"));
}

/// `Retry-After: <value>` on a 503, then 200.
async fn asks_to_wait(value: &str) -> (ScriptedServer, Arc<AtomicUsize>) {
    let failure: &'static str = format!(
        "HTTP/1.1 503 Service Unavailable\r\nRetry-After: {value}\r\nContent-Length: 0\r\n\r\n"
    )
    .leak();
    flaky(1, failure).await
}

fn delay_ms(line: &str) -> u64 {
    let at = line.find("delay_ms=").expect("a delay") + "delay_ms=".len();
    line[at..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn retry_after_is_honoured_in_seconds_and_as_a_date_up_to_the_cap() {
    // Seconds.
    let (server, count) = asks_to_wait("1").await;
    let (trace, guard) = capture_trace();
    let client = Client::builder(&server.base_url)
        .retry(quick_retry())
        .build()
        .unwrap();
    let started = Instant::now();
    client.user_tokens_get().await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1));
    drop(guard);
    assert_eq!(count.load(Ordering::SeqCst), 2);
    let retry = &trace.lines_with("retrying")[0];
    assert_eq!(delay_ms(retry), 1000, "{retry}");
    assert!(retry.contains("retry_after=true"), "{retry}");

    // An HTTP date 2 s ahead (dates have whole seconds: the wait is 1 to 2 s).
    let at = SystemTime::now() + Duration::from_secs(2);
    let (server, count) = asks_to_wait(&http_date(at)).await;
    let (trace, guard) = capture_trace();
    let client = Client::builder(&server.base_url)
        .retry(quick_retry())
        .build()
        .unwrap();
    client.user_tokens_get().await.unwrap();
    drop(guard);
    assert_eq!(count.load(Ordering::SeqCst), 2);
    let waited = delay_ms(&trace.lines_with("retrying")[0]);
    assert!((900..=2000).contains(&waited), "{waited} ms");

    // More than the cap (2 s here): no retry, the answer's error at once.
    let (server, count) = asks_to_wait("3600").await;
    let (trace, guard) = capture_trace();
    let client = Client::builder(&server.base_url)
        .retry(quick_retry())
        .build()
        .unwrap();
    let err = client.user_tokens_get().await.unwrap_err();
    drop(guard);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(count.load(Ordering::SeqCst), 1);
    assert_eq!(
        trace.lines_with("not retrying").len(),
        1,
        "{}",
        trace.text()
    );
}

/// An IMF-fixdate, as servers send `Retry-After`.
fn http_date(at: SystemTime) -> String {
    let secs = at.duration_since(UNIX_EPOCH).unwrap().as_secs();
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{weekday}, {day:02} {} {year} {:02}:{:02}:{:02} GMT",
        months[month as usize - 1],
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[tokio::test]
async fn one_span_per_call_with_the_template_and_no_argument() {
    let server = ScriptedServer::always(Reply::Send {
        bytes: scripted::closing_response("204 No Content", &[], b""),
        then: Then::Close,
    })
    .await;
    let port = server.addr.port();
    let (trace, guard) = capture_trace();
    let client = Client::new(&server.base_url).unwrap();
    client
        .user_tokens_api_token_id_delete("tokenid-Secret-5e6f")
        .await
        .unwrap();
    let refused = Client::new("http://127.0.0.1:9/api").unwrap();
    let err = refused.user_tokens_get().await.unwrap_err();
    assert!(err.is_connect());
    drop(guard);

    let spans: Vec<String> = trace
        .lines_with("semaphore_api.call{")
        .into_iter()
        .filter(|l| l.contains("close"))
        .collect();
    assert_eq!(spans.len(), 2, "{}", trace.text());
    for field in [
        "otel.name=DELETE /user/tokens/{api_token_id}",
        "otel.kind=\"client\"",
        "http.request.method=\"DELETE\"",
        "url.template=\"/user/tokens/{api_token_id}\"",
        "server.address=127.0.0.1",
        &format!("server.port={port}"),
        "code.function.name=\"user_tokens_api_token_id_delete\"",
        "http.response.status_code=204",
    ] {
        assert!(spans[0].contains(field), "{field} not in {}", spans[0]);
    }
    assert!(!spans[0].contains("resend_count"), "{}", spans[0]);
    assert!(
        spans[1].contains("error.type=\"transport\""),
        "{}",
        spans[1]
    );
    assert!(
        spans[1].contains("otel.status_code=\"ERROR\""),
        "{}",
        spans[1]
    );
    assert!(
        !trace.text().contains("tokenid-Secret-5e6f"),
        "{}",
        trace.text()
    );
    // The client's own events are inside the span.
    let sending = trace.lines_with("sending request");
    assert!(sending[0].contains("semaphore_api.call{"), "{}", sending[0]);
    let answered = trace.lines_with("answer received");
    assert!(answered[0].contains("status=204"), "{}", answered[0]);
}

/// A keep-alive server that answers `GET /user/tokens` after `delay`; it counts the
/// connections it accepted and the most requests it had in hand at once.
async fn slow_server(delay: Duration) -> ScriptedServer {
    let json = [("Content-Type", "application/json")];
    let tokens = Reply::keep_alive(response("200 OK", &json, TOKENS.as_bytes()));
    ScriptedServer::always(Reply::Delayed {
        delay,
        then: Box::new(tokens),
    })
    .await
}

/// `calls` listings of one token each, spawned at once on clones of `client`.
async fn spawn_listings(client: &Client, calls: usize) {
    let calls: Vec<_> = (0..calls)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.user_tokens_get().await.map(|t| t.len()) })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap(), 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_spawned_calls_share_a_bounded_number_of_connections() {
    let server = slow_server(Duration::from_millis(5)).await;
    let client = Client::new(&server.base_url).unwrap();
    spawn_listings(&client, 1_000).await;
    let most = server.most_in_hand();
    let accepted = server.accepted();
    println!("1,000 spawned calls: {accepted} connections, at most {most} requests in hand");
    assert!(most <= DEFAULT_MAX_IN_FLIGHT, "{most} in flight");
    assert!(
        accepted <= 2 * DEFAULT_MAX_IN_FLIGHT,
        "{accepted} connections"
    );

    // A smaller limit, set on the builder.
    let server = slow_server(Duration::from_millis(5)).await;
    let client = Client::builder(&server.base_url)
        .max_in_flight(4)
        .build()
        .unwrap();
    spawn_listings(&client, 200).await;
    assert!(server.most_in_hand() <= 4);
    assert!(server.accepted() <= 8);
    let err = Client::builder(&server.base_url)
        .max_in_flight(0)
        .build()
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Config { .. }), "{err:?}");
    // No limit to speak of is a limit too, not a panic.
    let client = Client::builder(&server.base_url)
        .max_in_flight(usize::MAX)
        .build()
        .unwrap();
    spawn_listings(&client, 8).await;
}

#[tokio::test]
async fn the_read_timeout_cuts_a_stalled_answer_but_not_a_slow_one() {
    // A head, 100 of 1,000 promised bytes, then nothing.
    let mut bytes = head("200 OK", &[("Content-Length", "1000")]);
    bytes.extend_from_slice(&[b' '; 100]);
    let server = ScriptedServer::always(Reply::Send {
        bytes,
        then: Then::Stall,
    })
    .await;
    let client = Client::builder(&server.base_url)
        .timeout(Duration::from_secs(120)) // a backstop far past the read timeout
        .read_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.user_tokens_get().await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "the backstop fired"
    );

    // No answer at all.
    let server = ScriptedServer::always(Reply::Silent).await;
    let client = Client::builder(&server.base_url)
        .no_timeout()
        .read_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    assert!(client.user_tokens_get().await.unwrap_err().is_timeout());

    // An answer whose parts come 50 ms apart, for longer than the read timeout in all.
    let body = TOKENS.as_bytes();
    let server = ScriptedServer::always(Reply::Trickle {
        head: head("200 OK", &[("Content-Length", &body.len().to_string())]),
        body: body.to_vec(),
        piece: 8,
        every: Duration::from_millis(50),
    })
    .await;
    let client = Client::builder(&server.base_url)
        .read_timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    assert_eq!(client.user_tokens_get().await.unwrap().len(), 1);
}

#[tokio::test]
async fn credentials_over_plain_http_to_another_host_are_logged_once_per_client() {
    // The other host is reached through a proxy on 127.0.0.1: nothing leaves the machine.
    let proxy = ScriptedServer::forward_proxy().await;
    let (trace, _guard) = capture_trace();
    let warning = "credentials are sent over plain http://";
    let remote = |builder: semaphore_api::ClientBuilder| {
        builder.proxy(proxy.origin().as_str()).build().unwrap()
    };

    let client =
        remote(Client::builder("http://semaphore.invalid/api").bearer_token("tok-Secret-6a"));
    for _ in 0..3 {
        client.user_tokens_get().await.unwrap();
    }
    client.clone().user_tokens_get().await.unwrap();
    assert_eq!(trace.lines_with(warning).len(), 1, "{}", trace.text());
    let line = &trace.lines_with(warning)[0];
    assert!(
        line.contains("WARN") && line.contains("semaphore.invalid"),
        "{line}"
    );
    assert!(proxy.requests().iter().all(|s| s.credentials_in_clear()));
    assert_eq!(
        proxy.requests()[0].target,
        "http://semaphore.invalid/api/user/tokens"
    );

    // A second client: its own warning.
    let other =
        remote(Client::builder("http://semaphore.invalid/api").bearer_token("tok-Secret-6a"));
    other.user_tokens_get().await.unwrap();
    assert_eq!(trace.lines_with(warning).len(), 2);

    // A password in a login body counts; a call without credentials does not.
    let anonymous = remote(Client::builder("http://semaphore.invalid/api"));
    anonymous.user_tokens_get().await.unwrap();
    assert_eq!(trace.lines_with(warning).len(), 2);
    anonymous
        .auth_login_post(&Login::new("admin", "pw-Secret-7b"))
        .await
        .unwrap();
    assert_eq!(trace.lines_with(warning).len(), 3);

    // Loopback: no warning.
    let server = ScriptedServer::always(Reply::Send {
        bytes: scripted::closing_response("200 OK", &[], TOKENS.as_bytes()),
        then: Then::Close,
    })
    .await;
    let local = Client::builder(&server.base_url)
        .bearer_token("tok-Secret-6a")
        .build()
        .unwrap();
    local.user_tokens_get().await.unwrap();
    assert_eq!(trace.lines_with(warning).len(), 3);
    assert!(!trace.text().contains("Secret"), "{}", trace.text());
}

#[tokio::test]
async fn an_explicit_proxy_carries_plain_http_calls_and_no_proxy_goes_direct() {
    let proxy = ScriptedServer::forward_proxy().await;
    let client = Client::builder("http://semaphore.invalid:3000/api")
        .proxy(proxy.origin().as_str())
        .build()
        .unwrap();
    assert_eq!(client.user_tokens_get().await.unwrap().len(), 1);
    let seen = proxy.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "GET");
    assert_eq!(
        seen[0].target,
        "http://semaphore.invalid:3000/api/user/tokens"
    );

    let server = ScriptedServer::always(Reply::Send {
        bytes: scripted::closing_response("200 OK", &[], TOKENS.as_bytes()),
        then: Then::Close,
    })
    .await;
    let direct = Client::builder(&server.base_url)
        .no_proxy()
        .build()
        .unwrap();
    assert_eq!(direct.user_tokens_get().await.unwrap().len(), 1);
    assert_eq!(server.accepted(), 1);
    assert_eq!(proxy.requests().len(), 1);

    // Proxy settings and a reqwest::Client of your own do not mix.
    let err = Client::builder(&server.base_url)
        .proxy(proxy.origin().as_str())
        .http_client(
            semaphore_api::http_client_builder()
                .unwrap()
                .build()
                .unwrap(),
        )
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("set them on that client"), "{err}");
}

/// A server whose queue of connections is full: a new connection hangs in its handshake.
async fn unanswered_address() -> (tokio::net::TcpListener, Vec<tokio::net::TcpStream>) {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(0).unwrap();
    let addr = listener.local_addr().unwrap();
    let mut held = Vec::new();
    for _ in 0..8 {
        let connect = tokio::net::TcpStream::connect(addr);
        match tokio::time::timeout(Duration::from_millis(200), connect).await {
            Ok(Ok(stream)) => held.push(stream),
            _ => break, // the queue is full: this one hung
        }
    }
    (listener, held)
}

#[tokio::test]
async fn a_connection_that_does_not_open_fails_at_the_connect_timeout() {
    let (listener, _held) = unanswered_address().await;
    let addr = listener.local_addr().unwrap();
    let client = Client::builder(format!("http://{addr}/api"))
        .connect_timeout(Duration::from_millis(300))
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let err = client.user_tokens_get().await.unwrap_err();
    // Without the connect timeout, the whole call's timeout would end it, later.
    assert!(matches!(err.kind(), ErrorKind::Transport { .. }), "{err:?}");
    assert!(err.is_connect() && err.is_timeout(), "{err:?}");
    assert_eq!(
        semaphore_api::DEFAULT_CONNECT_TIMEOUT,
        Duration::from_secs(10)
    );
}
