//! Collects every error of one trait, so that a user sees all their mistakes at once, in the
//! order they appear in the source.

use std::fmt::Display;

use quote::ToTokens;

#[derive(Default)]
pub struct Ctxt {
    errors: Vec<syn::Error>,
}

impl Ctxt {
    /// An error on `tokens`.
    pub fn error(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.errors.push(syn::Error::new_spanned(tokens, message));
    }

    /// An error at a span.
    pub fn error_at(&mut self, span: proc_macro2::Span, message: impl Display) {
        self.errors.push(syn::Error::new(span, message));
    }

    pub fn push(&mut self, error: syn::Error) {
        self.errors.push(error);
    }

    pub fn error_count(&self) -> usize {
        self.errors.len()
    }

    /// All errors as one, in source order, or `Ok` when there were none.
    pub fn check(mut self) -> Result<(), syn::Error> {
        // Found stage by stage (reading, then the rules), so put back in source order. Ties,
        // and compilers before 1.88 that give every span 0:0, keep the order of finding.
        self.errors.sort_by_key(|error| {
            let start = error.span().start();
            (start.line, start.column)
        });
        let mut errors = self.errors.into_iter();
        let Some(mut first) = errors.next() else {
            return Ok(());
        };
        for e in errors {
            first.combine(e);
        }
        Err(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_come_in_source_order() {
        let tokens: proc_macro2::TokenStream = syn::parse_str("first\nsecond third").unwrap();
        let tokens: Vec<_> = tokens.into_iter().collect();
        let mut cx = Ctxt::default();
        cx.error(&tokens[2], "third");
        cx.error(&tokens[0], "first");
        cx.error(&tokens[1], "second");
        let messages: Vec<String> = cx
            .check()
            .unwrap_err()
            .into_iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(messages, ["first", "second", "third"]);
    }
}
