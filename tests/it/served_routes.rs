//! Every route the real server serves (`data/server-routes.tsv`, read off its router) is
//! declared, with the authentication it needs, or listed here with the reason it is not; and
//! nothing is declared that the server does not serve.

use std::collections::BTreeMap;

use crate::server_routes::{Route, routes, shape};
use semaphore_api::describe::Endpoint;

/// Served routes deliberately not declared: (method, path, reason).
const LEFT_OUT: &[(&str, &str, &str)] = &[
    (
        "GET",
        "/ws",
        "the WebSocket of live task updates: no plain request can use it (a handshake it is not \
         is answered by dropping the connection)",
    ),
    (
        "POST",
        "/apps/{app_id}",
        "the router gives PUT and POST the same handler: declared once, as PUT",
    ),
    (
        "POST",
        "/runners/{runner_id}",
        "the router gives PUT and POST the same handler: declared once, as PUT",
    ),
];

/// The declared operations the verified server serves: all but those marked
/// `#[since("...")]`, which newer servers add.
fn declared() -> BTreeMap<(String, String), &'static Endpoint> {
    semaphore_api::apis::endpoints()
        .filter(|e| e.since.is_none())
        .map(|e| ((e.method.as_str().to_owned(), shape(e.path)), e))
        .collect()
}

/// What is wrong between the served routes and the declarations, as sentences.
fn problems(
    routes: &[Route],
    declared: &BTreeMap<(String, String), &'static Endpoint>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut unmatched = declared.clone();
    for route in routes {
        let key = (route.method.to_owned(), shape(route.path));
        let left_out = LEFT_OUT
            .iter()
            .any(|(m, p, _)| *m == route.method && shape(p) == key.1);
        match unmatched.remove(&key) {
            Some(endpoint) => {
                if left_out {
                    problems.push(format!(
                        "{} {} is declared and listed in LEFT_OUT",
                        route.method, route.path
                    ));
                }
                let needs_credentials = matches!(route.auth, "user" | "admin" | "user+websocket");
                if endpoint.auth != needs_credentials {
                    problems.push(format!(
                        "{} ({} {}): the server's authentication is {}, the declaration {} credentials",
                        endpoint.name,
                        route.method,
                        route.path,
                        route.auth,
                        if endpoint.auth { "sends" } else { "sends no" }
                    ));
                }
            }
            None if left_out => {}
            None => problems.push(format!(
                "{} {} is served but neither declared nor listed in LEFT_OUT with a reason",
                route.method, route.path
            )),
        }
    }
    for ((method, path), endpoint) in unmatched {
        problems.push(format!(
            "{} declares {method} {path}, which the server does not serve",
            endpoint.name
        ));
    }
    problems
}

#[test]
fn every_served_route_is_declared_or_left_out_with_a_reason() {
    let routes = routes();
    let problems = problems(&routes, &declared());
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_counts() {
    let routes = routes();
    let declared = declared();
    assert_eq!(routes.len(), 140, "served routes, HEAD and OPTIONS aside");
    assert_eq!(declared.len() + LEFT_OUT.len(), routes.len());
}

#[test]
fn the_check_sees_a_missing_declaration_a_phantom_and_wrong_credentials() {
    let routes = routes();
    let mut declared = declared();
    let key = ("GET".to_owned(), "/project/{}/keys/{}".to_owned());
    declared.remove(&key).expect("declared");
    let found = problems(&routes, &declared);
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("GET /project/{project_id}/keys/{key_id} is served")),
        "{found:?}"
    );

    let routes_without_ping: Vec<Route> =
        routes.into_iter().filter(|r| r.path != "/ping").collect();
    let found = problems(&routes_without_ping, &self::declared());
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("ping_get declares GET /ping")),
        "{found:?}"
    );

    let mut routes = self::routes();
    routes
        .iter_mut()
        .filter(|r| r.path == "/ping")
        .for_each(|r| r.auth = "user");
    let found = problems(&routes, &self::declared());
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("ping_get (GET /ping): the server's authentication is user")),
        "{found:?}"
    );
}

#[test]
fn the_newer_servers_operations_are_not_served_by_the_verified_one() {
    let routes = routes();
    let newer: Vec<&Endpoint> = semaphore_api::apis::endpoints()
        .filter(|e| e.since.is_some())
        .collect();
    assert_eq!(newer.len(), 2);
    for endpoint in newer {
        let key = (endpoint.method.as_str(), shape(endpoint.path));
        assert!(
            !routes.iter().any(|r| (r.method, shape(r.path)) == key),
            "{} is marked since {:?} but v2.10.32 serves it",
            endpoint.name,
            endpoint.since
        );
    }
}
