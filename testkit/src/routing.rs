//! Which route of the real router a request reaches: the first whose path template and
//! method match, else the router's 404 or 405.

use crate::route_table::{ROUTES, Route};

/// A method mismatch reaches the router's answer (405) only on the routes of its last
/// subrouter: on any other path a later `/api` subrouter clears the mismatch, and the answer
/// is the 404 of an unknown path.
pub(crate) const LAST_SUBROUTER: &str = "/project/{project_id}/users/{user_id}";

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
pub(crate) fn match_path<'p>(template: &str, path: &'p str) -> Option<Vec<&'p str>> {
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
}
