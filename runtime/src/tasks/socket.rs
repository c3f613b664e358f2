//! Semaphore's `/api/ws` WebSocket: connecting with the client's credentials and TLS, and
//! reading its text messages.
//!
//! The server (`api/sockets/`) authenticates the upgrade like any API call (an
//! `Authorization: Bearer` token, else the `semaphore` cookie), does not check `Origin`,
//! pings every 54 s, and closes a connection whose 256-message queue is full.

#[cfg(feature = "rustls")]
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::handshake::client::Request;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

use crate::Client;

/// The longest wait for the socket's TCP connection and handshake when the client has no
/// timeout.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How the client's sockets reach the server; set by the client's builder.
#[derive(Clone, Default)]
pub(crate) struct SocketConfig {
    /// Whether the socket may connect directly (not when a proxy was set explicitly).
    pub(crate) direct: bool,
    /// The rustls config of the client's own `reqwest::Client` (`None` for one given to
    /// `http_client`: the platform's roots are used).
    #[cfg(feature = "rustls")]
    pub(crate) tls: Option<Arc<rustls::ClientConfig>>,
}

/// A byte stream the socket runs over: TCP, or TLS over TCP.
trait Io: AsyncRead + AsyncWrite + Send + Sync + Unpin {}
impl<T: AsyncRead + AsyncWrite + Send + Sync + Unpin> Io for T {}

/// An open `/api/ws` connection.
pub(crate) struct Socket {
    ws: WebSocketStream<Box<dyn Io>>,
}

/// What reading the socket gave.
pub(crate) enum Frame {
    /// A text message (or a binary one, taken as text).
    Text(String),
    /// The connection ended, failed or stayed silent past the idle limit: why, in a few words
    /// (for a debug log; never the server's words).
    Closed(&'static str),
}

impl Socket {
    /// Opens the socket, or says in a few words why not (nothing secret: no header, no URL).
    pub(crate) async fn connect(client: &Client) -> Result<Socket, &'static str> {
        let inner = &client.inner;
        if !inner.socket.direct {
            return Err("a proxy is set and the socket cannot use it");
        }
        let limit = inner
            .timeout
            .unwrap_or(CONNECT_TIMEOUT)
            .min(CONNECT_TIMEOUT);
        match tokio::time::timeout(limit, Socket::open(client)).await {
            Ok(result) => result,
            Err(_) => Err("the socket did not open in time"),
        }
    }

    async fn open(client: &Client) -> Result<Socket, &'static str> {
        let inner = &client.inner;
        let base = &inner.base_url;
        let secure = base.scheme() == "https";
        let host = base.host_str().ok_or("the base URL has no host")?;
        let port = base.port_or_known_default().unwrap_or(80);
        let mut url = base.clone();
        url.set_scheme(if secure { "wss" } else { "ws" })
            .map_err(|()| "the socket URL cannot be built")?;
        url.set_path(&format!("{}/ws", base.path().trim_end_matches('/')));
        let request = request(client, url.as_str())?;
        let tcp = TcpStream::connect((host.trim_start_matches('[').trim_end_matches(']'), port))
            .await
            .map_err(|_| "the socket could not connect")?;
        let _ = tcp.set_nodelay(true);
        let io: Box<dyn Io> = if secure {
            tls(client, host, tcp).await?
        } else {
            Box::new(tcp)
        };
        let config = WebSocketConfig::default()
            .max_message_size(Some(inner.max_response_bytes))
            .max_frame_size(Some(inner.max_response_bytes));
        let (ws, _) = tokio_tungstenite::client_async_with_config(request, io, Some(config))
            .await
            .map_err(|e| match e {
                tokio_tungstenite::tungstenite::Error::Http(response) => {
                    match response.status().as_u16() {
                        401 => "the server refused the socket (401)",
                        403 => "the server refused the socket (403)",
                        404 => "the server has no socket (404)",
                        _ => "the server refused the socket",
                    }
                }
                _ => "the socket handshake failed",
            })?;
        Ok(Socket { ws })
    }

    /// The next message; [`Frame::Closed`] when the connection ends, fails, or sends nothing
    /// (not even a ping) for `idle`.
    pub(crate) async fn next(&mut self, idle: Duration) -> Frame {
        loop {
            let item = match tokio::time::timeout(idle, self.ws.next()).await {
                Err(_) => return Frame::Closed("the socket stayed silent"),
                Ok(None) => return Frame::Closed("the socket closed"),
                Ok(Some(Err(_))) => return Frame::Closed("the socket failed"),
                Ok(Some(Ok(item))) => item,
            };
            match item {
                Message::Text(text) => return Frame::Text(text.as_str().to_owned()),
                Message::Binary(bytes) => {
                    return Frame::Text(String::from_utf8_lossy(&bytes).into_owned());
                }
                Message::Close(_) => return Frame::Closed("the server closed the socket"),
                // Pings are answered by tungstenite itself.
                Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => {}
            }
        }
    }
}

/// The upgrade request, with the credential the server reads: the bearer token when there is
/// one (the server then ignores cookies), else the session cookie. Both headers are marked
/// sensitive.
fn request(client: &Client, url: &str) -> Result<Request, &'static str> {
    let mut request = url
        .into_client_request()
        .map_err(|_| "the socket URL is not valid")?;
    let credentials = &client.inner.credentials;
    let headers = request.headers_mut();
    if let Some(bearer) = credentials.bearer() {
        headers.insert(reqwest::header::AUTHORIZATION, bearer.clone());
    } else if let Some(cookie) = credentials.session_header() {
        headers.insert(reqwest::header::COOKIE, cookie);
    }
    headers.insert(
        reqwest::header::USER_AGENT,
        reqwest::header::HeaderValue::from_static(concat!(
            "semaphore-api/",
            env!("CARGO_PKG_VERSION")
        )),
    );
    Ok(request)
}

#[cfg(feature = "rustls")]
async fn tls(client: &Client, host: &str, tcp: TcpStream) -> Result<Box<dyn Io>, &'static str> {
    let config = match &client.inner.socket.tls {
        Some(config) => (**config).clone(),
        None => crate::tls::TlsOptions::default()
            .client_config()
            .map_err(|_| "TLS cannot start")?,
    };
    let mut config = config;
    // The upgrade is an HTTP/1.1 request.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let name = rustls::pki_types::ServerName::try_from(
        host.trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned(),
    )
    .map_err(|_| "the host is not a valid TLS server name")?;
    let stream = tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .map_err(|_| "the socket's TLS handshake failed")?;
    Ok(Box::new(stream))
}

#[cfg(not(feature = "rustls"))]
async fn tls(_: &Client, _: &str, _: TcpStream) -> Result<Box<dyn Io>, &'static str> {
    Err("https:// needs the rustls feature")
}
