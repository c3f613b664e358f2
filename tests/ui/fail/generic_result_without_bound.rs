use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    /// `T` is decoded from JSON, so it needs `serde::de::DeserializeOwned`.
    #[get("/project/{project_id}")]
    async fn one_project<T>(&self, project_id: i64) -> Result<T>;
}

fn main() {}
