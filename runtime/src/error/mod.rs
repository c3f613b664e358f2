//! [`Error`]: everything a call can fail with.

use std::fmt;

use reqwest::StatusCode;

mod answers;
mod call;

pub use answers::{DecodeError, StatusError};
pub use call::Call;

/// `Result` with this crate's [`Error`]; declared methods return `Result<T>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How much of an error answer's body is kept in [`StatusError::body`].
pub const ERROR_BODY_LIMIT: usize = 8 * 1024;

/// Why a call failed: one pointer wide, so that a `Result` stays small; its
/// [`kind`](Error::kind) says what happened, with every detail.
///
/// ```
/// # async fn run(client: semaphore_api::Client) {
/// use semaphore_api::{AuthenticationApi, ErrorKind};
///
/// match client.user_tokens_get().await {
///     Ok(tokens) => println!("{} tokens", tokens.len()),
///     Err(e) if e.is_unauthorized() => println!("log in first"),
///     Err(e) => match e.kind() {
///         ErrorKind::Timeout { .. } => println!("the server is slow"),
///         _ => println!("failed: {e}"),
///     },
/// }
/// # }
/// ```
pub struct Error(Box<ErrorKind>);

/// What went wrong, in full: [`Error::kind`].
///
/// Every variant names the operation (its verb and path template, never the argument values,
/// which may hold tokens), and none shows a credential. A server's answer never causes a panic:
/// whatever comes back ends up here or in `Ok`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The server answered with a status this operation does not accept.
    #[error("{0}")]
    Status(StatusError),

    /// No complete answer within the client's timeout.
    #[error("{call}: no complete answer within the timeout")]
    Timeout {
        /// The operation.
        call: Call,
        /// The underlying error (its URL removed).
        #[source]
        source: reqwest::Error,
    },

    /// The request could not be sent or the answer not read: connection refused, closed or
    /// reset, a body cut short, a protocol error.
    ///
    /// `Display` says which of these in a few words; the causes (`Connection refused`, ...)
    /// are the error's [`source`](std::error::Error::source) chain, as `{:#}` in anyhow
    /// prints it, and all in one line in `detail`.
    #[error("{call}: {}", transport_summary(source))]
    Transport {
        /// The operation.
        call: Call,
        /// The error and its causes, in one line (what `Display` and the source chain say
        /// together).
        detail: String,
        /// The underlying error (its URL removed).
        #[source]
        source: reqwest::Error,
    },

    /// A successful answer whose body does not decode into the declared type.
    ///
    /// What serde_json found is the [`source`](std::error::Error::source), a [`DecodeError`].
    #[error("{call}: the {status} answer's body does not decode (body starts {snippet:?})")]
    Decode {
        /// The operation.
        call: Call,
        /// The answer's status.
        status: StatusCode,
        /// The start of the body, lossily decoded as UTF-8, showing its shape but no value
        /// that may be secret: JSON strings other than keys are `"*"`, long words `*`, the
        /// client's credentials `[REDACTED]`.
        snippet: String,
        /// What serde_json found, with the values it quotes masked the same way.
        #[source]
        source: DecodeError,
    },

    /// An answer that breaks HTTP or the operation's contract in a way no status explains:
    /// a redirect without a usable `Location`, a body over the client's size limit, an HTML
    /// page where the API answers JSON, text that is not UTF-8.
    #[error("{call}: invalid {status} answer: {reason}")]
    InvalidResponse {
        /// The operation.
        call: Call,
        /// The answer's status.
        status: StatusCode,
        /// What is wrong with it.
        reason: String,
    },

    /// An argument that cannot be sent as declared; nothing was sent.
    #[error("{call}: argument `{param}` cannot be sent: {reason}")]
    InvalidArgument {
        /// The operation.
        call: Call,
        /// The argument's name in the trait.
        param: &'static str,
        /// Why.
        reason: String,
    },

    /// A task had not reached a final status when the deadline given to
    /// [`TaskHandle::wait`](crate::tasks::TaskHandle::wait) passed (the task goes on; stop it
    /// with [`TaskHandle::stop`](crate::tasks::TaskHandle::stop)). [`is_timeout`](Error::is_timeout) is true.
    #[error(
        "task {task_id} of project {project_id} had not finished after {deadline:?} (last status seen: {status})"
    )]
    TaskNotFinished {
        /// The task's project.
        project_id: crate::ProjectId,
        /// The task.
        task_id: crate::TaskId,
        /// The deadline given.
        deadline: std::time::Duration,
        /// The last status seen.
        status: crate::TaskStatus,
    },

    /// A look-up by name found no object of that name, or several
    /// ([`Collection::find`](crate::resources::Collection::find)); or the object a create made
    /// could not be told apart from another made at the same moment. `ids` are the objects
    /// found. [`is_not_found`](Error::is_not_found) is true when there are none.
    #[error("{}", lookup_message(kind, name, ids))]
    Lookup {
        /// The kind of object, e.g. `template`.
        kind: &'static str,
        /// The name looked up.
        name: String,
        /// The ids of the objects of that name.
        ids: Vec<i64>,
    },

    /// The server answered a change with success, but reading the object back shows it did
    /// not make it (an environment's secret that did not change, say).
    #[error("{call}: the server answered success but did not {what}")]
    NotApplied {
        /// The operation that answered success.
        call: Call,
        /// What it did not do, in a few words.
        what: String,
    },

    /// The server has no such operation (it answered 404 to an operation marked
    /// `#[since("...")]`): it is older than `since`, the first version that serves it.
    #[error("{call}: the server does not serve this operation (404): it needs Semaphore {since} or newer{}", server.as_deref().map(|v| format!(", and this server is {v}")).unwrap_or_default())]
    NotServed {
        /// The operation.
        call: Call,
        /// The first server version that serves it.
        since: &'static str,
        /// The server's version, when the client had read it
        /// ([`Client::server_version`](crate::Client::server_version)).
        server: Option<Box<str>>,
    },

    /// The client could not be built: a bad base URL, a token that cannot be a header.
    #[error("invalid client configuration: {reason}")]
    Config {
        /// What is wrong.
        reason: String,
    },
}

fn lookup_message(kind: &str, name: &str, ids: &[i64]) -> String {
    match ids {
        [] => format!("no {kind} is named {name:?}"),
        _ => {
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            format!(
                "{} {kind}s are named {name:?} (ids {}): give an id",
                ids.len(),
                list.join(", ")
            )
        }
    }
}

/// What a transport error's `Display` says, without repeating its causes.
fn transport_summary(error: &reqwest::Error) -> &'static str {
    if error.is_connect() {
        "could not connect to the server"
    } else if error.is_body() || error.is_decode() {
        "error reading the response body"
    } else if error.is_request() {
        "error sending the request"
    } else {
        "the call failed"
    }
}

impl Error {
    /// What happened, in full.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// What happened, taken out.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// The HTTP status of the answer, where there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self.kind() {
            ErrorKind::Status(e) => Some(e.status),
            ErrorKind::Decode { status, .. } | ErrorKind::InvalidResponse { status, .. } => {
                Some(*status)
            }
            ErrorKind::NotServed { .. } => Some(StatusCode::NOT_FOUND),
            _ => None,
        }
    }

    /// The server's `{"error": "..."}` message, where it sent one.
    pub fn server_message(&self) -> Option<&str> {
        match self.kind() {
            ErrorKind::Status(e) => e.message.as_deref(),
            _ => None,
        }
    }

    /// The operation that failed (`None` for [`ErrorKind::Config`]).
    pub fn call(&self) -> Option<Call> {
        match self.kind() {
            ErrorKind::Status(e) => Some(e.call),
            ErrorKind::Timeout { call, .. }
            | ErrorKind::Transport { call, .. }
            | ErrorKind::Decode { call, .. }
            | ErrorKind::InvalidResponse { call, .. }
            | ErrorKind::InvalidArgument { call, .. }
            | ErrorKind::NotApplied { call, .. }
            | ErrorKind::NotServed { call, .. } => Some(*call),
            ErrorKind::Config { .. }
            | ErrorKind::TaskNotFinished { .. }
            | ErrorKind::Lookup { .. } => None,
        }
    }

    /// 401: no credentials, bad credentials, or an expired session or token.
    pub fn is_unauthorized(&self) -> bool {
        self.has_status(StatusCode::UNAUTHORIZED)
    }

    /// 403: authenticated, but not allowed (admin-only routes, other projects).
    pub fn is_forbidden(&self) -> bool {
        self.has_status(StatusCode::FORBIDDEN)
    }

    /// 404: no such object, or no such route; or a look-up by name that found none.
    pub fn is_not_found(&self) -> bool {
        self.has_status(StatusCode::NOT_FOUND)
            || matches!(self.kind(), ErrorKind::Lookup { ids, .. } if ids.is_empty())
    }

    /// 400: the server rejected what was sent.
    pub fn is_bad_request(&self) -> bool {
        self.has_status(StatusCode::BAD_REQUEST)
    }

    /// A 5xx answer.
    pub fn is_server_error(&self) -> bool {
        matches!(self.kind(), ErrorKind::Status(e) if e.status.is_server_error())
    }

    /// The client's timeout fired (the call's, or the connect timeout: then
    /// [`is_connect`](Error::is_connect) is true too), or a task was not finished by the
    /// deadline given to [`TaskHandle::wait`](crate::tasks::TaskHandle::wait).
    pub fn is_timeout(&self) -> bool {
        match self.kind() {
            ErrorKind::Timeout { .. } | ErrorKind::TaskNotFinished { .. } => true,
            ErrorKind::Transport { source, .. } => source.is_timeout(),
            _ => false,
        }
    }

    /// The connection could not be opened (refused, unreachable, DNS, not within the connect
    /// timeout).
    pub fn is_connect(&self) -> bool {
        matches!(self.kind(), ErrorKind::Transport { source, .. } if source.is_connect())
    }

    fn has_status(&self, status: StatusCode) -> bool {
        match self.kind() {
            ErrorKind::Status(e) => e.status == status,
            ErrorKind::NotServed { .. } => status == StatusCode::NOT_FOUND,
            _ => false,
        }
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error(Box::new(kind))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

/// OpenTelemetry's `error.type`: the status, or what kind of failure.
pub(crate) fn error_type(error: &Error) -> std::borrow::Cow<'static, str> {
    match error.kind() {
        ErrorKind::Status(e) => e.status.as_u16().to_string().into(),
        ErrorKind::Timeout { .. } => "timeout".into(),
        ErrorKind::Transport { .. } => "transport".into(),
        ErrorKind::Decode { .. } => "decode".into(),
        ErrorKind::InvalidResponse { .. } => "invalid_response".into(),
        ErrorKind::InvalidArgument { .. } => "invalid_argument".into(),
        _ => "_OTHER".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_is_one_pointer_and_a_result_two_at_most() {
        assert_eq!(size_of::<Error>(), size_of::<usize>());
        assert!(size_of::<Result<()>>() <= 2 * size_of::<usize>());
        assert!(size_of::<Result<u64>>() <= 2 * size_of::<usize>());
    }

    #[test]
    fn the_kind_is_what_display_debug_and_source_show() {
        let error = Error::from(ErrorKind::Config {
            reason: "a bad URL".into(),
        });
        assert_eq!(error.to_string(), "invalid client configuration: a bad URL");
        assert!(format!("{error:?}").starts_with("Config"));
        assert!(matches!(error.kind(), ErrorKind::Config { .. }));
        assert!(matches!(error.into_kind(), ErrorKind::Config { reason } if reason == "a bad URL"));
    }
}
