//! A project's own settings: updated and deleted as `api/projects/project.go` answers.

use hyper::StatusCode;
use serde_json::Value;

use crate::config::Config;
use crate::decode::decode;
use crate::projects::PROJECT;
use crate::state::{OWNER, State};
use crate::wire::{self, Response};

/// Whether the user may change the project: an administrator, or its owner (else 403).
fn may_change(state: &State, project: i64, user_id: i64) -> bool {
    state.is_admin(user_id)
        || state
            .members
            .iter()
            .any(|(p, u, role)| *p == project && *u == user_id && *role == OWNER)
}

/// `UpdateProject`: the body's id must be the project's (400), and its `created` a time or
/// absent. SQL writes `name`, `alert`, `alert_chat` and `max_parallel_tasks`; BoltDB the whole
/// project (an absent `created` becomes year 1).
pub(crate) fn update_project(
    state: &mut State,
    config: &Config,
    project: i64,
    user_id: i64,
    body: &[u8],
) -> Response {
    if !may_change(state, project, user_id) {
        return wire::empty(StatusCode::FORBIDDEN);
    }
    let Some(mut sent) = decode(body, PROJECT) else {
        return wire::empty(StatusCode::BAD_REQUEST);
    };
    sent.remove("demo");
    if sent["id"] != project {
        let message = "Project ID in body and URL must be the same";
        return wire::error(StatusCode::BAD_REQUEST, message);
    }
    // Projects are stored without a `project_id`: found by id alone.
    let found = state
        .objects
        .get_mut("projects")
        .and_then(|all| all.iter_mut().find(|p| p["id"] == project));
    match found {
        Some(stored) => {
            apply(stored, config, sent);
            wire::empty(StatusCode::NO_CONTENT)
        }
        None => wire::empty(StatusCode::NOT_FOUND),
    }
}

fn apply(stored: &mut Value, config: &Config, sent: serde_json::Map<String, Value>) {
    if config.bolt_db {
        *stored = Value::Object(sent);
        return;
    }
    for field in ["name", "alert", "alert_chat", "max_parallel_tasks"] {
        stored[field] = sent[field].clone();
    }
}

/// `DeleteProject`: the project and everything in it (owners and administrators only).
pub(crate) fn delete_project(state: &mut State, project: i64, user_id: i64) -> Response {
    if !may_change(state, project, user_id) {
        return wire::empty(StatusCode::FORBIDDEN);
    }
    for (kind, objects) in state.objects.iter_mut() {
        match *kind {
            "projects" => objects.retain(|p| p["id"] != project),
            _ => objects.retain(|o| o["project_id"] != project),
        }
    }
    state.members.retain(|(p, _, _)| *p != project);
    wire::empty(StatusCode::NO_CONTENT)
}
