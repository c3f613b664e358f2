//! An environment with extra variables, environment variables, a vault password and two
//! secrets, beside the `Empty` environment the server makes with every project.

use std::future::Future;

use semaphore_api::*;

use crate::conformance::cycle::{Holds, ReadBack, Resource, every_order};
use crate::conformance::made::Made;
use crate::conformance::run::{Named, Run, Step, Stop, call};

pub struct Environments;

impl Resource for Environments {
    const NAME: &'static str = "environment";
    type Item = Environment;
    type Listed = Environment;
    type Id = EnvironmentId;
    type Order = (EnvironmentSort, SortOrder);

    fn id(environment: &Environment) -> EnvironmentId {
        environment.id
    }

    async fn create(&self, run: &mut Run, made: &mut Made) -> Step {
        let request = EnvironmentRequest {
            name: "Production".into(),
            json: r#"{"greeting": "hello"}"#.into(),
            env: Some(r#"{"GREETING": "hello"}"#.into()),
            password: Some("fake-vault-password".into()),
            secrets: vec![
                SecretChange::create(EnvironmentSecretType::Var, "api_token", "fake-secret-var"),
                SecretChange::create(EnvironmentSecretType::Env, "API_TOKEN", "fake-secret-env"),
            ],
            extra: Default::default(),
        };
        run.ok(call!(
            made.client
                .project_project_id_environment_post(made.id(), &request)
        ))
        .await
    }

    fn orders(&self) -> Vec<Self::Order> {
        every_order(&[EnvironmentSort::Name])
    }

    fn list(
        &self,
        made: &Made,
        (sort, order): Self::Order,
    ) -> Named<impl Future<Output = Result<Vec<Environment>>>> {
        call!(
            made.client
                .project_project_id_environment_get(made.id(), Some(sort), Some(order))
        )
    }

    /// Ours and the server's `Empty` one.
    fn holds(&self, _made: &Made) -> Holds<EnvironmentId> {
        Holds::Exactly(2)
    }

    fn listed(&self, _run: &mut Run, made: &mut Made, listed: Vec<Environment>) -> Step {
        let production = listed.into_iter().find(|e| e.name == "Production");
        made.environment = production.ok_or_else(|| Stop("no environment".into()))?;
        Ok(())
    }

    fn to_read(&self, made: &Made) -> Vec<Environment> {
        vec![made.environment.clone()]
    }

    fn read(
        &self,
        made: &Made,
        id: EnvironmentId,
    ) -> Named<impl Future<Output = Result<Environment>>> {
        call!(
            made.client
                .project_project_id_environment_environment_id_get(made.id(), id)
        )
    }

    /// A list leaves the secrets out, so a read is checked for them alone: their names and
    /// types, and no value.
    fn was_read(&self, run: &mut Run, _made: &mut Made, _known: &Environment, read: Environment) {
        let mut secrets: Vec<_> = read
            .secrets
            .iter()
            .map(|s| (s.name.as_str(), s.r#type.clone()))
            .collect();
        secrets.sort_by(|a, b| a.0.cmp(b.0));
        run.same(
            "the environment's secrets, by name",
            secrets,
            vec![
                ("API_TOKEN", EnvironmentSecretType::Env),
                ("api_token", EnvironmentSecretType::Var),
            ],
        );
        run.check(read.secrets.iter().all(|s| s.secret.is_empty()), || {
            "the server sent a secret's value".into()
        });
    }

    fn to_update(&self, made: &Made) -> Vec<Environment> {
        let mut wanted = made.environment.clone();
        wanted.json = r#"{"greeting": "hello again"}"#.into();
        vec![wanted]
    }

    async fn put(&self, run: &mut Run, made: &Made, wanted: &Environment) -> Step {
        let request = EnvironmentRequest::from(wanted);
        run.ok(call!(
            made.client
                .project_project_id_environment_environment_id_put(made.id(), wanted.id, &request)
        ))
        .await
    }

    const READ_BACK: ReadBack = ReadBack::InList;

    /// Its refs: the templates that use it.
    async fn check(&self, run: &mut Run, made: &mut Made) -> Step {
        let refs = run
            .ok(call!(
                made.client
                    .project_project_id_environment_environment_id_refs_get(
                        made.id(),
                        made.environment.id
                    )
            ))
            .await?;
        run.check(!refs.templates.is_empty(), || {
            "the environment's templates".into()
        });
        Ok(())
    }

    async fn to_delete(&self, _run: &mut Run, made: &Made) -> Step<Vec<EnvironmentId>> {
        Ok(vec![made.environment.id])
    }

    fn delete(&self, made: &Made, id: EnvironmentId) -> Named<impl Future<Output = Result<()>>> {
        call!(
            made.client
                .project_project_id_environment_environment_id_delete(made.id(), id)
        )
    }
}
