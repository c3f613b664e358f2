use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[get("/project/{project_id")]
    async fn one_project(&self, project_id: i64) -> Result<()>;
}

fn main() {}
