//! The answers, route by route, as the real server (v2.10) gives them.

use hyper::header::{AUTHORIZATION, COOKIE, HeaderMap};
use hyper::{Method, StatusCode};
use percent_encoding::percent_decode_str;
use serde_json::{Value, json};

use crate::state::{Credential, OidcProvider, State, Token};
use crate::wire::{self, Answer};

/// What the stand-in was started with.
pub(crate) struct Config {
    /// `http://127.0.0.1:PORT/api`, for the OIDC `redirect_uri`.
    pub base_url: String,
    pub oidc_providers: Vec<OidcProvider>,
    pub login_with_password: bool,
    pub bolt_db: bool,
}

/// One request as the router sees it.
pub(crate) struct Incoming<'a> {
    pub method: &'a Method,
    /// The path after `/api`.
    pub path: &'a str,
    pub query: Option<&'a str>,
    pub headers: &'a HeaderMap,
    /// The whole body (always read: one over the size limit never reaches the router).
    pub body: Option<&'a [u8]>,
}

/// Answers a request under `/api`, and says which credential it presented.
pub(crate) fn answer(
    state: &mut State,
    config: &Config,
    req: &Incoming<'_>,
) -> (Answer, Credential) {
    // Routed on the decoded path, as Go's router does: `%3D` in a token id is `=`, and `%2F`
    // is a separator.
    let decoded = percent_decode_str(req.path).decode_utf8_lossy();
    let segments: Vec<&str> = decoded
        .strip_prefix('/')
        .unwrap_or(&decoded)
        .split('/')
        .collect();
    let (credential, user) = presented(state, req.headers);
    let Some(methods) = methods(&segments) else {
        return (wire::not_found(), credential);
    };
    // The router answers a wrong method before any handler (or authentication) runs.
    if !methods.contains(req.method) {
        return (wire::empty(StatusCode::METHOD_NOT_ALLOWED), credential);
    }
    let public = match (req.method, segments.as_slice()) {
        (&Method::GET, ["ping"]) => Some(wire::text(StatusCode::OK, "pong")),
        (&Method::GET, ["auth", "login"]) => Some(login_metadata(config)),
        (&Method::POST, ["auth", "login"]) => Some(login(state, req.body)),
        (&Method::POST, ["auth", "logout"]) => Some(wire::with_cookie(
            wire::empty(StatusCode::NO_CONTENT),
            "semaphore=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
        )),
        (&Method::GET, ["auth", "oidc", provider, "login"]) => Some(oidc_login(config, provider)),
        (&Method::GET, ["auth", "oidc", provider, "redirect"]) => {
            Some(oidc_redirect(state, config, provider, req))
        }
        _ => None,
    };
    if let Some(answer) = public {
        return (answer, credential);
    }
    let Some(user_id) = user else {
        return (wire::empty(StatusCode::UNAUTHORIZED), credential);
    };
    let answer = match (req.method, segments.as_slice()) {
        (&Method::GET, ["user"]) => current_user(state, user_id),
        (&Method::GET, ["user", "tokens"]) => list_tokens(state, user_id),
        (&Method::POST, ["user", "tokens"]) => create_token(state, config, user_id),
        (&Method::DELETE, ["user", "tokens", id]) => expire_token(state, config, user_id, id),
        (&Method::GET, ["projects"]) => json_list(&state.projects),
        (&Method::POST, ["projects"]) => create_project(state, req.body),
        (&Method::GET, ["project", id]) => match find_project(state, id) {
            Some(project) => wire::json(StatusCode::OK, project),
            None => wire::empty(StatusCode::NOT_FOUND),
        },
        (&Method::GET, ["project", id, "templates"]) => list_templates(state, id, req.query),
        (&Method::POST, ["project", id, "templates"]) => create_template(state, id, req.body),
        (&Method::GET, ["project", id, "templates", template]) => get_template(state, id, template),
        (&Method::GET, ["project", id, kind]) => list_resources(state, id, kind),
        (&Method::POST, ["project", id, kind]) => create_resource(state, id, kind, req.body),
        // `methods` lets through only the pairs above.
        _ => wire::empty(StatusCode::METHOD_NOT_ALLOWED),
    };
    (answer, credential)
}

/// The methods a known path accepts; `None` for a path the router does not know (an empty
/// segment, as in a trailing slash, matches no route).
fn methods(segments: &[&str]) -> Option<&'static [Method]> {
    const GET: &[Method] = &[Method::GET];
    const POST: &[Method] = &[Method::POST];
    const GET_POST: &[Method] = &[Method::GET, Method::POST];
    if segments.iter().any(|s| s.is_empty()) {
        return None;
    }
    Some(match segments {
        ["ping"] | ["user"] => GET,
        ["auth", "login"] => GET_POST,
        ["auth", "logout"] => POST,
        ["auth", "oidc", _, "login" | "redirect"] => GET,
        ["user", "tokens"] => GET_POST,
        ["user", "tokens", _] => &[Method::DELETE],
        ["projects"] => GET_POST,
        ["project", _] => GET,
        ["project", _, "templates"] => GET_POST,
        ["project", _, "templates", _] => GET,
        [
            "project",
            _,
            "keys" | "repositories" | "inventory" | "environment",
        ] => GET_POST,
        _ => return None,
    })
}

/// The credential a request presented (for the log of requests no route reads).
pub(crate) fn credential(state: &State, headers: &HeaderMap) -> Credential {
    presented(state, headers).0
}

/// The credential a request presented, and the user it names when valid. As on the real
/// server: an `Authorization` header that contains `bearer` (once lowercased) is read as a
/// token, after removing the first `bearer `, and any cookie is ignored (so `Bearer  tok` is
/// refused); any other request is judged by its `semaphore` cookie alone (so a bare token
/// without a valid cookie is refused).
fn presented(state: &State, headers: &HeaderMap) -> (Credential, Option<i64>) {
    let header = headers
        .get(AUTHORIZATION)
        .map(|h| String::from_utf8_lossy(h.as_bytes()).to_lowercase())
        .filter(|h| !h.is_empty());
    if let Some(lowered) = header.as_deref().filter(|h| h.contains("bearer")) {
        let token = lowered.replacen("bearer ", "", 1);
        let user = state
            .tokens
            .iter()
            .find(|t| t.id == token && !t.expired)
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
    let decode = |s: &str| {
        percent_decode_str(&s.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    query?
        .split('&')
        .map(|kv| kv.split_once('=').unwrap_or((kv, "")))
        .find(|(k, _)| decode(k) == name)
        .map(|(_, v)| decode(v))
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

/// 400 for a body that is not a login object, 401 for anything that does not log in.
fn login(state: &mut State, body: Option<&[u8]>) -> Answer {
    let Some((auth, password)) = body.and_then(login_fields) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    let user = state
        .user_by_login(&auth)
        .filter(|(_, u)| !auth.is_empty() && u.password == password);
    let Some((user_id, _)) = user else {
        return wire::empty(StatusCode::UNAUTHORIZED);
    };
    let session = wire::random_id(32);
    state.sessions.insert(session.clone(), user_id);
    wire::with_cookie(
        wire::empty(StatusCode::NO_CONTENT),
        &format!("semaphore={session}; Path=/"),
    )
}

/// `auth` and `password` as Go's `json.Decoder` fills the server's login struct: the first
/// JSON value only (trailing bytes are not read), invalid UTF-8 is U+FFFD, `null` leaves both empty, keys match
/// case-insensitively, a missing or `null` field is empty. `None` (a 400) for no value, bad
/// JSON, or a value or field of the wrong type.
fn login_fields(body: &[u8]) -> Option<(String, String)> {
    // Go reads invalid UTF-8 in a string as U+FFFD; outside strings it is bad JSON either way.
    let body = String::from_utf8_lossy(body);
    let value = serde_json::Deserializer::from_str(&body)
        .into_iter::<Value>()
        .next()?
        .ok()?;
    let fields = match value {
        Value::Null => return Some((String::new(), String::new())),
        Value::Object(fields) => fields,
        _ => return None,
    };
    let text = |key: &str| {
        let value = fields.get(key).or_else(|| {
            fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        });
        match value {
            None | Some(Value::Null) => Some(String::new()),
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => None,
        }
    };
    Some((text("auth")?, text("password")?))
}

/// Go's `url.QueryEscape`: unreserved bytes kept, a space as `+`, the rest percent-encoded.
fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
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
/// server) and, in place of asking the provider, the provider's test `code`.
fn oidc_redirect(state: &mut State, config: &Config, provider: &str, req: &Incoming<'_>) -> Answer {
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
    state.sessions.insert(session.clone(), user_id);
    wire::with_cookie(wire::redirect("/"), &format!("semaphore={session}; Path=/"))
}

fn current_user(state: &State, user_id: i64) -> Answer {
    let Some(user) = state.user(user_id) else {
        return wire::empty(StatusCode::UNAUTHORIZED);
    };
    wire::json(
        StatusCode::OK,
        &json!({
            "id": user_id, "name": user.name, "username": user.username, "email": user.email,
            "created": "2024-10-25T10:11:12Z", "admin": user.admin, "external": false, "alert": false,
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

fn json_list(items: &[Value]) -> Answer {
    wire::json(StatusCode::OK, &Value::Array(items.to_vec()))
}

/// A JSON object from the body; `None` is the real server's 400.
fn object(body: Option<&[u8]>) -> Option<serde_json::Map<String, Value>> {
    match body.map(serde_json::from_slice::<Value>) {
        Some(Ok(Value::Object(fields))) => Some(fields),
        _ => None,
    }
}

/// Whether the object has a non-blank `name`.
fn named(fields: &serde_json::Map<String, Value>) -> bool {
    fields
        .get("name")
        .and_then(Value::as_str)
        .is_some_and(|n| !n.trim().is_empty())
}

fn create_project(state: &mut State, body: Option<&[u8]>) -> Answer {
    let Some(mut project) = object(body) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    if !named(&project) {
        return wire::error(StatusCode::BAD_REQUEST, "Project name can not be empty");
    }
    project.insert("id".into(), json!(State::next_id(&state.projects)));
    project.insert("created".into(), json!(wire::now_rfc3339()));
    for (key, default) in [
        ("alert", json!(false)),
        ("alert_chat", Value::Null),
        ("max_parallel_tasks", json!(0)),
        ("type", json!("")),
    ] {
        project.entry(key).or_insert(default);
    }
    let project = Value::Object(project);
    state.projects.push(project.clone());
    wire::json(StatusCode::CREATED, &project)
}

fn find_project<'s>(state: &'s State, id: &str) -> Option<&'s Value> {
    let id: i64 = id.parse().ok()?;
    state.projects.iter().find(|p| p["id"] == json!(id))
}

fn list_templates(state: &State, project: &str, query: Option<&str>) -> Answer {
    let Some(project) = find_project(state, project) else {
        return wire::empty(StatusCode::NOT_FOUND);
    };
    let sort = match query_param(query, "sort").as_deref().unwrap_or("name") {
        "playbook" => "playbook",
        "inventory" => "inventory_id",
        "environment" => "environment_id",
        "repository" => "repository_id",
        _ => "name",
    };
    let mut templates: Vec<Value> = state
        .templates
        .iter()
        .filter(|t| t["project_id"] == project["id"])
        .cloned()
        .collect();
    templates.sort_by(|a, b| sort_key(&a[sort]).cmp(&sort_key(&b[sort])));
    if query_param(query, "order").as_deref() == Some("desc") {
        templates.reverse();
    }
    wire::json(StatusCode::OK, &Value::Array(templates))
}

fn sort_key(value: &Value) -> (i64, String) {
    match value {
        Value::Number(n) => (n.as_i64().unwrap_or(0), String::new()),
        Value::String(s) => (0, s.to_lowercase()),
        _ => (0, String::new()),
    }
}

fn create_template(state: &mut State, project: &str, body: Option<&[u8]>) -> Answer {
    let Some(project_id) = find_project(state, project).map(|p| p["id"].clone()) else {
        return wire::empty(StatusCode::NOT_FOUND);
    };
    let Some(mut template) = object(body) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    if template
        .get("project_id")
        .is_some_and(|id| *id != project_id)
    {
        return wire::error(
            StatusCode::BAD_REQUEST,
            "Project ID in body and URL must be the same",
        );
    }
    if !named(&template) {
        return wire::error(StatusCode::BAD_REQUEST, "Template name can not be empty");
    }
    template.insert("id".into(), json!(State::next_id(&state.templates)));
    template.insert("project_id".into(), project_id);
    let template = Value::Object(template);
    state.templates.push(template.clone());
    wire::json(StatusCode::CREATED, &template)
}

fn get_template(state: &State, project: &str, template: &str) -> Answer {
    let Some(project) = find_project(state, project) else {
        return wire::empty(StatusCode::NOT_FOUND);
    };
    let id: Option<i64> = template.parse().ok();
    let found = state
        .templates
        .iter()
        .find(|t| t["project_id"] == project["id"] && id.is_some_and(|id| t["id"] == json!(id)));
    match found {
        Some(t) => wire::json(StatusCode::OK, t),
        None => wire::empty(StatusCode::NOT_FOUND),
    }
}

/// A template's prerequisites (keys, repositories, inventories, environments), kept just
/// well enough to be created and listed. As on the real server, creating a key, repository or
/// environment answers 204 without a body; an inventory, 201 with it.
fn create_resource(state: &mut State, project: &str, kind: &str, body: Option<&[u8]>) -> Answer {
    let Some(project_id) = find_project(state, project).map(|p| p["id"].clone()) else {
        return wire::empty(StatusCode::NOT_FOUND);
    };
    let Some(mut item) = object(body) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    if item.get("project_id").is_some_and(|id| *id != project_id) {
        return wire::error(
            StatusCode::BAD_REQUEST,
            "Project ID in body and URL must be the same",
        );
    }
    let items = state.resources.entry(kind.to_owned()).or_default();
    item.insert("id".into(), json!(State::next_id(items)));
    item.insert("project_id".into(), project_id);
    let item = Value::Object(item);
    items.push(item.clone());
    match kind {
        "inventory" => wire::json(StatusCode::CREATED, &item),
        _ => wire::empty(StatusCode::NO_CONTENT),
    }
}

fn list_resources(state: &State, project: &str, kind: &str) -> Answer {
    let Some(project) = find_project(state, project) else {
        return wire::empty(StatusCode::NOT_FOUND);
    };
    let items = state
        .resources
        .get(kind)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mine: Vec<Value> = items
        .iter()
        .filter(|i| i["project_id"] == project["id"])
        .cloned()
        .collect();
    wire::json(StatusCode::OK, &Value::Array(mine))
}
