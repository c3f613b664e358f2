//! Extending the client with your own endpoints: `MyProjectApi` (in `my_projects.rs`) is
//! declared outside the runtime crate and used on the same `Client` as the built-in
//! `AuthenticationApi`.
//!
//! ```sh
//! cargo run --example custom_endpoints   # against the stand-in server
//! SEMAPHORE_URL=http://localhost:3000/api SEMAPHORE_USER=admin SEMAPHORE_PASSWORD=... \
//!     cargo run --example custom_endpoints
//! ```

use semaphore_api::AuthenticationApi;
use semaphore_api_examples::my_projects::{MyProjectApi, NewProject, Order, SortBy};
use semaphore_api_examples::setup::Server;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = Server::from_env().await?;
    let client = server.login().await?; // the built-in AuthenticationApi
    let created = client
        .create_project(&NewProject {
            name: "custom-endpoints-example",
            alert: false,
        })
        .await?; // your trait, same client
    println!("created project {} ({})", created.id, created.name);
    let fetched = client.project_by_id(created.id).await?;
    println!("fetched it back: {}", fetched.name);
    println!("{} projects visible", client.list_projects().await?.len());
    let templates = client
        .templates(created.id, SortBy::Name, Some(Order::Asc))
        .await?;
    println!("{} templates in it", templates.len());
    client.auth_logout_post().await?;
    Ok(())
}
