use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[get("/projects")]
    async fn all_projects(&self) -> Result<()> {
        Ok(())
    }
}

fn main() {}
