//! The Semaphore endpoints, declared with [`semaphore_api`](macro@crate::semaphore_api) exactly as a
//! user declares their own, one trait per API group. [`Client`] implements them
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

use crate::Client;
use crate::describe::Endpoint;

/// Every endpoint declared in this crate, trait by trait: what [`Client`] can call.
///
/// ```
/// let deletes = semaphore_api::apis::endpoints()
///     .filter(|e| e.method == semaphore_api::describe::Method::Delete)
///     .count();
/// assert!(deletes > 10);
/// ```
pub fn endpoints() -> impl Iterator<Item = &'static Endpoint> {
    [
        <Client as AuthenticationApi>::ENDPOINTS,
        <Client as DefaultApi>::ENDPOINTS,
        <Client as UserApi>::ENDPOINTS,
        <Client as ProjectsApi>::ENDPOINTS,
        <Client as ProjectApi>::ENDPOINTS,
        <Client as IntegrationApi>::ENDPOINTS,
        <Client as ScheduleApi>::ENDPOINTS,
        <Client as AppsApi>::ENDPOINTS,
        <Client as OptionsApi>::ENDPOINTS,
        <Client as RunnersApi>::ENDPOINTS,
        <Client as RunnerInternalApi>::ENDPOINTS,
        <Client as TasksApi>::ENDPOINTS,
        <Client as WebhookApi>::ENDPOINTS,
    ]
    .into_iter()
    .flatten()
}

impl crate::error::Call {
    /// The declared operation `name` of this crate.
    pub(crate) fn named(name: &'static str) -> Self {
        let endpoint = endpoints()
            .find(|e| e.name == name)
            .unwrap_or_else(|| unreachable!("{name} is declared"));
        Self::of(endpoint)
    }
}
