//! `r#type` binds `{type}`; generic methods and `impl Trait` arguments work where serde can
//! serialize what they are given.

use semaphore_api::{Client, Result, semaphore_api};
use serde::Serialize;

#[semaphore_api]
pub trait KeyApi {
    #[get("/project/{project_id}/keys/{type}")]
    async fn keys_of_type(&self, project_id: i64, r#type: &str) -> Result<Vec<serde_json::Value>>;

    #[post("/project/{project_id}/keys")]
    async fn create<K: Serialize + Sync>(&self, project_id: i64, #[body] key: &K) -> Result<()>;

    #[get("/project/{project_id}/keys")]
    async fn search(
        &self,
        project_id: impl std::fmt::Display + Send,
        #[query] name: impl Serialize + Send,
    ) -> Result<()>;

    #[allow(clippy::too_many_arguments)]
    #[get("/project/{project_id}/events")]
    async fn events<'a>(&self, project_id: &'a str, #[query("limit")] r#limit: u32) -> Result<()>;
}

pub fn main() {
    let client = Client::new("http://127.0.0.1:9/api").unwrap();
    drop(client.keys_of_type(1, "ssh"));
    drop(client.create(1, &serde_json::json!({"name": "k"})));
    drop(client.search(1, "deploy"));
    drop(client.events("1", 10));
    let endpoints = <Client as KeyApi>::ENDPOINTS;
    assert_eq!(
        endpoints[0].path_params().collect::<Vec<_>>(),
        ["project_id", "type"]
    );
    assert_eq!(endpoints[3].query_keys().collect::<Vec<_>>(), ["limit"]);
}
