//! The JSON models of the Semaphore API.
//!
//! Every model decodes leniently: missing fields take their defaults and unknown fields are
//! ignored, so the spec's minimal answers, the real server's richer ones and newer servers'
//! extra fields all decode.

mod auth;
pub use auth::*;
