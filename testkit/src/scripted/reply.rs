//! What a scripted server does once it has read a request: an answer it is given, or one of
//! the ways of not answering.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpStream;

use super::raw::{response as raw_response, status_line};

/// What the server does after reading a request.
#[derive(Clone)]
pub enum Reply {
    /// Writes `bytes`, then does `then`.
    Send { bytes: Vec<u8>, then: Then },
    /// Closes the connection without writing a byte.
    Close,
    /// With [`ScriptedServer::always`](super::ScriptedServer::always): closes each connection
    /// as soon as it is accepted, before reading a byte (elsewhere, the same as `Close`).
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
    /// Hands the connection to the test, which writes what it wants (a `101 Switching
    /// Protocols` and WebSocket frames, say): see [`Reply::handover`].
    Handover(Arc<Handover>),
    /// Waits `delay` (the request counted as in hand), then does `then`.
    Delayed { delay: Duration, then: Box<Reply> },
    /// Writes `head`, then `fill` bytes until `total` body bytes are out or the client has
    /// gone away; the count is reported by [`ScriptedServer::streamed`](super::ScriptedServer::streamed).
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
pub type Handover = dyn Fn(TcpStream) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync;

impl Reply {
    /// Gives the connection, once its request is read, to `serve`: whatever it writes is the
    /// answer, and the connection ends when it returns (and drops the stream).
    pub fn handover<F>(serve: impl Fn(TcpStream) -> F + Send + Sync + 'static) -> Reply
    where
        F: Future<Output = ()> + Send + 'static,
    {
        Reply::Handover(Arc::new(move |socket| Box::pin(serve(socket))))
    }

    /// `status` with a JSON body, as the real server sends it, on a connection kept alive.
    pub fn json(status: u16, body: &serde_json::Value) -> Reply {
        Reply::labelled_json(status, body.to_string().as_bytes())
    }

    /// `status` with an empty body labelled JSON, as the real server sends a 204 or an error.
    pub fn empty(status: u16) -> Reply {
        Reply::labelled_json(status, b"")
    }

    fn labelled_json(status: u16, body: &[u8]) -> Reply {
        let json = [("Content-Type", "application/json")];
        Reply::keep_alive(raw_response(&status_line(status), &json, body))
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
