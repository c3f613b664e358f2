//! Testing code built on your own `#[semaphore_api]` trait with httpmock: a mock server stands
//! in for Semaphore, each mock says what a call must send and what the server answers, and
//! the test checks what your code made of it and that each request arrived as expected.
//!
//! ```sh
//! cargo run --example httpmock_my_trait    # runs the checks once, printing each
//! cargo test --example httpmock_my_trait   # the same checks, as tests
//! ```
//!
//! In your crate, httpmock is a dev-dependency:
//! `httpmock = { version = "0.8", default-features = false }`.

use httpmock::MockServer;
use semaphore_api::{Client, Result, semaphore_api};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A schedule, as the server answers it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Schedule {
    pub id: i64,
    pub template_id: i64,
    pub cron_format: String,
}

/// The body of a schedule's creation.
#[derive(Debug, Serialize)]
pub struct NewSchedule<'a> {
    pub project_id: i64,
    pub template_id: i64,
    pub cron_format: &'a str,
}

/// Your own endpoints: a project's schedules.
#[semaphore_api]
pub trait Schedules {
    #[get("/project/{project_id}/schedules")]
    async fn schedules(&self, project_id: i64) -> Result<Vec<Schedule>>;

    #[post("/project/{project_id}/schedules")]
    async fn add_schedule(
        &self,
        project_id: i64,
        #[body] schedule: &NewSchedule<'_>,
    ) -> Result<Schedule>;
}

const NIGHTLY: &str = "0 3 * * *";

/// The code under test: the template's nightly schedule, created unless it exists.
pub async fn ensure_nightly(
    api: &impl Schedules,
    project_id: i64,
    template_id: i64,
) -> Result<Schedule> {
    let existing = api.schedules(project_id).await?;
    let nightly = |s: &Schedule| s.template_id == template_id && s.cron_format == NIGHTLY;
    if let Some(found) = existing.into_iter().find(nightly) {
        return Ok(found);
    }
    let schedule = NewSchedule {
        project_id,
        template_id,
        cron_format: NIGHTLY,
    };
    api.add_schedule(project_id, &schedule).await
}

/// A client of the mock server, as your code would be given one for Semaphore.
fn client(server: &MockServer) -> Client {
    Client::builder(server.url("/api"))
        .bearer_token("test-token")
        .build()
        .unwrap()
}

async fn creates_the_schedule_when_there_is_none() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET").path("/api/project/1/schedules");
            then.status(200).json_body(json!([]));
        })
        .await;
    // What the creation must send: the token, and the body your code builds.
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/api/project/1/schedules")
                .header("authorization", "Bearer test-token")
                .json_body(json!({"project_id": 1, "template_id": 5, "cron_format": NIGHTLY}));
            then.status(201)
                .json_body(json!({"id": 9, "template_id": 5, "cron_format": NIGHTLY}));
        })
        .await;
    let schedule = ensure_nightly(&client(&server), 1, 5).await.unwrap();
    assert_eq!(schedule.id, 9);
    list.assert_calls_async(1).await;
    create.assert_calls_async(1).await;
}

async fn keeps_the_schedule_that_exists() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/api/project/1/schedules");
            then.status(200).json_body(json!([
                {"id": 2, "template_id": 5, "cron_format": "*/5 * * * *"},
                {"id": 3, "template_id": 5, "cron_format": NIGHTLY},
            ]));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method("POST");
            then.status(201);
        })
        .await;
    let schedule = ensure_nightly(&client(&server), 1, 5).await.unwrap();
    assert_eq!(schedule.id, 3);
    create.assert_calls_async(0).await;
}

async fn a_server_error_reaches_the_caller() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(500)
                .json_body(json!({"error": "database is down"}));
        })
        .await;
    let err = ensure_nightly(&client(&server), 1, 5).await.unwrap_err();
    assert!(err.is_server_error(), "{err:?}");
    assert_eq!(err.server_message(), Some("database is down"));
}

#[tokio::main]
async fn main() {
    creates_the_schedule_when_there_is_none().await;
    println!("ok: creates the schedule when there is none");
    keeps_the_schedule_that_exists().await;
    println!("ok: keeps the schedule that exists");
    a_server_error_reaches_the_caller().await;
    println!("ok: a server error reaches the caller");
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn creates_the_schedule_when_there_is_none() {
        super::creates_the_schedule_when_there_is_none().await;
    }

    #[tokio::test]
    async fn keeps_the_schedule_that_exists() {
        super::keeps_the_schedule_that_exists().await;
    }

    #[tokio::test]
    async fn a_server_error_reaches_the_caller() {
        super::a_server_error_reaches_the_caller().await;
    }
}
