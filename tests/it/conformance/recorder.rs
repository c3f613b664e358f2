//! A loopback proxy between the client and a real server that writes down every exchange, so
//! the suite drives the real client and still keeps the server's exact answers as fixtures.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;

use crate::real_server::{Exchange, redact_body, redact_path, redact_set_cookie};

/// The answer headers worth keeping: the rest (date, length) change on every run.
const KEPT_HEADERS: &[&str] = &["content-type", "location", "set-cookie"];

pub struct Recorder {
    addr: SocketAddr,
    upstream: String,
    shared: Arc<Mutex<Shared>>,
    task: tokio::task::JoinHandle<()>,
}

#[derive(Default)]
struct Shared {
    operation: String,
    exchanges: Vec<Exchange>,
}

impl Recorder {
    /// Listens on a free loopback port and forwards to `upstream` (a base URL ending in `/api`).
    pub async fn start(upstream: &str) -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the recorder");
        let addr = listener.local_addr().expect("recorder address");
        let upstream = upstream.trim_end_matches('/').to_owned();
        let origin = upstream.trim_end_matches("/api").to_owned();
        let shared = Arc::new(Mutex::new(Shared::default()));
        // The library's own starting point: a bare reqwest builder has no TLS provider here.
        let http = semaphore_api::http_client_builder()
            .expect("the recorder's HTTP client")
            .build()
            .expect("the recorder's HTTP client");
        let task = {
            let shared = shared.clone();
            tokio::spawn(async move {
                while let Ok((socket, _)) = listener.accept().await {
                    let (shared, http, origin) = (shared.clone(), http.clone(), origin.clone());
                    tokio::spawn(async move {
                        let service = service_fn(move |req| {
                            forward(req, http.clone(), origin.clone(), shared.clone())
                        });
                        let _ = http1::Builder::new()
                            .serve_connection(TokioIo::new(socket), service)
                            .await;
                    });
                }
            })
        };
        Recorder {
            addr,
            upstream,
            shared,
            task,
        }
    }

    /// The base URL to give the client.
    pub fn url(&self) -> String {
        format!("http://{}/api", self.addr)
    }

    /// The real server's base URL.
    pub fn upstream(&self) -> &str {
        &self.upstream
    }

    /// Names the operation the next exchanges belong to.
    pub fn operation(&self, name: &str) {
        self.shared.lock().unwrap().operation = name.to_owned();
    }

    /// The exchanges so far.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.shared.lock().unwrap().exchanges.clone()
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn forward(
    req: Request<Incoming>,
    http: reqwest::Client,
    origin: String,
    shared: Arc<Mutex<Shared>>,
) -> Result<Response<Full<Bytes>>, hyper::Error> {
    let (parts, body) = req.into_parts();
    let request_body = body.collect().await?.to_bytes();
    let target = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let mut outgoing = http.request(parts.method.clone(), format!("{origin}{target}"));
    for (name, value) in &parts.headers {
        if name != "host" {
            outgoing = outgoing.header(name, value);
        }
    }
    let answer = match outgoing.body(request_body.clone()).send().await {
        Ok(answer) => answer,
        Err(e) => {
            return Ok(Response::builder()
                .status(502)
                .body(Full::new(Bytes::from(format!("recorder: {e}"))))
                .unwrap());
        }
    };
    let status = answer.status();
    let headers = answer.headers().clone();
    let body = answer.bytes().await.unwrap_or_default();

    let mut kept = BTreeMap::new();
    for name in KEPT_HEADERS {
        let values: Vec<String> = headers
            .get_all(*name)
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .map(|v| match *name {
                "set-cookie" => redact_set_cookie(&v),
                _ => v,
            })
            .collect();
        if !values.is_empty() {
            kept.insert((*name).to_owned(), values.join("\n"));
        }
    }
    let parse = |bytes: &[u8]| -> Option<Value> {
        if bytes.is_empty() {
            None
        } else {
            Some(
                serde_json::from_slice(bytes)
                    .unwrap_or_else(|_| json!({ "$text": String::from_utf8_lossy(bytes) })),
            )
        }
    };
    {
        let mut shared = shared.lock().unwrap();
        let path_only = target.split('?').next().unwrap_or_default();
        let operation = operation_of(parts.method.as_str(), path_only, &shared.operation);
        let exchange = Exchange {
            operation,
            method: parts.method.to_string(),
            path: redact_path(&target),
            request: parse(&request_body).map(redact_body),
            status: status.as_u16(),
            headers: kept,
            body: parse(&body).map(redact_body),
        };
        shared.exchanges.push(exchange);
    }

    let mut response = Response::builder().status(status);
    for (name, value) in &headers {
        if name != "content-length" && name != "transfer-encoding" && name != "connection" {
            response = response.header(name, value);
        }
    }
    Ok(response.body(Full::new(body)).unwrap())
}

/// The declared operation a request is: the one named before the call when it matches, else
/// the declared route it matches with the most literal segments (a resource verb makes several
/// calls under one name).
fn operation_of(method: &str, path: &str, named: &str) -> String {
    let Some(path) = path.split_once("/api").map(|(_, rest)| rest) else {
        return named.to_owned();
    };
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let score = |template: &str| -> Option<usize> {
        let parts: Vec<&str> = template.split('/').collect();
        if parts.len() != segments.len() {
            return None;
        }
        let mut literal = 0;
        for (part, segment) in parts.iter().zip(&segments) {
            if part.starts_with('{') {
                continue;
            }
            if part != segment {
                return None;
            }
            literal += 1;
        }
        Some(literal)
    };
    let matching: Vec<(&str, usize)> = semaphore_api::apis::endpoints()
        .filter(|e| e.method.as_str() == method)
        .filter_map(|e| score(e.path).map(|s| (e.name, s)))
        .collect();
    if matching.iter().any(|(name, _)| *name == named) {
        return named.to_owned();
    }
    matching
        .iter()
        .max_by_key(|(_, s)| *s)
        .map_or_else(|| named.to_owned(), |(name, _)| (*name).to_owned())
}
