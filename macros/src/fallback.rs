//! What is emitted beside the errors, so that the user sees only the errors of the
//! declaration: the trait as written (by lib.rs) and this implementation for `Client`, whose
//! bodies are never compiled into anything (the crate does not build), so that code calling
//! the trait's methods still type-checks.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::{FnArg, ReturnType, TraitItem};

use crate::model::Api;

/// Left out where it would add errors of its own: a generic trait, supertraits, items other
/// than methods, a result with `impl Trait` in it (rustc would ask what type it is).
pub fn client_impl(api: &Api) -> TokenStream {
    let item = &api.item;
    let only_methods = item.items.iter().all(|i| matches!(i, TraitItem::Fn(_)));
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
