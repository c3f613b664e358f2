//! Servers newer than v2.10.32, on the stand-in's newer mode (`newer_server(true)`, which
//! follows Semaphore's 2.17 sources): the version read and kept; a task never runs wider than
//! asked (an override the template does not allow is refused before a task starts, the one
//! the stand-in would have dropped, as the server does); a template's newer settings survive
//! an update; the newer routes answer there, and on v2.10.32 are a `NotServed` error naming
//! their version.

use semaphore_api::ErrorKind;
use semaphore_api::testkit::{self, StandIn, TaskScript};
use semaphore_api::*;
use serde_json::json;

use crate::mock_server::api_url;

struct Place {
    server: StandIn,
    client: Client,
    project: ProjectId,
    repository: RepositoryId,
    inventory: InventoryId,
}

async fn place(newer: bool) -> Place {
    let server = StandIn::builder()
        .newer_server(newer)
        .start()
        .await
        .unwrap();
    let client = Client::new(server.url()).unwrap();
    let login = Login::new(testkit::DEFAULT_USER, testkit::DEFAULT_PASSWORD);
    client.auth_login_post(&login).await.unwrap();
    let project = client
        .projects()
        .create(&ProjectRequest::new("newer"))
        .await
        .unwrap();
    let p = client.project(project.id);
    let key = p
        .keys()
        .create(&AccessKeyRequest::none("none"))
        .await
        .unwrap();
    let repo = RepositoryRequest::new("playbooks", "/tmp/none", "", key.id);
    let repository = p.repositories().create(&repo).await.unwrap();
    let hosts = InventoryRequest::new("hosts", InventoryType::Static, "web1\nweb2\n");
    let inventory = p.inventories().create(&hosts).await.unwrap();
    Place {
        server,
        client,
        project: project.id,
        repository: repository.id,
        inventory: inventory.id,
    }
}

impl Place {
    async fn template(&self, task_params: Option<TemplateTaskParams>) -> Template {
        let mut request =
            TemplateRequest::ansible("Deploy", "deploy.yml", self.repository, self.inventory);
        request.task_params = task_params;
        self.client
            .project(self.project)
            .templates()
            .create(&request)
            .await
            .unwrap()
    }

    fn limited(&self, template: &Template) -> TaskRequest {
        TaskRequest {
            limit: Some("web1".into()),
            ..TaskRequest::new(template.id)
        }
    }

    async fn tasks(&self) -> usize {
        self.client
            .project_project_id_tasks_get(self.project)
            .await
            .unwrap()
            .len()
    }
}

fn limit_allowed() -> TemplateTaskParams {
    TemplateTaskParams {
        allow_override_limit: Some(true),
        ..TemplateTaskParams::default()
    }
}

#[tokio::test]
async fn the_servers_version_is_read_once_and_told_apart() {
    for (newer, support) in [(false, Support::Verified), (true, Support::Newer)] {
        let s = place(newer).await;
        for _ in 0..3 {
            assert_eq!(s.client.server_version().await.unwrap().support(), support);
        }
        let reads = s
            .server
            .requests()
            .iter()
            .filter(|r| r.path == "/api/info")
            .count();
        assert_eq!(reads, 1, "newer: {newer}");
    }
}

#[tokio::test]
async fn a_limit_the_template_does_not_allow_is_refused_before_any_task_starts() {
    let s = place(true).await;
    let template = s.template(None).await;
    let err = s
        .client
        .run_task(s.project, &s.limited(&template))
        .await
        .unwrap_err();
    let ErrorKind::InvalidArgument { param, reason, .. } = err.kind() else {
        panic!("{err:?}")
    };
    assert_eq!(*param, "limit");
    assert!(
        reason.contains("allow_override_limit") && reason.contains("\"Deploy\""),
        "{reason}"
    );
    assert!(reason.contains("every host"), "{reason}");
    assert_eq!(s.tasks().await, 0, "no task was started");

    // What the check prevents: the same request through the bare operation runs on every host.
    let task = s
        .client
        .project_project_id_tasks_post(s.project, &s.limited(&template))
        .await
        .unwrap();
    let run = s.server.task_run(task.id.get()).unwrap();
    assert_eq!(
        run.limit, None,
        "the stand-in dropped the limit, as the server does"
    );
}

#[tokio::test]
async fn an_allowed_limit_reaches_the_run_in_the_newer_shape() {
    let s = place(true).await;
    let template = s.template(Some(limit_allowed())).await;
    let handle = s
        .client
        .run_task(s.project, &s.limited(&template))
        .await
        .unwrap();
    let run = s.server.task_run(handle.task_id().get()).unwrap();
    assert_eq!(run.limit.as_deref(), Some("web1"));
    let task = s
        .client
        .project_project_id_tasks_task_id_get(s.project, handle.task_id())
        .await
        .unwrap();
    let params = task.params.unwrap();
    assert_eq!(params.limit, Some(vec!["web1".to_owned()]));
    // A newer server reads no top-level dry run: it comes through `params`.
    let dry = TaskRequest {
        dry_run: true,
        ..TaskRequest::new(template.id)
    };
    let handle = s.client.run_task(s.project, &dry).await.unwrap();
    assert!(s.server.task_run(handle.task_id().get()).unwrap().dry_run);
}

#[tokio::test]
async fn every_override_needs_its_setting_on_a_newer_server() {
    let s = place(true).await;
    let template = s.template(Some(limit_allowed())).await;
    let cases = [
        (
            "tags",
            TaskRequest {
                tags: vec!["web".into()],
                ..TaskRequest::new(template.id)
            },
        ),
        (
            "skip_tags",
            TaskRequest {
                skip_tags: vec!["db".into()],
                ..TaskRequest::new(template.id)
            },
        ),
        (
            "inventory_id",
            TaskRequest {
                inventory_id: Some(s.inventory),
                ..TaskRequest::new(template.id)
            },
        ),
        (
            "debug",
            TaskRequest {
                debug: true,
                ..TaskRequest::new(template.id)
            },
        ),
        (
            "arguments",
            TaskRequest {
                arguments: Some("[\"-v\"]".into()),
                ..TaskRequest::new(template.id)
            },
        ),
    ];
    for (field, request) in cases {
        match s
            .client
            .run_task(s.project, &request)
            .await
            .map_err(Error::into_kind)
        {
            Err(ErrorKind::InvalidArgument { param, .. }) => assert_eq!(param, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    assert_eq!(s.tasks().await, 0);
}

#[tokio::test]
async fn the_verified_server_applies_a_limit_and_has_no_tags() {
    let s = place(false).await;
    let template = s.template(None).await;
    let handle = s
        .client
        .run_task(s.project, &s.limited(&template))
        .await
        .unwrap();
    let run = s.server.task_run(handle.task_id().get()).unwrap();
    assert_eq!(run.limit.as_deref(), Some("web1"));
    let tagged = TaskRequest {
        tags: vec!["web".into()],
        ..TaskRequest::new(template.id)
    };
    match s
        .client
        .run_task(s.project, &tagged)
        .await
        .map_err(Error::into_kind)
    {
        Err(ErrorKind::InvalidArgument {
            param: "tags",
            reason,
            ..
        }) => {
            assert!(reason.contains("v2.10.32"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.tasks().await, 1);
}

#[tokio::test]
async fn a_task_whose_answer_lacks_the_limit_is_stopped_at_once() {
    // A server that accepts the start but records no limit (a newer server's unknown way).
    let server = httpmock::MockServer::start_async().await;
    let template = json!({"id": 5, "name": "Deploy", "app": "ansible",
        "task_params": {"allow_override_limit": true}});
    let task =
        json!({"id": 9, "template_id": 5, "project_id": 1, "status": "waiting", "limit": ""});
    for (method, path, status, body) in [
        ("GET", "/api/info", 200, json!({"version": "v2.17.15"})),
        ("GET", "/api/project/1/templates/5", 200, template),
        ("POST", "/api/project/1/tasks", 201, task),
    ] {
        server
            .mock_async(|when, then| {
                when.method(method).path(path);
                then.status(status).json_body(body);
            })
            .await;
    }
    let stop = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/api/project/1/tasks/9/stop")
                .json_body(json!({"force": true}));
            then.status(204);
        })
        .await;
    let client = Client::builder(api_url(&server))
        .bearer_token("t")
        .build()
        .unwrap();
    let request = TaskRequest {
        limit: Some("web1".into()),
        ..TaskRequest::new(TemplateId(5))
    };
    let err = client.run_task(ProjectId(1), &request).await.unwrap_err();
    let ErrorKind::NotApplied { what, .. } = err.kind() else {
        panic!("{err:?}")
    };
    assert!(
        what.contains("web1") && what.contains("stopped at once"),
        "{what}"
    );
    stop.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_templates_newer_settings_survive_an_update_through_the_resource_layer() {
    let s = place(true).await;
    let mut request = TemplateRequest::ansible("Deploy", "deploy.yml", s.repository, s.inventory);
    request.task_params = Some(limit_allowed());
    request.extra.insert("runner_tag", json!("gpu"));
    request.extra.insert("allow_parallel_tasks", json!(true));
    let p = s.client.project(s.project);
    let created = p.templates().create(&request).await.unwrap();
    let updated = p
        .templates()
        .update(created.id, |r| r.description = Some("renamed".into()))
        .await
        .unwrap();
    assert_eq!(updated.description.as_deref(), Some("renamed"));
    assert_eq!(updated.task_params, Some(limit_allowed()));
    assert_eq!(updated.extra.get("runner_tag"), Some(&json!("gpu")));
    assert_eq!(
        updated.extra.get("allow_parallel_tasks"),
        Some(&json!(true))
    );
    // The stand-in replaces the whole template, as the server does: an update built without
    // them erases them (what `extra` prevents).
    let bare = TemplateRequest::ansible("Deploy", "deploy.yml", s.repository, s.inventory);
    s.client
        .project_project_id_templates_template_id_put(s.project, created.id, &bare)
        .await
        .unwrap();
    let read = p.templates().get(created.id).await.unwrap();
    assert_eq!(
        (read.task_params, read.extra.get("runner_tag")),
        (None, None)
    );
}

#[tokio::test]
async fn the_newer_routes_answer_on_a_newer_server() {
    let s = place(true).await;
    let template = s.template(None).await;
    s.server
        .script_next_task(TaskScript::succeeds(["\u{1b}[0;32mok: [web1]\u{1b}[0m"]));
    let handle = s
        .client
        .run_task(s.project, &TaskRequest::new(template.id))
        .await
        .unwrap();
    handle
        .wait(std::time::Duration::from_secs(30))
        .await
        .unwrap();
    let text = s
        .client
        .project_project_id_tasks_task_id_raw_output_get(s.project, handle.task_id())
        .await
        .unwrap();
    assert!(
        text.contains("ok: [web1]\n") && !text.contains('\u{1b}'),
        "{text:?}"
    );
    let lines = s
        .client
        .project_project_id_tasks_task_id_output_get(s.project, handle.task_id())
        .await
        .unwrap();
    assert_eq!(lines[0].extra.get("id"), Some(&json!(1)));

    s.server
        .script_next_task(TaskScript::never_ends(["working"]));
    let running = s
        .client
        .run_task(s.project, &TaskRequest::new(template.id))
        .await
        .unwrap();
    s.client
        .project_project_id_templates_template_id_stop_all_tasks_post(
            s.project,
            template.id,
            &TaskStop { force: true },
        )
        .await
        .unwrap();
    let ended = running
        .wait(std::time::Duration::from_secs(30))
        .await
        .unwrap();
    assert_eq!(ended.status, TaskStatus::Stopped);
}

#[tokio::test]
async fn the_newer_routes_are_not_served_by_the_verified_server_and_the_error_says_so() {
    let s = place(false).await;
    let template = s.template(None).await;
    let handle = s
        .client
        .run_task(s.project, &TaskRequest::new(template.id))
        .await
        .unwrap();
    // Before the version is read, the error names the version needed.
    let err = s
        .client
        .project_project_id_tasks_task_id_raw_output_get(s.project, handle.task_id())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err.kind(),
            ErrorKind::NotServed {
                since: "2.14.0",
                server: None,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.is_not_found());
    s.client.server_version().await.unwrap();
    let err = s
        .client
        .project_project_id_templates_template_id_stop_all_tasks_post(
            s.project,
            template.id,
            &TaskStop { force: false },
        )
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "POST /project/{{project_id}}/templates/{{template_id}}/stop_all_tasks (project_project_id_templates_template_id_stop_all_tasks_post): the server does not serve this operation (404): it needs Semaphore 2.16.14 or newer, and this server is {}",
            testkit::VERIFIED_SERVER_VERSION
        )
    );
}
