//! Projects: what comes with a new one, what each flavour stores, who sees which, and how
//! project ids in paths are checked.

mod support;

use semaphore_api_testkit::{StandIn, User};
use serde_json::{Value, json};
use support::{call, cookie_of, session_cookie};

async fn flavour(bolt: bool) -> StandIn {
    StandIn::builder()
        .bolt_db_backend(bolt)
        .user(User::new("bob", "bob@example.com", "pw", false))
        .user(User::new("carol", "carol@example.com", "pw", false))
        .non_admin_can_create_project(true)
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_new_project_brings_an_owner_a_none_key_and_an_empty_environment() {
    for bolt in [false, true] {
        let server = flavour(bolt).await;
        let bob = cookie_of(&server, "bob", "pw").await;
        let created = call(
            &server,
            &bob,
            "POST",
            "/api/projects",
            r#"{"name":"infra"}"#,
        )
        .await;
        assert_eq!(created.status, 201);
        let project = created.json();
        let fields: Vec<&str> = project
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        assert_eq!(
            fields,
            [
                "alert",
                "alert_chat",
                "created",
                "id",
                "max_parallel_tasks",
                "name",
                "type"
            ]
        );
        assert_eq!(
            (&project["id"], &project["alert_chat"], &project["type"]),
            (&json!(1), &Value::Null, &json!(""))
        );

        let mut none_key = json!({"id": 1, "name": "None", "type": "none", "project_id": 1,
            "string": "", "login_password": {"login": "", "password": ""},
            "ssh": {"login": "", "passphrase": "", "private_key": ""}, "override_secret": false});
        if !bolt {
            // SQL lists mark keys without a secret.
            none_key["empty"] = json!(true);
        }
        let keys = call(&server, &bob, "GET", "/api/project/1/keys", "").await;
        assert_eq!(
            (keys.status, keys.json()),
            (200, json!([none_key])),
            "bolt: {bolt}"
        );
        let environments = call(&server, &bob, "GET", "/api/project/1/environment", "").await;
        let empty = json!({"id": 1, "name": "Empty", "project_id": 1, "password": null,
            "json": "{}", "env": null, "secrets": null});
        assert_eq!(environments.json(), json!([empty]));
        for kind in ["inventory", "repositories", "templates"] {
            let listed = call(&server, &bob, "GET", &format!("/api/project/1/{kind}"), "").await;
            assert_eq!(listed.body, "[]\n", "{kind}");
        }

        // Bob owns the project; Carol, not a member, cannot see it.
        let mine = call(&server, &bob, "GET", "/api/projects", "").await;
        assert_eq!(mine.json()[0]["name"], "infra");
        let carol = cookie_of(&server, "carol", "pw").await;
        let theirs = call(&server, &carol, "GET", "/api/projects", "").await;
        assert_eq!(theirs.body, "[]\n");
        let hidden = call(&server, &carol, "GET", "/api/project/1/keys", "").await;
        assert_eq!((hidden.status, hidden.body.as_str()), (404, ""));
    }
}

#[tokio::test]
async fn sql_stores_only_name_created_and_type_but_answers_the_body() {
    let body = r#"{"name":"full","alert":true,"alert_chat":"ops","max_parallel_tasks":3,
        "type":"x","demo":false,"extra":1,"created":"2020-01-01T00:00:00Z"}"#;
    for bolt in [false, true] {
        let server = flavour(bolt).await;
        let cookie = session_cookie(&server).await;
        let created = call(&server, &cookie, "POST", "/api/projects", body)
            .await
            .json();
        let stored = call(&server, &cookie, "GET", "/api/project/1", "")
            .await
            .json();
        let expected = json!({"id": 1, "name": "full", "alert": true, "alert_chat": "ops",
            "max_parallel_tasks": 3, "type": "x", "created": created["created"]});
        assert_eq!(created, expected, "the answer is the decoded body");
        assert_ne!(
            created["created"], "2020-01-01T00:00:00Z",
            "the server sets `created`"
        );
        let expected = match bolt {
            true => expected,
            false => json!({"id": 1, "name": "full", "alert": false, "alert_chat": "",
                "max_parallel_tasks": 0, "type": "x", "created": created["created"]}),
        };
        assert_eq!(stored, expected, "bolt: {bolt}");
        let listed = call(&server, &cookie, "GET", "/api/projects", "")
            .await
            .json();
        assert_eq!(listed, json!([expected]));
    }
}

#[tokio::test]
async fn project_bodies_are_decoded_like_go() {
    let server = StandIn::start().await.unwrap();
    let cookie = session_cookie(&server).await;
    for (body, status, name) in [
        ("{}", 201, Some("")),
        ("null", 201, Some("")),
        (r#"{"NAME":"upper"} and trailing bytes"#, 201, Some("upper")),
        (
            r#"{"name":"n","alert":null,"alert_chat":null}"#,
            201,
            Some("n"),
        ),
        ("", 400, None),
        ("[]", 400, None),
        (r#"{"name":7}"#, 400, None),
        (r#"{"created":""}"#, 400, None),
        (r#"{"max_parallel_tasks":1.5}"#, 400, None),
        (r#"{"max_parallel_tasks":"3"}"#, 400, None),
        (r#"{"alert_chat":false}"#, 400, None),
    ] {
        let reply = call(&server, &cookie, "POST", "/api/projects", body).await;
        assert_eq!(reply.status, status, "{body:?}");
        match name {
            Some(name) => assert_eq!(reply.json()["name"], name, "{body:?}"),
            None => assert_eq!(reply.body, "", "{body:?}"),
        }
    }
}

#[tokio::test]
async fn only_administrators_create_projects_unless_allowed() {
    let server = StandIn::builder()
        .user(User::new("bob", "bob@example.com", "pw", false))
        .start()
        .await
        .unwrap();
    let bob = cookie_of(&server, "bob", "pw").await;
    // Refused before the body is read: even a bad body is a 401.
    for body in [r#"{"name":"mine"}"#, "not json"] {
        let refused = call(&server, &bob, "POST", "/api/projects", body).await;
        assert_eq!((refused.status, refused.body.as_str()), (401, ""), "{body}");
    }
    let me = call(&server, &bob, "GET", "/api/user", "").await.json();
    assert_eq!(me["can_create_project"], false);
    let admin = session_cookie(&server).await;
    let me = call(&server, &admin, "GET", "/api/user", "").await.json();
    assert_eq!(me["can_create_project"], true);

    let open = flavour(false).await;
    let bob = cookie_of(&open, "bob", "pw").await;
    let me = call(&open, &bob, "GET", "/api/user", "").await.json();
    assert_eq!(me["can_create_project"], true);
    let created = call(&open, &bob, "POST", "/api/projects", r#"{"name":"mine"}"#).await;
    assert_eq!(created.status, 201);
}

#[tokio::test]
async fn project_ids_in_paths_are_checked_like_the_project_middleware() {
    for bolt in [false, true] {
        let server = flavour(bolt).await;
        let admin = session_cookie(&server).await;
        let bob = cookie_of(&server, "bob", "pw").await;
        assert_eq!(
            call(&server, &admin, "POST", "/api/projects", "{}")
                .await
                .status,
            201
        );
        // An administrator's unknown project: SQL's GetProject does not make "no rows" a 404.
        let missing = if bolt { 404 } else { 400 };
        for (who, path, status, body) in [
            (
                &admin,
                "/api/project/x",
                400,
                "{\"error\":\"Invalid project ID\"}\n",
            ),
            (
                &admin,
                "/api/project/99999999999999999999/templates",
                400,
                "{\"error\":\"Invalid project ID\"}\n",
            ),
            (&admin, "/api/project/2", missing, ""),
            (&admin, "/api/project/-1/keys", missing, ""),
            (&bob, "/api/project/2", 404, ""),
            (&bob, "/api/project/1", 404, ""),
            (&admin, "/api/project/1/templates/x", 400, ""),
            (&admin, "/api/project/1/templates/9", 404, ""),
        ] {
            let reply = call(&server, who, "GET", path, "").await;
            assert_eq!(
                (reply.status, reply.body.as_str()),
                (status, body),
                "{path} bolt: {bolt}"
            );
        }
        let own = call(&server, &admin, "GET", "/api/project/1", "").await;
        assert_eq!(own.status, 200);
    }
}

#[tokio::test]
async fn project_lists_sort_by_name_on_sql_and_keep_id_order_on_bolt() {
    // Byte order, as PostgreSQL's `C` collation sorts: capitals first.
    for (bolt, expected) in [
        (false, ["Beta", "alpha", "gamma"]),
        (true, ["gamma", "alpha", "Beta"]),
    ] {
        let server = flavour(bolt).await;
        let cookie = session_cookie(&server).await;
        for name in ["gamma", "alpha", "Beta"] {
            let body = json!({ "name": name }).to_string();
            assert_eq!(
                call(&server, &cookie, "POST", "/api/projects", &body)
                    .await
                    .status,
                201
            );
        }
        let listed = call(&server, &cookie, "GET", "/api/projects", "")
            .await
            .json();
        let names: Vec<&str> = listed
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, expected, "bolt: {bolt}");
    }
}

#[tokio::test]
async fn bolt_db_numbers_objects_per_project_and_takes_ids_from_bodies() {
    for (bolt, second_key, body_id) in [(false, 2, 2), (true, 1, 7)] {
        let server = flavour(bolt).await;
        let cookie = session_cookie(&server).await;
        call(&server, &cookie, "POST", "/api/projects", "{}").await;
        let second = call(&server, &cookie, "POST", "/api/projects", r#"{"id":7}"#).await;
        assert_eq!(second.json()["id"], body_id, "bolt: {bolt}");
        let path = format!("/api/project/{body_id}/keys");
        let keys = call(&server, &cookie, "GET", &path, "").await.json();
        assert_eq!(keys[0]["id"], second_key, "bolt: {bolt}");
    }
}
