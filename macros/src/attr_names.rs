//! The attribute names this macro reads, and those of rustc's it leaves in place.

/// The method attribute that names the first server version serving the operation.
pub const SINCE: &str = "since";
/// Method attributes of this macro besides the verbs and `since`.
pub const METHOD_FLAGS: [&str; 4] = ["no_auth", "ends_session", "idempotent", "not_idempotent"];
/// Argument attributes of this macro.
pub const PARAM_ROLES: [&str; 3] = ["query", "header", "body"];
/// Attributes of rustc's that may stay on a method (copied to the trait).
pub const PASSED_THROUGH: [&str; 8] = [
    "doc",
    "allow",
    "warn",
    "deny",
    "forbid",
    "expect",
    "deprecated",
    "must_use",
];
/// Of those, the ones also put on the implementation.
pub const REPEATED_ON_IMPL: [&str; 2] = ["allow", "expect"];
