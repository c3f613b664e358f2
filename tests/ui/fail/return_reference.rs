use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[get("/ping")]
    async fn ping(&self) -> Result<&str>;
}

fn main() {}
