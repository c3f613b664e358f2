//! The Semaphore endpoints, declared with [`semaphore_api`](macro@crate::semaphore_api) exactly as a
//! user declares their own, one trait per API group. [`Client`](crate::Client) implements them
//! all.

mod apps;
mod authentication;
pub use apps::AppsApi;
pub use authentication::AuthenticationApi;
mod default;
mod integration;
mod options;
mod project;
mod projects;
mod runner_internal;
mod runners;
mod schedule;
mod tasks;
mod user;
mod webhook;
pub use default::DefaultApi;
pub use integration::IntegrationApi;
pub use options::OptionsApi;
pub use project::ProjectApi;
pub use projects::ProjectsApi;
pub use runner_internal::RunnerInternalApi;
pub use runners::RunnersApi;
pub use schedule::ScheduleApi;
pub use tasks::TasksApi;
pub use user::UserApi;
pub use webhook::WebhookApi;
