//! The Semaphore endpoints, declared with [`semaphore_api`](macro@crate::semaphore_api) exactly as a
//! user declares their own, one trait per API group. [`Client`](crate::Client) implements them
//! all.

mod authentication;
pub use authentication::AuthenticationApi;
mod default;
mod integration;
mod project;
mod projects;
mod schedule;
mod user;
pub use default::DefaultApi;
pub use integration::IntegrationApi;
pub use project::ProjectApi;
pub use projects::ProjectsApi;
pub use schedule::ScheduleApi;
pub use user::UserApi;
