use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[get("/project/{}")]
    async fn one_project(&self) -> Result<()>;
}

fn main() {}
