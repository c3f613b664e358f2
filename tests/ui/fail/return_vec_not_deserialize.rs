use semaphore_api::{semaphore_api, Result};

pub struct Project {
    pub id: i64,
}

// A `T` whose inner type is not `Deserialize`: one error, on `T`.
#[semaphore_api]
pub trait Api {
    #[get("/projects")]
    async fn all_projects(&self) -> Result<Vec<Project>>;
}

fn main() {}
