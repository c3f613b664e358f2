//! [`Secret`]: a string that never shows in `Debug`, errors or logs.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A password, token or cookie value.
///
/// `Debug` prints `Secret("[REDACTED]")`; there is no `Display`. The value is read with
/// [`Secret::expose_secret`] and is zeroed in memory when dropped. It serializes as the
/// plain string, because the server needs it in request bodies.
///
/// ```
/// use semaphore_api::Secret;
///
/// let password = Secret::new("hunter2");
/// assert_eq!(format!("{password:?}"), r#"Secret("[REDACTED]")"#);
/// assert_eq!(password.expose_secret(), "hunter2");
/// ```
#[derive(Clone, Default)]
pub struct Secret(SecretString);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(SecretString::from(value.into()))
    }

    /// The plain value. Every read of a secret goes through here, so reads are easy to audit.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }

    /// Whether the value is the empty string.
    pub fn is_empty(&self) -> bool {
        self.expose_secret().is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(r#"Secret("[REDACTED]")"#)
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.expose_secret() == other.expose_secret()
    }
}

impl Eq for Secret {}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

thread_local! {
    /// How many secrets this thread has serialized, so that a request knows whether its body,
    /// query or headers carry one.
    static SERIALIZED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The number of secrets serialized on this thread so far.
pub(crate) fn serialized() -> u64 {
    SERIALIZED.with(|count| count.get())
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        SERIALIZED.with(|count| count.set(count.get().wrapping_add(1)));
        serializer.serialize_str(self.expose_secret())
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}
