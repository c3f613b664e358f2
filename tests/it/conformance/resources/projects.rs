//! The project: created with two parallel tasks, listed, read, updated (alerts on, three
//! parallel tasks); deleted once everything in it is.

use std::future::Future;

use semaphore_api::*;

use crate::conformance::cycle::{Holds, Resource};
use crate::conformance::made::Made;
use crate::conformance::run::{Named, Run, Step, call};

pub struct Projects;

impl Resource for Projects {
    const NAME: &'static str = "project";
    type Item = Project;
    type Listed = Project;
    type Id = ProjectId;
    type Order = ();

    fn id(project: &Project) -> ProjectId {
        project.id
    }

    async fn create(&self, run: &mut Run, made: &mut Made) -> Step {
        let request = ProjectRequest {
            max_parallel_tasks: 2,
            ..ProjectRequest::new(format!("Conformance {}", made.tag))
        };
        made.project = run.ok(call!(made.client.projects_post(&request))).await?;
        Ok(())
    }

    fn orders(&self) -> Vec<()> {
        vec![()]
    }

    fn list(&self, made: &Made, (): ()) -> Named<impl Future<Output = Result<Vec<Project>>>> {
        call!(made.client.projects_get())
    }

    fn holds(&self, made: &Made) -> Holds<ProjectId> {
        Holds::Includes(made.id())
    }

    fn to_read(&self, made: &Made) -> Vec<Project> {
        vec![made.project.clone()]
    }

    fn read(&self, made: &Made, id: ProjectId) -> Named<impl Future<Output = Result<Project>>> {
        call!(made.client.project_project_id_get(id))
    }

    /// SQL servers store only the name and type of a new project (the answer echoes the
    /// rest): the read is compared by those, and the update starts from it.
    fn was_read(&self, run: &mut Run, made: &mut Made, known: &Project, read: Project) {
        run.same("project read alone: id", read.id, known.id);
        run.same("project read alone: name", &read.name, &known.name);
        made.project = read;
    }

    fn to_update(&self, made: &Made) -> Vec<Project> {
        let mut wanted = made.project.clone();
        wanted.alert = true;
        wanted.max_parallel_tasks = 3;
        vec![wanted]
    }

    async fn put(&self, run: &mut Run, made: &Made, wanted: &Project) -> Step {
        run.ok(call!(made.client.project_project_id_put(wanted.id, wanted)))
            .await
    }

    fn updated(&self, made: &mut Made, after: Project) {
        made.project = after;
    }

    async fn to_delete(&self, _run: &mut Run, made: &Made) -> Step<Vec<ProjectId>> {
        Ok(vec![made.id()])
    }

    fn delete(&self, made: &Made, id: ProjectId) -> Named<impl Future<Output = Result<()>>> {
        call!(made.client.project_project_id_delete(id))
    }

    /// SQL servers answer an administrator's read of a missing project with 400, not 404.
    const GONE: &'static [u16] = &[400, 404];
}
