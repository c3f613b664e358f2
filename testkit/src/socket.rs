//! `GET /api/ws`: the WebSocket the real server tells a user's browsers about tasks on
//! (`api/sockets/`): authenticated like any API call, `Origin` not checked, nothing read
//! from the client but pings and the close, a connection that falls behind closed.

use std::sync::Arc;

use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use http_body_util::Full;
use hyper::body::Incoming as Body;
use hyper::header::{CONNECTION, HeaderValue, SEC_WEBSOCKET_ACCEPT, SEC_WEBSOCKET_KEY, UPGRADE};
use hyper::{Request, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::sync::broadcast::error::RecvError;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;

use crate::shared::Shared;
use crate::task_store::SocketEvent;
use crate::wire::{self, Response};

/// Answers an authenticated `GET /api/ws`: 101 and a socket for `user`, or gorilla's 400 to
/// a request that is not a WebSocket upgrade.
pub(crate) fn upgrade(shared: &Arc<Shared>, request: Request<Body>, user: i64) -> Response {
    let headers = request.headers();
    let is_upgrade = headers
        .get(UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
    let key = headers
        .get(SEC_WEBSOCKET_KEY)
        .map(|k| derive_accept_key(k.as_bytes()));
    let (true, Some(accept), false) = (is_upgrade, key, shared.refuses_sockets()) else {
        let mut response = wire::text(StatusCode::BAD_REQUEST, "Bad Request\n");
        if shared.refuses_sockets() {
            *response.status_mut() = StatusCode::FORBIDDEN;
        }
        return response;
    };
    let events = shared.state().tasks.sockets.subscribe();
    tokio::spawn(async move {
        let Ok(upgraded) = hyper::upgrade::on(request).await else {
            return;
        };
        let ws = WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None).await;
        serve(ws, events, user).await;
    });
    let mut response = hyper::Response::new(Full::new(Bytes::new()));
    *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let h = response.headers_mut();
    h.insert(UPGRADE, HeaderValue::from_static("websocket"));
    h.insert(CONNECTION, HeaderValue::from_static("Upgrade"));
    if let Ok(accept) = HeaderValue::from_str(&accept) {
        h.insert(SEC_WEBSOCKET_ACCEPT, accept);
    }
    response
}

async fn serve<S>(
    mut ws: WebSocketStream<S>,
    mut events: tokio::sync::broadcast::Receiver<SocketEvent>,
    user: i64,
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    loop {
        tokio::select! {
            event = events.recv() => match event {
                Ok(SocketEvent::Message { users, text }) => {
                    if users.contains(&user) && ws.send(Message::text(&*text)).await.is_err() {
                        return;
                    }
                }
                // Fallen behind (the real hub closes such a connection) or told to close.
                Ok(SocketEvent::DropAll) | Err(RecvError::Lagged(_)) | Err(RecvError::Closed) => {
                    let _ = ws.close(None).await;
                    return;
                }
            },
            incoming = ws.next() => match incoming {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                Some(Ok(_)) => {}
            },
        }
    }
}
