//! `cargo run --release -p semaphore-api-bench --bin bench [-- --pinned --busy-server-core --rounds 31 --scale 1.0 --only CALL --control]`
//!
//! The `#[semaphore_api]` client and hand-written reqwest code, interleaved in one run against
//! one loopback server: requests per second (median of the rounds), the median of the rounds'
//! ratios, and allocations per call, for four calls at concurrency 1 and 64; at concurrency 1
//! also each side's CPU time per call (the client thread's, waits excluded). At concurrency 1
//! the two sides take turns call by call within a round; at 64 each round runs one side, then
//! the other. `--scale` multiplies the calls of a round (0.05 for a quick run); `--only`
//! measures one call (login_get, login_post, tokens_get, token_delete); `--control` puts a
//! second hand-written client in the generated client's place, so that the ratios show the
//! harness's own noise and bias.
//!
//! Two setups:
//! - by default, the server runs in this process on a thread of its own and both sides share
//!   one `reqwest::Client`;
//! - `--pinned`: the server is another process pinned to core 1 (`taskset`), this process
//!   is pinned to core 0, and each side has its own, identically configured `reqwest::Client`
//!   (30 s timeout, 10 s connect timeout, no redirects): the library's own for the generated
//!   client, as a user gets it from `Client::builder`. With `--busy-server-core` the server's
//!   core never goes idle (a spinning thread of the lowest priority shares it), so a request
//!   does not cost the client the wake-up of an idle core.
//!
//! `--windows PATH` writes each call's window at concurrency 1, for `bench/perf_windows.py`.
//! `--serve` runs only the server and prints its base URL; `--server URL` measures against a
//! server already running (callgrind then counts the client's instructions alone).
//! `--max-in-flight N` sets the generated client's limit on calls in flight in those setups
//! (32 by default, as for any client).

mod alloc;
mod args;
mod baseline;
mod cpu;
mod server;
mod windows;

use std::io::BufRead as _;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use semaphore_api::{AuthenticationApi, Client, Login, Secret};

use crate::args::arg;
use crate::baseline::HandWritten;

#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

const TOKEN: &str = "kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu=";

#[derive(Clone, Copy, Debug, PartialEq)]
enum Call {
    LoginGet,
    LoginPost,
    TokensGet,
    TokenDelete,
}

impl Call {
    const ALL: [Call; 4] = [
        Call::LoginGet,
        Call::LoginPost,
        Call::TokensGet,
        Call::TokenDelete,
    ];

    /// The name `--only` and `--profile` take.
    fn parse(name: &str) -> Option<Call> {
        Some(match name {
            "login_get" => Call::LoginGet,
            "login_post" => Call::LoginPost,
            "tokens_get" => Call::TokensGet,
            "token_delete" => Call::TokenDelete,
            _ => return None,
        })
    }

    fn label(self) -> &'static str {
        match self {
            Call::LoginGet => "auth_login_get (small JSON)",
            Call::LoginPost => "auth_login_post (JSON body, 204)",
            Call::TokensGet => "user_tokens_get (1,000 tokens)",
            Call::TokenDelete => "user_tokens_api_token_id_delete (path encoding)",
        }
    }

    /// Calls per measurement at scale 1: fewer for the decode-heavy listing.
    fn calls(self) -> usize {
        match self {
            Call::TokensGet => 200,
            _ => 2_000,
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Variant {
    Generated,
    HandWritten,
    /// The generated client through the resource layer (`client.tokens()`), for the calls
    /// that have a resource verb; the operation itself for the others.
    Resource,
}

struct Clients {
    generated: Client,
    hand: HandWritten,
    login: Login,
    /// `--control`: a second hand-written client measured in the generated client's place, so
    /// that the ratio shows what the harness alone makes of two identical sides.
    control: Option<HandWritten>,
}

/// One call of `variant`; the control, when there is one, stands in for the generated client.
async fn one(clients: &Clients, call: Call, variant: Variant) {
    let ok = match (variant, &clients.control) {
        (Variant::Generated, None) => one_generated(clients, call).await,
        (Variant::Generated, Some(control)) => one_hand(clients, control, call).await,
        (Variant::HandWritten, _) => one_hand(clients, &clients.hand, call).await,
        (Variant::Resource, _) => one_resource(clients, call).await,
    };
    assert!(ok, "{call:?} failed"); // a benchmark of failing calls would measure nothing
}

async fn one_generated(clients: &Clients, call: Call) -> bool {
    let client = &clients.generated;
    match call {
        Call::LoginGet => client.auth_login_get().await.is_ok(),
        Call::LoginPost => client.auth_login_post(&clients.login).await.is_ok(),
        Call::TokensGet => client
            .user_tokens_get()
            .await
            .is_ok_and(|t| t.len() == 1000),
        Call::TokenDelete => client.user_tokens_api_token_id_delete(TOKEN).await.is_ok(),
    }
}

async fn one_resource(clients: &Clients, call: Call) -> bool {
    let tokens = clients.generated.tokens();
    match call {
        Call::TokensGet => tokens.list().await.is_ok_and(|t| t.len() == 1000),
        Call::TokenDelete => tokens.delete(Secret::new(TOKEN)).await.is_ok(),
        Call::LoginGet | Call::LoginPost => one_generated(clients, call).await,
    }
}

async fn one_hand(clients: &Clients, hand: &HandWritten, call: Call) -> bool {
    match call {
        Call::LoginGet => hand.login_metadata().await.is_ok(),
        Call::LoginPost => hand.login(&clients.login).await.is_ok(),
        Call::TokensGet => hand.tokens().await.is_ok_and(|t| t.len() == 1000),
        Call::TokenDelete => hand.expire(TOKEN).await.is_ok(),
    }
}

/// `calls` calls spread over `concurrency` tasks; returns calls per second.
async fn measure(
    clients: &Arc<Clients>,
    call: Call,
    variant: Variant,
    concurrency: usize,
    calls: usize,
) -> f64 {
    let per_task = calls.div_ceil(concurrency);
    let started = Instant::now();
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let clients = clients.clone();
            tokio::spawn(async move {
                for _ in 0..per_task {
                    one(&clients, call, variant).await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("task");
    }
    (per_task * concurrency) as f64 / started.elapsed().as_secs_f64()
}

/// What one round at concurrency 1 measured of each side (generated first).
struct Alternating {
    /// Calls per second of the side's own time.
    rates: [f64; 2],
    /// The CPU time of the client's thread per call, in microseconds.
    cpu_us: [f64; 2],
}

/// `calls` calls of each side on one task, the sides taking turns (the first of each pair
/// alternating), each timed by the clock and by the CPU time of the thread that makes it.
async fn measure_alternating(clients: &Arc<Clients>, call: Call, calls: usize) -> Alternating {
    let clients = clients.clone();
    let task = tokio::spawn(async move {
        let mut spent = [Duration::ZERO; 2];
        let mut cpu = [Duration::ZERO; 2];
        for i in 0..calls {
            let order = if i % 2 == 0 {
                [Variant::Generated, Variant::HandWritten]
            } else {
                [Variant::HandWritten, Variant::Generated]
            };
            for variant in order {
                let side = (variant == Variant::HandWritten) as usize;
                // One thread runs the task and the connections' I/O: its CPU time during a
                // call is that call's cost to the client.
                let window = windows::start();
                let cpu_started = cpu::thread_cpu_time();
                let started = Instant::now();
                one(&clients, call, variant).await;
                spent[side] += started.elapsed();
                cpu[side] += cpu::thread_cpu_time().saturating_sub(cpu_started);
                windows::record(window, side);
            }
        }
        (spent, cpu)
    });
    let (spent, cpu) = task.await.expect("task");
    Alternating {
        rates: spent.map(|spent| calls as f64 / spent.as_secs_f64()),
        cpu_us: cpu.map(|cpu| cpu.as_secs_f64() * 1e6 / calls as f64),
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The first and third quartiles (nearest rank).
fn quartiles(values: &[f64]) -> (f64, f64) {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let last = sorted.len() - 1;
    (sorted[last / 4], sorted[last - last / 4])
}

/// Both sides on one `reqwest::Client`, set up as the library sets up its own.
fn shared_clients(base: &str) -> Arc<Clients> {
    // The library's starting point (redirects off, 10 s connect timeout; TLS when the
    // rustls feature is on, where a bare reqwest builder would have no provider).
    let http = semaphore_api::http_client_builder()
        .expect("reqwest client")
        .build()
        .expect("reqwest client");
    Arc::new(Clients {
        generated: Client::builder(base)
            .http_client(http.clone())
            .bearer_token(TOKEN)
            .build()
            .expect("client"),
        hand: hand_written(http, base),
        login: Login::new("admin", "changeme"),
        control: None,
    })
}

/// Each side with its own `reqwest::Client`: the generated client with the one
/// `Client::builder` makes (30 s timeout per call, 10 s connect timeout, no redirects), the
/// hand-written code with one configured the same way by hand.
fn separate_clients(base: &str) -> Arc<Clients> {
    let http = semaphore_api::http_client_builder()
        .expect("reqwest client")
        .timeout(Duration::from_secs(30))
        .build()
        .expect("reqwest client");
    Arc::new(Clients {
        generated: Client::builder(base)
            .bearer_token(TOKEN)
            .max_in_flight(arg("--max-in-flight", 32))
            .build()
            .expect("client"),
        hand: hand_written(http, base),
        login: Login::new("admin", "changeme"),
        control: std::env::args().any(|a| a == "--control").then(|| {
            let http = semaphore_api::http_client_builder()
                .expect("reqwest client")
                .timeout(Duration::from_secs(30))
                .build()
                .expect("reqwest client");
            hand_written(http, base)
        }),
    })
}

fn hand_written(http: reqwest::Client, base: &str) -> HandWritten {
    HandWritten {
        http,
        base: base.to_owned(),
        token: TOKEN.to_owned(),
    }
}

/// Pins this process (its threads to come) to `core`, with `taskset`.
fn pin_self(core: usize) {
    let status = Command::new("taskset")
        .args([
            "-p",
            "-c",
            &core.to_string(),
            &std::process::id().to_string(),
        ])
        .stdout(Stdio::null())
        .status()
        .expect("taskset (util-linux) runs");
    assert!(status.success(), "taskset failed: {status}");
}

/// Starts `bench --serve` as another process pinned to `core`; returns it and its base URL.
fn server_process(core: usize, busy: bool) -> (Child, String) {
    let exe = std::env::current_exe().expect("this program's path");
    let mut child = Command::new("taskset")
        .args(["-c", &core.to_string()])
        .arg(exe)
        .arg("--serve")
        .args(busy.then_some("--busy"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("taskset (util-linux) runs");
    let stdout = child.stdout.take().expect("piped");
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the server's base URL");
    (child, line.trim().to_owned())
}

/// `--serve`: the server alone, until its standard input closes (its parent ended). With
/// `--busy`, a thread of the lowest priority (`SCHED_IDLE`) spins on the server's core, so
/// that the core never goes idle between two requests: the client's cost of waking an idle
/// core (on a virtual machine, an interrupt through the hypervisor) is left out.
fn serve() {
    if std::env::args().any(|a| a == "--busy") {
        std::thread::spawn(cpu::spin_when_idle);
    }
    println!("{}", server::start());
    let _ = std::io::stdin().lines().count();
}

/// `--profile generated|hand|resource CALL N`: only N calls of one variant on one thread, for
/// `valgrind --tool=callgrind` (instruction counts, repeatable where timings are not).
fn profile(args: &[String]) {
    let variant = match args.first().map(String::as_str) {
        Some("generated") => Variant::Generated,
        Some("hand") => Variant::HandWritten,
        Some("resource") => Variant::Resource,
        _ => panic!("--profile generated|hand|resource CALL N"),
    };
    let call = args.get(1).and_then(|name| Call::parse(name));
    let call = call.expect("CALL is login_get, login_post, tokens_get or token_delete");
    let n: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1000);
    let clients = match string_arg("--server") {
        Some(base) => separate_clients(&base),
        None => shared_clients(&server::start()),
    };
    let local = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    local.block_on(measure_local(&clients, call, variant, n));
}

fn string_arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    let i = args.iter().position(|a| a == name)?;
    args.get(i + 1).cloned()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--serve") {
        return serve();
    }
    if let Some(i) = args.iter().position(|a| a == "--profile") {
        return profile(&args[i + 1..]);
    }
    let rounds = arg("--rounds", 31_usize).max(1);
    let scale = arg("--scale", 1.0_f64).max(0.01);
    let only = args.iter().position(|a| a == "--only").map(|i| {
        let name = args.get(i + 1).map(String::as_str).unwrap_or("");
        Call::parse(name).expect("--only login_get|login_post|tokens_get|token_delete")
    });
    let calls_measured: Vec<Call> = Call::ALL
        .into_iter()
        .filter(|c| only.is_none_or(|o| o == *c))
        .collect();
    let windows_file = string_arg("--windows");
    if windows_file.is_some() {
        windows::enable();
    }
    let pinned = args.iter().any(|a| a == "--pinned");
    let busy = args.iter().any(|a| a == "--busy-server-core");
    let mut server = None;
    let clients = if pinned {
        pin_self(0);
        let (child, base) = server_process(1, busy);
        server = Some(child);
        separate_clients(&base)
    } else if let Some(base) = string_arg("--server") {
        separate_clients(&base)
    } else {
        shared_clients(&server::start())
    };
    println!(
        "setup: {}, {rounds} rounds",
        if pinned {
            if busy {
                "pinned: server process on core 1 (kept busy), client on core 0, one reqwest::Client per side"
            } else {
                "pinned: server process on core 1, client on core 0, one reqwest::Client per side"
            }
        } else {
            "server in this process, one shared reqwest::Client"
        }
    );
    println!();

    // Throughput: a client runtime with one worker (the server has the other core).
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    println!(
        "| call | concurrency | generated req/s | hand-written req/s | ratio | ratio, middle half of rounds |"
    );
    println!("|---|---|---|---|---|---|");
    let mut cpu_rows = Vec::new();
    for &call in &calls_measured {
        for concurrency in [1, 64] {
            let calls = ((call.calls() as f64 * scale) as usize).max(concurrency);
            let (mut generated, mut hand, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
            let (mut cpu_generated, mut cpu_hand, mut cpu_ratios) =
                (Vec::new(), Vec::new(), Vec::new());
            runtime.block_on(async {
                // Warm-up: connections opened, caches filled.
                measure(&clients, call, Variant::Generated, concurrency, calls / 4).await;
                measure(&clients, call, Variant::HandWritten, concurrency, calls / 4).await;
                for round in 0..rounds {
                    if concurrency == 1 {
                        // One call at a time: the two sides take turns call by call, so that
                        // a change in the machine's load falls on both alike.
                        let round = measure_alternating(&clients, call, calls).await;
                        let ([g, h], [cpu_g, cpu_h]) = (round.rates, round.cpu_us);
                        generated.push(g);
                        hand.push(h);
                        ratios.push(g / h);
                        cpu_generated.push(cpu_g);
                        cpu_hand.push(cpu_h);
                        cpu_ratios.push(cpu_g / cpu_h);
                        continue;
                    }
                    // Alternate which goes first, so neither always meets a warmer machine.
                    let order = if round % 2 == 0 {
                        [Variant::Generated, Variant::HandWritten]
                    } else {
                        [Variant::HandWritten, Variant::Generated]
                    };
                    for variant in order {
                        let rate = measure(&clients, call, variant, concurrency, calls).await;
                        if variant == Variant::Generated {
                            generated.push(rate)
                        } else {
                            hand.push(rate)
                        }
                    }
                    // The two runs of a round are next to each other in time, so a burst of
                    // other work on the machine slows both: their ratio is steadier than rates.
                    ratios.push(generated[round] / hand[round]);
                }
            });
            let (g, h) = (median(generated), median(hand));
            let (low, high) = quartiles(&ratios);
            println!(
                "| {} | {concurrency} | {g:.0} | {h:.0} | {:.3} | {low:.3} to {high:.3} |",
                call.label(),
                median(ratios),
            );
            if !cpu_ratios.is_empty() {
                let (low, high) = quartiles(&cpu_ratios);
                cpu_rows.push(format!(
                    "| {} | {:.1} | {:.1} | {:.3} | {low:.3} to {high:.3} |",
                    call.label(),
                    median(cpu_generated),
                    median(cpu_hand),
                    median(cpu_ratios),
                ));
            }
        }
    }

    // What the calls cost the client, waits excluded: lower is cheaper.
    println!();
    println!(
        "| call (concurrency 1) | generated CPU µs/call | hand-written CPU µs/call | CPU ratio, generated / hand-written | CPU ratio, middle half of rounds |"
    );
    println!("|---|---|---|---|---|");
    for row in cpu_rows {
        println!("{row}");
    }
    if let Some(path) = windows_file {
        windows::save(&path);
    }

    // Allocations per call: one thread does all the client's work, and only it is counted.
    let local = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    println!();
    println!(
        "| call | generated allocations/call | hand-written allocations/call | generated future bytes | hand-written future bytes |"
    );
    println!("|---|---|---|---|---|");
    for &call in &calls_measured {
        let n = 200;
        let mut per_call = [0.0; 2];
        for (slot, variant) in [Variant::Generated, Variant::HandWritten]
            .into_iter()
            .enumerate()
        {
            local.block_on(measure_local(&clients, call, variant, 20)); // warm-up
            let ((), count) =
                alloc::counted(|| local.block_on(measure_local(&clients, call, variant, n)));
            per_call[slot] = count as f64 / n as f64;
        }
        let (generated, hand) = future_sizes(&clients, call);
        println!(
            "| {} | {:.1} | {:.1} | {generated} | {hand} |",
            call.label(),
            per_call[0],
            per_call[1]
        );
    }
    if let Some(mut child) = server {
        let _ = child.kill();
        let _ = child.wait();
    }
}

async fn measure_local(clients: &Arc<Clients>, call: Call, variant: Variant, n: usize) {
    for _ in 0..n {
        one(clients, call, variant).await;
    }
}

/// The size of one call's future, which a spawned task carries for the whole call.
fn future_sizes(clients: &Clients, call: Call) -> (usize, usize) {
    use std::mem::size_of_val;
    let (g, h) = (&clients.generated, &clients.hand);
    match call {
        Call::LoginGet => (
            size_of_val(&g.auth_login_get()),
            size_of_val(&h.login_metadata()),
        ),
        Call::LoginPost => (
            size_of_val(&g.auth_login_post(&clients.login)),
            size_of_val(&h.login(&clients.login)),
        ),
        Call::TokensGet => (size_of_val(&g.user_tokens_get()), size_of_val(&h.tokens())),
        Call::TokenDelete => (
            size_of_val(&g.user_tokens_api_token_id_delete(TOKEN)),
            size_of_val(&h.expire(TOKEN)),
        ),
    }
}
