//! A matcher of the integration: on the JSON body's `ref`, the main branch.

use std::future::Future;

use semaphore_api::*;

use crate::conformance::cycle::{Holds, ReadBack, Resource};
use crate::conformance::made::Made;
use crate::conformance::run::{Named, Run, Step, call};

pub struct Matchers;

impl Resource for Matchers {
    const NAME: &'static str = "matcher";
    type Item = IntegrationMatcher;
    type Listed = IntegrationMatcher;
    type Id = MatcherId;
    type Order = ();

    fn id(matcher: &IntegrationMatcher) -> MatcherId {
        matcher.id
    }

    async fn create(&self, run: &mut Run, made: &mut Made) -> Step {
        let request = IntegrationMatcherRequest::on_json_body(
            "Branch",
            "ref",
            IntegrationMatchMethod::Equals,
            "refs/heads/main",
        );
        made.matcher = run
            .ok(call!(
                made.client
                    .project_project_id_integrations_integration_id_matchers_post(
                        made.id(),
                        made.integration.id,
                        &request
                    )
            ))
            .await?;
        Ok(())
    }

    fn orders(&self) -> Vec<()> {
        vec![()]
    }

    fn list(
        &self,
        made: &Made,
        (): (),
    ) -> Named<impl Future<Output = Result<Vec<IntegrationMatcher>>>> {
        call!(
            made.client
                .project_project_id_integrations_integration_id_matchers_get(
                    made.id(),
                    made.integration.id
                )
        )
    }

    fn holds(&self, _made: &Made) -> Holds<MatcherId> {
        Holds::Exactly(1)
    }

    fn listed(&self, run: &mut Run, made: &mut Made, listed: Vec<IntegrationMatcher>) -> Step {
        let matcher = listed.into_iter().next().unwrap_or_default();
        run.same("created matcher, listed", &matcher, &made.matcher);
        made.matcher = matcher;
        Ok(())
    }

    fn to_read(&self, made: &Made) -> Vec<IntegrationMatcher> {
        vec![made.matcher.clone()]
    }

    fn read(
        &self,
        made: &Made,
        id: MatcherId,
    ) -> Named<impl Future<Output = Result<IntegrationMatcher>>> {
        call!(
            made.client
                .project_project_id_integrations_integration_id_matchers_matcher_id_get(
                    made.id(),
                    made.integration.id,
                    id
                )
        )
    }

    fn to_update(&self, made: &Made) -> Vec<IntegrationMatcher> {
        let mut wanted = made.matcher.clone();
        wanted.name = "Branch renamed".into();
        wanted.value = "refs/heads/release".into();
        vec![wanted]
    }

    async fn put(&self, run: &mut Run, made: &Made, wanted: &IntegrationMatcher) -> Step {
        let request = IntegrationMatcherRequest::from(wanted);
        run.ok(call!(
            made.client
                .project_project_id_integrations_integration_id_matchers_matcher_id_put(
                    made.id(),
                    made.integration.id,
                    wanted.id,
                    &request
                )
        ))
        .await
    }

    const READ_BACK: ReadBack = ReadBack::OnlyInList;

    fn updated(&self, made: &mut Made, after: IntegrationMatcher) {
        made.matcher = after;
    }

    /// Its refs, which answer.
    async fn check(&self, run: &mut Run, made: &mut Made) -> Step {
        run.ok(call!(
            made.client
                .project_project_id_integrations_integration_id_matchers_matcher_id_refs_get(
                    made.id(),
                    made.integration.id,
                    made.matcher.id
                )
        ))
        .await
        .map(drop)
    }

    async fn to_delete(&self, _run: &mut Run, made: &Made) -> Step<Vec<MatcherId>> {
        Ok(vec![made.matcher.id])
    }

    fn delete(&self, made: &Made, id: MatcherId) -> Named<impl Future<Output = Result<()>>> {
        call!(
            made.client
                .project_project_id_integrations_integration_id_matchers_matcher_id_delete(
                    made.id(),
                    made.integration.id,
                    id
                )
        )
    }

    const LEFT: Option<usize> = Some(0);
}
