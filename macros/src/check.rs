//! Every rule about what was read, in one place: the shape of the trait and of each method,
//! and within each endpoint, path placeholders against arguments, the body, headers and the
//! answer.

use syn::{FnArg, ItemTrait, TraitItem, TraitItemFn, Type};

use crate::ctxt::Ctxt;
use crate::model::{Api, Endpoint, Role, Verb};

/// The inherent methods of the runtime's `Client`: a trait method of the same name would never
/// be called by `client.name(..)`, which picks the inherent one. `tests/it/client.rs` checks
/// this list against the runtime's source.
pub const CLIENT_METHODS: [&str; 18] = [
    "new",
    "server_version",
    "api_url",
    "builder",
    "base_url",
    "has_session",
    "session_cookie",
    "set_session_cookie",
    "clear_session",
    "run_task",
    "task_handle",
    "projects",
    "project",
    "users",
    "tokens",
    "runners",
    "apps",
    "options",
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

pub fn api(api: &Api, cx: &mut Ctxt) {
    trait_shape(&api.item, cx);
    for trait_item in &api.item.items {
        match trait_item {
            TraitItem::Fn(method) => method_shape(method, cx),
            other => cx.error(
                other,
                "a #[semaphore_api] trait holds only endpoint methods such as `#[get(\"/path\")] async fn name(&self) -> Result<T>;`",
            ),
        }
    }
    for endpoint in &api.endpoints {
        placeholders(endpoint, cx);
        idempotence(endpoint, cx);
        params(endpoint, cx);
        answer(endpoint, cx);
    }
}

fn trait_shape(item: &ItemTrait, cx: &mut Ctxt) {
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
}

/// Everything about a method but its attributes, arguments and return type; checked whether
/// or not those could be read.
fn method_shape(method: &TraitItemFn, cx: &mut Ctxt) {
    let sig = &method.sig;
    let name = sig.ident.to_string();
    if CLIENT_METHODS.contains(&name.as_str()) {
        cx.error(
            &sig.ident,
            format!("`Client` has a method `{name}` of its own, which `client.{name}(..)` would call instead of this one: rename it"),
        );
    }
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
    if let Some(body) = &method.default {
        cx.error(
            body,
            "endpoint methods have no body: #[semaphore_api] writes it; end the signature with `;`",
        );
    }
}

/// `#[idempotent]` or `#[not_idempotent]` only where it changes the verb's meaning.
fn idempotence(endpoint: &Endpoint, cx: &mut Ctxt) {
    let Some((said, tokens)) = &endpoint.idempotence.said else {
        return;
    };
    if *said == endpoint.verb.is_idempotent() {
        let verb = endpoint.verb.name();
        let (is, attr) = if *said {
            ("is idempotent", "idempotent")
        } else {
            ("is not idempotent", "not_idempotent")
        };
        cx.error(
            tokens,
            format!("`#[{verb}]` {is} already: remove `#[{attr}]` (it says what the verb says)"),
        );
    }
}

/// The path again, with a caret under `part`: stable compilers cannot point inside a string
/// literal (`Literal::subspan` is nightly only), so the message does.
fn pointed(path: &str, part: &str) -> String {
    match path.find(part) {
        Some(at) => format!(
            "\n    {path}\n    {}{}",
            " ".repeat(path[..at].chars().count()),
            "^".repeat(part.chars().count())
        ),
        None => String::new(),
    }
}

/// Every `{placeholder}` has its argument, and that argument has no other role.
fn placeholders(endpoint: &Endpoint, cx: &mut Ctxt) {
    for placeholder in endpoint.path.placeholders() {
        let name = &placeholder.name;
        match placeholder.param.map(|index| &endpoint.params[index]) {
            None => cx.error_at(placeholder.span, format!(
                "`{{{name}}}` in the path has no argument named `{name}`: add `{name}: T` to `{}`, or rename the placeholder{}",
                endpoint.sig.ident,
                pointed(&endpoint.path.lit.value(), &format!("{{{name}}}"))
            )),
            Some(param) if !matches!(param.role, Role::Path) => cx.error(&param.role_tokens, format!(
                "`{}` is bound to `{{{name}}}` in the path and cannot also be {}; an argument has one role",
                param.ident, describe(&param.role)
            )),
            Some(_) => {}
        }
    }
}

/// Every argument without a role fills a placeholder; one body at most, and none on GET; no
/// header the client sets itself.
fn params(endpoint: &Endpoint, cx: &mut Ctxt) {
    let mut body_seen = false;
    for (index, param) in endpoint.params.iter().enumerate() {
        let name = &param.name;
        match &param.role {
            Role::Path if !endpoint.path.placeholders().any(|p| p.param == Some(index)) => {
                cx.error(&param.ident, format!(
                    "argument `{name}` is not used: put `{{{name}}}` in the path, or mark it `#[query]`, `#[header(\"X-Name\")]` or `#[body]`"
                ));
            }
            Role::Body { .. } if body_seen => cx.error(&param.role_tokens,
                "a second `#[body]`: a request has one JSON body; put the values in one struct"),
            Role::Body { .. } if endpoint.verb == Verb::Get => cx.error(&param.role_tokens,
                "`#[get]` requests carry no body: send it with `#[post]`/`#[put]`/`#[patch]`, or make it `#[query]`"),
            Role::Body { fills } => {
                body_seen = true;
                for fill in fills {
                    let argument = fill.param_ident.to_string();
                    match fill.param.map(|i| &endpoint.params[i].role) {
                        Some(Role::Path) => {}
                        Some(_) => cx.error(&fill.param_ident, format!(
                            "`{argument}` is not a path argument: `#[body(..)]` fills body fields from the `{{placeholders}}` of the path only"
                        )),
                        None => cx.error(&fill.param_ident, format!(
                            "no argument is called `{argument}`: `#[body(..)]` names path arguments, as in `#[body(project_id, id = template_id)]`"
                        )),
                    }
                }
            }
            Role::Header { name, span } if RESERVED_HEADERS.contains(&name.to_ascii_lowercase().as_str()) => {
                cx.error_at(*span, format!(
                    "the client sets `{name}` itself; it cannot be an argument"
                ));
            }
            _ => {}
        }
    }
}

/// `T` of `Result<T>` is something JSON can be decoded into.
fn answer(endpoint: &Endpoint, cx: &mut Ctxt) {
    let Some(answer) = &endpoint.answer else {
        return;
    };
    match &answer.ok {
        Type::ImplTrait(_) => cx.error(&answer.ok, "`impl Trait` cannot be decoded into: name a concrete type that implements `Deserialize`"),
        Type::Reference(_) => cx.error(
            &answer.ok,
            "a reference cannot be decoded into: return an owned type (`String`, not `&str`)",
        ),
        _ => {}
    }
}

fn describe(role: &Role) -> &'static str {
    match role {
        Role::Path => "a path placeholder",
        Role::Query { .. } => "`#[query]`",
        Role::Header { .. } => "a `#[header]`",
        Role::Body { .. } => "the `#[body]`",
    }
}
