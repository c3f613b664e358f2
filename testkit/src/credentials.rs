//! Which credential a request presents, and whose it is, as the real server's auth
//! middleware reads a bearer token or the session cookie.

use hyper::header::{AUTHORIZATION, COOKIE, HeaderMap};

use crate::config::Config;
use crate::request_log::Credential;
use crate::state::State;

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
pub(crate) fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
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
