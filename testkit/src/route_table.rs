//! The real server's routes (gorilla/mux, set up in `api/router.go`), in the order its router
//! tries them, and the handler the stand-in gives each.

use crate::handler::Handler::{self, NotModelled, Project, Public, Socket, User};
use crate::handlers::project::{self, Verb};
use crate::handlers::{auth, user};
use crate::{newer, project_settings, projects, tasks, templates};

/// One route of the real router, and what the stand-in answers on it.
pub(crate) struct Route {
    /// The methods it takes, comma-separated: `HEAD` only where the real router takes it.
    pub methods: &'static str,
    /// The real server's path template, after `/api`.
    pub template: &'static str,
    pub handler: Handler,
    /// Served only by servers newer than v2.10.32 ([`Config::newer`](crate::project::Config)).
    pub newer: bool,
}

const fn row(methods: &'static str, template: &'static str, handler: Handler) -> Route {
    Route {
        methods,
        template,
        handler,
        newer: false,
    }
}

/// A route of newer servers only: v2.10.32 has no such route (404).
const fn newer_row(methods: &'static str, template: &'static str, handler: Handler) -> Route {
    Route {
        newer: true,
        ..row(methods, template, handler)
    }
}

impl Route {
    pub(crate) fn takes(&self, method: &str) -> bool {
        self.methods.split(',').any(|m| m == method)
    }

    /// Whether the stand-in answers it 501 (unless a test scripts it).
    pub(crate) fn is_not_modelled(&self) -> bool {
        matches!(self.handler, NotModelled)
    }
}

/// Every route under `/api`, in the order the real router tries them, and what answers it:
/// (methods, path template, handler), taken by walking the router of v2.10.32+31 (a route
/// whose methods have different handlers is split into adjacent rows, which routes the
/// same). `{name}` is one non-empty segment; `{redirect_path:.*}` is the rest of the path,
/// slashes included. Routing, the 404 and 405 of a wrong method, and dispatch all read this
/// one table.
#[rustfmt::skip]
pub(crate) static ROUTES: &[Route] = &[
    row("GET,HEAD", "/ping", Public(auth::ping)),
    row("GET", "/auth/login", Public(auth::login_metadata)),
    row("POST", "/auth/login", Public(auth::login)),
    row("POST", "/auth/logout", Public(auth::logout)),
    row("GET", "/auth/oidc/{provider}/login", Public(auth::oidc_login)),
    row("GET", "/auth/oidc/{provider}/redirect", Public(auth::oidc_redirect)),
    row("GET", "/auth/oidc/{provider}/redirect/{redirect_path:.*}", Public(auth::oidc_redirect)),
    row("POST", "/internal/runners", NotModelled),
    row("GET,HEAD", "/internal/runners", NotModelled),
    row("PUT", "/internal/runners", NotModelled),
    row("DELETE", "/internal/runners", NotModelled),
    row("POST,GET,OPTIONS", "/integrations/{integration_alias}", NotModelled),
    row("GET,HEAD", "/ws", Socket),
    row("GET,HEAD", "/info", User(|c, _| newer::info(c.config))),
    row("GET,HEAD", "/projects", User(|c, user| projects::list_projects(c.state, c.config, user))),
    row("POST", "/projects", User(|c, user| projects::create_project(c.state, c.config, user, c.req.body))),
    row("POST", "/projects/restore", NotModelled),
    row("GET,HEAD", "/events", NotModelled),
    row("GET,HEAD", "/events/last", NotModelled),
    row("GET,HEAD", "/users", NotModelled),
    row("POST", "/users", NotModelled),
    row("GET,HEAD", "/user", User(user::current_user)),
    row("GET,HEAD", "/apps", NotModelled),
    row("GET,HEAD", "/user/tokens", User(user::list_tokens)),
    row("POST", "/user/tokens", User(user::create_token)),
    row("DELETE", "/user/tokens/{token_id}", User(user::expire_token)),
    row("GET,HEAD", "/options", NotModelled),
    row("POST", "/options", NotModelled),
    row("GET,HEAD", "/runners", NotModelled),
    row("POST,HEAD", "/runners", NotModelled),
    row("GET,HEAD", "/runners/{runner_id}", NotModelled),
    row("PUT,POST", "/runners/{runner_id}", NotModelled),
    row("POST", "/runners/{runner_id}/active", NotModelled),
    row("DELETE", "/runners/{runner_id}", NotModelled),
    row("GET,HEAD", "/apps/{app_id}", NotModelled),
    row("PUT,POST", "/apps/{app_id}", NotModelled),
    row("POST", "/apps/{app_id}/active", NotModelled),
    row("DELETE", "/apps/{app_id}", NotModelled),
    row("GET,HEAD", "/tasks", NotModelled),
    row("GET,HEAD", "/tasks/{task_id}", NotModelled),
    row("DELETE", "/tasks/{task_id}", NotModelled),
    row("GET,HEAD", "/users/{user_id}", NotModelled),
    row("PUT", "/users/{user_id}", NotModelled),
    row("DELETE", "/users/{user_id}", NotModelled),
    row("POST", "/users/{user_id}/password", NotModelled),
    row("GET,HEAD", "/project/{project_id}", Project(|c, m| projects::get_project(c.state, m.project))),
    row("POST", "/project/{project_id}/tasks", Project(|c, m| tasks::create(c.state, c.config, m.project, m.user_id, c.req.body))),
    row("POST", "/project/{project_id}/tasks/{task_id}/stop", Project(|c, m| tasks::stop(c.state, c.config, m.project, c.vars.at(1), c.req.body))),
    row("POST", "/project/{project_id}/tasks/{task_id}/confirm", Project(|c, m| tasks::confirm(c.state, c.config, m.project, c.vars.at(1)))),
    row("GET,HEAD", "/project/{project_id}/role", NotModelled),
    row("GET,HEAD", "/project/{project_id}/events", NotModelled),
    row("GET,HEAD", "/project/{project_id}/events/last", NotModelled),
    row("GET,HEAD", "/project/{project_id}/users", NotModelled),
    row("GET,HEAD", "/project/{project_id}/keys", Project(|c, m| project::list_resources(c, m, "keys"))),
    row("POST", "/project/{project_id}/keys", Project(|c, m| project::create_resource(c, m, "keys"))),
    row("GET,HEAD", "/project/{project_id}/repositories", Project(|c, m| project::list_resources(c, m, "repositories"))),
    row("POST", "/project/{project_id}/repositories", Project(|c, m| project::create_resource(c, m, "repositories"))),
    row("GET,HEAD", "/project/{project_id}/inventory", Project(|c, m| project::list_resources(c, m, "inventory"))),
    row("POST", "/project/{project_id}/inventory", Project(|c, m| project::create_resource(c, m, "inventory"))),
    row("GET,HEAD", "/project/{project_id}/environment", Project(|c, m| project::list_resources(c, m, "environment"))),
    row("POST", "/project/{project_id}/environment", Project(|c, m| project::create_resource(c, m, "environment"))),
    row("GET,HEAD", "/project/{project_id}/tasks", Project(|c, m| tasks::list(c.state, m.project, 1000))),
    row("GET,HEAD", "/project/{project_id}/tasks/last", Project(|c, m| tasks::list(c.state, m.project, 200))),
    row("GET,HEAD", "/project/{project_id}/templates", Project(project::list_templates)),
    row("POST", "/project/{project_id}/templates", Project(|c, m| templates::create_template(c.state, c.config, m.project, c.req.body))),
    row("GET,HEAD", "/project/{project_id}/schedules", NotModelled),
    row("POST", "/project/{project_id}/schedules", NotModelled),
    row("POST", "/project/{project_id}/schedules/validate", NotModelled),
    row("GET,HEAD", "/project/{project_id}/views", NotModelled),
    row("POST", "/project/{project_id}/views", NotModelled),
    row("POST", "/project/{project_id}/views/positions", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations", NotModelled),
    row("POST", "/project/{project_id}/integrations", NotModelled),
    row("GET,HEAD", "/project/{project_id}/backup", NotModelled),
    row("GET,HEAD", "/project/{project_id}/keys/{key_id}", Project(|c, m| project::object(c, m, "keys", Verb::Get))),
    row("GET,HEAD", "/project/{project_id}/keys/{key_id}/refs", NotModelled),
    row("PUT", "/project/{project_id}/keys/{key_id}", Project(|c, m| project::object(c, m, "keys", Verb::Put))),
    row("DELETE", "/project/{project_id}/keys/{key_id}", Project(|c, m| project::object(c, m, "keys", Verb::Delete))),
    row("GET,HEAD", "/project/{project_id}/repositories/{repository_id}", Project(|c, m| project::object(c, m, "repositories", Verb::Get))),
    row("GET,HEAD", "/project/{project_id}/repositories/{repository_id}/refs", NotModelled),
    row("PUT", "/project/{project_id}/repositories/{repository_id}", Project(|c, m| project::object(c, m, "repositories", Verb::Put))),
    row("DELETE", "/project/{project_id}/repositories/{repository_id}", Project(|c, m| project::object(c, m, "repositories", Verb::Delete))),
    row("GET,HEAD", "/project/{project_id}/inventory/{inventory_id}", Project(|c, m| project::object(c, m, "inventory", Verb::Get))),
    row("GET,HEAD", "/project/{project_id}/inventory/{inventory_id}/refs", NotModelled),
    row("PUT", "/project/{project_id}/inventory/{inventory_id}", Project(|c, m| project::object(c, m, "inventory", Verb::Put))),
    row("DELETE", "/project/{project_id}/inventory/{inventory_id}", Project(|c, m| project::object(c, m, "inventory", Verb::Delete))),
    row("GET,HEAD", "/project/{project_id}/environment/{environment_id}", Project(|c, m| project::object(c, m, "environment", Verb::Get))),
    row("GET,HEAD", "/project/{project_id}/environment/{environment_id}/refs", NotModelled),
    row("PUT", "/project/{project_id}/environment/{environment_id}", Project(|c, m| project::object(c, m, "environment", Verb::Put))),
    row("DELETE", "/project/{project_id}/environment/{environment_id}", Project(|c, m| project::object(c, m, "environment", Verb::Delete))),
    row("PUT", "/project/{project_id}/templates/{template_id}", Project(|c, m| project::object(c, m, "templates", Verb::Put))),
    row("DELETE", "/project/{project_id}/templates/{template_id}", Project(|c, m| project::object(c, m, "templates", Verb::Delete))),
    row("GET", "/project/{project_id}/templates/{template_id}", Project(project::get_template)),
    newer_row("POST", "/project/{project_id}/templates/{template_id}/stop_all_tasks", Project(|c, m| tasks::stop_all(c.state, c.config, m.project, c.vars.at(1), c.req.body))),
    row("GET,HEAD", "/project/{project_id}/templates/{template_id}/refs", NotModelled),
    row("GET", "/project/{project_id}/templates/{template_id}/tasks", NotModelled),
    row("GET", "/project/{project_id}/templates/{template_id}/tasks/last", NotModelled),
    row("GET", "/project/{project_id}/templates/{template_id}/schedules", NotModelled),
    row("GET,HEAD", "/project/{project_id}/tasks/{task_id}/output", Project(|c, m| tasks::output(c.state, c.config, m.project, c.vars.at(1)))),
    newer_row("GET,HEAD", "/project/{project_id}/tasks/{task_id}/raw_output", Project(|c, m| tasks::raw_output(c.state, m.project, c.vars.at(1)))),
    row("GET,HEAD", "/project/{project_id}/tasks/{task_id}", Project(|c, m| tasks::get(c.state, m.project, c.vars.at(1)))),
    row("DELETE", "/project/{project_id}/tasks/{task_id}", Project(|c, m| tasks::delete(c.state, m.project, m.user_id, c.vars.at(1)))),
    row("GET,HEAD", "/project/{project_id}/schedules/{schedule_id}", NotModelled),
    row("PUT", "/project/{project_id}/schedules/{schedule_id}", NotModelled),
    row("PUT", "/project/{project_id}/schedules/{schedule_id}/active", NotModelled),
    row("DELETE", "/project/{project_id}/schedules/{schedule_id}", NotModelled),
    row("GET,HEAD", "/project/{project_id}/views/{view_id}", NotModelled),
    row("PUT", "/project/{project_id}/views/{view_id}", NotModelled),
    row("DELETE", "/project/{project_id}/views/{view_id}", NotModelled),
    row("GET,HEAD", "/project/{project_id}/views/{view_id}/templates", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations/aliases", NotModelled),
    row("POST", "/project/{project_id}/integrations/aliases", NotModelled),
    row("DELETE", "/project/{project_id}/integrations/aliases/{alias_id}", NotModelled),
    row("PUT", "/project/{project_id}/integrations/{integration_id}", NotModelled),
    row("DELETE", "/project/{project_id}/integrations/{integration_id}", NotModelled),
    row("GET", "/project/{project_id}/integrations/{integration_id}", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations/{integration_id}/refs", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations/{integration_id}/matchers", NotModelled),
    row("POST", "/project/{project_id}/integrations/{integration_id}/matchers", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations/{integration_id}/values", NotModelled),
    row("POST", "/project/{project_id}/integrations/{integration_id}/values", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations/{integration_id}/aliases", NotModelled),
    row("POST", "/project/{project_id}/integrations/{integration_id}/aliases", NotModelled),
    row("DELETE", "/project/{project_id}/integrations/{integration_id}/aliases/{alias_id}", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}", NotModelled),
    row("PUT", "/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}", NotModelled),
    row("DELETE", "/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations/{integration_id}/matchers/{matcher_id}/refs", NotModelled),
    row("GET,HEAD", "/project/{project_id}/integrations/{integration_id}/values/{value_id}", NotModelled),
    row("PUT", "/project/{project_id}/integrations/{integration_id}/values/{value_id}", NotModelled),
    row("DELETE", "/project/{project_id}/integrations/{integration_id}/values/{value_id}", NotModelled),
    row("GET", "/project/{project_id}/integrations/{integration_id}/values/{value_id}/refs", NotModelled),
    row("PUT", "/project/{project_id}", Project(|c, m| project_settings::update_project(c.state, c.config, m.project, m.user_id, c.req.body))),
    row("DELETE", "/project/{project_id}", Project(|c, m| project_settings::delete_project(c.state, m.project, m.user_id))),
    row("DELETE", "/project/{project_id}/me", NotModelled),
    row("POST", "/project/{project_id}/users", NotModelled),
    row("GET,HEAD", "/project/{project_id}/users/{user_id}", NotModelled),
    row("PUT", "/project/{project_id}/users/{user_id}", NotModelled),
    row("DELETE", "/project/{project_id}/users/{user_id}", NotModelled),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The routes the stand-in serves (the others answer 501), written out apart from the
    /// table so that a route dropped from it, or a method dropped from a route, shows.
    const SERVED: &[(&str, &str)] = &[
        ("GET,HEAD", "/ping"),
        ("GET,HEAD", "/info"),
        ("GET,POST", "/auth/login"),
        ("POST", "/auth/logout"),
        ("GET", "/auth/oidc/{provider}/login"),
        ("GET", "/auth/oidc/{provider}/redirect"),
        ("GET", "/auth/oidc/{provider}/redirect/{redirect_path:.*}"),
        ("GET,HEAD", "/ws"),
        ("GET,HEAD", "/user"),
        ("GET,HEAD,POST", "/user/tokens"),
        ("DELETE", "/user/tokens/{token_id}"),
        ("GET,HEAD,POST", "/projects"),
        ("GET,HEAD,PUT,DELETE", "/project/{project_id}"),
        ("GET,HEAD,POST", "/project/{project_id}/templates"),
        (
            "GET,PUT,DELETE",
            "/project/{project_id}/templates/{template_id}",
        ),
        ("GET,HEAD,POST", "/project/{project_id}/keys"),
        ("GET,HEAD,PUT,DELETE", "/project/{project_id}/keys/{key_id}"),
        ("GET,HEAD,POST", "/project/{project_id}/repositories"),
        (
            "GET,HEAD,PUT,DELETE",
            "/project/{project_id}/repositories/{repository_id}",
        ),
        ("GET,HEAD,POST", "/project/{project_id}/inventory"),
        (
            "GET,HEAD,PUT,DELETE",
            "/project/{project_id}/inventory/{inventory_id}",
        ),
        ("GET,HEAD,POST", "/project/{project_id}/environment"),
        (
            "GET,HEAD,PUT,DELETE",
            "/project/{project_id}/environment/{environment_id}",
        ),
        ("GET,HEAD,POST", "/project/{project_id}/tasks"),
        ("GET,HEAD", "/project/{project_id}/tasks/last"),
        ("GET,HEAD,DELETE", "/project/{project_id}/tasks/{task_id}"),
        ("GET,HEAD", "/project/{project_id}/tasks/{task_id}/output"),
        ("POST", "/project/{project_id}/tasks/{task_id}/stop"),
        ("POST", "/project/{project_id}/tasks/{task_id}/confirm"),
    ];

    /// (method, template), one per method.
    fn pairs(
        rows: impl Iterator<Item = (&'static str, &'static str)>,
    ) -> Vec<(&'static str, &'static str)> {
        let mut pairs: Vec<_> = rows
            .flat_map(|(methods, template)| methods.split(',').map(move |m| (m, template)))
            .collect();
        pairs.sort();
        pairs
    }

    #[test]
    fn the_table_serves_what_the_stand_in_models() {
        let served = ROUTES
            .iter()
            .filter(|r| !matches!(r.handler, NotModelled) && !r.newer)
            .map(|r| (r.methods, r.template));
        assert_eq!(pairs(served), pairs(SERVED.iter().copied()));
        let newer = ROUTES
            .iter()
            .filter(|r| r.newer)
            .map(|r| (r.methods, r.template));
        assert_eq!(
            pairs(newer),
            pairs(
                [
                    (
                        "GET,HEAD",
                        "/project/{project_id}/tasks/{task_id}/raw_output"
                    ),
                    (
                        "POST",
                        "/project/{project_id}/templates/{template_id}/stop_all_tasks"
                    ),
                ]
                .into_iter()
            )
        );
    }

    /// Each handler gets what its route's checks give: a project only under
    /// `/project/{project_id}`, no user only on `/ping` and `/auth`.
    #[test]
    fn handlers_fit_their_templates() {
        for row in ROUTES {
            let in_project = row.template.starts_with(crate::dispatch::PROJECT);
            let fits = match row.handler {
                Public(_) => row.template == "/ping" || row.template.starts_with("/auth/"),
                User(_) => !in_project && !row.template.starts_with("/auth/"),
                Project(_) => in_project,
                Socket => row.template == "/ws",
                NotModelled => !row.template.starts_with("/auth/"),
            };
            assert!(fits, "{} {}", row.methods, row.template);
        }
    }
}
