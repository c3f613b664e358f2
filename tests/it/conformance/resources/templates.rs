//! Templates of every type (task, build, deploy), each with a vault and two survey variables,
//! and a shell template whose task runs long enough to be confirmed and stopped.

use std::future::Future;

use semaphore_api::*;

use crate::conformance::cycle::{self, Holds, Resource, every_order};
use crate::conformance::made::Made;
use crate::conformance::run::{Named, Run, Step, call};

pub struct Templates;

impl Resource for Templates {
    const NAME: &'static str = "template";
    type Item = Template;
    type Listed = TemplateSummary;
    type Id = TemplateId;
    type Order = (TemplateSort, SortOrder);

    fn id(template: &Template) -> TemplateId {
        template.id
    }

    /// Each Ansible template is read back and renamed as soon as it is made: on BoltDB,
    /// replacing a template's vaults fails (409) once a deploy template's
    /// `build_template_id` equals one of the vault ids (CONFORMANCE.md).
    async fn create(&self, run: &mut Run, made: &mut Made) -> Step {
        for (name, kind) in [
            ("Ping", TemplateType::Task),
            ("Build", TemplateType::Build),
            ("Deploy", TemplateType::Deploy),
        ] {
            let request = ansible(made, name, kind);
            let created = run
                .ok(call!(
                    made.client
                        .project_project_id_templates_post(made.id(), &request)
                ))
                .await?;
            let template = run.ok(self.read(made, created.id)).await?;
            let kept = TemplateRequest::from(&without_vault_ids(&template));
            run.same("created template, read back", kept, request);
            run.same("created template's project", template.project_id, made.id());
            let mut wanted = template;
            wanted.name = format!("{name} renamed");
            cycle::update(self, run, made, wanted).await?;
        }
        let request = TemplateRequest {
            view_id: Some(made.view.id),
            ..TemplateRequest::new(TemplateApp::Bash, "Sleep", "sleep.sh", made.repository.id)
        };
        let sleep = run
            .ok(call!(
                made.client
                    .project_project_id_templates_post(made.id(), &request)
            ))
            .await?;
        run.same("the shell template's app", &sleep.app, &TemplateApp::Bash);
        made.templates.push(sleep);
        Ok(())
    }

    fn orders(&self) -> Vec<Self::Order> {
        every_order(&[
            TemplateSort::Name,
            TemplateSort::Playbook,
            TemplateSort::Inventory,
            TemplateSort::Environment,
            TemplateSort::Repository,
        ])
    }

    fn list(
        &self,
        made: &Made,
        (sort, order): Self::Order,
    ) -> Named<impl Future<Output = Result<Vec<TemplateSummary>>>> {
        call!(
            made.client
                .project_project_id_templates_get(made.id(), Some(sort), Some(order))
        )
    }

    fn holds(&self, made: &Made) -> Holds<TemplateId> {
        Holds::Exactly(made.templates.len())
    }

    /// None: each was read back as it was made.
    fn to_read(&self, _made: &Made) -> Vec<Template> {
        Vec::new()
    }

    fn read(&self, made: &Made, id: TemplateId) -> Named<impl Future<Output = Result<Template>>> {
        call!(
            made.client
                .project_project_id_templates_template_id_get(made.id(), id)
        )
    }

    /// None: each was renamed as it was made.
    fn to_update(&self, _made: &Made) -> Vec<Template> {
        Vec::new()
    }

    async fn put(&self, run: &mut Run, made: &Made, wanted: &Template) -> Step {
        let request = TemplateRequest::from(wanted);
        run.ok(call!(
            made.client.project_project_id_templates_template_id_put(
                made.id(),
                wanted.id,
                &request
            )
        ))
        .await
    }

    fn compared(template: &Template) -> Template {
        without_vault_ids(template)
    }

    /// A template renamed as it was made joins the made ones.
    fn updated(&self, made: &mut Made, after: Template) {
        made.templates.push(after);
    }

    /// The build template's refs (its deploy template), and the `Ping` template's tasks.
    async fn check(&self, run: &mut Run, made: &mut Made) -> Step {
        let id = made.id();
        let build = made
            .templates
            .iter()
            .find(|t| t.r#type == TemplateType::Build);
        let build = build.map(|t| t.id).unwrap_or_default();
        let refs = run
            .ok(call!(
                made.client
                    .project_project_id_templates_template_id_refs_get(id, build)
            ))
            .await?;
        run.same("the build template's refs", refs.templates.len(), 1);

        let ping = made.ping().id;
        let tasks = run
            .ok(call!(
                made.client
                    .project_project_id_templates_template_id_tasks_get(id, ping)
            ))
            .await?;
        run.check(
            tasks.iter().all(|t| t.template_id == ping) && !tasks.is_empty(),
            || format!("the template's tasks: {tasks:?}"),
        );
        let last = run
            .ok(call!(
                made.client
                    .project_project_id_templates_template_id_tasks_last_get(id, ping, Some(1))
            ))
            .await?;
        run.same("the template's last task", last.len(), 1);
        Ok(())
    }

    /// The last made first: a build template cannot be deleted while a deploy template uses
    /// it.
    async fn to_delete(&self, _run: &mut Run, made: &Made) -> Step<Vec<TemplateId>> {
        Ok(made.templates.iter().rev().map(|t| t.id).collect())
    }

    fn delete(&self, made: &Made, id: TemplateId) -> Named<impl Future<Output = Result<()>>> {
        call!(
            made.client
                .project_project_id_templates_template_id_delete(made.id(), id)
        )
    }

    const GONE: &'static [u16] = &[404];
}

/// An Ansible template of `kind` running `ping.yml` with the project's environment, view,
/// static inventory and vault password, and two survey variables (one an `enum`).
fn ansible(made: &Made, name: &str, kind: TemplateType) -> TemplateRequest {
    let build = made
        .templates
        .iter()
        .find(|t| t.r#type == TemplateType::Build);
    TemplateRequest {
        environment_id: Some(made.environment.id),
        view_id: Some(made.view.id),
        description: Some(format!("{name} template")),
        arguments: Some("[]".into()),
        start_version: (kind == TemplateType::Build).then(|| "1.0.0".to_owned()),
        build_template_id: match kind {
            TemplateType::Deploy => build.map(|t| t.id),
            _ => None,
        },
        autorun: kind == TemplateType::Deploy,
        r#type: kind,
        vaults: vec![TemplateVault {
            vault_key_id: made.vault_key,
            name: Some("default".into()),
            ..Default::default()
        }],
        survey_vars: vec![
            TemplateSurveyVar {
                name: "greeting".into(),
                title: "Greeting".into(),
                description: "What to say".into(),
                ..Default::default()
            },
            TemplateSurveyVar {
                name: "colour".into(),
                title: "Colour".into(),
                r#type: SurveyVarType::Enum,
                required: true,
                values: vec![
                    SurveyVarValue {
                        name: "Red".into(),
                        value: "red".into(),
                    },
                    SurveyVarValue {
                        name: "Blue".into(),
                        value: "blue".into(),
                    },
                ],
                ..Default::default()
            },
        ],
        ..TemplateRequest::ansible(name, "ping.yml", made.repository.id, made.inventories[0].id)
    }
}

/// A template with its vaults' ids cleared: an update of the vaults makes new ones on BoltDB.
fn without_vault_ids(template: &Template) -> Template {
    let mut template = template.clone();
    for vault in &mut template.vaults {
        *vault = TemplateVault {
            vault_key_id: vault.vault_key_id,
            name: vault.name.clone(),
            ..Default::default()
        };
    }
    template
}
