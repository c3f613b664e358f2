//! [`Ctx`]: the settings a command runs with, resolved flags first, then the environment,
//! then the config file; and the client built from them.

use std::time::Duration;

use semaphore_api::{Client, Project, ProjectId, ProjectsApi, Secret};

use crate::config::{self, FileConfig, Source};
use crate::error::{CliError, Context, Kind, Result};
use crate::flags::{Global, ProjectArg};

pub struct Ctx {
    pub json: bool,
    pub timeout: Duration,
    url_flag: Option<String>,
    pub file: FileConfig,
}

/// The server and how to authenticate to it.
pub struct Target {
    pub url: String,
    pub url_source: Source,
    pub token: Option<(Secret, Source)>,
}

impl Ctx {
    pub fn new(global: &Global) -> Result<Ctx> {
        let path = FileConfig::path(global.config.as_deref())?;
        Ok(Ctx {
            json: global.json,
            timeout: Duration::from_secs(global.timeout.max(1)),
            url_flag: global.url.clone(),
            file: FileConfig::load(path)?,
        })
    }

    /// The server's URL and where it came from.
    pub fn url(&self) -> Result<(String, Source)> {
        let (raw, source) = if let Some(url) = &self.url_flag {
            (url.clone(), Source::Flag("--url"))
        } else if let Some(url) = config::env(config::ENV_URL) {
            (url, Source::Env(config::ENV_URL))
        } else if let Some(url) = self.file.url() {
            (url.to_owned(), Source::File(self.file.path.clone()))
        } else {
            let file = if self.file.exists {
                format!("{} has no url", self.file.path.display())
            } else {
                format!("no config file at {}", self.file.path.display())
            };
            return Err(CliError::new(
                Kind::Auth,
                format!("no Semaphore server configured ({file})"),
            )
            .hint("run `semaphore login --url URL`, or pass --url, or set SEMAPHORE_URL"));
        };
        let url = config::api_url(&raw).map_err(|e| {
            let message = format!("{} (from {source})", e.message);
            CliError { message, ..e }
        })?;
        Ok((url, source))
    }

    /// The server with its token: `$SEMAPHORE_TOKEN`, else the config file's, which is used
    /// only for the server it was stored for (a token never goes to another server).
    pub fn target(&self) -> Result<Target> {
        let (url, url_source) = self.url()?;
        let token = if let Some(token) = config::env(config::ENV_TOKEN) {
            Some((Secret::new(token), Source::Env(config::ENV_TOKEN)))
        } else {
            match (self.file.token(), self.file.url()) {
                (Some(token), Some(file_url))
                    if config::api_url(file_url).ok().as_deref() == Some(url.as_str()) =>
                {
                    Some((token, Source::File(self.file.path.clone())))
                }
                _ => None,
            }
        };
        Ok(Target {
            url,
            url_source,
            token,
        })
    }

    /// A client for `url`, with `token` if given.
    pub fn client_for(&self, url: &str, token: Option<&Secret>) -> Result<Client> {
        let mut builder = Client::builder(url).timeout(self.timeout);
        if let Some(token) = token {
            builder = builder.bearer_token(token.clone());
        }
        builder.build().context(format_args!(
            "cannot use the server URL {}",
            crate::output::url(url)
        ))
    }

    /// A client that needs no login (`ping`).
    pub fn anonymous_client(&self) -> Result<Client> {
        let (url, _) = self.url()?;
        self.client_for(&url, None)
    }

    /// A logged-in client.
    pub fn client(&self) -> Result<Client> {
        let target = self.target()?;
        let Some((token, _)) = &target.token else {
            return Err(CliError::new(
                Kind::Auth,
                format!("not logged in to {}", crate::output::url(&target.url)),
            )
            .hint("run `semaphore login`, or set SEMAPHORE_TOKEN"));
        };
        self.client_for(&target.url, Some(token))
    }

    /// The project of a command: `--project`, `$SEMAPHORE_PROJECT`, or `project` in the
    /// config file; by id (used as is) or name (looked up).
    pub async fn project_id(&self, client: &Client, arg: &ProjectArg) -> Result<ProjectId> {
        let wanted = arg
            .project
            .clone()
            .or_else(|| config::env(config::ENV_PROJECT))
            .or_else(|| self.file.project().map(str::to_owned))
            .ok_or_else(|| {
                CliError::usage("which project? none given")
                    .hint("pass --project ID|NAME, or set SEMAPHORE_PROJECT")
            })?;
        Ok(find_project(client, &wanted).await?.id)
    }
}

/// A project by id or name, as every kind is found ([`crate::resolve::pick`]).
pub async fn find_project(client: &Client, wanted: &str) -> Result<Project> {
    let projects = client
        .projects_get()
        .await
        .context("could not list the projects")?;
    crate::resolve::pick(
        "project",
        wanted,
        &projects,
        |p| p.id.get(),
        |p| p.name.as_str(),
    )
    .cloned()
}
