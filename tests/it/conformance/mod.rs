//! The conformance suite: every declared operation against a real Semaphore server.
//!
//! It runs only when `SEMAPHORE_URL` names a server (`http://127.0.0.1:3000/api`), logging in
//! as `SEMAPHORE_USER` / `SEMAPHORE_PASSWORD` (an administrator; `admin` / `changeme` by
//! default). It needs a fresh server: it counts what it creates. With `SEMAPHORE_RECORD` set to
//! a backend name (`bolt`, `postgres`), it writes what the server answered to
//! `tests/fixtures/real-server/<backend>.json`, which `fixtures_decode` checks in every CI
//! run. `CONFORMANCE.md` says how to start a server. Runner registration needs the server's
//! `runner_registration_token` in `SEMAPHORE_RUNNER_REGISTRATION_TOKEN` (`admin.rs`).

mod admin;
mod backup;
mod base_url;
mod cycle;
mod data_safety;
mod events;
mod made;
mod members;
mod overrides;
mod recorder;
mod remote_runner;
mod resources;
mod run;
mod scenario;
mod session;
mod table;
mod tasks;
mod wait;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::real_server::{Fixture, fixtures_dir};
use semaphore_api::describe::Endpoint;
use semaphore_api::*;

use recorder::Recorder;
use run::{Run, call};

fn declared() -> Vec<&'static Endpoint> {
    semaphore_api::apis::endpoints().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_server() {
    let Ok(url) = std::env::var("SEMAPHORE_URL") else {
        eprintln!("conformance: SEMAPHORE_URL is not set, so no real server is checked (skipped)");
        return;
    };
    let user = std::env::var("SEMAPHORE_USER").unwrap_or_else(|_| "admin".into());
    let password = std::env::var("SEMAPHORE_PASSWORD").unwrap_or_else(|_| "changeme".into());
    let repo = playbook_repository();

    let recorder = Recorder::start(&url).await;
    let client = Client::new(recorder.url()).expect("a client for the recorder");
    let names: BTreeSet<&'static str> = declared().iter().map(|e| e.name).collect();
    let mut run = Run::new(client, recorder, names.clone());

    let mut outcome = scenario::scenario(&mut run, &user, &password, &repo).await;
    if outcome.is_ok() {
        outcome = as_admin(&mut run, &user, &password, &repo).await;
    }

    // A server that gives its tasks to runners, when there is one: its exchanges and calls
    // count with the others.
    if let (true, Ok(runner_url)) = (
        outcome.is_ok(),
        std::env::var("SEMAPHORE_REMOTE_RUNNER_URL"),
    ) {
        let recorder = Recorder::start(&runner_url).await;
        let client = Client::new(recorder.url()).expect("a client for the recorder");
        let mut other = Run::new(client, recorder, names.clone());
        outcome = remote_runner::remote_runner(&mut other, &user, &password, &repo).await;
        run.absorb(other);
    }

    let exchanges = run.exchanges();
    println!(
        "conformance against {}: {} exchanges, {} operations called",
        run.recorder.upstream(),
        exchanges.len(),
        run.calls.len()
    );
    let passed: Vec<_> = run.calls.iter().filter(|(_, (_, ok))| *ok > 0).collect();
    let never: Vec<_> = names
        .iter()
        .filter(|n| !run.calls.contains_key(*n))
        .collect();
    println!(
        "operations: {} declared, {} exercised, {} passed at least once",
        names.len(),
        run.calls.len(),
        passed.len()
    );

    for fault in &run.faults {
        println!("known server fault: {fault}");
    }

    if let Ok(backend) = std::env::var("SEMAPHORE_RECORD") {
        let version = server_version(&url, &user, &password).await;
        let fixture = Fixture {
            server: version,
            backend: backend.clone(),
            recorded: today(),
            exchanges,
        };
        let path = fixtures_dir().join(format!("{backend}.json"));
        std::fs::create_dir_all(fixtures_dir()).unwrap();
        std::fs::write(
            &path,
            serde_json::to_string_pretty(&fixture).unwrap() + "\n",
        )
        .unwrap();
        println!(
            "recorded {} exchanges to {}",
            fixture.exchanges.len(),
            path.display()
        );
    }

    let mut problems = run.failures.clone();
    if let Err(stop) = outcome {
        problems.push(format!("stopped: {}", stop.0));
    }
    if !never.is_empty() {
        problems.push(format!("never exercised: {never:?}"));
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The routes outside projects (`admin.rs`), with a client of its own logged in as the
/// administrator: the scenario ends logged out.
async fn as_admin(run: &mut Run, user: &str, password: &str, repo: &Path) -> run::Step {
    let client = Client::new(run.recorder.url()).map_err(|e| run::Stop(e.to_string()))?;
    run.ok(call!(client.auth_login_post(&Login::new(user, password))))
        .await?;
    admin::admin(run, &client).await?;
    let tag = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    data_safety::data_safety(run, &client, repo, tag).await
}

/// The server's version, read past the recorder so it is not part of the fixture.
async fn server_version(url: &str, user: &str, password: &str) -> String {
    let client = Client::new(url).unwrap();
    client
        .auth_login_post(&Login::new(user, password))
        .await
        .unwrap();
    client.info_get().await.unwrap().version
}

fn today() -> String {
    let out = Command::new("date").args(["-u", "+%Y-%m-%d"]).output();
    out.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

/// A local git repository with a playbook that prints known lines, for the templates to run.
fn playbook_repository() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("semaphore-conformance-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("ping.yml"),
        "- hosts: all\n  gather_facts: false\n  tasks:\n    - name: say hello\n      \
         ansible.builtin.debug:\n        msg: \"conformance says {{ greeting | default('hi') }}\"\n",
    )
    .unwrap();
    // Says whether the task saw the environment secret's second value, never the value.
    std::fs::write(
        dir.join("secret.yml"),
        "- hosts: all\n  gather_facts: false\n  tasks:\n    - name: check the secret\n      \
         ansible.builtin.debug:\n        msg: \"the secret is {{ 'the second value' if \
         lookup('env', 'ROTATED') == 'fake-second-value' else 'not the second value' }}\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("sleep.sh"),
        "echo going to sleep\nsleep 3\necho woke up\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("inventory.ini"),
        "[local]\nlocalhost ansible_connection=local\n",
    )
    .unwrap();
    git(&dir, &["init", "-q", "-b", "main"]);
    git(&dir, &["add", "."]);
    git(
        &dir,
        &[
            "-c",
            "user.name=conformance",
            "-c",
            "user.email=conformance@example.com",
            "commit",
            "-q",
            "-m",
            "playbook",
        ],
    );
    dir
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .status()
        .expect("git is installed");
    assert!(status.success(), "git {args:?} failed");
}
