use semaphore_api::{semaphore_api, Result};

pub struct RequestId(u64);

#[semaphore_api]
pub trait Api {
    #[get("/projects")]
    async fn projects(&self, #[header("X-Request-Id")] id: RequestId) -> Result<()>;
}

fn main() {}
