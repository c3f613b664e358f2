//! Runs a template and prints its output live, then exits with the task's result.
//!
//! With `SEMAPHORE_URL` (and `SEMAPHORE_USER`, `SEMAPHORE_PASSWORD`) set, it creates a project
//! whose template runs a playbook from a local git repository on that server (the server must
//! run on this machine, with Ansible). Otherwise it runs against a local stand-in server and
//! says so.

use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use semaphore_api_examples::setup::{self, Server};

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

async fn run() -> std::result::Result<bool, Box<dyn std::error::Error>> {
    let server = Server::from_env().await?;
    if server.is_stand_in() {
        println!("(the stand-in runs no Ansible: its task output is scripted)");
    }
    let client = server.login().await?;
    let repository = setup::playbook_repository("run-template")?;
    let suffix = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let (project, template) = setup::project_with_template(
        &client,
        &format!("run-template-{suffix}"),
        &repository.display().to_string(),
        setup::PLAYBOOK_PATH,
    )
    .await?;
    let template = template.id;
    println!("project {project}, template {template}: starting a task");

    let task = client
        .project(project)
        .templates()
        .run(template, |_| {})
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
