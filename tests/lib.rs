//! Shared by the integration tests: the recorded answers of a real server and their checks,
//! and the table of the routes it serves.

pub mod real_server;
pub mod server_routes;
