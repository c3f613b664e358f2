use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    /// A `#[query]` value is serialized: `impl Debug` says too little.
    #[get("/projects")]
    async fn all_projects(&self, #[query] sort: impl std::fmt::Debug + Send) -> Result<()>;
}

fn main() {}
