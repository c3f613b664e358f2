//! Memory stays bounded whatever the server sends: a counting global allocator measures the
//! peak heap of the whole process while the client faces a 100 MB body (error and success),
//! a `Content-Length` that promises 60 MB and delivers 200 bytes, and a body under the limit
//! that decodes into far more memory than its size (`[{},{},...]`).
//!
//! A task's socket is bounded too: a message as long as the socket takes costs about twice its
//! size, and one announced longer is refused before a byte of it is kept.
//!
//! A call allocates no spare copy of its request: reqwest's own resends, which copy every
//! request in case one is needed, are off where they cannot happen.
//!
//! Its own binary (not a module of `it`), so only its own two tests allocate meanwhile: the
//! other's few kilobytes are far below the heap bounds, and allocations are counted per thread.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use semaphore_api::ErrorKind;
use semaphore_api::testkit::scripted::{Reply, ScriptedServer, Then, closing_response, head};
use semaphore_api::{AuthenticationApi, Client, ERROR_BODY_LIMIT, Error, Result, semaphore_api};

/// 3 bytes of JSON (`{},`), 240 bytes in memory.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
#[allow(dead_code)]
pub struct Wide {
    a: Option<String>,
    b: Option<String>,
    c: Option<String>,
    d: Option<String>,
    e: Option<String>,
    f: Option<String>,
    g: Option<String>,
    h: Option<String>,
    i: Option<String>,
    j: Option<String>,
}

#[semaphore_api]
pub trait Listing {
    #[get("/wide")]
    async fn wide(&self) -> Result<Vec<Wide>>;
}

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Allocations made by this thread: a test on a current-thread runtime counts its own.
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let now = CURRENT.fetch_add(new_size - layout.size(), Ordering::Relaxed)
                + (new_size - layout.size());
            PEAK.fetch_max(now, Ordering::Relaxed);
        } else {
            CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const HUGE: u64 = 100 * 1024 * 1024;
const MIB: usize = 1024 * 1024;

/// The process's peak heap growth while `f` runs, over what was allocated before.
async fn peak_growth<F: Future>(f: F) -> (F::Output, usize) {
    let base = CURRENT.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let out = tokio::time::timeout(Duration::from_secs(30), f)
        .await
        .expect("hung");
    (out, PEAK.load(Ordering::SeqCst).saturating_sub(base))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_heap_stays_bounded_whatever_the_body() {
    let mut report = Vec::new();

    // A 100 MB error body: 8 KiB kept.
    let server = ScriptedServer::always(Reply::Stream {
        head: head(
            "500 Internal Server Error",
            &[("Content-Length", "104857600")],
        ),
        total: HUGE,
        fill: b'E',
    })
    .await;
    let client = Client::new(&server.base_url).unwrap();
    let (result, peak) = peak_growth(client.user_tokens_get()).await;
    let Err(ErrorKind::Status(e)) = result.as_ref().map_err(Error::kind) else {
        panic!("{result:?}")
    };
    assert_eq!(e.body.len(), ERROR_BODY_LIMIT);
    let written = server.streamed().await;
    report.push(format!(
        "100 MB error body: heap peak +{peak} bytes, server wrote {written}"
    ));
    assert!(peak < MIB, "{peak}");

    // A 100 MB success body against a 1 MiB limit.
    let server = ScriptedServer::always(Reply::Stream {
        head: head("200 OK", &[("Content-Length", "104857600")]),
        total: HUGE,
        fill: b' ',
    })
    .await;
    let client = Client::builder(&server.base_url)
        .max_response_bytes(MIB)
        .build()
        .unwrap();
    let (result, peak) = peak_growth(client.user_tokens_get()).await;
    assert!(
        matches!(
            result.as_ref().map_err(Error::kind),
            Err(ErrorKind::InvalidResponse { .. })
        ),
        "{result:?}"
    );
    let written = server.streamed().await;
    report.push(format!(
        "100 MB success body, 1 MiB limit: heap peak +{peak} bytes, server wrote {written}"
    ));
    assert!(peak < 4 * MIB, "{peak}");

    // A Content-Length of 60 MB with 100 bytes behind it, 100 more in a second part (where
    // the body's buffer is sized), then a close, at the default 64 MiB limit: nothing is
    // allocated for bytes that never came.
    let server = ScriptedServer::always(Reply::Trickle {
        head: head("200 OK", &[("Content-Length", "62914560")]),
        body: vec![b' '; 200],
        piece: 100,
        every: Duration::from_millis(50),
    })
    .await;
    let client = Client::new(&server.base_url).unwrap();
    let (result, peak) = peak_growth(client.user_tokens_get()).await;
    assert!(
        matches!(
            result.as_ref().map_err(Error::kind),
            Err(ErrorKind::Transport { .. })
        ),
        "{result:?}"
    );
    report.push(format!(
        "Content-Length 60 MB, 2 x 100 bytes sent: heap peak +{peak} bytes"
    ));
    assert!(peak < 4 * MIB, "{peak}");

    // 1 MiB of `[{},{},...]` at a 1 MiB limit: 349,525 elements of 240 bytes would take
    // 84 MB; decoding stops at twice the limit.
    assert_eq!(std::mem::size_of::<Wide>(), 240);
    let mut body = b"[".to_vec();
    while body.len() < MIB - 3 {
        body.extend_from_slice(b"{},");
    }
    body.extend_from_slice(b"{}]");
    let server = ScriptedServer::always(Reply::Send {
        bytes: closing_response("200 OK", &[("Content-Type", "application/json")], &body),
        then: Then::Close,
    })
    .await;
    let client = Client::builder(&server.base_url)
        .max_response_bytes(MIB)
        .build()
        .unwrap();
    let (result, peak) = peak_growth(client.wide()).await;
    let result = result.map(|list| list.len());
    assert!(
        matches!(result.as_ref().map_err(Error::kind), Err(ErrorKind::InvalidResponse { reason, .. }) if reason.contains("memory")),
        "{result:?}"
    );
    report.push(format!(
        "{} bytes of [{{}},...] (240-byte elements), 1 MiB limit: heap peak +{peak} bytes",
        body.len()
    ));
    assert!(peak < 8 * MIB, "{peak}");

    a_task_socket_keeps_at_most_twice_a_message(&mut report).await;
    println!("{}", report.join("\n"));
}

/// A WebSocket text frame (unmasked, as a server sends), its header for `len` bytes.
fn frame_head(len: u64) -> Vec<u8> {
    let mut head = vec![0x81, 127];
    head.extend_from_slice(&len.to_be_bytes());
    head
}

/// A server whose task 7 runs with no stored output, and whose socket sends `frame`, then,
/// when `then_fill` is given, that many more bytes of the frame, slowly, until the client
/// leaves.
async fn socket_server(frame: Vec<u8>, then_fill: u64) -> ScriptedServer {
    use semaphore_api::testkit::scripted::Request;
    use tokio::io::AsyncWriteExt;
    let frame = std::sync::Arc::new(frame);
    ScriptedServer::start(move |request: &Request| match request.path() {
        "/api/project/1/tasks/7" => Reply::json(
            200,
            &serde_json::json!({"id": 7, "project_id": 1, "template_id": 1, "status": "running"}),
        ),
        "/api/project/1/tasks/7/output" => Reply::json(200, &serde_json::json!([])),
        "/api/ws" => {
            let key = request.header("sec-websocket-key").unwrap_or_default();
            let accept =
                tokio_tungstenite::tungstenite::handshake::derive_accept_key(key.as_bytes());
            let frame = frame.clone();
            Reply::handover(move |mut socket| {
                let frame = frame.clone();
                let head = format!(
                    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\
                     Connection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
                );
                async move {
                    if socket.write_all(head.as_bytes()).await.is_err()
                        || socket.write_all(&frame).await.is_err()
                    {
                        return;
                    }
                    let chunk = [b'x'; 64 * 1024];
                    let mut sent = 0;
                    while sent < then_fill {
                        if socket.write_all(&chunk).await.is_err() {
                            return;
                        }
                        sent += chunk.len() as u64;
                        tokio::time::sleep(Duration::from_millis(1)).await;
                    }
                    // Hold the connection until the client leaves.
                    let mut byte = [0u8; 1];
                    let _ = tokio::io::AsyncReadExt::read(&mut socket, &mut byte).await;
                }
            })
        }
        _ => Reply::empty(404),
    })
    .await
}

/// Run by the one test of this binary, after the REST cases: two tests would allocate at once.
async fn a_task_socket_keeps_at_most_twice_a_message(report: &mut Vec<String>) {
    use semaphore_api::{ProjectId, TaskId};
    let handle = |url: &str| {
        Client::builder(url)
            .session_cookie("scripted")
            .build()
            .unwrap()
            .task_handle(ProjectId(1), TaskId(7))
            .poll_interval(Duration::from_secs(5))
    };

    // One line of 900 KiB (under the socket's 1 MiB limit), which the stored output does not
    // hold yet: the follower keeps it, waiting.
    let line = "x".repeat(900 * 1024);
    let message = serde_json::json!({"type": "log", "output": line, "time": "2026-12-05T10:11:12Z",
        "task_id": 7, "project_id": 1})
    .to_string();
    let mut frame = frame_head(message.len() as u64);
    frame.extend_from_slice(message.as_bytes());
    drop(line);
    let server = socket_server(frame, 0).await;
    let task = handle(&server.base_url);
    let (_, peak) = peak_growth(async {
        let mut lines = task.follow();
        let _ = tokio::time::timeout(Duration::from_secs(2), lines.next()).await;
    })
    .await;
    report.push(format!(
        "a {} byte socket message: heap peak +{peak} bytes",
        message.len()
    ));
    assert!(peak < 2 * message.len() + MIB / 2, "{peak}");

    // A frame announced at 64 MiB, its bytes trickling in: refused on its header.
    let server = socket_server(frame_head(64 * MIB as u64), 8 * MIB as u64).await;
    let task = handle(&server.base_url);
    let (_, peak) = peak_growth(async {
        let mut lines = task.follow();
        let _ = tokio::time::timeout(Duration::from_secs(2), lines.next()).await;
    })
    .await;
    report.push(format!("a 64 MiB socket message: heap peak +{peak} bytes"));
    assert!(peak < MIB, "{peak}");
}

/// The allocations of `calls` calls of `user_tokens_api_token_id_delete`, on a connection
/// already open; client and server both run on this thread, the server alike for any client.
async fn allocations_per_call(client: &Client, calls: u64) -> f64 {
    client.user_tokens_api_token_id_delete("t").await.unwrap();
    let before = ALLOCATIONS.with(Cell::get);
    for _ in 0..calls {
        client.user_tokens_api_token_id_delete("t").await.unwrap();
    }
    (ALLOCATIONS.with(Cell::get) - before) as f64 / calls as f64
}

/// A client of an `http://` server speaks HTTP/1.1 only, where reqwest's own resends (of
/// requests an HTTP/2 server refused unprocessed) cannot happen, and turns them off; reqwest
/// on its defaults copies the head of every request in case. The same calls, the same
/// pipeline, through a `reqwest::Client` on reqwest's defaults allocate that copy.
#[tokio::test(flavor = "current_thread")]
async fn a_call_allocates_no_spare_copy_of_its_request() {
    const CALLS: u64 = 200;
    let server = ScriptedServer::always(Reply::empty(204)).await;
    let own = Client::new(&server.base_url).unwrap();
    let own = allocations_per_call(&own, CALLS).await;

    let server = ScriptedServer::always(Reply::empty(204)).await;
    let defaults = semaphore_api::http_client_builder()
        .unwrap()
        .build()
        .unwrap();
    let given = Client::builder(&server.base_url)
        .http_client(defaults)
        .build()
        .unwrap();
    let given = allocations_per_call(&given, CALLS).await;

    println!("allocations per call: {own:.2} (own client), {given:.2} (reqwest's defaults)");
    assert!(
        own <= given - 1.0,
        "{own:.2} allocations per call, {given:.2} with reqwest's defaults: a copy is made"
    );
}
