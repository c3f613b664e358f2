//! The project routes whose handlers read the request itself (a list's sorting, an id in the
//! path, the body) before the project's modules act on it.

use crate::handler::{Member, Reached};
use crate::wire::Response;
use crate::{objects, projects, templates};

pub(crate) fn list_templates(reached: &mut Reached<'_>, member: Member) -> Response {
    let (sort, desc) = reached.sorting();
    templates::list_templates(
        reached.state,
        reached.config,
        member.project,
        sort.as_deref(),
        desc,
    )
}

pub(crate) fn get_template(reached: &mut Reached<'_>, member: Member) -> Response {
    match projects::int_param(reached.vars.at(1)) {
        Ok(template) => templates::get_template(reached.state, member.project, template),
        Err(refused) => *refused,
    }
}

/// A project's keys, repositories, inventories or environments (`kind`).
pub(crate) fn list_resources(reached: &mut Reached<'_>, member: Member, kind: &str) -> Response {
    let (sort, desc) = reached.sorting();
    let (state, config) = (&*reached.state, reached.config);
    projects::list_resources(state, config, member.project, kind, sort.as_deref(), desc)
}

pub(crate) fn create_resource(
    reached: &mut Reached<'_>,
    member: Member,
    kind: &'static str,
) -> Response {
    let body = reached.req.body;
    projects::create_resource(reached.state, reached.config, member.project, kind, body)
}

/// What is done to one object of a project.
#[derive(Clone, Copy)]
pub(crate) enum Verb {
    Get,
    Put,
    Delete,
}

/// One key, repository, inventory, environment or template (`kind`): read, updated or
/// deleted.
pub(crate) fn object(
    reached: &mut Reached<'_>,
    member: Member,
    kind: &'static str,
    verb: Verb,
) -> Response {
    let id = match projects::int_param(reached.vars.at(1)) {
        Ok(id) => id,
        Err(refused) => return *refused,
    };
    let (project, body) = (member.project, reached.req.body);
    match (kind, verb) {
        ("templates", Verb::Put) => {
            templates::update_template(reached.state, reached.config, project, id, body)
        }
        ("templates", _) => templates::delete_template(reached.state, project, id),
        (_, Verb::Get) => objects::get(reached.state, reached.config, project, kind, id),
        (_, Verb::Put) => objects::update(reached.state, reached.config, project, kind, id, body),
        (_, Verb::Delete) => objects::delete(reached.state, project, kind, id),
    }
}
