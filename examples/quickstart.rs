//! The whole authentication flow: login metadata, login, create, list and expire an API
//! token, logout.
//!
//! ```sh
//! cargo run --example quickstart
//! SEMAPHORE_URL=http://localhost:3000/api SEMAPHORE_USER=admin SEMAPHORE_PASSWORD=... \
//!     cargo run --example quickstart
//! ```
//!
//! Without `SEMAPHORE_URL` it starts the in-process stand-in server (`semaphore_api::testkit`)
//! and logs in as its default user.

use std::process::ExitCode;

use semaphore_api_examples::auth_flow::auth_flow;
use semaphore_api_examples::setup::Server;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let server = Server::from_env().await?;
    auth_flow(&server.url, &server.user, &server.password, |line| {
        println!("{line}")
    })
    .await?;
    println!();
    println!("Next:");
    println!(
        "  cargo run --example projects       # objects by kind: client.projects(), client.project(id).templates(), ..."
    );
    println!("  cargo run --example run_template   # a template's task run and followed live");
    println!(
        "  cargo run --example custom_endpoints   # your own #[semaphore_api] trait on the same client"
    );
    Ok(())
}
