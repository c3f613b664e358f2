use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[get("/projects")]
    #[retry(3)]
    async fn all_projects(&self) -> Result<()>;
}

fn main() {}
