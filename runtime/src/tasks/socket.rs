//! Semaphore's `/api/ws` WebSocket: upgraded from a `GET /api/ws` that reqwest sends, so that
//! the socket goes through the same proxies and TLS as the REST calls, then framed by
//! tokio-websockets.
//!
//! The server (`api/sockets/`) authenticates the upgrade like any API call (an
//! `Authorization: Bearer` token, else the `semaphore` cookie), does not check `Origin`,
//! pings every 54 s, and closes a connection whose 256-message queue is full. Nothing on this
//! path logs a header or a message: reqwest and hyper log neither, tokio-websockets logs
//! nothing.

use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use base64::Engine;
use futures_util::StreamExt;
use reqwest::header::{
    AUTHORIZATION, CONNECTION, COOKIE, HeaderMap, SEC_WEBSOCKET_ACCEPT, SEC_WEBSOCKET_KEY,
    SEC_WEBSOCKET_VERSION, UPGRADE,
};
use tokio_websockets::{Limits, WebSocketStream};

use super::message::Message;
use crate::Client;
use crate::client::http::DEFAULT_CONNECT_TIMEOUT;

/// The largest socket message read (a larger one ends the socket: the follower then reads
/// the stored output). Semaphore's are one output line or one status each.
pub(crate) const MAX_MESSAGE_BYTES: usize = 1024 * 1024;

/// An open `/api/ws` connection.
pub(crate) struct Socket {
    ws: WebSocketStream<reqwest::Upgraded>,
}

/// What reading the socket gave.
pub(crate) enum Frame {
    /// A message, read as the server's JSON ([`Message::Malformed`] for anything else,
    /// a binary message included).
    Message(Message),
    /// The connection ended, failed, stayed silent past the idle limit or sent a message over
    /// the size limit: why, in a few words (for a debug log; never the server's words).
    Closed(&'static str),
}

impl Socket {
    /// Opens the socket, or says in a few words why not (nothing secret: no header, no URL).
    pub(crate) async fn connect(client: &Client) -> Result<Socket, &'static str> {
        // The connection opens within the client's connect timeout; the upgrade's answer
        // comes within the call timeout, and never later than this.
        let limit = client
            .inner
            .timeout
            .unwrap_or(DEFAULT_CONNECT_TIMEOUT)
            .min(DEFAULT_CONNECT_TIMEOUT);
        match tokio::time::timeout(limit, Socket::open(client)).await {
            Ok(result) => result,
            Err(_) => Err("the socket did not open in time"),
        }
    }

    async fn open(client: &Client) -> Result<Socket, &'static str> {
        let inner = &client.inner;
        let http = inner.socket.client()?;
        let mut url = inner.base_url.url().clone();
        url.set_path(&format!("{}/ws", inner.base_url.path()));
        let key = handshake_key();
        let mut request = http
            .get(url)
            .version(reqwest::Version::HTTP_11)
            .header(CONNECTION, "Upgrade")
            .header(UPGRADE, "websocket")
            .header(SEC_WEBSOCKET_VERSION, "13")
            .header(SEC_WEBSOCKET_KEY, &key);
        // The bearer token when there is one (the server then ignores cookies), else the
        // session cookie; both marked sensitive.
        if let Some(bearer) = inner.credentials.bearer() {
            request = request.header(AUTHORIZATION, bearer.clone());
        } else if let Some(cookie) = inner.credentials.session_header() {
            request = request.header(COOKIE, cookie);
        }
        let response = request
            .send()
            .await
            .map_err(|_| "the socket could not connect")?;
        match response.status().as_u16() {
            101 => {}
            401 => return Err("the server refused the socket (401)"),
            403 => return Err("the server refused the socket (403)"),
            404 => return Err("the server has no socket (404)"),
            _ => return Err("the server refused the socket"),
        }
        if !is_websocket_upgrade(response.headers(), &key) {
            return Err("the server's answer is not a WebSocket upgrade");
        }
        let upgraded = response
            .upgrade()
            .await
            .map_err(|_| "the socket's connection could not be taken over")?;
        let limits = Limits::default()
            .max_payload_len(Some(MAX_MESSAGE_BYTES.min(inner.max_response_bytes)));
        let ws = tokio_websockets::ClientBuilder::new()
            .limits(limits)
            .take_over(upgraded);
        Ok(Socket { ws })
    }

    /// The next message; [`Frame::Closed`] when the connection ends, fails, or sends nothing
    /// (not even a ping) for `idle`.
    pub(crate) async fn next(&mut self, idle: Duration) -> Frame {
        loop {
            let item = match tokio::time::timeout(idle, self.ws.next()).await {
                Err(_) => return Frame::Closed("the socket stayed silent"),
                Ok(None) => return Frame::Closed("the socket closed"),
                Ok(Some(Err(tokio_websockets::Error::PayloadTooLong { .. }))) => {
                    return Frame::Closed("a socket message was over the size limit");
                }
                Ok(Some(Err(_))) => return Frame::Closed("the socket failed"),
                Ok(Some(Ok(item))) => item,
            };
            if let Some(text) = item.as_text() {
                return Frame::Message(Message::parse(text));
            }
            if item.is_close() {
                return Frame::Closed("the server closed the socket");
            }
            if item.is_binary() {
                return Frame::Message(Message::Malformed { task_id: None });
            }
            // Pings are answered by tokio-websockets itself.
        }
    }
}

/// Whether the answer completes the handshake this client began with `key` (RFC 6455, 4.1).
fn is_websocket_upgrade(headers: &HeaderMap, key: &str) -> bool {
    let has = |name, wanted: &str| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|v| v.trim().eq_ignore_ascii_case(wanted))
    };
    has(UPGRADE, "websocket")
        && has(CONNECTION, "upgrade")
        && headers
            .get(SEC_WEBSOCKET_ACCEPT)
            .is_some_and(|accept| accept.as_bytes() == accept_key(key).as_bytes())
}

/// A new `Sec-WebSocket-Key`: 16 random bytes, in base64.
fn handshake_key() -> String {
    let random = || {
        std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish()
    };
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&random().to_le_bytes());
    bytes[8..].copy_from_slice(&random().to_le_bytes());
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The `Sec-WebSocket-Accept` a server answers to `key`.
fn accept_key(key: &str) -> String {
    let mut sha1 = sha1_smol::Sha1::new();
    sha1.update(key.as_bytes());
    sha1.update(b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    base64::engine::general_purpose::STANDARD.encode(sha1.digest().bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_accept_key_of_rfc_6455() {
        // RFC 6455, 1.3.
        assert_eq!(
            accept_key("dGhlIHNhbXBsZSBub25jZQ=="),
            "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        );
        let (a, b) = (handshake_key(), handshake_key());
        assert_ne!(a, b);
        assert_eq!(
            base64::engine::general_purpose::STANDARD
                .decode(&a)
                .unwrap()
                .len(),
            16
        );
    }
}
