//! `semaphore`: a command-line client for Semaphore UI, built only on `semaphore-api`'s
//! public API.

mod args;
mod bodies;
mod commands;
mod config;
mod context;
mod error;
mod output;
mod resolve;
mod secrets;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, ColorWhen};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.global.color {
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
        ColorWhen::Auto => {}
    }
    let verbose = cli.global.verbose;
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            error::CliError::failed(format!("cannot start: {e}")).report(verbose);
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::dispatch(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            e.report(verbose);
            e.exit_code()
        }
    }
}
