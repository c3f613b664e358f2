//! A user's `#[semaphore_api]` trait mocked with mockall's `#[automock]`: the code under test
//! takes `&impl Trait`, the client in production and the mock in a unit test.

use mockall::automock;
use semaphore_api::{Result, Task, TaskId, TaskRequest, TemplateId, semaphore_api};

#[semaphore_api]
#[automock]
pub trait Deploys {
    /// Starts a task of a template.
    #[post("/project/{project_id}/tasks")]
    async fn start(&self, project_id: i64, #[body] task: &TaskRequest) -> Result<Task>;

    /// The server's liveness.
    #[get("/ping")]
    #[no_auth]
    async fn ping(&self) -> Result<String>;
}

/// The code under test: starts template 3 of project 1 with a limit, once the server answers.
async fn deploy_web(api: &impl Deploys) -> Result<TaskId> {
    api.ping().await?;
    let mut request = TaskRequest::new(TemplateId(3));
    request.limit = Some("web".into());
    Ok(api.start(1, &request).await?.id)
}

#[tokio::test]
async fn the_code_under_test_runs_on_a_mock_of_the_trait() {
    let mut mock = MockDeploys::new();
    mock.expect_ping()
        .times(1)
        .returning(|| Box::pin(async { Ok("pong".to_owned()) }));
    mock.expect_start()
        .withf(|project, request| *project == 1 && request.limit.as_deref() == Some("web"))
        .times(1)
        .returning(|_, _| {
            Box::pin(async {
                Ok(Task {
                    id: TaskId(42),
                    ..Task::default()
                })
            })
        });
    assert_eq!(deploy_web(&mock).await.unwrap(), TaskId(42));
}
