use semaphore_api::{semaphore_api, Result};

pub type Projects = Result<Vec<String>>;

#[semaphore_api]
pub trait Api {
    // The kind of answer is read from `T`, so an alias must take it as its argument.
    #[get("/projects")]
    async fn all_projects(&self) -> Projects;
}

fn main() {}
