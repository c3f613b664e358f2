//! `semaphore mcp`, driven by a real MCP client (rmcp's) against the stand-in: over stdio
//! (the binary as an assistant starts it) and over streamable HTTP (`--listen`).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

use rmcp::model::{CallToolRequestParams, CallToolResult, ClientConfig};
use rmcp::service::RunningService;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::TokioChildProcess;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::{RoleClient, ServiceExt};
use serde_json::{Value, json};

use semaphore_api::testkit::{StandIn, TaskScript};

use crate::harness::{Env, runtime, stand_in};
use crate::run::stand_in_template;

type Client = RunningService<RoleClient, ClientConfig>;

const READ_TOOLS: [&str; 5] = [
    "analyze_failure",
    "list",
    "server_info",
    "show",
    "task_output",
];
const WRITE_TOOLS: [&str; 5] = ["create", "delete", "run_template", "stop_task", "update"];

/// `semaphore mcp ARGS` started as an assistant starts it, with an MCP session open on its
/// stdin and stdout.
async fn connect(env: &Env, args: &[&str]) -> Client {
    let mut command = env.command(&[&["mcp"], args].concat());
    command.stderr(Stdio::null());
    let transport =
        TokioChildProcess::new(tokio::process::Command::from(command)).expect("the binary starts");
    ClientConfig::default()
        .serve(transport)
        .await
        .expect("the MCP session opens")
}

async fn tool_names(client: &Client) -> BTreeSet<String> {
    let tools = client.list_all_tools().await.expect("tools/list");
    tools.iter().map(|tool| tool.name.to_string()).collect()
}

async fn call(client: &Client, tool: &str, arguments: Value) -> CallToolResult {
    let Value::Object(arguments) = arguments else {
        panic!("arguments are an object");
    };
    client
        .call_tool(CallToolRequestParams::new(tool.to_owned()).with_arguments(arguments))
        .await
        .unwrap_or_else(|e| panic!("tools/call {tool}: {e}"))
}

/// A tool's result that must have succeeded, as JSON.
async fn ok(client: &Client, tool: &str, arguments: Value) -> Value {
    let result = call(client, tool, arguments).await;
    assert_ne!(result.is_error, Some(true), "{tool}: {result:?}");
    match result.structured_content {
        Some(value) => value,
        None => panic!("{tool} returns JSON: {:?}", result.content),
    }
}

/// A tool's result that must have failed, as its text.
async fn failed(client: &Client, tool: &str, arguments: Value) -> String {
    let result = call(client, tool, arguments).await;
    assert_eq!(
        result.is_error,
        Some(true),
        "{tool} should fail: {result:?}"
    );
    result
        .content
        .iter()
        .filter_map(|content| content.as_text().map(|text| text.text.clone()))
        .collect()
}

/// A project with a template whose tasks fail the way Ansible does, one task run.
fn failed_task(server: &StandIn) -> (Env, i64) {
    let (env, project, template) = stand_in_template(server, "Broken");
    server.script_template(
        project,
        template,
        TaskScript::fails([
            "TASK [Install nginx] ****",
            "fatal: [web1]: FAILED! => {\"changed\": false, \"msg\": \"No package matching 'ngnix'\"}",
            "PLAY RECAP *****",
            "web1 : ok=1 changed=0 unreachable=0 failed=1 skipped=0",
        ]),
    );
    let task = env
        .cmd(&["run", "Ping", "--wait", "--json"])
        .run()
        .code(1)
        .json();
    (env, task["id"].as_i64().expect("the task's id"))
}

#[test]
fn read_only_by_default_every_read_tool_answers_and_write_tools_are_not_there() {
    let server = stand_in();
    let (env, task) = failed_task(&server);
    // A schedule and a view as the real server lists them (the stand-in models neither).
    server.script_route(
        "GET",
        "/api/project/{project_id}/views",
        200,
        Some(json!([{"id": 1, "project_id": 1, "title": "Web", "position": 0}])),
    );
    server.script_route(
        "GET",
        "/api/project/{project_id}/schedules",
        200,
        Some(json!([{"id": 1, "project_id": 1, "template_id": 1, "name": "nightly", "cron_format": "0 3 * * *", "active": true}])),
    );
    runtime().block_on(async {
        let client = connect(&env, &[]).await;
        let info = client.peer_info().expect("the server introduced itself");
        assert_eq!(
            info.server_info.clone().expect("its name").name,
            "semaphore"
        );
        let instructions = info.instructions.clone().unwrap_or_default();
        assert!(instructions.contains("read-only"), "{instructions}");
        assert_eq!(
            tool_names(&client).await,
            READ_TOOLS.map(String::from).into()
        );

        // The schemas say what an assistant may send: the kinds are an enum.
        let tools = client.list_all_tools().await.unwrap();
        let list = tools.iter().find(|tool| tool.name == "list").unwrap();
        let schema = serde_json::to_string(&list.input_schema).unwrap();
        assert!(
            schema.contains("\"templates\"") && schema.contains("\"inventories\""),
            "{schema}"
        );
        assert!(list.annotations.as_ref().unwrap().read_only_hint == Some(true));

        let info = ok(&client, "server_info", json!({})).await;
        assert!(info["version"].is_string(), "{info}");

        let projects = ok(&client, "list", json!({"kind": "projects"})).await;
        assert!(
            projects["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["name"] == "Broken")
        );
        let templates = ok(
            &client,
            "list",
            json!({"kind": "templates", "filter": "pi"}),
        )
        .await;
        assert_eq!(templates["items"][0]["name"], "Ping", "{templates}");
        let template = ok(
            &client,
            "show",
            json!({"kind": "templates", "item": "Ping"}),
        )
        .await;
        assert_eq!(template["playbook"], "ping.yml");
        for kind in [
            "tasks",
            "inventories",
            "repositories",
            "environments",
            "keys",
            "schedules",
            "views",
        ] {
            let listed = ok(&client, "list", json!({"kind": kind})).await;
            assert!(listed["items"].is_array(), "{kind}: {listed}");
        }
        let shown = ok(
            &client,
            "show",
            json!({"kind": "tasks", "item": task.to_string()}),
        )
        .await;
        assert_eq!(shown["status"], "error");
        assert!(
            shown.get("secret").is_none(),
            "a task's secret never leaves: {shown}"
        );

        let output = ok(
            &client,
            "task_output",
            json!({"task": task, "pattern": "fatal"}),
        )
        .await;
        assert_eq!(output["matching_lines"], 1, "{output}");
        assert!(
            output["lines"][0]["text"]
                .as_str()
                .unwrap()
                .starts_with("fatal: [web1]")
        );
        let output = ok(&client, "task_output", json!({"task": task, "last": 2})).await;
        assert_eq!(output["lines"].as_array().unwrap().len(), 2);
        assert!(output["note"].as_str().unwrap().contains("the last 2 of"));

        let analysis = ok(&client, "analyze_failure", json!({"task": task})).await;
        let failure = &analysis["findings"]["failed_hosts"][0];
        assert_eq!(failure["host"], "web1", "{analysis}");
        assert_eq!(failure["task"], "Install nginx");
        assert_eq!(failure["message"], "No package matching 'ngnix'");
        assert_eq!(analysis["findings"]["recap"][0]["failed"], 1);
        assert_eq!(analysis["template"]["name"], "Ping");

        // A write tool does not exist here; a server error is a tool error with its message.
        let refused = client
            .call_tool(
                CallToolRequestParams::new("run_template")
                    .with_arguments(json!({"template": "Ping"}).as_object().unwrap().clone()),
            )
            .await;
        assert!(refused.is_err() || refused.unwrap().is_error == Some(true));
        let error = failed(
            &client,
            "show",
            json!({"kind": "templates", "item": "Nope"}),
        )
        .await;
        assert!(error.contains("no template \"Nope\""), "{error}");
        let error = failed(&client, "show", json!({"kind": "tasks", "item": "999"})).await;
        assert!(
            error.contains("could not read task 999: the server answered 400"),
            "{error}"
        );
        client.cancel().await.unwrap();
    });
}

#[test]
fn with_allow_write_templates_run_live_and_destructive_tools_need_confirm() {
    let server = stand_in();
    let (env, project, template) = stand_in_template(&server, "Writes");
    server.script_template(project, template, TaskScript::succeeds(["hello", "world"]));
    runtime().block_on(async {
        let client = connect(&env, &["--allow-write"]).await;
        let names = tool_names(&client).await;
        assert_eq!(names.len(), READ_TOOLS.len() + WRITE_TOOLS.len(), "{names:?}");
        assert!(WRITE_TOOLS.iter().all(|tool| names.contains(*tool)));

        let run = ok(&client, "run_template", json!({"template": "Ping", "options": {"limit": "web1"}})).await;
        assert_eq!((run["finished"].clone(), run["status"].clone()), (json!(true), json!("success")), "{run}");
        let lines: Vec<&str> = run["last_lines"].as_array().unwrap().iter().map(|l| l["text"].as_str().unwrap()).collect();
        assert!(lines.ends_with(&["hello", "world"]), "{lines:?}");
        let task = run["task_id"].as_i64().unwrap();
        let sent = server.task_run(task).expect("the stand-in ran it");
        assert_eq!(sent.limit.as_deref(), Some("web1"), "the options reach the server");

        // A task that never ends: the wait passes, the id comes back, and stopping it needs
        // confirm.
        server.script_template(project, template, TaskScript::never_ends(["still going"]));
        let run = ok(&client, "run_template", json!({"template": "Ping", "wait_seconds": 1})).await;
        assert_eq!(run["finished"], false, "{run}");
        let running = run["task_id"].as_i64().unwrap();
        let preview = ok(&client, "stop_task", json!({"task": running})).await;
        assert_eq!(preview["stopped"], false, "{preview}");
        let shown = ok(&client, "show", json!({"kind": "tasks", "item": running.to_string()})).await;
        assert_ne!(shown["status"], "stopped", "a preview stops nothing");
        let stopped = ok(&client, "stop_task", json!({"task": running, "confirm": true})).await;
        assert_eq!(stopped["stopped"], true);

        // A server's refusal is a tool error with the server's message.
        server.script_route(
            "POST",
            "/api/project/{project_id}/schedules",
            400,
            Some(json!({"error": "Cron: \u{1b}[31mexpected 5 fields"})),
        );
        let fields = json!({"name": "Bad", "template_id": template, "cron_format": "* *"});
        let error = failed(&client, "create", json!({"kind": "schedules", "fields": fields})).await;
        assert!(error.contains("could not create the schedule: the server answered 400 Bad Request"), "{error}");
        assert!(error.contains("expected 5 fields"), "{error}");
        assert!(!error.contains('\u{1b}'), "server text reaches the assistant without escapes: {error}");
        // Create, update, delete; the delete only with confirm.
        let created = ok(&client, "create", json!({"kind": "inventories", "fields": {"name": "web", "type": "static", "inventory": "web1\n"}})).await;
        assert_eq!(created["name"], "web", "{created}");
        let updated = ok(&client, "update", json!({"kind": "inventories", "item": "web", "fields": {"name": "webs"}})).await;
        assert_eq!((updated["name"].clone(), updated["inventory"].clone()), (json!("webs"), json!("web1\n")), "the rest is kept");
        let error = failed(&client, "update", json!({"kind": "inventories", "item": "webs", "fields": {"name": "webs"}})).await;
        assert!(error.contains("nothing to change"), "{error}");
        let preview = ok(&client, "delete", json!({"kind": "inventories", "item": "webs"})).await;
        assert_eq!(preview["deleted"], false);
        ok(&client, "show", json!({"kind": "inventories", "item": "webs"})).await;
        ok(&client, "delete", json!({"kind": "inventories", "item": "webs", "confirm": true})).await;
        failed(&client, "show", json!({"kind": "inventories", "item": "webs"})).await;
        client.cancel().await.unwrap();
    });
}

/// `semaphore mcp --listen 0 ARGS` with `vars`; the address it serves, read from stderr.
fn listen(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> (std::process::Child, String) {
    let mut command = env.command(&[&["mcp", "--listen", "0"], args].concat());
    for (key, value) in vars {
        command.env(key, value);
    }
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .rsplit(' ')
        .next()
        .filter(|url| url.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("the address on stderr: {line:?}"))
        .to_owned();
    (child, url)
}

async fn connect_http(url: &str, token: &str) -> Result<Client, String> {
    let config = StreamableHttpClientTransportConfig::with_uri(url.to_owned()).auth_header(token);
    ClientConfig::default()
        .serve(StreamableHttpClientTransport::from_config(config))
        .await
        .map_err(|e| e.to_string())
}

#[test]
fn over_http_a_token_of_its_own_or_the_callers_forwarded() {
    let server = stand_in();
    let (env, _, _) = stand_in_template(&server, "Http");
    // Without a token of its own, --listen refuses to start.
    let out = env.cmd(&["mcp", "--listen", "0"]).run();
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("SEMAPHORE_MCP_TOKEN"), "{}", out.stderr);

    let (mut child, url) = listen(&env, &[], &[("SEMAPHORE_MCP_TOKEN", "mcp-token-1")]);
    runtime().block_on(async {
        let refused = reqwest_status(&url, None).await;
        assert_eq!(refused, 401);
        assert_eq!(reqwest_status(&url, Some("wrong")).await, 401);
        assert!(connect_http(&url, "wrong").await.is_err());
        let client = connect_http(&url, "mcp-token-1")
            .await
            .expect("the right token");
        let templates = ok(&client, "list", json!({"kind": "templates"})).await;
        assert_eq!(templates["items"][0]["name"], "Ping");
        client.cancel().await.unwrap();
    });
    child.kill().unwrap();
    child.wait().unwrap();

    // Forwarded: the caller's Semaphore token is the one used; a bad one is Semaphore's 401.
    let token = env.stored_token();
    let anonymous = Env::new()
        .var("SEMAPHORE_URL", &server.url())
        .var("SEMAPHORE_PROJECT", "Http");
    let (mut child, url) = listen(&anonymous, &["--forward-token"], &[]);
    runtime().block_on(async {
        let client = connect_http(&url, &token)
            .await
            .expect("any bearer token opens");
        let templates = ok(&client, "list", json!({"kind": "templates"})).await;
        assert_eq!(templates["items"][0]["name"], "Ping");
        client.cancel().await.unwrap();
        let client = connect_http(&url, "not-a-semaphore-token").await.unwrap();
        let error = failed(&client, "list", json!({"kind": "projects"})).await;
        assert!(error.contains("401"), "{error}");
        assert!(!error.contains("not-a-semaphore-token"), "{error}");
        client.cancel().await.unwrap();
    });
    child.kill().unwrap();
    child.wait().unwrap();
}

/// The status of a POST to the MCP endpoint, with a bearer token or none.
async fn reqwest_status(url: &str, token: Option<&str>) -> u16 {
    let mut request = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream")
        .body(r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request
        .send()
        .await
        .expect("the server answers")
        .status()
        .as_u16()
}

/// The official MCP Inspector's command-line mode (npm's `@modelcontextprotocol/inspector`),
/// installed under `target/` on first use; `None`, said on stderr, where npm is missing or the
/// registry cannot be reached.
fn inspector() -> Option<std::path::PathBuf> {
    let prefix = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("mcp-inspector");
    let bin = prefix.join("node_modules/.bin/mcp-inspector");
    if bin.exists() {
        return Some(bin);
    }
    let installed = std::process::Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg("@modelcontextprotocol/inspector@2.12.0")
        .output();
    match installed {
        Ok(out) if out.status.success() && bin.exists() => Some(bin),
        Ok(out) => {
            eprintln!(
                "skipped: npm could not install the MCP Inspector: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            None
        }
        Err(e) => {
            eprintln!("skipped: no npm to install the MCP Inspector: {e}");
            None
        }
    }
}

#[test]
fn the_official_inspector_lists_and_calls_the_tools() {
    let Some(inspector) = inspector() else {
        return;
    };
    let server = stand_in();
    let (env, project, _) = stand_in_template(&server, "Inspected");
    let run = |args: &[&str]| {
        let home = env.home.path().display().to_string();
        let xdg = env.home.path().join("xdg").display().to_string();
        let out = std::process::Command::new(&inspector)
            // The server first: the options that take several values would take it too.
            .args(["--cli", env!("CARGO_BIN_EXE_semaphore"), "mcp"])
            .args(["-e", &format!("HOME={home}")])
            .args(["-e", &format!("XDG_CONFIG_HOME={xdg}")])
            .args(["-e", &format!("SEMAPHORE_PROJECT={project}")])
            .args(args)
            .output()
            .expect("the inspector runs");
        assert!(out.status.success(), "{out:?}");
        serde_json::from_slice::<Value>(&out.stdout)
            .unwrap_or_else(|e| panic!("the inspector prints JSON ({e}): {out:?}"))
    };
    let tools = run(&["--method", "tools/list"]);
    let names: BTreeSet<&str> = tools["tools"]
        .as_array()
        .expect("a list of tools")
        .iter()
        .map(|tool| tool["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, READ_TOOLS.into());
    let listed = run(&[
        "--method",
        "tools/call",
        "--tool-name",
        "list",
        "--tool-arg",
        "kind=templates",
    ]);
    let text = listed.to_string();
    assert!(text.contains("Ping"), "{text}");
}

/// A git repository with a playbook that prints a known line, for the real server to run.
fn playbook_repository(home: &std::path::Path) -> String {
    let dir = home.join("playbooks");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("hello.yml"),
        "- hosts: all\n  gather_facts: false\n  tasks:\n    - name: say hello\n      \
         ansible.builtin.debug:\n        msg: \"mcp says hello\"\n",
    )
    .unwrap();
    for args in [
        &["init", "-q", "-b", "main"][..],
        &["add", "."],
        &[
            "-c",
            "user.name=mcp",
            "-c",
            "user.email=mcp@example.com",
            "commit",
            "-q",
            "-m",
            "playbook",
        ],
    ] {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(&dir)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }
    dir.display().to_string()
}

/// On a real server (`SEMAPHORE_URL`, an administrator's `SEMAPHORE_USER` and
/// `SEMAPHORE_PASSWORD`, `admin` / `changeme` by default): a playbook run through
/// `run_template`, its output returned.
#[test]
fn on_the_real_server_a_playbook_runs_through_run_template() {
    let Ok(url) = std::env::var("SEMAPHORE_URL") else {
        eprintln!("mcp: SEMAPHORE_URL is not set, so no real server is checked (skipped)");
        return;
    };
    let user = std::env::var("SEMAPHORE_USER").unwrap_or_else(|_| "admin".into());
    let password = std::env::var("SEMAPHORE_PASSWORD").unwrap_or_else(|_| "changeme".into());
    let env = Env::new();
    env.cmd(&["login", "--url", &url, "--user", &user, "--password-stdin"])
        .stdin(&password)
        .run()
        .ok();
    let repo = playbook_repository(env.home.path());
    let name = format!("mcp-{}", std::process::id());
    let project = env
        .cmd(&["projects", "create", "--name", &name, "--json"])
        .run()
        .ok()
        .json();
    let env = env.var("SEMAPHORE_PROJECT", &project["id"].to_string());
    let created =
        |args: &[&str]| env.cmd(&[args, &["--json"]].concat()).run().ok().json()["id"].to_string();
    let keys = env.cmd(&["keys", "list", "--json"]).run().ok().json();
    let key = keys[0]["id"].to_string();
    let repository = created(&[
        "repositories",
        "create",
        "--name",
        "local",
        "--git-url",
        &repo,
        "--key",
        &key,
    ]);
    let inventory = created(&[
        "inventories",
        "create",
        "--name",
        "local",
        "--inventory",
        "localhost ansible_connection=local",
    ]);
    let environment = created(&["environments", "create", "--name", "none"]);
    created(&[
        "templates",
        "create",
        "--name",
        "Hello",
        "--playbook",
        "hello.yml",
        "--repository",
        &repository,
        "--inventory",
        &inventory,
        "--environment",
        &environment,
    ]);
    runtime().block_on(async {
        let client = connect(&env, &["--allow-write"]).await;
        let run = ok(
            &client,
            "run_template",
            json!({"template": "Hello", "wait_seconds": 300}),
        )
        .await;
        assert_eq!(run["status"], "success", "{run}");
        let text = run["last_lines"].to_string();
        assert!(text.contains("mcp says hello"), "{run}");
        let output = ok(
            &client,
            "task_output",
            json!({"task": run["task_id"], "pattern": "mcp says"}),
        )
        .await;
        assert!(output["matching_lines"].as_u64() >= Some(1), "{output}");
        println!(
            "mcp on the real server: task {} ran, {} lines of output",
            run["task_id"], run["output_lines"]
        );
        client.cancel().await.unwrap();
    });
    env.cmd(&["projects", "delete", &project["id"].to_string(), "--yes"])
        .run()
        .ok();
}
