//! An integration of the `Ping` template with token authentication (the login key), its
//! refs, and the project's and its own aliases.

use std::future::Future;

use semaphore_api::*;

use crate::conformance::cycle::{Holds, ReadBack, Resource};
use crate::conformance::made::Made;
use crate::conformance::run::{Named, Run, Step, call};

pub struct Integrations;

impl Resource for Integrations {
    const NAME: &'static str = "integration";
    type Item = Integration;
    type Listed = Integration;
    type Id = IntegrationId;
    type Order = ();

    fn id(integration: &Integration) -> IntegrationId {
        integration.id
    }

    async fn create(&self, run: &mut Run, made: &mut Made) -> Step {
        let request = IntegrationRequest {
            auth_method: IntegrationAuthMethod::Token,
            auth_secret_id: Some(made.login_key),
            auth_header: "X-Token".into(),
            searchable: true,
            ..IntegrationRequest::new("GitHub push", made.ping().id)
        };
        made.integration = run
            .ok(call!(
                made.client
                    .project_project_id_integrations_post(made.id(), &request)
            ))
            .await?;
        Ok(())
    }

    fn orders(&self) -> Vec<()> {
        vec![()]
    }

    fn list(&self, made: &Made, (): ()) -> Named<impl Future<Output = Result<Vec<Integration>>>> {
        call!(
            made.client
                .project_project_id_integrations_get(made.id(), None, None)
        )
    }

    fn holds(&self, _made: &Made) -> Holds<IntegrationId> {
        Holds::Exactly(1)
    }

    /// The update starts from the listed integration.
    fn listed(&self, _run: &mut Run, made: &mut Made, listed: Vec<Integration>) -> Step {
        made.integration = listed.into_iter().next().unwrap_or_default();
        Ok(())
    }

    fn to_read(&self, made: &Made) -> Vec<Integration> {
        vec![made.integration.clone()]
    }

    fn read(
        &self,
        made: &Made,
        id: IntegrationId,
    ) -> Named<impl Future<Output = Result<Integration>>> {
        call!(
            made.client
                .project_project_id_integrations_integration_id_get(made.id(), id)
        )
    }

    fn was_read(&self, run: &mut Run, _made: &mut Made, known: &Integration, read: Integration) {
        run.same("integration read alone: id", read.id, known.id);
    }

    fn to_update(&self, made: &Made) -> Vec<Integration> {
        let mut wanted = made.integration.clone();
        wanted.name = "GitHub push renamed".into();
        vec![wanted]
    }

    async fn put(&self, run: &mut Run, made: &Made, wanted: &Integration) -> Step {
        let request = IntegrationRequest::from(wanted);
        run.ok(call!(
            made.client
                .project_project_id_integrations_integration_id_put(made.id(), wanted.id, &request)
        ))
        .await
    }

    const READ_BACK: ReadBack = ReadBack::OnlyInList;

    fn updated(&self, made: &mut Made, after: Integration) {
        made.integration = after;
    }

    /// Its refs (with its matcher and value made), and the aliases.
    async fn check(&self, run: &mut Run, made: &mut Made) -> Step {
        let (id, integration) = (made.id(), made.integration.id);
        let refs = run
            .ok(call!(
                made.client
                    .project_project_id_integrations_integration_id_refs_get(id, integration)
            ))
            .await?;
        // this server's stores answer it empty (the query is commented out in `db/sql`)
        run.same(
            "the integration's refs",
            (refs.matchers.len(), refs.values.len()),
            (0, 0),
        );
        aliases(run, made).await
    }

    async fn to_delete(&self, _run: &mut Run, made: &Made) -> Step<Vec<IntegrationId>> {
        Ok(vec![made.integration.id])
    }

    fn delete(&self, made: &Made, id: IntegrationId) -> Named<impl Future<Output = Result<()>>> {
        call!(
            made.client
                .project_project_id_integrations_integration_id_delete(made.id(), id)
        )
    }
}

/// The project's alias and the integration's own: each made, listed alone, removed.
async fn aliases(run: &mut Run, made: &Made) -> Step {
    let (id, integration) = (made.id(), made.integration.id);
    let client = &made.client;
    let alias = run
        .ok(call!(
            client.project_project_id_integrations_aliases_post(id)
        ))
        .await?;
    run.check(alias.url.contains("api/integrations/"), || {
        format!("an alias's url: {alias:?}")
    });
    let aliases = run
        .ok(call!(
            client.project_project_id_integrations_aliases_get(id)
        ))
        .await?;
    run.same("the project's aliases", aliases, vec![alias.clone()]);
    run.ok(call!(
        client.project_project_id_integrations_aliases_alias_id_delete(id, alias.id)
    ))
    .await?;
    let own = run
        .ok(call!(
            client.project_project_id_integrations_integration_id_aliases_post(id, integration)
        ))
        .await?;
    let aliases = run
        .ok(call!(
            client.project_project_id_integrations_integration_id_aliases_get(id, integration)
        ))
        .await?;
    run.same("the integration's aliases", aliases, vec![own.clone()]);
    run.ok(call!(
        client.project_project_id_integrations_integration_id_aliases_alias_id_delete(
            id,
            integration,
            own.id
        )
    ))
    .await?;
    let aliases = run
        .ok(call!(
            client.project_project_id_integrations_aliases_get(id)
        ))
        .await?;
    run.same("aliases after their deletes", aliases.len(), 0);
    Ok(())
}
