//! The repository: the local git directory with the playbooks, reached with the `None` key.

use std::future::Future;

use semaphore_api::*;

use crate::conformance::cycle::{Holds, ReadBack, Resource, every_order};
use crate::conformance::made::Made;
use crate::conformance::run::{Named, Run, Step, Stop, call};

pub struct Repositories;

impl Resource for Repositories {
    const NAME: &'static str = "repository";
    type Item = Repository;
    type Listed = Repository;
    type Id = RepositoryId;
    type Order = (RepositorySort, SortOrder);

    fn id(repository: &Repository) -> RepositoryId {
        repository.id
    }

    async fn create(&self, run: &mut Run, made: &mut Made) -> Step {
        let request = RepositoryRequest {
            name: "Playbooks".into(),
            git_url: made.playbooks.display().to_string(),
            git_branch: "main".into(),
            ssh_key_id: made.none_key,
            extra: Default::default(),
        };
        run.ok(call!(
            made.client
                .project_project_id_repositories_post(made.id(), &request)
        ))
        .await
    }

    fn orders(&self) -> Vec<Self::Order> {
        every_order(&[
            RepositorySort::Name,
            RepositorySort::GitUrl,
            RepositorySort::SshKey,
        ])
    }

    fn list(
        &self,
        made: &Made,
        (sort, order): Self::Order,
    ) -> Named<impl Future<Output = Result<Vec<Repository>>>> {
        call!(
            made.client
                .project_project_id_repositories_get(made.id(), Some(sort), Some(order))
        )
    }

    /// SQL servers fail the query of this sort (CONFORMANCE.md).
    fn faults(&self, (sort, _): Self::Order) -> &'static [u16] {
        if sort == RepositorySort::SshKey {
            &[400]
        } else {
            &[]
        }
    }

    fn holds(&self, _made: &Made) -> Holds<RepositoryId> {
        Holds::Exactly(1)
    }

    fn listed(&self, run: &mut Run, made: &mut Made, listed: Vec<Repository>) -> Step {
        let repository = listed.into_iter().next();
        made.repository = repository.ok_or_else(|| Stop("no repository".into()))?;
        run.same(
            "repository's url",
            made.repository.git_url.as_str(),
            made.playbooks.display().to_string().as_str(),
        );
        Ok(())
    }

    fn to_read(&self, made: &Made) -> Vec<Repository> {
        vec![made.repository.clone()]
    }

    fn read(
        &self,
        made: &Made,
        id: RepositoryId,
    ) -> Named<impl Future<Output = Result<Repository>>> {
        call!(
            made.client
                .project_project_id_repositories_repository_id_get(made.id(), id)
        )
    }

    fn was_read(&self, run: &mut Run, _made: &mut Made, known: &Repository, read: Repository) {
        run.same("repository read alone: id", read.id, known.id);
    }

    fn to_update(&self, made: &Made) -> Vec<Repository> {
        let mut wanted = made.repository.clone();
        wanted.name = "Playbooks (local)".into();
        vec![wanted]
    }

    async fn put(&self, run: &mut Run, made: &Made, wanted: &Repository) -> Step {
        let request = RepositoryRequest::from(wanted);
        run.ok(call!(
            made.client
                .project_project_id_repositories_repository_id_put(made.id(), wanted.id, &request)
        ))
        .await
    }

    const READ_BACK: ReadBack = ReadBack::OnlyInList;

    /// Its refs: every template runs from it.
    async fn check(&self, run: &mut Run, made: &mut Made) -> Step {
        let refs = run
            .ok(call!(
                made.client
                    .project_project_id_repositories_repository_id_refs_get(
                        made.id(),
                        made.repository.id
                    )
            ))
            .await?;
        run.same(
            "the repository's templates",
            refs.templates.len(),
            made.templates.len(),
        );
        Ok(())
    }

    async fn to_delete(&self, _run: &mut Run, made: &Made) -> Step<Vec<RepositoryId>> {
        Ok(vec![made.repository.id])
    }

    fn delete(&self, made: &Made, id: RepositoryId) -> Named<impl Future<Output = Result<()>>> {
        call!(
            made.client
                .project_project_id_repositories_repository_id_delete(made.id(), id)
        )
    }

    const LEFT: Option<usize> = Some(0);
}
