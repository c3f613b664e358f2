//! The Semaphore endpoints, declared with [`semaphore_api`](macro@crate::semaphore_api) exactly as a
//! user declares their own, one trait per API group. [`Client`](crate::Client) implements them
//! all.

mod authentication;
pub use authentication::AuthenticationApi;
