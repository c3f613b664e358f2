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
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use semaphore_api_testkit::{StandIn, User, OidcProvider};
//!
//! let server = StandIn::builder()
//!     .user(User::new("alice", "alice@example.com", "wonderland", false))
//!     .oidc_provider(OidcProvider::new("mysso", "Sign in with MySSO"))
//!     .start()
//!     .await?;
//! println!("talk to {}", server.url()); // http://127.0.0.1:PORT/api
//! # Ok(()) }
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
//! | `GET /api/auth/oidc/{id}/login` | 307 to the provider's authorize URL (`client_id`, `redirect_uri`, `response_type=code`, `scope`, `state`) + `Set-Cookie: oauthstate=...`; an unknown provider: 307 to `/auth/login` |
//! | `GET /api/auth/oidc/{id}/redirect` | 307 to `/` with a session cookie when `code` is the provider's [`OidcProvider::accept_code`] and `state` one it handed out; otherwise 307 to `/auth/login` |
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
//! Every protected route answers 401 with an empty body without a valid credential: a
//! `semaphore` session cookie, or `Authorization: Bearer <token>` (the header wins over any
//! cookie). Unknown paths: 404 with the plain-text body `Not Found\n`. Request bodies over 1 MiB:
//! 413.
//!
//! # Where it follows the real server rather than the spec
//!
//! Semaphore's Swagger spec and its Go handlers (v2.10) differ; the stand-in does what the
//! server does:
//! - a bad login (unknown user, wrong password, `{}`) is **401**, not the spec's 400; 400 is
//!   kept for bodies that are not a login object;
//! - the OIDC endpoints answer **307**, not 302, and failures redirect to `/auth/login`;
//! - `POST /auth/logout` answers 204 **without** credentials too, and leaves the session valid
//!   on the server (only the browser's cookie is cleared);
//! - every answer, the empty 204s, 401s and 307s included, has `Content-Type: application/json`;
//!   JSON bodies end with a newline; failures of the auth routes have **empty** bodies;
//! - paths have **no trailing slash** (`/project/1`, where the spec writes `/project/1/`);
//! - the bearer prefix is matched case-insensitively, a bare token or `Bearer  tok` (two spaces)
//!   is 401, and expired tokens are 401;
//! - `GET /user/tokens` lists **expired** tokens too, and `DELETE` marks them expired;
//! - with the BoltDB flavour, an unknown token's `DELETE` is **404** and `created` is
//!   `0001-01-01T00:00:00Z`;
//! - `POST /projects` and `POST /project/{id}/templates` answer **201 with the created object**.
//!
//! Sessions do not expire (the real server's 7-day and 30-day limits are not modelled), and
//! the OIDC redirect does not talk to a provider.

mod routes;
mod server;
mod state;
mod wire;

pub use server::{DEFAULT_PASSWORD, DEFAULT_USER, StandIn, StandInBuilder};
pub use state::{Credential, LoggedRequest, OidcProvider, User};
