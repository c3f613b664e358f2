use semaphore_api::{semaphore_api, Result};

// `#[since]` takes the first server version that serves the operation, and nothing else.
#[semaphore_api]
pub trait Api {
    #[get("/raw")]
    #[since("2.x")]
    async fn raw(&self) -> Result<String>;

    #[get("/raw2")]
    #[since]
    async fn raw2(&self) -> Result<String>;

    #[get("/raw3")]
    #[since("2.14")]
    #[since("2.15")]
    async fn raw3(&self) -> Result<String>;
}

fn main() {}
