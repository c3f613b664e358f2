//! login, logout, whoami, ping, and where the settings come from.

use semaphore_api::testkit::DEFAULT_PASSWORD;

use crate::harness::{Env, stand_in};
use crate::replay::Replay;

#[test]
fn login_stores_a_token_readable_only_by_the_user_and_never_the_password() {
    let server = stand_in();
    let env = Env::new();
    let out = env.login(&server);
    let path = env.config_path();
    assert!(out.stdout.contains(&path.display().to_string()), "{out:#?}");
    assert!(out.stdout.contains("as admin"), "{out:#?}");
    let config = env.config_text();
    assert!(!config.contains(DEFAULT_PASSWORD), "{config}");
    let token = env.stored_token();
    assert_eq!(token.len(), 44, "an API token of the server: {config}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        let dir = std::fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(dir & 0o077, 0, "{dir:o}");
    }
    let out = out.hides(&token).hides(DEFAULT_PASSWORD);
    // The password session was ended: only the token is left in use.
    let logged = server.requests();
    assert!(
        logged.iter().any(|r| r.path == "/api/auth/logout"),
        "{logged:#?}"
    );
    drop(out);

    let whoami = env.cmd(&["whoami"]).run().ok().hides(&token);
    assert!(whoami.stdout.contains("admin"), "{whoami:#?}");
    assert!(
        whoami.stdout.contains(&path.display().to_string()),
        "{whoami:#?}"
    );
    let json = env
        .cmd(&["whoami", "--json"])
        .run()
        .ok()
        .hides(&token)
        .json();
    assert_eq!(json["user"]["username"], "admin");
    assert_eq!(json["url"], server.url());
}

#[test]
fn a_wrong_password_is_exit_3_and_is_not_printed() {
    let server = stand_in();
    let env = Env::new();
    let out = env
        .cmd(&[
            "login",
            "--url",
            &server.url(),
            "--user",
            "admin",
            "--password-stdin",
        ])
        .stdin("not-the-password-123")
        .run()
        .code(3)
        .one_line_error()
        .hides("not-the-password-123")
        .stderr_has("could not log in as admin")
        .stderr_has("wrong user or password");
    assert!(!env.config_path().exists(), "{out:#?}");
}

#[test]
fn login_without_a_password_source_off_a_terminal_says_how() {
    let server = stand_in();
    Env::new()
        .cmd(&["login", "--url", &server.url(), "--user", "admin"])
        .run()
        .code(2)
        .one_line_error()
        .stderr_has("--password-stdin");
}

#[test]
fn login_with_a_token_checks_it_and_stores_it() {
    let server = stand_in();
    let first = Env::new();
    first.login(&server);
    let token = first.stored_token();

    let second = Env::new();
    second
        .cmd(&["login", "--url", &server.url(), "--with-token"])
        .stdin(&format!("{token}\n"))
        .run()
        .ok()
        .hides(&token);
    assert_eq!(second.stored_token(), token);

    let third = Env::new();
    third
        .cmd(&["login", "--url", &server.url(), "--with-token"])
        .stdin("bogus-token-that-the-server-does-not-know=")
        .run()
        .code(3)
        .one_line_error()
        .hides("bogus-token-that-the-server-does-not-know=");
    assert!(!third.config_path().exists());
}

#[test]
fn logout_expires_the_token_and_removes_it() {
    let server = stand_in();
    let env = Env::new();
    env.login(&server);
    let token = env.stored_token();
    let out = env.cmd(&["logout"]).run().ok().hides(&token);
    assert!(out.stdout.contains("Logged out"), "{out:#?}");
    assert!(
        !env.config_text().contains("token"),
        "{}",
        env.config_text()
    );
    assert!(env.config_text().contains(&server.url()), "the URL stays");
    assert!(
        server
            .requests()
            .iter()
            .any(|r| r.method == "DELETE" && r.path.starts_with("/api/user/tokens/")),
        "the token was expired on the server"
    );
    // The old token no longer works (the SQL flavour refuses expired tokens).
    Env::new()
        .var("SEMAPHORE_URL", &server.url())
        .var("SEMAPHORE_TOKEN", &token)
        .cmd(&["whoami"])
        .run()
        .code(3)
        .hides(&token);
    env.cmd(&["whoami"])
        .run()
        .code(3)
        .stderr_has("not logged in");
    env.cmd(&["logout"])
        .run()
        .code(3)
        .stderr_has("not logged in");
}

#[test]
fn nothing_configured_names_what_is_missing() {
    let env = Env::new();
    env.cmd(&["templates", "list", "-p", "1"])
        .run()
        .code(3)
        .one_line_error()
        .stderr_has("no Semaphore server configured")
        .stderr_has(&env.config_path().display().to_string())
        .stderr_has("SEMAPHORE_URL");
    let server = stand_in();
    env.cmd(&["whoami", "--url", &server.url()])
        .run()
        .code(3)
        .one_line_error()
        .stderr_has(&format!("not logged in to {}", server.url()))
        .stderr_has("SEMAPHORE_TOKEN");
}

#[test]
fn flags_win_over_the_environment_which_wins_over_the_file() {
    let server = stand_in();
    let env = Env::new();
    env.login(&server);
    let token = env.stored_token();
    // The environment's URL wins over the file's: nothing listens there (exit 4).
    env.cmd(&["ping"])
        .env("SEMAPHORE_URL", "http://127.0.0.1:9")
        .run()
        .code(4)
        .one_line_error()
        .stderr_has("127.0.0.1:9");
    // The flag wins over the environment.
    env.cmd(&["ping", "--url", &server.url()])
        .env("SEMAPHORE_URL", "http://127.0.0.1:9")
        .run()
        .ok()
        .stdout_has("pong");
    // The environment's token wins over the file's.
    env.cmd(&["whoami"])
        .env("SEMAPHORE_TOKEN", "not-a-token-of-this-server")
        .run()
        .code(3)
        .hides("not-a-token-of-this-server");
    // --config and SEMAPHORE_CONFIG name another file.
    let other = env.home.path().join("other.toml");
    env.cmd(&["whoami", "--config", other.to_str().unwrap()])
        .run()
        .code(3)
        .stderr_has(&other.display().to_string());
    env.cmd(&["whoami"])
        .env("SEMAPHORE_CONFIG", other.to_str().unwrap())
        .run()
        .code(3)
        .stderr_has(&other.display().to_string());
    env.cmd(&["whoami"]).run().ok().hides(&token);
}

#[test]
fn the_stored_token_never_goes_to_another_server() {
    let server = stand_in();
    let env = Env::new();
    env.login(&server);
    let token = env.stored_token();
    let other = Replay::start();
    env.cmd(&["whoami", "--url", &other.url()])
        .run()
        .code(3)
        .stderr_has("not logged in")
        .hides(&token);
    env.cmd(&["info"])
        .env("SEMAPHORE_URL", &other.url())
        .run()
        .code(3)
        .hides(&token);
    assert!(other.requests().is_empty(), "{:#?}", other.requests());
}

#[test]
fn a_config_file_others_can_read_is_warned_about() {
    let server = stand_in();
    let env = Env::new();
    env.login(&server);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(env.config_path(), std::fs::Permissions::from_mode(0o644))
            .unwrap();
        env.cmd(&["whoami"])
            .run()
            .ok()
            .stderr_has("others can read it");
    }
}

#[test]
fn ping_needs_no_login() {
    let server = stand_in();
    let out = Env::new()
        .cmd(&["ping", "--url", &server.url()])
        .run()
        .ok()
        .stdout_has("pong");
    drop(out);
    let json = Env::new()
        .cmd(&["ping", "--json", "--url", &server.url()])
        .run()
        .ok()
        .json();
    assert_eq!(json["pong"], true);
    assert_eq!(json["url"], server.url());
    // A bare server URL gets /api.
    let bare = server.url().trim_end_matches("/api").to_owned();
    Env::new().cmd(&["ping", "--url", &bare]).run().ok();
}
