//! The JSON models of the Semaphore API.
//!
//! Every model decodes leniently: missing fields take their defaults and unknown fields are
//! ignored, so the spec's minimal answers, the real server's richer ones and newer servers'
//! extra fields all decode.
//!
//! Request bodies (the `*Request` models) are the exception: they cannot be built or read
//! incomplete. The fields the server requires are the arguments of their constructor
//! ([`TaskRequest::new`], [`TemplateRequest::ansible`], [`AccessKeyRequest::ssh`], ...), and
//! reading one from JSON fails when such a field is missing. The other fields are public and
//! set by name; when left alone they hold what the server assumes when they are absent. An
//! update that changes one field starts from the object read, `XRequest::from(&x)`, which
//! changes nothing. The ids that the server reads from both the path and the body are
//! not fields: the client writes them from the path arguments.
//!
//! ```
//! use semaphore_api::{TaskRequest, TemplateId};
//!
//! let mut run = TaskRequest::new(TemplateId(4));
//! run.limit = Some("web1".into());
//! run.dry_run = true;
//! ```
//!
//! A request without its template does not compile:
//!
//! ```compile_fail
//! let run = semaphore_api::TaskRequest { dry_run: true, ..Default::default() };
//! ```

mod apps;
mod auth;
pub use apps::*;
pub use auth::*;
mod backup;
mod environments;
mod events;
mod extra;
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
mod template_kinds;
mod templates;
mod users;
mod views;
pub use backup::*;
pub use environments::*;
pub use events::*;
pub use extra::Extra;
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
pub use template_kinds::*;
pub use templates::*;
pub use users::*;
pub use views::*;
