//! [`Runners`]: the server's global runners.

use super::collection::Collection;
use super::kind::{Create, Delete, Get, Kind, List, Named, Update};
use crate::{Activation, Client, Result, Runner, RunnerId, RunnerRequest, RunnersApi};

/// The global runners (`client.runners()`), for administrators.
///
/// | verb | operation |
/// |---|---|
/// | `list`, `find` | `runners_get` |
/// | `get` | `runners_runner_id_get` |
/// | `create` | `runners_post` (201, the runner with its token, which no other answer holds) |
/// | `update` | `runners_runner_id_put`: on BoltDB servers it also erases the runner's token |
/// | [`set_active`](Collection::set_active) | `runners_runner_id_active_post` (keeps the token) |
/// | `delete` | `runners_runner_id_delete` |
#[derive(Debug)]
pub struct Runners;

impl Kind for Runners {
    type Scope = ();
    type Id = RunnerId;
    type Item = Runner;
    type Summary = Runner;
    type Request = RunnerRequest;
    const ONE: &'static str = "runner";
}

impl List for Runners {
    async fn list(client: &Client, (): ()) -> Result<Vec<Runner>> {
        client.runners_get().await
    }

    fn summary_id(runner: &Runner) -> RunnerId {
        runner.id
    }
}

impl Named for Runners {
    fn name(runner: &Runner) -> &str {
        &runner.name
    }
}

impl Get for Runners {
    async fn get(client: &Client, (): (), id: RunnerId) -> Result<Runner> {
        client.runners_runner_id_get(id).await
    }
}

impl Create for Runners {
    async fn create(client: &Client, (): (), request: &RunnerRequest) -> Result<Runner> {
        client.runners_post(request).await
    }
}

impl Update for Runners {
    type Change = RunnerRequest;
    const PUT: &'static str = "runners_runner_id_put";

    fn unchanged(runner: &Runner) -> RunnerRequest {
        RunnerRequest::from(runner)
    }

    async fn put(client: &Client, (): (), id: RunnerId, change: &RunnerRequest) -> Result<()> {
        client.runners_runner_id_put(id, change).await
    }
}

impl Delete for Runners {
    async fn delete(client: &Client, (): (), id: RunnerId) -> Result<()> {
        client.runners_runner_id_delete(id).await
    }
}

impl Collection<'_, Runners> {
    /// Turns runner `id` on or off.
    pub async fn set_active(&self, id: RunnerId, active: bool) -> Result<()> {
        self.client
            .runners_runner_id_active_post(id, &Activation { active })
            .await
    }
}
