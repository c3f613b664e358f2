//! What a server, a user's input or the system can do to the binary, and what it does not
//! do back: a name with escape sequences (a title, a cleared screen, a clipboard write) is
//! shown, not obeyed; a password in the server's URL is never repeated; a closed pipe or a
//! full disk on stdout is never a panic, for any command; no input is read without a limit;
//! a name that is a number is never taken for an id without saying so.

use serde_json::json;

use crate::harness::{Env, stand_in};
use crate::replay::{Answer, Replay};
use crate::resources::replay_env;

/// A project name any member could give a project, to reach an administrator's terminal.
const EVIL: &str = "evil\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{1b}]52;c;aGVsbG8=\u{7}\u{9b}6n";

/// The control bytes a terminal acts on: ESC, BEL, and the 8-bit CSI.
fn obeyable(text: &str) -> bool {
    text.contains(['\u{1b}', '\u{7}', '\u{9b}'])
}

#[test]
fn a_servers_escape_sequences_are_shown_not_obeyed() {
    let server = stand_in();
    let env = Env::new();
    env.login(&server);
    let created = env
        .cmd(&["projects", "create", "--name", EVIL, "--json"])
        .run()
        .ok()
        .json();
    assert!(
        !created.to_string().contains(['\u{1b}', '\u{7}']),
        "JSON escapes them"
    );
    for args in [
        vec!["projects", "list"],
        vec!["projects", "show", "id:1"],
        vec!["projects", "list", "--json"],
    ] {
        let out = env.cmd(&args).run().ok();
        assert!(
            !obeyable(&out.stdout) && !obeyable(&out.stderr),
            "{args:?}: {out:#?}"
        );
    }
    let list = env.cmd(&["projects", "list"]).run().ok();
    assert!(
        list.stdout.contains(r"evil\e]0;PWNED\x07\e[2J"),
        "{list:#?}"
    );
    // On a terminal too, in a table and in an error naming it.
    let screen = env.terminal(&["projects", "list", "--color", "always"], &[]);
    assert!(!screen.stdout.contains("]0;PWNED\u{7}"), "{screen:#?}");
    let missing = env
        .cmd(&["templates", "list", "-p", &format!("{EVIL}x")])
        .run();
    assert!(!obeyable(&missing.stderr), "{missing:#?}");
}

#[test]
fn a_tasks_output_keeps_its_colours_and_loses_every_other_sequence() {
    let replay = Replay::start();
    let line = "\u{1b}[0;32mok: [web1]\u{1b}[0m\u{1b}]0;PWNED\u{7}\u{1b}[2J";
    replay.answer(
        "GET",
        "/api/project/1/tasks/1/output",
        vec![Answer::json(
            200,
            json!([{"task_id": 1, "task": "", "time": "2026-12-05T10:11:12Z", "output": line}]),
        )],
    );
    let env = replay_env(&replay);
    let screen = env.terminal(&["tasks", "raw-output", "1", "--color", "always"], &[]);
    assert!(
        screen.stdout.contains("\u{1b}[0;32mok: [web1]\u{1b}[0m"),
        "{screen:#?}"
    );
    assert!(
        !screen.stdout.contains("PWNED") && !screen.stdout.contains("\u{1b}[2J"),
        "{screen:#?}"
    );
}

#[test]
fn a_password_in_the_servers_url_is_never_repeated() {
    let env = Env::new();
    for url in [
        "http://admin:hunter2@127.0.0.1:1/api",
        "http://admin:hunter2@[bad",
    ] {
        let out = env.cmd(&["ping", "--url", url]).run();
        assert_ne!(out.code, 0, "{out:#?}");
        assert!(
            !out.stderr.contains("hunter2") && !out.stdout.contains("hunter2"),
            "{out:#?}"
        );
    }
}

#[test]
fn no_command_panics_when_stdout_is_gone() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    let commands: &[&[&str]] = &[
        &["completions", "bash"],
        &["completions", "zsh"],
        &["--help"],
        &["projects", "list"],
        &["projects", "list", "--json"],
        &["templates", "list"],
        &["templates", "show", "1"],
        &["keys", "list"],
        &["tasks", "list"],
        &["tasks", "output", "1"],
        &["tasks", "output", "1", "--json"],
        &["tasks", "raw-output", "1"],
        &["whoami"],
        &["info"],
    ];
    for args in commands {
        for full_disk in [false, true] {
            let out = env.cmd(args).run_with_stdout_gone(full_disk);
            assert!(
                !out.stderr.contains("panicked") && out.code != 101,
                "{args:?} (full disk: {full_disk}): {out:#?}"
            );
            if full_disk {
                assert_eq!(out.code, 1, "{args:?}: {out:#?}");
                assert!(
                    out.stderr.contains("cannot write to stdout"),
                    "{args:?}: {out:#?}"
                );
            }
        }
    }
}

#[test]
fn no_input_is_read_without_a_limit() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    let config = env.cmd(&["--config", "/dev/zero", "whoami"]).run();
    assert_eq!(config.code, 3, "{config:#?}");
    assert!(config.stderr.contains("larger than"), "{config:#?}");
    let body = env
        .cmd(&["templates", "create", "--from-file", "/dev/zero"])
        .run()
        .code(2);
    assert!(body.stderr.contains("larger than"), "{body:#?}");
    let secret = env
        .cmd(&[
            "keys",
            "create",
            "--name",
            "k",
            "--type",
            "string",
            "--secret-stdin",
        ])
        .stdin(&"x".repeat(17 * 1024 * 1024))
        .run()
        .code(2);
    assert!(secret.stderr.contains("larger than"), "{secret:#?}");
}

#[test]
fn a_name_that_is_a_number_is_never_taken_for_an_id_silently() {
    let server = stand_in();
    let env = Env::new();
    env.login(&server);
    let project = env
        .cmd(&["projects", "create", "--name", "numbers", "--json"])
        .run()
        .ok()
        .json()["id"]
        .to_string();
    let p = ["-p", project.as_str()];
    let key = |name: &str| {
        let mut args = vec!["keys", "create", "--name", name, "--type", "none", "--json"];
        args.extend(p);
        env.cmd(&args).run().ok().json()["id"].as_i64().unwrap()
    };
    let first = key("first");
    // A key named after the first key's id.
    let named = key(&first.to_string());
    let both = first.to_string();
    let mut delete = vec!["keys", "delete", both.as_str(), "--yes"];
    delete.extend(p);
    let out = env.cmd(&delete).run().code(2);
    assert!(
        out.stderr.contains(&format!(
            "is the name of key {named} and the id of key {first}"
        )),
        "{out:#?}"
    );
    let by_name = format!("name:{first}");
    let mut delete = vec!["keys", "delete", by_name.as_str(), "--yes"];
    delete.extend(p);
    env.cmd(&delete)
        .run()
        .ok()
        .stdout_has(&format!("Deleted key {named}."));
    // Projects are found the same way.
    let out = env
        .cmd(&["projects", "show", &format!("id:{project}")])
        .run()
        .ok();
    assert!(out.stdout.contains("numbers"), "{out:#?}");

    // The confirmation on a terminal names what it deletes (no answer: nothing deleted).
    let by_id = format!("id:{first}");
    let mut args = vec!["keys", "delete", by_id.as_str()];
    args.extend(p);
    let screen = env.terminal(&args, &[]);
    assert!(
        screen
            .stdout
            .contains(&format!("Delete key {first} (first)? [y/N]")),
        "{screen:#?}"
    );
}
