//! `ping` and `info`: the server itself.

use std::time::Instant;

use semaphore_api::{DefaultApi, Support};
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
    let version = info.server_version();
    let (support, meaning) = match version.support() {
        Support::Verified => (
            "verified",
            "every operation checked on a real server of this release",
        ),
        Support::Newer => (
            "newer",
            "newer than the release verified (v2.10.32): the differences known from public sources are handled",
        ),
        Support::Older => (
            "older",
            "older than the release verified (v2.10.32): operations it lacks answer 404",
        ),
        Support::Unknown => (
            "unknown",
            "a version this client cannot read: treated as newer than v2.10.32",
        ),
    };
    if ctx.json {
        let mut value = output::to_value(&info)?;
        if let Some(fields) = value.as_object_mut() {
            fields.insert("support".into(), support.into());
        }
        return output::json(&value);
    }
    let ansible = info.ansible.lines().next().unwrap_or("").trim();
    let rows = [
        ("version", info.version.as_str()),
        ("support", meaning),
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
