//! Secrets that arrive in server answers never reach the output.
//!
//! The models carry them as `semaphore_api::Secret`, which serializes as the plain string
//! (request bodies need it). Everything printed goes through JSON, so every field that holds
//! one is removed there, wherever it is nested: a key's `string`, `login_password.password`,
//! `ssh.passphrase` and `ssh.private_key`, an environment's vault `password` and its
//! `secrets[].secret`, a task's `secret`.

use serde_json::Value;

/// The field names that hold secrets in Semaphore's objects.
const SECRET_FIELDS: &[&str] = &[
    "password",
    "passphrase",
    "private_key",
    "secret",
    "string",
    "token",
];

/// Removes every secret field of `value`, at any depth; answers the paths of those that held
/// something (`ssh.private_key`), for a person to see that there is a value.
pub fn remove(value: &mut Value) -> Vec<String> {
    let mut hidden = Vec::new();
    walk(value, "", &mut hidden);
    hidden
}

fn walk(value: &mut Value, path: &str, hidden: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for name in SECRET_FIELDS {
                if let Some(removed) = map.remove(*name)
                    && !is_empty(&removed)
                {
                    hidden.push(join(path, name));
                }
            }
            for (key, child) in map.iter_mut() {
                walk(child, &join(path, key), hidden);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, &format!("{path}[{i}]"), hidden);
            }
        }
        _ => {}
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_secrets_go_and_are_named() {
        let mut key = json!({
            "id": 3, "name": "deploy", "string": "",
            "login_password": {"login": "bob", "password": "hunter2"},
            "ssh": {"login": "", "passphrase": "", "private_key": "-----BEGIN"},
            "secrets": [{"name": "API", "secret": "s3"}]
        });
        let hidden = remove(&mut key);
        assert_eq!(
            hidden,
            [
                "login_password.password",
                "secrets[0].secret",
                "ssh.private_key"
            ]
        );
        let text = key.to_string();
        for secret in ["hunter2", "BEGIN", "s3"] {
            assert!(!text.contains(secret), "{text}");
        }
        assert_eq!(key["login_password"]["login"], "bob");
        assert_eq!(key["secrets"][0]["name"], "API");
    }
}
