//! The integration tests, in one binary: it links once, and the tests share the two servers of
//! `semaphore_api::testkit` (the stand-in, `StandIn`, for behaviour; the scripted server,
//! `testkit::scripted`, for faults), httpmock's mock server for what each call sends and for
//! canned answers (`mock_server`), and the recordings of a real server (`real_server`). Two
//! tests have a binary of their own, for what is the process's: `env_proxy` sets its proxy
//! variables, `memory` counts its heap.
//!
//! `cargo test -p semaphore-api-tests --test it <module>::` runs one module.

mod conformance;
mod mock_server;
mod scripted;
mod support;

mod answer_kinds;
mod auth_flows;
mod auth_operations;
mod client;
mod custom_endpoints;
mod errors;
mod faults;
mod fixtures_decode;
mod hostile_input;
mod load;
mod mocking;
mod models_decode;
mod newer_fields;
mod newer_server;
mod path_params;
mod pipeline;
mod quickstart_flow;
mod real_server;
mod resources;
mod response_fuzz;
mod secrets;
mod served_routes;
mod server_routes;
mod socket_pace;
mod spec_coverage;
mod standin_flows;
mod task_faults;
mod tasks;
mod tasks_real;
mod tls;
mod transport;
mod wire;
