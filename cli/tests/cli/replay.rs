//! A server that answers with what the real Semaphore server answered: the exchanges
//! `tests/it/conformance` recorded (`tests/fixtures/real-server/postgres.json`), for the routes
//! the stand-in does not model (updates, deletes, schedules, views, integrations, tasks).
//!
//! Each method and path (query included) answers its recorded answers in order, the last one
//! again and again; a GET answers its first recorded success, except a task's, which answers
//! the states it went through (waiting, running, success), each once. A test can replace a
//! route's answers. Anything else is a 404. It checks no credential: the
//! stand-in's tests do that. What it was sent is logged for the tests to read.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use semaphore_api::testkit::scripted::{self, Reply, Request, ScriptedServer};
use serde_json::Value;

use crate::harness::runtime;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/real-server/postgres.json"
);

#[derive(Clone, PartialEq)]
pub struct Answer {
    status: u16,
    content_type: Option<String>,
    body: Option<Vec<u8>>,
}

impl Answer {
    pub fn json(status: u16, body: Value) -> Answer {
        Answer {
            status,
            content_type: Some("application/json".into()),
            body: Some(format!("{body}\n").into_bytes()),
        }
    }

    pub fn raw(status: u16, content_type: &str, body: &str) -> Answer {
        Answer {
            status,
            content_type: Some(content_type.into()),
            body: Some(body.as_bytes().to_vec()),
        }
    }
}

/// A request the replay received.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub body: Option<Value>,
    pub authorization: Option<String>,
}

#[derive(Default)]
struct State {
    routes: HashMap<(String, String), (Vec<Answer>, usize)>,
    log: Vec<Seen>,
}

pub struct Replay {
    server: ScriptedServer,
    state: Arc<Mutex<State>>,
}

impl Replay {
    pub fn start() -> Replay {
        let fixture: Value =
            serde_json::from_str(&std::fs::read_to_string(FIXTURE).expect("the fixture"))
                .expect("the fixture is JSON");
        let mut state = State::default();
        for exchange in fixture["exchanges"].as_array().expect("exchanges") {
            let key = (
                exchange["method"].as_str().expect("method").to_owned(),
                exchange["path"].as_str().expect("path").to_owned(),
            );
            let answer = recorded(exchange);
            let (answers, _) = state.routes.entry(key.clone()).or_default();
            // A GET answers what the object looked like when first read (failures and later
            // states are for tests to set themselves), except a task's: its states in turn.
            if key.0 == "GET" && (answer.status >= 400 || (!answers.is_empty() && !is_task(&key.1)))
            {
                continue;
            }
            if answers.last() != Some(&answer) {
                answers.push(answer);
            }
        }
        // A list read without sorting gets the SQL server's default order, by name: the
        // recording of the same list sorted so (taken once every object was made).
        let by_name: Vec<(String, String)> = state
            .routes
            .keys()
            .filter(|(method, path)| method == "GET" && path.ends_with("?sort=name&order=asc"))
            .cloned()
            .collect();
        for (method, path) in by_name {
            let bare = path.trim_end_matches("?sort=name&order=asc").to_owned();
            let answers = state.routes[&(method.clone(), path)].clone();
            state.routes.insert((method, bare), answers);
        }
        let state = Arc::new(Mutex::new(state));
        let shared = state.clone();
        let server = runtime().block_on(ScriptedServer::start(move |request| {
            answer(&shared, request)
        }));
        Replay { server, state }
    }

    pub fn url(&self) -> String {
        self.server.base_url.clone()
    }

    /// From now on, `method path` answers `answers` in order, then the last one again.
    pub fn answer(&self, method: &str, path: &str, answers: Vec<Answer>) {
        assert!(!answers.is_empty());
        let mut state = self.state.lock().unwrap();
        state
            .routes
            .insert((method.into(), path.into()), (answers, 0));
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.state.lock().unwrap().log.clone()
    }

    /// The requests with this method and path.
    pub fn sent(&self, method: &str, path: &str) -> Vec<Seen> {
        self.requests()
            .into_iter()
            .filter(|s| s.method == method && s.path == path)
            .collect()
    }
}

/// `/api/project/{id}/tasks/{id}`.
fn is_task(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    matches!(parts.as_slice(), ["", "api", "project", _, "tasks", id] if id.parse::<u64>().is_ok())
}

fn recorded(exchange: &Value) -> Answer {
    let status = exchange["status"].as_u64().expect("status") as u16;
    let content_type = exchange["headers"]["content-type"]
        .as_str()
        .map(str::to_owned);
    let body = match &exchange["body"] {
        Value::Null => None,
        Value::Object(map) if map.contains_key("$text") => Some(
            map["$text"]
                .as_str()
                .unwrap_or_default()
                .as_bytes()
                .to_vec(),
        ),
        body => Some(format!("{body}\n").into_bytes()),
    };
    Answer {
        status,
        content_type,
        body,
    }
}

fn answer(state: &Mutex<State>, request: &Request) -> Reply {
    let found = {
        let mut state = state.lock().unwrap();
        state.log.push(Seen {
            method: request.method.clone(),
            path: request.target.clone(),
            body: serde_json::from_slice(&request.body).ok(),
            authorization: request.header("authorization").map(str::to_owned),
        });
        state
            .routes
            .get_mut(&(request.method.clone(), request.target.clone()))
            .map(|(answers, next)| {
                let answer = answers[(*next).min(answers.len() - 1)].clone();
                *next += 1;
                answer
            })
    };
    let answer = found.unwrap_or_else(|| Answer::raw(404, "text/plain", "Not Found\n"));
    let content_type = answer.content_type.as_deref().map(|t| ("Content-Type", t));
    Reply::keep_alive(scripted::response(
        &scripted::status_line(answer.status),
        content_type.as_slice(),
        &answer.body.unwrap_or_default(),
    ))
}
