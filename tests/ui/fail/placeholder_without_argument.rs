use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[delete("/user/tokens/{api_token_id}")]
    async fn expire(&self, token: &str) -> Result<()>;
}

fn main() {}
