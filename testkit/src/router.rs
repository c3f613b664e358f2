//! The real server's router: what it does to a path before routing it, and which of its
//! routes (gorilla/mux, set up in `api/router.go`) a request reaches.

use hyper::StatusCode;
use hyper::header::{CONNECTION, HeaderValue, LOCATION};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use crate::project_settings;
use crate::routes::{self, Handler, NotModelled, Project, Public, Socket, User};
use crate::wire::{self, Answer};
use crate::{newer, projects, tasks, templates};

/// One route of the real router, and what the stand-in answers on it.
pub(crate) struct Route {
    /// The methods it takes, comma-separated: `HEAD` only where the real router takes it.
    pub methods: &'static str,
    /// The real server's path template, after `/api`.
    pub template: &'static str,
    pub handler: Handler,
    /// Served only by servers newer than v2.10.32 ([`Config::newer`](crate::routes::Config)).
    pub newer: bool,
}

const fn row(methods: &'static str, template: &'static str, handler: Handler) -> Route {
    Route {
        methods,
        template,
        handler,
        newer: false,
    }
}

/// A route of newer servers only: v2.10.32 has no such route (404).
const fn newer_row(methods: &'static str, template: &'static str, handler: Handler) -> Route {
    Route {
        newer: true,
        ..row(methods, template, handler)
    }
}

impl Route {
    pub(crate) fn takes(&self, method: &str) -> bool {
        self.methods.split(',').any(|m| m == method)
    }

    /// Whether the stand-in answers it 501 (unless a test scripts it).
    pub(crate) fn is_not_modelled(&self) -> bool {
        matches!(self.handler, NotModelled)
    }
}

/// Every route under `/api`, in the order the real router tries them, and what answers it:
/// (methods, path template, handler), taken by walking the router of v2.10.32+31 (a route
/// whose methods have different handlers is split into adjacent rows, which routes the
/// same). `{name}` is one non-empty segment; `{redirect_path:.*}` is the rest of the path,
/// slashes included. Routing, the 404 and 405 of a wrong method, and dispatch all read this
/// one table.
#[rustfmt::skip]
pub(crate) static ROUTES: &[Route] = &[
    row("GET,HEAD", "/ping", Public(routes::ping)),
    row("GET", "/auth/login", Public(routes::login_metadata)),
    row("POST", "/auth/login", Public(routes::login)),
    row("POST", "/auth/logout", Public(routes::logout)),
    row("GET", "/auth/oidc/{provider}/login", Public(routes::oidc_login)),
    row("GET", "/auth/oidc/{provider}/redirect", Public(routes::oidc_redirect)),
    row("GET", "/auth/oidc/{provider}/redirect/{redirect_path:.*}", Public(routes::oidc_redirect)),
    row("POST", "/internal/runners", NotModelled),
    row("GET,HEAD", "/internal/runners", NotModelled),
    row("PUT", "/internal/runners", NotModelled),
    row("DELETE", "/internal/runners", NotModelled),
    row("POST,GET,OPTIONS", "/integrations/{integration_alias}", NotModelled),
    row("GET,HEAD", "/ws", Socket),
    row("GET,HEAD", "/info", User(|c, _| newer::info(c.config))),
    row("GET,HEAD", "/projects", User(|c, user| projects::list_projects(c.state, c.config, user))),
    row("POST", "/projects", User(|c, user| projects::create_project(c.state, c.config, user, c.req.body))),
    row("POST", "/projects/restore", NotModelled),
    row("GET,HEAD", "/events", NotModelled),
    row("GET,HEAD", "/events/last", NotModelled),
    row("GET,HEAD", "/users", NotModelled),
    row("POST", "/users", NotModelled),
    row("GET,HEAD", "/user", User(routes::current_user)),
    row("GET,HEAD", "/apps", NotModelled),
    row("GET,HEAD", "/user/tokens", User(routes::list_tokens)),
    row("POST", "/user/tokens", User(routes::create_token)),
    row("DELETE", "/user/tokens/{token_id}", User(routes::expire_token)),
    row("GET,HEAD", "/options", NotModelled),
    row("POST", "/options", NotModelled),
    row("GET,HEAD", "/runners", NotModelled),
    row("POST,HEAD", "/runners", NotModelled),
    row("GET,HEAD", "/runners/{runner_id}", NotModelled),
    row("PUT,POST", "/runners/{runner_id}", NotModelled),
    row("POST", "/runners/{runner_id}/active", NotModelled),
    row("DELETE", "/runners/{runner_id}", NotModelled),
    row("GET,HEAD", "/apps/{app_id}", NotModelled),
    row("PUT,POST", "/apps/{app_id}", NotModelled),
    row("POST", "/apps/{app_id}/active", NotModelled),
    row("DELETE", "/apps/{app_id}", NotModelled),
    row("GET,HEAD", "/tasks", NotModelled),
    row("GET,HEAD", "/tasks/{task_id}", NotModelled),
    row("DELETE", "/tasks/{task_id}", NotModelled),
    row("GET,HEAD", "/users/{user_id}", NotModelled),
    row("PUT", "/users/{user_id}", NotModelled),
    row("DELETE", "/users/{user_id}", NotModelled),
    row("POST", "/users/{user_id}/password", NotModelled),
    row("GET,HEAD", "/project/{project_id}", Project(|c, m| projects::get_project(c.state, m.project))),
    row("POST", "/project/{project_id}/tasks", Project(|c, m| tasks::create(c.state, c.config, m.project, m.user_id, c.req.body))),
    row("POST", "/project/{project_id}/tasks/{task_id}/stop", Project(|c, m| tasks::stop(c.state, c.config, m.project, c.vars.at(1), c.req.body))),
    row("POST", "/project/{project_id}/tasks/{task_id}/confirm", Project(|c, m| tasks::confirm(c.state, c.config, m.project, c.vars.at(1)))),
    row("GET,HEAD", "/project/{project_id}/role", NotModelled),
    row("GET,HEAD", "/project/{project_id}/events", NotModelled),
    row("GET,HEAD", "/project/{project_id}/events/last", NotModelled),
    row("GET,HEAD", "/project/{project_id}/users", NotModelled),
    row("GET,HEAD", "/project/{project_id}/keys", Project(|c, m| routes::list_resources(c, m, "keys"))),
    row("POST", "/project/{project_id}/keys", Project(|c, m| routes::create_resource(c, m, "keys"))),
    row("GET,HEAD", "/project/{project_id}/repositories", Project(|c, m| routes::list_resources(c, m, "repositories"))),
    row("POST", "/project/{project_id}/repositories", Project(|c, m| routes::create_resource(c, m, "repositories"))),
    row("GET,HEAD", "/project/{project_id}/inventory", Project(|c, m| routes::list_resources(c, m, "inventory"))),
    row("POST", "/project/{project_id}/inventory", Project(|c, m| routes::create_resource(c, m, "inventory"))),
    row("GET,HEAD", "/project/{project_id}/environment", Project(|c, m| routes::list_resources(c, m, "environment"))),
    row("POST", "/project/{project_id}/environment", Project(|c, m| routes::create_resource(c, m, "environment"))),
    row("GET,HEAD", "/project/{project_id}/tasks", Project(|c, m| tasks::list(c.state, m.project, 1000))),
    row("GET,HEAD", "/project/{project_id}/tasks/last", Project(|c, m| tasks::list(c.state, m.project, 200))),
    row("GET,HEAD", "/project/{project_id}/templates", Project(routes::list_templates)),
    row("POST", "/project/{project_id}/templates", Project(|c, m| templates::create_template(c.state, c.config, m.project, c.req.body))),
    row("GET,HEAD", "/project/{project_id}/schedules", NotModelled),
    row("POST", "/project/{project_id}/schedules", NotModelled),
    row("POST", "/project/{project_id}/schedules/validate", NotModelled),
    row("GET,HEAD", "/project/{project_id}/views", NotModelled),
    row("POST", "/project/{project_id}/views", NotModelled),
    row("POST", "/project/{project_id}/views/positions", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations", NotModelled),
    row("POST", "/project/{project_id}/integrations", NotModelled),
    row("GET,HEAD", "/project/{project_id}/backup", NotModelled),
    row("GET,HEAD", "/project/{project_id}/keys/{key_id}", Project(|c, m| routes::object(c, m, "keys", routes::Verb::Get))),
    row("GET,HEAD", "/project/{project_id}/keys/{key_id}/refs", NotModelled),
    row("PUT", "/project/{project_id}/keys/{key_id}", Project(|c, m| routes::object(c, m, "keys", routes::Verb::Put))),
    row("DELETE", "/project/{project_id}/keys/{key_id}", Project(|c, m| routes::object(c, m, "keys", routes::Verb::Delete))),
    row("GET,HEAD", "/project/{project_id}/repositories/{repository_id}", Project(|c, m| routes::object(c, m, "repositories", routes::Verb::Get))),
    row("GET,HEAD", "/project/{project_id}/repositories/{repository_id}/refs", NotModelled),
    row("PUT", "/project/{project_id}/repositories/{repository_id}", Project(|c, m| routes::object(c, m, "repositories", routes::Verb::Put))),
    row("DELETE", "/project/{project_id}/repositories/{repository_id}", Project(|c, m| routes::object(c, m, "repositories", routes::Verb::Delete))),
    row("GET,HEAD", "/project/{project_id}/inventory/{inventory_id}", Project(|c, m| routes::object(c, m, "inventory", routes::Verb::Get))),
    row("GET,HEAD", "/project/{project_id}/inventory/{inventory_id}/refs", NotModelled),
    row("PUT", "/project/{project_id}/inventory/{inventory_id}", Project(|c, m| routes::object(c, m, "inventory", routes::Verb::Put))),
    row("DELETE", "/project/{project_id}/inventory/{inventory_id}", Project(|c, m| routes::object(c, m, "inventory", routes::Verb::Delete))),
    row("GET,HEAD", "/project/{project_id}/environment/{environment_id}", Project(|c, m| routes::object(c, m, "environment", routes::Verb::Get))),
    row("GET,HEAD", "/project/{project_id}/environment/{environment_id}/refs", NotModelled),
    row("PUT", "/project/{project_id}/environment/{environment_id}", Project(|c, m| routes::object(c, m, "environment", routes::Verb::Put))),
    row("DELETE", "/project/{project_id}/environment/{environment_id}", Project(|c, m| routes::object(c, m, "environment", routes::Verb::Delete))),
    row("PUT", "/project/{project_id}/templates/{template_id}", Project(|c, m| routes::object(c, m, "templates", routes::Verb::Put))),
    row("DELETE", "/project/{project_id}/templates/{template_id}", Project(|c, m| routes::object(c, m, "templates", routes::Verb::Delete))),
    row("GET", "/project/{project_id}/templates/{template_id}", Project(routes::get_template)),
    newer_row("POST", "/project/{project_id}/templates/{template_id}/stop_all_tasks", Project(|c, m| tasks::stop_all(c.state, c.config, m.project, c.vars.at(1), c.req.body))),
    row("GET,HEAD", "/project/{project_id}/templates/{template_id}/refs", NotModelled),
    row("GET", "/project/{project_id}/templates/{template_id}/tasks", NotModelled),
    row("GET", "/project/{project_id}/templates/{template_id}/tasks/last", NotModelled),
    row("GET", "/project/{project_id}/templates/{template_id}/schedules", NotModelled),
    row("GET,HEAD", "/project/{project_id}/tasks/{task_id}/output", Project(|c, m| tasks::output(c.state, c.config, m.project, c.vars.at(1)))),
    newer_row("GET,HEAD", "/project/{project_id}/tasks/{task_id}/raw_output", Project(|c, m| tasks::raw_output(c.state, m.project, c.vars.at(1)))),
    row("GET,HEAD", "/project/{project_id}/tasks/{task_id}", Project(|c, m| tasks::get(c.state, m.project, c.vars.at(1)))),
    row("DELETE", "/project/{project_id}/tasks/{task_id}", Project(|c, m| tasks::delete(c.state, m.project, m.user_id, c.vars.at(1)))),
    row("GET,HEAD", "/project/{project_id}/schedules/{schedule_id}", NotModelled),
    row("PUT", "/project/{project_id}/schedules/{schedule_id}", NotModelled),
    row("PUT", "/project/{project_id}/schedules/{schedule_id}/active", NotModelled),
    row("DELETE", "/project/{project_id}/schedules/{schedule_id}", NotModelled),
    row("GET,HEAD", "/project/{project_id}/views/{view_id}", NotModelled),
    row("PUT", "/project/{project_id}/views/{view_id}", NotModelled),
    row("DELETE", "/project/{project_id}/views/{view_id}", NotModelled),
    row("GET,HEAD", "/project/{project_id}/views/{view_id}/templates", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations/aliases", NotModelled),
    row("POST", "/project/{project_id}/integrations/aliases", NotModelled),
    row("DELETE", "/project/{project_id}/integrations/aliases/{alias_id}", NotModelled),
    row("PUT", "/project/{project_id}/integrations/{integration_id}", NotModelled),
    row("DELETE", "/project/{project_id}/integrations/{integration_id}", NotModelled),
    row("GET", "/project/{project_id}/integrations/{integration_id}", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations/{integration_id}/refs", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations/{integration_id}/matchers", NotModelled),
    row("POST", "/project/{project_id}/integrations/{integration_id}/matchers", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations/{integration_id}/values", NotModelled),
    row("POST", "/project/{project_id}/integrations/{integration_id}/values", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations/{integration_id}/aliases", NotModelled),
    row("POST", "/project/{project_id}/integrations/{integration_id}/aliases", NotModelled),
    row("DELETE", "/project/{project_id}/integrations/{integration_id}/aliases/{alias_id}", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}", NotModelled),
    row("PUT", "/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}", NotModelled),
    row("DELETE", "/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}/refs", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations/{integration_id}/values/{value_id}", NotModelled),
    row("PUT", "/project/{project_id}/integrations/{integration_id}/values/{value_id}", NotModelled),
    row("DELETE", "/project/{project_id}/integrations/{integration_id}/values/{value_id}", NotModelled),
    row("GET", "/project/{project_id}/integrations/{integration_id}/values/{value_id}/refs", NotModelled),
    row("PUT", "/project/{project_id}", Project(|c, m| project_settings::update_project(c.state, c.config, m.project, m.user_id, c.req.body))),
    row("DELETE", "/project/{project_id}", Project(|c, m| project_settings::delete_project(c.state, m.project, m.user_id))),
    row("DELETE", "/project/{project_id}/me", NotModelled),
    row("POST", "/project/{project_id}/users", NotModelled),
    row("GET,HEAD", "/project/{project_id}/users/{user_id}", NotModelled),
    row("PUT", "/project/{project_id}/users/{user_id}", NotModelled),
    row("DELETE", "/project/{project_id}/users/{user_id}", NotModelled),
];

/// A method mismatch reaches the router's answer (405) only on the routes of its last
/// subrouter: on any other path a later `/api` subrouter clears the mismatch, and the answer
/// is the 404 of an unknown path.
const LAST_SUBROUTER: &str = "/project/{project_id}/users/{user_id}";

/// Where a request under `/api` goes.
pub(crate) enum Routed<'p> {
    /// The first route that matches path and method, and its variables' values.
    Found {
        route: &'static Route,
        vars: Vec<&'p str>,
    },
    NotFound,
    MethodNotAllowed,
}

/// Routes `path` (after `/api`, as the router sees it: decoded, cropped and clean), on a
/// server newer than v2.10.32 or not.
pub(crate) fn route<'p>(method: &str, path: &'p str, newer: bool) -> Routed<'p> {
    let mut path_matched = false;
    for route in ROUTES.iter().filter(|r| newer || !r.newer) {
        let Some(vars) = match_path(route.template, path) else {
            continue;
        };
        if route.takes(method) {
            return Routed::Found { route, vars };
        }
        path_matched |= route.template == LAST_SUBROUTER;
    }
    if path_matched {
        Routed::MethodNotAllowed
    } else {
        Routed::NotFound
    }
}

/// The values of the template's variables when `path` matches it.
fn match_path<'p>(template: &str, path: &'p str) -> Option<Vec<&'p str>> {
    let mut vars = Vec::new();
    let mut rest = path.strip_prefix('/')?;
    let mut parts = template.strip_prefix('/')?.split('/').peekable();
    while let Some(part) = parts.next() {
        if part.ends_with(":.*}") {
            vars.push(rest);
            return Some(vars);
        }
        let (segment, after) = match rest.split_once('/') {
            Some((segment, after)) if parts.peek().is_some() => (segment, after),
            Some(_) => return None,
            None if parts.peek().is_none() => (rest, ""),
            None => return None,
        };
        if part.starts_with('{') {
            if segment.is_empty() {
                return None;
            }
            vars.push(segment);
        } else if part != segment {
            return None;
        }
        rest = after;
    }
    Some(vars)
}

/// The path the router matches, from the path as sent: percent-decoded (as Go's `URL.Path`),
/// one trailing slash cropped (the server's `cropTrailingSlashMiddleware`), then cleaned. What
/// the real server answers before routing is the `Err`: 400 for a broken percent escape (Go's
/// HTTP server), 301 to the clean path for `//`, `.` or `..` segments (the router).
pub(crate) fn normalise(raw_path: &str, query: Option<&str>) -> Result<String, Box<Answer>> {
    let Some(decoded) = percent_decode_strict(raw_path) else {
        return Err(Box::new(bad_request()));
    };
    let mut path = String::from_utf8_lossy(&decoded).into_owned();
    if path != "/" && path.ends_with('/') {
        path.pop();
    }
    let clean = clean_path(&path);
    if clean == path {
        return Ok(path);
    }
    let mut location = escape_path(&clean);
    if let Some(query) = query {
        location.push('?');
        location.push_str(query);
    }
    let mut answer = wire::bare(StatusCode::MOVED_PERMANENTLY);
    if let Ok(value) = HeaderValue::from_str(&location) {
        answer.headers_mut().insert(LOCATION, value);
    }
    Err(Box::new(answer))
}

/// Go's HTTP server refuses a request whose path has a `%` not followed by two hex digits,
/// and closes the connection.
fn bad_request() -> Answer {
    let mut answer = wire::text(StatusCode::BAD_REQUEST, "400 Bad Request");
    answer
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    answer
}

/// Decodes `s` unless a `%` in it is not followed by two hex digits.
fn percent_decode_strict(s: &str) -> Option<Vec<u8>> {
    let broken = s.split('%').skip(1).any(|after| {
        let hex = after.as_bytes().get(..2);
        !hex.is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    (!broken).then(|| percent_decode_str(s).collect())
}

/// gorilla/mux's `cleanPath`: Go's `path.Clean`, keeping a trailing slash.
fn clean_path(path: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                kept.pop();
            }
            _ => kept.push(segment),
        }
    }
    let mut clean = format!("/{}", kept.join("/"));
    if path.ends_with('/') && clean != "/" {
        clean.push('/');
    }
    clean
}

/// What Go's `URL.EscapedPath` percent-encodes in a path it built itself: all but the
/// unreserved bytes and `$&+,/:;=@`.
const PATH_ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b',')
    .remove(b'/')
    .remove(b':')
    .remove(b';')
    .remove(b'=')
    .remove(b'@');

fn escape_path(path: &str) -> String {
    utf8_percent_encode(path, PATH_ESCAPED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the real router does with each (method, path): the route it reaches, or 404, or
    /// 405. Recorded by asking the router of v2.10.32+31 (`mux.Router.Match`) directly, for
    /// every method on a sample path of each route, plus paths where a literal and a
    /// variable compete.
    const REAL_ROUTER: &str = include_str!("../tests/data/real_router.txt");

    #[test]
    fn routes_like_the_real_router() {
        let mut checked = 0;
        for line in REAL_ROUTER.lines().filter(|l| !l.starts_with('#')) {
            let mut words = line.split(' ');
            let (method, path, expected) = (
                words.next().unwrap(),
                words.next().unwrap(),
                words.next().unwrap(),
            );
            let path = path.strip_prefix("/api").unwrap();
            let routed = match route(method, path, false) {
                Routed::Found { route, .. } => route.template.to_owned(),
                Routed::NotFound => "404".to_owned(),
                Routed::MethodNotAllowed => "405".to_owned(),
            };
            assert_eq!(routed, expected, "{method} /api{path}");
            checked += 1;
        }
        assert!(checked > 500, "only {checked} cases");
    }

    /// The routes the stand-in serves (the others answer 501), written out apart from the
    /// table so that a route dropped from it, or a method dropped from a route, shows.
    const SERVED: &[(&str, &str)] = &[
        ("GET,HEAD", "/ping"),
        ("GET,HEAD", "/info"),
        ("GET,POST", "/auth/login"),
        ("POST", "/auth/logout"),
        ("GET", "/auth/oidc/{provider}/login"),
        ("GET", "/auth/oidc/{provider}/redirect"),
        ("GET", "/auth/oidc/{provider}/redirect/{redirect_path:.*}"),
        ("GET,HEAD", "/ws"),
        ("GET,HEAD", "/user"),
        ("GET,HEAD,POST", "/user/tokens"),
        ("DELETE", "/user/tokens/{token_id}"),
        ("GET,HEAD,POST", "/projects"),
        ("GET,HEAD,PUT,DELETE", "/project/{project_id}"),
        ("GET,HEAD,POST", "/project/{project_id}/templates"),
        (
            "GET,PUT,DELETE",
            "/project/{project_id}/templates/{template_id}",
        ),
        ("GET,HEAD,POST", "/project/{project_id}/keys"),
        ("GET,HEAD,PUT,DELETE", "/project/{project_id}/keys/{key_id}"),
        ("GET,HEAD,POST", "/project/{project_id}/repositories"),
        (
            "GET,HEAD,PUT,DELETE",
            "/project/{project_id}/repositories/{repository_id}",
        ),
        ("GET,HEAD,POST", "/project/{project_id}/inventory"),
        (
            "GET,HEAD,PUT,DELETE",
            "/project/{project_id}/inventory/{inventory_id}",
        ),
        ("GET,HEAD,POST", "/project/{project_id}/environment"),
        (
            "GET,HEAD,PUT,DELETE",
            "/project/{project_id}/environment/{environment_id}",
        ),
        ("GET,HEAD,POST", "/project/{project_id}/tasks"),
        ("GET,HEAD", "/project/{project_id}/tasks/last"),
        ("GET,HEAD,DELETE", "/project/{project_id}/tasks/{task_id}"),
        ("GET,HEAD", "/project/{project_id}/tasks/{task_id}/output"),
        ("POST", "/project/{project_id}/tasks/{task_id}/stop"),
        ("POST", "/project/{project_id}/tasks/{task_id}/confirm"),
    ];

    /// Every method the tests try on every route's path.
    const METHODS: &[&str] = &[
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "BREW",
    ];

    /// A path the template matches, its variables `1` (`then/x` for the rest of the path).
    fn sample(template: &str) -> String {
        let segments = template.split('/').map(|part| match part {
            "{redirect_path:.*}" => "then/x",
            _ if part.starts_with('{') => "1",
            _ => part,
        });
        segments.collect::<Vec<_>>().join("/")
    }

    /// `method path` answered with the session of `admin`, in a state with project 1.
    fn answer_as_admin(state: &mut crate::state::State, method: &str, path: &str) -> Answer {
        let config = routes::Config {
            base_url: "http://127.0.0.1:1/api".into(),
            oidc_providers: Vec::new(),
            login_with_password: true,
            bolt_db: false,
            newer: false,
            non_admin_can_create_project: false,
            max_sessions: 10,
        };
        let method = hyper::Method::from_bytes(method.as_bytes()).unwrap();
        let mut headers = hyper::HeaderMap::new();
        headers.insert(
            hyper::header::COOKIE,
            HeaderValue::from_static("semaphore=s"),
        );
        let body = br#"{"name":"p"}"#;
        let req = routes::Incoming {
            method: &method,
            path,
            query: None,
            headers: &headers,
            body,
        };
        routes::answer(state, &config, &req).0
    }

    fn admin_with_a_project() -> crate::state::State {
        let mut state = crate::state::State::default();
        let admin = crate::User::new("admin", "a@example.com", "changeme", true);
        let admin = state.add_user(admin);
        state.add_session("s".into(), admin, 10);
        let created = answer_as_admin(&mut state, "POST", "/api/projects");
        assert_eq!(created.status(), StatusCode::CREATED);
        state
    }

    /// The router's own refusal (404 `Not Found`, 405), as opposed to a handler's answer.
    fn refused_by_router(answer: &Answer) -> bool {
        let text = answer.headers().get(hyper::header::CONTENT_TYPE)
            == Some(&HeaderValue::from_static("text/plain; charset=utf-8"));
        answer.status() == StatusCode::METHOD_NOT_ALLOWED
            || (answer.status() == StatusCode::NOT_FOUND && text)
    }

    /// The one-table property: on every route's path, each method some route there takes
    /// reaches a handler (its row's, or the socket), and every other method is the router's
    /// 404, or its 405 on the last subrouter; a route not served answers the 501 that names it.
    #[test]
    fn routing_refusals_and_handlers_come_from_one_table() {
        let mut state = admin_with_a_project();
        let mut tried = 0;
        // The stand-in as v2.10.32, which has no route of the newer servers.
        let old_routes = || ROUTES.iter().filter(|r| !r.newer);
        for row in old_routes() {
            let path = sample(row.template);
            let api_path = format!("/api{path}");
            let here: Vec<&Route> = old_routes()
                .filter(|r| match_path(r.template, &path).is_some())
                .collect();
            for &method in METHODS {
                // A deleted project would answer the later routes with its absence.
                if method == "DELETE" && row.template == routes::PROJECT {
                    continue;
                }
                let answer = answer_as_admin(&mut state, method, &api_path);
                let socket = routes::is_socket(&method.parse().unwrap(), &api_path);
                let Some(taker) = here.iter().find(|r| r.takes(method)) else {
                    let status = match here.iter().any(|r| r.template == LAST_SUBROUTER) {
                        true => StatusCode::METHOD_NOT_ALLOWED,
                        false => StatusCode::NOT_FOUND,
                    };
                    assert_eq!(answer.status(), status, "{method} {api_path}");
                    assert!(refused_by_router(&answer), "{method} {api_path}");
                    assert!(!socket, "{method} {api_path}");
                    continue;
                };
                assert!(!refused_by_router(&answer), "{method} {api_path}");
                assert_eq!(
                    socket,
                    matches!(taker.handler, Socket),
                    "{method} {api_path}"
                );
                if row.takes(method) {
                    assert_eq!(taker.template, row.template, "{method} {api_path}");
                }
                if matches!(taker.handler, NotModelled | Socket) {
                    let route = format!("{method} /api{}", taker.template);
                    let script = format!(
                        "StandIn::script_route(\\\"{method}\\\", \\\"/api{}\\\", status, body)",
                        taker.template
                    );
                    let message = format!(
                        "{{\"error\":\"not modelled by the stand-in: {route}; a test scripts its answer with {script}\"}}\n"
                    );
                    let body = answer.body().clone();
                    let body = futures_util::FutureExt::now_or_never(
                        http_body_util::BodyExt::collect(body),
                    );
                    let body = body.unwrap().unwrap().to_bytes();
                    assert_eq!(
                        answer.status(),
                        StatusCode::NOT_IMPLEMENTED,
                        "{method} {api_path}"
                    );
                    assert_eq!(String::from_utf8_lossy(&body), message);
                }
                tried += 1;
            }
        }
        assert!(tried > 200, "only {tried} routed requests");
    }

    /// (method, template), one per method.
    fn pairs(
        rows: impl Iterator<Item = (&'static str, &'static str)>,
    ) -> Vec<(&'static str, &'static str)> {
        let mut pairs: Vec<_> = rows
            .flat_map(|(methods, template)| methods.split(',').map(move |m| (m, template)))
            .collect();
        pairs.sort();
        pairs
    }

    #[test]
    fn the_table_serves_what_the_stand_in_models() {
        let served = ROUTES
            .iter()
            .filter(|r| !matches!(r.handler, NotModelled) && !r.newer)
            .map(|r| (r.methods, r.template));
        assert_eq!(pairs(served), pairs(SERVED.iter().copied()));
        let newer = ROUTES
            .iter()
            .filter(|r| r.newer)
            .map(|r| (r.methods, r.template));
        assert_eq!(
            pairs(newer),
            pairs(
                [
                    (
                        "GET,HEAD",
                        "/project/{project_id}/tasks/{task_id}/raw_output"
                    ),
                    (
                        "POST",
                        "/project/{project_id}/templates/{template_id}/stop_all_tasks"
                    ),
                ]
                .into_iter()
            )
        );
    }

    /// Each handler gets what its route's checks give: a project only under
    /// `/project/{project_id}`, no user only on `/ping` and `/auth`.
    #[test]
    fn handlers_fit_their_templates() {
        for row in ROUTES {
            let in_project = row.template.starts_with(routes::PROJECT);
            let fits = match row.handler {
                Public(_) => row.template == "/ping" || row.template.starts_with("/auth/"),
                User(_) => !in_project && !row.template.starts_with("/auth/"),
                Project(_) => in_project,
                Socket => row.template == "/ws",
                NotModelled => !row.template.starts_with("/auth/"),
            };
            assert!(fits, "{} {}", row.methods, row.template);
        }
    }

    #[test]
    fn variables_are_whole_segments() {
        let found = |path| match route("GET", path, false) {
            Routed::Found { vars, .. } => Some(vars),
            _ => None,
        };
        assert_eq!(found("/project/7/templates/9"), Some(vec!["7", "9"]));
        assert_eq!(found("/auth/oidc/p/redirect/a/b/"), Some(vec!["p", "a/b/"]));
        assert_eq!(found("/auth/oidc/p/redirect/"), Some(vec!["p", ""]));
        assert_eq!(found("/project//templates"), None);
        assert_eq!(found("/projects/"), None);
    }

    #[test]
    fn paths_are_decoded_cropped_and_cleaned() {
        let normalised = |path: &str, query| match normalise(path, query) {
            Ok(path) => (200, path),
            Err(answer) => {
                let location = answer.headers().get(LOCATION);
                let location = location.map(|l| l.to_str().unwrap().to_owned());
                (answer.status().as_u16(), location.unwrap_or_default())
            }
        };
        assert_eq!(normalised("/api/user/", None), (200, "/api/user".into()));
        assert_eq!(normalised("/api/user%2F", None), (200, "/api/user".into()));
        assert_eq!(
            normalised("/api/projects//", None),
            (200, "/api/projects/".into())
        );
        assert_eq!(normalised("/api/us%65r", None), (200, "/api/user".into()));
        assert_eq!(normalised("/", None), (200, "/".into()));
        for (path, query, location) in [
            ("/api/user//tokens", None, "/api/user/tokens"),
            ("/api/user//tokens/", None, "/api/user/tokens"),
            ("//api/user", None, "/api/user"),
            ("/api/./user", None, "/api/user"),
            ("/api/user/.", None, "/api/user"),
            ("/api/user/../user", Some("x=1&y"), "/api/user?x=1&y"),
            ("/api/user%2F%2Ftokens", None, "/api/user/tokens"),
            ("/api/a%20b//c", None, "/api/a%20b/c"),
            ("/../api", None, "/api"),
            (
                "/api/%24%26%2B%2C%3A%3B%3D%40%7E%2A%22%C3%A9%25//x",
                None,
                "/api/$&+,:;=@~%2A%22%C3%A9%25/x",
            ),
        ] {
            assert_eq!(normalised(path, query), (301, location.into()), "{path}");
        }
        for broken in [
            "/api/%zz",
            "/api/a%2",
            "/api/%",
            "/api/%%41",
            "/api/%\u{e9}",
        ] {
            assert_eq!(normalised(broken, None).0, 400, "{broken}");
        }
    }
}
