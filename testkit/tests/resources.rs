//! Keys, repositories, inventories and environments: what their `POST`s check, and what
//! their lists show.

mod support;

use semaphore_api_testkit::StandIn;
use serde_json::{Value, json};
use support::{call, session_cookie};

async fn with_project(bolt: bool) -> (StandIn, String) {
    let server = StandIn::builder()
        .bolt_db_backend(bolt)
        .start()
        .await
        .unwrap();
    let cookie = session_cookie(&server).await;
    let created = call(&server, &cookie, "POST", "/api/projects", r#"{"name":"p"}"#).await;
    assert_eq!(created.status, 201);
    (server, cookie)
}

/// Each body's status and body, posted in turn to `/api/project/1/{kind}`.
async fn check_posts(server: &StandIn, cookie: &str, kind: &str, cases: &[(&str, u16, &str)]) {
    let path = format!("/api/project/1/{kind}");
    for &(body, status, answer) in cases {
        let reply = call(server, cookie, "POST", &path, body).await;
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (status, answer),
            "{kind}: {body}"
        );
    }
}

fn names(list: &Value) -> String {
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    names.join(",")
}

const MISMATCH: &str = "{\"error\":\"Project ID in body and URL must be the same\"}\n";

#[tokio::test]
async fn keys_are_checked_and_never_show_their_secret() {
    for bolt in [false, true] {
        let (server, cookie) = with_project(bolt).await;
        check_posts(&server, &cookie, "keys", &[
            (r#"{"name":"ssh","type":"ssh","project_id":1,"ssh":{"private_key":"PK"}}"#, 204, ""),
            (r#"{"name":"pw","type":"login_password","project_id":1,"login_password":{"login":"u","password":"p"}}"#, 204, ""),
            (r#"{"name":"secret","type":"string","project_id":1,"string":"s3cr3t"}"#, 204, ""),
            (r#"{"name":"blank","type":"string","project_id":1}"#, 204, ""),
            (r#"{"name":"k","type":"none"}"#, 400, MISMATCH),
            (r#"{"name":"k","type":"none","project_id":2}"#, 400, MISMATCH),
            (r#"{"name":"","type":"none","project_id":1}"#, 400, "{\"error\":\"name can not be empty\"}\n"),
            (r#"{"name":"k","type":"ssh","project_id":1,"ssh":{"login":"u"}}"#, 400, "{\"error\":\"private key can not be empty\"}\n"),
            (r#"{"name":"k","type":"login_password","project_id":1}"#, 400, "{\"error\":\"password can not be empty\"}\n"),
            (r#"{"name":"k","type":"weird","project_id":1}"#, 400, ""),
            (r#"{"name":"k","type":"none","project_id":1,"ssh":[]}"#, 400, ""),
        ]).await;
        let keys = call(&server, &cookie, "GET", "/api/project/1/keys", "").await;
        assert!(
            !keys.body.contains("s3cr3t") && !keys.body.contains("PK"),
            "{}",
            keys.body
        );
        let keys = keys.json();
        // SQL sorts by name, bytes compared; BoltDB keeps id order.
        let expected = if bolt {
            "None,ssh,pw,secret,blank"
        } else {
            "None,blank,pw,secret,ssh"
        };
        assert_eq!(names(&keys), expected);
        let key = |name: &str| {
            let found = keys.as_array().unwrap().iter().find(|k| k["name"] == name);
            found.unwrap().clone()
        };
        for (name, empty) in [
            ("None", true),
            ("blank", true),
            ("secret", false),
            ("ssh", false),
        ] {
            let marked = key(name).get("empty").cloned();
            let expected = (!bolt && empty).then_some(json!(true));
            assert_eq!(
                marked, expected,
                "{name}: only SQL lists mark keys without a secret"
            );
        }
        assert_eq!(
            key("pw")["login_password"],
            json!({"login": "", "password": ""})
        );
        assert_eq!(key("secret")["string"], "");
        let by_type = call(&server, &cookie, "GET", "/api/project/1/keys?sort=type", "").await;
        assert!(
            names(&by_type.json()).starts_with("pw,None,ssh,"),
            "{}",
            by_type.body
        );
    }
}

#[tokio::test]
async fn repositories_need_a_key_of_the_project_a_url_and_a_branch() {
    for bolt in [false, true] {
        let (server, cookie) = with_project(bolt).await;
        check_posts(&server, &cookie, "repositories", &[
            (r#"{"name":"remote","project_id":1,"git_url":"https://example.com/r.git","git_branch":"main","ssh_key_id":1}"#, 204, ""),
            (r#"{"name":"local","project_id":1,"git_url":"/srv/r","ssh_key_id":1}"#, 204, ""),
            (r#"{"name":"r","project_id":1,"git_url":"https://example.com/r.git","ssh_key_id":1}"#, 400, "{\"error\":\"repository branch can't be empty\"}\n"),
            (r#"{"name":"r","project_id":1,"git_branch":"main","ssh_key_id":1}"#, 400, "{\"error\":\"repository url can't be empty\"}\n"),
            (r#"{"name":"","project_id":1,"git_url":"/srv/r","ssh_key_id":1}"#, 400, "{\"error\":\"repository name can't be empty\"}\n"),
            (r#"{"name":"r","project_id":1,"git_url":"/srv/r","ssh_key_id":9}"#, 404, ""),
            (r#"{"name":"r","project_id":2,"git_url":"/srv/r","ssh_key_id":1}"#, 400, MISMATCH),
        ]).await;
        let listed = call(
            &server,
            &cookie,
            "GET",
            "/api/project/1/repositories?sort=git_url",
            "",
        )
        .await;
        let expected = if bolt { "remote,local" } else { "local,remote" };
        assert_eq!(
            names(&listed.json()),
            expected,
            "BoltDB does not sort repositories"
        );
        let by_key = call(
            &server,
            &cookie,
            "GET",
            "/api/project/1/repositories?sort=ssh_key",
            "",
        )
        .await;
        assert_eq!(
            by_key.status,
            if bolt { 200 } else { 400 },
            "SQL's join cannot be mapped"
        );
    }
}

#[tokio::test]
async fn inventories_answer_201_and_check_their_type_and_references() {
    for bolt in [false, true] {
        let (server, cookie) = with_project(bolt).await;
        let created = call(&server, &cookie, "POST", "/api/project/1/inventory",
            r#"{"name":"hosts","project_id":1,"inventory":"localhost","type":"static","ssh_key_id":1}"#).await;
        assert_eq!(created.status, 201);
        assert_eq!(
            created.json(),
            json!({"id": 1, "name": "hosts", "project_id": 1,
            "inventory": "localhost", "ssh_key_id": 1, "become_key_id": null, "type": "static",
            "holder_id": null, "repository_id": null})
        );
        let repository = if bolt { 201 } else { 400 };
        let repository_answer = if bolt { None } else { Some("") };
        check_posts(
            &server,
            &cookie,
            "inventory",
            &[
                (
                    r#"{"name":"i","project_id":1,"type":"tofu-workspace"}"#,
                    400,
                    "{\"error\":\"Not supported inventory type\"}\n",
                ),
                (
                    r#"{"name":"i","project_id":1,"type":""}"#,
                    400,
                    "{\"error\":\"Not supported inventory type\"}\n",
                ),
                (
                    r#"{"name":"i","project_id":2,"type":"static"}"#,
                    400,
                    MISMATCH,
                ),
                (
                    r#"{"name":"i","project_id":1,"type":"file","become_key_id":9}"#,
                    404,
                    "",
                ),
                (
                    r#"{"name":"i","project_id":1,"type":"file","holder_id":9}"#,
                    404,
                    "",
                ),
            ],
        )
        .await;
        let dangling = call(
            &server,
            &cookie,
            "POST",
            "/api/project/1/inventory",
            r#"{"name":"i","project_id":1,"type":"file","repository_id":9}"#,
        )
        .await;
        assert_eq!(dangling.status, repository, "a SQL foreign key");
        if let Some(answer) = repository_answer {
            assert_eq!(dangling.body, answer);
        }
    }
}

#[tokio::test]
async fn environments_need_a_name_and_json() {
    for bolt in [false, true] {
        let (server, cookie) = with_project(bolt).await;
        check_posts(&server, &cookie, "environment", &[
            (r#"{"name":"prod","project_id":1,"json":"{\"a\":1}","env":"{}","password":"vault"}"#, 204, ""),
            (r#"{"name":"e","project_id":1,"json":""}"#, 400, "{\"error\":\"Extra variables must be valid JSON\"}\n"),
            (r#"{"name":"e","project_id":1,"json":"{}","env":"x"}"#, 400, "{\"error\":\"Environment variables must be valid JSON\"}\n"),
            (r#"{"name":"","project_id":1,"json":"{}"}"#, 400, "{\"error\":\"Environment name can not be empty\"}\n"),
            (r#"{"name":"e","project_id":2,"json":"{}"}"#, 400, MISMATCH),
        ]).await;
        let listed = call(
            &server,
            &cookie,
            "GET",
            "/api/project/1/environment?sort=name&order=desc",
            "",
        )
        .await;
        let prod = json!({"id": 2, "name": "prod", "project_id": 1, "password": "vault",
            "json": "{\"a\":1}", "env": "{}", "secrets": null});
        assert_eq!(listed.json()[0], prod, "bolt: {bolt}");
        assert_eq!(names(&listed.json()), "prod,Empty");
    }
}
