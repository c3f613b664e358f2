use std::collections::{BTreeMap, HashMap, VecDeque};

use semaphore_api::{semaphore_api, Result};

pub struct Project {
    pub id: i64,
}

// An answer that is not `Deserialize`, in each container a declaration may use: one error
// each, on the answer itself, with the tailored message.
#[semaphore_api]
pub trait Api {
    #[get("/project/{id}")]
    async fn maybe(&self, id: i64) -> Result<Option<Project>>;

    #[get("/project/{id}")]
    async fn boxed(&self, id: i64) -> Result<Box<Project>>;

    #[get("/projects")]
    async fn queue(&self) -> Result<VecDeque<Project>>;

    #[get("/projects")]
    async fn by_name(&self) -> Result<HashMap<String, Vec<Option<Project>>>>;

    #[get("/projects")]
    async fn by_id(&self) -> Result<BTreeMap<i64, Project>>;
}

fn main() {}
