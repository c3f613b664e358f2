//! Server options: the settings an administrator stores in the database.

use serde::{Deserialize, Serialize};

/// One option (`options_post`'s body and answer). `options_get` answers them all as a map
/// from key to value.
///
/// The server reads its options into its configuration only when it starts (so `apps.*`
/// and other configuration keys set here take effect then, except those that
/// `apps_app_id_put` sets, which it applies at once). Keys are dot-separated paths such as
/// `apps.bash.active`; the server does not check them. Options cannot be deleted through
/// the API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServerOption {
    /// The option's key, e.g. `apps.bash.active`.
    pub key: String,
    /// Its value, always a string (`"true"`, `"700"`, a JSON list as text).
    pub value: String,
}

impl ServerOption {
    /// An option with this key and value.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        ServerOption {
            key: key.into(),
            value: value.into(),
        }
    }
}
