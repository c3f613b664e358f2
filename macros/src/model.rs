//! What `#[semaphore_api]` read of a trait: everything later stages need, already resolved
//! (placeholders bound to arguments, query keys filled in, the kind of answer decided), so
//! that check.rs and expand.rs read facts and never look anything up again.

use proc_macro2::{Span, TokenStream};
use syn::{Attribute, Ident, ItemTrait, LitStr, Path, Signature, Type};

pub use crate::shape::Layer;

/// A whole `#[semaphore_api]` trait.
pub struct Api {
    /// Where the runtime is: `::semaphore_api`, or the `crate = "..."` option.
    pub krate: Path,
    /// The trait as written, with this macro's attributes taken off: what is emitted back
    /// when there are errors, and what check.rs reads the trait's and methods' shape from.
    pub item: ItemTrait,
    /// The methods whose attributes and arguments could be read, in declaration order.
    pub endpoints: Vec<Endpoint>,
}

/// One method of the trait.
pub struct Endpoint {
    /// The attributes kept on the trait's method (docs, lints, `#[deprecated]`, ...).
    pub attrs: Vec<Attribute>,
    /// Of those, the ones repeated on the implementation (`#[allow]`, `#[expect]`).
    pub impl_attrs: Vec<Attribute>,
    /// The signature as written, with this macro's attributes taken off.
    pub sig: Signature,
    pub verb: Verb,
    pub path: PathTemplate,
    /// The arguments after `&self`, in order.
    pub params: Vec<Param>,
    /// `false` for `#[no_auth]`.
    pub auth: bool,
    /// `#[ends_session]`.
    pub ends_session: bool,
    /// `#[idempotent]` or `#[not_idempotent]`, when written.
    pub idempotence: Idempotence,
    /// `#[since("2.14.0")]`: the first server version that serves it.
    pub since: Option<LitStr>,
    /// `None` when the return type could not be read (an error is reported): the method is
    /// still cross-checked, never expanded.
    pub answer: Option<DeclaredResult>,
}

/// Whether sending the call twice does what sending it once does: the verb's HTTP meaning
/// (GET, PUT and DELETE are idempotent) unless the method says otherwise.
#[derive(Default)]
pub struct Idempotence {
    /// `Some((true, tokens))` for `#[idempotent]`, `Some((false, ..))` for
    /// `#[not_idempotent]`: what was written, and where.
    pub said: Option<(bool, TokenStream)>,
}

impl Idempotence {
    pub fn resolve(&self, verb: Verb) -> bool {
        match &self.said {
            Some((said, _)) => *said,
            None => verb.is_idempotent(),
        }
    }
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
    pub const ALL: [Verb; 5] = [Verb::Get, Verb::Post, Verb::Put, Verb::Patch, Verb::Delete];

    /// The attribute's name: `get` for `#[get("/path")]`.
    pub fn name(self) -> &'static str {
        match self {
            Verb::Get => "get",
            Verb::Post => "post",
            Verb::Put => "put",
            Verb::Patch => "patch",
            Verb::Delete => "delete",
        }
    }

    /// Idempotent in HTTP (RFC 9110, 9.2.2).
    pub fn is_idempotent(self) -> bool {
        matches!(self, Verb::Get | Verb::Put | Verb::Delete)
    }

    pub fn from_name(name: &str) -> Option<Verb> {
        Verb::ALL.into_iter().find(|verb| verb.name() == name)
    }
}

/// A path such as `/user/tokens/{api_token_id}`, split at its placeholders.
pub struct PathTemplate {
    pub lit: LitStr,
    pub pieces: Vec<Piece>,
}

pub enum Piece {
    Literal(String),
    Placeholder(Placeholder),
}

/// `{name}` in a path.
pub struct Placeholder {
    pub name: String,
    /// The `{name}` inside the path literal where the compiler lets a macro point there, the
    /// whole literal elsewhere.
    pub span: Span,
    /// The index in [`Endpoint::params`] of the argument called `name`, if there is one.
    pub param: Option<usize>,
}

impl PathTemplate {
    pub fn placeholders(&self) -> impl Iterator<Item = &Placeholder> {
        self.pieces.iter().filter_map(|piece| match piece {
            Piece::Placeholder(placeholder) => Some(placeholder),
            Piece::Literal(_) => None,
        })
    }
}

/// An argument after `&self`.
pub struct Param {
    /// As written: `r#type`.
    pub ident: Ident,
    /// Without `r#`: `type`, the name of its placeholder and of the argument in errors.
    pub name: String,
    pub ty: Type,
    pub role: Role,
    /// The role's attribute, or the argument's name when it has none: errors about the role
    /// point at these tokens.
    pub role_tokens: TokenStream,
}

pub enum Role {
    /// No attribute: bound to the `{placeholder}` of the same name.
    Path,
    /// `#[query]` (the key is the argument's name) or `#[query("key")]`.
    Query { key: String },
    /// `#[header("X-Name")]`, the name as written, and where it is written.
    Header { name: String, span: Span },
    /// `#[body]`, or `#[body(project_id, id = template_id)]`: fields of the JSON body that the
    /// client sets from path arguments.
    Body { fills: Vec<Fill> },
}

/// A field of the body set from a path argument: `key = param`.
pub struct Fill {
    /// The field's name in the JSON body.
    pub key: String,
    /// The argument as written in the attribute, where errors about it point.
    pub param_ident: Ident,
    /// The argument's index, once resolved (`None`: no argument has that name).
    pub param: Option<usize>,
}

/// The declared result, `Result<T>` or another spelling of it.
pub struct DeclaredResult {
    /// The whole type as written: `Result<Project>`, `ApiResult<()>`, ...
    pub output: Type,
    /// `T`: its first type argument.
    pub ok: Type,
    pub returns: Returns,
    /// For JSON: the containers around the answer (`Vec<_>`, `Option<_>`, ...), from the
    /// outside in, and the type inside them (`T` itself when there are none).
    pub layers: Vec<Layer>,
    pub inner: Type,
}

/// What a successful answer is turned into, decided from `T`; the runtime's
/// `describe::Returns`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Returns {
    /// Any other `T`: the JSON body decoded into it.
    Json,
    /// `String`: the body's text.
    Text,
    /// `()`: the body ignored.
    Empty,
    /// `Redirect`: the `Location` of a 3xx.
    Redirect,
}
