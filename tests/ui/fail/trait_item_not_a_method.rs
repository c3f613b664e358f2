use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    const VERSION: u32;

    #[get("/projects")]
    async fn all_projects(&self) -> Result<()>;
}

fn main() {}
