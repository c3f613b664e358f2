//! [`Users`]: the users of the server.

use super::collection::Collection;
use super::kind::{Create, Delete, Get, Kind, List, Named, Update};
use crate::{
    Client, Result, User, UserApi, UserId, UserPasswordRequest, UserPutRequest, UserRequest,
    UserSummary,
};

/// The users of the server (`client.users()`), found by their login name. Managing other
/// users needs an administrator.
///
/// | verb | operation |
/// |---|---|
/// | `list`, `find` | `users_get` ([`UserSummary`]s) |
/// | `get` | `users_user_id_get` |
/// | [`me`](Collection::me) | `user_get` |
/// | `create` | `users_post` (201, the user) |
/// | `update` | `users_user_id_put`, from the user read |
/// | [`set_password`](Collection::set_password) | `users_user_id_password_post` |
/// | `delete` | `users_user_id_delete` |
#[derive(Debug)]
pub struct Users;

impl Kind for Users {
    type Scope = ();
    type Id = UserId;
    type Item = User;
    type Summary = UserSummary;
    type Request = UserRequest;
    const ONE: &'static str = "user";
}

impl List for Users {
    async fn list(client: &Client, (): ()) -> Result<Vec<UserSummary>> {
        client.users_get().await
    }

    fn summary_id(user: &UserSummary) -> UserId {
        user.id
    }
}

impl Named for Users {
    fn name(user: &UserSummary) -> &str {
        &user.username
    }
}

impl Get for Users {
    async fn get(client: &Client, (): (), id: UserId) -> Result<User> {
        client.users_user_id_get(id).await
    }
}

impl Create for Users {
    async fn create(client: &Client, (): (), request: &UserRequest) -> Result<User> {
        client.users_post(request).await
    }
}

impl Update for Users {
    type Change = UserPutRequest;
    const PUT: &'static str = "users_user_id_put";

    fn unchanged(user: &User) -> UserPutRequest {
        UserPutRequest::from(user)
    }

    async fn put(client: &Client, (): (), id: UserId, change: &UserPutRequest) -> Result<()> {
        client.users_user_id_put(id, change).await
    }
}

impl Delete for Users {
    async fn delete(client: &Client, (): (), id: UserId) -> Result<()> {
        client.users_user_id_delete(id).await
    }
}

impl Collection<'_, Users> {
    /// The user the client is logged in as.
    pub async fn me(&self) -> Result<User> {
        self.client.user_get().await
    }

    /// Sets user `id`'s password (an empty one is refused before it is sent).
    pub async fn set_password(&self, id: UserId, password: impl Into<crate::Secret>) -> Result<()> {
        self.client
            .users_user_id_password_post(id, &UserPasswordRequest::new(password))
            .await
    }
}
