//! [`CliError`]: what failed, what to do, and the exit code that tells a script which.

use std::fmt;
use std::process::ExitCode;

/// What kind of failure an error is; each kind has its own exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The server refused, the object does not exist, the task failed: 1.
    Failed,
    /// Bad arguments or input (clap's own usage errors are 2 too): 2.
    Usage,
    /// No server or token configured, or the token refused: 3.
    Auth,
    /// The server could not be reached: 4.
    Connection,
    /// A wait's deadline passed, or the server did not answer in time: 5.
    Timeout,
}

impl Kind {
    pub fn code(self) -> u8 {
        match self {
            Kind::Failed => 1,
            Kind::Usage => 2,
            Kind::Auth => 3,
            Kind::Connection => 4,
            Kind::Timeout => 5,
        }
    }
}

/// The text of `--help`'s exit-code section.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  failure: the server refused, no such object, the task failed or was stopped
  2  usage: bad arguments or input
  3  configuration or authentication: no server or token, or the token was refused
  4  connection: the server could not be reached
  5  timeout: --wait-timeout passed, or the server did not answer in time";

/// An error as the user sees it: one line saying what failed, a hint saying what to do, and
/// the causes (shown with `-v`). None of them holds a secret.
#[derive(Debug)]
pub struct CliError {
    pub kind: Kind,
    pub message: String,
    pub hint: Option<String>,
    pub causes: Vec<String>,
}

pub type Result<T, E = CliError> = std::result::Result<T, E>;

impl CliError {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        CliError {
            kind,
            message: message.into(),
            hint: None,
            causes: Vec::new(),
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        CliError::new(Kind::Usage, message)
    }

    pub fn failed(message: impl Into<String>) -> Self {
        CliError::new(Kind::Failed, message)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// A failed call to the server, as `what` (e.g. "could not list the templates"): the
    /// library's description without the operation's name, a hint by kind, and the full
    /// description and its source chain as causes.
    pub fn api(what: impl fmt::Display, error: &semaphore_api::Error) -> Self {
        let full = error.to_string();
        // Every call error's Display starts with the operation ("GET /path (name): "); the
        // person wants the reason, the operation goes to the causes.
        let reason = error
            .call()
            .and_then(|call| full.strip_prefix(&format!("{call}: ")).map(str::to_owned))
            .unwrap_or_else(|| full.clone());
        let (kind, hint) = if error.is_connect() {
            (
                Kind::Connection,
                Some("check the URL (--url, SEMAPHORE_URL) and that the server is running"),
            )
        } else if error.is_timeout() {
            (
                Kind::Timeout,
                Some("the server is slow or stuck; try again or raise --timeout"),
            )
        } else if matches!(error.kind(), semaphore_api::ErrorKind::Transport { .. }) {
            (
                Kind::Connection,
                Some("the connection to the server failed; try again"),
            )
        } else if error.is_unauthorized() {
            (
                Kind::Auth,
                Some(
                    "the token was refused: log in again with `semaphore login`, or set SEMAPHORE_TOKEN",
                ),
            )
        } else if error.is_forbidden() {
            (Kind::Failed, Some("your user is not allowed to do this"))
        } else if matches!(
            error.kind(),
            semaphore_api::ErrorKind::Decode { .. }
                | semaphore_api::ErrorKind::InvalidResponse { .. }
        ) {
            (
                Kind::Failed,
                Some(
                    "the answer is not what a Semaphore server sends: is the URL its API (…/api)?",
                ),
            )
        } else if matches!(error.kind(), semaphore_api::ErrorKind::Config { .. }) {
            (Kind::Usage, None)
        } else {
            (Kind::Failed, None)
        };
        let mut e = CliError::new(kind, format!("{what}: {reason}"));
        e.hint = hint.map(str::to_owned);
        e.causes.push(full);
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            e.causes.push(cause.to_string());
            source = cause.source();
        }
        e
    }

    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.kind.code())
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Attaches "what was being done" to a library error.
pub trait Context<T> {
    fn context(self, what: impl fmt::Display) -> Result<T>;
}

impl<T> Context<T> for std::result::Result<T, semaphore_api::Error> {
    fn context(self, what: impl fmt::Display) -> Result<T> {
        self.map_err(|e| CliError::api(what, &e))
    }
}

/// serde_json's message with the string values it quotes masked: a JSON file given to
/// `create` may hold a password in the wrong place, and its value must not be printed.
pub fn json_message(error: &serde_json::Error) -> String {
    mask_quoted(&error.to_string())
}

fn mask_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_quote = false;
    for c in text.chars() {
        if c == '"' {
            if in_quote {
                out.push_str("*\"");
            } else {
                out.push('"');
            }
            in_quote = !in_quote;
        } else if !in_quote {
            out.push(c);
        }
    }
    if in_quote {
        out.push('*');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_are_masked() {
        assert_eq!(
            mask_quoted(r#"invalid type: string "hunter2", expected i64"#),
            r#"invalid type: string "*", expected i64"#
        );
        assert_eq!(mask_quoted("missing field `name`"), "missing field `name`");
        assert_eq!(mask_quoted(r#"cut "hunt"#), r#"cut "*"#);
    }
}
