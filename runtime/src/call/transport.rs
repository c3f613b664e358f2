//! Where a call meets the network: reqwest, or for tests a [`Transport`] that answers without
//! one. Everything before and after it (credentials, the session, limits, retries, mapping
//! the answer) is the same pipeline either way.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

/// Sends one built request and hands back the answer's head with its body still to read.
///
/// Not a public API: it lets this crate's tests (the response fuzzer, `pipeline.rs`)
/// run calls through the real pipeline without a server. The request arrives complete, with
/// its credentials and its [`timeout`](reqwest::Request::timeout); applying the timeout is the
/// transport's job, as it is reqwest's. An answer is made from an `http::Response` with
/// `reqwest::Response::from`, its body a `reqwest::Body` (`Body::wrap` streams it in parts).
#[doc(hidden)]
pub trait Transport: Send + Sync + 'static {
    fn send(&self, request: reqwest::Request) -> Pin<Box<dyn Future<Output = Sent> + Send + '_>>;
}

/// What a [`Transport`] returns: the answer, or why it could not be had.
#[doc(hidden)]
pub type Sent = reqwest::Result<reqwest::Response>;

/// The client's way to the server.
pub(crate) enum Http {
    /// Every real call: reqwest, called directly, with no boxed future.
    Reqwest(reqwest::Client),
    /// A test's transport.
    Custom(Arc<dyn Transport>),
}

impl Http {
    /// Starts sending `request`; a plain function, so the call's future holds the small
    /// future it returns, not the request besides.
    pub(crate) fn send(&self, request: reqwest::Request) -> impl Future<Output = Sent> + Send {
        match self {
            Http::Reqwest(client) => Sending::Reqwest(client.execute(request)),
            Http::Custom(transport) => Sending::Custom(transport.send(request)),
        }
    }
}

/// The answer on its way, from reqwest or from a test's transport.
enum Sending<R, C> {
    Reqwest(R),
    Custom(C),
}

impl<R, C> Future for Sending<R, C>
where
    R: Future<Output = Sent> + Unpin,
    C: Future<Output = Sent> + Unpin,
{
    type Output = Sent;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Sent> {
        match self.get_mut() {
            Sending::Reqwest(pending) => Pin::new(pending).poll(cx),
            Sending::Custom(future) => Pin::new(future).poll(cx),
        }
    }
}
