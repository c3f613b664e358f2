//! A method's own attributes: its verb and path, `#[no_auth]`, `#[ends_session]`,
//! `#[idempotent]` / `#[not_idempotent]` and `#[since]`, taken off the method; rustc's own stay.

use quote::ToTokens;
use syn::{Attribute, LitStr, Meta, Signature};

use crate::attr_names::{METHOD_FLAGS, PARAM_ROLES, PASSED_THROUGH, SINCE};
use crate::ctxt::Ctxt;
use crate::model::{Idempotence, PathTemplate, Verb};
use crate::path;
use crate::suggest::nearest;

pub struct MethodAttrs {
    pub verb: Option<(Verb, PathTemplate)>,
    pub no_auth: bool,
    pub ends_session: bool,
    pub idempotence: Idempotence,
    pub since: Option<LitStr>,
}

/// Takes this macro's attributes off a method.
pub fn method_attrs(attrs: &mut Vec<Attribute>, sig: &Signature, cx: &mut Ctxt) -> MethodAttrs {
    let mut out = MethodAttrs {
        verb: None,
        no_auth: false,
        ends_session: false,
        idempotence: Idempotence::default(),
        since: None,
    };
    let mut verb_seen = false;
    attrs.retain(|attr| {
        let Some(name) = attr.path().get_ident().map(|i| i.to_string()) else {
            cx.error(attr, "unknown attribute on an endpoint method; expected a verb (`#[get(\"/path\")]`, post, put, patch, delete), `#[no_auth]`, `#[ends_session]`, `#[idempotent]`, `#[not_idempotent]` or `#[since(\"2.14.0\")]`");
            return false;
        };
        if PASSED_THROUGH.contains(&name.as_str()) {
            return true;
        }
        if let Some(verb) = Verb::from_name(&name) {
            if verb_seen {
                cx.error(attr, format!("a second verb: an endpoint method has exactly one of #[get], #[post], #[put], #[patch], #[delete]; remove `#[{name}]` or the other"));
            } else if let Some(path) = verb_path(attr, verb, cx) {
                out.verb = Some((verb, path));
            }
            verb_seen = true;
        } else if name == SINCE {
            match since(attr) {
                Err(message) => cx.error(attr, message),
                Ok(_) if out.since.is_some() => {
                    cx.error(attr, "`#[since]` is given twice".to_owned())
                }
                Ok(version) => out.since = Some(version),
            }
        } else if METHOD_FLAGS.contains(&name.as_str()) {
            flag(attr, &name, &mut out, cx);
        } else {
            verb_seen |= unknown(attr, &name, cx);
        }
        false
    });
    if !verb_seen {
        cx.error(&sig.ident, format!(
            "`{}` has no verb: add one of #[get(\"/path\")], #[post(\"/path\")], #[put(\"/path\")], #[patch(\"/path\")], #[delete(\"/path\")]",
            sig.ident
        ));
    }
    out
}

/// `#[no_auth]`, `#[ends_session]`, `#[idempotent]` or `#[not_idempotent]`: no arguments, once.
fn flag(attr: &Attribute, name: &str, out: &mut MethodAttrs, cx: &mut Ctxt) {
    if !matches!(attr.meta, Meta::Path(_)) {
        cx.error(attr, format!("`#[{name}]` takes no arguments"));
    }
    let flag = match name {
        "no_auth" => &mut out.no_auth,
        "ends_session" => &mut out.ends_session,
        _ => {
            let said = name == "idempotent";
            if let Some((earlier, _)) = &out.idempotence.said {
                let message = if *earlier == said {
                    format!("`#[{name}]` is given twice")
                } else {
                    "`#[idempotent]` and `#[not_idempotent]` contradict each other: keep one"
                        .to_owned()
                };
                cx.error(attr, message);
            } else {
                out.idempotence.said = Some((said, attr.to_token_stream()));
            }
            return;
        }
    };
    if *flag {
        cx.error(attr, format!("`#[{name}]` is given twice"));
    }
    *flag = true;
}

/// An attribute this macro does not know: the nearest one it does, if any. Answers whether
/// it was a misspelt verb, the one mistake to report (no "has no verb" on top of it).
fn unknown(attr: &Attribute, name: &str, cx: &mut Ctxt) -> bool {
    let known = Verb::ALL
        .map(Verb::name)
        .into_iter()
        .chain(METHOD_FLAGS)
        .chain([SINCE]);
    let mut misspelt_verb = false;
    let hint = match nearest(name, known) {
        Some(near) => {
            misspelt_verb = Verb::from_name(near).is_some();
            format!("unknown attribute `#[{name}]`; did you mean `#[{near}]`?")
        }
        None if PARAM_ROLES.contains(&name) => {
            format!("`#[{name}]` goes on an argument, not on the method")
        }
        None => format!(
            "unknown attribute `#[{name}]` on an endpoint method; expected a verb (get, post, put, patch, delete), `no_auth`, `ends_session`, `idempotent`, `not_idempotent` or `since`"
        ),
    };
    cx.error(attr, hint);
    misspelt_verb
}

/// `#[since("MAJOR.MINOR[.PATCH]")]`: the server version that first serves the operation.
fn since(attr: &Attribute) -> Result<LitStr, String> {
    let usage =
        "expected the first server version that serves the operation: `#[since(\"2.14.0\")]`";
    let version: LitStr = attr.parse_args().map_err(|_| usage.to_owned())?;
    let text = version.value();
    let parts: Vec<&str> = text.split('.').collect();
    let numbers = parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()));
    if !(2..=3).contains(&parts.len()) || !numbers {
        return Err(format!("`{text}` is not a version: {usage}"));
    }
    Ok(version)
}

fn verb_path(attr: &Attribute, verb: Verb, cx: &mut Ctxt) -> Option<PathTemplate> {
    let usage = format!("expected a path: `#[{}(\"/path/{{id}}\")]`", verb.name());
    let Meta::List(list) = &attr.meta else {
        cx.error(attr, usage);
        return None;
    };
    let Ok(lit) = list.parse_args::<LitStr>() else {
        cx.error(&list.tokens, usage);
        return None;
    };
    path::read(lit, cx)
}
