//! From a request to the stand-in's response: the path cleaned as the real server cleans it,
//! the route found, then the checks the real route makes (the credential, the project)
//! before its handler runs.

use hyper::{Method, StatusCode};
use serde_json::Value;

use crate::config::Config;
use crate::credentials::presented;
use crate::handler::Handler::{NotModelled, Project, Public, Socket, User};
use crate::handler::{Incoming, Member, Reached, Vars};
use crate::request_log::Credential;
use crate::route_table::Route;
use crate::routing::{self, Routed};
use crate::state::State;
use crate::wire::{self, Response};
use crate::{paths, projects};

/// The stand-in's response to a request, and the credential the request presented.
pub(crate) fn respond(
    state: &mut State,
    config: &Config,
    req: &Incoming<'_>,
) -> (Response, Credential) {
    let (credential, user) = presented(state, config, req.headers);
    let path = match paths::normalise(req.path, req.query) {
        Ok(path) => path,
        Err(refused) => return (*refused, credential),
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
    let (route, vars) = match routing::route(req.method.as_str(), api_path, config.newer) {
        Routed::Found { route, vars } => (route, vars),
        Routed::NotFound => return (wire::not_found(), credential),
        Routed::MethodNotAllowed => {
            return (wire::bare(StatusCode::METHOD_NOT_ALLOWED), credential);
        }
    };
    let mut reached = Reached {
        state,
        config,
        req,
        vars: Vars(&vars),
    };
    (through_checks(&mut reached, route, user), credential)
}

/// Whether the server should upgrade this request to the `/api/ws` socket: the route it
/// reaches is the socket's (the query does not count).
pub(crate) fn is_socket(method: &Method, raw_path: &str) -> bool {
    let Ok(path) = paths::normalise(raw_path, None) else {
        return false;
    };
    let Some(api_path) = path.strip_prefix("/api") else {
        return false;
    };
    matches!(
        routing::route(method.as_str(), api_path, false),
        Routed::Found { route, .. } if matches!(route.handler, Socket)
    )
}

/// The checks the real route makes (authentication, the project's), then its handler.
fn through_checks(reached: &mut Reached<'_>, route: &Route, user: Option<i64>) -> Response {
    let not_modelled = |reached: &Reached<'_>| match reached
        .state
        .scripted_routes
        .get(&(reached.req.method.to_string(), route.template))
    {
        Some((status, body)) => scripted_response(*status, body.as_ref()),
        None => not_modelled(reached.req.method, route.template),
    };
    match (route.handler, user) {
        (Public(handle), _) => handle(reached),
        // Runners and integration webhooks authenticate their own way.
        (NotModelled, _) if !needs_user(route.template) => not_modelled(reached),
        (_, None) => wire::empty(StatusCode::UNAUTHORIZED),
        (User(handle), Some(user_id)) => handle(reached, user_id),
        (Project(handle), Some(user_id)) => match member(reached, user_id) {
            Ok(member) => handle(reached, member),
            Err(refused) => *refused,
        },
        (NotModelled, Some(user_id)) if route.template.starts_with(PROJECT) => {
            match member(reached, user_id) {
                Ok(_) => not_modelled(reached),
                Err(refused) => *refused,
            }
        }
        // The socket reaches here only if the server did not upgrade it; it never does.
        (NotModelled | Socket, Some(_)) => not_modelled(reached),
    }
}

/// Whether a route the stand-in does not serve would ask for a user first.
fn needs_user(template: &str) -> bool {
    !template.starts_with("/internal/") && !template.starts_with("/integrations/")
}

/// The prefix of the routes every one of which runs `ProjectMiddleware` first.
pub(crate) const PROJECT: &str = "/project/{project_id}";

/// The project checks of a `/project/{project_id}...` route.
fn member(reached: &Reached<'_>, user_id: i64) -> Result<Member, Box<Response>> {
    let (state, config) = (&*reached.state, reached.config);
    let project = projects::project_access(state, config, user_id, reached.vars.at(0))?;
    Ok(Member { user_id, project })
}

/// A route of the real server that the stand-in does not serve: 501 (after the project
/// checks, on project routes), so that a test cannot take it for a missing object. The
/// message says how a test gives it an answer.
fn not_modelled(method: &Method, template: &str) -> Response {
    let message = format!(
        "not modelled by the stand-in: {method} /api{template}; a test scripts its answer with StandIn::script_route(\"{method}\", \"/api{template}\", status, body)"
    );
    wire::error(StatusCode::NOT_IMPLEMENTED, &message)
}

/// The response a test scripted for a route the stand-in does not model.
fn scripted_response(status: u16, body: Option<&Value>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match body {
        Some(body) => wire::json(status, body),
        None => wire::empty(status),
    }
}

#[cfg(test)]
mod tests {
    use hyper::header::HeaderValue;

    use super::*;
    use crate::route_table::ROUTES;
    use crate::routing::{LAST_SUBROUTER, match_path};

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
    fn response_as_admin(state: &mut crate::state::State, method: &str, path: &str) -> Response {
        let config = crate::config::Config {
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
        let req = Incoming {
            method: &method,
            path,
            query: None,
            headers: &headers,
            body,
        };
        respond(state, &config, &req).0
    }

    fn admin_with_a_project() -> crate::state::State {
        let mut state = crate::state::State::default();
        let admin = crate::User::new("admin", "a@example.com", "changeme", true);
        let admin = state.add_user(admin);
        state.add_session("s".into(), admin, 10);
        let created = response_as_admin(&mut state, "POST", "/api/projects");
        assert_eq!(created.status(), StatusCode::CREATED);
        state
    }

    /// The router's own refusal (404 `Not Found`, 405), as opposed to a handler's answer.
    fn refused_by_router(response: &Response) -> bool {
        let text = response.headers().get(hyper::header::CONTENT_TYPE)
            == Some(&HeaderValue::from_static("text/plain; charset=utf-8"));
        response.status() == StatusCode::METHOD_NOT_ALLOWED
            || (response.status() == StatusCode::NOT_FOUND && text)
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
                if method == "DELETE" && row.template == PROJECT {
                    continue;
                }
                let response = response_as_admin(&mut state, method, &api_path);
                let socket = is_socket(&method.parse().unwrap(), &api_path);
                let Some(taker) = here.iter().find(|r| r.takes(method)) else {
                    let status = match here.iter().any(|r| r.template == LAST_SUBROUTER) {
                        true => StatusCode::METHOD_NOT_ALLOWED,
                        false => StatusCode::NOT_FOUND,
                    };
                    assert_eq!(response.status(), status, "{method} {api_path}");
                    assert!(refused_by_router(&response), "{method} {api_path}");
                    assert!(!socket, "{method} {api_path}");
                    continue;
                };
                assert!(!refused_by_router(&response), "{method} {api_path}");
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
                    let body = response.body().clone();
                    let body = futures_util::FutureExt::now_or_never(
                        http_body_util::BodyExt::collect(body),
                    );
                    let body = body.unwrap().unwrap().to_bytes();
                    assert_eq!(
                        response.status(),
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
}
