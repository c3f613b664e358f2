//! A user's own endpoints: four real operations of Semaphore's API, declared in this crate with
//! `#[semaphore_api]`, on the same `Client` as the built-in traits.

use semaphore_api::{Result, semaphore_api};
use serde::{Deserialize, Serialize};

/// A project, as the server answers it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct MyProject {
    pub id: i64,
    pub name: String,
    pub created: String,
    pub alert: bool,
}

/// The body of a project creation.
#[derive(Debug, Clone, Serialize)]
pub struct NewProject<'a> {
    pub name: &'a str,
    pub alert: bool,
}

/// A template, as the server answers it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct MyTemplate {
    pub id: i64,
    pub project_id: i64,
    pub name: String,
    pub playbook: String,
}

/// The template list's `sort` values.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    Name,
    Playbook,
}

/// The template list's `order` values.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    Asc,
    Desc,
}

/// The projects part of Semaphore's API, as a user of the library would declare it.
#[semaphore_api]
pub trait MyProjectApi {
    /// `GET /projects`: the projects the user can see.
    #[get("/projects")]
    async fn list_projects(&self) -> Result<Vec<MyProject>>;

    /// `POST /projects`: creates a project (201, the created project).
    #[post("/projects")]
    async fn create_project(&self, #[body] project: &NewProject<'_>) -> Result<MyProject>;

    /// `GET /project/{project_id}`: one project (the spec writes a trailing slash; the server
    /// routes without it).
    #[get("/project/{project_id}")]
    async fn project_by_id(&self, project_id: i64) -> Result<MyProject>;

    /// `GET /project/{project_id}/templates?sort=..&order=..`.
    #[get("/project/{project_id}/templates")]
    async fn templates(
        &self,
        project_id: i64,
        #[query] sort: SortBy,
        #[query] order: Option<Order>,
    ) -> Result<Vec<MyTemplate>>;
}
