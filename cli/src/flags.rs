//! The flags several commands share: the global options, the project, a JSON file, and the
//! confirmation of a delete.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

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

/// The project a command works in, by id or name.
#[derive(Debug, Args, Clone)]
pub struct ProjectArg {
    /// The project, by id or name [env: SEMAPHORE_PROJECT; or `project` in the config file]
    #[arg(long, short, value_name = "PROJECT")]
    pub project: Option<String>,
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
