//! `semaphore`: a command-line client for Semaphore UI, built only on `semaphore-api`'s
//! public API.

mod cli;
mod commands;
mod config;
mod context;
mod error;
mod flags;
mod input;
mod json_args;
mod kinds;
mod mcp;
mod output;
mod resolve;
mod secrets;
mod task_options;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::flags::ColorWhen;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_or_help(e),
    };
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
            output::report(
                &error::CliError::failed(format!("cannot start: {e}")),
                verbose,
            );
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::dispatch(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::report(&e, verbose);
            e.exit_code()
        }
    }
}

/// What clap has to say instead of a command: help and the version on stdout, written as every
/// output is (a full disk an error, a closed pipe quiet), a usage error on stderr.
fn usage_or_help(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let text = e.render().ansi().to_string();
            match output::line(text.trim_end()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    output::report(&e, false);
                    e.exit_code()
                }
            }
        }
        _ => {
            let _ = e.print();
            ExitCode::from(2)
        }
    }
}
