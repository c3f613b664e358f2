//! A declarative client for the HTTP API of [Semaphore UI](https://semaphoreui.com).
//!
//! Endpoints are declared as a trait; [`#[semaphore_api]`](macro@semaphore_api) writes the
//! implementation for [`Client`]. Every operation of the Semaphore server ships declared this
//! way, a resource layer sits on top of them, and your own traits extend the same client.
//!
//! # Where to start
//!
//! - **Objects, by kind** — [`Client::projects`], [`Client::project`] (a [`ProjectHandle`]
//!   with its templates, keys, repositories, inventories, environments, schedules, views,
//!   integrations, members and tasks), [`Client::users`], [`Client::tokens`] and the others
//!   give a [`Collection`] with the same verbs everywhere: `list`, `find` by name, `get`,
//!   `create`, `update` (read, change, write back, so nothing else changes) and `delete`. See
//!   [`resources`].
//! - **Tasks, live** — [`Client::run_task`] or `templates().run(..)` start a task and give a
//!   [`TaskHandle`]: [`follow`](TaskHandle::follow) its output line by line over the
//!   server's socket (with a fallback to polling), [`wait`](TaskHandle::wait) for its end,
//!   `stop` or `confirm` it. See [`tasks`].
//! - **Every operation, as declared** — one trait per API group, all implemented by
//!   [`Client`]: [`AuthenticationApi`], [`ProjectsApi`], [`ProjectApi`], [`ScheduleApi`],
//!   [`IntegrationApi`], [`TasksApi`], [`UserApi`], [`RunnersApi`], [`AppsApi`],
//!   [`OptionsApi`], [`DefaultApi`], [`RunnerInternalApi`], [`WebhookApi`] (see [`apis`]);
//!   their models are in [`models`], with typed ids ([`ProjectId`], [`TemplateId`], ...).
//! - **Your own endpoints** — [`#[semaphore_api]`](macro@semaphore_api): its page is the
//!   reference of the attributes, with an example of each.
//! - **Tests** — with the `testkit` feature, `testkit::StandIn` is an in-process stand-in
//!   server that answers as the real one does, and `testkit::scripted` a server that answers
//!   what a test scripts.
//! - **Errors** — one [`Error`], whose `Display` and `Debug` never show a secret.
//!
//! ```no_run
//! use semaphore_api::{AuthenticationApi, Client, Login};
//!
//! # async fn run() -> semaphore_api::Result<()> {
//! let client = Client::new("http://localhost:3000")?; // the API is under /api
//! client.auth_login_post(&Login::new("admin", "changeme")).await?;
//! let project = client.projects().find("Homelab").await?;
//! let deploy = client.project(project.id).templates().find("Deploy").await?;
//! let task = client.project(project.id).templates().run(deploy.id, |_| {}).await?;
//! let finished = task.wait(std::time::Duration::from_secs(600)).await?;
//! println!("{:?} at {:?}", finished.status, finished.end);
//! # Ok(()) }
//! ```
//!
//! # Tracing
//!
//! Each call runs in one `INFO` span named `semaphore_api.call`, with the fields of
//! OpenTelemetry's HTTP client conventions: `otel.name` (`GET /user/tokens/{api_token_id}`),
//! `otel.kind` (`client`), `http.request.method`, `url.template` (the path template, never
//! the arguments' values), `server.address`, `server.port`, `code.function.name` (the
//! method's name), and once known `http.response.status_code`, `http.request.resend_count`
//! (after a [`Retry`]), `error.type` and `otel.status_code` (`ERROR`). Inside it: `DEBUG`
//! events when the request is sent and the answer's head arrives, a `WARN` event for each
//! retry. With `tracing-opentelemetry`, `otel.*` fields set the exported span's name, kind
//! and status.

// Lets this crate declare its own endpoints with its own macro, exactly as a user would.
extern crate self as semaphore_api;

mod call;
mod client;
mod error;
mod generated;
mod redact;
mod secret;
#[cfg(feature = "tasks")]
mod terminal;
mod version;

pub mod apis;
pub mod describe;
pub mod models;
pub mod resources;
#[cfg(feature = "tasks")]
pub mod tasks;

pub use apis::*;
pub use call::answer::Redirect;
pub use call::retry::Retry;
pub use client::http::DEFAULT_CONNECT_TIMEOUT;
pub use client::{
    Client, ClientBuilder, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
    http_client_builder,
};
pub use error::{Call, DecodeError, ERROR_BODY_LIMIT, Error, ErrorKind, Result, StatusError};
pub use models::*;
pub use resources::{Collection, ProjectHandle};
pub use secret::Secret;
#[doc = include_str!("semaphore_api.md")]
pub use semaphore_api_macros::semaphore_api;
#[cfg(feature = "tasks")]
pub use tasks::{OutputLine, OutputStream, TaskHandle};
pub use url::Url;
pub use version::{ServerVersion, Support, VERIFIED_VERSION};

/// The HTTP client this crate is built on, for [`ClientBuilder::http_client`] and its types
/// (`reqwest::Client`, `reqwest::StatusCode`, ...) at the version this crate uses.
pub use reqwest;

/// An in-process stand-in Semaphore server for tests (feature `testkit`).
#[cfg(feature = "testkit")]
pub use semaphore_api_testkit as testkit;

/// The README's Rust examples, compiled as doctests so that they stay true.
#[cfg(all(doctest, feature = "testkit", feature = "tasks"))]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;

/// What the code generated by `#[semaphore_api]` calls. Not a public API: it changes with the
/// macro, and the version in its name makes a mismatch between the two fail to compile.
#[doc(hidden)]
pub mod __private_v1 {
    // `Output` is named by the expansion, the others bound `Request`'s methods; all of them
    // are reachable here so that rustc's notes name them by this path.
    pub use crate::call::request::Request;
    pub use crate::describe::{Endpoint, Method, Param, Returns, Role};
    pub use crate::generated::bounds::{Body, Decodable, Header, Output, Placeholder, Query};
    /// The containers a declared answer may sit in.
    pub mod shape {
        pub use crate::generated::shape::*;
    }
    pub use reqwest::header::HeaderName;
    pub use std::future::Future;
    pub use std::marker::Send;
}

/// The seam between a call and the network, for this crate's tests: a client built with
/// `ClientBuilder::__transport` runs every call through the same pipeline as any other and
/// hands the built request to the [`Transport`](__transport::Transport) instead of reqwest.
/// Not a public API.
#[doc(hidden)]
pub mod __transport {
    pub use crate::call::transport::{Sent, Transport};
}
