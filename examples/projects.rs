//! Creates a project and a template in it, then lists both.
//!
//! ```text
//! SEMAPHORE_URL=http://localhost:3000/api SEMAPHORE_USER=admin SEMAPHORE_PASSWORD=changeme \
//!     cargo run --example projects
//! ```
//!
//! Without `SEMAPHORE_URL` it starts the in-process stand-in server (`semaphore_api::testkit`)
//! and logs in as its default user.
//!
//! A template needs a repository, an inventory and an environment, and a repository needs an
//! access key: `setup::project_with_template` (in `setup.rs`) creates a `none` key, the
//! Semaphore demo repository, a localhost inventory and an empty environment first, each
//! through the resource layer (`client.project(id).keys().create(..)`, ...), which returns
//! the object made. Then the template is found by name, renamed, and the lists read.

use std::time::{SystemTime, UNIX_EPOCH};

use semaphore_api::*;
use semaphore_api_examples::setup::{self, Server};

/// The Semaphore demo repository.
const DEMO: &str = "https://github.com/semaphoreui/semaphore-demo.git";

#[tokio::main]
async fn main() -> std::result::Result<(), Box<dyn std::error::Error>> {
    let server = Server::from_env().await?;
    let client = server.login().await?;
    Ok(run(&client).await?)
}

async fn run(client: &Client) -> Result<()> {
    let suffix = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();

    // A `none` key, the Semaphore demo repository, a localhost inventory, an empty
    // environment, and a template running the demo's `ping.yml`.
    let (project, template) =
        setup::project_with_template(client, &format!("example-{suffix}"), DEMO, "ping.yml")
            .await?;
    let p = client.project(project);
    let project = client.projects().get(project).await?;
    println!("created project {} ({})", project.id, project.name);
    println!("created template {} ({})", template.id, template.name);

    // Found by name, and changed: the update starts from the template as read, so only the
    // description changes.
    let found = p.templates().find(&template.name).await?;
    let described = p
        .templates()
        .update(found.id, |t| t.description = Some("pings the hosts".into()))
        .await?;
    println!(
        "template {}: {}",
        described.id,
        described.description.as_deref().unwrap_or_default()
    );

    println!("projects:");
    for project in client.projects().list().await? {
        println!("  {:>4}  {}", project.id, project.name);
    }
    println!("templates of project {}:", project.id);
    for template in p.templates().list().await? {
        println!(
            "  {:>4}  {} ({})",
            template.id, template.name, template.playbook
        );
    }
    Ok(())
}
