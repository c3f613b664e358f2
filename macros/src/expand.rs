//! The model as tokens: the trait with `impl Future + Send` methods and its `ENDPOINTS`, and
//! its implementation for `Client`, each method a short chain of calls into the runtime.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{FnArg, ReturnType, TraitItem, parse_quote};

use crate::model::{Api, Endpoint, Piece, Returns, Role};

pub fn api(api: &Api) -> TokenStream {
    let krate = &api.krate;
    let private = quote!(#krate::__private_v1);
    let trait_name = &api.item.ident;

    let mut item = api.item.clone();
    for trait_item in &mut item.items {
        if let TraitItem::Fn(method) = trait_item {
            let output = match &method.sig.output {
                ReturnType::Type(_, ty) => ty.clone(),
                ReturnType::Default => continue, // rejected by parse
            };
            method.sig.asyncness = None;
            method.sig.output = returns_future(&private, &output);
        }
    }
    let descriptions = api.endpoints.iter().map(|e| description(e, &private));
    let endpoints_doc = format!(
        "Every method of `{trait_name}` as `#[semaphore_api]` understood it, in declaration order."
    );
    item.items.insert(
        0,
        parse_quote! {
            #[doc = #endpoints_doc]
            const ENDPOINTS: &'static [#private::Endpoint] = &[#(#descriptions),*];
        },
    );

    let methods = api
        .endpoints
        .iter()
        .enumerate()
        .map(|(index, e)| method(e, index, api, &private));
    quote! {
        #item

        impl #trait_name for #krate::Client {
            #(#methods)*
        }
    }
}

/// `Endpoint::__new(..)` for the trait's `ENDPOINTS`.
fn description(endpoint: &Endpoint, private: &TokenStream) -> TokenStream {
    let name = endpoint.sig.ident.to_string();
    let method = format_ident!("{}", endpoint.verb.variant());
    let path = endpoint.path.lit.value();
    let params = endpoint.params.iter().map(|p| {
        let name = unraw(&p.name);
        let role = match &p.role {
            Role::Path => quote!(#private::Role::Path),
            Role::Query(key) => quote!(#private::Role::Query { key: #key }),
            Role::Header(header) => quote!(#private::Role::Header { name: #header }),
            Role::Body => quote!(#private::Role::Body),
        };
        quote!(#private::Param::__new(#name, #role))
    });
    let auth = !endpoint.no_auth;
    let ends_session = endpoint.ends_session;
    let returns = format_ident!("{}", endpoint.returns.variant());
    quote! {
        #private::Endpoint::__new(
            #name, #private::Method::#method, #path, &[#(#params),*],
            #auth, #ends_session, #private::Returns::#returns,
        )
    }
}

/// The method of `impl Trait for Client`.
fn method(endpoint: &Endpoint, index: usize, api: &Api, private: &TokenStream) -> TokenStream {
    let trait_name = &api.item.ident;
    let mut sig = endpoint.sig.clone();
    let output = &endpoint.output;
    sig.asyncness = None;
    sig.output = returns_future(private, output);
    for input in sig.inputs.iter_mut() {
        if let FnArg::Typed(arg) = input {
            arg.attrs.clear();
        }
    }

    let mut chain = Vec::new();
    for piece in &endpoint.path.pieces {
        chain.push(match piece {
            Piece::Literal(text) => quote!(.path(#text)),
            Piece::Placeholder(name) => {
                let param = endpoint.params.iter().find(|p| unraw(&p.name) == *name);
                let Some(param) = param else { continue }; // rejected by check
                let ident = &param.name;
                // Spanned on the user's type: "`T` doesn't implement `Display`" lands there.
                quote_spanned!(param.ty.span()=> .segment(#name, &#ident))
            }
        });
    }
    for param in &endpoint.params {
        let ident = &param.name;
        let name = unraw(ident);
        let span = param.ty.span();
        chain.push(match &param.role {
            Role::Path => continue,
            Role::Query(key) => quote_spanned!(span=> .query(#name, #key, &#ident)),
            Role::Header(header) => {
                let lower = header.to_ascii_lowercase();
                quote_spanned!(span=> .header(
                    #name,
                    const { #private::HeaderName::from_static(#lower) },
                    &#ident,
                ))
            }
            Role::Body => quote_spanned!(span=> .json(#name, &#ident)),
        });
    }
    let ok_type = &endpoint.ok_type;
    // The whole last call on the user's `T`: "`T` is not `DeserializeOwned`" lands there. The
    // `async` block keeps `send_json::<T>`'s future out of the signature's `impl Future`,
    // which rustc would otherwise check again and report a second time.
    let send = match endpoint.returns {
        Returns::Json => {
            quote_spanned!(ok_type.span()=> async move { __request.send_json::<#ok_type>().await })
        }
        Returns::Empty => quote!(__request.send_empty()),
        Returns::Redirect => quote!(__request.send_redirect()),
    };
    let attrs = &endpoint.lint_attrs;
    quote! {
        #(#attrs)*
        #sig {
            let __request = #private::Request::new(self, &<Self as #trait_name>::ENDPOINTS[#index])
                #(#chain)*;
            #send
        }
    }
}

/// `async fn -> T` as `fn -> impl Future<Output = T> + Send`, so calls work in `tokio::spawn`.
/// Spanned on the declared type, so rustc's errors about the result type land there.
fn returns_future(private: &TokenStream, output: &syn::Type) -> ReturnType {
    syn::parse_quote_spanned!(output.span()=> -> impl #private::Future<Output = #output> + #private::Send)
}

fn unraw(ident: &syn::Ident) -> String {
    let name = ident.to_string();
    name.strip_prefix("r#").map(str::to_owned).unwrap_or(name)
}

/// After errors: `impl Trait for Client` with bodies that are never compiled into anything
/// (the crate does not build), so that code calling the trait's methods type-checks and the
/// user sees only the errors of the declaration. Left out where it would add errors of its
/// own: a generic trait, supertraits, items other than methods.
pub fn stand_in_impl(api: &Api) -> TokenStream {
    let item = &api.item;
    let only_methods = item.items.iter().all(|i| matches!(i, TraitItem::Fn(_)));
    // `-> Result<impl Trait>` cannot be stood in for: rustc would ask what type it is.
    let opaque_output = item.items.iter().any(|i| match i {
        TraitItem::Fn(m) => has_impl_keyword(&m.sig.output),
        _ => false,
    });
    if !item.generics.params.is_empty()
        || !item.supertraits.is_empty()
        || !only_methods
        || opaque_output
    {
        return TokenStream::new();
    }
    let krate = &api.krate;
    let trait_name = &item.ident;
    let methods = item.items.iter().filter_map(|i| match i {
        TraitItem::Fn(method) if method.default.is_none() => {
            let mut sig = method.sig.clone();
            for input in sig.inputs.iter_mut() {
                if let FnArg::Typed(arg) = input {
                    arg.attrs.clear();
                }
            }
            Some(quote! {
                #[allow(unused_variables)]
                #sig {
                    ::core::unreachable!("#[semaphore_api] reported errors")
                }
            })
        }
        _ => None,
    });
    quote! {
        impl #trait_name for #krate::Client {
            #(#methods)*
        }
    }
}

/// Whether `impl` appears anywhere in a return type, groups included.
fn has_impl_keyword(output: &ReturnType) -> bool {
    fn walk(tokens: TokenStream) -> bool {
        tokens.into_iter().any(|t| match t {
            proc_macro2::TokenTree::Ident(i) => i == "impl",
            proc_macro2::TokenTree::Group(g) => walk(g.stream()),
            _ => false,
        })
    }
    walk(output.to_token_stream())
}
