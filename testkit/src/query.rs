//! Query strings as Go reads and writes them.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// A query parameter's first value, decoded like Go's `FormValue` (`+` is a space).
pub(crate) fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// What Go's `url.QueryEscape` percent-encodes: all but the unreserved bytes (the space
/// becomes `+`).
const QUERY_ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Go's `url.QueryEscape` (`form_urlencoded` would differ on `*` and `~`).
pub(crate) fn query_escape(s: &str) -> String {
    // A `%` in `s` is escaped itself, so every `%20` of the output is a space.
    utf8_percent_encode(s, QUERY_ESCAPED)
        .to_string()
        .replace("%20", "+")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_read_like_gos_form_value() {
        let query = Some("%73ort=na%6De&order=desc&x=a+b%2B&sort=2&empty&broken=%zz");
        assert_eq!(query_param(query, "sort").as_deref(), Some("name"));
        assert_eq!(query_param(query, "order").as_deref(), Some("desc"));
        assert_eq!(query_param(query, "x").as_deref(), Some("a b+"));
        assert_eq!(query_param(query, "empty").as_deref(), Some(""));
        assert_eq!(query_param(query, "broken").as_deref(), Some("%zz"));
        assert_eq!(query_param(query, "missing"), None);
        assert_eq!(query_param(None, "sort"), None);
    }

    #[test]
    fn query_escape_is_gos() {
        // Go: url.QueryEscape("a b*~-_.é/%+?&=")
        assert_eq!(
            query_escape("a b*~-_.é/%+?&="),
            "a+b%2A~-_.%C3%A9%2F%25%2B%3F%26%3D"
        );
        assert_eq!(query_escape("%20"), "%2520");
    }
}
