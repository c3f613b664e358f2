//! An in-process stand-in for a Semaphore server's authentication endpoints (plus projects
//! and templates), for tests and for trying the client without a server.
//!
//! Use it through `semaphore-api`'s `testkit` feature, in `[dev-dependencies]`:
//!
//! ```toml
//! [dev-dependencies]
//! semaphore-api = { version = "0.1", features = ["testkit"] }
//! ```
//!
//! It listens on 127.0.0.1 (a free port unless [`StandInBuilder::port`] says otherwise),
//! starts in milliseconds, and stops when dropped. A default user `admin` with the password
//! `changeme` ([`DEFAULT_USER`], [`DEFAULT_PASSWORD`]) is an administrator; add more with
//! [`StandInBuilder::user`]. [`StandIn::requests`] lists what it was sent (method, path, query,
//! which credential and whether it was accepted, the status), never the credentials' values.
//!
//! ```
//! use semaphore_api_testkit::{Credential, OidcProvider, StandIn, User};
//! use tokio::io::{AsyncReadExt, AsyncWriteExt};
//!
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! let server = StandIn::builder()
//!     .user(User::new("alice", "alice@example.com", "wonderland", false))
//!     .oidc_provider(OidcProvider::new("mysso", "Sign in with MySSO"))
//!     .start()
//!     .await?;
//! assert!(server.url().starts_with("http://127.0.0.1:")); // .../api: give it to your client
//!
//! // Here, raw HTTP; your code would use semaphore_api's Client on server.url().
//! let mut socket = tokio::net::TcpStream::connect(server.addr()).await?;
//! socket
//!     .write_all(b"GET /api/user HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
//!     .await?;
//! let mut answer = String::new();
//! socket.read_to_string(&mut answer).await?;
//! assert!(answer.starts_with("HTTP/1.1 401"));
//!
//! let logged = &server.requests()[0];
//! assert_eq!((logged.method.as_str(), logged.path.as_str()), ("GET", "/api/user"));
//! assert_eq!((logged.credential, logged.status), (Credential::None, 401));
//! # Ok::<_, std::io::Error>(()) }).unwrap();
//! ```
//!
//! # Routes
//!
//! | route | answer |
//! |---|---|
//! | `GET /api/ping` | 200 `pong` (text) |
//! | `GET /api/auth/login` | 200 `{"oidc_providers":[{"id","name","color","icon"}],"login_with_password":true}` |
//! | `POST /api/auth/login` | 204 + `Set-Cookie: semaphore=<value>; Path=/`; 401 for bad credentials, `{}` or missing fields; 400 for an empty body, bad JSON or wrong field types. `auth` is a username or an email, matched case-insensitively |
//! | `POST /api/auth/logout` | 204 + `Set-Cookie: semaphore=; Path=/; Expires=<1970>`, with or without credentials |
//! | `GET /api/auth/oidc/{id}/login` | 307 to the provider's authorize URL with `client_id`, `redirect_uri` (the stand-in's own `.../api/auth/oidc/{id}/redirect`), `response_type=code`, `scope=openid profile email` and a random `state`, + `Set-Cookie: oauthstate=<state>; Expires=<in a year>`; an unknown provider: 307 to `/auth/login` |
//! | `GET /api/auth/oidc/{id}/redirect` | 307 to `/` + `Set-Cookie: semaphore=<value>; Path=/` when the `state` parameter equals the `oauthstate` cookie and `code` is the provider's [`OidcProvider::accept_code`] (the stand-in cannot ask a provider); any other request: 307 to `/auth/login` |
//! | `GET /api/user` | the current user |
//! | `GET /api/user/tokens` | 200, the user's tokens, expired ones included |
//! | `POST /api/user/tokens` | 201, a token whose 44-character id matches `^[a-z0-9_-]{43}=$` |
//! | `DELETE /api/user/tokens/{id}` | 204 (the token is marked expired); an unknown id: 204, or 404 with [`StandInBuilder::bolt_db_backend`] |
//! | `GET`, `POST /api/projects` | the projects; 201 with the created project (`id`, `created` added) |
//! | `GET /api/project/{id}` | the project, or 404 |
//! | `GET`, `POST /api/project/{id}/templates` | the templates, sorted by `sort` (`name`, `playbook`, `inventory`, `environment`, `repository`) in `order` (`asc`, `desc`); 201 with the created template |
//! | `GET /api/project/{id}/templates/{template_id}` | the template, or 404 |
//! | `GET`, `POST /api/project/{id}/keys`, `.../repositories`, `.../inventory`, `.../environment` | the project's items; a create answers 204 without a body (201 with the item for an inventory), as the real server does |
//!
//! Every protected route answers 401 with an empty body without a valid credential. As on
//! the real server, an `Authorization` header that contains `bearer` (compared lowercased) is
//! read as a token after removing its first `bearer `, and any cookie is then ignored; any
//! other request (no header, a bare token, `Basic ...`) is judged by its `semaphore` cookie
//! alone. [`StandIn::expire_sessions`] ends every session, as the real server's 7-day and
//! 30-day limits would.
//!
//! Unknown paths, trailing slashes and empty segments: 404 with the plain-text body
//! `Not Found\n`. A known path with another method: 405 with an empty body, before any
//! authentication. Paths are percent-decoded, then split on `/`, as Go's router sees them.
//! Request bodies over 1 MiB, or cut short: 413, before any route acts. What hyper refuses
//! itself (a request that is not HTTP, a URI over 64 KiB) gets hyper's 400 or 414. No input
//! makes the server panic.
//!
//! The request log ([`StandIn::requests`]) keeps no header or body. Its `path` and `query`
//! are kept as sent, so that tests can assert on them, but its `Debug` hides a token id in
//! `/user/tokens/{id}` and the OIDC `code` and `state`; [`User`]'s `Debug` hides the password
//! and [`OidcProvider`]'s the test code.
//!
//! # Where it follows the real server rather than the spec
//!
//! Semaphore's Swagger spec and its Go handlers (v2.10) differ; the stand-in does what the
//! server does:
//! - a bad login (unknown user, wrong password, `{}`, `null`) is **401**, not the spec's 400;
//!   400 is kept for bodies that are not a login object. The body is read like Go's
//!   `json.Decoder`: only the first JSON value, keys matched case-insensitively, invalid UTF-8
//!   in a string read as U+FFFD;
//! - the OIDC endpoints answer **307**, not 302, and failures redirect to `/auth/login`;
//! - `POST /auth/logout` answers 204 **without** credentials too, and leaves the session valid
//!   on the server (only the browser's cookie is cleared);
//! - every answer, the empty 204s, 401s and 307s included, has `Content-Type: application/json`;
//!   JSON bodies end with a newline; failures of the auth routes have **empty** bodies;
//! - paths have **no trailing slash** (`/project/1`, where the spec writes `/project/1/`);
//! - the bearer prefix is matched case-insensitively, a bare token or `Bearer  tok` (two spaces)
//!   is 401 (a bare token falls back to the cookie), and expired tokens are 401;
//! - a wrong method on a known path is 405 even without credentials (what gorilla/mux, the
//!   server's router, answers before its middleware runs);
//! - `GET /user/tokens` lists **expired** tokens too, and `DELETE` marks them expired;
//! - with the BoltDB flavour, an unknown token's `DELETE` is **404** and `created` is
//!   `0001-01-01T00:00:00Z`;
//! - `POST /projects` and `POST /project/{id}/templates` answer **201 with the created object**.
//!
//! Not modelled: session lifetimes (sessions last until [`StandIn::expire_sessions`]), LDAP
//! and external users, admin-only routes (403), the OIDC provider itself (see
//! [`OidcProvider::accept_code`]), and the expiry of the `oauthstate` cookie (set a year
//! ahead, as Semaphore sets it, and never checked).

mod routes;
mod server;
mod state;
mod wire;

pub use server::{DEFAULT_PASSWORD, DEFAULT_USER, StandIn, StandInBuilder};
pub use state::{Credential, LoggedRequest, OidcProvider, User};
