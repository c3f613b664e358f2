//! The kinds of resource, one per file: what each creates and updates, and the checks only it
//! has. `cycle.rs` runs them through the cycle they share; `table.rs` orders them.

mod environments;
mod integrations;
mod inventories;
mod keys;
mod matchers;
mod projects;
mod repositories;
mod schedules;
mod templates;
mod users;
mod values;
mod views;

pub use environments::Environments;
pub use integrations::Integrations;
pub use inventories::Inventories;
pub use keys::Keys;
pub use matchers::Matchers;
pub use projects::Projects;
pub use repositories::Repositories;
pub use schedules::Schedules;
pub use templates::Templates;
pub use users::Users;
pub use values::Values;
pub use views::Views;
