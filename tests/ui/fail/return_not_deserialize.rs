use semaphore_api::{semaphore_api, Result};

pub struct Project {
    pub name: String,
}

#[semaphore_api]
pub trait Api {
    #[get("/project/{project_id}")]
    async fn one_project(&self, project_id: i64) -> Result<Project>;
}

fn main() {}
