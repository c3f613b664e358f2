//! The real server's router: what it does to a path before routing it, and which of its
//! routes (gorilla/mux, set up in `api/router.go`) a request reaches.

use hyper::StatusCode;
use hyper::header::{CONNECTION, HeaderValue, LOCATION};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use crate::wire::{self, Answer};

/// Every route under `/api`, in the order the real router tries them, as (methods, path
/// template), taken by walking the router of v2.10.32+31. `{name}` is one non-empty segment;
/// `{redirect_path:.*}` is the rest of the path, slashes included.
const ROUTES: &[(&str, &str)] = &[
    ("GET,HEAD", "/ping"),
    ("GET,POST", "/auth/login"),
    ("POST", "/auth/logout"),
    ("GET", "/auth/oidc/{provider}/login"),
    ("GET", "/auth/oidc/{provider}/redirect"),
    ("GET", "/auth/oidc/{provider}/redirect/{redirect_path:.*}"),
    ("POST", "/internal/runners"),
    ("GET,HEAD", "/internal/runners"),
    ("PUT", "/internal/runners"),
    ("DELETE", "/internal/runners"),
    ("POST,GET,OPTIONS", "/integrations/{integration_alias}"),
    ("GET,HEAD", "/ws"),
    ("GET,HEAD", "/info"),
    ("GET,HEAD", "/projects"),
    ("POST", "/projects"),
    ("POST", "/projects/restore"),
    ("GET,HEAD", "/events"),
    ("GET,HEAD", "/events/last"),
    ("GET,HEAD", "/users"),
    ("POST", "/users"),
    ("GET,HEAD", "/user"),
    ("GET,HEAD", "/apps"),
    ("GET,HEAD", "/user/tokens"),
    ("POST", "/user/tokens"),
    ("DELETE", "/user/tokens/{token_id}"),
    ("GET,HEAD", "/options"),
    ("POST", "/options"),
    ("GET,HEAD", "/runners"),
    ("POST,HEAD", "/runners"),
    ("GET,HEAD", "/runners/{runner_id}"),
    ("PUT,POST", "/runners/{runner_id}"),
    ("POST", "/runners/{runner_id}/active"),
    ("DELETE", "/runners/{runner_id}"),
    ("GET,HEAD", "/apps/{app_id}"),
    ("PUT,POST", "/apps/{app_id}"),
    ("POST", "/apps/{app_id}/active"),
    ("DELETE", "/apps/{app_id}"),
    ("GET,HEAD", "/tasks"),
    ("GET,HEAD", "/tasks/{task_id}"),
    ("DELETE", "/tasks/{task_id}"),
    ("GET,HEAD", "/users/{user_id}"),
    ("PUT", "/users/{user_id}"),
    ("DELETE", "/users/{user_id}"),
    ("POST", "/users/{user_id}/password"),
    ("GET,HEAD", "/project/{project_id}"),
    ("POST", "/project/{project_id}/tasks"),
    ("POST", "/project/{project_id}/tasks/{task_id}/stop"),
    ("POST", "/project/{project_id}/tasks/{task_id}/confirm"),
    ("GET,HEAD", "/project/{project_id}/role"),
    ("GET,HEAD", "/project/{project_id}/events"),
    ("GET,HEAD", "/project/{project_id}/events/last"),
    ("GET,HEAD", "/project/{project_id}/users"),
    ("GET,HEAD", "/project/{project_id}/keys"),
    ("POST", "/project/{project_id}/keys"),
    ("GET,HEAD", "/project/{project_id}/repositories"),
    ("POST", "/project/{project_id}/repositories"),
    ("GET,HEAD", "/project/{project_id}/inventory"),
    ("POST", "/project/{project_id}/inventory"),
    ("GET,HEAD", "/project/{project_id}/environment"),
    ("POST", "/project/{project_id}/environment"),
    ("GET,HEAD", "/project/{project_id}/tasks"),
    ("GET,HEAD", "/project/{project_id}/tasks/last"),
    ("GET,HEAD", "/project/{project_id}/templates"),
    ("POST", "/project/{project_id}/templates"),
    ("GET,HEAD", "/project/{project_id}/schedules"),
    ("POST", "/project/{project_id}/schedules"),
    ("POST", "/project/{project_id}/schedules/validate"),
    ("GET,HEAD", "/project/{project_id}/views"),
    ("POST", "/project/{project_id}/views"),
    ("POST", "/project/{project_id}/views/positions"),
    ("GET,HEAD", "/project/{project_id}/integrations"),
    ("POST", "/project/{project_id}/integrations"),
    ("GET,HEAD", "/project/{project_id}/backup"),
    ("GET,HEAD", "/project/{project_id}/keys/{key_id}"),
    ("GET,HEAD", "/project/{project_id}/keys/{key_id}/refs"),
    ("PUT", "/project/{project_id}/keys/{key_id}"),
    ("DELETE", "/project/{project_id}/keys/{key_id}"),
    (
        "GET,HEAD",
        "/project/{project_id}/repositories/{repository_id}",
    ),
    (
        "GET,HEAD",
        "/project/{project_id}/repositories/{repository_id}/refs",
    ),
    ("PUT", "/project/{project_id}/repositories/{repository_id}"),
    (
        "DELETE",
        "/project/{project_id}/repositories/{repository_id}",
    ),
    ("GET,HEAD", "/project/{project_id}/inventory/{inventory_id}"),
    (
        "GET,HEAD",
        "/project/{project_id}/inventory/{inventory_id}/refs",
    ),
    ("PUT", "/project/{project_id}/inventory/{inventory_id}"),
    ("DELETE", "/project/{project_id}/inventory/{inventory_id}"),
    (
        "GET,HEAD",
        "/project/{project_id}/environment/{environment_id}",
    ),
    (
        "GET,HEAD",
        "/project/{project_id}/environment/{environment_id}/refs",
    ),
    ("PUT", "/project/{project_id}/environment/{environment_id}"),
    (
        "DELETE",
        "/project/{project_id}/environment/{environment_id}",
    ),
    ("PUT", "/project/{project_id}/templates/{template_id}"),
    ("DELETE", "/project/{project_id}/templates/{template_id}"),
    ("GET", "/project/{project_id}/templates/{template_id}"),
    (
        "GET,HEAD",
        "/project/{project_id}/templates/{template_id}/refs",
    ),
    ("GET", "/project/{project_id}/templates/{template_id}/tasks"),
    (
        "GET",
        "/project/{project_id}/templates/{template_id}/tasks/last",
    ),
    (
        "GET",
        "/project/{project_id}/templates/{template_id}/schedules",
    ),
    ("GET,HEAD", "/project/{project_id}/tasks/{task_id}/output"),
    ("GET,HEAD", "/project/{project_id}/tasks/{task_id}"),
    ("DELETE", "/project/{project_id}/tasks/{task_id}"),
    ("GET,HEAD", "/project/{project_id}/schedules/{schedule_id}"),
    ("PUT", "/project/{project_id}/schedules/{schedule_id}"),
    (
        "PUT",
        "/project/{project_id}/schedules/{schedule_id}/active",
    ),
    ("DELETE", "/project/{project_id}/schedules/{schedule_id}"),
    ("GET,HEAD", "/project/{project_id}/views/{view_id}"),
    ("PUT", "/project/{project_id}/views/{view_id}"),
    ("DELETE", "/project/{project_id}/views/{view_id}"),
    (
        "GET,HEAD",
        "/project/{project_id}/views/{view_id}/templates",
    ),
    ("GET,HEAD", "/project/{project_id}/integrations/aliases"),
    ("POST", "/project/{project_id}/integrations/aliases"),
    (
        "DELETE",
        "/project/{project_id}/integrations/aliases/{alias_id}",
    ),
    ("PUT", "/project/{project_id}/integrations/{integration_id}"),
    (
        "DELETE",
        "/project/{project_id}/integrations/{integration_id}",
    ),
    ("GET", "/project/{project_id}/integrations/{integration_id}"),
    (
        "GET,HEAD",
        "/project/{project_id}/integrations/{integration_id}/refs",
    ),
    (
        "GET,HEAD",
        "/project/{project_id}/integrations/{integration_id}/matchers",
    ),
    (
        "POST",
        "/project/{project_id}/integrations/{integration_id}/matchers",
    ),
    (
        "GET,HEAD",
        "/project/{project_id}/integrations/{integration_id}/values",
    ),
    (
        "POST",
        "/project/{project_id}/integrations/{integration_id}/values",
    ),
    (
        "GET,HEAD",
        "/project/{project_id}/integrations/{integration_id}/aliases",
    ),
    (
        "POST",
        "/project/{project_id}/integrations/{integration_id}/aliases",
    ),
    (
        "DELETE",
        "/project/{project_id}/integrations/{integration_id}/aliases/{alias_id}",
    ),
    (
        "GET,HEAD",
        "/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}",
    ),
    (
        "PUT",
        "/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}",
    ),
    (
        "DELETE",
        "/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}",
    ),
    (
        "GET,HEAD",
        "/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}/refs",
    ),
    (
        "GET,HEAD",
        "/project/{project_id}/integrations/{integration_id}/values/{value_id}",
    ),
    (
        "PUT",
        "/project/{project_id}/integrations/{integration_id}/values/{value_id}",
    ),
    (
        "DELETE",
        "/project/{project_id}/integrations/{integration_id}/values/{value_id}",
    ),
    (
        "GET",
        "/project/{project_id}/integrations/{integration_id}/values/{value_id}/refs",
    ),
    ("PUT", "/project/{project_id}"),
    ("DELETE", "/project/{project_id}"),
    ("DELETE", "/project/{project_id}/me"),
    ("POST", "/project/{project_id}/users"),
    ("GET,HEAD", "/project/{project_id}/users/{user_id}"),
    ("PUT", "/project/{project_id}/users/{user_id}"),
    ("DELETE", "/project/{project_id}/users/{user_id}"),
];

/// A method mismatch reaches the router's answer (405) only on the routes of its last
/// subrouter: on any other path a later `/api` subrouter clears the mismatch, and the answer
/// is the 404 of an unknown path.
const LAST_SUBROUTER: &str = "/project/{project_id}/users/{user_id}";

/// Where a request under `/api` goes.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Routed<'p> {
    /// The first route that matches path and method: its template, and its variables' values.
    Found {
        template: &'static str,
        vars: Vec<&'p str>,
    },
    NotFound,
    MethodNotAllowed,
}

/// Routes `path` (after `/api`, as the router sees it: decoded, cropped and clean).
pub(crate) fn route<'p>(method: &str, path: &'p str) -> Routed<'p> {
    let mut path_matched = false;
    for &(methods, template) in ROUTES {
        let Some(vars) = match_path(template, path) else {
            continue;
        };
        if methods.split(',').any(|m| m == method) {
            return Routed::Found { template, vars };
        }
        path_matched |= template == LAST_SUBROUTER;
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
            let routed = match route(method, path) {
                Routed::Found { template, .. } => template.to_owned(),
                Routed::NotFound => "404".to_owned(),
                Routed::MethodNotAllowed => "405".to_owned(),
            };
            assert_eq!(routed, expected, "{method} /api{path}");
            checked += 1;
        }
        assert!(checked > 500, "only {checked} cases");
    }

    #[test]
    fn variables_are_whole_segments() {
        let found = |path| match route("GET", path) {
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
        for broken in ["/api/%zz", "/api/a%2", "/api/%", "/api/%%41", "/api/%\u{e9}"] {
            assert_eq!(normalised(broken, None).0, 400, "{broken}");
        }
    }
}
