//! The tools that change things, offered only with `--allow-write`. The destructive ones
//! (`stop_task`, `delete`) act only with `"confirm": true` and otherwise say what they would do.

use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

use super::params::{
    CreateParams, DeleteParams, RunParams, StopParams, UpdateParams, WritableKind,
};
use super::server::{SemaphoreTools, answer};
use super::{kinds, tasks};
use crate::kinds as cli;

/// `kinds::$verb` for the kind the call names.
macro_rules! for_kind {
    ($kind:expr, $verb:ident($($arg:expr),*)) => {
        match $kind {
            WritableKind::Templates => kinds::$verb::<cli::Templates>($($arg),*).await,
            WritableKind::Inventories => kinds::$verb::<cli::Inventories>($($arg),*).await,
            WritableKind::Environments => kinds::$verb::<cli::Environments>($($arg),*).await,
            WritableKind::Repositories => kinds::$verb::<cli::Repositories>($($arg),*).await,
            WritableKind::Schedules => kinds::$verb::<cli::Schedules>($($arg),*).await,
        }
    };
}

#[tool_router(router = write_tools, vis = "pub(super)")]
impl SemaphoreTools {
    #[tool(
        description = "Run a template: starts a task with the given options, follows its output live and waits up to `wait_seconds` for it to end. Returns the final status and the last lines of output, or, when the wait passes first, the running task's id and its output so far.",
        annotations(
            read_only_hint = false,
            destructive_hint = false,
            open_world_hint = true
        )
    )]
    async fn run_template(
        &self,
        Parameters(p): Parameters<RunParams>,
        cx: RequestContext<RoleServer>,
    ) -> CallToolResult {
        answer(async {
            let (client, project) = self.in_project(&cx, p.project.as_deref()).await?;
            tasks::run(&client, project, p).await
        })
        .await
    }

    #[tool(
        description = "Stop a running task. Without \"confirm\": true it stops nothing and says which task it would stop.",
        annotations(read_only_hint = false, destructive_hint = true)
    )]
    async fn stop_task(
        &self,
        Parameters(p): Parameters<StopParams>,
        cx: RequestContext<RoleServer>,
    ) -> CallToolResult {
        answer(async {
            let (client, project) = self.in_project(&cx, p.project.as_deref()).await?;
            tasks::stop(&client, project, &p).await
        })
        .await
    }

    #[tool(
        description = "Create a template, inventory, environment, repository or schedule in a project, from its fields as Semaphore's API names them. Returns the created object.",
        annotations(read_only_hint = false, destructive_hint = false)
    )]
    async fn create(
        &self,
        Parameters(p): Parameters<CreateParams>,
        cx: RequestContext<RoleServer>,
    ) -> CallToolResult {
        answer(async {
            let (client, project) = self.in_project(&cx, p.project.as_deref()).await?;
            for_kind!(p.kind, create(&client, project, p.fields))
        })
        .await
    }

    #[tool(
        description = "Change some fields of a template, inventory, environment, repository or schedule; every other field keeps its value. Returns the object as the server then holds it.",
        annotations(
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = true
        )
    )]
    async fn update(
        &self,
        Parameters(p): Parameters<UpdateParams>,
        cx: RequestContext<RoleServer>,
    ) -> CallToolResult {
        answer(async {
            let (client, project) = self.in_project(&cx, p.project.as_deref()).await?;
            for_kind!(p.kind, update(&client, project, &p.item, p.fields))
        })
        .await
    }

    #[tool(
        description = "Delete a template, inventory, environment, repository or schedule. Without \"confirm\": true it deletes nothing and says what it would delete.",
        annotations(read_only_hint = false, destructive_hint = true)
    )]
    async fn delete(
        &self,
        Parameters(p): Parameters<DeleteParams>,
        cx: RequestContext<RoleServer>,
    ) -> CallToolResult {
        answer(async {
            let (client, project) = self.in_project(&cx, p.project.as_deref()).await?;
            for_kind!(p.kind, delete(&client, project, &p.item, p.confirm))
        })
        .await
    }
}
