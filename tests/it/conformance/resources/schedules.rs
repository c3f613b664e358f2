//! A schedule of the `Ping` template: created, listed with its template's name, read, turned
//! on, updated; cron formats validated; a second schedule that watches the repository for
//! commits, listed under its template.

use std::future::Future;

use semaphore_api::*;

use crate::conformance::cycle::{Holds, Resource};
use crate::conformance::made::Made;
use crate::conformance::run::{Named, Run, Step, call};

pub struct Schedules;

impl Resource for Schedules {
    const NAME: &'static str = "schedule";
    type Item = Schedule;
    type Listed = Schedule;
    type Id = ScheduleId;
    type Order = ();

    fn id(schedule: &Schedule) -> ScheduleId {
        schedule.id
    }

    async fn create(&self, run: &mut Run, made: &mut Made) -> Step {
        let request = ScheduleRequest {
            name: "Nightly".into(),
            ..ScheduleRequest::new(made.ping().id, "0 3 * * *")
        };
        made.schedule = run
            .ok(call!(
                made.client
                    .project_project_id_schedules_post(made.id(), &request)
            ))
            .await?;
        Ok(())
    }

    fn orders(&self) -> Vec<()> {
        vec![()]
    }

    fn list(&self, made: &Made, (): ()) -> Named<impl Future<Output = Result<Vec<Schedule>>>> {
        call!(made.client.project_project_id_schedules_get(made.id()))
    }

    fn holds(&self, _made: &Made) -> Holds<ScheduleId> {
        Holds::Exactly(1)
    }

    fn listed(&self, run: &mut Run, made: &mut Made, listed: Vec<Schedule>) -> Step {
        run.same(
            "a listed schedule's template name",
            listed.first().and_then(|s| s.tpl_name.as_deref()),
            Some(made.ping().name.as_str()),
        );
        Ok(())
    }

    fn to_read(&self, made: &Made) -> Vec<Schedule> {
        vec![made.schedule.clone()]
    }

    fn read(&self, made: &Made, id: ScheduleId) -> Named<impl Future<Output = Result<Schedule>>> {
        call!(
            made.client
                .project_project_id_schedules_schedule_id_get(made.id(), id)
        )
    }

    /// Cron formats validated, the schedule turned on (the update starts from it then), and
    /// a schedule that watches the repository.
    async fn before_update(&self, run: &mut Run, made: &mut Made) -> Step {
        let (id, schedule) = (made.id(), made.schedule.id);
        let good = CronFormat::new("*/5 * * * *");
        run.ok(call!(
            made.client
                .project_project_id_schedules_validate_post(id, &good)
        ))
        .await?;
        let bad = CronFormat::new("every day");
        run.fails(
            &[400],
            call!(
                made.client
                    .project_project_id_schedules_validate_post(id, &bad)
            ),
        )
        .await;
        let on = ScheduleActive { active: true };
        run.ok(call!(
            made.client
                .project_project_id_schedules_schedule_id_active_put(id, schedule, &on)
        ))
        .await?;
        made.schedule = run.ok(self.read(made, schedule)).await?;
        run.same("the schedule, turned on", made.schedule.active, true);
        watching_the_repository(run, made).await
    }

    fn to_update(&self, made: &Made) -> Vec<Schedule> {
        let mut wanted = made.schedule.clone();
        wanted.cron_format = "30 4 * * 1".into();
        wanted.name = "Weekly".into();
        vec![wanted]
    }

    async fn put(&self, run: &mut Run, made: &Made, wanted: &Schedule) -> Step {
        let request = ScheduleRequest::from(wanted);
        run.ok(call!(
            made.client.project_project_id_schedules_schedule_id_put(
                made.id(),
                wanted.id,
                &request
            )
        ))
        .await
    }

    async fn to_delete(&self, _run: &mut Run, made: &Made) -> Step<Vec<ScheduleId>> {
        Ok(vec![made.schedule.id])
    }

    fn delete(&self, made: &Made, id: ScheduleId) -> Named<impl Future<Output = Result<()>>> {
        call!(
            made.client
                .project_project_id_schedules_schedule_id_delete(made.id(), id)
        )
    }

    const GONE: &'static [u16] = &[404];
}

/// A schedule that watches the repository for commits is listed under its template (the
/// other is not); it is deleted at once.
async fn watching_the_repository(run: &mut Run, made: &Made) -> Step {
    let (id, template) = (made.id(), made.ping().id);
    let request = ScheduleRequest {
        name: "On commit".into(),
        repository_id: Some(made.repository.id),
        ..ScheduleRequest::new(template, "@every 1h")
    };
    let watching = run
        .ok(call!(
            made.client.project_project_id_schedules_post(id, &request)
        ))
        .await?;
    let of_template = run
        .ok(call!(
            made.client
                .project_project_id_templates_template_id_schedules_get(id, template)
        ))
        .await?;
    run.same(
        "the template's commit schedules",
        of_template.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![watching.id],
    );
    run.ok(call!(
        made.client
            .project_project_id_schedules_schedule_id_delete(id, watching.id)
    ))
    .await
}
