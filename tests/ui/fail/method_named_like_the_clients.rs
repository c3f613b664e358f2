use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    /// `client.projects()` is the resource layer's: this method would never be called.
    #[get("/projects")]
    async fn projects(&self) -> Result<Vec<serde_json::Value>>;
}

fn main() {}
