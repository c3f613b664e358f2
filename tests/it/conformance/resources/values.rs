//! A value the integration extracts: the commit, from the JSON body's `after`.

use std::future::Future;

use semaphore_api::*;

use crate::conformance::cycle::{Holds, ReadBack, Resource};
use crate::conformance::made::Made;
use crate::conformance::run::{Named, Run, Step, call};

pub struct Values;

impl Resource for Values {
    const NAME: &'static str = "extracted value";
    type Item = IntegrationExtractValue;
    type Listed = IntegrationExtractValue;
    type Id = ExtractValueId;
    type Order = ();

    fn id(value: &IntegrationExtractValue) -> ExtractValueId {
        value.id
    }

    async fn create(&self, run: &mut Run, made: &mut Made) -> Step {
        let request = IntegrationExtractValueRequest::from_json_body("Commit", "after", "commit");
        made.value = run
            .ok(call!(
                made.client
                    .project_project_id_integrations_integration_id_values_post(
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
    ) -> Named<impl Future<Output = Result<Vec<IntegrationExtractValue>>>> {
        call!(
            made.client
                .project_project_id_integrations_integration_id_values_get(
                    made.id(),
                    made.integration.id,
                    None,
                    None
                )
        )
    }

    fn holds(&self, _made: &Made) -> Holds<ExtractValueId> {
        Holds::Exactly(1)
    }

    fn listed(&self, run: &mut Run, made: &mut Made, listed: Vec<IntegrationExtractValue>) -> Step {
        let value = listed.into_iter().next().unwrap_or_default();
        run.same("created value, listed", &value, &made.value);
        made.value = value;
        Ok(())
    }

    fn to_read(&self, made: &Made) -> Vec<IntegrationExtractValue> {
        vec![made.value.clone()]
    }

    fn read(
        &self,
        made: &Made,
        id: ExtractValueId,
    ) -> Named<impl Future<Output = Result<IntegrationExtractValue>>> {
        call!(
            made.client
                .project_project_id_integrations_integration_id_values_extractvalue_id_get(
                    made.id(),
                    made.integration.id,
                    id
                )
        )
    }

    fn to_update(&self, made: &Made) -> Vec<IntegrationExtractValue> {
        let mut wanted = made.value.clone();
        wanted.name = "Commit renamed".into();
        wanted.variable = "sha".into();
        vec![wanted]
    }

    /// The request is built field by field: the model has no conversion from a value.
    async fn put(&self, run: &mut Run, made: &Made, wanted: &IntegrationExtractValue) -> Step {
        let request = IntegrationExtractValueRequest {
            name: wanted.name.clone(),
            value_source: wanted.value_source.clone(),
            body_data_type: wanted.body_data_type.clone(),
            key: wanted.key.clone(),
            variable: wanted.variable.clone(),
            extra: Default::default(),
        };
        run.ok(call!(
            made.client
                .project_project_id_integrations_integration_id_values_extractvalue_id_put(
                    made.id(),
                    made.integration.id,
                    wanted.id,
                    &request
                )
        ))
        .await
    }

    const READ_BACK: ReadBack = ReadBack::InList;

    /// Only the fields the update changes.
    fn compared(value: &IntegrationExtractValue) -> IntegrationExtractValue {
        IntegrationExtractValue {
            name: value.name.clone(),
            variable: value.variable.clone(),
            ..Default::default()
        }
    }

    fn updated(&self, made: &mut Made, after: IntegrationExtractValue) {
        made.value = after;
    }

    /// Its refs, which answer.
    async fn check(&self, run: &mut Run, made: &mut Made) -> Step {
        run.ok(call!(
            made.client
                .project_project_id_integrations_integration_id_values_extractvalue_id_refs_get(
                    made.id(),
                    made.integration.id,
                    made.value.id
                )
        ))
        .await
        .map(drop)
    }

    async fn to_delete(&self, _run: &mut Run, made: &Made) -> Step<Vec<ExtractValueId>> {
        Ok(vec![made.value.id])
    }

    fn delete(&self, made: &Made, id: ExtractValueId) -> Named<impl Future<Output = Result<()>>> {
        call!(
            made.client
                .project_project_id_integrations_integration_id_values_extractvalue_id_delete(
                    made.id(),
                    made.integration.id,
                    id
                )
        )
    }
}
