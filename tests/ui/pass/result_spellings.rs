//! `Result<T>` however it is spelt: `std::result::Result<T, semaphore_api::Error>`, the
//! runtime's `Result<T, E>` with its error given, and an alias of the user's own.

use semaphore_api::describe::Returns;
use semaphore_api::{Client, Error, Redirect, semaphore_api};

pub type ApiResult<T> = semaphore_api::Result<T>;

#[semaphore_api]
pub trait Spellings {
    #[get("/projects")]
    async fn all_projects(&self) -> std::result::Result<Vec<serde_json::Value>, Error>;

    #[delete("/project/{project_id}")]
    async fn delete(&self, project_id: i64) -> ApiResult<()>;

    #[get("/auth/oidc/{provider}/login")]
    async fn sso(&self, provider: &str) -> ApiResult<Redirect>;

    #[get("/project/{project_id}")]
    async fn one_project(&self, project_id: i64)
    -> semaphore_api::Result<serde_json::Value, Error>;
}

/// The futures have the declared types.
fn declared(client: &Client) -> impl std::future::Future<Output = ApiResult<()>> + Send + '_ {
    client.delete(1)
}

pub fn main() {
    let client = Client::new("http://127.0.0.1:9/api").unwrap();
    drop(declared(&client));
    drop(client.all_projects());
    let returns: Vec<Returns> = <Client as Spellings>::ENDPOINTS
        .iter()
        .map(|e| e.returns)
        .collect();
    assert_eq!(
        returns,
        [
            Returns::Json,
            Returns::Empty,
            Returns::Redirect,
            Returns::Json
        ]
    );
}
