//! The `semaphore` binary, run as a user runs it, against the in-process stand-in server and
//! against a replay of the real server's recorded answers. One test binary: it links once.

mod harness;
mod replay;

mod auth;
mod conventions;
mod errors;
mod hardening;
mod mcp;
mod resources;
mod run;
mod tasks;
mod terminal;
