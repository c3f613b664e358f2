//! Request bodies read the way the real server's `helpers.Bind` reads them: Go's
//! `json.Decoder` filling a struct.

use serde_json::{Map, Value};

/// The Go type of a struct field, as far as decoding tells them apart.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    /// `int`: a JSON integer; `null` leaves 0.
    Int,
    /// `*int`: an integer or `null`.
    OptInt,
    /// `string`: `null` leaves `""`.
    Str,
    /// `*string`: a string or `null`.
    OptStr,
    /// `bool`: `null` leaves `false`.
    Bool,
    /// `time.Time`: an RFC 3339 string; `null` leaves the zero time.
    Time,
    /// A struct value: `null` leaves every field zero.
    Struct(&'static [Field]),
    /// A slice of structs: `null` (or no key) is a nil slice, answered as `null`.
    List(&'static [Field]),
    /// A pointer to a struct the stand-in does not model: any object, kept as sent, or `null`.
    Object,
}

/// One JSON field of a Go struct.
pub(crate) struct Field {
    pub name: &'static str,
    pub kind: Kind,
}

/// Shorthand for the field tables.
pub(crate) const fn field(name: &'static str, kind: Kind) -> Field {
    Field { name, kind }
}

/// The struct `fields` describe, filled from `body` as Go fills it: only the first JSON value is
/// read, invalid UTF-8 in a string is U+FFFD, keys match case-insensitively, unknown keys are
/// ignored, and every field the body leaves out has Go's zero value. `None` where Go's decoder
/// fails (no value, bad JSON, a value of the wrong type): the real server's 400.
pub(crate) fn decode(body: &[u8], fields: &[Field]) -> Option<Map<String, Value>> {
    // Go reads invalid UTF-8 in a string as U+FFFD; outside strings it is bad JSON either way.
    let body = String::from_utf8_lossy(body);
    let value = serde_json::Deserializer::from_str(&body)
        .into_iter::<Value>()
        .next()?
        .ok()?;
    match value {
        Value::Null => Some(zero(fields)),
        Value::Object(given) => fill(&given, fields),
        _ => None,
    }
}

/// Every field at its zero value.
fn zero(fields: &[Field]) -> Map<String, Value> {
    fields
        .iter()
        .map(|f| (f.name.to_owned(), zero_value(f.kind)))
        .collect()
}

fn zero_value(kind: Kind) -> Value {
    match kind {
        Kind::Int => Value::from(0),
        Kind::Str => Value::from(""),
        Kind::Bool => Value::Bool(false),
        Kind::Time => Value::from("0001-01-01T00:00:00Z"),
        Kind::Struct(fields) => Value::Object(zero(fields)),
        Kind::OptInt | Kind::OptStr | Kind::List(_) | Kind::Object => Value::Null,
    }
}

fn fill(given: &Map<String, Value>, fields: &[Field]) -> Option<Map<String, Value>> {
    let mut out = Map::new();
    for f in fields {
        let value = match lookup(given, f.name) {
            None | Some(Value::Null) => zero_value(f.kind),
            Some(value) => convert(value, f.kind)?,
        };
        out.insert(f.name.to_owned(), value);
    }
    Some(out)
}

/// The key spelled as the field's tag, else one that differs only in case. (Go keeps whichever
/// comes last when a body has both; the order of keys is not kept here.)
fn lookup<'v>(given: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    given.get(name).or_else(|| {
        given
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

/// A non-null JSON value as a field of `kind`; `None` when Go would refuse its type.
fn convert(value: &Value, kind: Kind) -> Option<Value> {
    match (kind, value) {
        // A Go `int` takes integers only: `1.5`, `1e2` and `"1"` are type errors.
        (Kind::Int | Kind::OptInt, Value::Number(n)) => n.as_i64().map(Value::from),
        (Kind::Str | Kind::OptStr, Value::String(_)) | (Kind::Bool, Value::Bool(_)) => {
            Some(value.clone())
        }
        (Kind::Time, Value::String(s)) if is_rfc3339(s) => Some(value.clone()),
        (Kind::Struct(fields), Value::Object(given)) => fill(given, fields).map(Value::Object),
        (Kind::List(fields), Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::Null => Some(Value::Object(zero(fields))),
                Value::Object(given) => fill(given, fields).map(Value::Object),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .map(Value::Array),
        (Kind::Object, Value::Object(_)) => Some(value.clone()),
        _ => None,
    }
}

/// What Go's `time.Time` accepts from JSON: `2006-01-02T15:04:05Z07:00`, fractional seconds
/// allowed, each number in its range.
fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range.clone())
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .map(|d| d.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let fixed = (|| {
        let (month, day) = (digits(5..7)?, digits(8..10)?);
        let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
        digits(0..4)?;
        let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
        let placed = separators.iter().all(|&(at, c)| b[at] == c);
        Some(
            placed
                && (1..=12).contains(&month)
                && (1..=31).contains(&day)
                && hour < 24
                && minute < 60
                && second < 60,
        )
    })();
    if fixed != Some(true) {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &fraction[n..];
    }
    rest == "Z" || is_offset(rest)
}

/// `+07:00` or `-07:00`.
fn is_offset(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 6
        && (b[0] == b'+' || b[0] == b'-')
        && b[3] == b':'
        && [1, 2, 4, 5].iter().all(|&i| b[i].is_ascii_digit())
        && (b[1] - b'0') * 10 + (b[2] - b'0') < 24
        && (b[4] - b'0') * 10 + (b[5] - b'0') < 60
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const INNER: &[Field] = &[field("login", Kind::Str)];
    const FIELDS: &[Field] = &[
        field("id", Kind::Int),
        field("name", Kind::Str),
        field("note", Kind::OptStr),
        field("ok", Kind::Bool),
        field("at", Kind::Time),
        field("inner", Kind::Struct(INNER)),
        field("items", Kind::List(INNER)),
        field("raw", Kind::Object),
    ];

    fn read(body: &str) -> Option<Value> {
        decode(body.as_bytes(), FIELDS).map(Value::Object)
    }

    #[test]
    fn absent_and_null_fields_are_zero() {
        let zero = json!({"id": 0, "name": "", "note": null, "ok": false,
            "at": "0001-01-01T00:00:00Z", "inner": {"login": ""}, "items": null, "raw": null});
        assert_eq!(read("{}"), Some(zero.clone()));
        assert_eq!(read("null"), Some(zero.clone()));
        assert_eq!(read(r#"{"id":null,"name":null,"inner":null}"#), Some(zero));
    }

    #[test]
    fn keys_match_case_insensitively_and_only_the_first_value_counts() {
        let read = read(r#"{"ID":3,"Name":"x","items":[null,{"LOGIN":"a"}]} trailing"#).unwrap();
        assert_eq!(
            (read["id"].clone(), read["name"].clone()),
            (json!(3), json!("x"))
        );
        assert_eq!(read["items"], json!([{"login": ""}, {"login": "a"}]));
    }

    #[test]
    fn wrong_types_fail_like_go() {
        for body in [
            "",
            "  ",
            "[]",
            "\"x\"",
            "{",
            r#"{"id":1.5}"#,
            r#"{"id":1e2}"#,
            r#"{"id":"1"}"#,
            r#"{"id":99999999999999999999}"#,
            r#"{"name":7}"#,
            r#"{"ok":"true"}"#,
            r#"{"at":""}"#,
            r#"{"at":"2024-13-01T00:00:00Z"}"#,
            r#"{"inner":[]}"#,
            r#"{"items":{}}"#,
            r#"{"items":[1]}"#,
            r#"{"raw":[]}"#,
        ] {
            assert_eq!(read(body), None, "{body:?}");
        }
    }

    #[test]
    fn rfc3339_times() {
        for ok in [
            "2024-05-06T07:08:09Z",
            "2024-05-06T07:08:09.123456789Z",
            "2024-05-06T07:08:09+02:00",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "",
            "2024-05-06",
            "2024-05-06 07:08:09Z",
            "2024-05-06T24:00:00Z",
            "2024-05-06T07:08:09",
            "2024-05-06T07:08:09.Z",
            "2024-05-06T07:08:09+2:00",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }
}
