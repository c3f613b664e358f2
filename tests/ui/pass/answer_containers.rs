//! Answers in the containers a declaration may use, peeled by the macro (the standard
//! library's `Vec`, `VecDeque`, `Option`, `Box`, `HashMap`, `BTreeMap`, nested) or not (a
//! user's own `Vec`, `Box<str>`, `Box<[T]>`), and text as `String`: each future has exactly
//! the declared type.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;

use semaphore_api::describe::Returns;
use semaphore_api::{Client, Result, semaphore_api};

#[derive(serde::Deserialize)]
#[allow(dead_code)] // decoded, never read
pub struct Project {
    pub id: i64,
}

/// A type of the user's named like a container: not peeled, decoded as it is.
pub mod mine {
    #[derive(serde::Deserialize)]
    #[allow(dead_code)] // decoded, never read
    pub struct Vec<T>(pub std::vec::Vec<T>);
}

#[semaphore_api]
pub trait Containers {
    #[get("/projects")]
    async fn list(&self) -> Result<Vec<Project>>;

    #[get("/projects")]
    async fn queue(&self) -> Result<VecDeque<Project>>;

    #[get("/project/{id}")]
    async fn maybe(&self, id: i64) -> Result<Option<Box<Project>>>;

    #[get("/projects/by-name")]
    async fn by_name(&self) -> Result<HashMap<String, Vec<Project>>>;

    #[get("/projects/by-id")]
    async fn by_id(&self) -> Result<std::collections::BTreeMap<i64, Option<Project>>>;

    #[get("/projects")]
    async fn own(&self) -> Result<mine::Vec<Project>>;

    #[get("/name")]
    async fn boxed_str(&self) -> Result<Box<str>>;

    #[get("/bytes")]
    async fn boxed_slice(&self) -> Result<Box<[u8]>>;

    #[get("/ping")]
    async fn text(&self) -> Result<String>;

    #[get("/ping")]
    async fn text_by_path(&self) -> Result<std::string::String>;

    #[get("/names")]
    async fn names(&self) -> Result<Vec<String>>;
}

/// Drops a future whose output is `Result<T>`, for exactly the `T` named.
fn has<T>(future: impl Future<Output = Result<T>>) {
    drop(future);
}

fn typed(client: &Client) {
    has::<Vec<Project>>(client.list());
    has::<VecDeque<Project>>(client.queue());
    has::<Option<Box<Project>>>(client.maybe(1));
    has::<HashMap<String, Vec<Project>>>(client.by_name());
    has::<BTreeMap<i64, Option<Project>>>(client.by_id());
    has::<mine::Vec<Project>>(client.own());
    has::<Box<str>>(client.boxed_str());
    has::<Box<[u8]>>(client.boxed_slice());
    has::<String>(client.text());
    has::<String>(client.text_by_path());
    has::<Vec<String>>(client.names());
}

pub fn main() {
    let client = Client::new("http://127.0.0.1:9/api").unwrap();
    typed(&client);
    let returns: Vec<Returns> = <Client as Containers>::ENDPOINTS
        .iter()
        .map(|e| e.returns)
        .collect();
    let mut expected = vec![Returns::Json; 8];
    expected.extend([Returns::Text, Returns::Text, Returns::Json]);
    assert_eq!(returns, expected);
}
