use semaphore_api::{semaphore_api, Result};

// Five mistakes in three methods, all reported by one compilation: a placeholder without its
// argument and an argument nothing uses, a misspelt verb, a method that is not `async`, and
// (checked although that method's signature is wrong) two bodies.
#[semaphore_api]
pub trait Api {
    #[get("/project/{project_id}")]
    async fn one_project(&self, id: i64) -> Result<()>;

    #[gett("/projects")]
    async fn all_projects(&self) -> Result<()>;

    #[post("/projects")]
    fn create(&self, #[body] a: &str, #[body] b: &str) -> Result<()>;
}

fn main() {}
