//! Running tasks against the stand-in: waiting, following, stopping, confirming, and the
//! socket refused, dropped, and shared by several tasks.

use std::time::Duration;

use semaphore_api::ErrorKind;
use semaphore_api::testkit::{Credential, StandIn, TaskScript};
use semaphore_api::*;
use semaphore_api_examples::setup;

struct Setup {
    server: StandIn,
    client: Client,
    project: ProjectId,
    template: TemplateId,
}

async fn setup() -> Setup {
    let server = StandIn::start().await.unwrap();
    let client = Client::new(server.url()).unwrap();
    let login = Login::new(testkit::DEFAULT_USER, testkit::DEFAULT_PASSWORD);
    client.auth_login_post(&login).await.unwrap();
    let (project, template) =
        setup::project_with_template(&client, "tasks", "/tmp/none", setup::PLAYBOOK_PATH)
            .await
            .unwrap();
    let template = template.id;
    Setup {
        server,
        client,
        project,
        template,
    }
}

impl Setup {
    async fn run(&self, script: TaskScript) -> TaskHandle {
        self.server.script_next_task(script);
        self.client
            .run_task(self.project, &TaskRequest::new(self.template))
            .await
            .unwrap()
            .poll_interval(Duration::from_millis(20))
    }

    fn sockets_opened(&self) -> Vec<u16> {
        let requests = self.server.requests();
        let ws = requests.iter().filter(|r| r.path == "/api/ws");
        ws.map(|r| r.status).collect()
    }
}

async fn collect(task: &TaskHandle) -> Vec<OutputLine> {
    let mut stream = task.follow();
    let mut lines = Vec::new();
    while let Some(line) = stream.next().await {
        lines.push(line.unwrap());
    }
    lines
}

/// The followed lines are the stored output, each once, in order, numbered from 0.
async fn assert_complete(task: &TaskHandle, followed: &[OutputLine]) {
    let stored = stored_output(task).await;
    let texts: Vec<&str> = followed.iter().map(|l| l.output.as_str()).collect();
    // An output line has no line ending; the server's own stored lines carry one.
    let expected: Vec<&str> = stored
        .iter()
        .map(|l| l.output.trim_end_matches('\n'))
        .collect();
    assert_eq!(texts, expected);
    for (i, line) in followed.iter().enumerate() {
        assert_eq!(line.index, i);
        assert_eq!(line.task_id, task.task_id());
    }
}

async fn stored_output(task: &TaskHandle) -> Vec<TaskOutput> {
    task.output().await.unwrap()
}

fn numbered(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("line {i}")).collect()
}

#[tokio::test]
async fn follow_gives_every_line_once_in_order_repeated_lines_included() {
    let s = setup().await;
    let lines = ["same", "same", "", "other", "same", ""];
    let task = s
        .run(TaskScript::succeeds(lines).interval(Duration::from_millis(5)))
        .await;
    let followed = collect(&task).await;
    assert_complete(&task, &followed).await;
    let texts: Vec<&str> = followed.iter().map(|l| l.output.as_str()).collect();
    assert_eq!(&texts[texts.len() - 6..], &lines);
    assert_eq!(texts[0], format!("Task {} added to queue", task.task_id()));
    let finished = task.wait(Duration::from_secs(60)).await.unwrap();
    assert_eq!(finished.status, TaskStatus::Success);
    assert!(finished.status.is_success());
    assert_eq!(s.sockets_opened(), [101], "one socket, accepted");
}

#[tokio::test]
async fn lines_written_before_the_socket_come_from_the_stored_output() {
    let s = setup().await;
    let task = s
        .run(TaskScript::succeeds(numbered(30)).interval(Duration::from_millis(5)))
        .await;
    // Let the task write lines before anyone listens.
    while stored_output(&task).await.len() < 10 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let followed = collect(&task).await;
    assert_complete(&task, &followed).await;
    assert_eq!(followed.len(), 33);
}

#[tokio::test]
async fn a_finished_task_gives_its_whole_output_and_ends() {
    let s = setup().await;
    let task = s
        .run(TaskScript::succeeds(numbered(5)).interval(Duration::from_millis(1)))
        .await;
    task.wait(Duration::from_secs(60)).await.unwrap();
    let followed = collect(&task).await;
    assert_complete(&task, &followed).await;
    assert_eq!(followed.len(), 8);
}

#[tokio::test]
async fn wait_tells_failure_from_success() {
    let s = setup().await;
    let task = s
        .run(TaskScript::fails(["fatal: [localhost]: FAILED!"]))
        .await;
    let finished = task.wait(Duration::from_secs(60)).await.unwrap();
    assert_eq!(finished.status, TaskStatus::Error);
    assert!(!finished.status.is_success());
    assert_eq!(finished.id, task.task_id());
}

#[tokio::test]
async fn a_task_that_never_ends_times_out_then_stops() {
    let s = setup().await;
    let task = s.run(TaskScript::never_ends(["working"])).await;
    let err = task.wait(Duration::from_millis(300)).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("had not finished"), "{message}");
    assert!(
        message.contains(&format!("task {}", task.task_id())),
        "{message}"
    );
    task.stop(false).await.unwrap();
    let finished = task.wait(Duration::from_secs(60)).await.unwrap();
    assert_eq!(finished.status, TaskStatus::Stopped);
}

#[tokio::test]
async fn a_forced_stop_ends_the_output_stream() {
    let s = setup().await;
    let task = s.run(TaskScript::never_ends(["working"])).await;
    let mut stream = task.follow();
    let mut seen = Vec::new();
    while let Some(line) = stream.next().await {
        let line = line.unwrap();
        let last = line.output == "working";
        seen.push(line);
        if last {
            task.stop(true).await.unwrap();
        }
    }
    assert_complete(&task, &seen).await;
    assert_eq!(task.get().await.unwrap().status, TaskStatus::Stopped);
}

#[tokio::test]
async fn a_task_waiting_for_confirmation_runs_once_confirmed() {
    let s = setup().await;
    let task = s
        .run(TaskScript::succeeds(["confirmed and ran"]).needs_confirmation())
        .await;
    let err = task.wait(Duration::from_millis(200)).await.unwrap_err();
    assert!(
        matches!(
            err.kind(),
            ErrorKind::TaskNotFinished {
                status: TaskStatus::WaitingConfirmation,
                ..
            }
        ),
        "{err:?}"
    );
    task.confirm().await.unwrap();
    let finished = task.wait(Duration::from_secs(60)).await.unwrap();
    assert!(finished.status.is_success());
    let output = stored_output(&task).await;
    assert!(output.iter().any(|l| l.output == "confirmed and ran"));
}

#[tokio::test]
async fn a_refused_socket_falls_back_to_polling() {
    let s = setup().await;
    s.server.refuse_sockets(true);
    let task = s
        .run(TaskScript::succeeds(numbered(20)).interval(Duration::from_millis(5)))
        .await;
    let followed = collect(&task).await;
    assert_complete(&task, &followed).await;
    assert_eq!(s.sockets_opened(), [403]);
    let finished = task.wait(Duration::from_secs(60)).await.unwrap();
    assert!(finished.status.is_success());
}

#[tokio::test]
async fn a_socket_dropped_mid_task_resumes_without_loss_or_repeat() {
    let s = setup().await;
    let task = s
        .run(TaskScript::succeeds(numbered(60)).interval(Duration::from_millis(5)))
        .await;
    let mut stream = task.follow();
    let mut followed = Vec::new();
    while let Some(line) = stream.next().await {
        let line = line.unwrap();
        if line.output == "line 10" || line.output == "line 30" {
            s.server.drop_sockets();
        }
        followed.push(line);
    }
    assert_complete(&task, &followed).await;
    let opened = s.sockets_opened();
    assert!(
        opened.len() >= 3,
        "the socket was reopened after each drop: {opened:?}"
    );
}

#[tokio::test]
async fn several_tasks_on_one_client_each_get_their_own_lines() {
    let s = setup().await;
    let a = s
        .run(TaskScript::succeeds(numbered(25)).interval(Duration::from_millis(3)))
        .await;
    let b = s
        .run(TaskScript::fails(["b's only line"; 15]).interval(Duration::from_millis(4)))
        .await;
    let (from_a, from_b) = tokio::join!(collect(&a), collect(&b));
    assert_complete(&a, &from_a).await;
    assert_complete(&b, &from_b).await;
    assert_eq!(
        from_b
            .iter()
            .filter(|l| l.output == "b's only line")
            .count(),
        15
    );
    assert!(!from_a.iter().any(|l| l.output == "b's only line"));
}

#[tokio::test]
async fn the_socket_authenticates_with_a_bearer_token() {
    let s = setup().await;
    let token = s.client.user_tokens_post().await.unwrap();
    let client = Client::builder(s.server.url())
        .bearer_token(token.id.expose_secret())
        .build()
        .unwrap();
    s.server.script_next_task(TaskScript::succeeds(numbered(5)));
    let task = client
        .run_task(s.project, &TaskRequest::new(s.template))
        .await
        .unwrap();
    let followed = collect(&task).await;
    assert_complete(&task, &followed).await;
    let requests = s.server.requests();
    let ws: Vec<_> = requests.iter().filter(|r| r.path == "/api/ws").collect();
    assert_eq!(ws.len(), 1);
    assert_eq!(ws[0].credential, Credential::Bearer { valid: true });
    assert_eq!(ws[0].status, 101);
}

#[tokio::test]
async fn a_socket_without_credentials_is_refused_and_the_error_is_the_servers() {
    let s = setup().await;
    let task = s.run(TaskScript::succeeds(numbered(2))).await;
    let anonymous = Client::new(s.server.url()).unwrap();
    let handle = anonymous.task_handle(task.project_id(), task.task_id());
    let err = handle.wait(Duration::from_secs(60)).await.unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    let mut stream = handle.follow();
    let first = stream.next().await.unwrap().unwrap_err();
    assert!(first.is_unauthorized(), "{first:?}");
    assert!(stream.next().await.is_none());
    assert!(s.sockets_opened().contains(&401));
}

/// A proxy set on the builder carries the task's socket too, as it carries the REST calls.
#[tokio::test]
async fn the_socket_goes_through_the_clients_proxy() {
    let s = setup().await;
    let proxy = semaphore_api::testkit::scripted::ScriptedServer::relaying_proxy().await;
    let client = Client::builder(s.server.url())
        .proxy(proxy.origin())
        .session_cookie(s.client.session_cookie().unwrap())
        .build()
        .unwrap();
    s.server
        .script_next_task(TaskScript::succeeds(["through", "the", "proxy"]));
    let task = client
        .run_task(s.project, &TaskRequest::new(s.template))
        .await
        .unwrap();
    let followed = collect(&task).await;
    assert_complete(&task, &followed).await;
    let upgrades: Vec<String> = proxy
        .requests()
        .iter()
        .filter(|r| r.path().ends_with("/api/ws"))
        .map(|r| r.target.clone())
        .collect();
    assert_eq!(upgrades.len(), 1, "{:?}", proxy.requests());
    assert!(
        upgrades[0].starts_with("http://"),
        "absolute form, to a proxy: {upgrades:?}"
    );
    assert_eq!(s.sockets_opened(), [101], "the stand-in upgraded it");
}

/// The server tells a task's final status before it stores its end (the stand-in does too,
/// 200 ms here): `wait` returns the task with its end, over the socket and by polling.
#[tokio::test]
async fn wait_returns_a_finished_task_with_its_end() {
    let s = setup().await;
    for socket in [true, false] {
        let script = TaskScript::succeeds(["done"]).end_delay(Duration::from_millis(200));
        let mut task = s.run(script).await;
        if !socket {
            task = task.without_socket();
        }
        let finished = task.wait(Duration::from_secs(60)).await.unwrap();
        assert!(finished.status.is_success());
        assert!(finished.end.is_some(), "socket: {socket}: {finished:?}");
    }
}

#[tokio::test]
async fn a_task_is_deleted_once_it_has_ended_and_is_then_unknown() {
    let s = setup().await;
    let running = s.run(TaskScript::never_ends(["working"])).await;
    let (project, id) = (running.project_id(), running.task_id());
    // As on the real server: a task still in its pool cannot be deleted.
    let err = s
        .client
        .project_project_id_tasks_task_id_delete(project, id)
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400), "{err:?}");
    running.stop(true).await.unwrap();
    s.client
        .project_project_id_tasks_task_id_delete(project, id)
        .await
        .unwrap();
    // Unknown now, as a task of another project is: 400, the real server's middleware.
    for call in [
        s.client
            .project_project_id_tasks_task_id_get(project, id)
            .await
            .unwrap_err(),
        s.client
            .project_project_id_tasks_task_id_delete(project, id)
            .await
            .unwrap_err(),
    ] {
        assert_eq!(call.status().map(|s| s.as_u16()), Some(400), "{call:?}");
    }
    assert!(
        s.client
            .project_project_id_tasks_get(project)
            .await
            .unwrap()
            .is_empty()
    );
}
