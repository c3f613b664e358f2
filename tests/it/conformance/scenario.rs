//! The conformance scenario: what a user does with a fresh server, in order, through every
//! declared operation. Each step checks the status and the decoded answer; reads after writes
//! check that what was written is what comes back and that nothing else changed.

use std::path::Path;

use super::made::Made;
use super::run::{Run, Step};
use super::table::{self, INTEGRATIONS, PROJECT, SCHEDULES, USERS};
use super::{backup, events, members, session, tasks};

/// Runs the scenario with `run`'s client, signed in as `user`; `playbooks` is the git
/// repository the project's templates run.
pub async fn scenario(run: &mut Run, user: &str, password: &str, playbooks: &Path) -> Step {
    let token = session::sign_in(run, user, password).await?;
    let mut made = Made::new(run, playbooks)?;
    // the other user, logged in with a password of their own
    table::make(run, USERS, &mut made).await?;
    table::check(run, USERS, &mut made).await?;

    table::make(run, PROJECT, &mut made).await?;
    members::members(run, &made).await?;
    table::whole_cycle(run, SCHEDULES, &mut made).await?;
    table::whole_cycle(run, INTEGRATIONS, &mut made).await?;
    tasks::tasks(run, &made).await?;
    // the refs and the template's tasks, once there are some
    table::check(run, PROJECT, &mut made).await?;
    events::events(run, &made).await?;
    backup::backup_and_restore(run, &made).await?;

    members::remove(run, &made).await?;
    table::remove(run, PROJECT, &mut made).await?;
    table::remove(run, USERS, &mut made).await?;
    session::sign_out(run, &token).await
}
