//! [`Client`] and its builder.

pub(crate) mod base_url;
mod builder;
pub(crate) mod http;
mod server_version;
#[cfg(feature = "tasks")]
pub(crate) mod socket_http;
#[cfg(feature = "rustls")]
pub(crate) mod tls;

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use url::{Host, Url};

use crate::ErrorKind;
use crate::call::credentials::Credentials;
use crate::call::in_flight::InFlight;
use crate::call::transport::Http;
use crate::client::http::DEFAULT_CONNECT_TIMEOUT;
use crate::{Error, Result, Retry, Secret};
use base_url::BaseUrl;
pub use builder::ClientBuilder;

/// The default time a call may take, from connecting to the end of the answer's body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default limit on a successful answer's body; a larger one is an
/// [`ErrorKind::InvalidResponse`], and reading stops there.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;
/// The default number of calls of one client (and its clones) in flight at once; the others
/// wait for a slot. With HTTP/1.1 each call in flight holds a connection.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 32;

/// A connection to one Semaphore server; implements every `#[semaphore_api]` trait.
///
/// Cheap to clone: clones share one connection pool and one session, so a login on one
/// clone is seen by all. Redirects are never followed, so credentials never travel to
/// another host.
///
/// ```no_run
/// use semaphore_api::{AuthenticationApi, Client, Login};
///
/// # async fn run() -> semaphore_api::Result<()> {
/// let client = Client::new("http://localhost:3000/api")?;
/// client.auth_login_post(&Login::new("admin", "changeme")).await?; // keeps the session cookie
/// for token in client.user_tokens_get().await? {
///     println!("token created {}, expired: {}", token.created, token.expired);
/// }
/// client.auth_logout_post().await?; // drops it
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: Http,
    /// The API's URL every path is appended to.
    pub(crate) base_url: BaseUrl,
    pub(crate) credentials: Credentials,
    pub(crate) timeout: Option<Duration>,
    pub(crate) max_response_bytes: usize,
    pub(crate) retry: Option<Retry>,
    /// One slot per call in flight.
    pub(crate) in_flight: InFlight,
    /// `http://` to a host that is not loopback: credentials would cross the network in
    /// clear text.
    pub(crate) plain_http_remote: bool,
    /// Whether that was logged already (once per client).
    pub(crate) warned_plain_http: AtomicBool,
    /// `server.address` and `server.port` of the call spans.
    pub(crate) server_address: String,
    pub(crate) server_port: u16,
    /// The server's version, once a caller asked for it.
    pub(crate) version: tokio::sync::OnceCell<crate::ServerVersion>,
    /// How a task's WebSocket reaches the server (see [`crate::tasks`]).
    #[cfg(feature = "tasks")]
    pub(crate) socket: socket_http::SocketConfig,
}

impl Client {
    /// A client without credentials (log in with `auth_login_post`), with the defaults of
    /// [`ClientBuilder`]. A base URL that is not `http(s)://host[:port][/path]` is an
    /// [`ErrorKind::Config`].
    ///
    /// The URL may be the API's (`http://localhost:3000/api`), the server's address
    /// (`http://localhost:3000`), or a page of its web UI copied from the browser
    /// (`http://localhost:3000/project/1/templates`): [`Client::api_url`] gives the rules,
    /// [`Client::base_url`] the URL used, and a rewritten one is logged once at `INFO`.
    pub fn new(base_url: impl AsRef<str>) -> Result<Client> {
        Client::builder(base_url).build()
    }

    /// The API's URL a client built from `text` calls, trailing slash dropped:
    ///
    /// - a path ending in `/api`, or any other path that is not a page of the web UI, is
    ///   used as written (an API behind a proxy may have any prefix);
    /// - the server's address, with no path, gets `/api`;
    /// - a page of the web UI (`/project/1/...`, `/auth/login`, `/users`, ...) is replaced by
    ///   `/api` under what precedes it, the web UI's root, and loses its query.
    ///
    /// ```
    /// use semaphore_api::Client;
    ///
    /// let api = |text| Client::api_url(text).unwrap().to_string();
    /// assert_eq!(api("http://localhost:3000"), "http://localhost:3000/api");
    /// assert_eq!(api("http://localhost:3000/api/"), "http://localhost:3000/api");
    /// assert_eq!(api("https://ci.example/semaphore/project/4/history"), "https://ci.example/semaphore/api");
    /// assert_eq!(api("https://gateway.example/semaphore-api"), "https://gateway.example/semaphore-api");
    /// ```
    pub fn api_url(text: &str) -> Result<Url> {
        base_url::parse(text)
            .map(|parsed| parsed.base.url().clone())
            .map_err(|reason| ErrorKind::Config { reason }.into())
    }

    /// A builder, to set credentials, timeouts or your own `reqwest::Client`.
    pub fn builder(base_url: impl AsRef<str>) -> ClientBuilder {
        ClientBuilder::new(base_url.as_ref())
    }

    /// The base URL every path is appended to, e.g. `http://localhost:3000/api`.
    pub fn base_url(&self) -> &Url {
        self.inner.base_url.url()
    }

    /// Whether the client holds a session cookie (from a login or given up front).
    pub fn has_session(&self) -> bool {
        self.inner.credentials.session_header().is_some()
    }

    /// The current session cookie's value, to keep a session across runs.
    pub fn session_cookie(&self) -> Option<Secret> {
        self.inner.credentials.session_cookie()
    }

    /// Replaces the session cookie (an empty value drops it).
    pub fn set_session_cookie(&self, value: impl Into<Secret>) -> Result<()> {
        let reason = |reason| Error::from(ErrorKind::Config { reason });
        self.inner
            .credentials
            .set_session(value.into())
            .map_err(reason)
    }

    /// Forgets the session cookie without telling the server.
    pub fn clear_session(&self) {
        self.inner.credentials.clear_session();
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("credentials", &self.inner.credentials)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// A `reqwest::ClientBuilder` set up as the library sets up its own, to customise and give
/// to [`ClientBuilder::http_client`]: redirects never followed, a 10 s connect timeout, the
/// `semaphore-api/<version>` user agent, and (feature `rustls`) TLS with the platform's roots
/// and the same crypto provider. For an `http://` server the library's own client is also
/// HTTP/1.1 only, with reqwest's resends turned off (it makes them only for HTTP/2, and
/// copies every request in case); on this builder, `http1_only()` and
/// `retry(reqwest::retry::never().max_retries_per_request(0))` do the same.
///
/// The client it builds also carries the task socket's upgrades: keep HTTP/1.1 available
/// (no `http2_prior_knowledge`), or the socket is refused and tasks are read by polling.
///
/// ```
/// use std::time::Duration;
/// use semaphore_api::Client;
///
/// let http = semaphore_api::http_client_builder()?
///     .pool_idle_timeout(Duration::from_secs(30))
///     .build()
///     .expect("a reqwest client");
/// let client = Client::builder("https://semaphore.example.com/api")
///     .http_client(http)
///     .build()?;
/// # Ok::<(), semaphore_api::Error>(())
/// ```
pub fn http_client_builder() -> Result<reqwest::ClientBuilder> {
    let builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
        .user_agent(concat!("semaphore-api/", env!("CARGO_PKG_VERSION")));
    #[cfg(feature = "rustls")]
    let builder = {
        let tls = crate::client::tls::TlsOptions::default()
            .client_config()
            .map_err(|reason| Error::from(ErrorKind::Config { reason }))?;
        builder.tls_backend_preconfigured(tls)
    };
    Ok(builder)
}

/// Whether a URL's host is this machine: `localhost` (and `*.localhost`), 127.0.0.0/8, ::1.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_loopback;

    #[test]
    fn loopback_hosts() {
        let url = |s: &str| url::Url::parse(s).unwrap();
        for local in [
            "http://localhost:3000",
            "http://LOCALHOST.",
            "http://app.localhost",
            "http://127.0.0.1",
            "http://127.8.9.10",
            "http://[::1]:3000",
        ] {
            assert!(is_loopback(&url(local)), "{local}");
        }
        for remote in [
            "http://semaphore.example",
            "http://localhost.example",
            "http://10.0.0.1",
            "http://[::2]",
            "http://0.0.0.0",
        ] {
            assert!(!is_loopback(&url(remote)), "{remote}");
        }
    }
}
