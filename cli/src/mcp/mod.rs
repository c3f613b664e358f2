//! `semaphore mcp`: Semaphore for AI assistants over the Model Context Protocol, on stdio or
//! streamable HTTP (`--listen`), with the command line's configuration and the library only.
//!
//! Read-only unless `--allow-write`; the destructive tools also need `"confirm": true` in the
//! call. Every result is bounded and free of secrets (`bounds.rs`), and a failed call is a
//! tool error carrying the server's message.

mod access;
mod bounds;
mod failure;
mod http;
mod kinds;
mod params;
mod server;
mod tasks;
mod write;

use std::sync::Arc;

use clap::Args;
use rmcp::ServiceExt;

use crate::config;
use crate::context::Ctx;
use crate::error::{CliError, Result};
use access::Access;
use server::{SemaphoreTools, Shared};

/// The environment variable holding the bearer token HTTP clients must send (`--listen`
/// without `--forward-token`).
pub const ENV_MCP_TOKEN: &str = "SEMAPHORE_MCP_TOKEN";

#[derive(Debug, Args)]
pub struct McpArgs {
    /// Offer the tools that change things: run_template, create, update, and stop_task and
    /// delete (which also need "confirm": true)
    #[arg(long)]
    pub allow_write: bool,
    /// Serve streamable HTTP at http://ADDR/mcp instead of stdio: a port (on 127.0.0.1) or
    /// HOST:PORT; clients must send `Authorization: Bearer $SEMAPHORE_MCP_TOKEN`
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
    /// With --listen: use each request's bearer token as the Semaphore API token, instead
    /// of the configured token and SEMAPHORE_MCP_TOKEN
    #[arg(long, requires = "listen")]
    pub forward_token: bool,
}

/// Serves until the client goes (stdio) or the process is stopped (HTTP).
pub async fn serve(ctx: &Ctx, args: McpArgs) -> Result<()> {
    let access = if args.forward_token {
        let (url, _) = ctx.url()?;
        let http = semaphore_api::http_client_builder()
            .map_err(|e| CliError::api("cannot start an HTTP client", &e))?
            .build()
            .map_err(|e| CliError::failed(format!("cannot start an HTTP client: {e}")))?;
        Access::Forwarded {
            url,
            timeout: ctx.timeout,
            http,
        }
    } else {
        Access::Configured(ctx.client()?)
    };
    let shared = Arc::new(Shared {
        access,
        default_project: config::env(config::ENV_PROJECT)
            .or_else(|| ctx.file.project().map(str::to_owned)),
        allow_write: args.allow_write,
    });
    match &args.listen {
        Some(listen) => {
            let guard = if args.forward_token {
                None
            } else {
                Some(config::env(ENV_MCP_TOKEN).ok_or_else(|| {
                    CliError::usage(format!(
                        "--listen needs the bearer token its clients must send, in {ENV_MCP_TOKEN}"
                    ))
                    .hint("set SEMAPHORE_MCP_TOKEN to a long random value, or pass --forward-token to use each caller's own Semaphore token")
                })?)
            };
            http::serve(listen, shared, guard).await
        }
        None => stdio(shared).await,
    }
}

async fn stdio(shared: Arc<Shared>) -> Result<()> {
    let running = SemaphoreTools::new(shared)
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|e| CliError::failed(format!("the MCP session did not start: {e}")))?;
    running
        .waiting()
        .await
        .map_err(|e| CliError::failed(format!("the MCP session failed: {e}")))?;
    Ok(())
}
