//! The answers, route by route, as the real server (v2.10) gives them: routing,
//! authentication, and the authentication routes themselves.

use hyper::header::{AUTHORIZATION, COOKIE, HeaderMap};
use hyper::{Method, StatusCode};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};

use crate::decode::{Field, Kind, decode, field};
use crate::router::{self, Routed};
use crate::state::{Credential, OidcProvider, State, Token};
use crate::wire::{self, Answer};
use crate::{projects, tasks, templates};

/// What the stand-in was started with.
pub(crate) struct Config {
    /// `http://127.0.0.1:PORT/api`, for the OIDC `redirect_uri`.
    pub base_url: String,
    pub oidc_providers: Vec<OidcProvider>,
    pub login_with_password: bool,
    pub bolt_db: bool,
    pub non_admin_can_create_project: bool,
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
    // The real server serves its web UI outside `/api`; the stand-in has none.
    let Some(api_path) = path.strip_prefix("/api") else {
        return (wire::not_found(), credential);
    };
    // The router answers an unknown path or a wrong method before any authentication.
    let (template, vars) = match router::route(req.method.as_str(), api_path) {
        Routed::Found { template, vars } => (template, vars),
        Routed::NotFound => return (wire::not_found(), credential),
        Routed::MethodNotAllowed => {
            return (wire::bare(StatusCode::METHOD_NOT_ALLOWED), credential);
        }
    };
    // A HEAD route answers as its GET (hyper leaves the body out).
    let method = match *req.method {
        Method::HEAD => "GET",
        _ => req.method.as_str(),
    };
    let route = Route {
        method,
        template,
        vars: &vars,
    };
    if let Some(answer) = public(state, config, req, &route) {
        return (answer, credential);
    }
    let Some(user_id) = user else {
        return (wire::empty(StatusCode::UNAUTHORIZED), credential);
    };
    (protected(state, config, req, &route, user_id), credential)
}

/// The route a request reached.
struct Route<'r> {
    /// The method, `GET` for a `HEAD`.
    method: &'r str,
    /// The real server's path template, after `/api`.
    template: &'static str,
    /// The values of the template's variables, in order.
    vars: &'r [&'r str],
}

/// The routes that need no user: `None` for the others.
fn public(
    state: &mut State,
    config: &Config,
    req: &Incoming<'_>,
    route: &Route<'_>,
) -> Option<Answer> {
    Some(match (route.method, route.template, route.vars) {
        ("GET", "/ping", []) => wire::text(StatusCode::OK, "pong"),
        ("GET", "/auth/login", []) => login_metadata(config),
        ("POST", "/auth/login", []) => login(state, config, req.body),
        ("POST", "/auth/logout", []) => wire::with_cookie(
            wire::empty(StatusCode::NO_CONTENT),
            "semaphore=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
        ),
        ("GET", "/auth/oidc/{provider}/login", [provider]) => oidc_login(config, provider),
        ("GET", "/auth/oidc/{provider}/redirect", [provider]) => {
            oidc_redirect(state, config, provider, "", req)
        }
        ("GET", "/auth/oidc/{provider}/redirect/{redirect_path:.*}", [provider, then]) => {
            oidc_redirect(state, config, provider, then, req)
        }
        // Runners and integration webhooks authenticate their own way.
        (_, template, _)
            if template.starts_with("/internal/") || template.starts_with("/integrations/") =>
        {
            not_modelled(req.method, template)
        }
        _ => return None,
    })
}

fn protected(
    state: &mut State,
    config: &Config,
    req: &Incoming<'_>,
    route: &Route<'_>,
    user_id: i64,
) -> Answer {
    match (route.method, route.template, route.vars) {
        ("GET", "/user", []) => current_user(state, config, user_id),
        ("GET", "/user/tokens", []) => list_tokens(state, user_id),
        ("POST", "/user/tokens", []) => create_token(state, config, user_id),
        ("DELETE", "/user/tokens/{token_id}", [id]) => expire_token(state, config, user_id, id),
        ("GET", "/projects", []) => projects::list_projects(state, config, user_id),
        ("POST", "/projects", []) => projects::create_project(state, config, user_id, req.body),
        (_, template, [project, rest @ ..]) if template.starts_with(PROJECT) => {
            match projects::project_access(state, config, user_id, project) {
                Ok(project) => in_project(state, config, req, route, project, rest, user_id),
                Err(answer) => *answer,
            }
        }
        _ => not_modelled(req.method, route.template),
    }
}

/// The prefix of the routes every one of which runs `ProjectMiddleware` first.
const PROJECT: &str = "/project/{project_id}";

/// A `/project/{project_id}...` route, once the project is known to be the user's.
fn in_project(
    state: &mut State,
    config: &Config,
    req: &Incoming<'_>,
    route: &Route<'_>,
    project: i64,
    rest: &[&str],
    user_id: i64,
) -> Answer {
    let sort = query_param(req.query, "sort");
    let sort = sort.as_deref();
    let desc = query_param(req.query, "order").as_deref() == Some("desc");
    let tail = &route.template[PROJECT.len()..];
    let resource = tail.strip_prefix('/').and_then(projects::resource_kind);
    match (route.method, tail, rest) {
        ("GET", "", []) => projects::get_project(state, project),
        ("GET", "/templates", []) => templates::list_templates(state, config, project, sort, desc),
        ("POST", "/templates", []) => templates::create_template(state, config, project, req.body),
        ("GET", "/templates/{template_id}", [template]) => match projects::int_param(template) {
            Ok(template) => templates::get_template(state, project, template),
            Err(answer) => *answer,
        },
        ("GET", "/tasks", []) => tasks::list(state, project, 1000),
        ("GET", "/tasks/last", []) => tasks::list(state, project, 200),
        ("POST", "/tasks", []) => tasks::create(state, config, project, user_id, req.body),
        ("GET", "/tasks/{task_id}", [task]) => tasks::get(state, project, task),
        ("GET", "/tasks/{task_id}/output", [task]) => tasks::output(state, project, task),
        ("POST", "/tasks/{task_id}/stop", [task]) => {
            tasks::stop(state, config, project, task, req.body)
        }
        ("POST", "/tasks/{task_id}/confirm", [task]) => {
            tasks::confirm(state, config, project, task)
        }
        ("GET", _, []) if resource.is_some() => {
            let kind = resource.unwrap_or_default();
            projects::list_resources(state, config, project, kind, sort, desc)
        }
        ("POST", _, []) if resource.is_some() => {
            let kind = resource.unwrap_or_default();
            projects::create_resource(state, config, project, kind, req.body)
        }
        _ => not_modelled(req.method, route.template),
    }
}

/// A route of the real server that the stand-in does not serve: 501 (after the project
/// checks, on project routes), so that a test cannot take it for a missing object.
fn not_modelled(method: &Method, template: &str) -> Answer {
    let message = format!("not modelled by the stand-in: {method} /api{template}");
    wire::error(StatusCode::NOT_IMPLEMENTED, &message)
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

fn login_metadata(config: &Config) -> Answer {
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
fn login(state: &mut State, config: &Config, body: &[u8]) -> Answer {
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
fn oidc_login(config: &Config, provider: &str) -> Answer {
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
fn oidc_redirect(
    state: &mut State,
    config: &Config,
    provider: &str,
    then: &str,
    req: &Incoming<'_>,
) -> Answer {
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

fn current_user(state: &State, config: &Config, user_id: i64) -> Answer {
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

fn list_tokens(state: &State, user_id: i64) -> Answer {
    let tokens: Vec<Value> = state
        .tokens
        .iter()
        .filter(|t| t.user_id == user_id)
        .map(token_json)
        .collect();
    wire::json(StatusCode::OK, &Value::Array(tokens))
}

fn create_token(state: &mut State, config: &Config, user_id: i64) -> Answer {
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

fn expire_token(state: &mut State, config: &Config, user_id: i64, id: &str) -> Answer {
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
