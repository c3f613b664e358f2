//! The one scripted server of the tests: a loopback HTTP/1.1 server whose every answer, and
//! every fault, is chosen by the test. Requests are parsed with `httparse` (bodies by
//! `Content-Length` or chunked); answers are bytes, so a test can send what no server should.
//! It records each request and counts connections and the body bytes it streamed.

#![allow(dead_code)] // each test module uses a part

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The request target exactly as sent: path and query, percent-encoding untouched.
    pub target: String,
    pub headers: Vec<(String, String)>,
    /// The body, de-chunked when it came chunked.
    pub body: Vec<u8>,
}

impl Request {
    /// The value of a header (case-insensitive name); `None` when absent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The path part of the target.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// The body as JSON (`Null` when it is not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// What the server does after reading a request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Writes `bytes`, then does `then`.
    Send { bytes: Vec<u8>, then: Then },
    /// Closes the connection without writing a byte.
    Close,
    /// Never answers: holds the connection until the client leaves.
    Silent,
    /// Writes `head`, then `fill` bytes until `total` body bytes are out or the client has
    /// gone away; the count is reported by [`ScriptedServer::streamed`].
    Stream { head: Vec<u8>, total: u64, fill: u8 },
}

/// How a connection goes on after [`Reply::Send`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Then {
    /// Reads the next request on the same connection (keep-alive).
    KeepAlive,
    /// A clean close (FIN).
    Close,
    /// A reset (RST, `SO_LINGER` 0), once the client has closed its side or after 200 ms.
    Reset,
    /// A reset once the client has closed its side (for a client that stops reading after
    /// the head: the reset cannot overtake the head).
    ResetOnceClosed,
    /// Nothing more: the connection stays open until the client closes it.
    Stall,
}

impl Reply {
    /// A whole answer with `Content-Length`, on a connection kept alive.
    pub fn answer(status_line: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        Reply::Send {
            bytes: answer(status_line, headers, body),
            then: Then::KeepAlive,
        }
    }

    /// `status` with a JSON body, as the real server sends it.
    pub fn json(status: u16, body: &serde_json::Value) -> Reply {
        Reply::answer(
            &status_line(status),
            &[("Content-Type", "application/json")],
            body.to_string().as_bytes(),
        )
    }

    /// `status` with an empty body labelled JSON, as the real server sends a 204 or an error.
    pub fn empty(status: u16) -> Reply {
        Reply::answer(
            &status_line(status),
            &[("Content-Type", "application/json")],
            b"",
        )
    }

    /// These bytes, then a clean close.
    pub fn bytes(bytes: impl Into<Vec<u8>>) -> Reply {
        Reply::Send {
            bytes: bytes.into(),
            then: Then::Close,
        }
    }
}

/// The reply a [`ScriptedServer::scripted_by_test`] server gives from now on.
#[derive(Clone)]
pub struct NextReply(Arc<Mutex<Reply>>);

impl NextReply {
    pub fn set(&self, reply: Reply) {
        *self.0.lock().unwrap() = reply;
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// A running server; stops when dropped.
pub struct ScriptedServer {
    /// `http://127.0.0.1:PORT/api`
    pub base_url: String,
    pub addr: SocketAddr,
    accepted: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<Request>>>,
    streamed: tokio::sync::Mutex<mpsc::UnboundedReceiver<u64>>,
    task: tokio::task::JoinHandle<()>,
}

impl ScriptedServer {
    /// Answers every request with `handler(&request)`.
    pub async fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Self {
        Self::listen(Some(Arc::new(handler))).await
    }

    /// Answers every request with the same reply.
    pub async fn always(reply: Reply) -> Self {
        Self::start(move |_| reply.clone()).await
    }

    /// Answers each request with the reply last given to the returned [`NextReply`].
    pub async fn scripted_by_test() -> (Self, NextReply) {
        let next = NextReply(Arc::new(Mutex::new(Reply::empty(204))));
        let handle = next.clone();
        let server = Self::start(move |_| handle.0.lock().unwrap().clone()).await;
        (server, next)
    }

    /// Closes every connection as soon as it is accepted, before reading a byte.
    pub async fn closing_on_accept() -> Self {
        Self::listen(None).await
    }

    async fn listen(handler: Option<Arc<Handler>>) -> Self {
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
                    let Some(handler) = handler.clone() else {
                        continue; // dropped: closed
                    };
                    let connection = Connection {
                        socket,
                        buffer: Vec::new(),
                    };
                    tokio::spawn(serve(
                        connection,
                        handler,
                        requests.clone(),
                        streamed_tx.clone(),
                    ));
                }
            }
        });
        ScriptedServer {
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

    /// Requests read so far, in order.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
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

struct Connection {
    socket: TcpStream,
    /// Bytes read but not yet parsed.
    buffer: Vec<u8>,
}

impl Connection {
    /// Reads more bytes into the buffer; `false` at the end of the stream or on an error.
    async fn fill(&mut self) -> bool {
        let mut chunk = [0u8; 8192];
        match self.socket.read(&mut chunk).await {
            Ok(0) | Err(_) => false,
            Ok(n) => {
                self.buffer.extend_from_slice(&chunk[..n]);
                true
            }
        }
    }

    /// Reads one request; `None` when the client closed the connection or sent no HTTP.
    async fn request(&mut self) -> Option<Request> {
        let (mut request, head_length, framing) = loop {
            let mut headers = [httparse::EMPTY_HEADER; 64];
            let mut parsed = httparse::Request::new(&mut headers);
            match parsed.parse(&self.buffer).ok()? {
                httparse::Status::Complete(length) => {
                    let headers: Vec<(String, String)> = parsed
                        .headers
                        .iter()
                        .map(|h| {
                            let value = String::from_utf8_lossy(h.value).into_owned();
                            (h.name.to_owned(), value)
                        })
                        .collect();
                    let request = Request {
                        method: parsed.method?.to_owned(),
                        target: parsed.path?.to_owned(),
                        headers,
                        body: Vec::new(),
                    };
                    let framing = Framing::of(&request);
                    break (request, length, framing);
                }
                httparse::Status::Partial => {
                    if !self.fill().await {
                        return None;
                    }
                }
            }
        };
        self.buffer.drain(..head_length);
        request.body = match framing {
            Framing::Length(length) => {
                while self.buffer.len() < length {
                    if !self.fill().await {
                        return None;
                    }
                }
                self.buffer.drain(..length).collect()
            }
            Framing::Chunked => self.chunked_body().await?,
        };
        Some(request)
    }

    async fn chunked_body(&mut self) -> Option<Vec<u8>> {
        let mut body = Vec::new();
        loop {
            let (start, size) = loop {
                match httparse::parse_chunk_size(&self.buffer).ok()? {
                    httparse::Status::Complete((start, size)) => break (start, size as usize),
                    httparse::Status::Partial => {
                        if !self.fill().await {
                            return None;
                        }
                    }
                }
            };
            // the chunk's data and its CRLF; the last chunk is followed by the final CRLF
            while self.buffer.len() < start + size + 2 {
                if !self.fill().await {
                    return None;
                }
            }
            body.extend_from_slice(&self.buffer[start..start + size]);
            self.buffer.drain(..start + size + 2);
            if size == 0 {
                return Some(body);
            }
        }
    }

    /// Holds the connection until the client closes it.
    async fn wait_for_close(&mut self) {
        while self.fill().await {}
    }
}

enum Framing {
    Length(usize),
    Chunked,
}

impl Framing {
    fn of(request: &Request) -> Framing {
        let chunked = request
            .header("transfer-encoding")
            .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
        if chunked {
            return Framing::Chunked;
        }
        let length = request
            .header("content-length")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        Framing::Length(length)
    }
}

async fn serve(
    mut connection: Connection,
    handler: Arc<Handler>,
    requests: Arc<Mutex<Vec<Request>>>,
    streamed: mpsc::UnboundedSender<u64>,
) {
    while let Some(request) = connection.request().await {
        let reply = handler(&request);
        requests.lock().unwrap().push(request);
        let socket = &mut connection.socket;
        match reply {
            Reply::Close => return,
            Reply::Silent => return connection.wait_for_close().await,
            Reply::Stream { head, total, fill } => {
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
                return;
            }
            Reply::Send { bytes, then } => {
                if socket.write_all(&bytes).await.is_err() {
                    return;
                }
                let _ = socket.flush().await;
                match then {
                    Then::KeepAlive => continue,
                    Then::Close => {
                        let _ = socket.shutdown().await;
                        return;
                    }
                    Then::Reset => {
                        let mut buf = [0u8; 64];
                        let wait = Duration::from_millis(200);
                        let _ = tokio::time::timeout(wait, socket.read(&mut buf)).await;
                        let _ = socket.set_zero_linger();
                        return; // dropped: RST
                    }
                    Then::ResetOnceClosed => {
                        connection.wait_for_close().await;
                        let _ = connection.socket.set_zero_linger();
                        return;
                    }
                    Then::Stall => return connection.wait_for_close().await,
                }
            }
        }
    }
}

/// `"200 OK"`, `"404 Not Found"`, ...: the status line's code and reason.
pub fn status_line(status: u16) -> String {
    let reason = http_reason(status);
    format!("{status} {reason}")
}

fn http_reason(status: u16) -> &'static str {
    semaphore_api::reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Unknown")
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
    let mut out = head(status_line, &all);
    out.extend_from_slice(body);
    out
}

/// [`answer`] with `Connection: close`.
pub fn closing_answer(status_line: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut all: Vec<(&str, &str)> = headers.to_vec();
    all.push(("Connection", "close"));
    answer(status_line, &all, body)
}
