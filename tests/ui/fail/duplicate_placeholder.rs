use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[get("/project/{id}/copy/{id}")]
    async fn one_project(&self, id: i64) -> Result<()>;
}

fn main() {}
