//! A task's statuses as the real server moves it through them (`SetStatus`), its output
//! lines, and what the project's sockets are told of both.

use std::sync::Arc;

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::config::Config;
use crate::state::State;
use crate::task_store::SocketEvent;

/// Now as the socket and BoltDB give it (nanoseconds, UTC), and as SQL stores it
/// (microseconds).
pub(crate) fn now(config: &Config) -> (String, String) {
    let now = OffsetDateTime::now_utc();
    let exact = now.format(&Rfc3339).unwrap_or_default();
    if config.bolt_db {
        return (exact.clone(), exact);
    }
    let micros = now.nanosecond() / 1_000 * 1_000;
    let stored = now
        .replace_nanosecond(micros)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default();
    (exact, stored)
}

pub(crate) fn status_of(state: &State, id: i64) -> String {
    state
        .tasks
        .get(id)
        .and_then(|t| t.task["status"].as_str())
        .unwrap_or_default()
        .to_owned()
}

pub(crate) fn is_final(status: &str) -> bool {
    matches!(status, "success" | "error" | "stopped")
}

/// The users the server tells about a task: the project's members.
fn audience(state: &State, id: i64) -> Arc<[i64]> {
    let project = state.tasks.get(id).map(|t| t.task["project_id"].clone());
    state
        .members
        .iter()
        .filter(|(p, _, _)| Some(Value::from(*p)) == project)
        .map(|(_, user, _)| *user)
        .collect()
}

fn tell(state: &State, id: i64, message: &Value) {
    let event = SocketEvent::Message {
        users: audience(state, id),
        text: Arc::from(message.to_string()),
    };
    // No socket open is not an error.
    let _ = state.tasks.sockets.send(event);
}

/// Writes an output line: to the sockets, then to the stored output.
pub(crate) fn log(state: &mut State, config: &Config, id: i64, text: &str) {
    let (exact, stored) = now(config);
    let Some(project) = state.tasks.get(id).map(|t| t.task["project_id"].clone()) else {
        return;
    };
    let message =
        json!({"type": "log", "output": text, "time": exact, "task_id": id, "project_id": project});
    tell(state, id, &message);
    if let Some(task) = state.tasks.get_mut(id) {
        task.output.push((stored, text.to_owned()));
    }
}

/// Tells the sockets the task's status, as `saveStatus` does.
pub(crate) fn tell_status(state: &State, id: i64) {
    let Some(t) = state.tasks.get(id) else { return };
    let task = &t.task;
    let message = json!({
        "type": "update", "start": task["start"], "end": task["end"], "status": task["status"],
        "task_id": id, "template_id": task["template_id"], "project_id": task["project_id"],
        "version": task["version"],
    });
    tell(state, id, &message);
}

/// `SetStatus`: a stopped task stays stopped, a stopping one only becomes stopped or ends.
pub(crate) fn set_status(state: &mut State, config: &Config, id: i64, status: &str) {
    let old = status_of(state, id);
    if old == status || old == "stopped" {
        return;
    }
    if old == "stopping" && matches!(status, "waiting" | "running" | "confirmed" | "starting") {
        return;
    }
    let (_, now) = now(config);
    if let Some(t) = state.tasks.get_mut(id) {
        t.task["status"] = status.into();
        if status == "running" {
            t.task["start"] = now.into();
        }
    }
    tell_status(state, id);
}
