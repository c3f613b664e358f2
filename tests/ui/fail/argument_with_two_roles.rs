use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[post("/projects")]
    async fn create(&self, #[query] #[body] name: &str) -> Result<()>;
}

fn main() {}
