use semaphore_api::semaphore_api;

#[semaphore_api]
pub trait Api {
    #[get("/projects")]
    async fn all_projects(&self) -> Vec<String>;
}

fn main() {}
