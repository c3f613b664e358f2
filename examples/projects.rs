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
//! access key: the example creates a `none` key, the Semaphore demo repository, a localhost
//! inventory and an empty environment first. The key, repository and environment endpoints
//! answer 204 without a body, so their ids are read back from the lists.

use std::time::{SystemTime, UNIX_EPOCH};

use semaphore_api::*;
use semaphore_api_examples::server::Server;

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

    let project = client
        .projects_post(&ProjectRequest::new(format!("example-{suffix}")))
        .await?;
    println!("created project {} ({})", project.id, project.name);

    let template = create_template(client, project.id).await?;
    println!("created template {} ({})", template.id, template.name);

    println!("projects:");
    for project in client.projects_get().await? {
        println!("  {:>4}  {}", project.id, project.name);
    }
    println!("templates of project {}:", project.id);
    let templates = client
        .project_project_id_templates_get(project.id, TemplateSort::Name, SortOrder::Asc)
        .await?;
    for template in templates {
        println!(
            "  {:>4}  {} ({})",
            template.id, template.name, template.playbook
        );
    }
    Ok(())
}

/// A template running `ping.yml` of the demo repository against localhost.
async fn create_template(client: &Client, project_id: ProjectId) -> Result<Template> {
    client
        .project_project_id_keys_post(project_id, &AccessKeyRequest::none("example none"))
        .await?;
    let key_id = client
        .project_project_id_keys_get(project_id, None, AccessKeySort::Name, SortOrder::Asc)
        .await?
        .into_iter()
        .find(|k| k.name == "example none")
        .map(|k| k.id)
        .unwrap_or_default();

    client
        .project_project_id_repositories_post(
            project_id,
            &RepositoryRequest::new(
                "demo",
                "https://github.com/semaphoreui/semaphore-demo.git",
                "main",
                key_id,
            ),
        )
        .await?;
    let repository_id = client
        .project_project_id_repositories_get(project_id, RepositorySort::Name, SortOrder::Asc)
        .await?
        .into_iter()
        .find(|r| r.name == "demo")
        .map(|r| r.id)
        .unwrap_or_default();

    let inventory = client
        .project_project_id_inventory_post(
            project_id,
            &InventoryRequest {
                ssh_key_id: Some(key_id),
                ..InventoryRequest::new(
                    "localhost",
                    InventoryType::Static,
                    "localhost ansible_connection=local",
                )
            },
        )
        .await?;

    client
        .project_project_id_environment_post(
            project_id,
            &EnvironmentRequest {
                env: Some("{}".into()),
                ..EnvironmentRequest::new("empty")
            },
        )
        .await?;
    let environment_id = client
        .project_project_id_environment_get(project_id, "name", SortOrder::Asc)
        .await?
        .into_iter()
        .find(|e| e.name == "empty")
        .map(|e| e.id);

    client
        .project_project_id_templates_post(
            project_id,
            &TemplateRequest {
                environment_id,
                arguments: Some("[]".into()),
                ..TemplateRequest::ansible("ping", "ping.yml", repository_id, inventory.id)
            },
        )
        .await
}
