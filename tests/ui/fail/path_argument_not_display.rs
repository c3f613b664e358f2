use semaphore_api::{semaphore_api, Result};

pub struct ProjectId(i64);

#[semaphore_api]
pub trait Api {
    #[get("/project/{project_id}")]
    async fn one_project(&self, project_id: ProjectId) -> Result<()>;
}

fn main() {}
