//! The `#[semaphore_api]` attribute. Use it through the `semaphore-api` crate, whose
//! documentation of `semaphore_api` is the reference for its grammar.
//!
//! One pass: parse.rs reads the trait into the model (model.rs), check.rs applies every rule
//! to it, and expand.rs writes the code from it; errors from all of them are collected
//! (ctxt.rs) and reported together, with the trait and fallback.rs's implementation beside.

use proc_macro::TokenStream;
use quote::ToTokens;

mod attr_names;
mod check;
mod ctxt;
mod expand;
mod fallback;
mod method_attrs;
mod model;
mod parse;
mod path;
mod shape;
mod suggest;

/// Writes the implementation of an endpoint trait for `semaphore_api::Client`.
///
/// See the documentation of `semaphore_api::semaphore_api` for the grammar.
#[proc_macro_attribute]
pub fn semaphore_api(args: TokenStream, input: TokenStream) -> TokenStream {
    semaphore_api_impl(args.into(), input.into()).into()
}

/// On any error, the trait comes back (without this macro's attributes) together with every
/// error, so one mistake gives its own message and not a cascade of "cannot find attribute"
/// or "method not found" errors.
fn semaphore_api_impl(
    args: proc_macro2::TokenStream,
    input: proc_macro2::TokenStream,
) -> proc_macro2::TokenStream {
    let item: syn::ItemTrait = match syn::parse2(input.clone()) {
        Ok(item) => item,
        Err(_) => {
            let mut out = not_a_trait(input.clone()).to_compile_error();
            out.extend(input);
            return out;
        }
    };
    let mut cx = ctxt::Ctxt::default();
    let krate = parse::options(args, &mut cx);
    let api = parse::api(krate, item, &mut cx);
    check::api(&api, &mut cx);
    match cx.check() {
        Ok(()) => expand::api(&api),
        Err(errors) => {
            let mut out = errors.to_compile_error();
            api.item.to_tokens(&mut out);
            out.extend(fallback::client_impl(&api));
            out
        }
    }
}

/// The error for an item that is not a trait, on the attribute: the item is not wrong, the
/// attribute's place is.
fn not_a_trait(input: proc_macro2::TokenStream) -> syn::Error {
    let usage = "`#[semaphore_api] pub trait MyApi { #[get(\"/path\")] async fn name(&self) -> Result<T>; }`";
    let kind = match syn::parse2::<syn::Item>(input) {
        Ok(syn::Item::Struct(_)) => "a struct",
        Ok(syn::Item::Enum(_)) => "an enum",
        Ok(syn::Item::Union(_)) => "a union",
        Ok(syn::Item::Fn(_)) => "a function",
        Ok(syn::Item::Impl(_)) => "an impl block",
        Ok(syn::Item::Mod(_)) => "a module",
        Ok(syn::Item::TraitAlias(_)) => "a trait alias",
        _ => "this item",
    };
    let message = format!("#[semaphore_api] goes on a trait, not on {kind}: {usage}");
    syn::Error::new(proc_macro2::Span::call_site(), message)
}
