use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[get("/projects")]
    async fn all_projects(&self, page: u32) -> Result<()>;
}

fn main() {}
