use semaphore_api::{semaphore_api, Result};

pub struct RequestId(u64);

#[semaphore_api]
pub trait Api {
    #[get("/projects")]
    async fn all_projects(&self, #[header("X-Request-Id")] id: RequestId) -> Result<()>;
}

fn main() {}
