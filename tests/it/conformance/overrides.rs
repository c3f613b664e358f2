//! A task's overrides and the newer servers' operations, on the verified server: a limit
//! sent in both shapes (the fields v2.10.32 reads and the `params` newer servers read) is
//! the one the run applies (the server logs `--limit=`); tags, which v2.10.32 has none of, and
//! arguments the template does not allow are refused before a task starts; the operations of
//! newer servers are a `NotServed` error naming their version and the server's.

use semaphore_api::*;

use super::run::{Run, Step, call};
use super::wait::wait_for_end;
use semaphore_api::ErrorKind;

pub async fn overrides(
    run: &mut Run,
    client: &Client,
    project: ProjectId,
    repository: RepositoryId,
    inventory: InventoryId,
) -> Step {
    let p = client.project(project);
    let request = TemplateRequest::ansible("Limited", "ping.yml", repository, inventory);
    let template = run
        .verb("a template for overrides", p.templates().create(&request))
        .await?;
    let version = run
        .verb("the server's version", client.server_version())
        .await?;
    run.same("the server's support", version.support(), Support::Verified);

    let mut limited = TaskRequest::new(template.id);
    limited.limit = Some("localhost".into());
    let task = run
        .verb("a task with a limit", client.run_task(project, &limited))
        .await?;
    let ended = wait_for_end(run, client, project, task.task_id()).await?;
    run.same(
        "the limited task's end",
        &ended.status,
        &TaskStatus::Success,
    );
    run.same("the limit recorded", ended.limit.as_str(), "localhost");
    let output = run
        .ok(call!(client.project_project_id_tasks_task_id_output_get(
            project,
            task.task_id()
        )))
        .await?;
    run.check(
        output
            .iter()
            .any(|l| l.output.contains("--limit=localhost")),
        || format!("the run did not apply the limit: {output:?}"),
    );

    let before = client
        .project_project_id_tasks_get(project)
        .await
        .map(|t| t.len());
    for (field, change) in [
        (
            "tags",
            TaskRequest {
                tags: vec!["deploy".into()],
                ..TaskRequest::new(template.id)
            },
        ),
        (
            "arguments",
            TaskRequest {
                arguments: Some(r#"["--check"]"#.into()),
                ..TaskRequest::new(template.id)
            },
        ),
    ] {
        match client
            .run_task(project, &change)
            .await
            .map_err(Error::into_kind)
        {
            Err(ErrorKind::InvalidArgument { param, .. }) if param == field => {}
            other => run.check(false, || format!("run_task with {field}: {other:?}")),
        }
    }
    let after = client
        .project_project_id_tasks_get(project)
        .await
        .map(|t| t.len());
    run.same("tasks started by the refused runs", after.ok(), before.ok());

    // The operations of newer servers.
    let newer = client
        .project_project_id_tasks_task_id_raw_output_get(project, task.task_id())
        .await;
    not_served(
        run,
        "project_project_id_tasks_task_id_raw_output_get",
        "2.14.0",
        &version,
        newer.map(|_| ()),
    );
    let newer = client
        .project_project_id_templates_template_id_stop_all_tasks_post(
            project,
            template.id,
            &TaskStop { force: false },
        )
        .await;
    not_served(
        run,
        "project_project_id_templates_template_id_stop_all_tasks_post",
        "2.16.14",
        &version,
        newer,
    );
    Ok(())
}

/// Counts `operation` as exercised when it failed as an operation newer than the server.
fn not_served(
    run: &mut Run,
    operation: &'static str,
    since: &str,
    version: &ServerVersion,
    result: semaphore_api::Result<()>,
) {
    match result.as_ref().map_err(Error::kind) {
        Err(
            e @ ErrorKind::NotServed {
                since: s, server, ..
            },
        ) if *s == since && server.as_deref() == Some(version.as_str()) => {
            run.count_as_expected(operation);
            let shown = e.to_string();
            run.check(
                shown.contains(since) && shown.contains(version.as_str()),
                || format!("{operation}: {shown}"),
            );
        }
        other => run.check(false, || {
            format!("{operation}: expected NotServed, got {other:?}")
        }),
    }
}
