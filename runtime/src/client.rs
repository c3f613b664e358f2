//! [`Client`] and its builder.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use url::Url;

use crate::auth::Credentials;
use crate::{Error, Result, Secret};

/// The default time a call may take, from connecting to the end of the answer's body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default limit on a successful answer's body; a larger one is an
/// [`Error::InvalidResponse`], and reading stops there.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

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
    pub(crate) http: reqwest::Client,
    /// The base URL without its trailing slash; every path is appended to it.
    pub(crate) base: String,
    pub(crate) base_url: Url,
    pub(crate) credentials: Credentials,
    pub(crate) timeout: Option<Duration>,
    pub(crate) max_response_bytes: usize,
}

impl Client {
    /// A client without credentials (log in with `auth_login_post`), with the defaults of
    /// [`ClientBuilder`]. A base URL that is not `http(s)://host[:port][/path]` is an
    /// [`Error::Config`].
    pub fn new(base_url: impl AsRef<str>) -> Result<Client> {
        Client::builder(base_url).build()
    }

    /// A builder, to set credentials, timeouts or your own `reqwest::Client`.
    pub fn builder(base_url: impl AsRef<str>) -> ClientBuilder {
        ClientBuilder {
            base_url: base_url.as_ref().to_owned(),
            bearer_token: None,
            session_cookie: None,
            timeout: Some(DEFAULT_TIMEOUT),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            http_client: None,
        }
    }

    /// The base URL every path is appended to, e.g. `http://localhost:3000/api`.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
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
        let reason = |reason| Error::Config { reason };
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
            .field("base_url", &self.inner.base)
            .field("credentials", &self.inner.credentials)
            .field("timeout", &self.inner.timeout)
            .finish_non_exhaustive()
    }
}

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
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    bearer_token: Option<Secret>,
    session_cookie: Option<Secret>,
    timeout: Option<Duration>,
    max_response_bytes: usize,
    http_client: Option<reqwest::Client>,
}

impl ClientBuilder {
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
    /// ([`DEFAULT_TIMEOUT`] unless set). Past it the call fails with [`Error::Timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Lets calls take as long as the server does.
    pub fn no_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// The largest successful body read ([`DEFAULT_MAX_RESPONSE_BYTES`] unless set).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Uses your own `reqwest::Client` (proxies, TLS roots, middleware). Give it
    /// `redirect(reqwest::redirect::Policy::none())`: the client returns redirects to you
    /// and never follows them only if the `reqwest::Client` doesn't either.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client> {
        let config = |reason: String| Error::Config { reason };
        let (base, base_url) = parse_base_url(&self.base_url).map_err(config)?;
        let credentials =
            Credentials::new(self.bearer_token.as_ref(), self.session_cookie).map_err(config)?;
        let http = match self.http_client {
            Some(http) => http,
            None => reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(CONNECT_TIMEOUT)
                .user_agent(concat!("semaphore-api/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|e| config(format!("the HTTP client cannot start: {e}")))?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                base_url,
                credentials,
                timeout: self.timeout,
                max_response_bytes: self.max_response_bytes,
            }),
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &"..") // may hold user:password before it is checked
            .field("bearer_token", &self.bearer_token)
            .field("session_cookie", &self.session_cookie)
            .field("timeout", &self.timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("http_client", &self.http_client.is_some())
            .finish()
    }
}

/// Checks a base URL and returns it as the prefix paths are appended to.
fn parse_base_url(text: &str) -> std::result::Result<(String, Url), String> {
    let mut url = Url::parse(text.trim()).map_err(|e| {
        format!("the base URL is not a URL ({e}); expected e.g. http://localhost:3000/api")
    })?;
    match url.scheme() {
        "http" => {}
        "https" if cfg!(feature = "rustls") => {}
        "https" => return Err("https:// needs the `rustls` feature of semaphore-api".into()),
        other => {
            return Err(format!(
                "the base URL's scheme must be http or https, not {other:?}"
            ));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("the base URL has no host".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("the base URL holds credentials; use bearer_token or session_cookie".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("the base URL must not have a query or a fragment".into());
    }
    let path = url.path().trim_end_matches('/').to_owned();
    url.set_path(&path);
    let base = url.as_str().trim_end_matches('/').to_owned();
    Ok((base, url))
}

#[cfg(test)]
mod tests {
    use super::parse_base_url;

    #[test]
    fn base_urls() {
        let ok = |s: &str| parse_base_url(s).unwrap().0;
        assert_eq!(ok("http://localhost:3000/api"), "http://localhost:3000/api");
        assert_eq!(
            ok("http://localhost:3000/api/"),
            "http://localhost:3000/api"
        );
        assert_eq!(ok("http://h/semaphore/api//"), "http://h/semaphore/api");
        assert_eq!(ok("http://h"), "http://h");
        assert_eq!(ok("http://h/"), "http://h");
        for bad in [
            "",
            "localhost:3000",
            "ftp://h/api",
            "http://",
            "not a url",
            "http://u:p@h/api",
            "http://h/api?x=1",
            "http://h/api#f",
            "mailto:a@b",
        ] {
            assert!(parse_base_url(bad).is_err(), "{bad:?} accepted");
        }
    }
}
