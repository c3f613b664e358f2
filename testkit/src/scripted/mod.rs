//! A scripted HTTP/1.1 server on 127.0.0.1, for the faults a real server rarely shows: every
//! answer, and every way of not answering, is chosen by the test. Where the stand-in
//! ([`StandIn`](crate::StandIn)) behaves like Semaphore, this one does exactly what it is
//! told: a status no route gives, a body cut short, a reset, silence, a body that never ends,
//! a WebSocket that sends what the test wants. It records each request (parsed with
//! `httparse`, bodies by `Content-Length` or chunked) and counts connections. A canned answer
//! that a server could give is httpmock's job; this server is for what httpmock cannot do.
//!
//! ```
//! use semaphore_api_testkit::scripted::{Reply, ScriptedServer};
//! use tokio::io::{AsyncReadExt, AsyncWriteExt};
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! // A server that drops every connection once it has read the request.
//! let server = ScriptedServer::always(Reply::Close).await;
//! // (a client under test would be given `server.base_url`)
//! let mut socket = tokio::net::TcpStream::connect(server.addr).await.unwrap();
//! socket.write_all(b"GET /api/user/tokens HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
//! let mut answer = Vec::new();
//! socket.read_to_end(&mut answer).await.unwrap();
//! assert!(answer.is_empty());
//! assert_eq!(server.last().target, "/api/user/tokens");
//! # }
//! ```

mod connection;
mod raw;
mod reply;
mod request;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::net::TcpListener;
use tokio::sync::mpsc;

pub use raw::{NO_CONTENT, closing_response, head, response, status_line};
pub use reply::{Reply, Then};
pub use request::{Request, RequestReader};

use connection::Connection;

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// A running server; stops when dropped.
pub struct ScriptedServer {
    /// `http://127.0.0.1:PORT/api`
    pub base_url: String,
    pub addr: SocketAddr,
    record: Arc<Record>,
    streamed: tokio::sync::Mutex<mpsc::UnboundedReceiver<u64>>,
    task: tokio::task::JoinHandle<()>,
}

/// What the server saw: connections accepted, requests read, and those read and not yet
/// answered (now, and the most at once).
#[derive(Default)]
struct Record {
    accepted: AtomicUsize,
    requests: Mutex<Vec<Request>>,
    in_hand: AtomicUsize,
    most_in_hand: AtomicUsize,
}

impl ScriptedServer {
    /// Answers every request with `handler(&request)`.
    pub async fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Self {
        Self::listen(Some(Arc::new(handler))).await
    }

    /// Answers every request with these bytes and closes the connection.
    pub async fn replying_with(bytes: &str) -> Self {
        Self::always(Reply::bytes(bytes)).await
    }

    /// Answers every request with the same reply; [`Reply::CloseOnAccept`] closes each
    /// connection as soon as it is accepted, before reading a byte.
    pub async fn always(reply: Reply) -> Self {
        match reply {
            Reply::CloseOnAccept => Self::listen(None).await,
            reply => Self::start(move |_| reply.clone()).await,
        }
    }

    async fn listen(handler: Option<Arc<Handler>>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let record = Arc::new(Record::default());
        let (streamed_tx, streamed) = mpsc::unbounded_channel();
        let task = tokio::spawn({
            let record = record.clone();
            async move {
                while let Ok((socket, _)) = listener.accept().await {
                    record.accepted.fetch_add(1, Ordering::SeqCst);
                    let Some(handler) = handler.clone() else {
                        continue; // dropped: closed
                    };
                    let connection = Connection {
                        socket,
                        reader: RequestReader::default(),
                    };
                    let (record, streamed) = (record.clone(), streamed_tx.clone());
                    tokio::spawn(connection::serve(connection, handler, record, streamed));
                }
            }
        });
        ScriptedServer {
            base_url: format!("http://{addr}/api"),
            addr,
            record,
            streamed: tokio::sync::Mutex::new(streamed),
            task,
        }
    }

    /// `http://127.0.0.1:PORT`, without the `/api` of `base_url`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Connections accepted so far.
    pub fn accepted(&self) -> usize {
        self.record.accepted.load(Ordering::SeqCst)
    }

    /// The most requests read and not yet answered at once.
    pub fn most_in_hand(&self) -> usize {
        self.record.most_in_hand.load(Ordering::SeqCst)
    }

    /// Requests read so far, in order.
    pub fn requests(&self) -> Vec<Request> {
        self.record.requests.lock().unwrap().clone()
    }

    /// The last request read.
    pub fn last(&self) -> Request {
        self.requests()
            .pop()
            .expect("no request reached the server")
    }

    /// Waits for the next [`Reply::Stream`] to end; the body bytes it wrote.
    pub async fn streamed(&self) -> u64 {
        self.streamed
            .lock()
            .await
            .recv()
            .await
            .expect("the server stopped")
    }
}

impl Drop for ScriptedServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
