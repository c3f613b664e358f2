use std::collections::BTreeMap;

use semaphore_api::{semaphore_api, Result};

#[derive(PartialEq, Eq, PartialOrd, Ord)]
pub struct Name(String);

// A map whose key is not `Deserialize`: one error, on the key.
#[semaphore_api]
pub trait Api {
    #[get("/projects")]
    async fn by_name(&self) -> Result<BTreeMap<Name, u32>>;
}

fn main() {}
