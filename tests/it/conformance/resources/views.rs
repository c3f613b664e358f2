//! A view the templates are shown in: created, listed, read, renamed, its templates listed
//! and its position set.

use std::collections::BTreeMap;
use std::future::Future;

use semaphore_api::*;

use crate::conformance::cycle::{Holds, Resource};
use crate::conformance::made::Made;
use crate::conformance::run::{Named, Run, Step, call};

pub struct Views;

impl Resource for Views {
    const NAME: &'static str = "view";
    type Item = View;
    type Listed = View;
    type Id = ViewId;
    type Order = ();

    fn id(view: &View) -> ViewId {
        view.id
    }

    async fn create(&self, run: &mut Run, made: &mut Made) -> Step {
        let request = ViewRequest {
            title: "Deploys".into(),
            position: 1,
            extra: Default::default(),
        };
        made.view = run
            .ok(call!(
                made.client
                    .project_project_id_views_post(made.id(), &request)
            ))
            .await?;
        Ok(())
    }

    fn orders(&self) -> Vec<()> {
        vec![()]
    }

    fn list(&self, made: &Made, (): ()) -> Named<impl Future<Output = Result<Vec<View>>>> {
        call!(made.client.project_project_id_views_get(made.id()))
    }

    fn holds(&self, _made: &Made) -> Holds<ViewId> {
        Holds::Exactly(1)
    }

    fn to_read(&self, made: &Made) -> Vec<View> {
        vec![made.view.clone()]
    }

    fn read(&self, made: &Made, id: ViewId) -> Named<impl Future<Output = Result<View>>> {
        call!(
            made.client
                .project_project_id_views_view_id_get(made.id(), id)
        )
    }

    fn to_update(&self, made: &Made) -> Vec<View> {
        let mut wanted = made.view.clone();
        wanted.title = "Deployments".into();
        vec![wanted]
    }

    async fn put(&self, run: &mut Run, made: &Made, wanted: &View) -> Step {
        let request = ViewRequest::from(wanted);
        run.ok(call!(made.client.project_project_id_views_view_id_put(
            made.id(),
            wanted.id,
            &request
        )))
        .await
    }

    fn updated(&self, made: &mut Made, after: View) {
        made.view = after;
    }

    /// Its templates (all of them), and a new position read back.
    async fn check(&self, run: &mut Run, made: &mut Made) -> Step {
        let (id, view) = (made.id(), made.view.id);
        let in_view = run
            .ok(call!(
                made.client
                    .project_project_id_views_view_id_templates_get(id, view, None, None)
            ))
            .await?;
        run.same("the view's templates", in_view.len(), made.templates.len());
        let positions = BTreeMap::from([(view, 7)]);
        run.ok(call!(
            made.client
                .project_project_id_views_positions_post(id, &positions)
        ))
        .await?;
        let read = run.ok(self.read(made, view)).await?;
        run.same("the view's new position", read.position, 7);
        Ok(())
    }

    async fn to_delete(&self, _run: &mut Run, made: &Made) -> Step<Vec<ViewId>> {
        Ok(vec![made.view.id])
    }

    fn delete(&self, made: &Made, id: ViewId) -> Named<impl Future<Output = Result<()>>> {
        call!(
            made.client
                .project_project_id_views_view_id_delete(made.id(), id)
        )
    }

    const GONE: &'static [u16] = &[404];
    const LEFT: Option<usize> = Some(0);
}
