//! The command line, as clap reads it: the global options and the commands. Each kind's
//! flags are in its file of `kinds/`, each other command's in its file of `commands/`.

use clap::{Parser, Subcommand};

use crate::commands::auth::LoginArgs;
use crate::commands::run::RunArgs;
use crate::commands::tasks::TasksCmd;
use crate::error::EXIT_CODES;
use crate::flags::{Global, ProjectArg};
use crate::kinds::{
    EnvironmentFields, IntegrationFields, InventoryFields, KeyFields, KindCmd, ProjectFields,
    RepositoryFields, ScheduleFields, Server, TemplateFields, ViewFields,
};
use crate::mcp::McpArgs;

/// A command-line client for Semaphore UI: projects, templates, inventories, keys... and
/// tasks, run and followed from the terminal or a script.
#[derive(Debug, Parser)]
#[command(
    name = "semaphore",
    version,
    propagate_version = true,
    after_help = after_help(),
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

fn after_help() -> String {
    format!(
        "Configuration: flags, then SEMAPHORE_URL, SEMAPHORE_TOKEN and SEMAPHORE_PROJECT, then the\n\
         config file ($XDG_CONFIG_HOME/semaphore/config.toml, written by `semaphore login`).\n\n\
         {EXIT_CODES}"
    )
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log in with a password (or a token) and store an API token in the config file
    Login(LoginArgs),
    /// Expire the stored API token and remove it from the config file
    Logout,
    /// Show who the configured token belongs to, and where the settings come from
    Whoami,
    /// Check that the server answers (no login needed)
    Ping,
    /// Show the server's version and settings
    Info,
    /// Projects
    #[command(subcommand, alias = "project")]
    Projects(KindCmd<ProjectFields, Server>),
    /// Templates of a project: what a task runs
    #[command(subcommand, alias = "template")]
    Templates(KindCmd<TemplateFields, ProjectArg>),
    /// Inventories of a project: the hosts a task runs against
    #[command(subcommand, alias = "inventory")]
    Inventories(KindCmd<InventoryFields, ProjectArg>),
    /// Repositories of a project: where playbooks come from
    #[command(subcommand, aliases = ["repos", "repository"])]
    Repositories(KindCmd<RepositoryFields, ProjectArg>),
    /// Environments of a project: variables of a task
    #[command(subcommand, aliases = ["envs", "environment"])]
    Environments(KindCmd<EnvironmentFields, ProjectArg>),
    /// Access keys of a project: credentials tasks use (secrets are never shown)
    #[command(subcommand, alias = "key")]
    Keys(KindCmd<KeyFields, ProjectArg>),
    /// Schedules of a project: templates run by cron
    #[command(subcommand, alias = "schedule")]
    Schedules(KindCmd<ScheduleFields, ProjectArg>),
    /// Views of a project: tabs grouping templates
    #[command(subcommand, alias = "view")]
    Views(KindCmd<ViewFields, ProjectArg>),
    /// Integrations of a project: webhooks that run a template
    #[command(subcommand, alias = "integration")]
    Integrations(KindCmd<IntegrationFields, ProjectArg>),
    /// Tasks of a project: list, show, output, stop
    #[command(subcommand, alias = "task")]
    Tasks(TasksCmd),
    /// Run a template, and optionally wait for its task or follow its output
    Run(RunArgs),
    /// Serve Semaphore to AI assistants over the Model Context Protocol (stdio, or HTTP
    /// with --listen); read-only unless --allow-write
    Mcp(McpArgs),
    /// Print a shell completion script (e.g. `semaphore completions bash > ~/.local/share/bash-completion/completions/semaphore`)
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
}
