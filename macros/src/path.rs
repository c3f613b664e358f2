//! The path of a verb attribute, `"/project/{project_id}/keys"`, read into literal parts and
//! placeholders. Each mistake points at its own characters inside the literal where the
//! compiler lets a macro do so (`Literal::subspan`, nightly only today), at the whole
//! literal elsewhere.

use std::ops::Range;

use proc_macro2::Span;
use syn::LitStr;

use crate::ctxt::Ctxt;
use crate::model::{PathTemplate, Piece, Placeholder};

/// `None` when the path has a mistake (reported). Placeholders are left unbound.
pub fn read(lit: LitStr, cx: &mut Ctxt) -> Option<PathTemplate> {
    let text = lit.value();
    let errors_before = cx.error_count();
    let mut fail = |at: Range<usize>, message: String| cx.error_at(span_of(&lit, at), message);
    if !text.starts_with('/') {
        let message = format!(
            "the path must start with `/`: \"/{}\"",
            text.trim_start_matches('/')
        );
        fail(0..text.len(), message);
    }
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        let rest = &text[at..];
        match c {
            '{' => {
                let Some(len) = rest.find('}') else {
                    let message = "unbalanced `{` in the path: close the placeholder with `}`";
                    fail(at..text.len(), message.into());
                    break;
                };
                let braced = at..at + len + 1;
                let name = &rest[1..len];
                if let Some(message) = placeholder_error(name, &pieces) {
                    fail(braced.clone(), message);
                } else {
                    if !literal.is_empty() {
                        pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                    }
                    pieces.push(Piece::Placeholder(Placeholder {
                        name: name.to_owned(),
                        span: span_of(&lit, braced.clone()),
                        param: None,
                    }));
                }
                at = braced.end;
                continue;
            }
            '}' => fail(
                at..at + 1,
                "unbalanced `}` in the path: there is no `{` before it".into(),
            ),
            '?' | '#' => {
                let message = format!(
                    "`{c}` in the path: declare query parameters with `#[query]` arguments"
                );
                fail(at..text.len(), message);
            }
            c if !is_path_char(c) => fail(
                at..at + c.len_utf8(),
                format!(
                    "{c:?} is not allowed in a path: write it percent-encoded, or pass it as a `{{placeholder}}` argument"
                ),
            ),
            _ => literal.push(c),
        }
        at += c.len_utf8();
    }
    if !literal.is_empty() {
        pieces.push(Piece::Literal(literal));
    }
    (cx.error_count() == errors_before).then_some(PathTemplate { lit, pieces })
}

/// What is wrong with the placeholder `{name}`, given the pieces read before it.
fn placeholder_error(name: &str, pieces: &[Piece]) -> Option<String> {
    if name.contains('{') {
        Some("unbalanced `{` in the path: placeholders do not nest".into())
    } else if name.is_empty() {
        Some("empty placeholder `{}` in the path: name the argument it binds, e.g. `{id}`".into())
    } else if !is_identifier(name) {
        Some(format!(
            "placeholder `{{{name}}}` is not an identifier: it must be the name of an argument"
        ))
    } else if pieces
        .iter()
        .any(|p| matches!(p, Piece::Placeholder(p) if p.name == name))
    {
        Some(format!(
            "placeholder `{{{name}}}` appears twice in the path; an argument fills one place"
        ))
    } else {
        None
    }
}

/// The span of `range` of the literal's value: its own characters where the literal is
/// written without escapes and the compiler can point inside a literal, else the literal.
fn span_of(lit: &LitStr, range: Range<usize>) -> Span {
    let value = lit.value();
    let source = lit.token().to_string();
    // Where the value starts in the source: after `"`, or after `r#"` for a raw string.
    let hashes = source
        .strip_prefix('r')
        .map(|s| s.len() - s.trim_start_matches('#').len());
    let start = match hashes {
        Some(hashes) => 2 + hashes,
        None => 1,
    };
    let verbatim = source.get(start..start + value.len()) == Some(value.as_str());
    verbatim
        .then(|| lit.token().subspan(start + range.start..start + range.end))
        .flatten()
        .unwrap_or_else(|| lit.span())
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && name != "_"
}

/// RFC 3986 `pchar` and `/`.
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/%".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns of `range` of the value, as `span_of` finds them in the literal's source.
    fn columns(literal: &str, range: Range<usize>) -> (usize, usize) {
        let lit: LitStr = syn::parse_str(literal).unwrap();
        let span = span_of(&lit, range);
        (span.start().column, span.end().column)
    }

    #[test]
    fn a_range_of_the_value_is_found_in_the_source() {
        // `{id}` is 9..13 of the value, one column further in the source (after `"`).
        assert_eq!(columns(r#""/project/{id}""#, 9..13), (10, 14));
        // After `r#"` in a raw string.
        assert_eq!(columns(r###"r#"/project/{id}"#"###, 9..13), (12, 16));
    }

    #[test]
    fn an_escaped_literal_is_pointed_at_whole() {
        // `\u{2f}` is `/`: the value's offsets are not the source's.
        let literal = r#""\u{2f}project/{id}""#;
        assert_eq!(columns(literal, 9..13), (0, literal.len()));
    }
}
