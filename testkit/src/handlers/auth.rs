//! The routes anyone may call: `/ping`, the login page's metadata, password and OIDC
//! logins, and the logout.

use hyper::StatusCode;
use serde_json::{Value, json};

use crate::credentials::cookie;
use crate::decode::{Field, Kind, decode, field};
use crate::handler::Reached;
use crate::query::{query_escape, query_param};
use crate::wire::{self, Response};

pub(crate) fn ping(_: &mut Reached<'_>) -> Response {
    wire::text(StatusCode::OK, "pong")
}

/// Only the browser's cookie is cleared: the session stays valid on the server.
pub(crate) fn logout(_: &mut Reached<'_>) -> Response {
    wire::with_cookie(
        wire::empty(StatusCode::NO_CONTENT),
        "semaphore=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    )
}

pub(crate) fn login_metadata(reached: &mut Reached<'_>) -> Response {
    let config = reached.config;
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
pub(crate) fn login(reached: &mut Reached<'_>) -> Response {
    let (state, config, body) = (&mut *reached.state, reached.config, reached.req.body);
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

/// As the `oauth2` package builds it: `state` also goes into the `oauthstate` cookie, which
/// the redirect endpoint compares it with.
pub(crate) fn oidc_login(reached: &mut Reached<'_>) -> Response {
    let (config, provider) = (reached.config, reached.vars.at(0));
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
pub(crate) fn oidc_redirect(reached: &mut Reached<'_>) -> Response {
    let (state, config, req) = (&mut *reached.state, reached.config, reached.req);
    let (provider, then) = (reached.vars.at(0), reached.vars.at(1));
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
