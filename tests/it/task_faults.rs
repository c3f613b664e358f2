//! Following and waiting against a scripted server: every socket frame, the task's status and
//! its stored output are chosen by the test (malformed and foreign messages, a final status
//! before the last lines, a socket cut without a close, a socket that is not there, a task
//! that never ends).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::SinkExt;
use semaphore_api::ErrorKind;
use semaphore_api::testkit::scripted::{Reply, Request, ScriptedServer};
use semaphore_api::*;
use serde_json::json;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;

const TASK: i64 = 7;

/// What the socket does, in order.
#[derive(Clone, Debug)]
pub(crate) enum Act {
    /// Sends a text frame.
    Text(String),
    /// Sends a binary frame.
    Binary(Vec<u8>),
    /// Adds a line to the stored output.
    Store(String, String),
    /// Changes the task's status (as stored).
    Status(&'static str),
    /// Waits for the client to read the stored output this many times in all.
    AwaitOutputReads(usize),
    /// Waits for the task to have this status.
    AwaitStatus(&'static str),
    /// Ends the connection without a close frame.
    Cut,
    /// Sends this text frame every millisecond until the client leaves.
    Flood(String),
}

#[derive(Default)]
pub(crate) struct Script {
    pub(crate) status: String,
    pub(crate) stored: Vec<(String, String)>,
    /// One list of acts per socket, in the order sockets open; none left: 404.
    pub(crate) sockets: Vec<Vec<Act>>,
    /// With no list of acts left, every further socket plays this one.
    pub(crate) every_socket: Option<Vec<Act>>,
    pub(crate) output_reads: usize,
    pub(crate) task_reads: usize,
    pub(crate) socket_requests: usize,
}

pub(crate) type Shared = Arc<Mutex<Script>>;

fn time(i: usize) -> String {
    format!(
        "2026-11-29T03:46:{:02}.{:09}Z",
        i / 1000 % 60,
        i % 1000 * 1000
    )
}

fn log(i: usize, text: &str) -> Act {
    Act::Text(
        json!({"type": "log", "output": text, "time": time(i), "task_id": TASK, "project_id": 1})
            .to_string(),
    )
}

fn update(status: &str) -> Act {
    Act::Text(json!({"type": "update", "status": status, "start": null, "end": null, "task_id": TASK, "project_id": 1}).to_string())
}

pub(crate) async fn start(script: Script) -> (ScriptedServer, Shared) {
    let shared: Shared = Arc::new(Mutex::new(script));
    let server = ScriptedServer::start({
        let shared = shared.clone();
        move |request| answer(&shared, request)
    })
    .await;
    (server, shared)
}

fn answer(shared: &Shared, request: &Request) -> Reply {
    let mut script = shared.lock().unwrap();
    match request.path() {
        "/api/project/1/tasks/7" => {
            script.task_reads += 1;
            Reply::json(
                200,
                &json!({"id": TASK, "project_id": 1, "template_id": 1, "status": script.status}),
            )
        }
        "/api/project/1/tasks/7/output" => {
            script.output_reads += 1;
            let lines: Vec<_> = script
                .stored
                .iter()
                .map(|(t, o)| json!({"task_id": TASK, "task": "", "time": t, "output": o}))
                .collect();
            Reply::json(200, &json!(lines))
        }
        "/api/ws" => {
            script.socket_requests += 1;
            let acts = match (script.sockets.is_empty(), &script.every_socket) {
                (false, _) => script.sockets.remove(0),
                (true, Some(acts)) => acts.clone(),
                (true, None) => return Reply::empty(404),
            };
            let accept = request
                .header("sec-websocket-key")
                .map(|key| derive_accept_key(key.as_bytes()))
                .unwrap_or_default();
            let shared = shared.clone();
            Reply::handover(move |mut socket| {
                let (acts, shared) = (acts.clone(), shared.clone());
                let head = format!(
                    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\
                     Connection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
                );
                async move {
                    if socket.write_all(head.as_bytes()).await.is_err() {
                        return;
                    }
                    let ws = WebSocketStream::from_raw_socket(socket, Role::Server, None).await;
                    play(ws, acts, shared).await;
                }
            })
        }
        _ => Reply::empty(404),
    }
}

/// Does the socket's acts in order, then stays open (silent) until the client leaves.
async fn play(mut ws: WebSocketStream<TcpStream>, acts: Vec<Act>, shared: Shared) {
    for act in acts {
        match act {
            Act::Text(t) => {
                let _ = ws.send(Message::text(t)).await;
            }
            Act::Binary(b) => {
                let _ = ws.send(Message::binary(b)).await;
            }
            Act::Store(t, o) => shared.lock().unwrap().stored.push((t, o)),
            Act::Status(s) => shared.lock().unwrap().status = s.into(),
            Act::AwaitOutputReads(n) => {
                while shared.lock().unwrap().output_reads < n {
                    tokio::time::sleep(Duration::from_millis(2)).await;
                }
            }
            Act::AwaitStatus(status) => {
                while shared.lock().unwrap().status != status {
                    tokio::time::sleep(Duration::from_millis(2)).await;
                }
            }
            Act::Cut => return,
            Act::Flood(text) => loop {
                if ws.send(Message::text(text.clone())).await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(1)).await;
            },
        }
    }
    let _ = futures_util::StreamExt::next(&mut ws).await;
}

pub(crate) fn handle(url: &str) -> TaskHandle {
    Client::builder(url)
        .session_cookie("scripted-session")
        .build()
        .unwrap()
        .task_handle(ProjectId(1), TaskId(TASK))
        .poll_interval(Duration::from_millis(10))
}

async fn follow(task: &TaskHandle) -> Vec<String> {
    let mut stream = task.follow();
    let mut lines = Vec::new();
    while let Some(line) = stream.next().await {
        let line = line.unwrap();
        assert_eq!(line.index, lines.len());
        lines.push(line.output);
    }
    lines
}

/// Stores line `i` and sends it on the socket (as the server: socket first).
fn line(i: usize, text: &str) -> [Act; 2] {
    [log(i, text), Act::Store(time(i), text.into())]
}

#[tokio::test]
async fn malformed_and_foreign_messages_are_skipped_without_loss() {
    let mut acts = vec![Act::AwaitOutputReads(1)];
    acts.extend(line(0, "first"));
    for junk in [
        // Other tasks' messages and other types: skipped on the same socket.
        Act::Text(
            json!({"type": "log", "output": "other task", "time": time(1), "task_id": 8})
                .to_string(),
        ),
        Act::Text(json!({"type": "update", "status": "success", "task_id": 8}).to_string()),
        Act::Text(json!({"type": "hello", "task_id": TASK}).to_string()),
        // Messages that may have been ours: the follower re-reads the stored output.
        Act::Text("not json".into()),
        Act::Text("{\"type\":\"log\"}".into()),
        Act::Binary(vec![0xff, 0xfe, 0x00]),
        Act::Text("{\"type\":\"log\",\"task_id\":1e999}".into()),
        Act::Text("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".into()),
    ] {
        acts.push(junk);
    }
    acts.extend(line(2, "second"));
    acts.extend(line(3, "second"));
    acts.push(Act::Status("success"));
    acts.push(update("success"));
    let (server, shared) = start(Script {
        status: "running".into(),
        sockets: vec![acts, vec![Act::AwaitStatus("success"), update("success")]],
        ..Default::default()
    })
    .await;
    let lines = follow(&handle(&server.base_url)).await;
    assert_eq!(lines, ["first", "second", "second"]);
    assert_eq!(
        shared.lock().unwrap().socket_requests,
        1,
        "the socket is kept: the stored output is read again instead"
    );
}

#[tokio::test]
async fn a_final_status_before_the_last_lines_loses_none() {
    let mut acts = vec![Act::AwaitOutputReads(1)];
    acts.extend(line(0, "a"));
    acts.extend(line(1, "b"));
    // Out of order: the end is told before the last two lines, which are stored.
    acts.push(Act::Store(time(2), "c".into()));
    acts.push(Act::Store(time(3), "c".into()));
    acts.push(Act::Status("error"));
    acts.push(update("error"));
    acts.push(update("running"));
    acts.push(log(2, "c"));
    let (server, _) = start(Script {
        status: "running".into(),
        sockets: vec![acts],
        ..Default::default()
    })
    .await;
    let task = handle(&server.base_url);
    assert_eq!(follow(&task).await, ["a", "b", "c", "c"]);
    let finished = task.wait(Duration::from_secs(60)).await.unwrap();
    assert_eq!(finished.status, TaskStatus::Error);
}

#[tokio::test]
async fn lines_before_the_socket_and_lines_on_both_are_given_once() {
    // Lines 0-2 were written before the socket; 2-4 arrive on it (2 is on both).
    let stored: Vec<_> = (0..3).map(|i| (time(i), format!("l{i}"))).collect();
    let mut acts = vec![Act::AwaitOutputReads(1), log(2, "l2")];
    acts.extend(line(3, "l3"));
    acts.extend(line(4, "l4"));
    acts.push(Act::Status("success"));
    acts.push(update("success"));
    let (server, _) = start(Script {
        status: "running".into(),
        stored,
        sockets: vec![acts],
        ..Default::default()
    })
    .await;
    assert_eq!(
        follow(&handle(&server.base_url)).await,
        ["l0", "l1", "l2", "l3", "l4"]
    );
}

#[tokio::test]
async fn a_socket_line_not_yet_stored_waits_for_the_store() {
    // The socket is ahead of the database: line 1 is sent, stored only after a later read,
    // and line 0 was never on this socket.
    let acts = vec![
        Act::AwaitOutputReads(1),
        Act::Store(time(0), "x".into()),
        log(1, "x"),
        Act::AwaitOutputReads(2),
        Act::Store(time(1), "x".into()),
        Act::Status("success"),
        update("success"),
    ];
    let (server, _) = start(Script {
        status: "running".into(),
        sockets: vec![acts],
        ..Default::default()
    })
    .await;
    assert_eq!(follow(&handle(&server.base_url)).await, ["x", "x"]);
}

#[tokio::test]
async fn a_socket_cut_mid_task_resumes_from_the_stored_output() {
    let mut first = vec![Act::AwaitOutputReads(1)];
    first.extend(line(0, "one"));
    first.extend(line(1, "two"));
    // Written while no socket listens.
    first.push(Act::Store(time(2), "three".into()));
    first.push(Act::Cut);
    let mut second = vec![];
    second.extend(line(3, "four"));
    second.push(Act::Status("success"));
    second.push(update("success"));
    let (server, shared) = start(Script {
        status: "running".into(),
        sockets: vec![first, second],
        ..Default::default()
    })
    .await;
    assert_eq!(
        follow(&handle(&server.base_url)).await,
        ["one", "two", "three", "four"]
    );
    assert_eq!(shared.lock().unwrap().socket_requests, 2);
}

#[tokio::test]
async fn no_socket_at_all_polls_to_the_end() {
    let stored: Vec<_> = (0..4).map(|i| (time(i), "same".to_string())).collect();
    let (server, shared) = start(Script {
        status: "running".into(),
        stored,
        ..Default::default()
    })
    .await;
    let task = handle(&server.base_url);
    let following = tokio::spawn({
        let task = task.clone();
        async move { follow(&task).await }
    });
    while shared.lock().unwrap().output_reads < 3 {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    {
        let mut script = shared.lock().unwrap();
        script.stored.push((time(4), "last".into()));
        script.status = "success".into();
    }
    let lines = following.await.unwrap();
    assert_eq!(lines, ["same", "same", "same", "same", "last"]);
    assert_eq!(
        shared.lock().unwrap().socket_requests,
        1,
        "refused once, not retried within 30 s"
    );
}

#[tokio::test]
async fn a_task_that_never_ends_hits_the_deadline_on_a_silent_socket() {
    let (server, _) = start(Script {
        status: "running".into(),
        sockets: vec![vec![update("running")]],
        ..Default::default()
    })
    .await;
    let err = handle(&server.base_url)
        .wait(Duration::from_millis(200))
        .await
        .unwrap_err();
    assert!(err.is_timeout());
    assert!(
        matches!(
            err.kind(),
            ErrorKind::TaskNotFinished {
                status: TaskStatus::Running,
                ..
            }
        ),
        "{err:?}"
    );
    let text = format!("{err} {err:?}");
    assert!(text.contains("had not finished"), "{text}");
    assert!(!text.contains("scripted-session"), "{text}");
}

#[tokio::test]
async fn wait_follows_the_socket_to_the_end() {
    let (server, shared) = start(Script {
        status: "running".into(),
        sockets: vec![vec![
            update("running"),
            Act::Text("garbage".into()),
            Act::Status("success"),
            update("success"),
        ]],
        ..Default::default()
    })
    .await;
    let finished = handle(&server.base_url)
        .wait(Duration::from_secs(60))
        .await
        .unwrap();
    assert!(finished.status.is_success());
    assert_eq!(shared.lock().unwrap().socket_requests, 1);
}
