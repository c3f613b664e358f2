//! The users of the instance, and the logged-in user.

use crate::{
    Result, User, UserId, UserPasswordRequest, UserPutRequest, UserRequest, UserSummary,
    semaphore_api,
};

/// User-related endpoints (the spec's `user` tag).
///
/// The spec writes `/user/` and `/users/{user_id}/`; the real server routes both without the
/// trailing slash, and so do these. Managing other users needs an admin: others get a 401
/// (not a 403), with an empty body.
///
/// The API-token endpoints, which the spec tags both `authentication` and `user`, are declared
/// once, in [`AuthenticationApi`](crate::AuthenticationApi): declaring them here too would make
/// `client.user_tokens_get()` ambiguous wherever both traits are in scope.
///
/// ```no_run
/// use semaphore_api::{Client, Secret, UserApi, UserPasswordRequest, UserPutRequest, UserRequest};
///
/// # async fn run() -> semaphore_api::Result<()> {
/// let client = Client::builder("http://localhost:3000/api")
///     .bearer_token("kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu=")
///     .build()?;
/// println!("logged in as {}", client.user_get().await?.username);
/// let ops = UserRequest::new("ops", "Operations", "ops@example.com", "first password");
/// let ops = client.users_post(&ops).await?;
/// let mut update = UserPutRequest::from(&ops);
/// update.alert = true;
/// client.users_user_id_put(ops.id, &update).await?;
/// let password = UserPasswordRequest { password: Secret::new("second password") };
/// client.users_user_id_password_post(ops.id, &password).await?;
/// # Ok(()) }
/// ```
#[semaphore_api]
pub trait UserApi {
    /// Fetches the logged-in user. (The spec writes `/user/`; the real server routes it
    /// without the trailing slash.)
    #[get("/user")]
    async fn user_get(&self) -> Result<User>;

    /// Fetches all users: to an administrator every field, to anyone else only their ids,
    /// login and display names (see [`UserSummary`]; read one user for an update).
    #[get("/users")]
    async fn users_get(&self) -> Result<Vec<UserSummary>>;

    /// Creates a user (201; 400 when creation fails). The real server also reads an initial
    /// `password`, which the spec omits.
    #[post("/users")]
    async fn users_post(&self, #[body] user: &UserRequest) -> Result<User>;

    /// Fetches a user's profile. (The spec writes `/users/{user_id}/`; the real server routes
    /// it without the trailing slash.)
    #[get("/users/{user_id}")]
    async fn users_user_id_get(&self, user_id: UserId) -> Result<User>;

    /// Updates a user's details (204). The server overwrites them with the body: build it
    /// from the user read ([`UserPutRequest::from`]). (The spec writes `/users/{user_id}/`;
    /// the real server routes it without the trailing slash.)
    #[put("/users/{user_id}")]
    async fn users_user_id_put(&self, user_id: UserId, #[body] user: &UserPutRequest)
    -> Result<()>;

    /// Deletes a user (204). (The spec writes `/users/{user_id}/`; the real server routes it
    /// without the trailing slash.)
    #[delete("/users/{user_id}")]
    async fn users_user_id_delete(&self, user_id: UserId) -> Result<()>;

    /// Sets a user's password (204). Setting the same password twice changes nothing more.
    #[post("/users/{user_id}/password")]
    #[idempotent]
    async fn users_user_id_password_post(
        &self,
        user_id: UserId,
        #[body] password: &UserPasswordRequest,
    ) -> Result<()>;
}
