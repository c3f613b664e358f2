//! The `reqwest::Client`s a [`ClientBuilder`](crate::ClientBuilder) builds from its settings:
//! the one the REST calls share, and the one the task socket's upgrades go through (HTTP/1.1
//! only: an upgrade cannot ride an HTTP/2 connection), with the same proxies and TLS.

use std::time::Duration;

use crate::Secret;

/// The longest wait for a TCP connection (and TLS handshake), by default.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where the builder's own `reqwest::Client`s send their connections.
#[derive(Clone)]
pub(crate) enum ProxyChoice {
    /// `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` (reqwest reads them).
    Environment,
    /// This proxy for every call (its URL may hold a password).
    Url(Secret),
    /// Direct connections, whatever the environment says.
    None,
}

/// What both clients are made from.
#[derive(Clone)]
pub(crate) struct Recipe {
    pub(crate) proxy: ProxyChoice,
    pub(crate) connect_timeout: Duration,
    pub(crate) https_only: bool,
    #[cfg(feature = "rustls")]
    pub(crate) tls: rustls::ClientConfig,
}

impl Recipe {
    /// The REST calls' client, with the read timeout given.
    ///
    /// A server at an `http://` URL speaks HTTP/1.1 (HTTP/2 is agreed in the TLS handshake), and
    /// so does its client here, through any proxy. reqwest's own resends, which it makes only
    /// for requests an HTTP/2 server refused unprocessed, then cannot happen: they are turned
    /// off, so that reqwest does not copy every request in case one does.
    pub(crate) fn rest(
        &self,
        read_timeout: Option<Duration>,
        plain_http: bool,
    ) -> Result<reqwest::Client, String> {
        let mut builder = self.common()?;
        if let Some(timeout) = read_timeout {
            builder = builder.read_timeout(timeout);
        }
        if plain_http {
            let no_resends = reqwest::retry::never().max_retries_per_request(0);
            builder = builder.http1_only().retry(no_resends);
        }
        #[cfg(feature = "rustls")]
        {
            builder = builder.tls_backend_preconfigured(self.tls.clone());
        }
        builder
            .build()
            .map_err(|e| format!("the HTTP client cannot start: {e}"))
    }

    /// The socket's client: HTTP/1.1 only, and no connection kept (an upgraded one is the
    /// socket's).
    #[cfg(feature = "tasks")]
    pub(crate) fn socket(&self) -> Result<reqwest::Client, String> {
        let builder = self.common()?.http1_only().pool_max_idle_per_host(0);
        #[cfg(feature = "rustls")]
        let builder = {
            let mut tls = self.tls.clone();
            tls.alpn_protocols = vec![b"http/1.1".to_vec()];
            builder.tls_backend_preconfigured(tls)
        };
        builder
            .build()
            .map_err(|e| format!("the socket's HTTP client cannot start: {e}"))
    }

    fn common(&self) -> Result<reqwest::ClientBuilder, String> {
        let builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(self.connect_timeout)
            .user_agent(concat!("semaphore-api/", env!("CARGO_PKG_VERSION")))
            .https_only(self.https_only);
        Ok(match &self.proxy {
            ProxyChoice::Environment => builder,
            ProxyChoice::None => builder.no_proxy(),
            ProxyChoice::Url(url) => {
                let proxy = reqwest::Proxy::all(url.expose_secret()).map_err(|_| {
                    "the proxy is not a URL such as http://proxy.example:3128".to_owned()
                })?;
                builder.proxy(proxy)
            }
        })
    }
}
