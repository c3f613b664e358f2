//! run: the task's options, --wait and its exit codes, --follow.
//!
//! On the replay of the real server (a recorded Ansible run; it has no `/api/ws`, so the task
//! API polls), and on the stand-in, which runs tasks by script and tells them over `/api/ws`.

use serde_json::{Value, json};

use semaphore_api::testkit::{StandIn, TaskScript};

use crate::harness::{Env, stand_in};
use crate::replay::{Answer, Replay};
use crate::resources::{REPLAY_TOKEN, replay_env};

fn task(id: i64, status: &str) -> Answer {
    Answer::json(
        200,
        json!({"id": id, "template_id": 1, "project_id": 1, "status": status,
               "secret": "task-secret-value", "created": "2026-11-29T03:46:53Z"}),
    )
}

#[test]
fn run_starts_a_task_and_says_which() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    env.cmd(&["run", "1"])
        .run()
        .ok()
        .stdout_has("Started task 1 of template 1");
    let body = replay.sent("POST", "/api/project/1/tasks")[0]
        .body
        .clone()
        .unwrap();
    assert_eq!(
        body,
        json!({"template_id": 1, "debug": false, "dry_run": false, "diff": false})
    );
    let json = env
        .cmd(&["run", "Ping renamed", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(
        json["id"], 2,
        "the second recorded task; the template found by name"
    );
    assert_eq!(json["template_id"], 1);
}

#[test]
fn the_task_options_reach_the_server() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    // The answer to the start records the limit, as the server's does.
    replay.answer(
        "POST",
        "/api/project/1/tasks",
        vec![Answer::json(
            201,
            json!({"id": 7, "template_id": 1, "project_id": 1, "status": "waiting",
                   "limit": "web", "created": "2026-11-29T03:46:53Z"}),
        )],
    );
    env.cmd(&[
        "run",
        "1",
        "--limit",
        "web",
        "--playbook",
        "other.yml",
        "-e",
        r#"{"x": 1}"#,
        "--check",
        "--diff",
        "--debug-level",
        "4",
        "--branch",
        "dev",
        "--message",
        "from the CLI",
    ])
    .run()
    .ok();
    let body = replay.sent("POST", "/api/project/1/tasks")[0]
        .body
        .clone()
        .unwrap();
    assert_eq!(
        body,
        json!({"template_id": 1, "limit": "web", "playbook": "other.yml",
               "environment": r#"{"x": 1}"#, "dry_run": true, "diff": true, "debug": true,
               "git_branch": "dev", "message": "from the CLI",
               "params": {"limit": ["web"], "dry_run": true, "diff": true, "debug": true}})
    );
}

#[test]
fn a_limit_a_newer_server_would_drop_starts_nothing_and_says_how_to_allow_it() {
    let server = crate::harness::runtime()
        .block_on(StandIn::builder().newer_server(true).start())
        .unwrap();
    let env = Env::new();
    env.login(&server).ok();
    let project = env
        .cmd(&["projects", "create", "--name", "newer", "--json"])
        .run()
        .ok()
        .json()["id"]
        .clone();
    let project = project.to_string();
    env.cmd(&[
        "keys", "create", "-p", &project, "--name", "none", "--type", "none",
    ])
    .run()
    .ok();
    env.cmd(&[
        "repositories",
        "create",
        "-p",
        &project,
        "--name",
        "r",
        "--git-url",
        "/tmp/none",
        "--key",
        "none",
    ])
    .run()
    .ok();
    env.cmd(&[
        "inventories",
        "create",
        "-p",
        &project,
        "--name",
        "hosts",
        "--inventory",
        "web1",
    ])
    .run()
    .ok();
    env.cmd(&[
        "templates",
        "create",
        "-p",
        &project,
        "--name",
        "Deploy",
        "--playbook",
        "d.yml",
        "--repository",
        "r",
        "--inventory",
        "hosts",
    ])
    .run()
    .ok();
    env.cmd(&["run", "Deploy", "-p", &project, "--limit", "web1"])
        .run()
        .code(1)
        .one_line_error()
        .stderr_has("did not start template")
        .stderr_has("allow_override_limit")
        .stderr_has("--allow-override-limit true");
    let tasks = env
        .cmd(&["tasks", "list", "-p", &project, "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(tasks, json!([]), "no task started");
    env.cmd(&[
        "templates",
        "update",
        "Deploy",
        "-p",
        &project,
        "--allow-override-limit",
        "true",
    ])
    .run()
    .ok();
    let started = env
        .cmd(&["run", "Deploy", "-p", &project, "--limit", "web1", "--json"])
        .run()
        .ok()
        .json();
    let run = server.task_run(started["id"].as_i64().unwrap()).unwrap();
    assert_eq!(run.limit.as_deref(), Some("web1"));
}

#[test]
fn tags_need_a_template_that_lets_tasks_override_arguments() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    env.cmd(&["run", "1", "--tags", "web"])
        .run()
        .code(2)
        .one_line_error()
        .stderr_has("does not let a task override its arguments")
        .stderr_has("--allow-override-args true");
    assert!(
        replay.sent("POST", "/api/project/1/tasks").is_empty(),
        "no task started"
    );

    let mut template: Value = env
        .cmd(&["templates", "show", "1", "--json"])
        .run()
        .ok()
        .json();
    template["allow_override_args_in_task"] = json!(true);
    replay.answer(
        "GET",
        "/api/project/1/templates/1",
        vec![Answer::json(200, template)],
    );
    env.cmd(&[
        "run",
        "1",
        "--tags",
        "web,db",
        "--skip-tags",
        "slow",
        "--debug-level",
        "2",
    ])
    .run()
    .ok();
    let body = replay.sent("POST", "/api/project/1/tasks")[0]
        .body
        .clone()
        .unwrap();
    let arguments: Value = serde_json::from_str(body["arguments"].as_str().unwrap()).unwrap();
    assert_eq!(
        arguments,
        json!(["--tags", "web,db", "--skip-tags", "slow", "-vv"])
    );
    assert_eq!(body["debug"], false);
}

#[test]
fn wait_exits_0_when_the_task_succeeds() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    env.cmd(&["run", "1", "--wait"])
        .run()
        .ok()
        .stdout_has("Task 1 ended: success")
        // How long it waits, said before it starts waiting.
        .stderr_has("waiting for its end, with no deadline: --wait-timeout SECONDS sets one")
        .hides("fake-secret")
        .hides(REPLAY_TOKEN);
    assert!(
        replay.sent("GET", "/api/project/1/tasks/1").len() >= 3,
        "polled until it ended"
    );
    let json = Replay::start();
    let task = replay_env(&json)
        .cmd(&["run", "1", "--wait", "--json"])
        .run()
        .ok()
        .hides("fake-secret")
        .json();
    assert_eq!(task["status"], "success");
    assert_eq!(task["id"], 1);
}

#[test]
fn wait_exits_1_when_the_task_fails_or_is_stopped() {
    for end in ["error", "stopped"] {
        let replay = Replay::start();
        replay.answer(
            "GET",
            "/api/project/1/tasks/1",
            vec![task(1, "running"), task(1, end)],
        );
        replay_env(&replay)
            .cmd(&["run", "1", "--wait"])
            .run()
            .code(1)
            .stdout_has(&format!("Task 1 ended: {end}"))
            .stderr_has(&format!("task 1 ended with status {end}"))
            .hides("task-secret-value");
    }
}

#[test]
fn wait_exits_5_when_the_deadline_passes() {
    let replay = Replay::start();
    replay.answer("GET", "/api/project/1/tasks/1", vec![task(1, "running")]);
    replay_env(&replay)
        .cmd(&["run", "1", "--wait", "--wait-timeout", "1"])
        .run()
        .code(5)
        .stderr_has("waiting for its end, at most 1 s")
        .one_line_error()
        .stderr_has("gave up waiting for task 1 after 1 s");
}

#[test]
fn wait_exits_1_on_a_server_error_and_4_without_a_server() {
    let replay = Replay::start();
    // The server accepts the task, then answers nothing HTTP can read.
    replay.answer(
        "GET",
        "/api/project/1/tasks/1",
        vec![Answer::json(503, json!({"error": "down"}))],
    );
    replay_env(&replay)
        .cmd(&["run", "1", "--wait"])
        .run()
        .code(1)
        .stderr_has("could not wait for task 1: the server answered 503");
    let env = Env::new()
        .var("SEMAPHORE_URL", "http://127.0.0.1:9/api")
        .var("SEMAPHORE_TOKEN", REPLAY_TOKEN)
        .var("SEMAPHORE_PROJECT", "1");
    env.cmd(&["run", "1", "--wait"])
        .run()
        .code(4)
        .one_line_error()
        .hides(REPLAY_TOKEN);
}

#[test]
fn follow_prints_the_output_then_exits_as_wait_does() {
    let replay = Replay::start();
    let out = replay_env(&replay)
        .cmd(&["run", "1", "--follow"])
        .run()
        .ok();
    assert!(
        out.stdout.starts_with("Task 1 added to queue\n"),
        "{out:#?}"
    );
    assert!(
        out.stdout
            .contains("Run TaskRunner with template: Ping renamed\n"),
        "{out:#?}"
    );
    assert!(
        !out.stderr.contains('⠋'),
        "no spinner off a terminal: {out:#?}"
    );
    let out = out.stderr_has("Task 1 ended: success");
    let lines = out.stdout.lines().count();
    let recorded = replay_env(&replay)
        .cmd(&["tasks", "raw-output", "1"])
        .run()
        .ok();
    assert_eq!(lines, recorded.stdout.lines().count(), "every line once");

    let failed = Replay::start();
    failed.answer(
        "GET",
        "/api/project/1/tasks/1",
        vec![task(1, "running"), task(1, "error")],
    );
    replay_env(&failed)
        .cmd(&["run", "1", "--follow"])
        .run()
        .code(1);

    let json = Replay::start();
    let out = replay_env(&json)
        .cmd(&["run", "1", "--follow", "--json"])
        .run()
        .ok();
    let records: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records[0]["output"], "Task 1 added to queue");
    assert_eq!(records.last().unwrap()["task"]["status"], "success");
}

#[test]
fn tasks_output_follow_follows_a_running_task() {
    let replay = Replay::start();
    replay.answer(
        "GET",
        "/api/project/1/tasks/7",
        vec![task(7, "running"), task(7, "success")],
    );
    let line = |n: u32| json!({"task_id": 7, "task": "", "time": format!("2026-11-29T03:46:5{n}Z"), "output": format!("line {n}")});
    replay.answer(
        "GET",
        "/api/project/1/tasks/7/output",
        vec![
            Answer::json(200, json!([line(1)])),
            Answer::json(200, json!([line(1), line(2)])),
        ],
    );
    let out = replay_env(&replay)
        .cmd(&["tasks", "output", "7", "--follow"])
        .run()
        .ok();
    assert_eq!(
        out.stdout, "2026-11-29T03:46:51Z  line 1\n2026-11-29T03:46:52Z  line 2\n",
        "{out:#?}"
    );
}

/// A project with a template on the stand-in, made with the CLI; the env works in it.
pub fn stand_in_template(server: &StandIn, name: &str) -> (Env, i64, i64) {
    let env = Env::new();
    env.login(server);
    let project = env
        .cmd(&["projects", "create", "--name", name, "--json"])
        .run()
        .ok()
        .json();
    let project_id = project["id"].as_i64().unwrap();
    let env = env.var("SEMAPHORE_PROJECT", &project_id.to_string());
    let keys = env.cmd(&["keys", "list", "--json"]).run().ok().json();
    let none_key = keys[0]["id"].to_string();
    let repository = env
        .cmd(&[
            "repositories",
            "create",
            "--name",
            "local",
            "--git-url",
            "/srv/playbooks",
            "--key",
            &none_key,
            "--json",
        ])
        .run()
        .ok()
        .json();
    let inventory = env
        .cmd(&[
            "inventories",
            "create",
            "--name",
            "local",
            "--inventory",
            "localhost",
            "--json",
        ])
        .run()
        .ok()
        .json();
    let template = env
        .cmd(&[
            "templates",
            "create",
            "--name",
            "Ping",
            "--playbook",
            "ping.yml",
            "--json",
            "--repository",
            &repository["id"].to_string(),
            "--inventory",
            &inventory["id"].to_string(),
        ])
        .run()
        .ok()
        .json();
    (env, project_id, template["id"].as_i64().unwrap())
}

#[test]
fn run_wait_and_follow_on_the_stand_in() {
    let server = stand_in();
    let (env, project, template) = stand_in_template(&server, "Runs");
    let token = env.stored_token();
    env.cmd(&["run", "Ping", "--wait"])
        .run()
        .ok()
        .stdout_has("ended: success")
        .hides(&token);

    server.script_template(project, template, TaskScript::succeeds(["hello", "world"]));
    let follow = env
        .cmd(&["run", "Ping", "--follow"])
        .run()
        .ok()
        .hides(&token);
    let hello = follow.stdout.find("hello\n").expect("the first line");
    let world = follow.stdout.find("world\n").expect("the second line");
    assert!(hello < world, "{follow:#?}");
    assert_eq!(
        follow.stdout.matches("hello").count(),
        1,
        "each line once: {follow:#?}"
    );
    follow.stderr_has("ended: success");

    server.script_template(
        project,
        template,
        TaskScript::fails(["fatal: [localhost]: FAILED!"]),
    );
    env.cmd(&["run", "Ping", "--follow"])
        .run()
        .code(1)
        .stdout_has("fatal: [localhost]: FAILED!")
        .stderr_has("ended with status error");

    let tasks = env.cmd(&["tasks", "list", "--json"]).run().ok().json();
    assert_eq!(tasks.as_array().unwrap().len(), 3, "{tasks}");
    let last = tasks[0]["id"].to_string();
    env.cmd(&["tasks", "raw-output", &last])
        .run()
        .ok()
        .stdout_has("fatal: [localhost]: FAILED!");
    env.cmd(&["tasks", "show", &last, "--json"])
        .run()
        .ok()
        .stdout_has("\"error\"");
}

#[test]
fn a_task_that_never_ends_times_out_with_5_and_can_be_stopped() {
    let server = stand_in();
    let (env, project, template) = stand_in_template(&server, "Endless");
    server.script_template(project, template, TaskScript::never_ends(["still going"]));
    env.cmd(&["run", "Ping", "--wait", "--wait-timeout", "1"])
        .run()
        .code(5)
        .one_line_error()
        .stderr_has("gave up waiting");
    let tasks = env.cmd(&["tasks", "list", "--json"]).run().ok().json();
    let id = tasks[0]["id"].to_string();
    assert_eq!(tasks[0]["status"], "running");
    env.cmd(&["tasks", "stop", &id]).run().ok();
    let mut status = Value::Null;
    // The stand-in goes through `stopping`; the task ends soon after.
    for _ in 0..100 {
        status = env.cmd(&["tasks", "show", &id, "--json"]).run().ok().json()["status"].clone();
        if status == "stopped" {
            break;
        }
    }
    assert_eq!(status, "stopped");
}

#[test]
fn a_task_waiting_for_confirmation_runs_once_confirmed() {
    let server = stand_in();
    let (env, project, template) = stand_in_template(&server, "Confirm");
    server.script_template(
        project,
        template,
        TaskScript::succeeds(["confirmed and ran"]).needs_confirmation(),
    );
    let started = env.cmd(&["run", "Ping", "--json"]).run().ok().json();
    let id = started["id"].to_string();
    let mut status = Value::Null;
    for _ in 0..100 {
        status = env.cmd(&["tasks", "show", &id, "--json"]).run().ok().json()["status"].clone();
        if status == "waiting_confirmation" {
            break;
        }
    }
    assert_eq!(status, "waiting_confirmation");
    env.cmd(&["tasks", "confirm", &id]).run().ok();
    env.cmd(&["tasks", "output", &id, "--follow"])
        .run()
        .ok()
        .stdout_has("confirmed and ran");
}
