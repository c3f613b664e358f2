//! Shared by the integration tests: the recorded answers of a real server and their checks.

pub mod real_server;
