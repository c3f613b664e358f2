//! Cross-checks within one method: path placeholders against arguments, and the body.

use crate::ctxt::Ctxt;
use crate::model::{Endpoint, Role, Verb};

pub fn endpoint(endpoint: &mut Endpoint, cx: &mut Ctxt) {
    let placeholders: Vec<String> = endpoint.path.placeholders().map(str::to_owned).collect();
    for placeholder in &placeholders {
        let bound = endpoint
            .params
            .iter()
            .find(|p| unraw(&p.name.to_string()) == *placeholder);
        match bound {
            None => cx.error(&endpoint.path.lit, format!(
                "`{{{placeholder}}}` in the path has no argument named `{placeholder}`: add `{placeholder}: T` to `{}`, or rename the placeholder",
                endpoint.sig.ident
            )),
            Some(param) if param.role != Role::Path => cx.error(&param.role_tokens, format!(
                "`{}` is bound to `{{{placeholder}}}` in the path and cannot also be {}; an argument has one role",
                param.name, describe(&param.role)
            )),
            Some(_) => {}
        }
    }
    let mut body_seen = false;
    for param in &mut endpoint.params {
        let name = unraw(&param.name.to_string());
        match &mut param.role {
            Role::Path if !placeholders.contains(&name) => cx.error(&param.name, format!(
                "argument `{name}` is not used: put `{{{name}}}` in the path, or mark it `#[query]`, `#[header(\"X-Name\")]` or `#[body]`"
            )),
            Role::Query(key) if key.is_empty() => *key = name,
            Role::Body if body_seen => cx.error(&param.role_tokens,
                "a second `#[body]`: a request has one JSON body; put the values in one struct"),
            Role::Body if endpoint.verb == Verb::Get => cx.error(&param.role_tokens,
                "`#[get]` requests carry no body: send it with `#[post]`/`#[put]`/`#[patch]`, or make it `#[query]`"),
            Role::Body => body_seen = true,
            _ => {}
        }
    }
}

fn describe(role: &Role) -> &'static str {
    match role {
        Role::Path => "a path placeholder",
        Role::Query(_) => "`#[query]`",
        Role::Header(_) => "a `#[header]`",
        Role::Body => "the `#[body]`",
    }
}

/// `r#type` is the placeholder `{type}`.
fn unraw(name: &str) -> String {
    name.strip_prefix("r#").unwrap_or(name).to_owned()
}
