//! A task's socket against servers that misbehave on purpose: one that closes every socket at
//! once, one that floods it with messages that cannot be read, one that refuses it. Over a
//! fixed time, `wait` and `follow` open few sockets and read the task and its output a
//! bounded number of times (before the pacing, the first made 2,187 upgrades in 2 s).

use std::time::Duration;

use crate::task_faults::{Act, Script, Shared, handle, start};

/// How long each case runs.
const WATCH: Duration = Duration::from_secs(4);

/// The server's counts after `WATCH` of waiting, then of following, at the default poll
/// interval (1 s).
async fn counts(socket: Option<Vec<Act>>) -> [(usize, usize, usize); 2] {
    let mut out = [(0, 0, 0); 2];
    for (i, follow) in [false, true].into_iter().enumerate() {
        let (server, shared) = start(Script {
            status: "running".into(),
            every_socket: socket.clone(),
            ..Default::default()
        })
        .await;
        let task =
            handle(&server.base_url).poll_interval(semaphore_api::tasks::DEFAULT_POLL_INTERVAL);
        if follow {
            let mut lines = task.follow();
            let _ = tokio::time::timeout(WATCH, lines.next()).await;
        } else {
            let err = task.wait(WATCH).await.unwrap_err();
            assert!(err.is_timeout(), "{err}");
        }
        out[i] = read(&shared);
    }
    out
}

/// (sockets asked for, task reads, output reads).
fn read(shared: &Shared) -> (usize, usize, usize) {
    let script = shared.lock().unwrap();
    (
        script.socket_requests,
        script.task_reads,
        script.output_reads,
    )
}

/// In 4 s the socket is opened at 0 s, 1 s and 3 s (the wait doubles), and the task and its
/// output read about once a second, plus once after each socket.
fn assert_paced(case: &str, [wait, follow]: [(usize, usize, usize); 2], sockets: usize) {
    println!("{case}: wait {wait:?}, follow {follow:?} (sockets, task reads, output reads)");
    for (what, (opened, task_reads, output_reads)) in [("wait", wait), ("follow", follow)] {
        assert!(opened <= sockets, "{case}, {what}: {opened} sockets");
        assert!(task_reads <= 12, "{case}, {what}: {task_reads} task reads");
        assert!(
            output_reads <= 12,
            "{case}, {what}: {output_reads} output reads"
        );
    }
}

#[tokio::test]
async fn a_socket_closed_at_once_is_reopened_after_a_growing_wait() {
    let counts = counts(Some(vec![Act::Cut])).await;
    assert_paced("closed at once", counts, 4);
}

#[tokio::test]
async fn a_socket_refused_is_tried_again_after_a_growing_wait() {
    let counts = counts(None).await;
    assert_paced("refused (404)", counts, 4);
}

#[tokio::test]
async fn a_flood_of_messages_that_cannot_be_read_keeps_one_socket_and_paced_reads() {
    for junk in ["not json", "{\"type\":\"log\",\"task_id\":7}"] {
        let counts = counts(Some(vec![Act::Flood(junk.into())])).await;
        assert_paced(junk, counts, 1);
    }
}
