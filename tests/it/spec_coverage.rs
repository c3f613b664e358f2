//! The declared traits against Semaphore's own spec (`data/api-docs.yml`, a copy of
//! `api-docs.yml`): every operation is declared exactly once, in the trait of its first tag,
//! under the Python client's name, with the spec's method, path, path parameters, query
//! parameters, body presence and security; nothing is declared that neither the spec nor the
//! real server's router (`data/server-routes.tsv`) has; every definition has its model.
//!
//! The one allowed difference is the real server's routing: where the spec writes a trailing
//! slash (`/user/`, `/users/{user_id}/`, `/project/{project_id}/`) the declaration omits it.

use std::collections::{BTreeMap, BTreeSet};

use crate::server_routes::served;
use semaphore_api::describe::{Endpoint, Param, Returns, Role};
use semaphore_api::*;
use serde_norway::Value;

const SPEC: &str = include_str!("../data/api-docs.yml");

/// Spec operations deliberately left undeclared, each with the reason.
const NOT_DECLARED: &[(&str, &str, &str)] = &[(
    "GET",
    "/ws",
    "a WebSocket, not a REST operation: the real server answers a plain GET by dropping the \
     connection without a status, so no declared method can succeed",
)];

/// Operations that send a body where the spec has none (or none where it has one), with the
/// reason.
const BODY_DIFFERS: &[(&str, &str, &str)] = &[(
    "POST",
    "/project/{project_id}/tasks/{task_id}/stop",
    "the real server reads `{\"force\": bool}` and answers 400 to an empty body",
)];

/// Operations whose query parameters differ from the spec's, with the reason: the server's
/// handlers read these (or do not read the spec's), and every parameter a handler reads can
/// be sent.
const QUERY_DIFFERS: &[(&str, &str, &[&str], &str)] = &[
    (
        "GET",
        "/auth/oidc/{provider_id}/login",
        &["redirect"],
        "api/login.go reads `redirect`, a path appended to the provider's redirect URL",
    ),
    (
        "GET",
        "/auth/oidc/{provider_id}/redirect",
        &["code", "state"],
        "api/login.go reads the provider's `state` and `code`",
    ),
    (
        "GET",
        "/project/{project_id}/integrations",
        &["order", "sort"],
        "api/projects/integration.go sorts by `sort` and `order`",
    ),
    (
        "GET",
        "/project/{project_id}/integrations/{integration_id}/values",
        &["order", "sort"],
        "api/projects/integrationextractvalue.go sorts by `sort` and `order`",
    ),
    (
        "GET",
        "/project/{project_id}/keys",
        &["order", "sort"],
        "the server reads no `Key type` filter and lists every type",
    ),
    (
        "GET",
        "/project/{project_id}/tasks/last",
        &["limit"],
        "api/projects/tasks.go reads `limit` (1 to 200)",
    ),
];

/// Operations whose spec security says they need credentials, where the real server reads
/// none (its public router), so that none are sent: (method, path).
const NO_CREDENTIALS_READ: &[(&str, &str)] = &[
    ("POST", "/auth/logout"),
    ("GET", "/auth/oidc/{provider_id}/login"),
    ("GET", "/auth/oidc/{provider_id}/redirect"),
];

/// Operations whose declared answer differs from the spec's success response, with the reason.
const ANSWER_DIFFERS: &[(&str, &str, Returns, &str)] = &[
    (
        "POST",
        "/projects",
        Returns::Json,
        "the spec gives the 201 no body; the real server answers the created project",
    ),
    (
        "POST",
        "/project/{project_id}/integrations/{integration_id}/values",
        Returns::Json,
        "the spec gives the 201 no body; the real server answers the created value",
    ),
    (
        "POST",
        "/project/{project_id}/integrations/{integration_id}/matchers",
        Returns::Json,
        "the spec gives the 200 no body; the real server answers the created matcher",
    ),
];

/// Every declared trait, with its endpoints.
fn declared() -> Vec<(&'static str, &'static [Endpoint])> {
    vec![
        (
            "AuthenticationApi",
            <Client as AuthenticationApi>::ENDPOINTS,
        ),
        ("DefaultApi", <Client as DefaultApi>::ENDPOINTS),
        ("IntegrationApi", <Client as IntegrationApi>::ENDPOINTS),
        ("ProjectApi", <Client as ProjectApi>::ENDPOINTS),
        ("ProjectsApi", <Client as ProjectsApi>::ENDPOINTS),
        ("ScheduleApi", <Client as ScheduleApi>::ENDPOINTS),
        ("UserApi", <Client as UserApi>::ENDPOINTS),
        ("AppsApi", <Client as AppsApi>::ENDPOINTS),
        ("OptionsApi", <Client as OptionsApi>::ENDPOINTS),
        ("RunnersApi", <Client as RunnersApi>::ENDPOINTS),
        (
            "RunnerInternalApi",
            <Client as RunnerInternalApi>::ENDPOINTS,
        ),
        ("TasksApi", <Client as TasksApi>::ENDPOINTS),
        ("WebhookApi", <Client as WebhookApi>::ENDPOINTS),
    ]
}

/// The trait an operation belongs in: its first tag's (`DefaultApi` when untagged).
fn trait_of(tag: Option<&str>) -> String {
    match tag {
        None => "DefaultApi".to_owned(),
        Some(tag) => {
            let mut name: String = tag[..1].to_uppercase();
            name.push_str(&tag[1..]);
            name + "Api"
        }
    }
}

/// One operation of the spec.
#[derive(Debug)]
struct Operation {
    method: String,
    /// As the spec writes it.
    path: String,
    trait_name: String,
    path_params: Vec<String>,
    query_keys: BTreeSet<String>,
    has_body: bool,
    auth: bool,
    /// What the spec's first success (2xx or 3xx) response is.
    returns: Returns,
}

impl Operation {
    /// The path the real server routes: the spec's, without a trailing slash.
    fn routed_path(&self) -> &str {
        self.path.strip_suffix('/').unwrap_or(&self.path)
    }

    /// The Python client's name: the path without braces, `/` as `_`, then the method.
    fn name(&self) -> String {
        let stem = self
            .routed_path()
            .replace(['{', '}'], "")
            .trim_start_matches('/')
            .replace('/', "_");
        format!("{stem}_{}", self.method.to_lowercase())
    }
}

fn str_of<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// A parameter, with `$ref: "#/parameters/x"` resolved.
fn resolve<'a>(spec: &'a Value, param: &'a Value) -> &'a Value {
    match str_of(param, "$ref") {
        Some(reference) => {
            let name = reference
                .strip_prefix("#/parameters/")
                .unwrap_or_else(|| panic!("unexpected $ref {reference}"));
            &spec["parameters"][name]
        }
        None => param,
    }
}

fn spec() -> Value {
    serde_norway::from_str(SPEC).expect("data/api-docs.yml is YAML")
}

fn operations(spec: &Value) -> Vec<Operation> {
    let global_auth = spec["security"]
        .as_sequence()
        .is_some_and(|s| !s.is_empty());
    let mut operations = Vec::new();
    for (path, item) in spec["paths"].as_mapping().expect("paths") {
        let path = path.as_str().expect("path").to_owned();
        let shared: Vec<&Value> = item
            .get("parameters")
            .and_then(Value::as_sequence)
            .map(|s| s.iter().map(|p| resolve(spec, p)).collect())
            .unwrap_or_default();
        for (method, op) in item.as_mapping().unwrap() {
            let method = method.as_str().unwrap();
            if method == "parameters" {
                continue;
            }
            let own = op
                .get("parameters")
                .and_then(Value::as_sequence)
                .map(|s| s.iter().map(|p| resolve(spec, p)).collect::<Vec<_>>())
                .unwrap_or_default();
            let params: Vec<&Value> = shared.iter().copied().chain(own).collect();
            let names_in = |place: &str| {
                params
                    .iter()
                    .filter(|p| str_of(p, "in") == Some(place))
                    .map(|p| str_of(p, "name").unwrap().to_owned())
                    .collect::<Vec<_>>()
            };
            // Path parameters in the order their placeholders appear.
            let declared_path_params = names_in("path");
            let placeholders: Vec<String> = path
                .split('{')
                .skip(1)
                .map(|s| s.split('}').next().unwrap().to_owned())
                .collect();
            assert_eq!(
                placeholders.iter().collect::<BTreeSet<_>>(),
                declared_path_params.iter().collect::<BTreeSet<_>>(),
                "the spec's own {method} {path}: placeholders vs path parameters"
            );
            let auth = match op.get("security").and_then(Value::as_sequence) {
                Some(security) => !security.is_empty(),
                None => global_auth,
            };
            let tag = op
                .get("tags")
                .and_then(Value::as_sequence)
                .and_then(|t| t.first())
                .and_then(Value::as_str);
            let returns = expected_return(op).unwrap_or_else(|| {
                panic!("the spec's own {method} {path}: no 2xx or 3xx response")
            });
            operations.push(Operation {
                method: method.to_uppercase(),
                path: path.clone(),
                trait_name: trait_of(tag),
                path_params: placeholders,
                query_keys: names_in("query").into_iter().collect(),
                has_body: !names_in("body").is_empty(),
                auth,
                returns,
            });
        }
    }
    operations
}

/// The answer of the spec's lowest 2xx or 3xx response: a redirect, text (`produces`
/// text/plain), JSON (a schema) or empty.
fn expected_return(op: &Value) -> Option<Returns> {
    let responses = op.get("responses")?.as_mapping()?;
    let mut codes: Vec<(u64, &Value)> = responses
        .iter()
        .filter_map(|(code, response)| Some((code.as_u64()?, response)))
        .filter(|(code, _)| (200..400).contains(code))
        .collect();
    codes.sort_by_key(|(code, _)| *code);
    let (code, response) = codes.first()?;
    let text = op
        .get("produces")
        .and_then(Value::as_sequence)
        .is_some_and(|types| types.iter().all(|t| t.as_str() == Some("text/plain")));
    Some(if *code >= 300 {
        Returns::Redirect
    } else if text {
        Returns::Text
    } else if response.get("schema").is_some() {
        Returns::Json
    } else {
        Returns::Empty
    })
}

/// Every difference between the spec's operations and the declared endpoints, as sentences.
fn problems(operations: &[Operation], declared: &[(&str, &[Endpoint])]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut by_route: BTreeMap<(String, String), Vec<(&str, &Endpoint)>> = BTreeMap::new();
    for (trait_name, endpoints) in declared {
        // The operations of newer servers are not in the v2.10.32 spec (checked below).
        for endpoint in endpoints.iter().filter(|e| e.since.is_none()) {
            if endpoint.path.len() > 1 && endpoint.path.ends_with('/') {
                problems.push(format!(
                    "{trait_name}::{} declares {} with a trailing slash, which the real server \
                     does not route",
                    endpoint.name, endpoint.path
                ));
            }
            by_route
                .entry((
                    endpoint.method.as_str().to_owned(),
                    endpoint.path.to_owned(),
                ))
                .or_default()
                .push((trait_name, endpoint));
        }
    }

    for op in operations {
        let route = (op.method.clone(), op.routed_path().to_owned());
        let found = by_route.remove(&route).unwrap_or_default();
        let what = format!("{} {}", op.method, op.path);
        let left_out = NOT_DECLARED
            .iter()
            .any(|(m, p, _)| *m == op.method && *p == op.routed_path());
        if left_out && found.is_empty() {
            continue;
        }
        let [(trait_name, endpoint)] = found[..] else {
            let traits: Vec<String> = found
                .iter()
                .map(|(t, e)| format!("{t}::{}", e.name))
                .collect();
            problems.push(format!(
                "{what} is declared {} times (expected once, in {} as {}): {traits:?}",
                found.len(),
                op.trait_name,
                op.name()
            ));
            continue;
        };
        let mut check = |ok: bool, message: String| {
            if !ok {
                problems.push(format!(
                    "{what} ({trait_name}::{}): {message}",
                    endpoint.name
                ));
            }
        };
        check(
            trait_name == op.trait_name,
            format!("belongs in {}", op.trait_name),
        );
        check(
            endpoint.name == op.name(),
            format!("should be named {}", op.name()),
        );
        let path_params: Vec<&str> = endpoint.path_params().collect();
        check(
            path_params == op.path_params,
            format!(
                "path parameters {path_params:?}, the spec has {:?}",
                op.path_params
            ),
        );
        let query_keys: BTreeSet<String> = endpoint.query_keys().map(str::to_owned).collect();
        let expected_keys: BTreeSet<String> = QUERY_DIFFERS
            .iter()
            .find(|(m, p, _, _)| *m == op.method && *p == op.routed_path())
            .map_or_else(
                || op.query_keys.clone(),
                |(_, _, keys, _)| keys.iter().map(|k| (*k).to_owned()).collect(),
            );
        check(
            query_keys == expected_keys,
            format!(
                "query keys {query_keys:?}, the spec has {:?}",
                op.query_keys
            ),
        );
        let body_differs = BODY_DIFFERS
            .iter()
            .any(|(m, p, _)| *m == op.method && *p == op.routed_path());
        check(
            endpoint.has_body() == (op.has_body != body_differs),
            format!(
                "body {}, the spec {}",
                if endpoint.has_body() {
                    "sent"
                } else {
                    "not sent"
                },
                if op.has_body { "has one" } else { "has none" }
            ),
        );
        let expected = ANSWER_DIFFERS
            .iter()
            .find(|(m, p, _, _)| *m == op.method && *p == op.routed_path())
            .map_or(op.returns, |(_, _, returns, _)| *returns);
        check(
            endpoint.returns == expected,
            format!(
                "answers {:?}, the spec's success response is {:?}",
                endpoint.returns, op.returns
            ),
        );
        let public = NO_CREDENTIALS_READ
            .iter()
            .any(|(m, p)| *m == op.method && *p == op.routed_path());
        check(
            endpoint.auth == (op.auth && !public),
            format!(
                "credentials {}, the spec's security says {}",
                if endpoint.auth { "sent" } else { "not sent" },
                if op.auth { "needed" } else { "none" }
            ),
        );
    }

    for ((method, path), endpoints) in by_route {
        if !served(&method, &path) || endpoints.len() > 1 {
            for (trait_name, endpoint) in endpoints {
                problems.push(format!(
                    "{trait_name}::{} declares {method} {path}, which neither the spec nor the \
                     real server's router has (or which is declared twice)",
                    endpoint.name
                ));
            }
        }
    }
    problems
}

#[test]
fn every_spec_operation_is_declared_once_and_nothing_else() {
    let spec = spec();
    let operations = operations(&spec);
    assert_eq!(operations.len(), 82, "the spec's operation count");
    let problems = problems(&operations, &declared());
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_newer_servers_operations_are_not_in_the_verified_spec() {
    let spec = spec();
    let in_spec: BTreeSet<(String, String)> = operations(&spec)
        .iter()
        .map(|op| (op.method.clone(), op.routed_path().to_owned()))
        .collect();
    let newer: Vec<&Endpoint> = semaphore_api::apis::endpoints()
        .filter(|e| e.since.is_some())
        .collect();
    assert_eq!(newer.len(), 2);
    for endpoint in newer {
        let route = (
            endpoint.method.as_str().to_owned(),
            endpoint.path.to_owned(),
        );
        assert!(
            !in_spec.contains(&route),
            "{} is in the v2.10.32 spec",
            endpoint.name
        );
    }
}

#[test]
fn spec_operations_per_trait() {
    let spec = spec();
    let in_spec: BTreeSet<(String, String)> = operations(&spec)
        .iter()
        .map(|op| (op.method.clone(), op.routed_path().to_owned()))
        .collect();
    let counts: BTreeMap<&str, usize> = declared()
        .into_iter()
        .map(|(name, endpoints)| {
            let from_spec = endpoints
                .iter()
                .filter(|e| in_spec.contains(&(e.method.as_str().to_owned(), e.path.to_owned())))
                .count();
            (name, from_spec)
        })
        .collect();
    let expected: BTreeMap<&str, usize> = [
        ("AppsApi", 0),
        ("AuthenticationApi", 8),
        ("DefaultApi", 5),
        ("IntegrationApi", 6),
        ("OptionsApi", 0),
        ("ProjectApi", 48),
        ("ProjectsApi", 3),
        ("RunnerInternalApi", 0),
        ("RunnersApi", 0),
        ("ScheduleApi", 4),
        ("TasksApi", 0),
        ("UserApi", 7),
        ("WebhookApi", 0),
    ]
    .into();
    assert_eq!(counts, expected);
    // the spec's 82, less `GET /ws` (NOT_DECLARED)
    assert_eq!(counts.values().sum::<usize>(), 81);
}

/// The checker itself: it must see a removed, moved or doubled operation, a lost body or
/// query parameter, a wrong answer and a trailing slash.
#[test]
fn the_check_catches_each_kind_of_drift() {
    let spec = spec();
    let operations = operations(&spec);
    let all = declared();
    let project: &[Endpoint] = <Client as ProjectApi>::ENDPOINTS;
    let with_project = |endpoints: Vec<Endpoint>| -> Vec<String> {
        let leaked: &'static [Endpoint] = Vec::leak(endpoints);
        let mut traits = all.clone();
        traits
            .iter_mut()
            .find(|(n, _)| *n == "ProjectApi")
            .unwrap()
            .1 = leaked;
        problems(&operations, &traits)
    };
    let index = |name: &str| project.iter().position(|e| e.name == name).unwrap();

    // Removed.
    let mut removed = project.to_vec();
    removed.remove(index("project_project_id_templates_get"));
    let found = with_project(removed);
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("GET /project/{project_id}/templates is declared 0 times")),
        "{found:#?}"
    );

    // Moved: the spec's route is now missing and the new one is extra.
    let mut moved = project.to_vec();
    let i = index("project_project_id_views_get");
    moved[i].path = "/project/{project_id}/view";
    let found = with_project(moved);
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("GET /project/{project_id}/views is declared 0 times")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("declares GET /project/{project_id}/view, which neither the spec")),
        "{found:#?}"
    );

    // Declared twice.
    let mut doubled = project.to_vec();
    doubled.push(project[index("project_project_id_tasks_get")]);
    let found = with_project(doubled);
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("GET /project/{project_id}/tasks is declared 2 times")),
        "{found:#?}"
    );

    // A body or a query parameter lost.
    let mut thinner = project.to_vec();
    let without = |e: &Endpoint, lose: fn(&Role) -> bool| -> &'static [Param] {
        Vec::leak(
            e.params
                .iter()
                .filter(|p| !lose(&p.role))
                .copied()
                .collect(),
        )
    };
    let post = index("project_project_id_templates_post");
    thinner[post].params = without(&thinner[post], |r| *r == Role::Body);
    let list = index("project_project_id_templates_get");
    thinner[list].params = without(&thinner[list], |r| *r == Role::Query { key: "order" });
    let found = with_project(thinner);
    assert!(
        found
            .iter()
            .any(|p| p.contains("body not sent, the spec has one")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|p| p.contains(r#"query keys {"sort"}"#)),
        "{found:#?}"
    );

    // An answer the spec does not give.
    let mut answering = project.to_vec();
    answering[index("project_project_id_views_view_id_get")].returns = Returns::Empty;
    let found = with_project(answering);
    assert!(
        found.iter().any(|p| p.contains("answers Empty")),
        "{found:#?}"
    );

    // A trailing slash the server does not route.
    let mut slashed = project.to_vec();
    slashed[index("project_project_id_get")].path = "/project/{project_id}/";
    let found = with_project(slashed);
    assert!(
        found.iter().any(|p| p.contains("with a trailing slash")),
        "{found:#?}"
    );
}

#[test]
fn every_definition_has_its_model() {
    use std::any::type_name;
    // The spec's definition name, and the Rust model for it.
    let models: BTreeMap<&str, &str> = [
        ("APIToken", type_name::<ApiToken>()),
        ("AccessKey", type_name::<AccessKey>()),
        ("AccessKeyRequest", type_name::<AccessKeyRequest>()),
        ("Environment", type_name::<Environment>()),
        ("EnvironmentRequest", type_name::<EnvironmentRequest>()),
        ("Event", type_name::<Event>()),
        ("InfoType", type_name::<InfoType>()),
        ("Integration", type_name::<Integration>()),
        (
            "IntegrationExtractValue",
            type_name::<IntegrationExtractValue>(),
        ),
        (
            "IntegrationExtractValueRequest",
            type_name::<IntegrationExtractValueRequest>(),
        ),
        ("IntegrationMatcher", type_name::<IntegrationMatcher>()),
        (
            "IntegrationMatcherRequest",
            type_name::<IntegrationMatcherRequest>(),
        ),
        ("IntegrationRequest", type_name::<IntegrationRequest>()),
        ("Inventory", type_name::<Inventory>()),
        ("InventoryRequest", type_name::<InventoryRequest>()),
        ("Login", type_name::<Login>()),
        ("LoginMetadata", type_name::<LoginMetadata>()),
        ("Project", type_name::<Project>()),
        ("ProjectBackup", type_name::<ProjectBackup>()),
        ("ProjectRequest", type_name::<ProjectRequest>()),
        ("ProjectUser", type_name::<ProjectUser>()),
        ("Repository", type_name::<Repository>()),
        ("RepositoryRequest", type_name::<RepositoryRequest>()),
        ("Runner", type_name::<RunnerToken>()),
        ("Schedule", type_name::<Schedule>()),
        ("ScheduleRequest", type_name::<ScheduleRequest>()),
        ("Task", type_name::<Task>()),
        ("TaskOutput", type_name::<TaskOutput>()),
        ("Template", type_name::<Template>()),
        ("TemplateRequest", type_name::<TemplateRequest>()),
        ("TemplateSurveyVar", type_name::<TemplateSurveyVar>()),
        ("TemplateVault", type_name::<TemplateVault>()),
        ("User", type_name::<User>()),
        ("UserPutRequest", type_name::<UserPutRequest>()),
        ("UserRequest", type_name::<UserRequest>()),
        ("View", type_name::<View>()),
        ("ViewRequest", type_name::<ViewRequest>()),
    ]
    .into();
    let spec = spec();
    let definitions: BTreeSet<&str> = spec["definitions"]
        .as_mapping()
        .unwrap()
        .keys()
        .map(|k| k.as_str().unwrap())
        // A plain string (`pong`): `ping_get` answers it as a `String`, there is nothing to
        // model.
        .filter(|name| *name != "Pong")
        .collect();
    assert_eq!(definitions.len(), 37, "38 definitions, less Pong");
    assert_eq!(models.keys().copied().collect::<BTreeSet<_>>(), definitions);
    for (definition, model) in models {
        assert!(
            model.starts_with("semaphore_api::"),
            "{definition}: {model} is not the crate's"
        );
    }
}
