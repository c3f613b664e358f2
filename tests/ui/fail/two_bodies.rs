use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[post("/projects")]
    async fn create(&self, #[body] name: &str, #[body] alert: bool) -> Result<()>;
}

fn main() {}
