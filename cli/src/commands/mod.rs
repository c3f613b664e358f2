//! The commands that are not a kind's list, show, create, update or delete (those are in
//! `kinds/`), one file per group; [`dispatch`] sends every command to its own.

pub mod auth;
pub mod run;
mod server;
mod task_output;
pub mod tasks;

use clap::CommandFactory;

use crate::cli::{Cli, Command};
use crate::context::Ctx;
use crate::error::Result;
use crate::kinds::{
    self, Environments, Integrations, Inventories, Keys, Projects, Repositories, Schedules,
    Templates, Views,
};

pub async fn dispatch(cli: Cli) -> Result<()> {
    if let Command::Completions { shell } = cli.command {
        // Needs no configuration.
        let mut command = Cli::command();
        // Into a buffer first: clap_complete panics when it cannot write (a closed pipe).
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut command, "semaphore", &mut script);
        return crate::output::raw(&script);
    }
    let mut ctx = Ctx::new(&cli.global)?;
    match cli.command {
        Command::Login(args) => auth::login(&mut ctx, args).await,
        Command::Logout => auth::logout(&mut ctx).await,
        Command::Whoami => auth::whoami(&ctx).await,
        Command::Ping => server::ping(&ctx).await,
        Command::Info => server::info(&ctx).await,
        Command::Projects(command) => kinds::handle::<Projects>(&ctx, command).await,
        Command::Templates(command) => kinds::handle::<Templates>(&ctx, command).await,
        Command::Inventories(command) => kinds::handle::<Inventories>(&ctx, command).await,
        Command::Repositories(command) => kinds::handle::<Repositories>(&ctx, command).await,
        Command::Environments(command) => kinds::handle::<Environments>(&ctx, command).await,
        Command::Keys(command) => kinds::handle::<Keys>(&ctx, command).await,
        Command::Schedules(command) => kinds::handle::<Schedules>(&ctx, command).await,
        Command::Views(command) => kinds::handle::<Views>(&ctx, command).await,
        Command::Integrations(command) => kinds::handle::<Integrations>(&ctx, command).await,
        Command::Tasks(command) => tasks::handle(&ctx, command).await,
        Command::Run(args) => run::start(&ctx, args).await,
        Command::Mcp(args) => crate::mcp::serve(&ctx, args).await,
        Command::Completions { .. } => Ok(()),
    }
}
