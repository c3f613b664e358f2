use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[get("/project/{project_id}")]
    async fn project(&self, id: i64) -> Result<()>;

    #[gett("/projects")]
    async fn projects(&self) -> Result<()>;

    #[post("/projects")]
    fn create(&self, #[body] a: &str, #[body] b: &str) -> Result<()>;
}

fn main() {}
