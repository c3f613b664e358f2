//! Decoding the `null`s of Go's encoder: a nil slice, map or string pointer is `null` on the
//! wire where the model holds an empty value.

use serde::{Deserialize, Deserializer};

/// Reads `null` as the type's default (an empty list, map or string). Use with
/// `#[serde(default, deserialize_with = "...")]` so that a missing field is the default too.
pub(crate) fn or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}
