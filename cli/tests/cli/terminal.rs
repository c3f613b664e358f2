//! A person's terminal (a pseudo-terminal): live output with a spinner while nothing comes,
//! colour, and none with NO_COLOR.

use std::time::Duration;

use semaphore_api::testkit::TaskScript;
use serde_json::json;

use crate::harness::stand_in;
use crate::replay::{Answer, Replay};
use crate::resources::replay_env;
use crate::run::stand_in_template;

fn task(status: &str) -> Answer {
    Answer::json(
        200,
        json!({"id": 1, "template_id": 1, "project_id": 1, "status": status}),
    )
}

fn output(lines: &[&str]) -> Answer {
    let lines: Vec<_> = lines
        .iter()
        .map(|l| json!({"task_id": 1, "task": "", "time": "2026-11-29T03:46:53Z", "output": l}))
        .collect();
    Answer::json(200, json!(lines))
}

#[test]
fn run_follow_shows_each_line_as_it_comes_with_a_spinner_in_between() {
    let replay = Replay::start();
    // The task runs for a while: the first line comes at once, the second after several
    // more polls, then the task ends.
    let mut states = vec![task("running"); 6];
    states.push(task("success"));
    replay.answer("GET", "/api/project/1/tasks/1", states);
    replay.answer(
        "GET",
        "/api/project/1/tasks/1/output",
        vec![
            output(&["first live line"]),
            output(&["first live line"]),
            output(&["first live line"]),
            output(&["first live line"]),
            output(&["first live line"]),
            output(&["first live line", "second live line"]),
        ],
    );
    let out = replay_env(&replay)
        .terminal(&["run", "1", "--follow"], &[])
        .ok();
    let screen = &out.stdout;
    let first = screen.find("first live line").expect("the first line");
    let second = screen.find("second live line").expect("the second line");
    let end = screen.find("Task 1 ended: ").expect("the end");
    let spinning = screen[first..second].find("waiting for task 1");
    assert!(
        spinning.is_some(),
        "the spinner turns between the lines, so the first was shown before the second came: {screen:?}"
    );
    assert!(first < second && second < end, "{screen:?}");
    assert_eq!(screen.matches("first live line").count(), 1, "{screen:?}");
}

#[test]
fn colour_on_a_terminal_and_never_with_no_color() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    let coloured = env.terminal(&["tasks", "list"], &[]).ok();
    assert!(
        coloured.stdout.contains("\x1b[1m"),
        "a bold header: {coloured:?}"
    );
    assert!(
        coloured.stdout.contains("\x1b[32msuccess"),
        "green success: {coloured:?}"
    );
    let plain = env.terminal(&["tasks", "list"], &[("NO_COLOR", "1")]).ok();
    assert!(!plain.stdout.contains('\x1b'), "{plain:?}");
    assert!(plain.stdout.contains("success"), "{plain:?}");
    let never = env
        .terminal(&["tasks", "list", "--color", "never"], &[])
        .ok();
    assert!(!never.stdout.contains('\x1b'), "{never:?}");
    // Errors: a red "error:" on a terminal only.
    let failed = env.terminal(&["tasks", "show", "12345"], &[]).code(1);
    assert!(
        failed.stdout.contains("\x1b[") && failed.stdout.contains("error:"),
        "{failed:?}"
    );
}

#[test]
fn a_spinner_never_shows_in_json_mode_on_a_terminal() {
    let replay = Replay::start();
    let mut states = vec![task("running"); 4];
    states.push(task("success"));
    replay.answer("GET", "/api/project/1/tasks/1", states);
    let out = replay_env(&replay)
        .terminal(&["run", "1", "--follow", "--json"], &[])
        .ok();
    assert!(!out.stdout.contains("waiting for task"), "{out:?}");
}

#[test]
fn run_follow_on_the_stand_in_shows_lines_as_the_task_writes_them() {
    let server = stand_in();
    let (env, project, template) = stand_in_template(&server, "Live");
    server.script_template(
        project,
        template,
        TaskScript::succeeds(["first of three", "second of three", "third of three"])
            .interval(Duration::from_millis(600)),
    );
    let out = env.terminal(&["run", "Ping", "--follow"], &[]).ok();
    let screen = &out.stdout;
    let at = |text: &str| {
        screen
            .find(text)
            .unwrap_or_else(|| panic!("{text:?} not in {screen:?}"))
    };
    let (first, second, third) = (
        at("first of three"),
        at("second of three"),
        at("third of three"),
    );
    assert!(
        first < second && second < third && third < at("ended: "),
        "{screen:?}"
    );
    // The spinner turned between the lines: each was on the screen before the next was
    // written.
    assert!(
        screen[first..second].contains("waiting for task"),
        "{screen:?}"
    );
    assert!(
        screen[second..third].contains("waiting for task"),
        "{screen:?}"
    );
}
