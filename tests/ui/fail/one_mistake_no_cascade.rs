use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[get("/projects")]
    #[post("/projects")]
    async fn all_projects(&self) -> Result<()>;

    #[get("/project/{project_id}")]
    async fn one_project(&self, project_id: i64) -> Result<()>;
}

// Code that uses the trait still type-checks: the one mistake above is the only error.
async fn use_it(client: semaphore_api::Client) -> Result<()> {
    client.one_project(1).await?;
    client.all_projects().await
}

fn main() {}
