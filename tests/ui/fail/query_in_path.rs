use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[get("/project/1/templates?sort=name")]
    async fn templates(&self) -> Result<()>;
}

fn main() {}
