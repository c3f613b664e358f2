//! What a route's handler is: what it is given (the request, its route's variables, the
//! state, the user or project the route's checks let through) and what it returns.

use hyper::Method;
use hyper::header::HeaderMap;

use crate::config::Config;
use crate::query::query_param;
use crate::state::State;
use crate::wire::Response;

/// One request as the router sees it.
pub(crate) struct Incoming<'a> {
    pub method: &'a Method,
    /// The path as sent (percent-encoded).
    pub path: &'a str,
    pub query: Option<&'a str>,
    pub headers: &'a HeaderMap,
    /// The whole body (always read: one over the size limit never reaches the router).
    pub body: &'a [u8],
}

/// What the stand-in does with a request that reached a route, after the checks the real
/// route makes first.
#[derive(Clone, Copy)]
pub(crate) enum Handler {
    /// Answers anyone: `/ping` and the `/auth` routes.
    Public(fn(&mut Reached<'_>) -> Response),
    /// Answers a user.
    User(fn(&mut Reached<'_>, i64) -> Response),
    /// Answers a user the project `{project_id}` is open to (`ProjectMiddleware`).
    Project(fn(&mut Reached<'_>, Member) -> Response),
    /// `/ws`, which the server upgrades before reading a body.
    Socket,
    /// A route the stand-in does not serve: 501, after the real route's checks.
    NotModelled,
}

/// A request that reached a route: what its handler works with.
pub(crate) struct Reached<'a> {
    pub state: &'a mut State,
    pub config: &'a Config,
    pub req: &'a Incoming<'a>,
    pub vars: Vars<'a>,
}

/// The values of a route's template variables, in order.
#[derive(Clone, Copy)]
pub(crate) struct Vars<'a>(pub &'a [&'a str]);

impl<'a> Vars<'a> {
    /// The `i`th value (`""` past the last, which a route's handler never asks for).
    pub fn at(self, i: usize) -> &'a str {
        self.0.get(i).copied().unwrap_or_default()
    }
}

impl Reached<'_> {
    /// The `sort` and `order=desc` of a list.
    pub fn sorting(&self) -> (Option<String>, bool) {
        let sort = query_param(self.req.query, "sort");
        (
            sort,
            query_param(self.req.query, "order").as_deref() == Some("desc"),
        )
    }
}

/// The user and project of a `/project/{project_id}...` request that passed the project checks.
#[derive(Clone, Copy)]
pub(crate) struct Member {
    pub user_id: i64,
    pub project: i64,
}
