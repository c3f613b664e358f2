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
    ]
    .into_iter()
    .flatten()
}
