use semaphore_api::{semaphore_api, Result};

#[semaphore_api(crate = my_sdk)]
pub trait Api {
    #[get("/projects")]
    async fn all_projects(&self) -> Result<()>;
}

fn main() {}
