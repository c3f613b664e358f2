//! A transport that answers without a network, for tests that drive a real `Client` through
//! the whole call pipeline (credentials, session, limits, mapping) with answers no server
//! would send: `ClientBuilder::__transport(Scripted::new(..))`.

#![allow(dead_code)] // each test binary uses a part

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use hyper::body::{Body, Frame, SizeHint};
use semaphore_api::__transport::{Sent, Transport};

/// One canned response: a status, headers as raw bytes (names or values that are not legal HTTP are
/// left out, as hyper refuses them too), and a body arriving in these chunks.
#[derive(Clone, Debug, Default)]
pub struct CannedResponse {
    pub status: u16,
    pub headers: Vec<(Vec<u8>, Vec<u8>)>,
    pub chunks: Vec<Vec<u8>>,
}

impl CannedResponse {
    pub fn new(status: u16) -> CannedResponse {
        CannedResponse {
            status,
            ..CannedResponse::default()
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> CannedResponse {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> CannedResponse {
        self.chunks = vec![body.into()];
        self
    }
}

/// What the transport was given.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Option<Vec<u8>>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_slice())
    }
}

type Script = dyn Fn(&Seen) -> CannedResponse + Send + Sync;

/// Answers each request with what `script` makes of it, and records the requests.
#[derive(Clone)]
pub struct Scripted {
    script: Arc<Script>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Scripted {
    pub fn new(script: impl Fn(&Seen) -> CannedResponse + Send + Sync + 'static) -> Scripted {
        Scripted {
            script: Arc::new(script),
            seen: Arc::default(),
        }
    }

    /// Always the same answer.
    pub fn always(answer: CannedResponse) -> Scripted {
        Scripted::new(move |_| answer.clone())
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl Transport for Scripted {
    fn send(&self, request: reqwest::Request) -> Pin<Box<dyn Future<Output = Sent> + Send + '_>> {
        let seen = Seen {
            method: request.method().to_string(),
            url: request.url().to_string(),
            headers: request
                .headers()
                .iter()
                .map(|(n, v)| (n.as_str().to_owned(), v.as_bytes().to_vec()))
                .collect(),
            body: request
                .body()
                .and_then(|b| b.as_bytes())
                .map(<[u8]>::to_vec),
        };
        let answer = (self.script)(&seen);
        self.seen.lock().unwrap().push(seen);
        Box::pin(async move { Ok(response(answer)) })
    }
}

/// The answer as reqwest hands one over.
fn response(answer: CannedResponse) -> reqwest::Response {
    let mut response = hyper::Response::new(reqwest::Body::wrap(Chunks(
        answer.chunks.into_iter().map(Bytes::from).collect(),
    )));
    *response.status_mut() =
        hyper::StatusCode::from_u16(answer.status).expect("a status of 100 to 999");
    for (name, value) in &answer.headers {
        let name = hyper::header::HeaderName::from_bytes(name);
        let value = hyper::header::HeaderValue::from_bytes(value);
        if let (Ok(name), Ok(value)) = (name, value) {
            response.headers_mut().append(name, value);
        }
    }
    reqwest::Response::from(response)
}

/// A body that yields its chunks one by one.
struct Chunks(VecDeque<Bytes>);

impl Body for Chunks {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        Poll::Ready(self.0.pop_front().map(|chunk| Ok(Frame::data(chunk))))
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_empty()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.0.iter().map(|c| c.len() as u64).sum())
    }
}

/// Runs `future` to its end on a runtime of this thread.
pub fn block_on<F: Future>(future: F) -> F::Output {
    thread_local! {
        static RUNTIME: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
    }
    RUNTIME.with(|runtime| runtime.block_on(future))
}
