//! list, show, create, update and delete of every kind of object: on the stand-in where it
//! models them, on the replay of the real server for the rest.

use serde_json::{Value, json};

use crate::harness::{Env, stand_in};
use crate::replay::{Answer, Replay};

pub const REPLAY_TOKEN: &str = "replay-token-0123456789abcdefghijklmnop=";

/// A user configured by the environment for the replay server, project 1 by default.
pub fn replay_env(replay: &Replay) -> Env {
    Env::new()
        .var("SEMAPHORE_URL", &replay.url())
        .var("SEMAPHORE_TOKEN", REPLAY_TOKEN)
        .var("SEMAPHORE_PROJECT", "1")
}

fn id_of(value: &Value) -> i64 {
    value["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no id in {value}"))
}

#[test]
fn a_project_is_built_from_flags_and_files_on_the_stand_in() {
    let server = stand_in();
    let env = Env::new();
    env.login(&server);
    let token = env.stored_token();

    let project = env
        .cmd(&["projects", "create", "--name", "Homelab", "--json"])
        .run()
        .ok()
        .json();
    let project_id = id_of(&project).to_string();
    let list = env.cmd(&["projects", "list", "--json"]).run().ok().json();
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "Homelab"),
        "{list}"
    );
    env.cmd(&["projects", "list"])
        .run()
        .ok()
        .stdout_has("ID")
        .stdout_has("Homelab");
    let shown = env
        .cmd(&["projects", "show", "homelab", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(
        id_of(&shown).to_string(),
        project_id,
        "found by name, any case"
    );

    // Keys: the secret goes in on stdin and never comes out.
    let secret = "s3cr3t-login-password";
    env.cmd(&[
        "keys",
        "create",
        "-p",
        "Homelab",
        "--name",
        "deploy",
        "--type",
        "login_password",
        "--login",
        "bob",
        "--secret-stdin",
    ])
    .stdin(secret)
    .run()
    .ok()
    .stdout_has("Created key")
    .hides(secret)
    .hides(&token);
    let keys = env
        .cmd(&["keys", "list", "-p", &project_id, "--json"])
        .run()
        .ok();
    let keys = keys.hides(secret).json();
    let none_key = keys
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["type"] == "none")
        .map(id_of)
        .expect("a project comes with a None key")
        .to_string();
    assert!(
        keys.as_array().unwrap().iter().all(|k| k
            .get("login_password")
            .unwrap()
            .get("password")
            .is_none()),
        "{keys}"
    );

    // The project from the environment from now on.
    let env = env.var("SEMAPHORE_PROJECT", "Homelab");
    let repository = env
        .cmd(&[
            "repositories",
            "create",
            "--name",
            "playbooks",
            "--git-url",
            "https://example.com/playbooks.git",
            "--branch",
            "main",
            "--key",
            &none_key,
            "--json",
        ])
        .run()
        .ok()
        .json();
    assert_eq!(repository["git_url"], "https://example.com/playbooks.git");
    let inventory = env
        .cmd(&[
            "inventories",
            "create",
            "--name",
            "hosts",
            "--type",
            "static",
            "--inventory",
            "localhost ansible_connection=local",
            "--json",
        ])
        .run()
        .ok()
        .json();
    let environment = env
        .cmd(&[
            "environments",
            "create",
            "--name",
            "prod",
            "--extra-vars",
            r#"{"tier": "prod"}"#,
            "--json",
        ])
        .run()
        .ok()
        .json();
    assert_eq!(environment["json"], r#"{"tier": "prod"}"#);

    let file = env.home.path().join("template.json");
    std::fs::write(
        &file,
        json!({"name": "from the file", "playbook": "site.yml", "description": "made from a file"})
            .to_string(),
    )
    .unwrap();
    let template = env
        .cmd(&[
            "templates",
            "create",
            "-f",
            file.to_str().unwrap(),
            "--name",
            "Deploy",
            // References by name, as projects and templates are given.
            "--repository",
            "playbooks",
            "--inventory",
            "hosts",
            "--environment",
            &id_of(&environment).to_string(),
            "--json",
        ])
        .run()
        .ok()
        .json();
    assert_eq!(template["name"], "Deploy", "the flag wins over the file");
    assert_eq!(template["repository_id"], repository["id"]);
    assert_eq!(template["inventory_id"], inventory["id"]);
    assert_eq!(template["environment_id"], environment["id"]);
    assert_eq!(template["playbook"], "site.yml");
    assert_eq!(template["description"], "made from a file");
    let shown = env
        .cmd(&["templates", "show", "Deploy", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(id_of(&shown), id_of(&template));
    env.cmd(&["templates", "list"])
        .run()
        .ok()
        .stdout_has("Deploy")
        .stdout_has("site.yml");
    // From stdin too.
    let from_stdin = env
        .cmd(&["templates", "create", "-f", "-", "--json"])
        .stdin(
            &json!({"name": "Second", "playbook": "b.yml", "repository_id": id_of(&repository),
                    "inventory_id": id_of(&inventory)})
            .to_string(),
        )
        .run()
        .ok()
        .json();
    assert_eq!(from_stdin["name"], "Second");
    env.cmd(&["templates", "show", "Nope"])
        .run()
        .code(1)
        .one_line_error()
        .stderr_has("no template \"Nope\"");
}

#[test]
fn names_that_match_twice_ask_for_the_id() {
    let server = stand_in();
    let env = Env::new();
    env.login(&server);
    env.cmd(&["projects", "create", "--name", "Twin"])
        .run()
        .ok();
    env.cmd(&["projects", "create", "--name", "Twin"])
        .run()
        .ok();
    env.cmd(&["projects", "show", "Twin"])
        .run()
        .code(2)
        .one_line_error()
        .stderr_has("2 projects are named \"Twin\"");
}

/// Each kind on the real server's answers: list, show, update, delete.
struct Kind {
    command: &'static str,
    id: &'static str,
    path: &'static str,
    list: &'static str,
    rename: &'static str,
    name_field: &'static str,
}

const KINDS: &[Kind] = &[
    Kind {
        command: "templates",
        id: "1",
        path: "/api/project/1/templates/1",
        list: "/api/project/1/templates",
        rename: "--name",
        name_field: "name",
    },
    Kind {
        command: "inventories",
        id: "1",
        path: "/api/project/1/inventory/1",
        list: "/api/project/1/inventory",
        rename: "--name",
        name_field: "name",
    },
    Kind {
        command: "repositories",
        id: "1",
        path: "/api/project/1/repositories/1",
        list: "/api/project/1/repositories",
        rename: "--name",
        name_field: "name",
    },
    Kind {
        command: "environments",
        id: "2",
        path: "/api/project/1/environment/2",
        list: "/api/project/1/environment",
        rename: "--name",
        name_field: "name",
    },
    Kind {
        command: "keys",
        id: "3",
        path: "/api/project/1/keys/3",
        list: "/api/project/1/keys",
        rename: "--name",
        name_field: "name",
    },
    Kind {
        command: "schedules",
        id: "1",
        path: "/api/project/1/schedules/1",
        list: "/api/project/1/schedules",
        rename: "--name",
        name_field: "name",
    },
    Kind {
        command: "views",
        id: "1",
        path: "/api/project/1/views/1",
        list: "/api/project/1/views",
        rename: "--title",
        name_field: "title",
    },
    Kind {
        command: "integrations",
        id: "1",
        path: "/api/project/1/integrations/1",
        list: "/api/project/1/integrations",
        rename: "--name",
        name_field: "name",
    },
];

#[test]
fn every_kind_lists_shows_updates_and_deletes_on_the_real_servers_answers() {
    for kind in KINDS {
        let replay = Replay::start();
        let env = replay_env(&replay);
        let list = env
            .cmd(&[kind.command, "list", "--json"])
            .run()
            .ok()
            .hides(REPLAY_TOKEN)
            .json();
        assert!(
            !list.as_array().unwrap().is_empty(),
            "{}: {list}",
            kind.command
        );
        assert_eq!(
            replay.sent("GET", kind.list).len(),
            1,
            "{}: {:#?}",
            kind.command,
            replay.requests()
        );
        env.cmd(&[kind.command, "list"]).run().ok().stdout_has("ID");

        env.cmd(&[kind.command, "show", kind.id])
            .run()
            .ok()
            .stdout_has(kind.name_field);
        let shown = env
            .cmd(&[kind.command, "show", kind.id, "--json"])
            .run()
            .ok()
            .json();
        assert_eq!(id_of(&shown).to_string(), kind.id, "{}", kind.command);
        let before = replay.sent("GET", kind.path);
        assert_eq!(
            before[0].authorization.as_deref(),
            Some(format!("Bearer {REPLAY_TOKEN}").as_str()),
            "the token is sent as a bearer token"
        );

        env.cmd(&[
            kind.command,
            "update",
            kind.id,
            kind.rename,
            "Renamed by the CLI",
        ])
        .run()
        .ok()
        .stdout_has("Updated");
        let put = replay.sent("PUT", kind.path);
        assert_eq!(put.len(), 1, "{}: {:#?}", kind.command, replay.requests());
        let body = put[0].body.as_ref().expect("a JSON body");
        assert_eq!(
            body[kind.name_field], "Renamed by the CLI",
            "{}: {body}",
            kind.command
        );
        // The rest of the body is the object read: an update changes only what it says.
        for (field, value) in body.as_object().unwrap() {
            let compared = shown.get(field).is_some_and(|v| !v.is_object());
            if field != kind.name_field && compared {
                assert_eq!(&shown[field], value, "{}: {field} changed", kind.command);
            }
        }

        env.cmd(&[kind.command, "delete", kind.id])
            .run()
            .code(2)
            .stderr_has("--yes");
        assert!(
            replay.sent("DELETE", kind.path).is_empty(),
            "nothing deleted without --yes"
        );
        env.cmd(&[kind.command, "delete", kind.id, "--yes"])
            .run()
            .ok()
            .stdout_has("Deleted");
        assert_eq!(
            replay.sent("DELETE", kind.path).len(),
            1,
            "{}",
            kind.command
        );
        // Nothing in the environment's answer leaks, even the vault password sent in clear.
        env.cmd(&[kind.command, "show", kind.id, "--json"])
            .run()
            .hides("fake-password");
        assert!(replay.requests().iter().all(|r| r.authorization.is_some()));
    }
}

#[test]
fn show_by_name_looks_the_name_up() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    let list = env.cmd(&["views", "list", "--json"]).run().ok().json();
    let title = list[0]["title"].as_str().unwrap().to_owned();
    let shown = env
        .cmd(&["views", "show", &title, "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(shown["title"], title);
}

#[test]
fn creates_send_what_the_flags_say() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    let created = env
        .cmd(&[
            "schedules",
            "create",
            "--name",
            "nightly",
            "--template",
            "1",
            "--cron",
            "0 3 * * *",
            "--json",
        ])
        .run()
        .ok()
        .json();
    assert!(created["id"].is_i64(), "{created}");
    let post = &replay.sent("POST", "/api/project/1/schedules")[0];
    let body = post.body.as_ref().unwrap();
    assert_eq!(
        (
            &body["name"],
            &body["template_id"],
            &body["cron_format"],
            &body["project_id"]
        ),
        (&json!("nightly"), &json!(1), &json!("0 3 * * *"), &json!(1))
    );
    env.cmd(&["views", "create", "--title", "Ops"])
        .run()
        .ok()
        .stdout_has("Created view");
    assert_eq!(
        replay.sent("POST", "/api/project/1/views")[0]
            .body
            .as_ref()
            .unwrap()["title"],
        "Ops"
    );
    env.cmd(&[
        "integrations",
        "create",
        "--name",
        "hook",
        "--template",
        "1",
        "--auth-method",
        "token",
        "--auth-header",
        "X-Token",
    ])
    .run()
    .ok();
    let body = replay.sent("POST", "/api/project/1/integrations")[0]
        .body
        .clone()
        .unwrap();
    assert_eq!(
        (&body["auth_method"], &body["auth_header"]),
        (&json!("token"), &json!("X-Token"))
    );
}

#[test]
fn secrets_in_answers_are_never_printed() {
    let replay = Replay::start();
    // A server that sends a key's secrets back (the real one sends them empty).
    replay.answer(
        "GET",
        "/api/project/1/keys/3",
        vec![Answer::json(
            200,
            json!({"id": 3, "name": "leaky", "type": "ssh", "project_id": 1,
                   "string": "string-secret-1",
                   "login_password": {"login": "bob", "password": "password-secret-2"},
                   "ssh": {"login": "bob", "passphrase": "passphrase-secret-3",
                           "private_key": "-----BEGIN OPENSSH PRIVATE KEY----- key-secret-4"}}),
        )],
    );
    let env = replay_env(&replay);
    for args in [&["keys", "show", "3"][..], &["keys", "show", "3", "--json"]] {
        let out = env.cmd(args).run().ok();
        let out = out
            .hides("string-secret-1")
            .hides("password-secret-2")
            .hides("passphrase-secret-3")
            .hides("key-secret-4")
            .hides(REPLAY_TOKEN);
        assert!(out.stdout.contains("bob"), "the rest is shown: {out:#?}");
    }
    env.cmd(&["keys", "show", "3"])
        .run()
        .ok()
        .stdout_has("(hidden)");
    // The environment's vault password, which the real server sends in clear.
    env.cmd(&["environments", "show", "2"])
        .run()
        .ok()
        .hides("fake-password");
    env.cmd(&["environments", "list", "--json"])
        .run()
        .ok()
        .hides("fake-password");
}

#[test]
fn update_with_nothing_to_change_says_so() {
    let replay = Replay::start();
    replay_env(&replay)
        .cmd(&["templates", "update", "1"])
        .run()
        .code(2)
        .one_line_error()
        .stderr_has("nothing to change");
    assert!(replay.sent("PUT", "/api/project/1/templates/1").is_empty());
}

#[test]
fn an_update_from_a_file_keeps_what_it_does_not_name() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    let before = env
        .cmd(&["inventories", "show", "1", "--json"])
        .run()
        .ok()
        .json();
    let file = env.home.path().join("inventory.json");
    std::fs::write(&file, r#"{"inventory": "db1\ndb2\n"}"#).unwrap();
    env.cmd(&["inventories", "update", "1", "-f", file.to_str().unwrap()])
        .run()
        .ok();
    let body = replay.sent("PUT", "/api/project/1/inventory/1")[0]
        .body
        .clone()
        .unwrap();
    assert_eq!(body["inventory"], "db1\ndb2\n");
    assert_eq!(body["name"], before["name"]);
    assert_eq!(body["type"], before["type"]);
}

#[test]
fn a_file_that_is_not_a_request_is_a_usage_error_without_its_values() {
    let replay = Replay::start();
    let env = replay_env(&replay);
    let file = env.home.path().join("bad.json");
    std::fs::write(
        &file,
        r#"{"name": "x", "repository_id": "password-in-the-wrong-place"}"#,
    )
    .unwrap();
    env.cmd(&["templates", "create", "-f", file.to_str().unwrap()])
        .run()
        .code(2)
        .one_line_error()
        .stderr_has("not a valid template")
        .hides("password-in-the-wrong-place");
    std::fs::write(&file, "{not json").unwrap();
    env.cmd(&["templates", "create", "-f", file.to_str().unwrap()])
        .run()
        .code(2)
        .stderr_has("is not JSON");
    assert!(replay.sent("POST", "/api/project/1/templates").is_empty());
}
