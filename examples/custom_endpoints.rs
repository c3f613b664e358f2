//! Extending the client with your own endpoints: `MyProjectApi` (in `my_projects.rs`) is
//! declared outside the runtime crate and used on the same `Client` as the built-in
//! `AuthenticationApi`.
//!
//! ```sh
//! cargo run --example custom_endpoints   # against the stand-in server
//! SEMAPHORE_URL=http://localhost:3000/api SEMAPHORE_USER=admin SEMAPHORE_PASSWORD=... \
//!     cargo run --example custom_endpoints
//! ```

use semaphore_api::testkit::{DEFAULT_PASSWORD, DEFAULT_USER, StandIn};
use semaphore_api::{AuthenticationApi, Client, Login};
use semaphore_api_examples::my_projects::{MyProjectApi, NewProject, Order, SortBy};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut _stand_in = None; // stops the stand-in when dropped, at the end
    let (url, user, password) = match std::env::var("SEMAPHORE_URL") {
        Ok(url) => {
            println!("server: {url} (SEMAPHORE_URL)");
            let user = std::env::var("SEMAPHORE_USER").unwrap_or_else(|_| "admin".into());
            let password = std::env::var("SEMAPHORE_PASSWORD")
                .map_err(|_| "SEMAPHORE_URL is set: set SEMAPHORE_PASSWORD too")?;
            (url, user, password)
        }
        Err(_) => {
            let server = StandIn::start().await?;
            println!(
                "server: a local stand-in at {} (SEMAPHORE_URL is not set)",
                server.url()
            );
            let url = server.url();
            _stand_in = Some(server);
            (url, DEFAULT_USER.into(), DEFAULT_PASSWORD.into())
        }
    };

    let client = Client::new(&url)?;
    client.auth_login_post(&Login::new(&user, password)).await?; // built-in trait
    let created = client
        .create_project(&NewProject {
            name: "custom-endpoints-example",
            alert: false,
        })
        .await?; // your trait, same client
    println!("created project {} ({})", created.id, created.name);
    let fetched = client.project(created.id).await?;
    println!("fetched it back: {}", fetched.name);
    println!("{} projects visible", client.list_projects().await?.len());
    let templates = client
        .templates(created.id, SortBy::Name, Some(Order::Asc))
        .await?;
    println!("{} templates in it", templates.len());
    client.auth_logout_post().await?;
    Ok(())
}
