//! The events: the project's (all and the last) and the server's.

use semaphore_api::*;

use super::made::Made;
use super::run::{Run, Step, call};

pub async fn events(run: &mut Run, made: &Made) -> Step {
    let (client, id) = (&made.client, made.id());
    let events = run
        .ok(call!(client.project_project_id_events_get(id)))
        .await?;
    run.check(!events.is_empty(), || "project events: none".into());
    let last = run
        .ok(call!(client.project_project_id_events_last_get(id)))
        .await?;
    // (BoltDB servers list at most one event in `project_project_id_events_get`)
    run.check(
        !last.is_empty() && last.len() >= events.len().min(200),
        || format!("{} last events, {} events", last.len(), events.len()),
    );
    run.ok(call!(client.events_get())).await?;
    run.ok(call!(client.events_last_get())).await?;
    Ok(())
}
