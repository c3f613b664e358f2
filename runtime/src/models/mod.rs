//! The JSON models of the Semaphore API.
//!
//! Every model decodes leniently: missing fields take their defaults and unknown fields are
//! ignored, so the spec's minimal answers, the real server's richer ones and newer servers'
//! extra fields all decode.

mod apps;
mod auth;
pub use apps::*;
pub use auth::*;
mod backup;
mod environments;
mod events;
mod global_tasks;
mod ids;
mod info;
mod integrations;
mod inventory;
mod keys;
mod nullable;
mod options;
mod projects;
mod refs;
mod repositories;
mod runners;
mod schedules;
mod sorting;
mod string_enum;
mod tasks;
mod templates;
mod users;
mod views;
pub use backup::*;
pub use environments::*;
pub use events::*;
pub use global_tasks::*;
pub use ids::*;
pub use info::*;
pub use integrations::*;
pub use inventory::*;
pub use keys::*;
pub use options::*;
pub use projects::*;
pub use refs::*;
pub use repositories::*;
pub use runners::*;
pub use schedules::*;
pub use sorting::*;
pub use tasks::*;
pub use templates::*;
pub use users::*;
pub use views::*;
