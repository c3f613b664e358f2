//! The tools that change things, offered only with `--allow-write`. The destructive ones
//! (`stop_task`, `delete`) act only with `"confirm": true` and otherwise say what they would do.

use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use serde_json::{Map, Value};

use semaphore_api::{Client, ProjectId};

use super::params::{
    CreateParams, DeleteParams, RunParams, StopParams, UpdateParams, WritableKind,
};
use super::server::{SemaphoreTools, answer};
use super::{kinds, tasks};
use crate::error::Result;
use crate::kinds as cli;

async fn create(
    client: &Client,
    project: ProjectId,
    kind: WritableKind,
    fields: Map<String, Value>,
) -> Result<Value> {
    match kind {
        WritableKind::Templates => kinds::create::<cli::Templates>(client, project, fields).await,
        WritableKind::Inventories => {
            kinds::create::<cli::Inventories>(client, project, fields).await
        }
        WritableKind::Environments => {
            kinds::create::<cli::Environments>(client, project, fields).await
        }
        WritableKind::Repositories => {
            kinds::create::<cli::Repositories>(client, project, fields).await
        }
        WritableKind::Schedules => kinds::create::<cli::Schedules>(client, project, fields).await,
    }
}

async fn update(
    client: &Client,
    project: ProjectId,
    kind: WritableKind,
    item: &str,
    fields: Map<String, Value>,
) -> Result<Value> {
    match kind {
        WritableKind::Templates => {
            kinds::update::<cli::Templates>(client, project, item, fields).await
        }
        WritableKind::Inventories => {
            kinds::update::<cli::Inventories>(client, project, item, fields).await
        }
        WritableKind::Environments => {
            kinds::update::<cli::Environments>(client, project, item, fields).await
        }
        WritableKind::Repositories => {
            kinds::update::<cli::Repositories>(client, project, item, fields).await
        }
        WritableKind::Schedules => {
            kinds::update::<cli::Schedules>(client, project, item, fields).await
        }
    }
}

async fn delete(
    client: &Client,
    project: ProjectId,
    kind: WritableKind,
    item: &str,
    confirm: bool,
) -> Result<Value> {
    match kind {
        WritableKind::Templates => {
            kinds::delete::<cli::Templates>(client, project, item, confirm).await
        }
        WritableKind::Inventories => {
            kinds::delete::<cli::Inventories>(client, project, item, confirm).await
        }
        WritableKind::Environments => {
            kinds::delete::<cli::Environments>(client, project, item, confirm).await
        }
        WritableKind::Repositories => {
            kinds::delete::<cli::Repositories>(client, project, item, confirm).await
        }
        WritableKind::Schedules => {
            kinds::delete::<cli::Schedules>(client, project, item, confirm).await
        }
    }
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
        answer(
            async {
                let client = self.client(&cx)?;
                let project = self.project(&client, p.project.as_deref()).await?;
                tasks::run(&client, project, p).await
            }
            .await,
        )
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
        answer(
            async {
                let client = self.client(&cx)?;
                let project = self.project(&client, p.project.as_deref()).await?;
                tasks::stop(&client, project, &p).await
            }
            .await,
        )
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
        answer(
            async {
                let client = self.client(&cx)?;
                let project = self.project(&client, p.project.as_deref()).await?;
                create(&client, project, p.kind, p.fields).await
            }
            .await,
        )
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
        answer(
            async {
                let client = self.client(&cx)?;
                let project = self.project(&client, p.project.as_deref()).await?;
                update(&client, project, p.kind, &p.item, p.fields).await
            }
            .await,
        )
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
        answer(
            async {
                let client = self.client(&cx)?;
                let project = self.project(&client, p.project.as_deref()).await?;
                delete(&client, project, p.kind, &p.item, p.confirm).await
            }
            .await,
        )
    }
}
