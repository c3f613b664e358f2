//! What the server says about itself.

use serde::{Deserialize, Serialize};

use crate::ServerVersion;

/// The answer of `info_get`.
///
/// The spec describes `{version, updateBody, update}`; the real server sends these fields
/// instead (it never sends `updateBody` or `update`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InfoType {
    /// The server's version, e.g. `v2.10.32-31-d4a27137-2024-10-25`.
    pub version: String,
    /// What `ansible --version` printed on the server (`""` without Ansible).
    pub ansible: String,
    /// The server's public URL, as configured (`""` when not).
    pub web_host: String,
    /// Whether tasks run on remote runners.
    pub use_remote_runner: bool,
}

impl InfoType {
    /// [`version`](Self::version), read.
    pub fn server_version(&self) -> ServerVersion {
        ServerVersion::parse(&self.version)
    }
}
