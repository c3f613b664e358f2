//! The answers, route by route, as the real server (v2.10) gives them: routing,
//! authentication, and the authentication routes themselves.

use hyper::header::{AUTHORIZATION, COOKIE, HeaderMap};
use hyper::{Method, StatusCode};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};

use crate::decode::{Field, Kind, decode, field};
use crate::router::{self, Route, Routed};
use crate::state::{Credential, OidcProvider, State, Token};
use crate::wire::{self, Answer};
use crate::{objects, projects, templates};

/// What the stand-in was started with.
pub(crate) struct Config {
    /// `http://127.0.0.1:PORT/api`, for the OIDC `redirect_uri`.
    pub base_url: String,
    pub oidc_providers: Vec<OidcProvider>,
    pub login_with_password: bool,
    pub bolt_db: bool,
    pub non_admin_can_create_project: bool,
    /// Acts as a server newer than v2.10.32 (`newer.rs`).
    pub newer: bool,
    /// The most sessions kept; past it, the oldest ends.
    pub max_sessions: usize,
}

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
    Public(fn(&mut Call<'_>) -> Answer),
    /// Answers a user.
    User(fn(&mut Call<'_>, i64) -> Answer),
    /// Answers a user the project `{project_id}` is open to (`ProjectMiddleware`).
    Project(fn(&mut Call<'_>, Member) -> Answer),
    /// `/ws`, which the server upgrades before reading a body ([`is_socket`]).
    Socket,
    /// A route the stand-in does not serve: 501, after the real route's checks.
    NotModelled,
}

pub(crate) use Handler::{NotModelled, Project, Public, Socket, User};

/// A request that reached a route.
pub(crate) struct Call<'a> {
    pub state: &'a mut State,
    pub config: &'a Config,
    pub req: &'a Incoming<'a>,
    pub vars: Vars<'a>,
}

/// The values of a route's template variables, in order.
#[derive(Clone, Copy)]
pub(crate) struct Vars<'a>(&'a [&'a str]);

impl<'a> Vars<'a> {
    /// The `i`th value (`""` past the last, which a route's handler never asks for).
    pub fn at(self, i: usize) -> &'a str {
        self.0.get(i).copied().unwrap_or_default()
    }
}

impl Call<'_> {
    /// The `sort` and `order=desc` of a list.
    fn sorting(&self) -> (Option<String>, bool) {
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

/// Answers a request, and says which credential it presented.
pub(crate) fn answer(
    state: &mut State,
    config: &Config,
    req: &Incoming<'_>,
) -> (Answer, Credential) {
    let (credential, user) = presented(state, config, req.headers);
    let path = match router::normalise(req.path, req.query) {
        Ok(path) => path,
        Err(answer) => return (*answer, credential),
    };
    // Outside `/api` the real server serves its web UI: its page on a path without a dot,
    // a file of it (here none) on any other.
    let Some(api_path) = path.strip_prefix("/api") else {
        let page = if path.split('?').next().is_some_and(|p| p.contains('.')) {
            wire::not_found()
        } else {
            wire::web_page()
        };
        return (page, credential);
    };
    // The router answers an unknown path or a wrong method before any authentication.
    // A HEAD reaches the GET's handler where the route takes it (hyper leaves the body out).
    let (route, vars) = match router::route(req.method.as_str(), api_path, config.newer) {
        Routed::Found { route, vars } => (route, vars),
        Routed::NotFound => return (wire::not_found(), credential),
        Routed::MethodNotAllowed => {
            return (wire::bare(StatusCode::METHOD_NOT_ALLOWED), credential);
        }
    };
    let mut call = Call {
        state,
        config,
        req,
        vars: Vars(&vars),
    };
    (serve(&mut call, route, user), credential)
}

/// Whether the server should upgrade this request to the `/api/ws` socket: the route it
/// reaches is the socket's (the query does not count).
pub(crate) fn is_socket(method: &Method, raw_path: &str) -> bool {
    let Ok(path) = router::normalise(raw_path, None) else {
        return false;
    };
    let Some(api_path) = path.strip_prefix("/api") else {
        return false;
    };
    matches!(
        router::route(method.as_str(), api_path, false),
        Routed::Found { route, .. } if matches!(route.handler, Socket)
    )
}

/// The checks the real route makes (authentication, the project's), then its answer.
fn serve(call: &mut Call<'_>, route: &Route, user: Option<i64>) -> Answer {
    let not_modelled = |call: &Call<'_>| match call
        .state
        .scripted_routes
        .get(&(call.req.method.to_string(), route.template))
    {
        Some((status, body)) => scripted(*status, body.as_ref()),
        None => not_modelled(call.req.method, route.template),
    };
    match (route.handler, user) {
        (Public(answer), _) => answer(call),
        // Runners and integration webhooks authenticate their own way.
        (NotModelled, _) if !needs_user(route.template) => not_modelled(call),
        (_, None) => wire::empty(StatusCode::UNAUTHORIZED),
        (User(answer), Some(user_id)) => answer(call, user_id),
        (Project(answer), Some(user_id)) => match member(call, user_id) {
            Ok(member) => answer(call, member),
            Err(answer) => *answer,
        },
        (NotModelled, Some(user_id)) if route.template.starts_with(PROJECT) => {
            match member(call, user_id) {
                Ok(_) => not_modelled(call),
                Err(answer) => *answer,
            }
        }
        // The socket reaches here only if the server did not upgrade it; it never does.
        (NotModelled | Socket, Some(_)) => not_modelled(call),
    }
}

/// Whether a route the stand-in does not serve would ask for a user first.
fn needs_user(template: &str) -> bool {
    !template.starts_with("/internal/") && !template.starts_with("/integrations/")
}

/// The prefix of the routes every one of which runs `ProjectMiddleware` first.
pub(crate) const PROJECT: &str = "/project/{project_id}";

/// The project checks of a `/project/{project_id}...` route.
fn member(call: &Call<'_>, user_id: i64) -> Result<Member, Box<Answer>> {
    let project = projects::project_access(call.state, call.config, user_id, call.vars.at(0))?;
    Ok(Member { user_id, project })
}

pub(crate) fn list_templates(call: &mut Call<'_>, member: Member) -> Answer {
    let (sort, desc) = call.sorting();
    templates::list_templates(
        call.state,
        call.config,
        member.project,
        sort.as_deref(),
        desc,
    )
}

pub(crate) fn get_template(call: &mut Call<'_>, member: Member) -> Answer {
    match projects::int_param(call.vars.at(1)) {
        Ok(template) => templates::get_template(call.state, member.project, template),
        Err(answer) => *answer,
    }
}

/// A project's keys, repositories, inventories or environments (`kind`).
pub(crate) fn list_resources(call: &mut Call<'_>, member: Member, kind: &str) -> Answer {
    let (sort, desc) = call.sorting();
    let (state, config) = (&*call.state, call.config);
    projects::list_resources(state, config, member.project, kind, sort.as_deref(), desc)
}

pub(crate) fn create_resource(call: &mut Call<'_>, member: Member, kind: &'static str) -> Answer {
    let body = call.req.body;
    projects::create_resource(call.state, call.config, member.project, kind, body)
}

/// What is done to one object of a project.
#[derive(Clone, Copy)]
pub(crate) enum Verb {
    Get,
    Put,
    Delete,
}

/// One key, repository, inventory, environment or template (`kind`): read, updated or
/// deleted.
pub(crate) fn object(
    call: &mut Call<'_>,
    member: Member,
    kind: &'static str,
    verb: Verb,
) -> Answer {
    let id = match projects::int_param(call.vars.at(1)) {
        Ok(id) => id,
        Err(answer) => return *answer,
    };
    let (project, body) = (member.project, call.req.body);
    match (kind, verb) {
        ("templates", Verb::Put) => {
            templates::update_template(call.state, call.config, project, id, body)
        }
        ("templates", _) => templates::delete_template(call.state, project, id),
        (_, Verb::Get) => objects::get(call.state, call.config, project, kind, id),
        (_, Verb::Put) => objects::update(call.state, call.config, project, kind, id, body),
        (_, Verb::Delete) => objects::delete(call.state, project, kind, id),
    }
}

/// A route of the real server that the stand-in does not serve: 501 (after the project
/// checks, on project routes), so that a test cannot take it for a missing object. The
/// message says how a test gives it an answer.
fn not_modelled(method: &Method, template: &str) -> Answer {
    let message = format!(
        "not modelled by the stand-in: {method} /api{template}; a test scripts its answer with StandIn::script_route(\"{method}\", \"/api{template}\", status, body)"
    );
    wire::error(StatusCode::NOT_IMPLEMENTED, &message)
}

/// The answer a test scripted for a route the stand-in does not model.
fn scripted(status: u16, body: Option<&Value>) -> Answer {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match body {
        Some(body) => wire::json(status, body),
        None => wire::empty(status),
    }
}

/// The credential a request presented (for the log of requests no route reads).
pub(crate) fn credential(state: &State, config: &Config, headers: &HeaderMap) -> Credential {
    presented(state, config, headers).0
}

/// The credential a request presented, and the user it names when valid. As on the real
/// server: an `Authorization` header that contains `bearer` (once lowercased) is read as a
/// token, after removing the first `bearer `, and any cookie is ignored (so `Bearer  tok` is
/// refused); any other request is judged by its `semaphore` cookie alone (so a bare token
/// without a valid cookie is refused). An expired token is refused on SQL, whose token query
/// asks for `expired=false`; BoltDB's `GetAPIToken` does not look at `expired`.
pub(crate) fn presented(
    state: &State,
    config: &Config,
    headers: &HeaderMap,
) -> (Credential, Option<i64>) {
    let header = headers
        .get(AUTHORIZATION)
        .map(|h| String::from_utf8_lossy(h.as_bytes()).to_lowercase())
        .filter(|h| !h.is_empty());
    if let Some(lowered) = header.as_deref().filter(|h| h.contains("bearer")) {
        let token = lowered.replacen("bearer ", "", 1);
        let user = state
            .tokens
            .iter()
            .find(|t| t.id == token && (config.bolt_db || !t.expired))
            .map(|t| t.user_id);
        return (
            Credential::Bearer {
                valid: user.is_some(),
            },
            user,
        );
    }
    match cookie(headers, "semaphore") {
        Some(value) => {
            let user = state.sessions.get(value).copied();
            (
                Credential::Cookie {
                    valid: user.is_some(),
                },
                user,
            )
        }
        // An `Authorization` header the server did not read as a token is still a
        // credential the caller presented (and had refused).
        None if header.is_some() => (Credential::Bearer { valid: false }, None),
        None => (Credential::None, None),
    }
}

/// The first cookie called `name`, its value unquoted, as Go's `Request.Cookie` reads it.
fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .flat_map(|h| h.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| {
            value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value)
        })
}

/// A query parameter's first value, decoded like Go's `FormValue` (`+` is a space).
fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

pub(crate) fn ping(_: &mut Call<'_>) -> Answer {
    wire::text(StatusCode::OK, "pong")
}

/// Only the browser's cookie is cleared: the session stays valid on the server.
pub(crate) fn logout(_: &mut Call<'_>) -> Answer {
    wire::with_cookie(
        wire::empty(StatusCode::NO_CONTENT),
        "semaphore=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    )
}

pub(crate) fn login_metadata(call: &mut Call<'_>) -> Answer {
    let config = call.config;
    let providers: Vec<Value> = config
        .oidc_providers
        .iter()
        .map(|p| json!({"id": p.id, "name": p.name, "color": p.color, "icon": p.icon}))
        .collect();
    wire::json(
        StatusCode::OK,
        &json!({"oidc_providers": providers, "login_with_password": config.login_with_password}),
    )
}

/// The login object of `api/login.go`.
const LOGIN: &[Field] = &[field("auth", Kind::Str), field("password", Kind::Str)];

/// 400 for a body Go cannot read as a login object, 401 for anything that does not log in
/// (`{}` and `null` included).
pub(crate) fn login(call: &mut Call<'_>) -> Answer {
    let (state, config, body) = (&mut *call.state, call.config, call.req.body);
    let Some(login) = decode(body, LOGIN) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    let auth = login["auth"].as_str().unwrap_or_default();
    let password = login["password"].as_str().unwrap_or_default();
    let user = state
        .user_by_login(auth)
        .filter(|(_, u)| !auth.is_empty() && u.password == password);
    let Some((user_id, _)) = user else {
        return wire::empty(StatusCode::UNAUTHORIZED);
    };
    let session = wire::random_id(32);
    state.add_session(session.clone(), user_id, config.max_sessions);
    wire::with_cookie(
        wire::empty(StatusCode::NO_CONTENT),
        &format!("semaphore={session}; Path=/"),
    )
}

/// What Go's `url.QueryEscape` percent-encodes: all but the unreserved bytes (the space
/// becomes `+`).
const QUERY_ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Go's `url.QueryEscape` (`form_urlencoded` would differ on `*` and `~`).
fn query_escape(s: &str) -> String {
    // A `%` in `s` is escaped itself, so every `%20` of the output is a space.
    utf8_percent_encode(s, QUERY_ESCAPED)
        .to_string()
        .replace("%20", "+")
}

/// As the `oauth2` package builds it: `state` also goes into the `oauthstate` cookie, which
/// the redirect endpoint compares it with.
pub(crate) fn oidc_login(call: &mut Call<'_>) -> Answer {
    let (config, provider) = (call.config, call.vars.at(0));
    let Some(p) = config.oidc_providers.iter().find(|p| p.id == provider) else {
        return wire::redirect("/auth/login");
    };
    let oauth_state = wire::random_base64(16);
    let redirect_uri = format!("{}/auth/oidc/{}/redirect", config.base_url, p.id);
    let separator = if p.authorize_url.contains('?') {
        '&'
    } else {
        '?'
    };
    let location = format!(
        "{}{separator}client_id={}&redirect_uri={}&response_type=code&scope={}&state={}",
        p.authorize_url,
        query_escape(&p.client_id),
        query_escape(&redirect_uri),
        query_escape("openid profile email"),
        query_escape(&oauth_state),
    );
    wire::with_cookie(
        wire::redirect(&location),
        &format!(
            "oauthstate={oauth_state}; Expires={}",
            wire::http_date_in_days(365)
        ),
    )
}

/// Success needs the `oauthstate` cookie equal to the `state` parameter (as on the real
/// server) and, in place of asking the provider, the provider's test `code`; it then
/// redirects to `/` followed by the path after `.../redirect/`, if any.
pub(crate) fn oidc_redirect(call: &mut Call<'_>) -> Answer {
    let (state, config, req) = (&mut *call.state, call.config, call.req);
    let (provider, then) = (call.vars.at(0), call.vars.at(1));
    let failure = || wire::redirect("/auth/login");
    let Some(oauth_state) = cookie(req.headers, "oauthstate") else {
        return failure();
    };
    if query_param(req.query, "state").as_deref() != Some(oauth_state) {
        return failure();
    }
    let Some((code, username)) = config
        .oidc_providers
        .iter()
        .find(|p| p.id == provider)
        .and_then(|p| p.test_code.as_ref())
    else {
        return failure();
    };
    if query_param(req.query, "code").as_ref() != Some(code) {
        return failure();
    }
    let Some((user_id, _)) = state.user_by_login(username) else {
        return failure();
    };
    let session = wire::random_id(32);
    state.add_session(session.clone(), user_id, config.max_sessions);
    let cookie = format!("semaphore={session}; Path=/");
    wire::with_cookie(wire::redirect(&format!("/{then}")), &cookie)
}

pub(crate) fn current_user(call: &mut Call<'_>, user_id: i64) -> Answer {
    let (state, config) = (&*call.state, call.config);
    let Some(user) = state.user(user_id) else {
        return wire::empty(StatusCode::UNAUTHORIZED);
    };
    let can_create_project = user.admin || config.non_admin_can_create_project;
    wire::json(
        StatusCode::OK,
        &json!({
            "id": user_id, "name": user.name, "username": user.username, "email": user.email,
            "created": "2024-10-25T10:11:12Z", "admin": user.admin, "external": false, "alert": false,
            "can_create_project": can_create_project,
        }),
    )
}

fn token_json(token: &Token) -> Value {
    json!({"id": token.id, "created": token.created, "expired": token.expired, "user_id": token.user_id})
}

pub(crate) fn list_tokens(call: &mut Call<'_>, user_id: i64) -> Answer {
    let state = &*call.state;
    let tokens: Vec<Value> = state
        .tokens
        .iter()
        .filter(|t| t.user_id == user_id)
        .map(token_json)
        .collect();
    wire::json(StatusCode::OK, &Value::Array(tokens))
}

pub(crate) fn create_token(call: &mut Call<'_>, user_id: i64) -> Answer {
    let (state, config) = (&mut *call.state, call.config);
    let created = if config.bolt_db {
        "0001-01-01T00:00:00Z".to_owned()
    } else {
        wire::now_rfc3339()
    };
    let token = Token {
        id: wire::random_id(32),
        created,
        expired: false,
        user_id,
    };
    let answer = wire::json(StatusCode::CREATED, &token_json(&token));
    state.tokens.push(token);
    answer
}

pub(crate) fn expire_token(call: &mut Call<'_>, user_id: i64) -> Answer {
    let (state, config) = (&mut *call.state, call.config);
    let id = call.vars.at(0);
    match state
        .tokens
        .iter_mut()
        .find(|t| t.id == id && t.user_id == user_id)
    {
        Some(token) => {
            token.expired = true;
            wire::empty(StatusCode::NO_CONTENT)
        }
        None if config.bolt_db => wire::empty(StatusCode::NOT_FOUND),
        None => wire::empty(StatusCode::NO_CONTENT),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_read_like_gos_form_value() {
        let query = Some("%73ort=na%6De&order=desc&x=a+b%2B&sort=2&empty&broken=%zz");
        assert_eq!(query_param(query, "sort").as_deref(), Some("name"));
        assert_eq!(query_param(query, "order").as_deref(), Some("desc"));
        assert_eq!(query_param(query, "x").as_deref(), Some("a b+"));
        assert_eq!(query_param(query, "empty").as_deref(), Some(""));
        assert_eq!(query_param(query, "broken").as_deref(), Some("%zz"));
        assert_eq!(query_param(query, "missing"), None);
        assert_eq!(query_param(None, "sort"), None);
    }

    #[test]
    fn query_escape_is_gos() {
        // Go: url.QueryEscape("a b*~-_.é/%+?&=")
        assert_eq!(
            query_escape("a b*~-_.é/%+?&="),
            "a+b%2A~-_.%C3%A9%2F%25%2B%3F%26%3D"
        );
        assert_eq!(query_escape("%20"), "%2520");
    }
}
