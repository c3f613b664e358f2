//! The model as tokens: the trait, its methods as `fn -> impl Future + Send` and its
//! `ENDPOINTS`, then its implementation for `Client`, each method a short chain of calls into
//! the runtime. Runs only on a model without errors, and only reads it.

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{FnArg, Signature, TraitItem, TraitItemFn, parse_quote};

use crate::model::{Api, DeclaredResult, Endpoint, Layer, Piece, Returns, Role, Verb};
use crate::shape::shape_tokens;

pub fn api(api: &Api) -> TokenStream {
    let krate = &api.krate;
    let private = quote!(#krate::__private_v1);
    let trait_name = &api.item.ident;
    let endpoints: Vec<(&Endpoint, &DeclaredResult)> = api
        .endpoints
        .iter()
        .map(|endpoint| {
            let answer = endpoint.answer.as_ref();
            (
                endpoint,
                answer.expect("an unreadable return type is an error"),
            )
        })
        .collect();

    let descriptions = endpoints
        .iter()
        .map(|(endpoint, answer)| description(endpoint, answer, &private));
    let endpoints_doc = format!(
        "Every method of `{trait_name}` as `#[semaphore_api]` understood it, in declaration order."
    );
    let mut item = api.item.clone();
    item.items = vec![parse_quote! {
        #[doc = #endpoints_doc]
        const ENDPOINTS: &'static [#private::Endpoint] = &[#(#descriptions),*];
    }];
    let mut methods = Vec::new();
    for (index, (endpoint, answer)) in endpoints.iter().enumerate() {
        let sig = future_signature(&endpoint.sig, answer, &private);
        item.items.push(TraitItem::Fn(TraitItemFn {
            attrs: endpoint.attrs.clone(),
            modifiers: Default::default(),
            sig: sig.clone(),
            default: None,
            semi_token: Some(Default::default()),
        }));
        methods.push(method(endpoint, answer, sig, index, api, &private));
    }
    quote! {
        #item

        impl #trait_name for #krate::Client {
            #(#methods)*
        }
    }
}

/// `Endpoint::__new(..)`, one element of the trait's `ENDPOINTS`.
fn description(endpoint: &Endpoint, answer: &DeclaredResult, private: &TokenStream) -> TokenStream {
    let name = endpoint.sig.ident.to_string();
    let method = match endpoint.verb {
        Verb::Get => quote!(#private::Method::Get),
        Verb::Post => quote!(#private::Method::Post),
        Verb::Put => quote!(#private::Method::Put),
        Verb::Patch => quote!(#private::Method::Patch),
        Verb::Delete => quote!(#private::Method::Delete),
    };
    let path = endpoint.path.lit.value();
    let params = endpoint.params.iter().map(|param| {
        let name = &param.name;
        let role = match &param.role {
            Role::Path => quote!(#private::Role::Path),
            Role::Query { key } => quote!(#private::Role::Query { key: #key }),
            Role::Header { name, .. } => quote!(#private::Role::Header { name: #name }),
            Role::Body { .. } => quote!(#private::Role::Body),
        };
        quote!(#private::Param::__new(#name, #role))
    });
    let returns = match answer.returns {
        Returns::Json => quote!(#private::Returns::Json),
        Returns::Text => quote!(#private::Returns::Text),
        Returns::Empty => quote!(#private::Returns::Empty),
        Returns::Redirect => quote!(#private::Returns::Redirect),
    };
    let no_auth = (!endpoint.auth).then(|| quote!(.__no_auth()));
    let ends_session = endpoint.ends_session.then(|| quote!(.__ends_session()));
    let idempotent = endpoint.idempotence.resolve(endpoint.verb);
    let idempotence =
        (idempotent != endpoint.verb.is_idempotent()).then(|| quote!(.__idempotent(#idempotent)));
    let since = endpoint.since.as_ref().map(|v| quote!(.__since(#v)));
    quote! {
        #private::Endpoint::__new(#name, #method, #path, &[#(#params),*], #returns)
            #no_auth #ends_session #idempotence #since
    }
}

/// `async fn -> T` as `fn -> impl Future<Output = T> + Send`, so calls work in `tokio::spawn`;
/// the trait's method and the implementation's. Spanned on the declared type, so rustc's
/// errors about it land there.
fn future_signature(sig: &Signature, answer: &DeclaredResult, private: &TokenStream) -> Signature {
    let output = &answer.output;
    let mut sig = sig.clone();
    sig.asyncness = None;
    sig.output = syn::parse_quote_spanned! {output.span()=>
        -> impl #private::Future<Output = #output> + #private::Send
    };
    sig
}

/// The method of `impl Trait for Client`.
fn method(
    endpoint: &Endpoint,
    answer: &DeclaredResult,
    mut sig: Signature,
    index: usize,
    api: &Api,
    private: &TokenStream,
) -> TokenStream {
    let trait_name = &api.item.ident;
    // Lint attributes stay on the trait's arguments: here the arguments are all used.
    for input in sig.inputs.iter_mut() {
        if let FnArg::Typed(arg) = input {
            arg.attrs.clear();
        }
    }
    let mut chain = Vec::new();
    for piece in &endpoint.path.pieces {
        chain.push(match piece {
            Piece::Literal(text) => quote!(.path(#text)),
            Piece::Placeholder(placeholder) => {
                let index = placeholder
                    .param
                    .expect("an unbound placeholder is an error");
                let param = &endpoint.params[index];
                let (name, ident) = (&param.name, &param.ident);
                // Spanned on the user's type: "`T` cannot fill a `{placeholder}`" lands there.
                quote_spanned!(param.ty.span()=> .segment(#name, &#ident))
            }
        });
    }
    for param in &endpoint.params {
        let (name, ident) = (&param.name, &param.ident);
        let span = param.ty.span();
        chain.push(match &param.role {
            Role::Path => continue, // in path order, above
            Role::Query { key } => quote_spanned!(span=> .query(#name, #key, &#ident)),
            Role::Header { name: header, .. } => {
                let lower = header.to_ascii_lowercase();
                quote_spanned!(span=> .header(
                    #name,
                    const { #private::HeaderName::from_static(#lower) },
                    &#ident,
                ))
            }
            Role::Body { fills } => {
                let fills = fills.iter().filter_map(|fill| {
                    let key = &fill.key;
                    let argument = &endpoint.params[fill.param?].ident;
                    Some(quote_spanned!(span=> .fill_body(#name, #key, &#argument)))
                });
                quote_spanned!(span=> .json(#name, &#ident) #(#fills)*)
            }
        });
    }
    let attrs = &endpoint.impl_attrs;
    let call = call(answer, private);
    quote! {
        #(#attrs)*
        #sig {
            let __request = #private::Request::new(self, &<Self as #trait_name>::ENDPOINTS[#index])
                #(#chain)*;
            #call
        }
    }
}

/// Sends `__request`, as the declared result's future.
///
/// rustc reports an unmet bound once for each expression that needs it, unless they have the
/// same span; so these expressions are given the span of the user's type, and each mistake
/// in it is reported once, on it.
fn call(answer: &DeclaredResult, private: &TokenStream) -> TokenStream {
    let send = match answer.returns {
        // `T` not `DeserializeOwned` is needed by the turbofish, the call and the `.await`,
        // the last of which spans one token: all of it goes on `T`'s first token. In an
        // `async` block, because the signature's `impl Future` would otherwise hold
        // `send_json::<T>`'s future, and rustc check the bound there again.
        // In a container, the runtime is asked for the inner type in that shape, so only
        // the inner type's bound is checked, and its error lands on it.
        // A map's key falls short in the shape, which is put on the first key.
        Returns::Json if !answer.layers.is_empty() => {
            let (first, _) = ends(&answer.inner);
            let inner = at(first, answer.inner.to_token_stream());
            let key = answer.layers.iter().find_map(Layer::key);
            let shape_span = key.map_or(first, |key| ends(key).0);
            let shape = at(shape_span, shape_tokens(&answer.layers, private));
            quote_spanned!(first=> async move { __request.send_shaped::<#shape, #inner>().await })
        }
        Returns::Json => {
            let ok = &answer.ok;
            let (first, _) = ends(ok);
            at(
                first,
                quote!(async move { __request.send_json::<#ok>().await }),
            )
        }
        Returns::Text => quote!(__request.send_text()),
        Returns::Empty => quote!(__request.send_empty()),
        Returns::Redirect => quote!(__request.send_redirect()),
    };
    // The declared type not `semaphore_api::Result<T>` is needed by the type and by the path
    // of the call: starting on the type's first token and ending on its last, the path spans
    // the type exactly.
    let output = &answer.output;
    let (first, last) = ends(output);
    let future = Ident::new("future", last);
    let args = group(Delimiter::Parenthesis, send, last);
    quote_spanned!(first=> <#output as #private::Output<_>>::#future #args)
}

/// The spans of the first and the last token of `tokens`.
fn ends(tokens: impl ToTokens) -> (Span, Span) {
    let mut tokens = tokens
        .into_token_stream()
        .into_iter()
        .map(|token| token.span());
    let first = tokens.next().unwrap_or_else(Span::call_site);
    (first, tokens.last().unwrap_or(first))
}

fn group(delimiter: Delimiter, stream: TokenStream, span: Span) -> Group {
    let mut group = Group::new(delimiter, stream);
    group.set_span(span);
    group
}

/// `tokens` with every one of them, the user's included, at `span`, as `quote_spanned!` puts
/// its own.
fn at(span: Span, tokens: TokenStream) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let TokenTree::Group(inner) = &token {
                token = TokenTree::Group(group(inner.delimiter(), at(span, inner.stream()), span));
            }
            token.set_span(span);
            token
        })
        .collect()
}
