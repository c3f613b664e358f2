//! The project's tasks: the `Ping` playbook run to its end with its output, a shell task
//! confirmed while it is active, another stopped while it runs, the task lists, and the shell
//! tasks deleted.

use std::time::Duration;

use semaphore_api::*;

use super::made::Made;
use super::run::{Run, Step, call};
use super::wait::{wait_for, wait_for_end};

pub async fn tasks(run: &mut Run, made: &Made) -> Step {
    let played = playbook(run, made).await?;
    let confirmed = confirmed(run, made).await?;
    let stopped = stopped(run, made).await?;
    lists(run, made, [stopped, confirmed, played]).await?;
    delete(run, made, stopped, confirmed).await
}

/// The `Ping` template's task, run by the server's Ansible to `success`, with the
/// environment's greeting in its output.
async fn playbook(run: &mut Run, made: &Made) -> Step<TaskId> {
    let (client, id) = (&made.client, made.id());
    let start = TaskRequest::new(made.ping().id);
    let task = run
        .ok(call!(client.project_project_id_tasks_post(id, &start)))
        .await?;
    let finished = wait_for_end(run, client, id, task.id).await?;
    run.same(
        "the playbook's task",
        &finished.status,
        &TaskStatus::Success,
    );
    let output = run
        .ok(call!(
            client.project_project_id_tasks_task_id_output_get(id, task.id)
        ))
        .await?;
    run.check(
        output
            .iter()
            .any(|line| line.output.contains("conformance says hello again")),
        || format!("the playbook's output is missing: {output:?}"),
    );
    Ok(task.id)
}

/// A request to start the shell template's task.
fn start_sleep(made: &Made) -> TaskRequest {
    let sleep = made.templates.iter().find(|t| t.app == TemplateApp::Bash);
    TaskRequest::new(sleep.map(|t| t.id).unwrap_or_default())
}

/// A shell task confirmed while it is queued or running, which then ends by itself; a
/// second confirmation, once it has ended, is refused.
async fn confirmed(run: &mut Run, made: &Made) -> Step<TaskId> {
    let (client, id) = (&made.client, made.id());
    let start = start_sleep(made);
    let task = run
        .ok(call!(client.project_project_id_tasks_post(id, &start)))
        .await?;
    run.ok(call!(
        client.project_project_id_tasks_task_id_confirm_post(id, task.id)
    ))
    .await?;
    let ended = wait_for_end(run, client, id, task.id).await?;
    run.same("the confirmed task", &ended.status, &TaskStatus::Success);
    run.fails(
        &[400],
        call!(client.project_project_id_tasks_task_id_confirm_post(id, task.id)),
    )
    .await;
    Ok(task.id)
}

/// A shell task stopped with `force` while it runs.
async fn stopped(run: &mut Run, made: &Made) -> Step<TaskId> {
    let (client, id) = (&made.client, made.id());
    let start = start_sleep(made);
    let task = run
        .ok(call!(client.project_project_id_tasks_post(id, &start)))
        .await?;
    wait_for(run, client, id, task.id, |s| *s == TaskStatus::Running).await?;
    let stop = TaskStop { force: true };
    run.ok(call!(client.project_project_id_tasks_task_id_stop_post(
        id, task.id, &stop
    )))
    .await?;
    let read = wait_for_end(run, client, id, task.id).await?;
    run.same("the stopped task", &read.status, &TaskStatus::Stopped);
    Ok(task.id)
}

/// The project's tasks (newest first), its last tasks, and the templates with their last
/// task; `newest_first` are the tasks started, the last first.
async fn lists(run: &mut Run, made: &Made, newest_first: [TaskId; 3]) -> Step {
    let (client, id) = (&made.client, made.id());
    let all = run
        .ok(call!(client.project_project_id_tasks_get(id)))
        .await?;
    run.same(
        "tasks listed, newest first",
        all.iter().map(|t| t.id).collect::<Vec<_>>(),
        newest_first.to_vec(),
    );
    let last = run
        .ok(call!(client.project_project_id_tasks_last_get(id, None)))
        .await?;
    run.same("last tasks listed", last.len(), 3);
    let templates = run
        .ok(call!(client.project_project_id_templates_get(
            id,
            Some(TemplateSort::Name),
            Some(SortOrder::Asc),
        )))
        .await?;
    let stopped = newest_first[0];
    run.check(
        templates
            .iter()
            .any(|t| t.last_task.as_ref().is_some_and(|l| l.id == stopped)),
        || "templates_get: no template shows its last task".into(),
    );
    Ok(())
}

/// The two shell tasks deleted, and gone.
async fn delete(run: &mut Run, made: &Made, stopped: TaskId, confirmed: TaskId) -> Step {
    let (client, id) = (&made.client, made.id());
    // A stopped task stays in the server's pool (and cannot be deleted: 400) until its
    // process has ended, a moment after its status says `stopped`.
    run.recorder
        .operation("project_project_id_tasks_task_id_delete");
    for _ in 0..120 {
        match client
            .project_project_id_tasks_task_id_delete(id, stopped)
            .await
        {
            Err(e) if e.is_bad_request() => tokio::time::sleep(Duration::from_millis(500)).await,
            _ => break,
        }
    }
    run.fails(
        &[400, 404],
        call!(client.project_project_id_tasks_task_id_get(id, stopped)),
    )
    .await;
    run.ok(call!(
        client.project_project_id_tasks_task_id_delete(id, confirmed)
    ))
    .await?;
    run.fails(
        &[400, 404],
        call!(client.project_project_id_tasks_task_id_get(id, confirmed)),
    )
    .await;
    Ok(())
}
