//! The MCP server: its instructions, and the read tools every mode offers. The write tools
//! (`write.rs`) join them only with `--allow-write`.

use std::sync::Arc;

use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerConfig};
use rmcp::service::RequestContext;
use rmcp::{RoleServer, ServerHandler, tool, tool_handler, tool_router};
use serde_json::Value;

use semaphore_api::resources::{self, Named};
use semaphore_api::{Client, DefaultApi, ProjectId};

use super::access::Access;
use super::params::{Kind, ListParams, OutputParams, ShowParams, TaskParams};
use super::{bounds, kinds, tasks};
use crate::error::{CliError, Context, Result};
use crate::kinds as cli;

/// What every tool call shares.
pub struct Shared {
    pub access: Access,
    /// The project when a call names none: `SEMAPHORE_PROJECT` or the config file's.
    pub default_project: Option<String>,
    pub allow_write: bool,
}

#[derive(Clone)]
pub struct SemaphoreTools {
    pub(super) shared: Arc<Shared>,
    tool_router: ToolRouter<Self>,
}

const INSTRUCTIONS: &str = "Semaphore UI: projects, templates (what a task runs: Ansible, \
Terraform, shell), tasks (runs of a template), inventories, repositories, environments, access \
keys, schedules and views. Objects are named by id or by name; most live in a project, which \
a call names with `project` (id or name) or leaves to the configured one. Secrets are never \
returned. Results are bounded: lists say how many there are, output is a tail.";

impl SemaphoreTools {
    pub fn new(shared: Arc<Shared>) -> Self {
        let mut tool_router = Self::read_tools();
        if shared.allow_write {
            tool_router += Self::write_tools();
        }
        SemaphoreTools {
            shared,
            tool_router,
        }
    }

    pub(super) fn client(&self, cx: &RequestContext<RoleServer>) -> Result<Client> {
        self.shared.access.client(cx)
    }

    /// The call's client, and the project it names or the configured one.
    pub(super) async fn in_project(
        &self,
        cx: &RequestContext<RoleServer>,
        named: Option<&str>,
    ) -> Result<(Client, ProjectId)> {
        let client = self.client(cx)?;
        let project = self.project(&client, named).await?;
        Ok((client, project))
    }

    /// The project a call names, else the configured one; by id or name.
    pub(super) async fn project(&self, client: &Client, named: Option<&str>) -> Result<ProjectId> {
        let wanted = named
            .map(str::to_owned)
            .or_else(|| self.shared.default_project.clone())
            .ok_or_else(|| {
                CliError::usage("which project? none given and none configured").hint(
                    "pass `project` (an id or a name); `list` with kind `projects` shows them",
                )
            })?;
        Ok(crate::context::find_project(client, &wanted).await?.id)
    }

    async fn list_kind(&self, client: &Client, p: ListParams) -> Result<Value> {
        let filter = p.filter.as_deref();
        if p.kind == Kind::Projects {
            let name = Some(<resources::Projects as Named>::name as fn(&_) -> &str);
            return kinds::list::<resources::Projects>(client, (), name, filter, p.limit).await;
        }
        let project = self.project(client, p.project.as_deref()).await?;
        macro_rules! list {
            ($kind:ty) => {{
                let name = Some(<$kind as Named>::name as fn(&_) -> &str);
                kinds::list::<$kind>(client, project, name, filter, p.limit).await
            }};
        }
        match p.kind {
            Kind::Projects => unreachable!("listed above"),
            Kind::Tasks => {
                kinds::list::<resources::Tasks>(client, project, None, None, p.limit).await
            }
            Kind::Templates => list!(resources::Templates),
            Kind::Inventories => list!(resources::Inventories),
            Kind::Repositories => list!(resources::Repositories),
            Kind::Environments => list!(resources::Environments),
            Kind::Keys => list!(resources::Keys),
            Kind::Schedules => list!(resources::Schedules),
            Kind::Views => list!(resources::Views),
        }
    }

    async fn show_kind(&self, client: &Client, p: ShowParams) -> Result<Value> {
        if p.kind == Kind::Projects {
            return kinds::show::<cli::Projects>(client, (), &p.item).await;
        }
        let project = self.project(client, p.project.as_deref()).await?;
        let item = p.item.as_str();
        match p.kind {
            Kind::Projects => unreachable!("shown above"),
            Kind::Tasks => {
                let id = task_id(item)?;
                kinds::show_by_id::<resources::Tasks>(client, project, id).await
            }
            Kind::Templates => kinds::show::<cli::Templates>(client, project, item).await,
            Kind::Inventories => kinds::show::<cli::Inventories>(client, project, item).await,
            Kind::Repositories => kinds::show::<cli::Repositories>(client, project, item).await,
            Kind::Environments => kinds::show::<cli::Environments>(client, project, item).await,
            Kind::Keys => kinds::show::<cli::Keys>(client, project, item).await,
            Kind::Schedules => kinds::show::<cli::Schedules>(client, project, item).await,
            Kind::Views => kinds::show::<cli::Views>(client, project, item).await,
        }
    }
}

/// A task named by its id (`12` or `id:12`).
fn task_id(item: &str) -> Result<i64> {
    let item = item.trim();
    item.strip_prefix("id:")
        .unwrap_or(item)
        .trim()
        .parse()
        .map_err(|_| CliError::usage(format!("a task is named by its id, not {item:?}")))
}

/// A tool's result: its JSON, bounded; or a tool error with what failed and what to do.
pub(super) async fn answer(result: impl Future<Output = Result<Value>>) -> CallToolResult {
    match result.await {
        Ok(value) => CallToolResult::structured(bounds::capped(value)),
        Err(e) => {
            let mut text = e.message;
            if let Some(hint) = e.hint {
                text.push_str(&format!(" ({hint})"));
            }
            CallToolResult::error(vec![ContentBlock::text(bounds::text_line(&text))])
        }
    }
}

#[tool_router(router = read_tools)]
impl SemaphoreTools {
    #[tool(
        description = "The Semaphore server's version and settings, and how well this client knows that version.",
        annotations(read_only_hint = true)
    )]
    async fn server_info(&self, cx: RequestContext<RoleServer>) -> CallToolResult {
        answer(async {
            let client = self.client(&cx)?;
            let info = client
                .info_get()
                .await
                .context("could not read the server's information")?;
            let support = format!("{:?}", info.server_version().support()).to_lowercase();
            let mut value = bounds::clean(&info)?;
            if let Value::Object(map) = &mut value {
                map.insert("client_support".into(), Value::String(support));
            }
            Ok(value)
        })
        .await
    }

    #[tool(
        description = "List the objects of one kind: projects, or the templates, tasks (newest first), inventories, repositories, environments, keys, schedules or views of a project. Gives ids and names; `show` gives one object in full.",
        annotations(read_only_hint = true)
    )]
    async fn list(
        &self,
        Parameters(p): Parameters<ListParams>,
        cx: RequestContext<RoleServer>,
    ) -> CallToolResult {
        answer(async {
            let client = self.client(&cx)?;
            self.list_kind(&client, p).await
        })
        .await
    }

    #[tool(
        description = "Show one object in full, by id or name: a project, template, task (by id), inventory, repository, environment, key or schedule or view. Secrets are left out.",
        annotations(read_only_hint = true)
    )]
    async fn show(
        &self,
        Parameters(p): Parameters<ShowParams>,
        cx: RequestContext<RoleServer>,
    ) -> CallToolResult {
        answer(async {
            let client = self.client(&cx)?;
            self.show_kind(&client, p).await
        })
        .await
    }

    #[tool(
        description = "A task's output (what Ansible, Terraform or the script printed): its last lines, or the last lines containing a text such as `fatal` or a host's name.",
        annotations(read_only_hint = true)
    )]
    async fn task_output(
        &self,
        Parameters(p): Parameters<OutputParams>,
        cx: RequestContext<RoleServer>,
    ) -> CallToolResult {
        answer(async {
            let (client, project) = self.in_project(&cx, p.project.as_deref()).await?;
            tasks::output(&client, project, &p).await
        })
        .await
    }

    #[tool(
        description = "Why a task failed: the task, its template, the hosts that failed or were unreachable with the Ansible task and message of each, Ansible's errors, the play recap and the last lines of output.",
        annotations(read_only_hint = true)
    )]
    async fn analyze_failure(
        &self,
        Parameters(p): Parameters<TaskParams>,
        cx: RequestContext<RoleServer>,
    ) -> CallToolResult {
        answer(async {
            let (client, project) = self.in_project(&cx, p.project.as_deref()).await?;
            tasks::analyze_failure(&client, project, p.task).await
        })
        .await
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for SemaphoreTools {
    fn get_info(&self) -> ServerConfig {
        let mut instructions = INSTRUCTIONS.to_owned();
        instructions.push_str(if self.shared.allow_write {
            " Writing is allowed: run_template, create and update change things; stop_task and delete also need \"confirm\": true, and without it say what they would do."
        } else {
            " This server is read-only: it cannot run, change or delete anything."
        });
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("semaphore", env!("CARGO_PKG_VERSION")))
            .with_instructions(instructions)
    }
}
