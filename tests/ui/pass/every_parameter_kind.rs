//! Every kind of argument together, on one client, used from `tokio::spawn`.

use semaphore_api::{Client, Redirect, Result, semaphore_api};
use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Template {
    pub id: i64,
    pub name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    Asc,
    Desc,
}

#[derive(Serialize)]
pub struct NewTemplate<'a> {
    pub name: &'a str,
}

#[semaphore_api]
pub trait TemplateApi {
    /// Lists templates: a path argument, a query under its own name, an optional query, a
    /// renamed and repeated query, a header and an optional header.
    #[get("/project/{project_id}/templates")]
    #[allow(clippy::too_many_arguments)]
    async fn templates(
        &self,
        project_id: i64,
        #[query] sort: &str,
        #[query] order: Option<Order>,
        #[query("tag")] tags: &[&str],
        #[query("id")] ids: Vec<u32>,
        #[header("X-Request-Id")] request_id: &str,
        #[header("X-Trace")] trace: Option<String>,
    ) -> Result<Vec<Template>>;

    /// Creates one: a JSON body.
    #[post("/project/{project_id}/templates")]
    async fn create(&self, project_id: u64, #[body] template: &NewTemplate<'_>)
    -> Result<Template>;

    /// Replaces one: PUT, two path arguments, a body, no result.
    #[put("/project/{project_id}/templates/{template_id}")]
    async fn replace(
        &self,
        project_id: u64,
        template_id: u64,
        #[body] template: &serde_json::Value,
    ) -> Result<()>;

    /// PATCH and DELETE.
    #[patch("/project/{project_id}")]
    async fn rename(&self, project_id: u64, #[body] name: &str) -> Result<()>;

    #[delete("/project/{project_id}/templates/{template_id}")]
    async fn delete(&self, project_id: u64, template_id: String) -> Result<()>;

    /// No credentials, and a redirect.
    #[get("/auth/oidc/{provider}/login")]
    #[no_auth]
    async fn sso(&self, provider: &str) -> Result<Redirect>;

    /// Ends the session.
    #[post("/auth/logout")]
    #[ends_session]
    async fn logout(&self) -> Result<()>;

    /// A PUT that appends, and a POST that only sets a state.
    #[put("/project/{project_id}/log")]
    #[not_idempotent]
    async fn append(&self, project_id: u64, #[body] lines: &[String]) -> Result<()>;

    #[post("/project/{project_id}/active")]
    #[idempotent]
    async fn activate(&self, project_id: u64) -> Result<()>;
}

fn is_send<T: Send>(_: &T) {}

pub fn main() {
    let client = Client::new("http://127.0.0.1:9/api").unwrap();
    let listing = client.templates(
        1,
        "name",
        Some(Order::Desc),
        &["a", "b"],
        vec![1, 2],
        "req-1",
        None,
    );
    is_send(&listing);
    drop(listing);
    drop(client.create(1, &NewTemplate { name: "deploy" }));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        let spawned = tokio::spawn({
            let client = client.clone();
            async move { client.delete(1, "7".to_owned()).await }
        });
        spawned.abort(); // compiled and spawned; never sent
        let _ = Order::Asc;
    });
    let endpoints = <Client as TemplateApi>::ENDPOINTS;
    assert_eq!(endpoints.len(), 9);
    assert_eq!(
        endpoints[0].query_keys().collect::<Vec<_>>(),
        ["sort", "order", "tag", "id"]
    );
    assert!(!endpoints[5].auth && endpoints[6].ends_session);
    let idempotent: Vec<bool> = endpoints.iter().map(|e| e.idempotent).collect();
    assert_eq!(
        idempotent,
        [true, false, true, false, true, true, false, false, true]
    );
}
