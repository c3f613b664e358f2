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

use semaphore_api::testkit::{DEFAULT_PASSWORD, DEFAULT_USER, StandIn};
use semaphore_api_examples::auth_flow::auth_flow;

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
    // Kept alive until the end: dropping it stops the stand-in.
    let mut _stand_in = None;
    let (url, user, password) = match std::env::var("SEMAPHORE_URL") {
        Ok(url) => {
            println!("Talking to the Semaphore server at {url} (SEMAPHORE_URL).");
            let user = std::env::var("SEMAPHORE_USER").unwrap_or_else(|_| "admin".into());
            let password = std::env::var("SEMAPHORE_PASSWORD").map_err(
                |_| "SEMAPHORE_URL is set: set SEMAPHORE_PASSWORD (and SEMAPHORE_USER) too",
            )?;
            (url, user, password)
        }
        Err(_) => {
            let server = StandIn::start().await?;
            println!(
                "SEMAPHORE_URL is not set: talking to a local stand-in server at {} (not a real Semaphore).",
                server.url()
            );
            let url = server.url();
            _stand_in = Some(server);
            (url, DEFAULT_USER.to_owned(), DEFAULT_PASSWORD.to_owned())
        }
    };

    auth_flow(&url, &user, &password, |line| println!("{line}")).await
}
