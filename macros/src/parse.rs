//! Reads `#[semaphore_api(...)]` and the trait into the model: this macro's attributes come
//! off, placeholders are bound to the arguments they name, query keys are filled in and the
//! kind of answer is decided. Reports only what cannot be read (an unknown or malformed
//! attribute, a path or header name that is not well-formed, a pattern for an argument, a
//! result that is not `Name<T>`); every rule about what was read is in check.rs.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::{
    Attribute, FnArg, GenericArgument, Ident, ItemTrait, LitStr, Meta, Pat, PathArguments,
    ReturnType, Signature, TraitItem, TraitItemFn, Type, TypePath,
};

use crate::attr_names::{METHOD_FLAGS, PARAM_ROLES, PASSED_THROUGH, REPEATED_ON_IMPL};
use crate::ctxt::Ctxt;
use crate::method_attrs::method_attrs;
use crate::model::{Api, DeclaredResult, Endpoint, Fill, Param, Piece, Returns, Role, Verb};
use crate::shape;
use crate::suggest::nearest;

/// The options of `#[semaphore_api(...)]`: where the runtime is.
pub fn options(args: TokenStream, cx: &mut Ctxt) -> syn::Path {
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

/// The trait: every method that can be read becomes an [`Endpoint`]. This macro's attributes
/// are taken off `item`, so that it can be emitted back as it is when there are errors.
pub fn api(krate: syn::Path, mut item: ItemTrait, cx: &mut Ctxt) -> Api {
    let endpoints = item
        .items
        .iter_mut()
        .filter_map(|trait_item| match trait_item {
            TraitItem::Fn(method) => endpoint(method, cx),
            _ => None, // not a method: check.rs says so
        })
        .collect();
    Api {
        krate,
        item,
        endpoints,
    }
}

/// `None` when the verb, the path or an argument could not be read: the cross-checks would
/// only repeat those errors. An unreadable return type still lets the method be
/// cross-checked, so that its mistakes are reported together.
fn endpoint(method: &mut TraitItemFn, cx: &mut Ctxt) -> Option<Endpoint> {
    let errors_before = cx.error_count();
    let attrs = method_attrs(&mut method.attrs, &method.sig, cx);
    let params = params(&mut method.sig, cx);
    let read = cx.error_count() == errors_before;
    let answer = answer(&method.sig, cx);
    let (verb, mut path) = attrs.verb?;
    if !read {
        return None;
    }
    for piece in &mut path.pieces {
        if let Piece::Placeholder(placeholder) = piece {
            placeholder.param = params.iter().position(|p| p.name == placeholder.name);
        }
    }
    let repeated_on_impl = |attr: &&Attribute| {
        REPEATED_ON_IMPL
            .iter()
            .any(|name| attr.path().is_ident(name))
    };
    Some(Endpoint {
        impl_attrs: method
            .attrs
            .iter()
            .filter(repeated_on_impl)
            .cloned()
            .collect(),
        attrs: method.attrs.clone(),
        sig: method.sig.clone(),
        verb,
        path,
        params,
        auth: !attrs.no_auth,
        ends_session: attrs.ends_session,
        idempotence: attrs.idempotence,
        since: attrs.since,
        answer,
    })
}

/// The arguments after `&self`, with their role attributes taken off.
fn params(sig: &mut Signature, cx: &mut Ctxt) -> Vec<Param> {
    let mut params = Vec::new();
    for input in sig.inputs.iter_mut() {
        let FnArg::Typed(arg) = input else { continue };
        let ident: Option<Ident> = match &*arg.pat {
            Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => Some(p.ident.clone()),
            _ => None,
        };
        let name = ident.as_ref().map(|i| i.unraw().to_string());
        let role = role(&mut arg.attrs, name.as_deref().unwrap_or_default(), cx);
        let (Some(ident), Some(name)) = (ident, name) else {
            cx.error(&arg.pat, "endpoint arguments must be plain names (`name: Type`): the name binds a placeholder or is sent as written");
            // Emitted back as `_`, which a method without a body may have: one error only.
            *arg.pat = syn::parse_quote!(_);
            continue;
        };
        let (role, role_tokens) = role.unwrap_or_else(|| (Role::Path, ident.to_token_stream()));
        params.push(Param {
            ident,
            name,
            ty: (*arg.ty).clone(),
            role,
            role_tokens,
        });
    }
    resolve_fills(&mut params);
    params
}

/// Binds each `#[body(..)]` fill to the index of the argument it names.
fn resolve_fills(params: &mut [Param]) {
    let names: Vec<String> = params.iter().map(|p| p.name.clone()).collect();
    for param in params.iter_mut() {
        if let Role::Body { fills } = &mut param.role {
            for fill in fills {
                let wanted = fill.param_ident.unraw().to_string();
                fill.param = names.iter().position(|n| *n == wanted);
            }
        }
    }
}

/// Takes the role attribute (`#[query]`, `#[header("..")]`, `#[body]`) off an argument called
/// `name`.
fn role(attrs: &mut Vec<Attribute>, name: &str, cx: &mut Ctxt) -> Option<(Role, TokenStream)> {
    let mut found: Option<(Role, TokenStream)> = None;
    attrs.retain(|attr| {
        let attr_name = attr.path().get_ident().map(|i| i.to_string()).unwrap_or_default();
        if PASSED_THROUGH.contains(&attr_name.as_str()) && attr_name != "doc" {
            return true;
        }
        let role = match attr_name.as_str() {
            "query" => query(attr, name, cx),
            "header" => header(attr, cx),
            "body" => body(attr, cx),
            _ => {
                let hint = match nearest(&attr_name, PARAM_ROLES) {
                    Some(near) => format!("unknown argument attribute `#[{attr_name}]`; did you mean `#[{near}]`?"),
                    None if Verb::from_name(&attr_name).is_some() || METHOD_FLAGS.contains(&attr_name.as_str()) => {
                        format!("`#[{attr_name}]` goes on the method, not on an argument")
                    }
                    None => format!("unknown argument attribute `#[{attr_name}]`; expected `#[query]`, `#[query(\"key\")]`, `#[header(\"X-Name\")]` or `#[body]` (no attribute: a `{{placeholder}}` of the path)"),
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

/// `#[body]`, or `#[body(project_id, id = template_id)]`: body fields set from path arguments.
fn body(attr: &Attribute, cx: &mut Ctxt) -> Option<Role> {
    let fills = match &attr.meta {
        Meta::Path(_) => Vec::new(),
        Meta::List(list) => {
            let parsed = list.parse_args_with(
                syn::punctuated::Punctuated::<FillSpec, syn::Token![,]>::parse_terminated,
            );
            match parsed {
                Ok(specs) => specs
                    .into_iter()
                    .map(|spec| Fill {
                        key: spec.key.unwrap_or_else(|| spec.param.unraw().to_string()),
                        param_ident: spec.param,
                        param: None,
                    })
                    .collect(),
                Err(_) => {
                    cx.error(attr, "`#[body(..)]` lists the body fields the client sets from path arguments: `#[body(project_id, id = template_id)]`");
                    Vec::new()
                }
            }
        }
        Meta::NameValue(_) => {
            cx.error(attr, "`#[body]` takes no value; to set body fields from path arguments, write `#[body(project_id, id = template_id)]`");
            Vec::new()
        }
    };
    Some(Role::Body { fills })
}

/// One entry of `#[body(..)]`: `param` or `key = param`.
struct FillSpec {
    key: Option<String>,
    param: Ident,
}

impl syn::parse::Parse for FillSpec {
    fn parse(input: syn::parse::ParseStream<'_>) -> syn::Result<Self> {
        let first: Ident = input.parse()?;
        if input.peek(syn::Token![=]) {
            input.parse::<syn::Token![=]>()?;
            let param: Ident = input.parse()?;
            Ok(FillSpec {
                key: Some(first.unraw().to_string()),
                param,
            })
        } else {
            Ok(FillSpec {
                key: None,
                param: first,
            })
        }
    }
}

/// `#[query]`, whose key is the argument's `name`, or `#[query("key")]`.
fn query(attr: &Attribute, name: &str, cx: &mut Ctxt) -> Option<Role> {
    match &attr.meta {
        Meta::Path(_) => Some(Role::Query {
            key: name.to_owned(),
        }),
        Meta::List(list) => match list.parse_args::<LitStr>() {
            Ok(key) if key.value().is_empty() => {
                cx.error(&key, "a query key cannot be empty");
                None
            }
            Ok(key) => Some(Role::Query { key: key.value() }),
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
    Some(Role::Header {
        name: text,
        span: name.span(),
    })
}

/// RFC 9110 `tchar`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// `-> Result<T>`, or another spelling of it (`std::result::Result<T, Error>`, an alias
/// `ApiResult<T>`): any path whose first type argument is `T`. That the type really is
/// `semaphore_api::Result<T>` is left to rustc, through the runtime's `Output` trait.
fn answer(sig: &Signature, cx: &mut Ctxt) -> Option<DeclaredResult> {
    let usage = "endpoint methods return `Result<T>` (semaphore_api::Result, or an alias of it that takes `T`): `Result<MyModel>` decodes JSON, `Result<()>` ignores the body, `Result<Redirect>` returns a redirect";
    let ReturnType::Type(_, output) = &sig.output else {
        let after_arguments = sig.paren_token.span.close();
        cx.error_at(
            after_arguments,
            format!("`{}` has no return type: {usage}", sig.ident),
        );
        return None;
    };
    let ok = match &**output {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().and_then(|last| {
            let PathArguments::AngleBracketed(args) = &last.arguments else {
                return None;
            };
            args.args.iter().find_map(|arg| match arg {
                GenericArgument::Type(t) => Some(t.clone()),
                _ => None,
            })
        }),
        _ => None,
    };
    let Some(ok) = ok else {
        cx.error(
            output,
            format!("this return type is not `Result<T>`: {usage}"),
        );
        return None;
    };
    let returns = match &ok {
        Type::Tuple(t) if t.elems.is_empty() => Returns::Empty,
        ty if names(ty, "Redirect", &[]) => Returns::Redirect,
        ty if names(ty, "String", &[&["std", "string"], &["alloc", "string"]]) => Returns::Text,
        _ => Returns::Json,
    };
    let (layers, inner) = match returns {
        Returns::Json => shape::peel(&ok),
        _ => (Vec::new(), &ok),
    };
    let inner = inner.clone();
    Some(DeclaredResult {
        output: (**output).clone(),
        ok,
        returns,
        layers,
        inner,
    })
}

/// Whether `ty` is the type `name` without arguments, written alone or after one of `modules`
/// (or, when `modules` is empty, after any path).
fn names(ty: &Type, name: &str, modules: &[&[&str]]) -> bool {
    let Type::Path(TypePath {
        qself: None, path, ..
    }) = ty
    else {
        return false;
    };
    let Some(last) = path.segments.last() else {
        return false;
    };
    let before: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let before = &before[..before.len() - 1];
    last.ident == name
        && last.arguments.is_none()
        && (modules.is_empty() || before.is_empty() || modules.iter().any(|m| before == *m))
}
