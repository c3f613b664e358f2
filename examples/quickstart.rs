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
use semaphore_api::{AuthenticationApi, Client, Login};

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

    let client = Client::new(&url)?;
    let metadata = client.auth_login_get().await?;
    let providers: Vec<&str> = metadata
        .oidc_providers
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    println!(
        "login metadata: password login {}, OIDC providers: {providers:?}",
        if metadata.login_with_password {
            "enabled"
        } else {
            "disabled"
        },
    );

    client.auth_login_post(&Login::new(&user, password)).await?;
    println!("logged in as {user} (session cookie kept by the client)");

    let token = client.user_tokens_post().await?;
    println!(
        "created an API token for user {} at {}",
        token.user_id, token.created
    );

    // The new token works on its own, without the session.
    let bearer = Client::builder(&url)
        .bearer_token(token.id.clone())
        .build()?;
    let tokens = bearer.user_tokens_get().await?;
    let active = tokens.iter().filter(|t| !t.expired).count();
    println!(
        "with the token alone: {} tokens listed, {active} active",
        tokens.len()
    );

    client
        .user_tokens_api_token_id_delete(token.id.expose_secret())
        .await?;
    let expired = client
        .user_tokens_get()
        .await?
        .iter()
        .any(|t| t.id == token.id && t.expired);
    println!(
        "expired the token: {}",
        if expired {
            "it is listed as expired"
        } else {
            "done"
        }
    );

    client.auth_logout_post().await?;
    let state = if client.has_session() {
        "still holds"
    } else {
        "dropped"
    };
    println!("logged out: the client {state} its session cookie");
    Ok(())
}
