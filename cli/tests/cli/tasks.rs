//! tasks: list, show, output, raw output, stop, confirm, on the real server's answers.

use serde_json::json;

use crate::replay::{Answer, Replay};
use crate::resources::{REPLAY_TOKEN, replay_env};

#[test]
fn tasks_are_listed_newest_first_and_filtered() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    let all = env.cmd(&["tasks", "list", "--json"]).run().ok().json();
    let all = all.as_array().unwrap();
    assert!(all.len() >= 2, "{all:?}");
    let two = env
        .cmd(&["tasks", "list", "-n", "2", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(two.as_array().unwrap().len(), 2);
    assert_eq!(two[0]["id"], all[0]["id"]);
    let out = env.cmd(&["tasks", "list"]).run().ok().hides("fake-secret");
    assert!(
        out.stdout.lines().next().unwrap().contains("STATUS"),
        "{out:#?}"
    );
    assert!(out.stdout.contains("success"), "{out:#?}");
    let of_template = env
        .cmd(&["tasks", "list", "--template", "1", "--json"])
        .run()
        .ok()
        .json();
    assert!(
        of_template
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["template_id"] == 1)
    );
    assert_eq!(
        replay.sent("GET", "/api/project/1/templates/1/tasks").len(),
        1
    );
}

#[test]
fn a_task_is_shown_without_its_secret() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    let task = env
        .cmd(&["tasks", "show", "1", "--json"])
        .run()
        .ok()
        .hides("fake-secret")
        .json();
    assert_eq!(task["id"], 1);
    assert!(task.get("secret").is_none(), "{task}");
    env.cmd(&["tasks", "show", "1"])
        .run()
        .ok()
        .hides("fake-secret")
        .hides(REPLAY_TOKEN)
        .stdout_has("status");
}

#[test]
fn output_has_times_and_raw_output_has_not() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    let lines = env
        .cmd(&["tasks", "output", "1", "--json"])
        .run()
        .ok()
        .json_lines();
    // One shape for every JSON form of a task's output: a line, numbered, without its line
    // ending.
    assert_eq!(lines[0]["output"], "Task 1 added to queue");
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["index"], i);
        assert_eq!(line["task_id"], 1);
        assert!(!line["output"].as_str().unwrap().ends_with('\n'), "{line}");
    }
    let text = |line: &serde_json::Value| line["output"].as_str().unwrap().to_owned();
    let timed: Vec<String> = lines
        .iter()
        .map(|l| format!("{}  {}", l["time"].as_str().unwrap(), text(l)))
        .collect();
    let out = env.cmd(&["tasks", "output", "1"]).run().ok();
    // Off a terminal, the task's own colours go.
    assert_eq!(out.stdout, strip_escapes(&(timed.join("\n") + "\n")));
    assert!(
        timed.iter().any(|l| l.contains('\x1b')),
        "the fixture has colours"
    );
    let raw = env.cmd(&["tasks", "raw-output", "1"]).run().ok();
    let plain: Vec<String> = lines.iter().map(|l| strip_escapes(&text(l))).collect();
    assert_eq!(raw.stdout, plain.join("\n") + "\n");
    let raw_json = env
        .cmd(&["tasks", "raw-output", "1", "--json"])
        .run()
        .ok()
        .json_lines();
    assert_eq!(raw_json, lines, "the same lines, in the same shape");
}

#[test]
fn stop_and_confirm_send_what_the_server_reads() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    env.cmd(&["tasks", "stop", "3"])
        .run()
        .ok()
        .stdout_has("Task 3");
    env.cmd(&["tasks", "stop", "3", "--force"]).run().ok();
    let stops = replay.sent("POST", "/api/project/1/tasks/3/stop");
    assert_eq!(stops[0].body, Some(json!({"force": false})));
    assert_eq!(stops[1].body, Some(json!({"force": true})));
    env.cmd(&["tasks", "confirm", "2"])
        .run()
        .ok()
        .stdout_has("confirmed");
    // The second confirm of the recorded run: the task no longer waits.
    env.cmd(&["tasks", "confirm", "2"])
        .run()
        .code(1)
        .one_line_error()
        .stderr_has("could not confirm task 2: the server answered 400");
}

#[test]
fn an_unknown_task_is_exit_1() {
    let replay = Replay::start();
    replay.answer(
        "GET",
        "/api/project/1/tasks/99",
        vec![Answer::json(404, json!({"error": "not found"}))],
    );
    replay_env(&replay)
        .cmd(&["tasks", "show", "99"])
        .run()
        .code(1)
        .one_line_error()
        .stderr_has("could not read task 99");
}

/// `text` without its ANSI escape sequences (`ESC [ ... letter`).
fn strip_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
