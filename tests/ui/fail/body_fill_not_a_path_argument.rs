use semaphore_api::{semaphore_api, Result};

#[semaphore_api]
pub trait Api {
    #[put("/project/{project_id}/keys/{key_id}")]
    async fn rename(
        &self,
        project_id: i64,
        key_id: i64,
        #[query] force: bool,
        #[body(project_id, id = key, forced = force)] key: &serde_json::Value,
    ) -> Result<()>;
}

fn main() {}
