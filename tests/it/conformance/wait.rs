//! Polling a task until its status is the one a step waits for.

use std::time::Duration;

use semaphore_api::*;

use super::run::{Run, Step, Stop, call};

/// Polls a task until it has ended (at most a minute).
pub async fn wait_for_end(
    run: &mut Run,
    client: &Client,
    project: ProjectId,
    task: TaskId,
) -> Step<Task> {
    wait_for(run, client, project, task, TaskStatus::is_finished).await
}

/// Polls a task until its status is one `wanted` accepts (at most a minute).
pub async fn wait_for(
    run: &mut Run,
    client: &Client,
    project: ProjectId,
    task: TaskId,
    wanted: impl Fn(&TaskStatus) -> bool,
) -> Step<Task> {
    for _ in 0..240 {
        let read = run
            .ok(call!(
                client.project_project_id_tasks_task_id_get(project, task)
            ))
            .await?;
        if wanted(&read.status) {
            return Ok(read);
        }
        if read.status.is_finished() {
            return Err(Stop(format!("task {task} ended as {} first", read.status)));
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    Err(Stop(format!("task {task} did not get there in a minute")))
}
