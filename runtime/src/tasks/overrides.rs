//! A task's overrides of its template (limit, tags, skipped tags, inventory, debugging,
//! arguments), against what the server will apply. Servers newer than v2.10.32 apply a
//! task's limit, tags, skipped tags, inventory and debugging only when the template's
//! `task_params` allows it, and otherwise drop them without a word, so a task started with
//! `--limit web1` runs on every host (Semaphore issue #2820; `LocalJob.getPlaybookArgs` and
//! `TaskRunner.populateDetails` of the 2.17 sources). Every server applies a task's
//! arguments only when the template's `allow_override_args_in_task` is set. These checks
//! refuse, before a task starts, what would be dropped, and after the start check that the
//! server recorded what was asked.

use crate::{InventoryId, ServerVersion, Support, Task, TaskRequest, Template, TemplateApp};

/// What a request asks the server to override.
pub(crate) struct Asked<'a> {
    limit: Option<Vec<&'a str>>,
    tags: &'a [String],
    skip_tags: &'a [String],
    inventory: Option<InventoryId>,
    debug: bool,
    arguments: bool,
}

impl<'a> Asked<'a> {
    pub(crate) fn of(request: &'a TaskRequest) -> Asked<'a> {
        Asked {
            limit: request.limit_hosts(),
            tags: &request.tags,
            skip_tags: &request.skip_tags,
            inventory: request.inventory_id,
            debug: request.debug,
            arguments: request.arguments.is_some(),
        }
    }

    /// Whether it asks for any override (when not, nothing needs checking).
    pub(crate) fn any(&self) -> bool {
        self.limit.is_some()
            || !self.tags.is_empty()
            || !self.skip_tags.is_empty()
            || self.inventory.is_some()
            || self.debug
            || self.arguments
    }
}

/// The first override the server would drop: the request field, and why.
pub(crate) fn refused(
    template: &Template,
    version: &ServerVersion,
    asked: &Asked<'_>,
) -> Option<(&'static str, String)> {
    let name = &template.name;
    if asked.arguments && !template.allow_override_args_in_task {
        return Some((
            "arguments",
            format!(
                "template {name:?} does not let a task override its arguments (allow_override_args_in_task is off), so the server would run the template's own: allow it on the template, or leave `arguments` unset"
            ),
        ));
    }
    // v2.10.32 and older have no `task_params`: a task's limit, inventory and debugging apply,
    // its tags do not exist. A newer server, or one this crate cannot read, checks
    // `task_params`, where an absent setting is off.
    let newer = template.task_params.is_some()
        || matches!(version.support(), Support::Newer | Support::Unknown);
    if newer {
        refused_by_task_params(template, asked)
    } else {
        refused_by_older_server(version, asked)
    }
}

/// What a server without `task_params` drops: tags, which it does not know.
fn refused_by_older_server(
    version: &ServerVersion,
    asked: &Asked<'_>,
) -> Option<(&'static str, String)> {
    let version = version.as_str();
    [("tags", asked.tags), ("skip_tags", asked.skip_tags)]
        .into_iter()
        .find(|(_, list)| !list.is_empty())
        .map(|(field, _)| {
            (
                field,
                format!(
                    "this server ({version}) takes no {field} for a task and would run every tag: pass them in `arguments` if the template allows it"
                ),
            )
        })
}

/// What a newer server drops: every override the template's `task_params` do not allow.
fn refused_by_task_params(
    template: &Template,
    asked: &Asked<'_>,
) -> Option<(&'static str, String)> {
    let name = &template.name;
    let allowed = template.task_params.clone().unwrap_or_default();
    let on = |setting: Option<bool>| setting.unwrap_or(false);
    let ansible = matches!(template.app, TemplateApp::Ansible) || template.app.as_str().is_empty();
    let checks = [
        (
            asked.limit.is_some() && !on(allowed.allow_override_limit),
            "limit",
            "its limit",
            "allow_override_limit",
            "the template's own limit, or every host of the inventory",
        ),
        (
            !asked.tags.is_empty() && !on(allowed.allow_override_tags),
            "tags",
            "its tags",
            "allow_override_tags",
            "the template's own tags, or every task of the playbook",
        ),
        (
            !asked.skip_tags.is_empty() && !on(allowed.allow_override_skip_tags),
            "skip_tags",
            "its skipped tags",
            "allow_override_skip_tags",
            "the template's own, skipping nothing else",
        ),
        (
            asked.inventory.is_some() && !(ansible && on(allowed.allow_override_inventory)),
            "inventory_id",
            "its inventory",
            "allow_override_inventory (Ansible templates only)",
            "the template's own inventory",
        ),
        (
            asked.debug && !on(allowed.allow_debug),
            "debug",
            "debugging",
            "allow_debug",
            "without debugging",
        ),
    ];
    checks
        .into_iter()
        .find(|(refused, ..)| *refused)
        .map(|(_, field, what, setting, instead)| {
            (
                field,
                format!(
                    "template {name:?} does not let a task override {what} (its task_params.{setting} is off), so the server would drop the task's and run {instead}: allow the override on the template (in the web UI, the template's task settings), or leave `{field}` unset"
                ),
            )
        })
}

/// What the server's answer to the start does not show it recorded, in a few words.
pub(crate) fn not_recorded(task: &Task, asked: &Asked<'_>) -> Option<String> {
    let params = task.params.clone().unwrap_or_default();
    if let Some(limit) = &asked.limit {
        let in_params = params
            .limit
            .as_ref()
            .is_some_and(|hosts| hosts.iter().map(String::as_str).eq(limit.iter().copied()));
        let legacy = task
            .limit
            .split(',')
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .eq(limit.iter().copied());
        if !in_params && !legacy {
            return Some(format!("record the limit {:?}", limit.join(",")));
        }
    }
    for (field, list, recorded) in [
        ("tags", asked.tags, &params.tags),
        ("skipped tags", asked.skip_tags, &params.skip_tags),
    ] {
        if !list.is_empty() && recorded.as_deref() != Some(list) {
            return Some(format!("record the {field} {list:?}"));
        }
    }
    if asked.inventory.is_some() && task.inventory_id != asked.inventory {
        return Some("record the inventory asked for".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{TemplateId, TemplateTaskParams};

    fn request() -> TaskRequest {
        TaskRequest::new(TemplateId(1))
    }

    fn template(task_params: Option<TemplateTaskParams>) -> Template {
        Template {
            name: "Deploy".into(),
            task_params,
            ..Template::default()
        }
    }

    const OLD: &str = "v2.10.32-31-d4a27137-2024-10-25";
    const NEW: &str = "2.16.14-abcdef1-1750000000";

    fn refused_field(
        template: &Template,
        version: &str,
        request: &TaskRequest,
    ) -> Option<&'static str> {
        refused(
            template,
            &ServerVersion::parse(version),
            &Asked::of(request),
        )
        .map(|(f, _)| f)
    }

    #[test]
    fn the_verified_server_applies_limit_inventory_and_debug_but_has_no_tags() {
        let mut r = request();
        r.limit = Some("web1".into());
        r.inventory_id = Some(InventoryId(2));
        r.debug = true;
        assert_eq!(refused_field(&template(None), OLD, &r), None);
        r.tags = vec!["deploy".into()];
        assert_eq!(refused_field(&template(None), OLD, &r), Some("tags"));
    }

    #[test]
    fn a_newer_server_applies_only_what_the_template_allows() {
        let mut r = request();
        r.limit = Some("web1".into());
        // No task_params on a newer server: nothing may be overridden.
        assert_eq!(refused_field(&template(None), NEW, &r), Some("limit"));
        assert_eq!(refused_field(&template(None), "develop", &r), Some("limit"));
        let limit_allowed = TemplateTaskParams {
            allow_override_limit: Some(true),
            ..TemplateTaskParams::default()
        };
        assert_eq!(
            refused_field(&template(Some(limit_allowed.clone())), NEW, &r),
            None
        );
        // task_params seen on a server that says it is old: they rule.
        assert_eq!(
            refused_field(&template(Some(TemplateTaskParams::default())), OLD, &r),
            Some("limit")
        );
        r.tags = vec!["web".into()];
        assert_eq!(
            refused_field(&template(Some(limit_allowed.clone())), NEW, &r),
            Some("tags")
        );
        r.tags.clear();
        r.inventory_id = Some(InventoryId(3));
        let mut inventory_allowed = TemplateTaskParams {
            allow_override_inventory: Some(true),
            ..limit_allowed
        };
        let mut t = template(Some(inventory_allowed.clone()));
        assert_eq!(refused_field(&t, NEW, &r), None);
        t.app = TemplateApp::Terraform;
        assert_eq!(refused_field(&t, NEW, &r), Some("inventory_id"));
        inventory_allowed.allow_override_inventory = None;
        assert_eq!(
            refused_field(&template(Some(inventory_allowed)), NEW, &r),
            Some("inventory_id")
        );
    }

    #[test]
    fn arguments_need_the_template_everywhere() {
        let mut r = request();
        r.arguments = Some(r#"["-e", "x=1"]"#.into());
        assert_eq!(refused_field(&template(None), OLD, &r), Some("arguments"));
        let mut t = template(None);
        t.allow_override_args_in_task = true;
        assert_eq!(refused_field(&t, OLD, &r), None);
        let (_, reason) =
            refused(&template(None), &ServerVersion::parse(OLD), &Asked::of(&r)).unwrap();
        assert!(
            reason.contains("\"Deploy\"") && reason.contains("allow_override_args_in_task"),
            "{reason}"
        );
    }

    #[test]
    fn the_answer_must_show_what_was_asked() {
        let mut r = request();
        r.limit = Some("web1, web2".into());
        let asked = Asked::of(&r);
        let old = Task {
            limit: "web1, web2".into(),
            ..Task::default()
        };
        assert_eq!(not_recorded(&old, &asked), None);
        let new = Task {
            params: Some(crate::TaskParams {
                limit: Some(vec!["web1".into(), "web2".into()]),
                ..Default::default()
            }),
            ..Task::default()
        };
        assert_eq!(not_recorded(&new, &asked), None);
        let dropped = Task::default();
        assert!(
            not_recorded(&dropped, &asked)
                .unwrap()
                .contains("web1,web2")
        );
    }
}
