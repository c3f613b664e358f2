use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[get("/projects")]
    async fn projects(&mut self) -> Result<()>;
}

fn main() {}
