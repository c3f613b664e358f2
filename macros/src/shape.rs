//! The containers around a JSON answer (`Vec<T>`, `Option<T>`, maps, ...), peeled off so
//! the runtime is asked to decode `T` in that shape. rustc then checks `T`'s own bound, and
//! a `T` that is not `Deserialize` gets the tailored "cannot be the answer" message on `T`,
//! not serde's bound on the container and its list of other types.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::{GenericArgument, PathArguments, Type, TypePath};

/// One container, from the outside in.
pub enum Layer {
    Vec,
    VecDeque,
    Option,
    Box,
    HashMap(Type),
    BTreeMap(Type),
}

impl Layer {
    /// A map's key type.
    pub fn key(&self) -> Option<&Type> {
        match self {
            Layer::HashMap(key) | Layer::BTreeMap(key) => Some(key),
            _ => None,
        }
    }
}

/// The containers of `ty` from the outside in, and the type inside them.
///
/// Only the standard library's own paths (`Vec`, `std::vec::Vec`, ...) are peeled, and a
/// `Box` only around a sized type (`Box<str>` and `Box<[T]>` decode as they are).
pub fn peel(ty: &Type) -> (Vec<Layer>, &Type) {
    let mut layers = Vec::new();
    let mut inner = ty;
    while let Some((layer, next)) = layer(inner) {
        layers.push(layer);
        inner = next;
    }
    (layers, inner)
}

fn layer(ty: &Type) -> Option<(Layer, &Type)> {
    let Type::Path(TypePath {
        qself: None, path, ..
    }) = ty
    else {
        return None;
    };
    let last = path.segments.last()?;
    let modules: Vec<String> = path
        .segments
        .iter()
        .take(path.segments.len() - 1)
        .map(|s| s.ident.to_string())
        .collect();
    let from = |allowed: &[&[&str]]| {
        let leading = path.leading_colon.is_some();
        (modules.is_empty() && !leading) || allowed.iter().any(|p| modules == *p)
    };
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let types: Vec<&Type> = args
        .args
        .iter()
        .filter_map(|arg| match arg {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        })
        .collect();
    if types.len() != args.args.len() {
        return None; // lifetimes, constants or bindings: not a shape this file knows
    }
    let one = |layer: Layer| match types[..] {
        [t] => Some((layer, t)),
        _ => None,
    };
    match last.ident.to_string().as_str() {
        "Vec" if from(&[&["std", "vec"], &["alloc", "vec"]]) => one(Layer::Vec),
        "VecDeque" if from(&[&["std", "collections"], &["alloc", "collections"]]) => {
            one(Layer::VecDeque)
        }
        "Option" if from(&[&["std", "option"], &["core", "option"]]) => one(Layer::Option),
        "Box" if from(&[&["std", "boxed"], &["alloc", "boxed"]]) => match types[..] {
            [Type::Slice(_)] => None,
            [Type::Path(p)] if p.path.is_ident("str") => None,
            _ => one(Layer::Box),
        },
        "HashMap" if from(&[&["std", "collections"]]) => match types[..] {
            [key, value] => Some((Layer::HashMap(key.clone()), value)),
            _ => None, // a map with its own hasher
        },
        "BTreeMap" if from(&[&["std", "collections"], &["alloc", "collections"]]) => {
            match types[..] {
                [key, value] => Some((Layer::BTreeMap(key.clone()), value)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The runtime's shape for `layers` around the answer: `Vec<Option<T>>` is
/// `shape::Vec<shape::Option<shape::Plain>>`.
pub fn shape_tokens(layers: &[Layer], private: &TokenStream) -> TokenStream {
    let shape = quote!(#private::shape);
    layers
        .iter()
        .rev()
        .fold(quote!(#shape::Plain), |inside, layer| match layer {
            Layer::Vec => quote!(#shape::Vec<#inside>),
            Layer::VecDeque => quote!(#shape::VecDeque<#inside>),
            Layer::Option => quote!(#shape::Option<#inside>),
            Layer::Box => quote!(#shape::Box<#inside>),
            Layer::HashMap(key) => {
                let key = key.to_token_stream();
                quote!(#shape::HashMap<#key, #inside>)
            }
            Layer::BTreeMap(key) => {
                let key = key.to_token_stream();
                quote!(#shape::BTreeMap<#key, #inside>)
            }
        })
}
