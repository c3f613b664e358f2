//! A forward proxy on 127.0.0.1 for the proxy tests: `CONNECT host:port` is tunnelled to
//! 127.0.0.1:port (whatever the host: no test traffic leaves the machine), and a request in
//! absolute form (`GET http://host/path`) is answered by the proxy itself, as if from the
//! origin. It records every request line and `Proxy-Authorization` header it saw.

#![allow(dead_code)] // each test binary uses a part

use std::sync::{Arc, Mutex};

use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

use crate::support::read_request;

/// What the proxy saw: the request line's method and target, and `Proxy-Authorization`.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub target: String,
    pub proxy_authorization: Option<String>,
    /// Whether the request carried `Authorization` or `Cookie` (in clear, so the proxy read it).
    pub credentials_in_clear: bool,
}

pub struct Proxy {
    /// `http://127.0.0.1:PORT`
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: tokio::task::JoinHandle<()>,
}

/// The proxy's own answer to an absolute-form request: one token.
pub const LISTING: &str =
    r#"[{"id":"t","created":"2024-10-25T10:11:12Z","expired":false,"user_id":1}]"#;

impl Proxy {
    pub async fn start() -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let task = tokio::spawn({
            let seen = seen.clone();
            async move {
                while let Ok((socket, _)) = listener.accept().await {
                    tokio::spawn(serve(socket, seen.clone()));
                }
            }
        });
        Proxy { url, seen, task }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(mut socket: TcpStream, seen: Arc<Mutex<Vec<Seen>>>) {
    while let Some(request) = read_request(&mut socket).await {
        seen.lock().unwrap().push(Seen {
            method: request.method.clone(),
            target: request.target.clone(),
            proxy_authorization: request.header("proxy-authorization").map(str::to_owned),
            credentials_in_clear: request.header("authorization").is_some()
                || request.header("cookie").is_some(),
        });
        if request.method == "CONNECT" {
            let port = request.target.rsplit(':').next().unwrap_or_default();
            let Ok(mut upstream) = TcpStream::connect(format!("127.0.0.1:{port}")).await else {
                let _ = socket.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n").await;
                return;
            };
            if socket
                .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                .await
                .is_err()
            {
                return;
            }
            let _ = tokio::io::copy_bidirectional(&mut socket, &mut upstream).await;
            return;
        }
        let answer = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{LISTING}",
            LISTING.len()
        );
        if socket.write_all(answer.as_bytes()).await.is_err() {
            return;
        }
    }
}
