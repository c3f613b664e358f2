//! [`Call`]: which operation an error came from.

use std::fmt;

/// The operation an error came from: its verb and path template (no argument values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Call {
    /// The method name in its trait, e.g. `user_tokens_get`.
    pub name: &'static str,
    /// `"GET"`, `"POST"`, ...
    pub method: &'static str,
    /// The path template, e.g. `/user/tokens/{api_token_id}`.
    pub path: &'static str,
}

impl Call {
    pub(crate) fn of(endpoint: &crate::describe::Endpoint) -> Call {
        Call {
            name: endpoint.name,
            method: endpoint.method.as_str(),
            path: endpoint.path,
        }
    }
}

impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ({})", self.method, self.path, self.name)
    }
}
