//! Memory stays bounded whatever the server sends: a counting global allocator measures the
//! peak heap of the whole process while the client faces a 100 MB body (error and success),
//! a `Content-Length` that promises 60 MB and delivers 200 bytes, and a body under the limit
//! that decodes into far more memory than its size (`[{},{},...]`).
//!
//! Its own binary (not a module of `it`), so no other test allocates meanwhile.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use semaphore_api::testkit::scripted::{Reply, ScriptedServer, Then, closing_answer, head};
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

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
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
    let Err(Error::Status(e)) = result else {
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
        matches!(result, Err(Error::InvalidResponse { .. })),
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
    assert!(matches!(result, Err(Error::Transport { .. })), "{result:?}");
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
        bytes: closing_answer("200 OK", &[("Content-Type", "application/json")], &body),
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
        matches!(&result, Err(Error::InvalidResponse { reason, .. }) if reason.contains("memory")),
        "{result:?}"
    );
    report.push(format!(
        "{} bytes of [{{}},...] (240-byte elements), 1 MiB limit: heap peak +{peak} bytes",
        body.len()
    ));
    println!("{}", report.join("\n"));
    assert!(peak < 8 * MIB, "{peak}");
}
