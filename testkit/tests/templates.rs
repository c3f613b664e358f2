//! Templates: what `POST` checks and in which order, what it answers, what lists and single
//! answers show, and where the two flavours differ.

mod support;

use semaphore_api_testkit::StandIn;
use serde_json::{Value, json};
use support::{Reply, call, session_cookie};

const TEMPLATES: &str = "/api/project/1/templates";

/// A stand-in with project 1, an inventory (1) and a repository (1) in it, and the cookie.
async fn with_project(bolt: bool) -> (StandIn, String) {
    let server = StandIn::builder()
        .bolt_db_backend(bolt)
        .start()
        .await
        .unwrap();
    let cookie = session_cookie(&server).await;
    let steps = [
        ("/api/projects", r#"{"name":"p"}"#, 201),
        (
            "/api/project/1/inventory",
            r#"{"name":"inv","project_id":1,"inventory":"localhost","type":"static"}"#,
            201,
        ),
        (
            "/api/project/1/repositories",
            r#"{"name":"repo","project_id":1,"git_url":"/srv/repo","ssh_key_id":1}"#,
            204,
        ),
    ];
    for (path, body, status) in steps {
        let reply = call(&server, &cookie, "POST", path, body).await;
        assert_eq!(reply.status, status, "{path}: {}", reply.body);
    }
    (server, cookie)
}

async fn post(server: &StandIn, cookie: &str, body: &str) -> Reply {
    call(server, cookie, "POST", TEMPLATES, body).await
}

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn templates_are_checked_in_the_servers_order() {
    let (server, cookie) = with_project(false).await;
    for (body, message) in [
        // An ansible template needs an inventory, before anything else is checked.
        (
            r#"{"app":"ansible"}"#,
            "template inventory can not be empty",
        ),
        (
            r#"{"app":"ansible","inventory_id":null,"name":"a","playbook":"a.yml"}"#,
            "template inventory can not be empty",
        ),
        (
            r#"{"app":"ansible","inventory_id":1,"playbook":"a.yml"}"#,
            "template name can not be empty",
        ),
        ("null", "template name can not be empty"),
        (
            r#"{"app":"bash","name":"a"}"#,
            "template playbook can not be empty",
        ),
        (
            r#"{"app":"ansible","inventory_id":1,"name":"a"}"#,
            "template playbook can not be empty",
        ),
        (
            r#"{"app":"bash","name":"a","playbook":"a.sh","arguments":""}"#,
            "template arguments must be valid JSON",
        ),
        (
            r#"{"app":"bash","name":"a","playbook":"a.sh","arguments":"[1"}"#,
            "template arguments must be valid JSON",
        ),
    ] {
        let reply = post(&server, &cookie, body).await;
        assert_eq!(reply.status, 400, "{body}");
        assert_eq!(reply.json(), json!({ "error": message }), "{body}");
    }
    // Bodies Go cannot decode into a template: a bare 400.
    for body in [
        "",
        "[]",
        r#"{"inventory_id":"1"}"#,
        r#"{"survey_vars":{}}"#,
        r#"{"vaults":[{"name":1}]}"#,
    ] {
        let reply = post(&server, &cookie, body).await;
        assert_eq!((reply.status, reply.body.as_str()), (400, ""), "{body}");
    }
    let listed = call(&server, &cookie, "GET", TEMPLATES, "").await;
    assert_eq!(listed.body, "[]\n", "a refused template was stored");
}

#[tokio::test]
async fn an_unknown_app_is_a_400_that_leaves_the_template_created() {
    let (server, cookie) = with_project(false).await;
    for app in ["", "pulumi", "Ansible"] {
        let body = json!({"name": format!("app {app}"), "playbook": "p.yml", "app": app,
            "repository_id": 1});
        let reply = post(&server, &cookie, &body.to_string()).await;
        assert_eq!(reply.status, 400, "{app:?}");
        assert_eq!(
            reply.json(),
            json!({ "error": format!("Invalid app id: {app}") })
        );
    }
    for app in [
        "ansible",
        "terraform",
        "tofu",
        "bash",
        "powershell",
        "python",
    ] {
        let body = json!({"name": app, "playbook": "p", "app": app, "inventory_id": 1,
            "repository_id": 1});
        let reply = post(&server, &cookie, &body.to_string()).await;
        assert_eq!(reply.status, 201, "{app}: {}", reply.body);
    }
    let listed = call(&server, &cookie, "GET", TEMPLATES, "").await.json();
    let expected = [
        "ansible",
        "app ",
        "app Ansible",
        "app pulumi",
        "bash",
        "powershell",
    ];
    assert_eq!(names(&listed)[..6], expected);
}

/// The real server's answer to `{"name":"a","playbook":"a.yml","app":"ansible",
/// "inventory_id":1,"repository_id":1}`, but for `vaults` (`null` echoed by SQL, `[]` from
/// BoltDB).
fn created_a(vaults: Value) -> Value {
    json!({"id": 1, "project_id": 1, "inventory_id": 1, "repository_id": 1,
        "environment_id": null, "name": "a", "playbook": "a.yml", "arguments": null,
        "allow_override_args_in_task": false, "description": null, "vaults": vaults,
        "type": "", "start_version": null, "build_template_id": null, "view_id": null,
        "last_task": null, "autorun": false, "git_branch": null, "survey_vars": null,
        "suppress_success_alerts": false, "app": "ansible", "tasks": 0})
}

#[tokio::test]
async fn a_created_template_has_every_field_of_the_real_server() {
    for (bolt, vaults) in [(false, Value::Null), (true, json!([]))] {
        let (server, cookie) = with_project(bolt).await;
        // The body's project is ignored: the path's is used.
        let body = r#"{"name":"a","playbook":"a.yml","app":"ansible","inventory_id":1,
            "repository_id":1,"project_id":77}"#;
        let reply = post(&server, &cookie, body).await;
        assert_eq!(reply.status, 201);
        assert_eq!(reply.json(), created_a(vaults), "bolt: {bolt}");
        assert!(reply.body.ends_with("}\n"));
        let single = call(&server, &cookie, "GET", &format!("{TEMPLATES}/1"), "").await;
        assert_eq!(single.json(), created_a(json!([])), "bolt: {bolt}");
        let listed = call(&server, &cookie, "GET", TEMPLATES, "").await;
        assert_eq!(
            listed.json(),
            json!([created_a(Value::Null)]),
            "bolt: {bolt}"
        );
    }
}

#[tokio::test]
async fn lists_leave_out_what_the_sql_list_query_leaves_out() {
    let body = r#"{"name":"full","playbook":"f.yml","app":"python","arguments":"[\"-v\"]",
        "description":"d","autorun":true,"suppress_success_alerts":true,"git_branch":"main",
        "type":"build","start_version":"1.0","repository_id":1,"tasks":7,"last_task":{"id":3},
        "survey_vars":[{"name":"v","title":"V","values":[{"name":"n"}]}],
        "vaults":[{"vault_key_id":1,"name":"vault"}]}"#;
    let survey = json!([{"name": "v", "title": "V", "required": false, "type": "",
        "description": "", "values": [{"name": "n", "value": ""}]}]);
    for bolt in [false, true] {
        let (server, cookie) = with_project(bolt).await;
        let created = post(&server, &cookie, body).await.json();
        // Answered as decoded: the last task and the task count as sent.
        assert_eq!(
            (&created["last_task"], &created["tasks"]),
            (&json!({"id": 3}), &json!(7))
        );
        assert_eq!(created["survey_vars"], survey);
        let vault =
            json!({"id": 1, "project_id": 1, "template_id": 1, "vault_key_id": 1, "name": "vault"});
        let echoed = match bolt {
            true => vault.clone(),
            false => {
                json!({"id": 0, "project_id": 0, "template_id": 0, "vault_key_id": 1, "name": "vault"})
            }
        };
        assert_eq!(created["vaults"], json!([echoed]), "bolt: {bolt}");

        let single = call(&server, &cookie, "GET", &format!("{TEMPLATES}/1"), "")
            .await
            .json();
        assert_eq!(single["vaults"], json!([vault]));
        assert_eq!(
            (&single["autorun"], &single["last_task"]),
            (&json!(true), &Value::Null)
        );
        assert_eq!(
            single["tasks"],
            if bolt { 7 } else { 0 },
            "SQL keeps no task count"
        );
        assert_eq!(single["survey_vars"], survey);

        let listed = call(&server, &cookie, "GET", TEMPLATES, "").await.json();
        let listed = &listed[0];
        assert_eq!(
            listed.get("vaults"),
            Some(&Value::Null),
            "lists answer `vaults: null`"
        );
        let (autorun, survey_vars) = match bolt {
            true => (json!(true), survey.clone()),
            false => (json!(false), Value::Null),
        };
        assert_eq!(
            (
                &listed["autorun"],
                &listed["suppress_success_alerts"],
                &listed["survey_vars"]
            ),
            (&autorun, &autorun, &survey_vars),
            "bolt: {bolt}"
        );
    }
}

#[tokio::test]
async fn sql_foreign_keys_refuse_what_bolt_db_accepts() {
    for (body, sql_status) in [
        (r#"{"name":"r","playbook":"p","app":"bash"}"#, 400),
        (
            r#"{"name":"r","playbook":"p","app":"bash","repository_id":9}"#,
            400,
        ),
        (
            r#"{"name":"i","playbook":"p","app":"bash","repository_id":1,"inventory_id":9}"#,
            400,
        ),
        (
            r#"{"name":"e","playbook":"p","app":"bash","repository_id":1,"environment_id":9}"#,
            400,
        ),
        (
            r#"{"name":"v","playbook":"p","app":"bash","repository_id":1,"view_id":1}"#,
            400,
        ),
        (
            r#"{"name":"b","playbook":"p","app":"bash","repository_id":1,"build_template_id":9}"#,
            400,
        ),
        (
            r#"{"name":"k","playbook":"p","app":"bash","repository_id":1,"vaults":[{"vault_key_id":9}]}"#,
            400,
        ),
        (
            r#"{"name":"ok","playbook":"p","app":"bash","repository_id":1,"environment_id":1}"#,
            201,
        ),
    ] {
        let (sql, cookie) = with_project(false).await;
        let reply = post(&sql, &cookie, body).await;
        assert_eq!(
            (reply.status, reply.body.is_empty()),
            (sql_status, sql_status == 400),
            "{body}"
        );
        let (bolt, cookie) = with_project(true).await;
        let reply = post(&bolt, &cookie, body).await;
        let bolt_status = if body.contains("vault_key_id") {
            404
        } else {
            201
        };
        assert_eq!(reply.status, bolt_status, "bolt: {body}");
    }
    // A failed SQL insert still draws its id.
    let (sql, cookie) = with_project(false).await;
    post(&sql, &cookie, r#"{"name":"r","playbook":"p","app":"bash"}"#).await;
    let created = post(
        &sql,
        &cookie,
        r#"{"name":"ok","playbook":"p","app":"bash","repository_id":1}"#,
    )
    .await;
    assert_eq!(created.json()["id"], 2);
}

#[tokio::test]
async fn terraform_templates_hold_a_workspace_inventory() {
    for bolt in [false, true] {
        let (server, cookie) = with_project(bolt).await;
        let own = post(
            &server,
            &cookie,
            r#"{"name":"tf","app":"terraform","repository_id":1}"#,
        )
        .await;
        assert_eq!(own.status, 201, "no playbook needed: {}", own.body);
        assert_eq!(own.json()["inventory_id"], 2);
        let given = r#"{"name":"tofu","app":"tofu","inventory_id":1,"repository_id":1}"#;
        assert_eq!(
            post(&server, &cookie, given).await.json()["inventory_id"],
            1
        );
        let inventories = call(&server, &cookie, "GET", "/api/project/1/inventory", "")
            .await
            .json();
        let workspace = json!({"id": 2, "name": "tf - default", "project_id": 1,
            "inventory": "default", "ssh_key_id": null, "become_key_id": null,
            "type": "terraform-workspace", "holder_id": 1, "repository_id": null});
        assert_eq!(inventories[1], workspace, "bolt: {bolt}");
        assert_eq!(
            inventories[0]["holder_id"], 2,
            "the given inventory is now held"
        );
        let single = call(&server, &cookie, "GET", &format!("{TEMPLATES}/1"), "")
            .await
            .json();
        assert_eq!(single["inventory_id"], 2);
    }
    // An inventory of another project: 404, but the template stays (BoltDB has no foreign key
    // to stop it before).
    let (bolt, cookie) = with_project(true).await;
    let reply = post(
        &bolt,
        &cookie,
        r#"{"name":"x","app":"terraform","inventory_id":9}"#,
    )
    .await;
    assert_eq!((reply.status, reply.body.as_str()), (404, ""));
    let listed = call(&bolt, &cookie, "GET", TEMPLATES, "").await.json();
    assert_eq!(names(&listed), ["x"]);
}

#[tokio::test]
async fn templates_sort_like_each_flavour() {
    for bolt in [false, true] {
        let (server, cookie) = with_project(bolt).await;
        let env = r#"{"name":"a-env","project_id":1,"json":"{}"}"#;
        call(&server, &cookie, "POST", "/api/project/1/environment", env).await;
        for (name, playbook, environment) in
            [("b", "z.yml", 1), ("a", "y.yml", 2), ("C", "x.yml", 1)]
        {
            let body = json!({"name": name, "playbook": playbook, "app": "bash",
                "repository_id": 1, "environment_id": environment});
            assert_eq!(post(&server, &cookie, &body.to_string()).await.status, 201);
        }
        let expectations = match bolt {
            // BoltDB sorts by name only, and only when asked to.
            true => [
                ("", "baC"),
                ("?sort=name", "Cab"),
                ("?sort=name&order=desc", "baC"),
                ("?sort=playbook", "baC"),
                ("?order=desc", "baC"),
                ("?sort=environment", "baC"),
            ],
            // SQL sorts by name by default, bytes compared; `environment` by its name.
            false => [
                ("", "Cab"),
                ("?sort=name", "Cab"),
                ("?sort=name&order=desc", "baC"),
                ("?sort=playbook", "Cab"),
                ("?order=desc", "baC"),
                ("?sort=environment", "bCa"),
            ],
        };
        for (query, expected) in expectations {
            let listed = call(&server, &cookie, "GET", &format!("{TEMPLATES}{query}"), "").await;
            assert_eq!(
                names(&listed.json()).concat(),
                expected,
                "{query} bolt: {bolt}"
            );
        }
    }
}
