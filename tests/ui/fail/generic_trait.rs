use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api<T> {
    #[get("/projects")]
    async fn all_projects(&self) -> Result<Vec<T>>;
}

fn main() {}
