use semaphore_api::{semaphore_api, Result};

pub struct NewProject {
    pub name: String,
}

#[semaphore_api]
pub trait Api {
    #[post("/projects")]
    async fn create(&self, #[body] project: &NewProject) -> Result<()>;
}

fn main() {}
