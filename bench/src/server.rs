//! A fast loopback server with every answer prepared up front, on its own threads, so that
//! what is measured is the client.

use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// The 1,000-token listing, as the real server writes it.
pub fn tokens_json(n: usize) -> String {
    let tokens: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "id": format!("{i:043}="), "created": "2024-10-25T10:11:12Z",
                "expired": i % 3 == 0, "user_id": 1,
            })
        })
        .collect();
    format!("{}\n", serde_json::Value::Array(tokens))
}

pub const METADATA: &str = "{\"oidc_providers\":[{\"id\":\"mysso\",\"name\":\"Sign in with MySSO\",\"color\":\"blue\",\"icon\":\"login\"}],\"login_with_password\":true}\n";

/// Starts the server on two threads of its own; returns its API base URL.
pub fn start() -> String {
    let (tx, rx) = std::sync::mpsc::channel::<SocketAddr>();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("server runtime");
        runtime.block_on(async move {
            let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send addr");
            let tokens = Bytes::from(tokens_json(1000));
            loop {
                let Ok((socket, _)) = listener.accept().await else { continue };
                let _ = socket.set_nodelay(true);
                let tokens = tokens.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request: Request<hyper::body::Incoming>| {
                        let tokens = tokens.clone();
                        async move { Ok::<_, std::convert::Infallible>(answer(request, tokens).await) }
                    });
                    let _ = http1::Builder::new().serve_connection(TokioIo::new(socket), service).await;
                });
            }
        });
    });
    let addr = rx.recv().expect("server address");
    format!("http://{addr}/api")
}

async fn answer(request: Request<hyper::body::Incoming>, tokens: Bytes) -> Response<Full<Bytes>> {
    let (head, body) = request.into_parts();
    let _ = body.collect().await; // read the request body, as a server does
    let (status, body) = match (&head.method, head.uri.path()) {
        (&Method::GET, "/api/auth/login") => {
            (StatusCode::OK, Bytes::from_static(METADATA.as_bytes()))
        }
        (&Method::POST, "/api/auth/login") => (StatusCode::NO_CONTENT, Bytes::new()),
        (&Method::GET, "/api/user/tokens") => (StatusCode::OK, tokens),
        (&Method::DELETE, p) if p.starts_with("/api/user/tokens/") => {
            (StatusCode::NO_CONTENT, Bytes::new())
        }
        _ => (StatusCode::NOT_FOUND, Bytes::new()),
    };
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    response
}
