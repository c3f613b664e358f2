use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[get]
    async fn all_projects(&self) -> Result<()>;
}

fn main() {}
