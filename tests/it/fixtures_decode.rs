//! The answers a real Semaphore server gave (recorded by the conformance suite, one file per
//! backend under `fixtures/real-server/`) decode with our models, and encoding the models
//! again gives back every field the server sent.

use std::collections::BTreeSet;

use crate::real_server::{JSON_OPERATIONS, check_exchange, load_fixtures};
use semaphore_api::describe::{Endpoint, Returns};

/// The operations the recorded server serves: all but the newer servers' (`since`).
fn declared() -> Vec<&'static Endpoint> {
    semaphore_api::apis::endpoints()
        .filter(|e| e.since.is_none())
        .collect()
}

#[test]
fn both_backends_are_recorded() {
    let backends: BTreeSet<String> = load_fixtures()
        .into_iter()
        .map(|(_, fixture)| fixture.backend)
        .collect();
    assert_eq!(
        backends,
        BTreeSet::from(["bolt".to_owned(), "postgres".to_owned()])
    );
}

#[test]
fn every_recorded_answer_decodes_and_keeps_every_field() {
    let mut checked = 0;
    let mut problems = Vec::new();
    for (file, fixture) in load_fixtures() {
        for exchange in &fixture.exchanges {
            match check_exchange(exchange) {
                Ok(()) => checked += 1,
                Err(problem) => problems.push(format!("{file}: {problem}")),
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} answers lose data:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(checked > 0);
}

#[test]
fn every_declared_operation_was_recorded_succeeding() {
    for (file, fixture) in load_fixtures() {
        let succeeded: BTreeSet<&str> = fixture
            .exchanges
            .iter()
            .filter(|x| (200..400).contains(&x.status))
            .map(|x| x.operation.as_str())
            .collect();
        let missing: Vec<_> = declared()
            .iter()
            .map(|e| e.name)
            .filter(|name| !succeeded.contains(name))
            .collect();
        assert!(missing.is_empty(), "{file}: never succeeded: {missing:?}");
    }
}

#[test]
fn the_model_table_matches_the_declarations() {
    let json: BTreeSet<&str> = declared()
        .iter()
        .filter(|e| e.returns == Returns::Json)
        .map(|e| e.name)
        .collect();
    let table: BTreeSet<&str> = JSON_OPERATIONS.iter().copied().collect();
    assert_eq!(
        json, table,
        "real_server.rs's answer_models! and the declared JSON answers"
    );
}

#[test]
fn fixtures_hold_no_real_secret() {
    for (file, fixture) in load_fixtures() {
        let text = serde_json::to_string(&fixture).unwrap();
        // the real servers' session cookies start with the encoded timestamp `MTc`, API tokens
        // are replaced by `fake-token-...`
        for exchange in &fixture.exchanges {
            if let Some(cookie) = exchange.headers.get("set-cookie") {
                assert!(
                    cookie.starts_with("semaphore=fake-cookie-value")
                        || cookie.starts_with("semaphore=;"),
                    "{file}: a cookie value is kept: {cookie}"
                );
            }
        }
        assert!(
            !text.contains("changeme"),
            "{file}: the admin password is in it"
        );
        // Runner tokens (`runners_post`, `internal_runners_post`) and the registration token
        // are replaced, in requests and answers alike.
        for exchange in &fixture.exchanges {
            for value in [&exchange.request, &exchange.body].into_iter().flatten() {
                for (key, secret) in secrets_in(value) {
                    assert!(
                        secret.is_empty() || secret.starts_with("fake-"),
                        "{file}: {} {}: `{key}` holds a real value",
                        exchange.method,
                        exchange.path
                    );
                }
            }
        }
    }
}

/// The string values under the keys that hold runner and registration tokens.
fn secrets_in(value: &serde_json::Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    match value {
        serde_json::Value::Object(fields) => {
            for (key, value) in fields {
                match value {
                    serde_json::Value::String(s)
                        if key == "token" || key == "registration_token" =>
                    {
                        found.push((key.clone(), s.clone()))
                    }
                    other => found.extend(secrets_in(other)),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| found.extend(secrets_in(v))),
        _ => {}
    }
    found
}

/// Every model field that no recorded answer gave a value has a row, with its reason, in
/// CONFORMANCE.md's table of fields never seen (`| model | field | reason |`).
#[test]
fn fields_never_seen_are_listed_with_their_reason() {
    let never = crate::real_server::fields_never_seen(&load_fixtures());
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../CONFORMANCE.md")).unwrap();
    let missing: Vec<String> = never
        .keys()
        .map(|(model, path)| format!("| `{model}` | `{path}` |"))
        .filter(|row| !doc.contains(row.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "{} fields never seen are not in CONFORMANCE.md:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
