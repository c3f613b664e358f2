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
//! Semaphore demo repository, a localhost inventory and an empty environment first. The key,
//! repository and environment endpoints answer 204 without a body, so their ids are read back
//! from the lists.

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
    let project = client.project_project_id_get(project).await?;
    println!("created project {} ({})", project.id, project.name);
    println!("created template {} ({})", template.id, template.name);

    println!("projects:");
    for project in client.projects_get().await? {
        println!("  {:>4}  {}", project.id, project.name);
    }
    println!("templates of project {}:", project.id);
    let templates = client
        .project_project_id_templates_get(
            project.id,
            Some(TemplateSort::Name),
            Some(SortOrder::Asc),
        )
        .await?;
    for template in templates {
        println!(
            "  {:>4}  {} ({})",
            template.id, template.name, template.playbook
        );
    }
    Ok(())
}
