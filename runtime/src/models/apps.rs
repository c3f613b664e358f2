//! Apps: the programs templates run (Ansible, Terraform, Bash, ...), as the server is
//! configured with them.

use serde::{Deserialize, Serialize};

use super::nullable;
use crate::TemplateApp;

/// An app (`apps_get`, `apps_app_id_get`).
///
/// The server knows `ansible`, `terraform`, `tofu`, `bash`, `powershell` and `python` (with
/// their default priorities) and any app an administrator added with `apps_app_id_put`.
/// The fields it has no value for come empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct App {
    /// The app's id, e.g. `ansible` (in `apps_get` only: `apps_app_id_get` leaves it out, the
    /// id being in the path).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<TemplateApp>,
    /// Whether templates may use it.
    pub active: bool,
    /// Its place in lists: higher first (`ansible` 1000 ... `python` 500 by default).
    pub priority: i64,
    /// The name shown.
    pub title: String,
    /// The icon shown (a Material Design icon name).
    pub icon: String,
    /// The colour shown.
    pub color: String,
    /// The colour shown in the dark theme.
    pub dark_color: String,
    /// The program's path (`""`: the default for the app).
    pub path: String,
    /// Arguments the program is always given (`null` on the wire when none).
    #[serde(deserialize_with = "nullable::or_default")]
    pub args: Vec<String>,
    /// Fields this model does not name (a newer server's), kept as sent: encoding the model
    /// gives them back, and an update built from it sends them back.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of `apps_app_id_put`: every field of the app.
///
/// The server stores each field as an option (`apps.<id>.<field>`). An empty string or an
/// empty list removes the stored option, but the running server keeps the value it had
/// until it restarts: to change a field, send the new value. Build it from the app read
/// (`AppRequest::from(&app)`) so that the other fields are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppRequest {
    /// Whether templates may use it.
    #[serde(default)]
    pub active: bool,
    /// Its place in lists: higher first.
    #[serde(default)]
    pub priority: i64,
    /// The name shown.
    pub title: String,
    /// The icon shown.
    #[serde(default)]
    pub icon: String,
    /// The colour shown.
    #[serde(default)]
    pub color: String,
    /// The colour shown in the dark theme.
    #[serde(default)]
    pub dark_color: String,
    /// The program's path.
    pub path: String,
    /// Arguments the program is always given.
    #[serde(default)]
    pub args: Vec<String>,
    /// Fields this model does not name, sent as they are: those of the object an update was
    /// built from (a newer server's), or any a caller sets.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl AppRequest {
    /// An app shown as `title` that runs the program at `path`, active, with no icon,
    /// colours or arguments.
    pub fn new(title: impl Into<String>, path: impl Into<String>) -> Self {
        AppRequest {
            active: true,
            priority: 0,
            title: title.into(),
            icon: String::new(),
            color: String::new(),
            dark_color: String::new(),
            path: path.into(),
            args: Vec::new(),
            extra: crate::Extra::default(),
        }
    }
}

impl From<&App> for AppRequest {
    /// An update of `app` that changes nothing.
    fn from(app: &App) -> Self {
        AppRequest {
            active: app.active,
            priority: app.priority,
            title: app.title.clone(),
            icon: app.icon.clone(),
            color: app.color.clone(),
            dark_color: app.dark_color.clone(),
            path: app.path.clone(),
            args: app.args.clone(),
            extra: app.extra.clone(),
        }
    }
}

/// The body of `apps_app_id_active_post` and `runners_runner_id_active_post`: turns an app or
/// a runner on or off.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Activation {
    /// Whether it is active.
    pub active: bool,
}

impl From<bool> for Activation {
    fn from(active: bool) -> Self {
        Activation { active }
    }
}
