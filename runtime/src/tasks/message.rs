//! The socket's messages, as `services/tasks/` writes them:
//! `{"type": "log", "output", "time", "task_id", "project_id"}` for each output line and
//! `{"type": "update", "status", "start", "end", "task_id", "template_id", "project_id",
//! "version"}` for each change of status. Anything else is [`Message::Other`]; nothing a
//! server sends makes this panic.

use serde::Deserialize;

use crate::{TaskId, TaskStatus};

/// One message, as far as a task's follower cares.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Message {
    /// An output line of `task_id`.
    Log {
        task_id: TaskId,
        time: String,
        output: String,
    },
    /// `task_id`'s new status.
    Update { task_id: TaskId, status: TaskStatus },
    /// A message of another type (it may name a task).
    Other,
    /// A message that is not JSON, or a `log`/`update` without the fields it must have; the
    /// task it was about, when that much could be read.
    Malformed { task_id: Option<TaskId> },
}

#[derive(Deserialize)]
struct Raw {
    #[serde(rename = "type")]
    kind: Option<String>,
    task_id: Option<serde_json::Value>,
    output: Option<serde_json::Value>,
    time: Option<serde_json::Value>,
    status: Option<serde_json::Value>,
}

impl Message {
    pub(crate) fn parse(text: &str) -> Message {
        let Ok(raw) = serde_json::from_str::<Raw>(text) else {
            return Message::Malformed { task_id: None };
        };
        let task_id = raw.task_id.as_ref().and_then(serde_json::Value::as_i64);
        let task_id = task_id.map(TaskId);
        // Moved out, not copied: a line may be as long as a socket message.
        let string = |v: Option<serde_json::Value>| match v {
            Some(serde_json::Value::String(s)) => Some(s),
            _ => None,
        };
        let malformed = Message::Malformed { task_id };
        match raw.kind.as_deref() {
            Some("log") => match (task_id, string(raw.time), string(raw.output)) {
                (Some(task_id), Some(time), Some(output)) => Message::Log {
                    task_id,
                    time,
                    output,
                },
                _ => malformed,
            },
            Some("update") => match (task_id, string(raw.status)) {
                (Some(task_id), Some(status)) => Message::Update {
                    task_id,
                    status: TaskStatus::from(status.as_str()),
                },
                _ => malformed,
            },
            Some(_) => Message::Other,
            None => malformed,
        }
    }

    /// Whether the message is about `task` or may be (a malformed one that names no task).
    pub(crate) fn may_concern(&self, task: TaskId) -> bool {
        match self {
            Message::Log { task_id, .. } | Message::Update { task_id, .. } => *task_id == task,
            Message::Malformed { task_id } => task_id.is_none_or(|id| id == task),
            Message::Other => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_messages() {
        let log = r#"{"output":"PLAY [all]","project_id":1,"task_id":7,"time":"2026-11-29T03:46:39.050571807+01:00","type":"log"}"#;
        assert_eq!(
            Message::parse(log),
            Message::Log {
                task_id: TaskId(7),
                time: "2026-11-29T03:46:39.050571807+01:00".into(),
                output: "PLAY [all]".into()
            }
        );
        let update = r#"{"end":null,"project_id":1,"start":"2026-11-29T03:46:38Z","status":"success","task_id":7,"template_id":3,"type":"update","version":null}"#;
        assert_eq!(
            Message::parse(update),
            Message::Update {
                task_id: TaskId(7),
                status: TaskStatus::Success
            }
        );
    }

    #[test]
    fn anything_else_is_other_or_malformed() {
        assert_eq!(Message::parse(r#"{"type":"hello"}"#), Message::Other);
        for (text, task) in [
            ("", None),
            ("not json", None),
            ("[]", None),
            ("null", None),
            (r#"{"type":"log","task_id":7,"time":"t"}"#, Some(7)),
            (
                r#"{"type":"log","task_id":"7","time":"t","output":"x"}"#,
                None,
            ),
            (r#"{"type":"update","task_id":7,"status":5}"#, Some(7)),
            (
                r#"{"type":"log","task_id":1e400,"time":"t","output":"x"}"#,
                None,
            ),
            (r#"{"task_id":7}"#, Some(7)),
        ] {
            assert_eq!(
                Message::parse(text),
                Message::Malformed {
                    task_id: task.map(TaskId)
                },
                "{text}"
            );
        }
        assert!(Message::Malformed { task_id: None }.may_concern(TaskId(1)));
        assert!(
            !Message::Malformed {
                task_id: Some(TaskId(2))
            }
            .may_concern(TaskId(1))
        );
    }
}
