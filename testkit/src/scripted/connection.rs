//! One connection of a scripted server: each request read is logged, given the handler's
//! reply, and the reply carried out, until a reply or the client ends the connection.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

use super::reply::{Reply, Then};
use super::request::{Request, RequestReader};
use super::{Handler, Record};

pub(super) struct Connection {
    pub socket: TcpStream,
    pub reader: RequestReader,
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

/// Serves `connection` until a reply ends it or the client leaves.
pub(super) async fn serve(
    mut connection: Connection,
    handler: Arc<Handler>,
    record: Arc<Record>,
    streamed: mpsc::UnboundedSender<u64>,
) {
    while let Some(request) = connection.request().await {
        let reply = reply_to(&*handler, &record, request).await;
        match carry_out(connection, reply, &streamed).await {
            Some(kept_alive) => connection = kept_alive,
            None => return,
        }
    }
}

/// The handler's reply to `request`, once its delays are waited out. The request is logged,
/// and counted in hand until then.
async fn reply_to(handler: &Handler, record: &Record, request: Request) -> Reply {
    let now = record.in_hand.fetch_add(1, Ordering::SeqCst) + 1;
    record.most_in_hand.fetch_max(now, Ordering::SeqCst);
    let mut reply = handler(&request);
    record.requests.lock().unwrap().push(request);
    while let Reply::Delayed { delay, then } = reply {
        tokio::time::sleep(delay).await;
        reply = *then;
    }
    record.in_hand.fetch_sub(1, Ordering::SeqCst);
    reply
}

/// Does what `reply` says; the connection back when it goes on to its next request.
async fn carry_out(
    mut connection: Connection,
    reply: Reply,
    streamed: &mpsc::UnboundedSender<u64>,
) -> Option<Connection> {
    match reply {
        Reply::Send { bytes, then } => return send(connection, &bytes, then).await,
        Reply::Handover(serve) => serve(connection.socket).await,
        Reply::Trickle {
            head,
            body,
            piece,
            every,
        } => trickle(&mut connection.socket, &head, &body, piece, every).await,
        Reply::Close | Reply::CloseOnAccept => {}
        Reply::Silent => connection.wait_for_close().await,
        Reply::Stream { head, total, fill } => {
            let written = stream(&mut connection.socket, &head, total, fill).await;
            let _ = streamed.send(written);
        }
        Reply::Delayed { .. } => unreachable!("waited out by reply_to"),
    }
    None
}

/// Writes `bytes`, then goes on as `then` says.
async fn send(mut connection: Connection, bytes: &[u8], then: Then) -> Option<Connection> {
    if connection.socket.write_all(bytes).await.is_err() {
        return None;
    }
    let _ = connection.socket.flush().await;
    match then {
        Then::KeepAlive => return Some(connection),
        Then::Close => {
            let _ = connection.socket.shutdown().await;
        }
        Then::Reset => {
            let mut buf = [0u8; 64];
            let wait = Duration::from_millis(200);
            let _ = tokio::time::timeout(wait, connection.socket.read(&mut buf)).await;
            let _ = connection.socket.set_zero_linger(); // dropped: RST
        }
        Then::ResetOnceClosed => {
            connection.wait_for_close().await;
            let _ = connection.socket.set_zero_linger();
        }
        Then::Stall => connection.wait_for_close().await,
    }
    None
}

/// Writes `head`, then `body` in pieces of `piece` bytes, `every` apart, then closes.
async fn trickle(socket: &mut TcpStream, head: &[u8], body: &[u8], piece: usize, every: Duration) {
    if socket.write_all(head).await.is_err() {
        return;
    }
    for piece in body.chunks(piece.max(1)) {
        tokio::time::sleep(every).await;
        if socket.write_all(piece).await.is_err() || socket.flush().await.is_err() {
            return;
        }
    }
    let _ = socket.shutdown().await;
}

/// Writes `head`, then `fill` bytes until `total` body bytes are out or the client has gone
/// away; the body bytes written.
async fn stream(socket: &mut TcpStream, head: &[u8], total: u64, fill: u8) -> u64 {
    let mut written = 0u64;
    if socket.write_all(head).await.is_ok() {
        let chunk = vec![fill; 64 * 1024];
        while written < total {
            let n = chunk.len().min((total - written) as usize);
            match socket.write(&chunk[..n]).await {
                Ok(0) | Err(_) => break,
                Ok(n) => written += n as u64,
            }
        }
    }
    written
}
