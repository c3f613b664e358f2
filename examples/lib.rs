//! Runnable examples of semaphore-api, and the endpoints the `custom_endpoints` example
//! declares outside the runtime crate, as a user's own crate would (the tests use them too).

pub mod auth_flow;
pub mod my_projects;
pub mod setup;
