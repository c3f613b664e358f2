//! The errors of an answer the client could read: a status the operation does not accept,
//! and a body that did not decode. Both show the answer's shape, never values that may be
//! secret.

use std::fmt;

use reqwest::StatusCode;

use super::call::Call;
use crate::redact;

/// An answer whose status the operation does not accept.
///
/// Its `Display` and `Debug` show the answer's shape, not values that may be secret: long
/// words of the message and body as `*`, JSON strings of the body as `"*"`, a redirect's
/// `Location` as its origin. The fields hold what the server sent, in full.
#[derive(Clone)]
pub struct StatusError {
    /// The operation.
    pub call: Call,
    /// The status.
    pub status: StatusCode,
    /// The server's `{"error": "..."}` message, when the body holds one (as sent).
    pub message: Option<String>,
    /// The body's first [`ERROR_BODY_LIMIT`](crate::ERROR_BODY_LIMIT) bytes; the rest is never read.
    pub body: Vec<u8>,
    /// Whether the body was longer than what was kept.
    pub truncated: bool,
    /// The `Location` of a redirect the operation did not expect (as sent).
    pub location: Option<String>,
}

/// How much of an error body `StatusError`'s `Debug` shows.
const DEBUG_BODY_LIMIT: usize = 256;

impl StatusError {
    /// The kept part of the body as text (invalid UTF-8 replaced).
    pub fn body_text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

impl fmt::Display for StatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: the server answered {}", self.call, self.status)?;
        if let Some(message) = &self.message {
            write!(f, ": {}", redact::text(message, &[]))?;
        } else if let Some(location) = &self.location {
            write!(f, ", redirecting to {}", redact::location(location))?;
        }
        Ok(())
    }
}

impl fmt::Debug for StatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StatusError")
            .field("call", &self.call)
            .field("status", &self.status)
            .field(
                "message",
                &self.message.as_deref().map(|m| redact::text(m, &[])),
            )
            .field("body", &redact::shape(&self.body, DEBUG_BODY_LIMIT, &[]))
            .field("body_len", &self.body.len())
            .field("truncated", &self.truncated)
            .field("location", &self.location.as_deref().map(redact::location))
            .finish()
    }
}

/// Why a body did not decode: serde_json's description, with the values it quotes masked
/// (`invalid type: string "*", expected i64`), and where in the body.
///
/// Boxed, so that it keeps [`Error`](crate::Error) small.
#[derive(Debug, Clone)]
pub struct DecodeError(Box<DecodeErrorInner>);

#[derive(Debug, Clone)]
struct DecodeErrorInner {
    message: String,
    line: usize,
    column: usize,
    category: serde_json::error::Category,
}

impl DecodeError {
    pub(crate) fn new(error: &serde_json::Error, secrets: &[&str]) -> Self {
        // serde_json's Display adds " at line L column C", which ours adds back.
        let full = error.to_string();
        let position = format!(" at line {} column {}", error.line(), error.column());
        let message = full.strip_suffix(&position).unwrap_or(&full);
        DecodeError(Box::new(DecodeErrorInner {
            message: redact::serde_message(message, secrets),
            line: error.line(),
            column: error.column(),
            category: error.classify(),
        }))
    }

    /// The line of the body where decoding stopped (1-based; 0 when it did not get that far).
    pub fn line(&self) -> usize {
        self.0.line
    }

    /// The column of that line (1-based; 0 when it did not get that far).
    pub fn column(&self) -> usize {
        self.0.column
    }

    /// Whether the body is not JSON (`Syntax`), is cut short (`Eof`) or is JSON of another
    /// shape (`Data`).
    pub fn classify(&self) -> serde_json::error::Category {
        self.0.category
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)?;
        if self.0.line > 0 {
            write!(f, " at line {} column {}", self.0.line, self.0.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}
