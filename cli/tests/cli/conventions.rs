//! The habits of a well-kept CLI: --help everywhere, --version, completions, JSON that
//! parses, no colour off a terminal.

use std::collections::BTreeSet;

use crate::harness::Env;
use crate::replay::Replay;
use crate::resources::replay_env;

/// The subcommands a help text lists under "Commands:".
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_command_has_help() {
    let env = Env::new();
    let mut todo = vec![Vec::<String>::new()];
    let mut seen = BTreeSet::new();
    while let Some(path) = todo.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = env.cmd(&args).run().ok();
        assert!(
            out.stdout.contains("Usage: semaphore"),
            "{args:?}: {out:#?}"
        );
        assert!(out.stdout.contains("--help"), "{args:?}");
        for sub in subcommands(&out.stdout) {
            let mut next = path.clone();
            next.push(sub);
            todo.push(next);
        }
        seen.insert(path.join(" "));
    }
    for expected in [
        "login",
        "logout",
        "whoami",
        "ping",
        "info",
        "projects create",
        "templates update",
        "inventories delete",
        "repositories show",
        "environments list",
        "keys create",
        "schedules update",
        "views delete",
        "integrations show",
        "tasks list",
        "tasks output",
        "tasks raw-output",
        "tasks stop",
        "run",
        "completions",
    ] {
        assert!(seen.contains(expected), "{expected} not reached: {seen:?}");
    }
    assert!(seen.len() > 50, "{seen:?}");
    let top = env.cmd(&["--help"]).run().ok();
    let top = top.stdout_has("Exit codes:").stdout_has("SEMAPHORE_TOKEN");
    drop(top);
    // No command at all: the help, as a usage error.
    let none = env.cmd(&[]).run().code(2);
    assert!(none.stderr.contains("Usage:"), "{none:#?}");
}

#[test]
fn version() {
    Env::new()
        .cmd(&["--version"])
        .run()
        .ok()
        .stdout_has(&format!("semaphore {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn completions_for_each_shell() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = env.cmd(&["completions", shell]).run().ok();
        assert!(out.stdout.contains("semaphore"), "{shell}");
        assert!(
            out.stdout.contains("raw-output"),
            "{shell}: subcommands included"
        );
    }
    env.cmd(&["completions", "tcsh"]).run().code(2);
}

#[test]
fn a_bad_argument_is_a_usage_error() {
    let env = Env::new();
    env.cmd(&["templates", "lsit"])
        .run()
        .code(2)
        .stderr_has("list");
    env.cmd(&["run", "1", "--debug-level", "5"]).run().code(2);
    env.cmd(&["tasks", "show", "abc"]).run().code(2);
    env.cmd(&["templates", "create", "--allow-override-args", "maybe"])
        .run()
        .code(2);
}

#[test]
fn no_colour_off_a_terminal_unless_asked() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    let piped = env.cmd(&["tasks", "list"]).run().ok();
    assert!(!piped.stdout.contains('\x1b'), "{piped:#?}");
    let forced = env.cmd(&["tasks", "list", "--color", "always"]).run().ok();
    assert!(forced.stdout.contains("\x1b["), "{forced:#?}");
    let err = env.cmd(&["tasks", "show", "12345"]).run().code(1);
    assert!(!err.stderr.contains('\x1b'), "{err:#?}");
}

#[test]
fn json_of_every_listing_parses() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    for command in [
        "projects",
        "templates",
        "inventories",
        "repositories",
        "environments",
        "keys",
        "schedules",
        "views",
        "integrations",
        "tasks",
    ] {
        let out = env.cmd(&[command, "list", "--json"]).run().ok();
        assert!(out.json().is_array(), "{command}");
        assert!(out.stderr.is_empty(), "{command}: {out:#?}");
    }
    let info = env.cmd(&["info", "--json"]).run().ok().json();
    assert_eq!(info["version"], "v2.10.32-31-d4a27137-2024-10-25");
    assert_eq!(info["support"], "verified");
    env.cmd(&["info"])
        .run()
        .ok()
        .stdout_has("ansible [core 2.19.14]")
        .stdout_has("every operation checked on a real server of this release");
}
