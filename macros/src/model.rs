//! What `#[semaphore_api]` understood of a trait, between parsing and expansion.

use syn::{Ident, ItemTrait, LitStr, Path, Signature, Type};

/// A whole `#[semaphore_api]` trait.
pub struct Api {
    /// Where the runtime is: `::semaphore_api`, or the `crate = "..."` option.
    pub krate: Path,
    /// The trait as written, with this macro's attributes removed.
    pub item: ItemTrait,
    pub endpoints: Vec<Endpoint>,
}

/// One method of the trait.
pub struct Endpoint {
    /// The signature as written, with this macro's attributes removed.
    pub sig: Signature,
    pub verb: Verb,
    pub path: PathTemplate,
    pub params: Vec<Param>,
    pub no_auth: bool,
    pub ends_session: bool,
    pub returns: Returns,
    /// The declared `Result<T>`.
    pub output: Type,
    /// `T` of `Result<T>`.
    pub ok_type: Type,
    /// `#[allow]`/`#[expect]` on the method, repeated on its implementation.
    pub lint_attrs: Vec<syn::Attribute>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Verb {
    pub const ALL: [(&'static str, Verb); 5] = [
        ("get", Verb::Get),
        ("post", Verb::Post),
        ("put", Verb::Put),
        ("patch", Verb::Patch),
        ("delete", Verb::Delete),
    ];

    pub fn from_name(name: &str) -> Option<Verb> {
        Verb::ALL.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    /// The runtime's `describe::Method` variant.
    pub fn variant(self) -> &'static str {
        match self {
            Verb::Get => "Get",
            Verb::Post => "Post",
            Verb::Put => "Put",
            Verb::Patch => "Patch",
            Verb::Delete => "Delete",
        }
    }
}

/// A path such as `/user/tokens/{api_token_id}`, split at its placeholders.
pub struct PathTemplate {
    pub lit: LitStr,
    pub pieces: Vec<Piece>,
}

pub enum Piece {
    Literal(String),
    Placeholder(String),
}

impl PathTemplate {
    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Placeholder(name) => Some(name.as_str()),
            Piece::Literal(_) => None,
        })
    }
}

/// An argument after `&self`.
pub struct Param {
    pub name: Ident,
    pub ty: Type,
    pub role: Role,
    /// Where the role was given (the attribute), or the argument's name: errors about the
    /// role point at these tokens.
    pub role_tokens: proc_macro2::TokenStream,
}

#[derive(Clone, PartialEq, Eq)]
pub enum Role {
    /// No attribute: bound to the `{placeholder}` of the same name.
    Path,
    Query(String),
    Header(String),
    Body,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Returns {
    Json,
    Empty,
    Redirect,
}

impl Returns {
    pub fn variant(self) -> &'static str {
        match self {
            Returns::Json => "Json",
            Returns::Empty => "Empty",
            Returns::Redirect => "Redirect",
        }
    }
}
