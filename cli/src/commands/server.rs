//! `ping` and `info`: the server itself.

use std::time::Instant;

use semaphore_api::DefaultApi;
use serde_json::json;

use crate::context::Ctx;
use crate::error::{Context, Result};
use crate::output;

pub async fn ping(ctx: &Ctx) -> Result<()> {
    let (url, _) = ctx.url()?;
    let client = ctx.anonymous_client()?;
    let start = Instant::now();
    client.ping_get().await.context(format_args!(
        "{} does not answer the ping",
        output::url(&url)
    ))?;
    let ms = start.elapsed().as_millis();
    if ctx.json {
        return output::line(&json!({"url": url, "pong": true, "ms": ms}).to_string());
    }
    output::line(&format!("pong from {} ({ms} ms)", output::url(&url)))
}

pub async fn info(ctx: &Ctx) -> Result<()> {
    let client = ctx.client()?;
    let info = client
        .info_get()
        .await
        .context("could not read the server's information")?;
    if ctx.json {
        return output::json(&info);
    }
    let ansible = info.ansible.lines().next().unwrap_or("").trim();
    let rows = [
        ("version", info.version.as_str()),
        ("ansible", if ansible.is_empty() { "-" } else { ansible }),
        (
            "web host",
            if info.web_host.is_empty() {
                "-"
            } else {
                info.web_host.as_str()
            },
        ),
        (
            "runners",
            if info.use_remote_runner {
                "remote"
            } else {
                "local"
            },
        ),
    ];
    output::pairs(&rows, 8)
}
