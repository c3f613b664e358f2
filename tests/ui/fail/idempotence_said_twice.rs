use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[get("/projects")]
    #[idempotent]
    async fn all_projects(&self) -> Result<()>;

    #[post("/projects")]
    #[not_idempotent]
    async fn create(&self) -> Result<()>;

    #[put("/log")]
    #[not_idempotent]
    #[idempotent]
    async fn append(&self) -> Result<()>;

    #[delete("/log")]
    #[not_idempotent(true)]
    async fn clear(&self) -> Result<()>;
}

fn main() {}
