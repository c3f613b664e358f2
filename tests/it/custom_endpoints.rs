//! A trait declared outside the runtime crate (`examples/my_projects.rs`): exactly what its
//! four operations send, on the same client as the built-in traits.

use httpmock::{HttpMockRequest, MockServer};
use semaphore_api::{AuthenticationApi, Client};
use semaphore_api_examples::my_projects::{MyProjectApi, NewProject, Order, SortBy};
use serde_json::json;

use crate::mock_server::{api_url, target_is};

/// Answers the four operations (and a login setting the `semaphore` cookie) as the real
/// server would; anything else is a 404.
async fn projects_server(server: &MockServer) {
    let routes: [(&str, &str, u16, &str); 6] = [
        (
            "GET",
            "/api/projects",
            200,
            r#"[{"id":1,"name":"infra","created":"2024-10-25T10:11:12Z","alert":false,"max_parallel_tasks":0}]"#,
        ),
        ("GET", "/api/project/1", 200, r#"{"id":1,"name":"infra"}"#),
        (
            "POST",
            "/api/projects",
            201,
            r#"{"id":7,"name":"infra","alert":true}"#,
        ),
        (
            "GET",
            "/api/project/3/templates?sort=playbook&order=desc",
            200,
            r#"[{"id":1,"project_id":3,"name":"b","playbook":"z.yml"}]"#,
        ),
        ("GET", "/api/project/3/templates?sort=name", 200, "[]"),
        ("POST", "/api/auth/login", 204, ""),
    ];
    for (method, target, status, body) in routes {
        server
            .mock_async(|when, then| {
                when.method(method).is_true(target_is(target));
                let then = then.status(status);
                match body.is_empty() {
                    true => then.header("Set-Cookie", "semaphore=abc; Path=/"),
                    false => then.header("Content-Type", "application/json").body(body),
                };
            })
            .await;
    }
    crate::mock_server::not_found_otherwise(server).await;
}

fn client(server: &MockServer) -> Client {
    Client::builder(api_url(server))
        .bearer_token("tok-1")
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_answers_decode_into_the_traits_types() {
    let server = MockServer::start_async().await;
    projects_server(&server).await;
    let client = client(&server);
    let projects = client.list_projects().await.unwrap();
    assert_eq!((projects.len(), projects[0].name.as_str()), (1, "infra"));
    assert_eq!(client.project_by_id(1).await.unwrap().id, 1);
    let project = client
        .create_project(&NewProject {
            name: "infra",
            alert: true,
        })
        .await
        .unwrap();
    assert_eq!((project.id, project.alert), (7, true));
    let templates = client
        .templates(3, SortBy::Playbook, Some(Order::Desc))
        .await
        .unwrap();
    assert_eq!(templates[0].playbook, "z.yml");
    assert!(
        client
            .templates(3, SortBy::Name, None)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(client.project_by_id(2).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn built_in_and_custom_traits_share_one_session() {
    let server = MockServer::start_async().await;
    // Tried before the routes: the list sent with the login's cookie.
    let with_cookie = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/api/projects")
                .header("cookie", "semaphore=abc");
            then.status(200)
                .header("Content-Type", "application/json")
                .body("[]");
        })
        .await;
    projects_server(&server).await;
    let client = Client::new(api_url(&server)).unwrap();
    client
        .auth_login_post(&semaphore_api::Login::new("admin", "pw"))
        .await
        .unwrap();
    client.list_projects().await.unwrap();
    with_cookie.assert_calls_async(1).await;
}

/// What the four operations put on the wire, byte for byte: the request line (path and query
/// in declaration order, nothing else), the credentials, and the body.
#[tokio::test]
async fn the_wire_requests_are_exactly_these() {
    let server = MockServer::start_async().await;
    let no_body = |request: &HttpMockRequest| request.body_ref().is_empty();
    let mut expected = Vec::new();
    for (method, target, answer) in [
        ("GET", "/api/projects", "[]"),
        (
            "GET",
            "/api/project/3/templates?sort=playbook&order=desc",
            "[]",
        ),
        ("GET", "/api/project/3/templates?sort=name", "[]"),
        ("GET", "/api/project/42", "{}"),
    ] {
        let mock = server
            .mock_async(|when, then| {
                when.method(method)
                    .is_true(target_is(target))
                    .header("authorization", "Bearer tok-1")
                    .header_missing("cookie")
                    .header_missing("content-type")
                    .is_true(no_body);
                then.status(200)
                    .header("Content-Type", "application/json")
                    .body(answer);
            })
            .await;
        expected.push(mock);
    }
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .is_true(target_is("/api/projects"))
                .header("authorization", "Bearer tok-1")
                .header_missing("cookie")
                .header("content-type", "application/json")
                .body(r#"{"name":"a \"quoted\" name","alert":false}"#);
            then.status(200)
                .header("Content-Type", "application/json")
                .body("{}");
        })
        .await;
    let anything_else = server
        .mock_async(|when, then| {
            when.any_request();
            then.status(404);
        })
        .await;

    let client = client(&server);
    client.list_projects().await.unwrap();
    client
        .templates(3, SortBy::Playbook, Some(Order::Desc))
        .await
        .unwrap();
    client.templates(3, SortBy::Name, None).await.unwrap();
    client.project_by_id(42).await.unwrap();
    client
        .create_project(&NewProject {
            name: "a \"quoted\" name",
            alert: false,
        })
        .await
        .unwrap();

    for mock in expected.iter().chain([&create]) {
        mock.assert_calls_async(1).await;
    }
    anything_else.assert_calls_async(0).await;
}

/// The same trait against the stand-in server, which follows the real server's routes (no
/// trailing slash on `/project/{id}`) and sorts templates by the `sort` and `order` it is sent.
#[tokio::test]
async fn against_the_stand_in() {
    use semaphore_api::testkit::{DEFAULT_PASSWORD, DEFAULT_USER, StandIn};
    use semaphore_api::{
        AccessKeySort, InventoryRequest, InventoryType, Login, ProjectApi, ProjectId,
        RepositoryRequest, RepositorySort, Result, SortOrder, semaphore_api,
    };

    /// One more operation of the user's own, to give the project templates to sort.
    #[semaphore_api]
    trait MyTemplateApi {
        #[post("/project/{project_id}/templates")]
        async fn create_template(
            &self,
            project_id: i64,
            #[body] template: &serde_json::Value,
        ) -> Result<serde_json::Value>;
    }

    let server = StandIn::start().await.unwrap();
    let client = Client::new(server.url()).unwrap();
    client
        .auth_login_post(&Login::new(DEFAULT_USER, DEFAULT_PASSWORD))
        .await
        .unwrap();
    let created = client
        .create_project(&NewProject {
            name: "custom",
            alert: true,
        })
        .await
        .unwrap();
    assert_eq!((created.name.as_str(), created.alert), ("custom", true));
    // Like an SQL server, the stand-in stores only a new project's name: `alert` reads back
    // false.
    let read = client.project_by_id(created.id).await.unwrap();
    assert_eq!(
        (read.id, read.name.as_str(), read.alert),
        (created.id, "custom", false)
    );
    assert!(client.list_projects().await.unwrap().contains(&read));

    // What a template needs, made with the built-in traits on the same client.
    let project = ProjectId(created.id);
    let key = client
        .project_project_id_keys_get(project, Some(AccessKeySort::Name), Some(SortOrder::Asc))
        .await
        .unwrap()[0]
        .id;
    client
        .project_project_id_repositories_post(
            project,
            &RepositoryRequest::new("playbooks", "/srv/playbooks", "", key),
        )
        .await
        .unwrap();
    let repository = client
        .project_project_id_repositories_get(
            project,
            Some(RepositorySort::Name),
            Some(SortOrder::Asc),
        )
        .await
        .unwrap()[0]
        .id;
    let inventory = client
        .project_project_id_inventory_post(
            project,
            &InventoryRequest::new("hosts", InventoryType::Static, "localhost"),
        )
        .await
        .unwrap()
        .id;
    for (name, playbook) in [("b", "a.yml"), ("a", "c.yml"), ("c", "b.yml")] {
        let template = json!({"project_id": created.id, "name": name, "playbook": playbook,
            "repository_id": repository, "inventory_id": inventory, "app": "ansible"});
        client.create_template(created.id, &template).await.unwrap();
    }
    let names = |templates: Vec<semaphore_api_examples::my_projects::MyTemplate>| {
        templates.into_iter().map(|t| t.name).collect::<Vec<_>>()
    };
    let by_name = client.templates(created.id, SortBy::Name, None).await;
    assert_eq!(names(by_name.unwrap()), ["a", "b", "c"]);
    let by_playbook_desc = client
        .templates(created.id, SortBy::Playbook, Some(Order::Desc))
        .await;
    assert_eq!(names(by_playbook_desc.unwrap()), ["a", "c", "b"]);
    client.auth_logout_post().await.unwrap();
}
