//! What keeps a tool's result small and clean: lists cut with a note, long strings cut, a
//! cap on the whole result, secrets removed, and server text stripped of control characters.

use serde::Serialize;
use serde_json::{Value, json};

use crate::error::{CliError, Result};

/// The most bytes of JSON a tool returns.
pub const MAX_RESULT_BYTES: usize = 64 * 1024;
/// The most characters of one string in a result (an inventory, a line of output).
pub const MAX_STRING_CHARS: usize = 2_000;
/// Items of a list when none is asked for, and the most that can be asked for.
pub const DEFAULT_ITEMS: u32 = 50;
pub const MAX_ITEMS: u32 = 200;

/// `value` as JSON without any secret field (the CLI's rule: `crate::secrets`).
pub fn clean(value: &impl Serialize) -> Result<Value> {
    let mut value = serde_json::to_value(value)
        .map_err(|e| CliError::failed(format!("cannot encode the answer: {e}")))?;
    crate::secrets::remove(&mut value);
    cut_strings(&mut value);
    Ok(value)
}

/// Every string of `value` cut to [`MAX_STRING_CHARS`] and without control characters.
fn cut_strings(value: &mut Value) {
    match value {
        Value::String(text) => *text = text_line(text),
        Value::Array(items) => items.iter_mut().for_each(cut_strings),
        Value::Object(map) => map.values_mut().for_each(cut_strings),
        _ => {}
    }
}

/// Server text as a result may hold it: control characters (escape sequences, carriage
/// returns) dropped, except newlines and tabs, and cut to [`MAX_STRING_CHARS`] with a note.
pub fn text_line(text: &str) -> String {
    let total = text.chars().count();
    let mut kept: String = text
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .take(MAX_STRING_CHARS)
        .collect();
    if total > MAX_STRING_CHARS {
        kept.push_str(&format!(" …(cut: {total} characters)"));
    }
    kept
}

/// At most `limit` (bounded to [`MAX_ITEMS`]) of `items`, and a note when some were left out.
pub fn first<T>(items: Vec<T>, limit: Option<u32>) -> (Vec<T>, Option<String>) {
    let limit = limit.unwrap_or(DEFAULT_ITEMS).clamp(1, MAX_ITEMS) as usize;
    let total = items.len();
    if total <= limit {
        return (items, None);
    }
    let shown: Vec<T> = items.into_iter().take(limit).collect();
    let note = format!(
        "showing {limit} of {total}: narrow with `filter`, or raise `limit` (at most {MAX_ITEMS})"
    );
    (shown, Some(note))
}

/// The result as it leaves: when its JSON is over [`MAX_RESULT_BYTES`], the longest list in
/// it loses items from its end until it fits, and the result says so.
pub fn capped(mut value: Value) -> Value {
    let mut dropped = 0usize;
    while size(&value) > MAX_RESULT_BYTES {
        let Some(list) = longest_list(&mut value) else {
            // No list to shorten: the strings are already cut, so this is many fields.
            return json!({
                "error": "the result is too large to return",
                "bytes": size(&value),
            });
        };
        list.pop();
        dropped += 1;
    }
    if dropped > 0
        && let Value::Object(map) = &mut value
    {
        map.insert(
            "truncated".into(),
            Value::String(format!(
                "{dropped} items left out to keep the result under {} KiB",
                MAX_RESULT_BYTES / 1024
            )),
        );
    }
    value
}

fn size(value: &Value) -> usize {
    serde_json::to_vec(value).map_or(usize::MAX, |bytes| bytes.len())
}

fn longest_list(value: &mut Value) -> Option<&mut Vec<Value>> {
    let Value::Object(map) = value else {
        return None;
    };
    map.values_mut()
        .filter_map(|v| match v {
            Value::Array(items) if !items.is_empty() => Some(items),
            _ => None,
        })
        .max_by_key(|items| items.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_go_and_long_text_is_cut() {
        assert_eq!(text_line("ok\x1b[31m red\r"), "ok[31m red");
        let long = "x".repeat(MAX_STRING_CHARS + 10);
        let cut = text_line(&long);
        assert!(cut.ends_with(&format!("(cut: {} characters)", MAX_STRING_CHARS + 10)));
        assert!(cut.len() < long.len() + 40);
    }

    #[test]
    fn a_list_is_cut_to_its_limit_with_a_note() {
        let (shown, note) = first((0..300).collect::<Vec<_>>(), None);
        assert_eq!(shown.len(), DEFAULT_ITEMS as usize);
        assert!(note.unwrap().contains("of 300"));
        let (shown, note) = first((0..300).collect::<Vec<_>>(), Some(10_000));
        assert_eq!(shown.len(), MAX_ITEMS as usize);
        assert!(note.is_some());
        let (shown, note) = first(vec![1, 2], None);
        assert_eq!((shown.len(), note), (2, None));
    }

    #[test]
    fn a_result_over_the_cap_loses_list_items_and_says_so() {
        let items: Vec<Value> = (0..200)
            .map(|i| json!({"line": "y".repeat(1000), "i": i}))
            .collect();
        let value = capped(json!({"items": items}));
        assert!(size(&value) <= MAX_RESULT_BYTES);
        assert!(
            value["truncated"]
                .as_str()
                .unwrap()
                .contains("items left out")
        );
        let secret = clean(&json!({"name": "k", "secret": "s3cr3t"})).unwrap();
        assert_eq!(secret, json!({"name": "k"}));
    }
}
