//! Runs a template and prints its output live, then exits with the task's result.
//!
//! With `SEMAPHORE_URL` (and `SEMAPHORE_USER`, `SEMAPHORE_PASSWORD`) set, it creates a project
//! whose template runs a playbook from a local git repository on that server (the server must
//! run on this machine, with Ansible). Otherwise it runs against a local stand-in server and
//! says so.

use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use semaphore_api::*;
use semaphore_api_examples::run_setup;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

async fn run() -> Result<bool> {
    let mut _stand_in = None;
    let client = match std::env::var("SEMAPHORE_URL") {
        Ok(url) => {
            println!("server: {url} (SEMAPHORE_URL)");
            let client = Client::new(&url)?;
            let user = std::env::var("SEMAPHORE_USER").unwrap_or_else(|_| "admin".into());
            let password = std::env::var("SEMAPHORE_PASSWORD").unwrap_or_default();
            client.auth_login_post(&Login::new(user, password)).await?;
            client
        }
        Err(_) => {
            let server = testkit::StandIn::start().await.map_err(|e| Error::Config {
                reason: format!("the stand-in server cannot start: {e}"),
            })?;
            println!(
                "server: a local stand-in at {} (SEMAPHORE_URL is not set; not a real Semaphore, its task output is scripted)",
                server.url()
            );
            let client = Client::new(server.url())?;
            let login = Login::new(testkit::DEFAULT_USER, testkit::DEFAULT_PASSWORD);
            client.auth_login_post(&login).await?;
            _stand_in = Some(server);
            client
        }
    };
    let repository = run_setup::playbook_repository("run-template").map_err(|e| Error::Config {
        reason: format!("the playbook repository cannot be written: {e}"),
    })?;
    let suffix = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let (project, template) = run_setup::project_with_template(
        &client,
        &format!("run-template-{suffix}"),
        &repository.display().to_string(),
    )
    .await?;
    println!("project {project}, template {template}: starting a task");

    let task = client
        .run_task(project, &run_setup::task_request(template))
        .await?;
    println!("task {} started; its output:", task.task_id());
    let mut output = task.follow();
    while let Some(line) = output.next().await {
        let line = line?;
        println!("  {} | {}", line.time, line.output);
    }
    let finished = task.wait(Duration::from_secs(60)).await?;
    println!("task {} ended: {}", finished.id, finished.status);
    Ok(finished.status.is_success())
}
