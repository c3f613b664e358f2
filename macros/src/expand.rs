//! The model as tokens: the trait with `impl Future + Send` methods and its `ENDPOINTS`, and
//! its implementation for `Client`, each method a short chain of calls into the runtime.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
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
    let send = match endpoint.returns {
        Returns::Json => quote_spanned!(ok_type.span()=> .send_json::<#ok_type>()),
        Returns::Empty => quote!(.send_empty()),
        Returns::Redirect => quote!(.send_redirect()),
    };
    let attrs = &endpoint.lint_attrs;
    quote! {
        #(#attrs)*
        #sig {
            #private::Request::new(self, &<Self as #trait_name>::ENDPOINTS[#index])
                #(#chain)*
                #send
        }
    }
}

/// `async fn -> T` as `fn -> impl Future<Output = T> + Send`, so calls work in `tokio::spawn`.
fn returns_future(private: &TokenStream, output: &syn::Type) -> ReturnType {
    parse_quote!(-> impl #private::Future<Output = #output> + #private::Send)
}

fn unraw(ident: &syn::Ident) -> String {
    let name = ident.to_string();
    name.strip_prefix("r#").map(str::to_owned).unwrap_or(name)
}
