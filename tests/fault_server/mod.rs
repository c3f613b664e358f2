//! A misbehaving HTTP/1.1 server on 127.0.0.1 for the fault tests: every byte it writes is
//! chosen by the test, and it counts what happened (connections accepted, requests read,
//! body bytes it managed to write before the client went away).

#![allow(dead_code)] // each test binary uses a part

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

use crate::support::{RawRequest, read_request};

/// What the server does with each connection.
#[derive(Clone, Debug)]
pub enum Script {
    /// Closes the connection right after accepting it, before reading anything.
    CloseOnAccept,
    /// Reads the request, then closes without writing a byte.
    CloseAfterRequest,
    /// Reads the request and never answers (holds the connection until the client leaves).
    Silent,
    /// Reads the request, writes `bytes`, then does `then`.
    Send { bytes: Vec<u8>, then: Then },
    /// Reads the request, writes `head`, then `fill` bytes until `total` body bytes are out
    /// or the client has gone away. The body bytes written are reported by
    /// [`FaultServer::streamed`].
    Stream { head: Vec<u8>, total: u64, fill: u8 },
}

/// How a [`Script::Send`] connection ends.
#[derive(Clone, Copy, Debug)]
pub enum Then {
    /// A clean close (FIN).
    Close,
    /// A reset (RST, `SO_LINGER` 0), once the client has closed its side or after 200 ms.
    Reset,
    /// A reset once the client has closed its side (for a client that stops reading after
    /// the head: the reset cannot overtake the head).
    ResetOnceClosed,
    /// Nothing more: the connection stays open until the client closes it.
    Stall,
    /// After 50 ms, these bytes too (so the client reads them as a second part of the body),
    /// then nothing more until the client closes the connection.
    MoreThenStall(&'static [u8]),
}

/// A running server; stops when dropped.
pub struct FaultServer {
    /// `http://127.0.0.1:PORT/api`
    pub base_url: String,
    pub addr: SocketAddr,
    accepted: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<RawRequest>>>,
    streamed: tokio::sync::Mutex<mpsc::UnboundedReceiver<u64>>,
    task: tokio::task::JoinHandle<()>,
}

impl FaultServer {
    pub async fn start(script: Script) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let accepted = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (streamed_tx, streamed) = mpsc::unbounded_channel();
        let task = tokio::spawn({
            let accepted = accepted.clone();
            let requests = requests.clone();
            async move {
                while let Ok((socket, _)) = listener.accept().await {
                    accepted.fetch_add(1, Ordering::SeqCst);
                    let script = script.clone();
                    let requests = requests.clone();
                    let streamed_tx = streamed_tx.clone();
                    tokio::spawn(serve(socket, script, requests, streamed_tx));
                }
            }
        });
        FaultServer {
            base_url: format!("http://{addr}/api"),
            addr,
            accepted,
            requests,
            streamed: tokio::sync::Mutex::new(streamed),
            task,
        }
    }

    /// Connections accepted so far.
    pub fn accepted(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }

    /// Requests read so far.
    pub fn requests(&self) -> Vec<RawRequest> {
        self.requests.lock().unwrap().clone()
    }

    /// Waits for the next [`Script::Stream`] connection to end; the body bytes it wrote.
    pub async fn streamed(&self) -> u64 {
        self.streamed
            .lock()
            .await
            .recv()
            .await
            .expect("the server stopped")
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(
    mut socket: TcpStream,
    script: Script,
    requests: Arc<Mutex<Vec<RawRequest>>>,
    streamed: mpsc::UnboundedSender<u64>,
) {
    if let Script::CloseOnAccept = script {
        return; // dropped: closed
    }
    let Some(request) = read_request(&mut socket).await else {
        return;
    };
    requests.lock().unwrap().push(request);
    match script {
        Script::CloseOnAccept => {}
        Script::CloseAfterRequest => {
            let _ = socket.shutdown().await;
        }
        Script::Silent => wait_for_close(&mut socket).await,
        Script::Send { bytes, then } => {
            if socket.write_all(&bytes).await.is_err() {
                return;
            }
            let _ = socket.flush().await;
            match then {
                Then::Close => {
                    let _ = socket.shutdown().await;
                }
                Then::Reset => {
                    let mut buf = [0u8; 64];
                    let _ = tokio::time::timeout(Duration::from_millis(200), socket.read(&mut buf))
                        .await;
                    socket.set_zero_linger().unwrap();
                    drop(socket); // RST
                }
                Then::ResetOnceClosed => {
                    wait_for_close(&mut socket).await;
                    socket.set_zero_linger().unwrap();
                }
                Then::Stall => wait_for_close(&mut socket).await,
                Then::MoreThenStall(more) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    if socket.write_all(more).await.is_ok() {
                        let _ = socket.flush().await;
                        wait_for_close(&mut socket).await;
                    }
                }
            }
        }
        Script::Stream { head, total, fill } => {
            let mut written = 0u64;
            if socket.write_all(&head).await.is_ok() {
                let chunk = vec![fill; 64 * 1024];
                while written < total {
                    let n = chunk.len().min((total - written) as usize);
                    match socket.write(&chunk[..n]).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => written += n as u64,
                    }
                }
            }
            let _ = streamed.send(written);
        }
    }
}

/// Holds the connection until the client closes it (or sends something unexpected).
async fn wait_for_close(socket: &mut TcpStream) {
    let mut buf = [0u8; 1024];
    while let Ok(n) = socket.read(&mut buf).await {
        if n == 0 {
            break;
        }
    }
}

/// The bytes of a response head: the status line, the headers, the blank line.
pub fn head(status_line: &str, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status_line}\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

/// A head with `Content-Length` of `body`, followed by `body`.
pub fn answer(status_line: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let length = body.len().to_string();
    let mut all: Vec<(&str, &str)> = headers.to_vec();
    all.push(("Content-Length", &length));
    all.push(("Connection", "close"));
    let mut out = head(status_line, &all);
    out.extend_from_slice(body);
    out
}

/// What a [`RouteServer`] does with one request.
pub enum Reply {
    /// Writes these bytes (a whole answer).
    Bytes(Vec<u8>),
    /// Never answers; holds the connection until the client leaves.
    Silent,
    /// Closes the connection without a byte.
    Close,
}

type Handler = dyn Fn(&RawRequest) -> Reply + Send + Sync;

/// A server answering each request with what `handler` says, optionally keeping connections
/// alive (HTTP/1.1 without pipelining, as hyper's client sends).
pub struct RouteServer {
    pub base_url: String,
    accepted: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl RouteServer {
    pub async fn start(
        keep_alive: bool,
        handler: impl Fn(&RawRequest) -> Reply + Send + Sync + 'static,
    ) -> RouteServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let accepted = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let task = tokio::spawn({
            let accepted = accepted.clone();
            let requests = requests.clone();
            async move {
                while let Ok((mut socket, _)) = listener.accept().await {
                    accepted.fetch_add(1, Ordering::SeqCst);
                    let handler = handler.clone();
                    let requests = requests.clone();
                    tokio::spawn(async move {
                        while let Some(request) = read_request(&mut socket).await {
                            requests.fetch_add(1, Ordering::SeqCst);
                            match handler(&request) {
                                Reply::Bytes(bytes) => {
                                    if socket.write_all(&bytes).await.is_err() {
                                        return;
                                    }
                                }
                                Reply::Silent => return wait_for_close(&mut socket).await,
                                Reply::Close => return,
                            }
                            if !keep_alive {
                                let _ = socket.shutdown().await;
                                return;
                            }
                        }
                    });
                }
            }
        });
        RouteServer {
            base_url: format!("http://{addr}/api"),
            accepted,
            requests,
            task,
        }
    }

    /// Connections accepted so far.
    pub fn accepted(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }

    /// Requests read so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for RouteServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A head with `Content-Length` of `body` (no `Connection: close`), followed by `body`.
pub fn keep_alive_answer(status_line: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let length = body.len().to_string();
    let mut all: Vec<(&str, &str)> = headers.to_vec();
    all.push(("Content-Length", &length));
    let mut out = head(status_line, &all);
    out.extend_from_slice(body);
    out
}
