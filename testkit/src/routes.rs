//! The answers, route by route, as the real server (v2.10) gives them.

use hyper::header::{AUTHORIZATION, COOKIE, HeaderMap};
use hyper::{Method, StatusCode};
use percent_encoding::percent_decode_str;
use serde_json::{Value, json};

use crate::state::{Credential, OidcProvider, State, Token};
use crate::wire::{self, Answer};

/// What the stand-in was started with.
pub(crate) struct Config {
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
    /// `None` when the body was over the size limit or could not be read.
    pub body: Option<&'a [u8]>,
}

/// Answers a request under `/api`, and says which credential it presented.
pub(crate) fn answer(
    state: &mut State,
    config: &Config,
    req: &Incoming<'_>,
) -> (Answer, Credential) {
    // Routed on the decoded path, as Go's router does: `%3D` in a token id is `=`.
    let decoded: Vec<String> = req
        .path
        .trim_start_matches('/')
        .split('/')
        .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
        .collect();
    let segments: Vec<&str> = decoded.iter().map(String::as_str).collect();
    let credential = presented(state, req.headers);
    let user = credential.1;
    let public = match (req.method, segments.as_slice()) {
        (&Method::GET, ["ping"]) => Some(wire::text(StatusCode::OK, "pong")),
        (&Method::GET, ["auth", "login"]) => Some(login_metadata(config)),
        (&Method::POST, ["auth", "login"]) => Some(login(state, req.body)),
        (&Method::POST, ["auth", "logout"]) => Some(wire::with_cookie(
            wire::empty(StatusCode::NO_CONTENT),
            "semaphore=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
        )),
        (&Method::GET, ["auth", "oidc", provider, "login"]) => {
            Some(oidc_login(state, config, provider))
        }
        (&Method::GET, ["auth", "oidc", provider, "redirect"]) => {
            Some(oidc_redirect(state, config, provider, req))
        }
        _ => None,
    };
    if let Some(answer) = public {
        return (answer, credential.0);
    }
    if !is_known_route(&segments) {
        return (wire::not_found(), credential.0);
    }
    let Some(user_id) = user else {
        return (wire::empty(StatusCode::UNAUTHORIZED), credential.0);
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
        _ => wire::text(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed\n"),
    };
    (answer, credential.0)
}

fn is_known_route(segments: &[&str]) -> bool {
    matches!(
        segments,
        ["user"]
            | ["user", "tokens"]
            | ["user", "tokens", _]
            | ["projects"]
            | ["project", _]
            | ["project", _, "templates"]
            | ["project", _, "templates", _]
            | [
                "project",
                _,
                "keys" | "repositories" | "inventory" | "environment"
            ]
    )
}

/// The credential a request presented, and the user it names when valid. As on the real
/// server: an `Authorization` header wins over any cookie; the whole header is lowercased and
/// must start with `bearer ` (so `Bearer  tok` and a bare token are refused).
fn presented(state: &State, headers: &HeaderMap) -> (Credential, Option<i64>) {
    if let Some(header) = headers.get(AUTHORIZATION) {
        let lowered = String::from_utf8_lossy(header.as_bytes()).to_lowercase();
        let user = lowered.strip_prefix("bearer ").and_then(|token| {
            let token = state.tokens.iter().find(|t| t.id == token && !t.expired)?;
            Some(token.user_id)
        });
        return (
            Credential::Bearer {
                valid: user.is_some(),
            },
            user,
        );
    }
    let cookie = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .flat_map(|h| h.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == "semaphore")
        .map(|(_, value)| value);
    match cookie {
        Some(value) => {
            let user = state.sessions.get(value).copied();
            (
                Credential::Cookie {
                    valid: user.is_some(),
                },
                user,
            )
        }
        None => (Credential::None, None),
    }
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
    let Some(body) = body.filter(|b| !b.is_empty()) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(body) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    let text = |key: &str| match fields.get(key) {
        None | Some(Value::Null) => Ok(""),
        Some(Value::String(s)) => Ok(s.as_str()),
        Some(_) => Err(()),
    };
    let (Ok(auth), Ok(password)) = (text("auth"), text("password")) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    let user = state
        .user_by_login(auth.trim())
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

fn oidc_login(state: &mut State, config: &Config, provider: &str) -> Answer {
    let Some(p) = config.oidc_providers.iter().find(|p| p.id == provider) else {
        return wire::redirect("/auth/login");
    };
    let oauth_state = wire::random_id(16);
    state.oauth_states.push(oauth_state.clone());
    let location = format!(
        "{}?client_id={}&redirect_uri={}&response_type=code&scope=openid+profile+email&state={}",
        p.authorize_url,
        p.client_id,
        format_args!(
            "http%3A%2F%2Flocalhost%3A3000%2Fapi%2Fauth%2Foidc%2F{}%2Fredirect",
            p.id
        ),
        oauth_state
    );
    wire::with_cookie(
        wire::redirect(&location),
        &format!("oauthstate={oauth_state}; Path=/"),
    )
}

/// Success needs the provider's test code and a `state` this stand-in handed out.
fn oidc_redirect(state: &mut State, config: &Config, provider: &str, req: &Incoming<'_>) -> Answer {
    let failure = || wire::redirect("/auth/login");
    let Some((code, username)) = config
        .oidc_providers
        .iter()
        .find(|p| p.id == provider)
        .and_then(|p| p.test_code.clone())
    else {
        return failure();
    };
    let params: Vec<(&str, &str)> = req
        .query
        .unwrap_or("")
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .collect();
    let param = |name: &str| params.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
    let state_ok =
        param("state").is_some_and(|s| state.oauth_states.iter().any(|known| known == s));
    if param("code") != Some(code.as_str()) || !state_ok {
        return failure();
    }
    let Some((user_id, _)) = state.user_by_login(&username) else {
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
    let pairs: Vec<(&str, &str)> = query
        .unwrap_or("")
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .collect();
    let param = |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
    let sort = match param("sort").unwrap_or("name") {
        key @ ("name" | "playbook") => key,
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
    if param("order") == Some("desc") {
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
