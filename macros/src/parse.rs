//! Reads the attribute's arguments and the trait into the model, collecting every error.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{
    Attribute, FnArg, GenericArgument, ItemTrait, LitStr, Meta, Pat, PathArguments, ReturnType,
    Signature, TraitItem, TraitItemFn, Type, parse_quote,
};

use crate::ctxt::{Ctxt, nearest};
use crate::model::{Api, Endpoint, Param, PathTemplate, Piece, Returns, Role, Verb};

/// Method attributes of this macro besides the verbs.
const METHOD_FLAGS: [&str; 2] = ["no_auth", "ends_session"];
/// Argument attributes of this macro.
const PARAM_ROLES: [&str; 3] = ["query", "header", "body"];
/// Attributes of rustc's that may stay on a method (copied to the trait).
const PASSED_THROUGH: [&str; 8] = [
    "doc",
    "allow",
    "warn",
    "deny",
    "forbid",
    "expect",
    "deprecated",
    "must_use",
];
/// Headers the client sets itself.
const RESERVED_HEADERS: [&str; 6] = [
    "authorization",
    "cookie",
    "content-type",
    "content-length",
    "host",
    "transfer-encoding",
];

/// The arguments of `#[semaphore_api(...)]`.
pub fn attribute_args(args: TokenStream, cx: &mut Ctxt) -> syn::Path {
    let mut krate: Option<syn::Path> = None;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("crate") {
            let lit: LitStr = meta.value()?.parse().map_err(|_| {
                meta.error(r#"expected a path in a string: `crate = "my_crate::semaphore_api"`"#)
            })?;
            if krate.is_some() {
                return Err(meta.error("`crate` is given twice"));
            }
            krate = Some(lit.parse().map_err(|_| {
                syn::Error::new(lit.span(), format!("`{}` is not a path", lit.value()))
            })?);
            Ok(())
        } else {
            let name = meta.path.to_token_stream().to_string().replace(' ', "");
            Err(meta.error(format!(
                "unknown argument `{name}` of #[semaphore_api]; the only option is `crate = \"path\"`"
            )))
        }
    });
    if let Err(e) = syn::parse::Parser::parse2(parser, args) {
        cx.push(e);
    }
    krate.unwrap_or_else(|| syn::parse_quote!(::semaphore_api))
}

/// The trait: every method becomes an [`Endpoint`]; this macro's attributes are removed from
/// `item` so that it can be emitted back as it is, with or without errors.
pub fn api(krate: syn::Path, mut item: ItemTrait, cx: &mut Ctxt) -> Api {
    if let Some(unsafety) = &item.unsafety {
        cx.error(unsafety, "a #[semaphore_api] trait cannot be `unsafe`");
    }
    if let Some(auto) = &item.modifiers.auto_token {
        cx.error(auto, "a #[semaphore_api] trait cannot be an auto trait");
    }
    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        cx.error(&item.generics, "a #[semaphore_api] trait cannot be generic: `Client` implements it once; put the generics on methods");
    }
    if !item.supertraits.is_empty() {
        cx.error(&item.supertraits, "a #[semaphore_api] trait cannot have supertraits: declare each trait with #[semaphore_api] on its own");
    }
    let mut endpoints = Vec::new();
    for trait_item in &mut item.items {
        match trait_item {
            TraitItem::Fn(method) => {
                if let Some(endpoint) = endpoint(method, cx) {
                    endpoints.push(endpoint);
                }
            }
            other => cx.error(
                &*other,
                "a #[semaphore_api] trait holds only endpoint methods such as `#[get(\"/path\")] async fn name(&self) -> Result<T>;`",
            ),
        }
    }
    Api {
        krate,
        item,
        endpoints,
    }
}

/// `None` when the verb, the path or an argument could not be read: the cross-checks would
/// only repeat those errors. Mistakes elsewhere in the signature (not `async`, no `&self`, the
/// return type) still let the method be checked, so they are reported together.
fn endpoint(method: &mut TraitItemFn, cx: &mut Ctxt) -> Option<Endpoint> {
    let errors_before = cx.error_count();
    let attrs = method_attrs(&mut method.attrs, &method.sig, cx);
    let params = params(&mut method.sig, cx);
    let attrs_and_params_read = cx.error_count() == errors_before;
    if let Some(body) = &method.default {
        cx.error(
            body,
            "endpoint methods have no body: #[semaphore_api] writes it; end the signature with `;`",
        );
    }
    signature_shape(&method.sig, cx);
    let returned = returns(&method.sig, cx);
    let (verb, path) = attrs.verb?;
    if !attrs_and_params_read {
        return None;
    }
    // Without a readable return type the method is checked, never expanded (there are errors).
    let (returns, output, ok_type) =
        returned.unwrap_or_else(|| (Returns::Empty, parse_quote!(()), parse_quote!(())));
    Some(Endpoint {
        sig: method.sig.clone(),
        verb,
        path,
        params,
        no_auth: attrs.no_auth,
        ends_session: attrs.ends_session,
        returns,
        output,
        ok_type,
        lint_attrs: method
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("allow") || a.path().is_ident("expect"))
            .cloned()
            .collect(),
    })
}

struct MethodAttrs {
    verb: Option<(Verb, PathTemplate)>,
    no_auth: bool,
    ends_session: bool,
}

/// Takes this macro's attributes off a method.
fn method_attrs(attrs: &mut Vec<Attribute>, sig: &Signature, cx: &mut Ctxt) -> MethodAttrs {
    let mut out = MethodAttrs {
        verb: None,
        no_auth: false,
        ends_session: false,
    };
    let mut verb_seen = false;
    attrs.retain(|attr| {
        let Some(name) = attr.path().get_ident().map(|i| i.to_string()) else {
            cx.error(attr, "unknown attribute on an endpoint method; expected a verb (`#[get(\"/path\")]`, post, put, patch, delete), `#[no_auth]` or `#[ends_session]`");
            return false;
        };
        if PASSED_THROUGH.contains(&name.as_str()) {
            return true;
        }
        if let Some(verb) = Verb::from_name(&name) {
            if verb_seen {
                cx.error(attr, format!("a second verb: an endpoint method has exactly one of #[get], #[post], #[put], #[patch], #[delete]; remove `#[{name}]` or the other"));
            } else if let Some(path) = verb_path(attr, &name, cx) {
                out.verb = Some((verb, path));
            }
            verb_seen = true;
            return false;
        }
        if METHOD_FLAGS.contains(&name.as_str()) {
            if !matches!(attr.meta, Meta::Path(_)) {
                cx.error(attr, format!("`#[{name}]` takes no arguments"));
            }
            let flag = if name == "no_auth" { &mut out.no_auth } else { &mut out.ends_session };
            if *flag {
                cx.error(attr, format!("`#[{name}]` is given twice"));
            }
            *flag = true;
            return false;
        }
        let known = Verb::ALL.iter().map(|(n, _)| *n).chain(METHOD_FLAGS);
        let hint = match nearest(&name, known) {
            Some(near) => {
                // The misspelt verb is the one mistake: no "has no verb" on top of it.
                verb_seen |= Verb::from_name(near).is_some();
                format!("unknown attribute `#[{name}]`; did you mean `#[{near}]`?")
            }
            None if PARAM_ROLES.contains(&name.as_str()) => {
                format!("`#[{name}]` goes on an argument, not on the method")
            }
            None => format!("unknown attribute `#[{name}]` on an endpoint method; expected a verb (get, post, put, patch, delete), `no_auth` or `ends_session`"),
        };
        cx.error(attr, hint);
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

fn verb_path(attr: &Attribute, verb: &str, cx: &mut Ctxt) -> Option<PathTemplate> {
    let usage = format!("expected a path: `#[{verb}(\"/path/{{id}}\")]`");
    let Meta::List(list) = &attr.meta else {
        cx.error(attr, usage);
        return None;
    };
    let Ok(lit) = list.parse_args::<LitStr>() else {
        cx.error(&list.tokens, usage);
        return None;
    };
    path_template(lit, cx)
}

/// Splits `/a/{b}/c` into literals and placeholders, checking its form.
fn path_template(lit: LitStr, cx: &mut Ctxt) -> Option<PathTemplate> {
    let text = lit.value();
    let before = cx.error_count();
    let mut fail = |message: String| cx.error(&lit, message);
    if !text.starts_with('/') {
        fail(format!(
            "the path must start with `/`: \"/{}\"",
            text.trim_start_matches('/')
        ));
    }
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        match c {
            '{' => {
                let Some(end) = rest.find('}') else {
                    fail("unbalanced `{` in the path: close the placeholder with `}`".into());
                    break;
                };
                let name = &rest[1..end];
                if name.contains('{') {
                    fail("unbalanced `{` in the path: placeholders do not nest".into());
                } else if name.is_empty() {
                    fail("empty placeholder `{}` in the path: name the argument it binds, e.g. `{id}`".into());
                } else if !is_identifier(name) {
                    fail(format!(
                        "placeholder `{{{name}}}` is not an identifier: it must be the name of an argument"
                    ));
                } else if pieces
                    .iter()
                    .any(|p| matches!(p, Piece::Placeholder(n) if n == name))
                {
                    fail(format!(
                        "placeholder `{{{name}}}` appears twice in the path; an argument fills one place"
                    ));
                } else {
                    if !literal.is_empty() {
                        pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                    }
                    pieces.push(Piece::Placeholder(name.to_owned()));
                }
                rest = &rest[end + 1..];
                continue;
            }
            '}' => fail("unbalanced `}` in the path: there is no `{` before it".into()),
            '?' | '#' => fail(format!(
                "`{c}` in the path: declare query parameters with `#[query]` arguments"
            )),
            c if !is_path_char(c) => fail(format!(
                "{c:?} is not allowed in a path: write it percent-encoded, or pass it as a `{{placeholder}}` argument"
            )),
            _ => literal.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    if !literal.is_empty() {
        pieces.push(Piece::Literal(literal));
    }
    (cx.error_count() == before).then_some(PathTemplate { lit, pieces })
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

/// Checks the parts of the signature that are not arguments or the return type.
fn signature_shape(sig: &Signature, cx: &mut Ctxt) {
    if sig.asyncness.is_none() {
        cx.error(
            sig.fn_token,
            format!(
                "`{}` must be `async fn`: endpoint methods are awaited",
                sig.ident
            ),
        );
    }
    if let Some(constness) = &sig.constness {
        cx.error(constness, "endpoint methods cannot be `const`");
    }
    match &sig.safety {
        syn::Safety::Unsafe(unsafety) => cx.error(unsafety, "endpoint methods cannot be `unsafe`"),
        syn::Safety::Safe(safe) => cx.error(safe, "endpoint methods cannot be `safe`"),
        _ => {}
    }
    if let Some(abi) = &sig.abi {
        cx.error(abi, "endpoint methods cannot have an ABI");
    }
    if let Some(variadic) = &sig.variadic {
        cx.error(variadic, "endpoint methods cannot be variadic");
    }
    match sig.inputs.first() {
        Some(FnArg::Receiver(r))
            if matches!(r.kind, syn::ReceiverKind::Reference(_, _, None))
                && r.mutability.is_none() => {}
        Some(FnArg::Receiver(r)) => {
            cx.error(r, "endpoint methods take `&self`: the client is shared")
        }
        _ => cx.error(
            &sig.ident,
            format!("`{}` needs `&self` as its first argument", sig.ident),
        ),
    }
}

/// The arguments after `&self`, with their role attributes taken off.
fn params(sig: &mut Signature, cx: &mut Ctxt) -> Vec<Param> {
    let mut params = Vec::new();
    for input in sig.inputs.iter_mut() {
        let FnArg::Typed(arg) = input else { continue };
        let role = role(&mut arg.attrs, cx);
        let name = match &*arg.pat {
            Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => p.ident.clone(),
            pat => {
                cx.error(pat, "endpoint arguments must be plain names (`name: Type`): the name binds a placeholder or is sent as written");
                // Emitted back as `_`, which a method without a body may have: one error only.
                *arg.pat = syn::parse_quote!(_);
                continue;
            }
        };
        let (role, role_tokens) = role.unwrap_or_else(|| (Role::Path, name.to_token_stream()));
        params.push(Param {
            name,
            ty: (*arg.ty).clone(),
            role,
            role_tokens,
        });
    }
    params
}

/// Takes the role attribute (`#[query]`, `#[header("..")]`, `#[body]`) off an argument.
fn role(attrs: &mut Vec<Attribute>, cx: &mut Ctxt) -> Option<(Role, TokenStream)> {
    let mut found: Option<(Role, TokenStream)> = None;
    attrs.retain(|attr| {
        let name = attr.path().get_ident().map(|i| i.to_string()).unwrap_or_default();
        if PASSED_THROUGH.contains(&name.as_str()) && name != "doc" {
            return true;
        }
        let role = match name.as_str() {
            "query" => query(attr, cx),
            "header" => header(attr, cx),
            "body" => {
                if !matches!(attr.meta, Meta::Path(_)) {
                    cx.error(attr, "`#[body]` takes no arguments");
                }
                Some(Role::Body)
            }
            _ => {
                let hint = match nearest(&name, PARAM_ROLES) {
                    Some(near) => format!("unknown argument attribute `#[{name}]`; did you mean `#[{near}]`?"),
                    None if Verb::from_name(&name).is_some() || METHOD_FLAGS.contains(&name.as_str()) => {
                        format!("`#[{name}]` goes on the method, not on an argument")
                    }
                    None => format!("unknown argument attribute `#[{name}]`; expected `#[query]`, `#[query(\"key\")]`, `#[header(\"X-Name\")]` or `#[body]` (no attribute: a `{{placeholder}}` of the path)"),
                };
                cx.error(attr, hint);
                return false;
            }
        };
        if let Some(role) = role {
            if found.is_some() {
                cx.error(attr, "an argument has one role: it is a path placeholder, a #[query], a #[header] or the #[body], not two of them");
            } else {
                found = Some((role, attr.to_token_stream()));
            }
        }
        false
    });
    found
}

fn query(attr: &Attribute, cx: &mut Ctxt) -> Option<Role> {
    match &attr.meta {
        Meta::Path(_) => Some(Role::Query(String::new())), // the argument's name, filled in by check
        Meta::List(list) => match list.parse_args::<LitStr>() {
            Ok(key) if key.value().is_empty() => {
                cx.error(&key, "a query key cannot be empty");
                None
            }
            Ok(key) => Some(Role::Query(key.value())),
            Err(_) => {
                cx.error(&list.tokens, "expected the key as a string: `#[query(\"key\")]`, or `#[query]` for the argument's name");
                None
            }
        },
        Meta::NameValue(_) => {
            cx.error(attr, "expected `#[query]` or `#[query(\"key\")]`");
            None
        }
    }
}

fn header(attr: &Attribute, cx: &mut Ctxt) -> Option<Role> {
    let Meta::List(list) = &attr.meta else {
        cx.error(attr, "expected the header's name: `#[header(\"X-Name\")]`");
        return None;
    };
    let Ok(name) = list.parse_args::<LitStr>() else {
        cx.error(
            &list.tokens,
            "expected the header's name as a string: `#[header(\"X-Name\")]`",
        );
        return None;
    };
    let text = name.value();
    if text.is_empty() || !text.bytes().all(is_token_byte) {
        cx.error(
            &name,
            format!("`{text}` is not a valid header name: use letters, digits and `-`"),
        );
        return None;
    }
    if RESERVED_HEADERS.contains(&text.to_ascii_lowercase().as_str()) {
        cx.error(
            &name,
            format!("the client sets `{text}` itself; it cannot be an argument"),
        );
        return None;
    }
    Some(Role::Header(text))
}

/// RFC 9110 `tchar`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// `-> Result<T>`: what a success is turned into, `Result<T>` and `T`.
fn returns(sig: &Signature, cx: &mut Ctxt) -> Option<(Returns, Type, Type)> {
    let output = &sig.output;
    let usage = "endpoint methods return `Result<T>` (semaphore_api::Result): `Result<MyModel>` decodes JSON, `Result<()>` ignores the body, `Result<Redirect>` returns a redirect";
    let ReturnType::Type(_, ty) = output else {
        let after_arguments = sig.paren_token.span.close();
        cx.error_at(
            after_arguments,
            format!("`{}` has no return type: {usage}", sig.ident),
        );
        return None;
    };
    let ok = match &**ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().and_then(|last| {
            if last.ident != "Result" {
                return None;
            }
            let PathArguments::AngleBracketed(args) = &last.arguments else {
                return None;
            };
            match args.args.iter().collect::<Vec<_>>().as_slice() {
                [GenericArgument::Type(t)] => Some(t.clone()),
                _ => None,
            }
        }),
        _ => None,
    };
    let Some(ok) = ok else {
        cx.error(ty, format!("this return type is not `Result<T>`: {usage}"));
        return None;
    };
    let returns = match &ok {
        Type::Tuple(t) if t.elems.is_empty() => Returns::Empty,
        Type::Path(p)
            if p.qself.is_none()
                && p.path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "Redirect" && s.arguments.is_none()) =>
        {
            Returns::Redirect
        }
        Type::ImplTrait(_) => {
            cx.error(&ok, "`impl Trait` cannot be decoded into: name a concrete type that implements `Deserialize`");
            return None;
        }
        Type::Reference(_) => {
            cx.error(
                &ok,
                "a reference cannot be decoded into: return an owned type (`String`, not `&str`)",
            );
            return None;
        }
        _ => Returns::Json,
    };
    Some((returns, (**ty).clone(), ok))
}
