//! The tables of resources the cycle (`cycle.rs`) drives: each row a kind, made after the
//! kinds it uses (a repository uses a key, a template all of them) and removed before them.

use std::future::Future;
use std::pin::Pin;

use super::cycle::{self, Resource};
use super::made::Made;
use super::resources::*;
use super::run::{Run, Step};

/// The other user: made first, removed last.
pub const USERS: &[&dyn Row] = &[&Users];

/// The project and what it holds.
pub const PROJECT: &[&dyn Row] = &[
    &Projects,
    &Keys,
    &Repositories,
    &Inventories,
    &Environments,
    &Views,
    &Templates,
];

/// A schedule of the project's template, through its whole cycle at once.
pub const SCHEDULES: &[&dyn Row] = &[&Schedules];

/// An integration with a matcher and an extracted value, through their whole cycle at once.
pub const INTEGRATIONS: &[&dyn Row] = &[&Integrations, &Matchers, &Values];

/// A stage of one row, boxed so that a table holds kinds of every item type.
pub type Stage<'a> = Pin<Box<dyn Future<Output = Step> + 'a>>;

/// A kind as a table holds it: its three stages.
pub trait Row {
    fn make<'a>(&'a self, run: &'a mut Run, made: &'a mut Made) -> Stage<'a>;
    fn check<'a>(&'a self, run: &'a mut Run, made: &'a mut Made) -> Stage<'a>;
    fn remove<'a>(&'a self, run: &'a mut Run, made: &'a mut Made) -> Stage<'a>;
}

impl<R: Resource> Row for R {
    fn make<'a>(&'a self, run: &'a mut Run, made: &'a mut Made) -> Stage<'a> {
        Box::pin(cycle::make(self, run, made))
    }
    fn check<'a>(&'a self, run: &'a mut Run, made: &'a mut Made) -> Stage<'a> {
        Box::pin(cycle::check(self, run, made))
    }
    fn remove<'a>(&'a self, run: &'a mut Run, made: &'a mut Made) -> Stage<'a> {
        Box::pin(cycle::remove(self, run, made))
    }
}

/// Makes every row, in order.
pub async fn make(run: &mut Run, table: &[&dyn Row], made: &mut Made) -> Step {
    for row in table {
        row.make(run, made).await?;
    }
    Ok(())
}

/// Checks every row, in order (all are made).
pub async fn check(run: &mut Run, table: &[&dyn Row], made: &mut Made) -> Step {
    for row in table {
        row.check(run, made).await?;
    }
    Ok(())
}

/// Removes every row, the last made first.
pub async fn remove(run: &mut Run, table: &[&dyn Row], made: &mut Made) -> Step {
    for row in table.iter().rev() {
        row.remove(run, made).await?;
    }
    Ok(())
}

/// Makes, checks and removes every row.
pub async fn whole_cycle(run: &mut Run, table: &[&dyn Row], made: &mut Made) -> Step {
    make(run, table, made).await?;
    check(run, table, made).await?;
    remove(run, table, made).await
}
