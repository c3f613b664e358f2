//! One module per command group; [`dispatch`] sends each command to its own.

mod auth;
mod projects;
pub mod resource;
mod run;
mod server;
mod tasks;

use clap::CommandFactory;

use crate::args::{Cli, Command};
use crate::context::Ctx;
use crate::error::Result;
use resource::{
    Environments, Integrations, Inventories, Keys, Repositories, Schedules, Templates, Views,
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
        Command::Projects(command) => projects::run(&ctx, command).await,
        Command::Templates(command) => resource::run::<Templates>(&ctx, command).await,
        Command::Inventories(command) => resource::run::<Inventories>(&ctx, command).await,
        Command::Repositories(command) => resource::run::<Repositories>(&ctx, command).await,
        Command::Environments(command) => resource::run::<Environments>(&ctx, command).await,
        Command::Keys(command) => resource::run::<Keys>(&ctx, command).await,
        Command::Schedules(command) => resource::run::<Schedules>(&ctx, command).await,
        Command::Views(command) => resource::run::<Views>(&ctx, command).await,
        Command::Integrations(command) => resource::run::<Integrations>(&ctx, command).await,
        Command::Tasks(command) => tasks::run(&ctx, command).await,
        Command::Run(args) => run::run(&ctx, args).await,
        Command::Completions { .. } => Ok(()),
    }
}
