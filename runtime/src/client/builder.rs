//! [`ClientBuilder`]: the settings of a client, checked when it is built.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use super::base_url::{self, BaseUrl};
use super::http::{DEFAULT_CONNECT_TIMEOUT, ProxyChoice, Recipe};
use super::{
    Client, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, Inner, is_loopback,
};
use crate::call::credentials::Credentials;
use crate::call::in_flight::InFlight;
use crate::call::transport::{Http, Transport};
use crate::{Error, ErrorKind, Result, Retry, Secret};

/// Sets up a [`Client`].
///
/// ```
/// use std::time::Duration;
/// use semaphore_api::Client;
///
/// let client = Client::builder("http://localhost:3000/api")
///     .bearer_token("kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu=")
///     .timeout(Duration::from_secs(5))
///     .build()?;
/// assert!(!format!("{client:?}").contains("kwofd61g93"));
/// # Ok::<(), semaphore_api::Error>(())
/// ```
///
/// # Proxies
///
/// Unless told otherwise ([`proxy`](Self::proxy), [`no_proxy`](Self::no_proxy)), the client
/// reads the usual environment variables, upper or lower case: `HTTPS_PROXY` for `https://`
/// servers, `HTTP_PROXY` for `http://` ones (ignored when `REQUEST_METHOD` is set, as in a
/// CGI script, where it could come from a request header), `ALL_PROXY` for both, and
/// `NO_PROXY`, a comma-separated list of hosts, domains (`.example.com`), IP addresses and
/// CIDR ranges reached directly (`*` for all). A proxy URL may be `http://`, `https://` or
/// hold `user:password@`. Through a proxy, `https://` calls are tunnelled (`CONNECT`): the
/// proxy sees the host and port, never the credentials or the answers.
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    bearer_token: Option<Secret>,
    session_cookie: Option<Secret>,
    timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    connect_timeout: Duration,
    max_response_bytes: usize,
    max_in_flight: usize,
    retry: Option<Retry>,
    https_only: bool,
    proxy: ProxyChoice,
    #[cfg(feature = "rustls")]
    tls: crate::client::tls::TlsOptions,
    http_client: Option<reqwest::Client>,
    transport: Option<Arc<dyn Transport>>,
}

impl ClientBuilder {
    pub(super) fn new(base_url: &str) -> Self {
        ClientBuilder {
            base_url: base_url.to_owned(),
            bearer_token: None,
            session_cookie: None,
            timeout: Some(DEFAULT_TIMEOUT),
            read_timeout: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
            retry: None,
            https_only: false,
            proxy: ProxyChoice::Environment,
            #[cfg(feature = "rustls")]
            tls: crate::client::tls::TlsOptions::default(),
            http_client: None,
            transport: None,
        }
    }

    /// Sends `Authorization: Bearer <token>` on every authenticated call. Create a token with
    /// `user_tokens_post`; its `id` is the token.
    pub fn bearer_token(mut self, token: impl Into<Secret>) -> Self {
        self.bearer_token = Some(token.into());
        self
    }

    /// Starts with the value of an existing `semaphore` session cookie.
    pub fn session_cookie(mut self, value: impl Into<Secret>) -> Self {
        self.session_cookie = Some(value.into());
        self
    }

    /// The time a call may take, from connecting to the end of the answer's body
    /// ([`DEFAULT_TIMEOUT`] unless set). Past it the call fails with [`ErrorKind::Timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Lets calls take as long as the server does.
    pub fn no_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// The longest wait for the next bytes of an answer (its head, then each part of its
    /// body); past it the call fails with [`ErrorKind::Timeout`]. None unless set. Unlike
    /// [`timeout`](Self::timeout), a slow answer that keeps coming is not cut: set both to
    /// allow long downloads but not stalled connections.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = Some(timeout);
        self
    }

    /// The longest wait for a connection to open, TCP and TLS
    /// ([`DEFAULT_CONNECT_TIMEOUT`] unless set); past it the call fails with an
    /// [`ErrorKind::Transport`] for which [`is_connect`](Error::is_connect) is true, and a
    /// [`Retry`] may send it again.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The largest successful body read ([`DEFAULT_MAX_RESPONSE_BYTES`] unless set). It also
    /// bounds what decoding the body may build: twice this many bytes, counting every list
    /// element and map entry at its size in memory and every string's bytes (1 MiB of
    /// `[{},{},...]` could otherwise become 84 MB of structs). Over either limit the call
    /// fails with [`ErrorKind::InvalidResponse`].
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// How many calls of this client and its clones may be in flight at once
    /// ([`DEFAULT_MAX_IN_FLIGHT`] unless set); the others wait for one to end, so 1,000
    /// spawned calls do not open 1,000 connections. The connection pool keeps as many idle
    /// connections. 0 is refused by [`build`](Self::build); `usize::MAX` sets no limit.
    pub fn max_in_flight(mut self, calls: usize) -> Self {
        self.max_in_flight = calls;
        self
    }

    /// Retries failed calls as [`Retry`] describes; a client makes none unless given one.
    pub fn retry(mut self, retry: Retry) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Refuses plain `http://`: [`build`](Self::build) fails for an `http://` base URL, and no
    /// call leaves without TLS.
    pub fn https_only(mut self) -> Self {
        self.https_only = true;
        self
    }

    /// Sends every call through this proxy (`http://host:port`, `https://...`,
    /// `http://user:password@host:port`), whatever the environment says. A bad URL is an
    /// [`ErrorKind::Config`] from [`build`](Self::build), which never shows the URL's password.
    pub fn proxy(mut self, url: impl Into<Secret>) -> Self {
        self.proxy = ProxyChoice::Url(url.into());
        self
    }

    /// Connects directly, ignoring the proxy environment variables.
    pub fn no_proxy(mut self) -> Self {
        self.proxy = ProxyChoice::None;
        self
    }

    /// Trusts the certificates in `certificate` (PEM, one or more `CERTIFICATE` blocks, or
    /// one DER certificate) as roots, besides the platform's: for a server whose certificate
    /// a private CA signed, or a self-signed one. A certificate that does not parse is an
    /// [`ErrorKind::Config`] from [`build`](Self::build).
    #[cfg(feature = "rustls")]
    pub fn add_root_certificate(mut self, certificate: impl AsRef<[u8]>) -> Self {
        self.tls.roots.push(certificate.as_ref().to_vec());
        self
    }

    /// Presents a client certificate (mutual TLS) to servers that ask for one:
    /// `certificate_chain` in PEM (the client's certificate first, then any intermediates),
    /// `private_key` in PEM (PKCS#8, PKCS#1 or SEC1). The key is kept out of `Debug` and
    /// zeroed when the builder is dropped.
    #[cfg(feature = "rustls")]
    pub fn client_certificate(
        mut self,
        certificate_chain: impl AsRef<[u8]>,
        private_key: impl AsRef<[u8]>,
    ) -> Self {
        let key = secrecy::SecretSlice::from(private_key.as_ref().to_vec());
        self.tls.identity = Some((certificate_chain.as_ref().to_vec(), key));
        self
    }

    /// **Turns off the checking of the server's certificate**: any certificate is accepted,
    /// expired, self-signed, or for another host. The connection is encrypted, but to
    /// whoever answers: anyone on the way can pose as the server and read the password, the
    /// token and every answer. For a throwaway test server only; for a private CA or a
    /// self-signed certificate, give it to [`add_root_certificate`](Self::add_root_certificate)
    /// instead. [`build`](Self::build) logs a `WARN` event for each client built so.
    #[cfg(feature = "rustls")]
    pub fn danger_accept_invalid_certificates(mut self) -> Self {
        self.tls.accept_invalid_certificates = true;
        self
    }

    /// Uses your own `reqwest::Client` (middleware, a DNS resolver, other TLS settings)
    /// instead of the one the builder makes. Start it from [`http_client_builder`](crate::http_client_builder): with
    /// the `rustls` feature, a bare `reqwest::Client::builder()` panics when built unless a
    /// rustls crypto provider is installed (see there).
    ///
    /// The library's promises that then become yours:
    /// - **redirects**: build it with `redirect(reqwest::redirect::Policy::none())`. Only
    ///   then are redirects returned to you and never followed, so credentials never travel
    ///   to another host;
    /// - **connect timeout**: the builder's client gives up connecting after 10 s; the
    ///   whole-call [`timeout`](Self::timeout) still applies to every call;
    /// - **user agent** (`semaphore-api/<version>`), **proxies**, **TLS roots and client
    ///   certificates**, **[`read_timeout`](Self::read_timeout)**, **idle connections kept**
    ///   and **HTTPS only** are the `reqwest::Client`'s: the builder's own settings of these
    ///   are refused by [`build`](Self::build) rather than silently ignored.
    ///
    /// What stays the library's: the base URL's checks (and [`https_only`](Self::https_only)'s
    /// refusal of an `http://` base URL), credentials, the session, the whole-call timeout,
    /// [`max_in_flight`](Self::max_in_flight), retries, size limits, errors, tracing.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Sends every call through `transport` instead of reqwest, with the same limits as
    /// [`http_client`](Self::http_client). For this crate's tests; not a public API.
    #[doc(hidden)]
    pub fn __transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client> {
        let base_url = self.checked_base_url()?;
        if self.max_in_flight == 0 {
            return Err(config(
                "max_in_flight(0) would let no call through; give at least 1".into(),
            ));
        }
        let credentials = Credentials::new(self.bearer_token.as_ref(), self.session_cookie.clone())
            .map_err(config)?;
        let recipe = Recipe {
            proxy: self.proxy.clone(),
            connect_timeout: self.connect_timeout,
            https_only: self.https_only,
            #[cfg(feature = "rustls")]
            tls: self.tls.client_config().map_err(config)?,
        };
        let given = self.given_http()?;
        #[cfg(feature = "tasks")]
        let socket = match &given {
            // The application's client carries the upgrades too, with its proxies and TLS.
            Some(Http::Reqwest(http)) => super::socket_http::SocketConfig::given(http.clone()),
            _ => super::socket_http::SocketConfig::own(recipe.clone()),
        };
        let http = match given {
            Some(http) => http,
            None => self.own_http(&recipe, &base_url)?,
        };
        let url = base_url.url();
        let plain_http_remote = url.scheme() == "http" && !is_loopback(url);
        let server_address = url.host_str().unwrap_or_default().to_owned();
        let server_port = url.port_or_known_default().unwrap_or_default();
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                credentials,
                timeout: self.timeout,
                max_response_bytes: self.max_response_bytes,
                retry: self.retry,
                in_flight: InFlight::new(self.max_in_flight),
                plain_http_remote,
                warned_plain_http: AtomicBool::new(false),
                server_address,
                server_port,
                version: tokio::sync::OnceCell::new(),
                #[cfg(feature = "tasks")]
                socket,
            }),
        })
    }

    /// The base URL by its rules; refused over `http://` with `https_only`.
    fn checked_base_url(&self) -> Result<BaseUrl> {
        let base_url::Parsed { base, rewritten } =
            base_url::parse(&self.base_url).map_err(config)?;
        if rewritten {
            // Said once, so a program given a browser's URL knows what it calls.
            tracing::info!(target: "semaphore_api", api = %base.as_str(), "the API's URL, from the server's address given");
        }
        let url = base.url();
        if self.https_only && url.scheme() != "https" {
            return Err(config(format!(
                "https_only is set but the base URL is {}: use https://{}{} (give a private CA's certificate to add_root_certificate), or drop https_only",
                base.as_str(),
                url.host_str().unwrap_or_default(),
                url.port().map(|p| format!(":{p}")).unwrap_or_default(),
            )));
        }
        Ok(base)
    }

    /// The application's `reqwest::Client` or transport, if given; refused with settings that
    /// only the library's own client can apply.
    fn given_http(&self) -> Result<Option<Http>> {
        let given = match (&self.http_client, &self.transport) {
            (Some(_), Some(_)) => {
                return Err(config(
                    "a reqwest::Client and a transport cannot both carry the calls".into(),
                ));
            }
            (Some(http), None) => Http::Reqwest(http.clone()),
            (None, Some(transport)) => Http::Custom(transport.clone()),
            (None, None) => return Ok(None),
        };
        let mut own = Vec::new();
        if self.read_timeout.is_some() {
            own.push("read_timeout");
        }
        if !matches!(self.proxy, ProxyChoice::Environment) {
            own.push("proxy or no_proxy");
        }
        #[cfg(feature = "rustls")]
        if !self.tls.is_default() {
            own.push(
                "TLS settings (root certificates, client certificate, accepting invalid certificates)",
            );
        }
        if !own.is_empty() {
            return Err(config(format!(
                "{} cannot apply to the reqwest::Client given to http_client: set them on that client",
                own.join(", ")
            )));
        }
        Ok(Some(given))
    }

    /// The library's own `reqwest::Client`, from the recipe.
    fn own_http(&self, recipe: &Recipe, base_url: &BaseUrl) -> Result<Http> {
        #[cfg(feature = "rustls")]
        if self.tls.accept_invalid_certificates {
            tracing::warn!(
                target: "semaphore_api",
                server = base_url.url().host_str().unwrap_or_default(),
                "TLS certificate checking is OFF for this client (danger_accept_invalid_certificates): anyone on the way can pose as the server and read the credentials; trust its CA with add_root_certificate instead"
            );
        }
        let plain_http = base_url.url().scheme() == "http";
        Ok(Http::Reqwest(
            recipe.rest(self.read_timeout, plain_http).map_err(config)?,
        ))
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &"..") // may hold user:password before it is checked
            .field("bearer_token", &self.bearer_token)
            .field("session_cookie", &self.session_cookie)
            .field("timeout", &self.timeout)
            .field("read_timeout", &self.read_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("max_in_flight", &self.max_in_flight)
            .field("retry", &self.retry)
            .field("https_only", &self.https_only)
            .field(
                "proxy",
                &match &self.proxy {
                    ProxyChoice::Environment => "from the environment",
                    ProxyChoice::Url(_) => "set", // may hold a password
                    ProxyChoice::None => "none",
                },
            )
            .field("tls", &self.tls_debug())
            .field("http_client", &self.http_client.is_some())
            .finish()
    }
}

impl ClientBuilder {
    #[cfg(feature = "rustls")]
    fn tls_debug(&self) -> String {
        format!(
            "{} extra root(s), client certificate: {}, accept invalid certificates: {}",
            self.tls.roots.len(),
            self.tls.identity.is_some(),
            self.tls.accept_invalid_certificates
        )
    }

    #[cfg(not(feature = "rustls"))]
    fn tls_debug(&self) -> &'static str {
        "none (feature rustls off)"
    }
}

fn config(reason: String) -> Error {
    ErrorKind::Config { reason }.into()
}
