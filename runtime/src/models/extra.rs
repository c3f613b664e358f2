//! [`Extra`]: the fields of an answer that its model does not name.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The fields of an answer that its model does not name, kept as they came: encoding the
/// model gives them back, so nothing the server sent is lost on the way through.
///
/// `Debug` shows their names only: a value may be a secret.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Extra(Map<String, Value>);

impl Extra {
    /// The value of field `name`, if the answer had one the model does not name.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }

    /// Sets a field that the model does not name; it is sent with the model.
    pub fn insert(&mut self, name: impl Into<String>, value: Value) -> Option<Value> {
        self.0.insert(name.into(), value)
    }

    /// Takes a field out.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        self.0.remove(name)
    }

    /// The names of the fields, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.names()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_names_the_fields_and_hides_their_values() {
        let mut extra = Extra::default();
        extra.insert("task_params", serde_json::json!({"token": "hunter2"}));
        assert_eq!(format!("{extra:?}"), r#"{"task_params"}"#);
        assert_eq!(extra.names().collect::<Vec<_>>(), ["task_params"]);
    }
}
