//! The other user: created, listed, read, renamed, given a new password they log in with.

use std::future::Future;

use semaphore_api::*;

use crate::conformance::cycle::{Holds, Resource};
use crate::conformance::made::Made;
use crate::conformance::run::{Named, Run, Step, call};

pub struct Users;

impl Resource for Users {
    const NAME: &'static str = "user";
    type Item = User;
    type Listed = UserSummary;
    type Id = UserId;
    type Order = ();

    fn id(user: &User) -> UserId {
        user.id
    }

    fn listed_id(user: &UserSummary) -> Option<UserId> {
        Some(user.id)
    }

    async fn create(&self, run: &mut Run, made: &mut Made) -> Step {
        let login = made.login();
        let request = UserRequest::new(
            login.clone(),
            "Conformance User",
            format!("{login}@example.com"),
            "fake-password-1",
        );
        made.user = run.ok(call!(made.client.users_post(&request))).await?;
        Ok(())
    }

    fn orders(&self) -> Vec<()> {
        vec![()]
    }

    fn list(&self, made: &Made, (): ()) -> Named<impl Future<Output = Result<Vec<UserSummary>>>> {
        call!(made.client.users_get())
    }

    fn holds(&self, made: &Made) -> Holds<UserId> {
        Holds::Includes(made.user.id)
    }

    fn to_read(&self, made: &Made) -> Vec<User> {
        vec![made.user.clone()]
    }

    fn read(&self, made: &Made, id: UserId) -> Named<impl Future<Output = Result<User>>> {
        call!(made.client.users_user_id_get(id))
    }

    fn to_update(&self, made: &Made) -> Vec<User> {
        let mut wanted = made.user.clone();
        wanted.name = "Conformance User Renamed".into();
        vec![wanted]
    }

    async fn put(&self, run: &mut Run, made: &Made, wanted: &User) -> Step {
        let request = UserPutRequest::from(wanted);
        run.ok(call!(made.client.users_user_id_put(wanted.id, &request)))
            .await
    }

    fn updated(&self, made: &mut Made, after: User) {
        made.user = after;
    }

    /// A new password, and a login as the user with it.
    async fn check(&self, run: &mut Run, made: &mut Made) -> Step {
        let password = UserPasswordRequest::new("fake-password-2");
        let id = made.user.id;
        run.ok(call!(
            made.client.users_user_id_password_post(id, &password)
        ))
        .await?;
        let login = Login::new(made.login().as_str(), "fake-password-2");
        run.ok(call!(made.as_user.auth_login_post(&login))).await
    }

    async fn to_delete(&self, _run: &mut Run, made: &Made) -> Step<Vec<UserId>> {
        Ok(vec![made.user.id])
    }

    fn delete(&self, made: &Made, id: UserId) -> Named<impl Future<Output = Result<()>>> {
        call!(made.client.users_user_id_delete(id))
    }

    const GONE: &'static [u16] = &[404];
}
