//! Remote runners.

use serde::{Deserialize, Serialize};

use crate::Secret;

/// A registered runner (the spec defines it; its endpoints are not in the spec).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Runner {
    /// The runner's token; never shown by `Debug`.
    pub token: Secret,
}
