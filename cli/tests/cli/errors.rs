//! Whatever the server answers, the CLI says in one line what failed, with the causes under
//! -v, and never panics; the exit code says what kind of failure it was.

use serde_json::json;

use crate::harness::Env;
use crate::replay::{Answer, Replay};
use crate::resources::{REPLAY_TOKEN, replay_env};

const TEMPLATES: &str = "/api/project/1/templates";

#[test]
fn odd_answers_are_errors_not_panics() {
    let answers = [
        Answer::json(200, json!({"not": "a list"})),
        Answer::json(200, json!([{"id": "one"}])),
        Answer::raw(200, "text/html", "<html>a login page</html>"),
        Answer::raw(200, "application/json", ""),
        Answer::raw(200, "application/json", "[{\"id\": 1, \"name\": \"cut"),
    ];
    for answer in answers {
        let replay = Replay::start();
        replay.answer("GET", TEMPLATES, vec![answer]);
        let out = replay_env(&replay)
            .cmd(&["templates", "list"])
            .run()
            .code(1)
            .one_line_error()
            .stderr_has("could not list the templates of project 1")
            .stderr_has("is the URL its API");
        assert!(!out.stderr.contains("panicked"), "{out:#?}");
    }
}

#[test]
fn statuses_map_to_exit_codes_and_messages() {
    let cases = [
        (Answer::raw(401, "application/json", ""), 3, "401"),
        (Answer::raw(403, "application/json", ""), 1, "not allowed"),
        (
            Answer::json(500, json!({"error": "database is locked"})),
            1,
            "database is locked",
        ),
        (Answer::raw(404, "text/plain", "Not Found\n"), 1, "404"),
    ];
    for (answer, code, says) in cases {
        let replay = Replay::start();
        replay.answer("GET", TEMPLATES, vec![answer]);
        replay_env(&replay)
            .cmd(&["templates", "list"])
            .run()
            .code(code)
            .one_line_error()
            .stderr_has(says)
            .hides(REPLAY_TOKEN);
    }
}

#[test]
fn verbose_shows_the_causes() {
    let replay = Replay::start();
    replay.answer(
        "GET",
        TEMPLATES,
        vec![Answer::json(200, json!({"not": "a list"}))],
    );
    let env = replay_env(&replay);
    let quiet = env.cmd(&["templates", "list"]).run().code(1);
    assert!(!quiet.stderr.contains("caused by"), "{quiet:#?}");
    let verbose = env
        .cmd(&["templates", "list", "-v"])
        .run()
        .code(1)
        .one_line_error();
    assert!(
        verbose
            .stderr
            .contains("caused by: GET /project/{project_id}/templates"),
        "{verbose:#?}"
    );
}

#[test]
fn no_server_is_exit_4_with_what_to_check() {
    Env::new()
        .var("SEMAPHORE_TOKEN", REPLAY_TOKEN)
        .cmd(&["projects", "list", "--url", "http://127.0.0.1:9"])
        .run()
        .code(4)
        .one_line_error()
        .stderr_has("could not list the projects: could not connect to the server")
        .stderr_has("check the URL")
        .hides(REPLAY_TOKEN);
    Env::new()
        .cmd(&["ping", "--url", "ftp://example.com"])
        .run()
        .code(2)
        .stderr_has("must be http or https");
}

#[test]
fn a_project_is_needed_and_named_in_the_message() {
    let replay = Replay::start();
    Env::new()
        .var("SEMAPHORE_URL", &replay.url())
        .var("SEMAPHORE_TOKEN", REPLAY_TOKEN)
        .cmd(&["templates", "list"])
        .run()
        .code(2)
        .one_line_error()
        .stderr_has("which project?")
        .stderr_has("SEMAPHORE_PROJECT");
    assert!(replay.requests().is_empty());
}
