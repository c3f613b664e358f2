//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::error::EXIT_CODES;

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

#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// The server: its API URL, or the server's URL (`/api` is added) [env: SEMAPHORE_URL]
    #[arg(long, global = true, value_name = "URL")]
    pub url: Option<String>,

    /// The config file [env: SEMAPHORE_CONFIG] [default: $XDG_CONFIG_HOME/semaphore/config.toml]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Print JSON, for scripts
    #[arg(long, global = true)]
    pub json: bool,

    /// When to colour the output
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: ColorWhen,

    /// Seconds to wait for each answer of the server
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,

    /// Show the causes of an error
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set
    Auto,
    Always,
    Never,
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
    #[command(subcommand)]
    Projects(ProjectsCmd),
    /// Templates of a project: what a task runs
    #[command(subcommand, alias = "template")]
    Templates(ResourceCmd<TemplateFields>),
    /// Inventories of a project: the hosts a task runs against
    #[command(subcommand, alias = "inventory")]
    Inventories(ResourceCmd<InventoryFields>),
    /// Repositories of a project: where playbooks come from
    #[command(subcommand, aliases = ["repos", "repository"])]
    Repositories(ResourceCmd<RepositoryFields>),
    /// Environments of a project: variables of a task
    #[command(subcommand, aliases = ["envs", "environment"])]
    Environments(ResourceCmd<EnvironmentFields>),
    /// Access keys of a project: credentials tasks use (secrets are never shown)
    #[command(subcommand, alias = "key")]
    Keys(ResourceCmd<KeyFields>),
    /// Schedules of a project: templates run by cron
    #[command(subcommand, alias = "schedule")]
    Schedules(ResourceCmd<ScheduleFields>),
    /// Views of a project: tabs grouping templates
    #[command(subcommand, alias = "view")]
    Views(ResourceCmd<ViewFields>),
    /// Integrations of a project: webhooks that run a template
    #[command(subcommand, alias = "integration")]
    Integrations(ResourceCmd<IntegrationFields>),
    /// Tasks of a project: list, show, output, stop
    #[command(subcommand, alias = "task")]
    Tasks(TasksCmd),
    /// Run a template, and optionally wait for its task or follow its output
    Run(RunArgs),
    /// Print a shell completion script (e.g. `semaphore completions bash > ~/.local/share/bash-completion/completions/semaphore`)
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The user (username or email) [env: SEMAPHORE_USER; asked on a terminal]
    #[arg(long, short, value_name = "NAME")]
    pub user: Option<String>,

    /// Read the password from stdin (else $SEMAPHORE_PASSWORD, else asked on a terminal)
    #[arg(long, conflicts_with = "with_token")]
    pub password_stdin: bool,

    /// Read an existing API token from stdin instead of logging in with a password
    #[arg(long, conflicts_with = "user")]
    pub with_token: bool,
}

/// The project a command works in, by id or name.
#[derive(Debug, Args, Clone)]
pub struct ProjectArg {
    /// The project, by id or name [env: SEMAPHORE_PROJECT; or `project` in the config file]
    #[arg(long, short, value_name = "PROJECT")]
    pub project: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ProjectsCmd {
    /// List the projects you can see
    #[command(alias = "ls")]
    List,
    /// Show a project, by id or name
    Show {
        /// The project (id or name)
        project: String,
    },
    /// Create a project, from flags or a JSON file
    Create {
        #[command(flatten)]
        fields: ProjectFields,
        #[command(flatten)]
        file: FromFile,
    },
    /// Change a project: the flags given, or the fields of a JSON file
    Update {
        /// The project (id or name)
        project: String,
        #[command(flatten)]
        fields: ProjectFields,
        #[command(flatten)]
        file: FromFile,
    },
    /// Delete a project and everything in it
    #[command(alias = "rm")]
    Delete {
        /// The project (id or name)
        project: String,
        #[command(flatten)]
        yes: Yes,
    },
}

/// The commands every kind of project object has.
#[derive(Debug, Subcommand)]
pub enum ResourceCmd<F: Args> {
    /// List them
    #[command(alias = "ls")]
    List {
        #[command(flatten)]
        project: ProjectArg,
    },
    /// Show one, by id or name
    Show {
        /// Its id or name
        item: String,
        #[command(flatten)]
        project: ProjectArg,
    },
    /// Create one, from flags or a JSON file (flags win over the file)
    Create {
        #[command(flatten)]
        project: ProjectArg,
        #[command(flatten)]
        fields: F,
        #[command(flatten)]
        file: FromFile,
    },
    /// Change one: the flags given, or the fields of a JSON file; the rest stays
    Update {
        /// Its id or name
        item: String,
        #[command(flatten)]
        project: ProjectArg,
        #[command(flatten)]
        fields: F,
        #[command(flatten)]
        file: FromFile,
    },
    /// Delete one
    #[command(alias = "rm")]
    Delete {
        /// Its id or name
        item: String,
        #[command(flatten)]
        project: ProjectArg,
        #[command(flatten)]
        yes: Yes,
    },
}

#[derive(Debug, Args)]
pub struct FromFile {
    /// A JSON object with the fields to set, as the API names them (`-` for stdin)
    #[arg(long = "from-file", short = 'f', value_name = "FILE")]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct Yes {
    /// Do not ask for confirmation (needed when stdin is not a terminal)
    #[arg(long, short)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct ProjectFields {
    /// The name
    #[arg(long)]
    pub name: Option<String>,
    /// Whether task alerts are sent
    #[arg(long, value_name = "BOOL")]
    pub alert: Option<bool>,
    /// The chat that receives alerts
    #[arg(long, value_name = "CHAT")]
    pub alert_chat: Option<String>,
    /// How many tasks may run at once (0: no limit)
    #[arg(long, value_name = "N")]
    pub max_parallel_tasks: Option<i64>,
}

#[derive(Debug, Args)]
pub struct TemplateFields {
    /// The name
    #[arg(long)]
    pub name: Option<String>,
    /// The playbook's path in the repository
    #[arg(long)]
    pub playbook: Option<String>,
    /// The program it runs: ansible, terraform, tofu, bash, powershell, python...
    #[arg(long)]
    pub app: Option<String>,
    /// The inventory, by id or name
    #[arg(long, value_name = "ID|NAME")]
    pub inventory: Option<String>,
    /// The repository, by id or name
    #[arg(long, value_name = "ID|NAME")]
    pub repository: Option<String>,
    /// The environment, by id or name
    #[arg(long, value_name = "ID|NAME")]
    pub environment: Option<String>,
    /// The view, by id or title
    #[arg(long, value_name = "ID|TITLE")]
    pub view: Option<String>,
    /// A description
    #[arg(long)]
    pub description: Option<String>,
    /// Extra command-line arguments, a JSON array (e.g. '["--forks", "5"]')
    #[arg(long, value_name = "JSON")]
    pub arguments: Option<String>,
    /// Whether a task may override the arguments (needed by `run --tags` and the like)
    #[arg(long, value_name = "BOOL")]
    pub allow_override_args: Option<bool>,
    /// Whether a task may override the limit (servers newer than v2.10.32 apply `run --limit`
    /// only then)
    #[arg(long, value_name = "BOOL")]
    pub allow_override_limit: Option<bool>,
    /// Whether a task may override the inventory (newer servers)
    #[arg(long, value_name = "BOOL")]
    pub allow_override_inventory: Option<bool>,
    /// Whether a task may run in debug mode (newer servers apply `run --debug-level 4` only
    /// then)
    #[arg(long, value_name = "BOOL")]
    pub allow_debug: Option<bool>,
    /// A branch overriding the repository's
    #[arg(long, value_name = "BRANCH")]
    pub git_branch: Option<String>,
}

#[derive(Debug, Args)]
pub struct InventoryFields {
    /// The name
    #[arg(long)]
    pub name: Option<String>,
    /// static, static-yaml, file or terraform-workspace
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// The hosts (static), the file's path (file) or the workspace's name
    #[arg(long, value_name = "TEXT", conflicts_with = "inventory_file")]
    pub inventory: Option<String>,
    /// Read the hosts from this file
    #[arg(long, value_name = "FILE")]
    pub inventory_file: Option<PathBuf>,
    /// The key used to log in to the hosts, by id or name
    #[arg(long, value_name = "ID|NAME")]
    pub ssh_key: Option<String>,
    /// The key used for `become`, by id or name
    #[arg(long, value_name = "ID|NAME")]
    pub become_key: Option<String>,
    /// The repository a `file` inventory is read from, by id or name
    #[arg(long, value_name = "ID|NAME")]
    pub repository: Option<String>,
}

#[derive(Debug, Args)]
pub struct RepositoryFields {
    /// The name
    #[arg(long)]
    pub name: Option<String>,
    /// Where to clone from: a URL, git@host:path, or a local path
    #[arg(long, value_name = "URL")]
    pub git_url: Option<String>,
    /// The branch to check out
    #[arg(long, value_name = "BRANCH")]
    pub branch: Option<String>,
    /// The key used to clone, by id or name
    #[arg(long, value_name = "ID|NAME")]
    pub key: Option<String>,
}

#[derive(Debug, Args)]
pub struct EnvironmentFields {
    /// The name
    #[arg(long)]
    pub name: Option<String>,
    /// Extra variables, a JSON object
    #[arg(long, value_name = "JSON")]
    pub extra_vars: Option<String>,
    /// Environment variables, a JSON object
    #[arg(long, value_name = "JSON")]
    pub env_vars: Option<String>,
}

#[derive(Debug, Args)]
pub struct KeyFields {
    /// The name
    #[arg(long)]
    pub name: Option<String>,
    /// none, ssh, login_password or string
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// The login of an ssh or login_password key
    #[arg(long)]
    pub login: Option<String>,
    /// Read the secret from stdin: the password, the passphrase of an ssh key, or the string
    #[arg(long)]
    pub secret_stdin: bool,
    /// The private key of an ssh key, from this file
    #[arg(long, value_name = "FILE")]
    pub private_key_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ScheduleFields {
    /// The name
    #[arg(long)]
    pub name: Option<String>,
    /// The template it runs (id or name)
    #[arg(long, value_name = "TEMPLATE")]
    pub template: Option<String>,
    /// When it runs: five cron fields, or @daily, @every 1h...
    #[arg(long, value_name = "CRON")]
    pub cron: Option<String>,
    /// Whether it runs
    #[arg(long, value_name = "BOOL")]
    pub active: Option<bool>,
}

#[derive(Debug, Args)]
pub struct ViewFields {
    /// The tab's title
    #[arg(long)]
    pub title: Option<String>,
    /// The tab's position
    #[arg(long, value_name = "N")]
    pub position: Option<i64>,
}

#[derive(Debug, Args)]
pub struct IntegrationFields {
    /// The name
    #[arg(long)]
    pub name: Option<String>,
    /// The template it runs (id or name)
    #[arg(long, value_name = "TEMPLATE")]
    pub template: Option<String>,
    /// How callers authenticate: none, github, token or hmac
    #[arg(long, value_name = "METHOD")]
    pub auth_method: Option<String>,
    /// The header holding the token or signature
    #[arg(long, value_name = "HEADER")]
    pub auth_header: Option<String>,
    /// The id of the key holding the token or HMAC secret
    #[arg(long, value_name = "ID")]
    pub auth_secret: Option<i64>,
    /// Whether the project-wide alias reaches it
    #[arg(long, value_name = "BOOL")]
    pub searchable: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum TasksCmd {
    /// List the project's tasks, newest first
    #[command(alias = "ls")]
    List {
        #[command(flatten)]
        project: ProjectArg,
        /// Only the tasks of this template (id or name)
        #[arg(long, short, value_name = "TEMPLATE")]
        template: Option<String>,
        /// At most this many
        #[arg(long, short = 'n', value_name = "N")]
        limit: Option<usize>,
    },
    /// Show a task
    Show {
        /// The task's id
        task: i64,
        #[command(flatten)]
        project: ProjectArg,
    },
    /// Print a task's output with the time of each line (its colours only on a terminal)
    Output {
        /// The task's id
        task: i64,
        #[command(flatten)]
        project: ProjectArg,
        /// Keep printing new lines until the task ends
        #[arg(long, short = 'F')]
        follow: bool,
    },
    /// Print a task's output as the program wrote it: no times, its colour codes kept
    RawOutput {
        /// The task's id
        task: i64,
        #[command(flatten)]
        project: ProjectArg,
    },
    /// Stop a queued or running task
    Stop {
        /// The task's id
        task: i64,
        #[command(flatten)]
        project: ProjectArg,
        /// Mark it stopped at once, without waiting for its process to end
        #[arg(long)]
        force: bool,
    },
    /// Confirm a task that waits for confirmation
    Confirm {
        /// The task's id
        task: i64,
        #[command(flatten)]
        project: ProjectArg,
    },
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The template (id or name)
    pub template: String,
    #[command(flatten)]
    pub project: ProjectArg,
    /// Ansible's --limit: the hosts to run on
    #[arg(long, value_name = "HOSTS")]
    pub limit: Option<String>,
    /// Ansible's --tags (the template must allow overriding arguments)
    #[arg(long, value_name = "TAGS")]
    pub tags: Option<String>,
    /// Ansible's --skip-tags (the template must allow overriding arguments)
    #[arg(long, value_name = "TAGS")]
    pub skip_tags: Option<String>,
    /// A playbook instead of the template's
    #[arg(long, value_name = "PATH")]
    pub playbook: Option<String>,
    /// Extra variables, a JSON object, over the environment's
    #[arg(long, short, value_name = "JSON")]
    pub environment: Option<String>,
    /// Ansible's verbosity: 1 to 4 (-v to -vvvv); 4 is the task's debug mode
    #[arg(long, value_name = "LEVEL", value_parser = clap::value_parser!(u8).range(1..=4))]
    pub debug_level: Option<u8>,
    /// Ansible's --check: show what would change, change nothing
    #[arg(long)]
    pub check: bool,
    /// Ansible's --diff: show the changes
    #[arg(long)]
    pub diff: bool,
    /// A branch instead of the template's
    #[arg(long, value_name = "BRANCH")]
    pub branch: Option<String>,
    /// A message kept with the task
    #[arg(long, short, value_name = "TEXT")]
    pub message: Option<String>,
    /// Wait for the task to end; the exit code tells how it ended
    #[arg(long, short)]
    pub wait: bool,
    /// Print the task's output as it comes, then exit as --wait does
    #[arg(long, short = 'F')]
    pub follow: bool,
    /// With --wait or --follow: give up after this many seconds (exit code 5)
    #[arg(long, value_name = "SECONDS")]
    pub wait_timeout: Option<u64>,
}
