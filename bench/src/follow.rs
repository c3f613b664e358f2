//! `cargo run --release -p semaphore-api-bench --bin follow [-- --lines 10000 --rounds 3]`
//!
//! Following a task that writes `--lines` lines (one per millisecond) on the stand-in:
//! `TaskHandle::follow` (the `/api/ws` socket) against the polling loop a user writes today
//! (re-read the task and its whole output every interval, print the new lines), at two
//! intervals, interleaved in one run. Every connection goes through a counting proxy: the
//! bytes the client read from the server, and the time from the start of the task to the last
//! line, per variant (medians of the rounds), and the ratios to the polling loops.

mod args;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use semaphore_api::{
    AuthenticationApi, Client, Login, ProjectApi, ProjectId, TaskId, TaskRequest, TemplateId,
};
use semaphore_api_testkit::{DEFAULT_PASSWORD, DEFAULT_USER, StandIn, TaskScript};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::args::arg;

/// A TCP proxy to `target` counting the bytes going back to the client.
async fn counting_proxy(target: std::net::SocketAddr) -> (String, Arc<AtomicU64>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/api", listener.local_addr().unwrap());
    let down = Arc::new(AtomicU64::new(0));
    let counter = down.clone();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let counter = counter.clone();
            tokio::spawn(async move {
                let Ok(server) = TcpStream::connect(target).await else {
                    return;
                };
                let (mut cr, mut cw) = client.into_split();
                let (mut sr, mut sw) = server.into_split();
                let up = tokio::spawn(async move { tokio::io::copy(&mut cr, &mut sw).await });
                let mut buf = vec![0u8; 64 * 1024];
                loop {
                    let n = match sr.read(&mut buf).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    counter.fetch_add(n as u64, Ordering::Relaxed);
                    if cw.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
                up.abort();
            });
        }
    });
    (url, down)
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Variant {
    Follow,
    Poll(Duration),
}

impl Variant {
    fn label(self) -> String {
        match self {
            Variant::Follow => "TaskHandle::follow (socket)".into(),
            Variant::Poll(d) => format!("hand-written polling loop, every {} ms", d.as_millis()),
        }
    }
}

/// The loop a user writes without the task API.
async fn poll_loop(client: &Client, project: ProjectId, task: TaskId, every: Duration) -> usize {
    let mut seen = 0;
    loop {
        let status = client
            .project_project_id_tasks_task_id_get(project, task)
            .await
            .unwrap()
            .status;
        let output = client
            .project_project_id_tasks_task_id_output_get(project, task)
            .await
            .unwrap();
        for line in &output[seen..] {
            std::hint::black_box(&line.output);
        }
        seen = output.len();
        if status.is_finished() {
            return seen;
        }
        tokio::time::sleep(every).await;
    }
}

async fn measure(variant: Variant, lines: usize) -> (u64, Duration, usize) {
    let server = StandIn::start().await.unwrap();
    let (url, down) = counting_proxy(server.addr()).await;
    let client = Client::new(&url).unwrap();
    client
        .auth_login_post(&Login::new(DEFAULT_USER, DEFAULT_PASSWORD))
        .await
        .unwrap();
    let (project, template) = setup(&client).await;
    let script_lines: Vec<String> = (0..lines)
        .map(|i| {
            format!("ok: [localhost] => (item={i}) => {{\"msg\": \"line {i} of the benchmark\"}}")
        })
        .collect();
    server.script_next_task(TaskScript::succeeds(script_lines).interval(Duration::from_millis(1)));
    let before = down.load(Ordering::Relaxed);
    let started = Instant::now();
    let request = TaskRequest::new(template);
    let task = client.run_task(project, &request).await.unwrap();
    let got = match variant {
        Variant::Follow => {
            let mut stream = task.follow();
            let mut n = 0;
            while let Some(line) = stream.next().await {
                std::hint::black_box(&line.unwrap().output);
                n += 1;
            }
            n
        }
        Variant::Poll(every) => poll_loop(&client, project, task.task_id(), every).await,
    };
    let elapsed = started.elapsed();
    (down.load(Ordering::Relaxed) - before, elapsed, got)
}

async fn setup(client: &Client) -> (ProjectId, TemplateId) {
    semaphore_api_examples_setup(client).await
}

/// The smallest template the stand-in accepts.
async fn semaphore_api_examples_setup(client: &Client) -> (ProjectId, TemplateId) {
    use semaphore_api::*;
    let project = client
        .projects_post(&ProjectRequest::new("bench"))
        .await
        .unwrap()
        .id;
    client
        .project_project_id_repositories_post(
            project,
            &RepositoryRequest::new("r", "/tmp/r", "main", KeyId(1)),
        )
        .await
        .unwrap();
    let inventory = client
        .project_project_id_inventory_post(
            project,
            &InventoryRequest::new("i", InventoryType::Static, "localhost"),
        )
        .await
        .unwrap();
    let template = client
        .project_project_id_templates_post(
            project,
            &TemplateRequest::ansible("t", "p.yml", RepositoryId(1), inventory.id),
        )
        .await
        .unwrap();
    (project, template.id)
}

fn median<T: Copy + PartialOrd>(mut v: Vec<T>) -> T {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

#[tokio::main]
async fn main() {
    let lines: usize = arg("--lines", 10_000);
    let rounds: usize = arg("--rounds", 3);
    let variants = [
        Variant::Follow,
        Variant::Poll(Duration::from_secs(1)),
        Variant::Poll(Duration::from_millis(250)),
    ];
    let mut results: Vec<Vec<(u64, Duration)>> = vec![Vec::new(); variants.len()];
    for round in 0..rounds {
        for k in 0..variants.len() {
            // Alternate who goes first.
            let i = (k + round) % variants.len();
            let (bytes, time, got) = measure(variants[i], lines).await;
            assert_eq!(got, lines + 3, "{:?} saw every line", variants[i]);
            eprintln!(
                "round {round}: {:<45} {bytes:>12} bytes {time:>10.2?}",
                variants[i].label()
            );
            results[i].push((bytes, time));
        }
    }
    let med: Vec<(u64, Duration)> = results
        .iter()
        .map(|r| {
            (
                median(r.iter().map(|x| x.0).collect()),
                median(r.iter().map(|x| x.1).collect()),
            )
        })
        .collect();
    println!("{lines} lines, {rounds} rounds (medians)");
    println!(
        "| variant | bytes read | time to the last line | bytes vs polling 1 s | bytes vs polling 250 ms |"
    );
    println!("|---|---|---|---|---|");
    for (i, v) in variants.iter().enumerate() {
        println!(
            "| {} | {} | {:.2?} | {:.3} | {:.3} |",
            v.label(),
            med[i].0,
            med[i].1,
            med[i].0 as f64 / med[1].0 as f64,
            med[i].0 as f64 / med[2].0 as f64,
        );
    }
}
