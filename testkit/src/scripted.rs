//! A scripted HTTP/1.1 server on 127.0.0.1, for the faults a real server rarely shows: every
//! answer, and every way of not answering, is chosen by the test. Where the stand-in
//! ([`StandIn`](crate::StandIn)) behaves like Semaphore, this one does exactly what it is
//! told: a status no route gives, a body cut short, a reset, silence, a body that never ends,
//! a WebSocket that sends what the test wants. It records each request (parsed with
//! `httparse`, bodies by `Content-Length` or chunked) and counts connections.
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

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
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

    /// Whether the request carried `Authorization` or `Cookie` (for a proxy: in clear).
    pub fn credentials_in_clear(&self) -> bool {
        self.header("authorization").is_some() || self.header("cookie").is_some()
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
    /// With [`ScriptedServer::always`]: closes each connection as soon as it is accepted,
    /// before reading a byte (elsewhere, the same as [`Reply::Close`]).
    CloseOnAccept,
    /// Never answers: holds the connection until the client leaves.
    Silent,
    /// Writes `head`, then `body` in pieces of `piece` bytes, `every` apart, then closes.
    Trickle {
        head: Vec<u8>,
        body: Vec<u8>,
        piece: usize,
        every: Duration,
    },
    /// Answers a `CONNECT` with 200 and tunnels the connection to the same port on
    /// 127.0.0.1, whatever the host: no test traffic leaves the machine.
    Tunnel,
    /// Hands the connection to the test, which writes what it wants (a `101 Switching
    /// Protocols` and WebSocket frames, say): see [`Reply::handover`].
    Handover(Handover),
    /// Waits `delay` (the request counted as in hand), then does `then`.
    Delayed { delay: Duration, then: Box<Reply> },
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

/// What [`Reply::Handover`] runs with the connection.
#[derive(Clone)]
pub struct Handover(Arc<HandoverFn>);

type HandoverFn = dyn Fn(TcpStream) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync;

impl std::fmt::Debug for Handover {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Handover(..)")
    }
}

impl Reply {
    /// Gives the connection, once its request is read, to `serve`: whatever it writes is the
    /// answer, and the connection ends when it returns (and drops the stream).
    pub fn handover<F>(serve: impl Fn(TcpStream) -> F + Send + Sync + 'static) -> Reply
    where
        F: Future<Output = ()> + Send + 'static,
    {
        Reply::Handover(Handover(Arc::new(move |socket| Box::pin(serve(socket)))))
    }

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

    /// These bytes (a whole answer), on a connection kept alive.
    pub fn keep_alive(bytes: impl Into<Vec<u8>>) -> Reply {
        Reply::Send {
            bytes: bytes.into(),
            then: Then::KeepAlive,
        }
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
    in_hand: Arc<InHand>,
    streamed: tokio::sync::Mutex<mpsc::UnboundedReceiver<u64>>,
    task: tokio::task::JoinHandle<()>,
}

/// Requests read and not yet answered: now, and the most at once.
#[derive(Default)]
struct InHand {
    now: AtomicUsize,
    most: AtomicUsize,
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

    /// Answers every request with the same reply.
    pub async fn always(reply: Reply) -> Self {
        if let Reply::CloseOnAccept = reply {
            return Self::closing_on_accept().await;
        }
        Self::start(move |_| reply.clone()).await
    }

    /// Answers each request with the reply last given to the returned [`NextReply`].
    pub async fn scripted_by_test() -> (Self, NextReply) {
        let next = NextReply(Arc::new(Mutex::new(Reply::empty(204))));
        let handle = next.clone();
        let server = Self::start(move |_| handle.0.lock().unwrap().clone()).await;
        (server, next)
    }

    /// A forward proxy: `CONNECT host:port` is tunnelled to 127.0.0.1:port, and a request in
    /// absolute form (`GET http://host/path`) is answered by the proxy itself, as if from
    /// the origin, with [`LISTING`]. [`ScriptedServer::origin`] is its URL.
    pub async fn forward_proxy() -> Self {
        Self::start(|request| match request.method.as_str() {
            "CONNECT" => Reply::Tunnel,
            _ => Reply::json(200, &serde_json::from_str(LISTING).unwrap()),
        })
        .await
    }

    /// A forward proxy for plain `http://` that works: each connection is relayed, from its
    /// first request on (sent again in origin form), to the port its target names on
    /// 127.0.0.1, whatever the host, byte for byte both ways (an upgraded socket included).
    /// [`requests`](Self::requests) holds each connection's first request.
    pub async fn relaying_proxy() -> Self {
        Self::start(|request| {
            let target = request.target.clone();
            let rest = target.strip_prefix("http://").unwrap_or(&target);
            let (authority, path) = match rest.split_once('/') {
                Some((authority, path)) => (authority.to_owned(), format!("/{path}")),
                None => (rest.to_owned(), "/".to_owned()),
            };
            let port: u16 = authority
                .rsplit_once(':')
                .and_then(|(_, port)| port.parse().ok())
                .unwrap_or(80);
            let mut first = format!("{} {path} HTTP/1.1\r\n", request.method);
            for (name, value) in &request.headers {
                first.push_str(&format!("{name}: {value}\r\n"));
            }
            first.push_str("\r\n");
            let mut first = first.into_bytes();
            first.extend_from_slice(&request.body);
            Reply::handover(move |mut client| {
                let first = first.clone();
                async move {
                    let Ok(mut upstream) = TcpStream::connect(("127.0.0.1", port)).await else {
                        return;
                    };
                    if upstream.write_all(&first).await.is_ok() {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
                    }
                }
            })
        })
        .await
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
        let in_hand = Arc::new(InHand::default());
        let (streamed_tx, streamed) = mpsc::unbounded_channel();
        let task = tokio::spawn({
            let accepted = accepted.clone();
            let requests = requests.clone();
            let in_hand = in_hand.clone();
            async move {
                while let Ok((socket, _)) = listener.accept().await {
                    accepted.fetch_add(1, Ordering::SeqCst);
                    let Some(handler) = handler.clone() else {
                        continue; // dropped: closed
                    };
                    let connection = Connection {
                        socket,
                        reader: RequestReader::default(),
                    };
                    tokio::spawn(serve(
                        connection,
                        handler,
                        requests.clone(),
                        in_hand.clone(),
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
            in_hand,
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
        self.accepted.load(Ordering::SeqCst)
    }

    /// The most requests read and not yet answered at once.
    pub fn most_in_hand(&self) -> usize {
        self.in_hand.most.load(Ordering::SeqCst)
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
    reader: RequestReader,
}

impl Connection {
    async fn request(&mut self) -> Option<Request> {
        self.reader.next(&mut self.socket).await
    }

    /// Holds the connection until the client closes it.
    async fn wait_for_close(&mut self) {
        while self.reader.fill(&mut self.socket).await {}
    }
}

/// Reads the requests of one connection, over TCP or TLS.
#[derive(Default)]
pub struct RequestReader {
    /// Bytes read but not yet parsed.
    buffer: Vec<u8>,
}

impl RequestReader {
    /// Reads more bytes into the buffer; `false` at the end of the stream or on an error.
    async fn fill<S: AsyncRead + Unpin>(&mut self, stream: &mut S) -> bool {
        let mut chunk = [0u8; 8192];
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => false,
            Ok(n) => {
                self.buffer.extend_from_slice(&chunk[..n]);
                true
            }
        }
    }

    /// The next request; `None` when the client closed the connection or sent no HTTP.
    pub async fn next<S: AsyncRead + Unpin>(&mut self, stream: &mut S) -> Option<Request> {
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
                    if !self.fill(stream).await {
                        return None;
                    }
                }
            }
        };
        self.buffer.drain(..head_length);
        request.body = match framing {
            Framing::Length(length) => {
                while self.buffer.len() < length {
                    if !self.fill(stream).await {
                        return None;
                    }
                }
                self.buffer.drain(..length).collect()
            }
            Framing::Chunked => self.chunked_body(stream).await?,
        };
        Some(request)
    }

    async fn chunked_body<S: AsyncRead + Unpin>(&mut self, stream: &mut S) -> Option<Vec<u8>> {
        let mut body = Vec::new();
        loop {
            let (start, size) = loop {
                match httparse::parse_chunk_size(&self.buffer).ok()? {
                    httparse::Status::Complete((start, size)) => break (start, size as usize),
                    httparse::Status::Partial => {
                        if !self.fill(stream).await {
                            return None;
                        }
                    }
                }
            };
            // the chunk's data and its CRLF; the last chunk is followed by the final CRLF
            while self.buffer.len() < start + size + 2 {
                if !self.fill(stream).await {
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
    in_hand: Arc<InHand>,
    streamed: mpsc::UnboundedSender<u64>,
) {
    while let Some(request) = connection.request().await {
        let now = in_hand.now.fetch_add(1, Ordering::SeqCst) + 1;
        in_hand.most.fetch_max(now, Ordering::SeqCst);
        let mut reply = handler(&request);
        // A tunnel goes to this request's port, not to whatever request was logged last.
        let target = request.target.clone();
        requests.lock().unwrap().push(request);
        while let Reply::Delayed { delay, then } = reply {
            tokio::time::sleep(delay).await;
            reply = *then;
        }
        in_hand.now.fetch_sub(1, Ordering::SeqCst);
        let socket = &mut connection.socket;
        match reply {
            Reply::Delayed { .. } => unreachable!("unwrapped above"),
            Reply::Handover(Handover(serve)) => return serve(connection.socket).await,
            Reply::Tunnel => {
                let port = target.rsplit(':').next().unwrap_or_default();
                let Ok(mut upstream) = TcpStream::connect(format!("127.0.0.1:{port}")).await else {
                    let _ = socket.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n").await;
                    return;
                };
                let established = b"HTTP/1.1 200 Connection established\r\n\r\n";
                if socket.write_all(established).await.is_ok() {
                    let _ = tokio::io::copy_bidirectional(socket, &mut upstream).await;
                }
                return;
            }
            Reply::Trickle {
                head,
                body,
                piece,
                every,
            } => {
                if socket.write_all(&head).await.is_err() {
                    return;
                }
                for piece in body.chunks(piece.max(1)) {
                    tokio::time::sleep(every).await;
                    if socket.write_all(piece).await.is_err() || socket.flush().await.is_err() {
                        return;
                    }
                }
                let _ = socket.shutdown().await;
                return;
            }
            Reply::Close | Reply::CloseOnAccept => return,
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

/// A forward proxy's own answer to an absolute-form request: one token.
pub const LISTING: &str =
    r#"[{"id":"t","created":"2024-10-25T10:11:12Z","expired":false,"user_id":1}]"#;

/// A 204 as the real server sends it: empty body, JSON content type.
pub const NO_CONTENT: &str =
    "HTTP/1.1 204 No Content\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";

/// `"200 OK"`, `"404 Not Found"`, ...: the status line's code and reason.
pub fn status_line(status: u16) -> String {
    let reason = http_reason(status);
    format!("{status} {reason}")
}

fn http_reason(status: u16) -> &'static str {
    hyper::StatusCode::from_u16(status)
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
