//! [`StandIn`]: the server's lifecycle, from binding a port to stopping on drop.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming as Body;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::task::{JoinHandle, JoinSet};

use crate::accounts::{OidcProvider, User};
use crate::config::Config;
use crate::credentials;
use crate::dispatch;
use crate::handler::Incoming;
use crate::request_log::LoggedRequest;
use crate::shared::{Limits, Shared};
use crate::state::State;
use crate::task_script::TaskScript;
use crate::task_store::SocketEvent;
use crate::wire::{self, Response};

/// The largest request body read; a larger one (or one that cannot be read) is answered 413.
const MAX_BODY: usize = 1024 * 1024;

/// How many requests [`StandIn::requests`] keeps by default (the latest).
pub const DEFAULT_LOG_LIMIT: usize = 10_000;
/// How many sessions are kept by default; past it, the oldest ends.
pub const DEFAULT_MAX_SESSIONS: usize = 10_000;
/// How many connections are served at once by default; more wait to be accepted.
pub const DEFAULT_MAX_CONNECTIONS: usize = 256;
/// How long a connection may take to send a request's head by default.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// The default user: `admin` / `changeme`, an administrator.
pub const DEFAULT_USER: &str = "admin";
/// The default user's password.
pub const DEFAULT_PASSWORD: &str = "changeme";

/// A stand-in Semaphore server on 127.0.0.1; it stops when dropped.
///
/// See the [crate documentation](crate) for what it does and where it follows the real
/// server rather than the spec.
pub struct StandIn {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

/// Sets up a [`StandIn`].
#[derive(Debug)]
#[must_use]
pub struct StandInBuilder {
    port: u16,
    users: Vec<User>,
    oidc_providers: Vec<OidcProvider>,
    login_with_password: bool,
    bolt_db: bool,
    newer: bool,
    non_admin_can_create_project: bool,
    max_sessions: usize,
    limits: Limits,
}

impl StandIn {
    /// Starts a stand-in with the default `admin` user on a free port.
    pub async fn start() -> std::io::Result<StandIn> {
        StandIn::builder().start().await
    }

    /// A builder, for users, OIDC providers, the port, the backend flavour.
    pub fn builder() -> StandInBuilder {
        StandInBuilder {
            port: 0,
            users: vec![User::new(
                DEFAULT_USER,
                "admin@example.com",
                DEFAULT_PASSWORD,
                true,
            )],
            oidc_providers: Vec::new(),
            login_with_password: true,
            bolt_db: false,
            newer: false,
            non_admin_can_create_project: false,
            max_sessions: DEFAULT_MAX_SESSIONS,
            limits: Limits {
                log: DEFAULT_LOG_LIMIT,
                connections: DEFAULT_MAX_CONNECTIONS,
                header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            },
        }
    }

    /// The API's base URL, `http://127.0.0.1:PORT/api`.
    pub fn url(&self) -> String {
        format!("http://{}/api", self.addr)
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Adds a user while running; returns its id.
    pub fn add_user(&self, user: User) -> i64 {
        self.shared.state().add_user(user)
    }

    /// The requests answered so far, oldest first: the latest [`DEFAULT_LOG_LIMIT`] (or
    /// [`StandInBuilder::log_limit`]), each path cut to its first 1,024 bytes.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.state().logged(self.shared.limits.log)
    }

    /// Forgets the request log.
    pub fn clear_requests(&self) {
        self.shared.state().log.clear();
    }

    /// Runs the tasks of template `template_id` of project `project_id` started from now on
    /// as `script` says (unless [`script_next_task`](Self::script_next_task) gave one).
    pub fn script_template(&self, project_id: i64, template_id: i64, script: TaskScript) {
        self.shared
            .state()
            .tasks
            .script_template(project_id, template_id, script);
    }

    /// Runs the next task started (of any template) as `script` says; several calls queue
    /// scripts for the tasks started after it, in order.
    pub fn script_next_task(&self, script: TaskScript) {
        self.shared.state().tasks.script_next_task(script);
    }

    /// Answers `method route` with `status` and `body` (JSON; `None`: an empty body) from
    /// now on, for a route the stand-in does not model: the ones that answer 501, whose
    /// message names them as `route` is written (`/api/project/{project_id}/views`). The
    /// real route's checks still come first (the credential; under
    /// `/api/project/{project_id}` the project), and every project id gets the same answer.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use semaphore_api_testkit::StandIn;
    ///
    /// let server = StandIn::start().await?;
    /// server.script_route(
    ///     "GET",
    ///     "/api/project/{project_id}/views",
    ///     200,
    ///     Some(serde_json::json!([{"id": 1, "project_id": 1, "title": "Deploys", "position": 0}])),
    /// );
    /// # Ok::<_, std::io::Error>(()) }).unwrap();
    /// ```
    ///
    /// # Panics
    ///
    /// When `method route` is not a route of the real server the stand-in leaves unmodelled
    /// (a typo would otherwise script nothing), or `status` is not a status (100 to 999).
    pub fn script_route(
        &self,
        method: &str,
        route: &str,
        status: u16,
        body: Option<serde_json::Value>,
    ) {
        let template = route.strip_prefix("/api").and_then(|template| {
            crate::route_table::ROUTES
                .iter()
                .find(|r| r.template == template && r.takes(method) && r.is_not_modelled())
                .map(|r| r.template)
        });
        let Some(template) = template else {
            panic!(
                "{method} {route} is not a route the stand-in leaves unmodelled: give it as the 501 message names it, e.g. \"GET\", \"/api/project/{{project_id}}/views\""
            );
        };
        assert!(
            hyper::StatusCode::from_u16(status).is_ok(),
            "{status} is not an HTTP status"
        );
        self.shared
            .state()
            .scripted_routes
            .insert((method.to_owned(), template), (status, body));
    }

    /// What the run of task `task_id` applies (its limit, tags, inventory, ...), as the
    /// server works it out from the task and its template: on a
    /// [newer server](StandInBuilder::newer_server), an override the template does not allow
    /// is not there. `None` for an unknown task.
    pub fn task_run(&self, task_id: i64) -> Option<crate::TaskRun> {
        self.shared.state().tasks.run_of(task_id)
    }

    /// Closes every open `/api/ws` socket now, as the real server does to one that falls
    /// behind.
    pub fn drop_sockets(&self) {
        let _ = self.shared.state().tasks.sockets.send(SocketEvent::DropAll);
    }

    /// Refuses (403) `/api/ws` upgrades from now on, as a proxy that does not pass
    /// WebSockets would, or accepts them again.
    pub fn refuse_sockets(&self, refuse: bool) {
        self.shared.refuse_sockets(refuse);
    }

    /// Ends every session, as the real server does after 7 idle days or 30 days in all:
    /// their cookies are then refused with 401. API tokens stay valid.
    pub fn expire_sessions(&self) {
        self.shared.state().clear_sessions();
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        // Aborting the accept loop drops its JoinSet, which aborts every connection; task
        // runners and sockets end on their own.
        self.task.abort();
        self.shared.close();
        self.drop_sockets();
    }
}

impl std::fmt::Debug for StandIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StandIn")
            .field("url", &self.url())
            .finish_non_exhaustive()
    }
}

impl StandInBuilder {
    /// Listens on this port of 127.0.0.1 instead of a free one.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Adds a user (the default `admin` stays).
    pub fn user(mut self, user: User) -> Self {
        self.users.push(user);
        self
    }

    /// Offers an OIDC provider on the login page.
    pub fn oidc_provider(mut self, provider: OidcProvider) -> Self {
        self.oidc_providers.push(provider);
        self
    }

    /// What `GET /auth/login` says of password logins (default `true`; logins still work).
    pub fn login_with_password(mut self, enabled: bool) -> Self {
        self.login_with_password = enabled;
        self
    }

    /// Acts like the BoltDB backend rather than an SQL one (PostgreSQL, MySQL): the
    /// [crate documentation](crate) lists where they differ.
    pub fn bolt_db_backend(mut self, bolt: bool) -> Self {
        self.bolt_db = bolt;
        self
    }

    /// Acts as a server newer than v2.10.32 (Semaphore 2.17, as its sources show it) where
    /// it matters to a client: a newer version on `/api/info`, the template fields it adds,
    /// task options read from `params` and applied only where the template's `task_params`
    /// allows them ([`StandIn::task_run`] tells what a run applied), output lines with `id` and
    /// `stage_id`, and the `raw_output` and `stop_all_tasks` routes. Default `false`: v2.10.32.
    pub fn newer_server(mut self, newer: bool) -> Self {
        self.newer = newer;
        self
    }

    /// Lets users who are not administrators create projects, as the server's
    /// `non_admin_can_create_project` setting does (default `false`: their `POST /projects`
    /// is a 401).
    pub fn non_admin_can_create_project(mut self, allowed: bool) -> Self {
        self.non_admin_can_create_project = allowed;
        self
    }

    /// Keeps the latest `limit` requests in [`StandIn::requests`] (default
    /// [`DEFAULT_LOG_LIMIT`]), so that a long-running stand-in's memory stays bounded.
    pub fn log_limit(mut self, limit: usize) -> Self {
        self.limits.log = limit.max(1);
        self
    }

    /// Keeps at most `limit` sessions (default [`DEFAULT_MAX_SESSIONS`]); a login past it
    /// ends the oldest.
    pub fn max_sessions(mut self, limit: usize) -> Self {
        self.max_sessions = limit.max(1);
        self
    }

    /// Serves at most `limit` connections at once (default [`DEFAULT_MAX_CONNECTIONS`]); more
    /// wait in the listen queue until one closes.
    pub fn max_connections(mut self, limit: usize) -> Self {
        self.limits.connections = limit.max(1);
        self
    }

    /// Closes a connection that has not sent a whole request head within `timeout` (default
    /// [`DEFAULT_HEADER_READ_TIMEOUT`]).
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.limits.header_read_timeout = timeout;
        self
    }

    /// Binds 127.0.0.1 and starts serving on the current tokio runtime.
    pub async fn start(self) -> std::io::Result<StandIn> {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await?;
        let addr = listener.local_addr()?;
        let mut state = State::default();
        for user in self.users {
            state.add_user(user);
        }
        let config = Config {
            base_url: format!("http://{addr}/api"),
            oidc_providers: self.oidc_providers,
            login_with_password: self.login_with_password,
            bolt_db: self.bolt_db,
            newer: self.newer,
            non_admin_can_create_project: self.non_admin_can_create_project,
            max_sessions: self.max_sessions,
        };
        let shared = Arc::new(Shared::new(config, self.limits, state));
        let task = tokio::spawn(serve(listener, shared.clone()));
        Ok(StandIn { addr, shared, task })
    }
}

async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    let slots = Arc::new(Semaphore::new(shared.limits.connections));
    loop {
        // A connection past the limit waits in the listen queue, not in memory here.
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let socket = match listener.accept().await {
            Ok((socket, _)) => socket,
            Err(_) => {
                // Out of file descriptors, say: wait instead of spinning on the error.
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                continue;
            }
        };
        let shared = shared.clone();
        let timeout = shared.limits.header_read_timeout;
        connections.spawn(async move {
            let _slot = slot; // freed when the connection ends
            let service = service_fn(move |request| {
                let shared = shared.clone();
                async move {
                    let response = handle(&shared, request).await;
                    match response.extensions().get::<wire::HangUp>() {
                        Some(hang_up) => Err(*hang_up),
                        None => Ok(response),
                    }
                }
            });
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(timeout)
                .serve_connection(TokioIo::new(socket), service)
                .with_upgrades()
                .await;
        });
        while connections.try_join_next().is_some() {} // reap finished connections
    }
}

async fn handle(shared: &Arc<Shared>, request: Request<Body>) -> Response {
    // The socket's upgrade needs the request itself, its body unread.
    if dispatch::is_socket(request.method(), request.uri().path()) {
        let logged_path = request.uri().path().to_owned();
        let logged_method = request.method().to_string();
        let (credential, user) =
            credentials::presented(&shared.state(), &shared.config, request.headers());
        let response = match user {
            Some(user) => crate::socket::upgrade(shared, request, user),
            None => wire::empty(StatusCode::UNAUTHORIZED),
        };
        let logged = LoggedRequest {
            method: logged_method,
            path: logged_path,
            query: None,
            credential,
            status: response.status().as_u16(),
        };
        shared.state().log_request(logged, shared.limits.log);
        return response;
    }
    let (head, body) = request.into_parts();
    let body: Option<Bytes> = Limited::new(body, MAX_BODY)
        .collect()
        .await
        .ok()
        .map(|b| b.to_bytes());
    let raw_path = head.uri.path();
    let query = head.uri.query();
    let mut state = shared.state();
    let (response, credential) = match body.as_deref() {
        Some(body) => {
            let incoming = Incoming {
                method: &head.method,
                path: raw_path,
                query,
                headers: &head.headers,
                body,
            };
            dispatch::respond(&mut state, &shared.config, &incoming)
        }
        // A body over the limit is refused before any route acts on the request.
        None => (
            wire::empty(StatusCode::PAYLOAD_TOO_LARGE),
            credentials::credential(&state, &shared.config, &head.headers),
        ),
    };
    let logged = LoggedRequest {
        method: head.method.to_string(),
        path: raw_path.to_owned(),
        query: query.map(str::to_owned),
        credential,
        status: response.status().as_u16(),
    };
    state.log_request(logged, shared.limits.log);
    for task in std::mem::take(&mut state.tasks.to_start) {
        tokio::spawn(crate::task_runner::run(shared.clone(), task));
    }
    response
}
