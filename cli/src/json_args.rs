//! JSON given on the command line: a `--from-file` object set on a typed request, and flags
//! that hold JSON text.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{CliError, Result, json_message};

/// `--from-file`: a JSON object from a file, or stdin for `-`.
pub fn read_file(path: &Path) -> Result<Value> {
    let text = crate::input::text(path, crate::input::MAX_FILE_BYTES)?;
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        CliError::usage(format!(
            "{} is not JSON: {}",
            path.display(),
            json_message(&e)
        ))
    })?;
    if !value.is_object() {
        return Err(CliError::usage(format!(
            "{} holds no JSON object",
            path.display()
        )));
    }
    Ok(value)
}

/// Sets every field of `top` in `base`; objects are merged field by field, the rest replaced.
pub fn merge(base: &mut Value, top: Value) {
    match (base, top) {
        (Value::Object(base), Value::Object(top)) => {
            for (key, value) in top {
                match base.get_mut(&key) {
                    Some(slot) if slot.is_object() && value.is_object() => merge(slot, value),
                    _ => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (base, top) => *base = top,
    }
}

/// `value` as the request of a `kind`; a field of the wrong type or a missing one is a usage
/// error naming it.
pub fn typed<T: DeserializeOwned>(kind: &str, value: Value) -> Result<T> {
    serde_json::from_value(value).map_err(|e| {
        CliError::usage(format!("not a valid {kind}: {}", json_message(&e)))
            .hint("check the JSON file's fields against `semaphore <kind> show ID --json`")
    })
}

/// A flag that holds JSON text: checked to be JSON of the right shape, sent as text.
pub fn json_text(flag: &str, text: &str, object: bool) -> Result<String> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| CliError::usage(format!("{flag} is not JSON: {}", json_message(&e))))?;
    let ok = if object {
        value.is_object()
    } else {
        value.is_array()
    };
    if !ok {
        let shape = if object { "an object" } else { "an array" };
        return Err(CliError::usage(format!("{flag} must be a JSON {shape}")));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_file_is_merged_field_by_field() {
        let mut base = json!({"name": "a", "ssh": {"login": "x", "private_key": "k"}});
        merge(&mut base, json!({"name": "c", "ssh": {"login": "y"}}));
        assert_eq!(
            base,
            json!({"name": "c", "ssh": {"login": "y", "private_key": "k"}})
        );
    }

    #[test]
    fn json_flags_are_checked() {
        assert!(json_text("--extra-vars", r#"{"a": 1}"#, true).is_ok());
        assert!(json_text("--extra-vars", "[1]", true).is_err());
        assert!(json_text("--arguments", r#"["-v"]"#, false).is_ok());
        let e = json_text("--arguments", "nope", false).unwrap_err();
        assert!(
            e.message.starts_with("--arguments is not JSON"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_field_of_the_wrong_type_is_named_without_its_value() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Request {
            name: String,
        }
        let e = typed::<Request>("template", json!({"name": 3})).unwrap_err();
        assert!(
            e.message.starts_with("not a valid template"),
            "{}",
            e.message
        );
    }
}
