use semaphore_api::semaphore_api;

// `std::result::Result<T, semaphore_api::Error>` is accepted; another error type is not.
#[semaphore_api]
pub trait Api {
    #[get("/projects")]
    async fn all_projects(&self) -> std::result::Result<Vec<String>, String>;

    #[delete("/project/{project_id}")]
    async fn delete(&self, project_id: i64) -> std::result::Result<(), std::io::Error>;
}

fn main() {}
