//! A runner taking a job, on a server that gives its tasks to remote runners
//! (`use_remote_runner`, `SEMAPHORE_REMOTE_RUNNER_URL`): the job to start, with what it runs,
//! then the job running, then its end as the runner reports it.

use std::path::Path;
use std::time::Duration;

use semaphore_api::*;

use super::run::{Run, Step, Stop, call};

pub async fn remote_runner(run: &mut Run, user: &str, password: &str, repo: &Path) -> Step {
    let Ok(registration) = std::env::var("SEMAPHORE_RUNNER_REGISTRATION_TOKEN") else {
        return Err(Stop(
            "a remote-runner server needs SEMAPHORE_RUNNER_REGISTRATION_TOKEN".into(),
        ));
    };
    let client = run.client.clone();
    run.ok(call!(client.auth_login_post(&Login::new(user, password))))
        .await?;
    let token = run
        .ok(call!(client.internal_runners_post(
            &RunnerRegistration::new(registration)
        )))
        .await?
        .token;
    // The runner registered itself unnamed and inactive: the newest runner.
    let runners = run.ok(call!(client.runners_get())).await?;
    let runner = runners.iter().map(|r| r.id).max().unwrap_or_default();
    run.ok(call!(client.runners_runner_id_active_post(
        runner,
        &Activation { active: true }
    )))
    .await?;

    let tag = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let project = ProjectRequest::new(format!("conformance-runner-{tag}"));
    let project = run
        .verb("a project", client.projects().create(&project))
        .await?;
    let p = client.project(project.id);
    let key = run
        .verb("a key", p.keys().create(&AccessKeyRequest::none("none")))
        .await?;
    let url = repo.display().to_string();
    let repository = RepositoryRequest::new("playbooks", url, "main", key.id);
    let repository = run
        .verb("a repository", p.repositories().create(&repository))
        .await?;
    let hosts = "[local]\nlocalhost ansible_connection=local\n";
    let inventory = InventoryRequest::new("local", InventoryType::Static, hosts);
    let inventory = run
        .verb("an inventory", p.inventories().create(&inventory))
        .await?;
    let template = TemplateRequest::ansible("Ping", "ping.yml", repository.id, inventory.id);
    let template = run
        .verb("a template", p.templates().create(&template))
        .await?;
    let task = run
        .ok(call!(client.project_project_id_tasks_post(
            project.id,
            &TaskRequest::new(template.id)
        )))
        .await?;

    // The server gives the task to the runner: a job to start.
    let mut job = None;
    for _ in 0..40 {
        let state = run.ok(call!(client.internal_runners_get(&token))).await?;
        if let Some(found) = state.new_jobs.into_iter().find(|j| j.task.id == task.id) {
            job = Some(found);
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let Some(job) = job else {
        return Err(Stop(format!("task {} never reached the runner", task.id)));
    };
    run.same("the job's template", job.template.id, template.id);
    run.same("the job's repository", job.repository.id, repository.id);

    let report = |status: TaskStatus, message: &str| RunnerProgress {
        jobs: vec![JobProgress {
            id: task.id,
            status,
            log_records: vec![LogRecord {
                time: "2026-12-05T10:11:12Z".into(),
                message: message.into(),
            }],
        }],
    };
    run.ok(call!(client.internal_runners_put(
        &token,
        &report(TaskStatus::Running, "started by the runner"),
    )))
    .await?;
    let state = run.ok(call!(client.internal_runners_get(&token))).await?;
    let running = state.current_jobs.iter().find(|j| j.id == task.id);
    run.check(
        running.is_some_and(|j| j.status == TaskStatus::Running),
        || format!("internal_runners_get after the runner's report: {state:?}"),
    );
    run.ok(call!(client.internal_runners_put(
        &token,
        &report(TaskStatus::Success, "done")
    )))
    .await?;
    let ended = super::wait::wait_for_end(run, &client, project.id, task.id).await?;
    run.same("the runner's task", &ended.status, &TaskStatus::Success);
    let output = run
        .ok(call!(client.project_project_id_tasks_task_id_output_get(
            project.id, task.id
        )))
        .await?;
    run.check(
        output.iter().any(|l| l.output == "started by the runner"),
        || format!("the runner's lines in the output: {output:?}"),
    );

    run.ok(call!(client.internal_runners_delete(&token)))
        .await?;
    run.verb("the project deleted", client.projects().delete(project.id))
        .await
}
