//! Every model decodes from the spec's example or from an answer the real server gives
//! (with its `null`s and extra fields), and request models encode what the server reads.

use semaphore_api::*;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn decode<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{}: {e}\n{value:#}", std::any::type_name::<T>()))
}

fn encode<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

#[test]
fn every_model_decodes_from_an_empty_object() {
    fn empty<T: DeserializeOwned + Default + PartialEq + std::fmt::Debug>() {
        assert_eq!(decode::<T>(json!({})), T::default());
    }
    empty::<AccessKey>();
    empty::<ApiToken>();
    empty::<Environment>();
    empty::<Event>();
    empty::<InfoType>();
    empty::<Integration>();
    empty::<IntegrationExtractValue>();
    empty::<IntegrationMatcher>();
    empty::<Inventory>();
    empty::<Login>();
    empty::<LoginMetadata>();
    empty::<Project>();
    empty::<ProjectBackup>();
    empty::<ProjectUser>();
    empty::<Repository>();
    empty::<Runner>();
    empty::<Schedule>();
    empty::<Task>();
    empty::<TaskOutput>();
    empty::<Template>();
    empty::<TemplateSurveyVar>();
    empty::<TemplateVault>();
    empty::<User>();
    empty::<View>();
    empty::<App>();
    empty::<Activation>();
    empty::<ServerOption>();
    empty::<RunnerRegistration>();
    empty::<RunnerToken>();
    empty::<RunnerState>();
    empty::<JobState>();
    empty::<JobData>();
    empty::<RunnerProgress>();
    empty::<JobProgress>();
    empty::<LogRecord>();
    empty::<GlobalTask>();
}

/// A request body read from JSON (a file, a script's input) names every field the server
/// requires, as its constructor does: `{}` is refused with the missing field's name, and the
/// required fields alone give what the constructor gives.
#[test]
fn request_models_refuse_to_decode_without_their_required_fields() {
    fn required<T: DeserializeOwned + PartialEq + std::fmt::Debug>(
        first_missing: &str,
        minimal: Value,
        built: T,
    ) {
        let name = std::any::type_name::<T>();
        let error = serde_json::from_value::<T>(json!({}))
            .expect_err(name)
            .to_string();
        assert!(
            error.contains(&format!("missing field `{first_missing}`")),
            "{name}: {error}"
        );
        assert_eq!(decode::<T>(minimal), built, "{name}");
    }
    required(
        "name",
        json!({"name": "k", "type": "none"}),
        AccessKeyRequest::none("k"),
    );
    required(
        "name",
        json!({"name": "prod", "json": "{}"}),
        EnvironmentRequest::new("prod"),
    );
    required(
        "name",
        json!({"name": "v", "value_source": "body", "body_data_type": "json", "key": "a.b", "variable": "x"}),
        IntegrationExtractValueRequest::from_json_body("v", "a.b", "x"),
    );
    required(
        "name",
        json!({"name": "m", "match_type": "header", "key": "X-Event", "value": "push", "method": "equals"}),
        IntegrationMatcherRequest::on_header(
            "m",
            "X-Event",
            IntegrationMatchMethod::Equals,
            "push",
        ),
    );
    required(
        "name",
        json!({"name": "i", "template_id": 3}),
        IntegrationRequest::new("i", TemplateId(3)),
    );
    required(
        "name",
        json!({"name": "web", "inventory": "h1", "type": "static"}),
        InventoryRequest::new("web", InventoryType::Static, "h1"),
    );
    required("name", json!({"name": "p"}), ProjectRequest::new("p"));
    required(
        "name",
        json!({"name": "r", "git_url": "/srv/r", "git_branch": "", "ssh_key_id": 2}),
        RepositoryRequest::new("r", "/srv/r", "", KeyId(2)),
    );
    required(
        "template_id",
        json!({"template_id": 4, "cron_format": "* * * * *"}),
        ScheduleRequest::new(TemplateId(4), "* * * * *"),
    );
    required(
        "repository_id",
        json!({"repository_id": 1, "name": "t", "playbook": "p.yml", "app": "ansible", "inventory_id": 2}),
        TemplateRequest::ansible("t", "p.yml", RepositoryId(1), InventoryId(2)),
    );
    required(
        "template_id",
        json!({"template_id": 5}),
        TaskRequest::new(TemplateId(5)),
    );
    required(
        "username",
        json!({"username": "u", "name": "U", "email": "u@x", "password": "pw"}),
        UserRequest::new("u", "U", "u@x", "pw"),
    );
    required("title", json!({"title": "Ops"}), ViewRequest::new("Ops"));
    required(
        "title",
        json!({"title": "Deno", "path": "/usr/bin/deno", "active": true}),
        AppRequest::new("Deno", "/usr/bin/deno"),
    );
    required("name", json!({"name": "box"}), RunnerRequest::new("box"));
}

#[test]
fn user() {
    let user: User = decode(json!({
        "id": 2, "created": "2024-10-25T10:11:12Z", "username": "test-user",
        "name": "Integration Test User", "email": "test@ansiblesemaphore.test",
        "admin": false, "external": false, "alert": true, "pro": false
    }));
    assert_eq!(user.id, UserId(2));
    assert_eq!(user.username, "test-user");
    assert_eq!(user.email, "test@ansiblesemaphore.test");
    assert!(user.alert && !user.admin && !user.external);
}

#[test]
fn user_requests() {
    let request: UserRequest = decode(json!({
        "name": "Integration Test User", "username": "test-user",
        "email": "test@ansiblesemaphore.test", "alert": false, "admin": true,
        "password": "s3cret"
    }));
    assert!(request.admin);
    assert_eq!(encode(&request)["password"], "s3cret");
    assert!(!format!("{request:?}").contains("s3cret"));
    // Without a password (or with an empty one) a local user is refused before sending: the
    // server would let anyone log in as them with an empty password.
    for password in [None, Some(Secret::new(""))] {
        let no_password = UserRequest {
            password,
            ..request.clone()
        };
        let err = serde_json::to_value(&no_password).unwrap_err().to_string();
        assert!(err.contains("needs a password"), "{err}");
    }
    let external = UserRequest::external("sso", "SSO User", "sso@example.com");
    assert_eq!(encode(&external).get("password"), None);
    assert_eq!(encode(&external)["external"], true);
    let err = serde_json::to_value(UserPasswordRequest::new("")).unwrap_err();
    assert!(err.to_string().contains("empty password"), "{err}");

    let put: UserPutRequest = decode(json!({
        "name": "Integration Test User2", "username": "test-user2",
        "email": "test2@ansiblesemaphore.test", "alert": true, "admin": false
    }));
    assert_eq!(put.username, "test-user2");

    let password = UserPasswordRequest::new("hunter2");
    assert_eq!(encode(&password), json!({"password": "hunter2"}));
    assert!(!format!("{password:?}").contains("hunter2"));
}

#[test]
fn project_and_members() {
    let project: Project = decode(json!({
        "id": 1, "name": "Test", "created": "2024-10-25T10:11:12Z", "alert": false,
        "alert_chat": null, "max_parallel_tasks": 0, "type": ""
    }));
    assert_eq!(project.id, ProjectId(1));
    assert_eq!(project.alert_chat, None);
    let project: Project = decode(json!({"id": 1, "name": "Test", "alert_chat": "Test"}));
    assert_eq!(project.alert_chat.as_deref(), Some("Test"));

    let request: ProjectRequest = decode(json!({
        "name": "Test", "alert": true, "alert_chat": "Test", "max_parallel_tasks": 2
    }));
    assert_eq!(request.max_parallel_tasks, 2);

    let member: ProjectUser = decode(json!({
        "id": 2, "name": "Bob", "username": "bob", "email": "bob@example.com", "role": "task_runner"
    }));
    assert_eq!(member.role, ProjectRole::TaskRunner);
    let member: ProjectUser = decode(json!({"id": 3, "role": "auditor"}));
    assert_eq!(member.role, ProjectRole::Other("auditor".into()));
    assert_eq!(encode(&member)["role"], "auditor");

    let link = ProjectUserRequest {
        user_id: UserId(2),
        role: ProjectRole::Manager,
    };
    assert_eq!(encode(&link), json!({"user_id": 2, "role": "manager"}));
    let role = ProjectUserRoleRequest {
        role: ProjectRole::Guest,
    };
    assert_eq!(encode(&role), json!({"role": "guest"}));

    let permissions: ProjectPermissions = decode(json!({"role": "owner", "permissions": 0}));
    assert_eq!(permissions.role, ProjectRole::Owner);
}

/// The spec's own example of a backup.
#[test]
fn project_backup_from_the_spec_example() {
    let backup: ProjectBackup = decode(
        json!({"meta":{"name":"homelab","alert":true,"alert_chat":"Test","max_parallel_tasks":0},"templates":[{"inventory":"Build","repository":"Demo","environment":"Empty","name":"Build","playbook":"build.yml","arguments":"[]","allow_override_args_in_task":false,"description":"Build Job","vault_key":null,"type":"build","start_version":"1.0.0","build_template":null,"view":"Build","autorun":false,"survey_vars":[],"suppress_success_alerts":false,"cron":"* * * * *"}],"repositories":[{"name":"Demo","git_url":"https://github.com/semaphoreui/demo-project.git","git_branch":"main","ssh_key":"None"}],"keys":[{"name":"None","type":"none"},{"name":"Vault Password","type":"login_password"}],"views":[{"title":"Build","position":0}],"inventories":[{"name":"Build","inventory":"","ssh_key":"None","become_key":"None","type":"static"},{"name":"Dev","inventory":"","ssh_key":"None","become_key":"None","type":"file"},{"name":"Prod","inventory":"","ssh_key":"None","become_key":"None","type":"file"}],"environments":[{"name":"Empty","password":null,"json":"{}","env":null}]}),
    );
    assert_eq!(backup.meta.name, "homelab");
    assert_eq!(backup.meta.alert_chat.as_deref(), Some("Test"));
    let template = &backup.templates[0];
    assert_eq!(template.r#type, TemplateType::Build);
    assert_eq!(template.start_version.as_deref(), Some("1.0.0"));
    assert_eq!(template.build_template, None);
    assert_eq!(template.cron.as_deref(), Some("* * * * *"));
    assert!(template.survey_vars.is_empty());
    assert_eq!(backup.repositories[0].ssh_key, "None");
    assert_eq!(backup.keys[1].r#type, AccessKeyType::LoginPassword);
    assert_eq!(backup.views[0].title, "Build");
    assert_eq!(
        backup
            .inventories
            .iter()
            .map(|i| i.r#type.clone())
            .collect::<Vec<_>>(),
        [
            InventoryType::Static,
            InventoryType::File,
            InventoryType::File
        ]
    );
    assert_eq!(backup.environments[0].password, None);
    assert_eq!(backup.environments[0].json, "{}");
    // What goes back to `projects_restore_post` decodes to the same backup.
    assert_eq!(decode::<ProjectBackup>(encode(&backup)), backup);
}

#[test]
fn access_keys() {
    let key: AccessKey = decode(json!({
        "id": 3, "name": "deploy", "type": "ssh", "project_id": 1,
        "login_password": {"login": "", "password": ""},
        "ssh": {"login": "user", "passphrase": "", "private_key": ""},
        "override_secret": false, "storage_id": null, "source_storage_key": null
    }));
    assert_eq!(key.r#type, AccessKeyType::Ssh);
    assert_eq!(key.project_id, Some(ProjectId(1)));
    assert_eq!(key.ssh.login, "user");
    let key: AccessKey = decode(json!({"id": 4, "type": "login_password", "project_id": null}));
    assert_eq!(key.r#type, AccessKeyType::LoginPassword);
    assert_eq!(key.project_id, None);
    let key: AccessKey = decode(json!({"id": 5, "type": "gpg"}));
    assert_eq!(key.r#type, AccessKeyType::Other("gpg".into()));

    let request: AccessKeyRequest = decode(json!({
        "name": "None", "type": "login_password", "project_id": 2,
        "login_password": {"password": "password", "login": "username"},
        "ssh": {"login": "user", "private_key": "private key"}
    }));
    assert_eq!(request.login_password.password.expose_secret(), "password");
    assert_eq!(request.ssh.private_key.expose_secret(), "private key");
    let debug = format!("{request:?}");
    assert!(
        !debug.contains("\"password\"") && !debug.contains("private key"),
        "{debug}"
    );
    // The model names no project: the spec's `project_id` is kept with the fields it does
    // not name, and the path's value replaces it when the request is sent.
    assert_eq!(
        encode(&request),
        json!({
            "name": "None", "type": "login_password", "login_password": {"login": "username", "password": "password"},
            "ssh": {"login": "user", "passphrase": "", "private_key": "private key"}, "project_id": 2
        })
    );
    let update = AccessKeyRequest {
        override_secret: true,
        ..request
    };
    assert_eq!(
        encode(&update)["id"],
        serde_json::Value::Null,
        "the client sets it from the path"
    );
    assert_eq!(encode(&update)["override_secret"], true);
}

#[test]
fn environments() {
    let environment: Environment = decode(json!({
        "id": 6, "name": "Test", "project_id": 1, "password": null, "json": "{}", "env": null,
        "secrets": []
    }));
    assert_eq!(environment.password, None);
    assert_eq!(environment.env, None);
    let environment: Environment = decode(json!({
        "id": 6, "name": "Test", "project_id": 1, "password": "vault", "json": "{}", "env": "{}"
    }));
    assert_eq!(
        environment.password.as_ref().map(Secret::expose_secret),
        Some("vault")
    );
    assert!(!format!("{environment:?}").contains("vault"));

    let request: EnvironmentRequest = decode(json!({
        "name": "Test", "project_id": 1, "password": "", "json": "{}", "env": "{}"
    }));
    assert_eq!(request.env.as_deref(), Some("{}"));
    let minimal = EnvironmentRequest::new("Empty");
    assert_eq!(
        encode(&minimal),
        json!({"name": "Empty", "json": "{}", "password": null, "env": null})
    );
}

#[test]
fn inventories() {
    let inventory: Inventory = decode(json!({
        "id": 5, "name": "Test", "project_id": 1, "inventory": "[web]\nhost1",
        "ssh_key_id": 3, "become_key_id": null, "type": "static-yaml",
        "holder_id": null, "repository_id": null
    }));
    assert_eq!(inventory.r#type, InventoryType::StaticYaml);
    assert_eq!(inventory.ssh_key_id, Some(KeyId(3)));
    assert_eq!(inventory.become_key_id, None);

    let request: InventoryRequest = decode(json!({
        "name": "Test", "project_id": 1, "inventory": "", "ssh_key_id": 1,
        "become_key_id": 1, "type": "file"
    }));
    assert_eq!(request.r#type, InventoryType::File);
    let no_keys = InventoryRequest {
        ssh_key_id: None,
        become_key_id: None,
        ..request
    };
    assert_eq!(
        encode(&no_keys),
        json!({"name": "Test", "inventory": "", "type": "file", "project_id": 1,
            "ssh_key_id": null, "become_key_id": null, "holder_id": null, "repository_id": null})
    );
}

#[test]
fn repositories() {
    let repository: Repository = decode(json!({
        "id": 4, "name": "Test", "project_id": 1, "git_url": "git@example.com",
        "git_branch": "master", "ssh_key_id": 3
    }));
    assert_eq!(repository.git_branch, "master");
    let request: RepositoryRequest = decode(json!({
        "name": "Test", "project_id": 1, "git_url": "git@example.com",
        "git_branch": "master", "ssh_key_id": 3
    }));
    // the ids come from the path: the model names none, and one given is only kept with the
    // fields it does not name (the path's value replaces it when sent)
    assert_eq!(request.extra.names().collect::<Vec<_>>(), ["project_id"]);
}

#[test]
fn integrations() {
    let integration: Integration = decode(json!({
        "id": 11, "name": "deploy", "project_id": 1, "template_id": 7,
        "auth_method": "none", "searchable": false
    }));
    assert_eq!(integration.template_id, TemplateId(7));
    let request: IntegrationRequest =
        decode(json!({"name": "deploy", "project_id": 1, "template_id": 7}));
    assert_eq!(request.name, "deploy");

    let value: IntegrationExtractValue = decode(json!({
        "id": 12, "name": "extract this value", "value_source": "body",
        "body_data_type": "json", "key": "key", "variable": "variable", "integration_id": 11
    }));
    assert_eq!(value.value_source, IntegrationSource::Body);
    assert_eq!(value.body_data_type, IntegrationBodyDataType::Json);
    let request: IntegrationExtractValueRequest = decode(json!({
        "name": "deploy", "value_source": "header", "body_data_type": "string",
        "key": "key", "variable": "variable"
    }));
    assert_eq!(request.value_source, IntegrationSource::Header);
    assert_eq!(request.body_data_type, IntegrationBodyDataType::String);

    let matcher: IntegrationMatcher = decode(json!({
        "id": 13, "integration_id": 11, "name": "deploy", "match_type": "header",
        "method": "unequals", "body_data_type": "", "key": "key", "value": "value"
    }));
    assert_eq!(matcher.method, IntegrationMatchMethod::Unequals);
    assert_eq!(matcher.body_data_type, IntegrationBodyDataType::None);
    let request: IntegrationMatcherRequest = decode(json!({
        "name": "deploy", "match_type": "body", "method": "contains",
        "body_data_type": "yaml", "key": "key", "value": "value"
    }));
    assert_eq!(request.method, IntegrationMatchMethod::Contains);
    assert_eq!(
        request.body_data_type,
        IntegrationBodyDataType::Other("yaml".into())
    );
    assert_eq!(encode(&request)["body_data_type"], "yaml");
    assert_eq!(encode(&request)["match_type"], "body");
}

#[test]
fn tasks() {
    let task: Task = decode(json!({
        "id": 23, "template_id": 7, "status": "success", "debug": false, "dry_run": false,
        "diff": false, "playbook": "", "environment": "", "secret": "", "limit": "",
        "git_branch": null, "user_id": 1, "created": "2024-10-25T10:11:12Z",
        "start": "2024-10-25T10:11:13Z", "end": null, "message": "", "commit_hash": null,
        "commit_message": "", "build_task_id": null, "version": null, "arguments": null,
        "inventory_id": null, "project_id": 1
    }));
    assert_eq!(task.id, TaskId(23));
    assert_eq!(task.status, TaskStatus::Success);
    assert!(task.status.is_finished() && task.status.is_success());
    assert_eq!(task.git_branch, None);
    assert_eq!(task.end, None);
    assert_eq!(task.user_id, Some(UserId(1)));

    let start = TaskRequest {
        debug: true,
        ..TaskRequest::new(TemplateId(7))
    };
    // Both shapes: the fields v2.10.32 reads, and the `params` newer servers read.
    assert_eq!(
        encode(&start),
        json!({"template_id": 7, "debug": true, "dry_run": false, "diff": false,
            "params": {"debug": true}})
    );
    let limited = TaskRequest {
        limit: Some("web1, web2,".into()),
        tags: vec!["deploy".into()],
        ..TaskRequest::new(TemplateId(7))
    };
    assert_eq!(
        encode(&limited),
        json!({"template_id": 7, "debug": false, "dry_run": false, "diff": false,
            "limit": "web1, web2,", "params": {"limit": ["web1", "web2"], "tags": ["deploy"]}})
    );
    for blank in [" ", ",", " , "] {
        let blank = TaskRequest {
            limit: Some(blank.into()),
            ..TaskRequest::new(TemplateId(7))
        };
        assert!(serde_json::to_value(&blank).is_err(), "{blank:?}");
    }
    let blank_tag = TaskRequest {
        skip_tags: vec!["".into()],
        ..TaskRequest::new(TemplateId(7))
    };
    assert!(serde_json::to_value(&blank_tag).is_err());

    let output: TaskOutput = decode(json!({
        "task_id": 23, "task": "", "time": "2024-10-25T10:11:14.123Z", "output": "PLAY [all]"
    }));
    assert_eq!(output.output, "PLAY [all]");
    let output: TaskOutput = decode(json!({
        "id": 1, "task_id": 23, "time": "2024-10-25T10:11:14Z", "output": "ok"
    }));
    assert_eq!(output.task_id, TaskId(23));
}

#[test]
fn templates() {
    let template: Template = decode(json!({
        "id": 7, "project_id": 1, "inventory_id": 5, "repository_id": 4, "environment_id": 6,
        "view_id": null, "name": "Test", "playbook": "test.yml", "arguments": null,
        "description": null, "allow_override_args_in_task": false,
        "suppress_success_alerts": false, "app": "ansible", "git_branch": null, "type": "",
        "start_version": null, "build_template_id": null, "autorun": false,
        "survey_vars": [{"name": "version", "title": "Version", "description": "",
                          "type": "int", "required": true}],
        "vaults": [{"id": 1, "vault_key_id": 8, "name": "default", "type": "password"}],
        "last_task": {"id": 23, "template_id": 7, "status": "running"},
        "tasks": 1
    }));
    assert_eq!(template.inventory_id, Some(InventoryId(5)));
    assert_eq!(template.view_id, None);
    assert_eq!(template.arguments, None);
    let survey = &template.survey_vars[0];
    assert_eq!(
        (&survey.r#type, survey.required),
        (&SurveyVarType::Int, true)
    );
    assert_eq!(template.vaults[0].vault_key_id, KeyId(8));
    assert_eq!(
        template.last_task.as_ref().unwrap().status,
        TaskStatus::Running
    );
    let template: Template = decode(json!({
        "id": 8, "survey_vars": null, "vaults": null, "last_task": null,
        "app": "ansible", "type": "deploy"
    }));
    assert!(template.survey_vars.is_empty() && template.vaults.is_empty());
    assert_eq!(template.last_task, None);
    assert_eq!(
        (template.app, template.r#type),
        (TemplateApp::Ansible, TemplateType::Deploy)
    );

    let request: TemplateRequest = decode(json!({
        "project_id": 1, "inventory_id": 1, "repository_id": 1, "environment_id": 1,
        "view_id": 1, "vaults": [{"vault_key_id": 1, "name": "default"}], "name": "Test",
        "playbook": "test.yml", "arguments": "[]", "description": "Hello, World!",
        "allow_override_args_in_task": false, "limit": "", "suppress_success_alerts": true,
        "app": "ansible", "git_branch": "main",
        "survey_vars": [{"name": "n", "title": "t", "description": "d", "type": "", "required": false}]
    }));
    assert_eq!(request.vaults[0].name.as_deref(), Some("default"));
    assert_eq!(request.git_branch.as_deref(), Some("main"));
    let minimal = TemplateRequest::ansible("Test", "test.yml", RepositoryId(4), InventoryId(2));
    assert_eq!(
        encode(&minimal),
        json!({
            "inventory_id": 2, "repository_id": 4, "environment_id": null,
            "view_id": null, "name": "Test", "playbook": "test.yml", "arguments": null,
            "allow_override_args_in_task": false, "description": null, "vaults": [],
            "type": "", "start_version": null, "build_template_id": null, "autorun": false,
            "git_branch": null, "survey_vars": [], "suppress_success_alerts": false,
            "app": "ansible"
        })
    );

    let var: TemplateSurveyVar = decode(json!({"name": "n", "type": ""}));
    assert_eq!(var.name, "n");
    let vault: TemplateVault = decode(json!({"vault_key_id": 1, "name": "default"}));
    assert_eq!(vault.vault_key_id, KeyId(1));
}

#[test]
fn schedules() {
    let schedule: Schedule = decode(json!({
        "id": 9, "cron_format": "* * * 1 *", "project_id": 1, "template_id": 7,
        "name": "nightly", "active": true, "repository_id": null
    }));
    assert_eq!(schedule.cron_format, "* * * 1 *");
    let request: ScheduleRequest = decode(json!({
        "id": 9, "cron_format": "* * * 1 *", "project_id": 1, "template_id": 7,
        "name": "nightly", "active": false
    }));
    assert_eq!(request.template_id, TemplateId(7));
    assert_eq!(
        request.extra.names().collect::<Vec<_>>(),
        ["id", "project_id"]
    );
}

#[test]
fn views() {
    let view: View = decode(json!({"id": 10, "title": "Build", "project_id": 1, "position": 0}));
    assert_eq!(view.title, "Build");
    let request: ViewRequest = decode(json!({"title": "Test", "project_id": 1, "position": 1}));
    assert_eq!(
        encode(&request),
        json!({"title": "Test", "position": 1, "project_id": 1})
    );
}

#[test]
fn runner() {
    // `runners_post`'s answer, the only one with the token.
    let runner: Runner = decode(json!({
        "id": 3, "project_id": null, "webhook": "", "max_parallel_tasks": 2, "active": false,
        "name": "build-box", "token": "yHrOxZKxNgC1rDHDVXPTOLs2QKgcoPNT5P4NyLImYp0="
    }));
    assert_eq!(runner.id, RunnerId(3));
    assert_eq!(runner.project_id, None);
    assert_eq!(runner.max_parallel_tasks, 2);
    assert_eq!(runner.name, "build-box");
    assert_eq!(
        runner.token.expose_secret(),
        "yHrOxZKxNgC1rDHDVXPTOLs2QKgcoPNT5P4NyLImYp0="
    );
    assert!(!format!("{runner:?}").contains("yHrOx"));
    // Other answers have no token, and encoding one sends none.
    let listed: Runner = decode(json!({"id": 3, "project_id": null, "webhook": "",
        "max_parallel_tasks": 2, "active": true, "name": "build-box"}));
    assert!(listed.token.is_empty());
    assert!(encode(&listed).get("token").is_none());
    assert_eq!(
        encode(&RunnerRequest::from(&listed)),
        json!({"name": "build-box", "webhook": "", "max_parallel_tasks": 2, "active": true})
    );
    // The registration: the spec's `Runner`.
    let token: RunnerToken = decode(json!({"token": "r-123"}));
    assert_eq!(token.token.expose_secret(), "r-123");
    assert!(!format!("{token:?}").contains("r-123"));
    let registration = RunnerRegistration::new("reg-456");
    assert!(!format!("{registration:?}").contains("reg-456"));
    assert_eq!(
        encode(&registration),
        json!({"registration_token": "reg-456", "webhook": "", "max_parallel_tasks": 0})
    );
}

/// `internal_runners_get` as a BoltDB server answered it to a runner given a task (a
/// `use_remote_runner` server; the key is a fake): every field decodes and comes back.
#[test]
fn runner_state_with_a_new_job() {
    let sent: Value = serde_json::from_str(include_str!("../data/runner-state.json")).unwrap();
    let state: RunnerState = decode(sent.clone());
    let lost = crate::real_server::lost_fields(&sent, &encode(&state));
    assert!(lost.is_empty(), "{lost:#?}");
    assert!(state.current_jobs.is_empty());
    let [job] = &state.new_jobs[..] else {
        panic!("one new job: {state:?}")
    };
    assert_eq!(job.username, "admin");
    assert_eq!(job.incoming_version, None);
    assert_eq!(job.task.status, TaskStatus::Starting);
    assert_eq!(job.task.id, TaskId(2147483646));
    assert_eq!(job.template.name, "t");
    assert_eq!(job.inventory.ssh_key_id, Some(KeyId(2)));
    assert_eq!(job.repository.git_url, "https://example.invalid/x.git");
    assert!(job.inventory_repository.is_none());
    assert_eq!(job.environment.name, "Empty");
    let key = &state.access_keys[&KeyId(2)];
    assert!(
        key.ssh
            .private_key
            .expose_secret()
            .starts_with("-----BEGIN FAKE KEY")
    );
    assert!(!format!("{state:?}").contains("BEGIN FAKE KEY"));

    let running: RunnerState = decode(json!({
        "CurrentJobs": [{"id": 2147483646, "status": "running"}],
        "new_jobs": null, "access_keys": {}
    }));
    assert_eq!(
        running.current_jobs,
        [JobState {
            id: TaskId(2147483646),
            status: TaskStatus::Running
        }]
    );
}

#[test]
fn runner_progress_encodes_the_names_the_server_reads() {
    let progress = RunnerProgress {
        jobs: vec![JobProgress {
            id: TaskId(7),
            status: TaskStatus::Success,
            log_records: vec![LogRecord {
                time: "2024-10-25T10:11:12Z".into(),
                message: "done".into(),
            }],
        }],
    };
    assert_eq!(
        encode(&progress),
        json!({"Jobs": [{"ID": 7, "Status": "success",
            "LogRecords": [{"time": "2024-10-25T10:11:12Z", "message": "done"}]}]})
    );
}

#[test]
fn apps() {
    // `apps_get` (with ids) and `apps_app_id_get` (without).
    let apps: Vec<App> = decode(json!([
        {"active": true, "priority": 1000, "title": "", "icon": "", "color": "",
         "dark_color": "", "path": "", "args": null, "id": "ansible"},
        {"active": true, "priority": 5, "title": "Mine", "icon": "mdi-x", "color": "red",
         "dark_color": "blue", "path": "/bin/echo", "args": ["-n"], "id": "mine"}
    ]));
    assert_eq!(apps[0].id, Some(TemplateApp::Ansible));
    assert!(apps[0].args.is_empty());
    assert_eq!(apps[1].id, Some(TemplateApp::Other("mine".into())));
    let single: App = decode(json!({"active": false, "priority": 700, "title": "",
        "icon": "", "color": "", "dark_color": "", "path": "", "args": null}));
    assert_eq!(single.id, None);
    assert!(encode(&single).get("id").is_none());
    assert_eq!(
        encode(&AppRequest::from(&apps[1])),
        json!({"active": true, "priority": 5, "title": "Mine", "icon": "mdi-x",
            "color": "red", "dark_color": "blue", "path": "/bin/echo", "args": ["-n"]})
    );
    assert_eq!(encode(&Activation::from(false)), json!({"active": false}));
}

#[test]
fn options_and_the_task_pool() {
    let option: ServerOption = decode(json!({"key": "apps.bash.active", "value": "true"}));
    assert_eq!(option, ServerOption::new("apps.bash.active", "true"));
    let pool: Vec<GlobalTask> = decode(json!([
        {"task_id": 9, "project_id": 1, "status": "waiting", "location": "queue"},
        {"task_id": 8, "project_id": 1, "username": "admin", "runner_id": 1,
         "status": "starting", "location": "running"}
    ]));
    assert_eq!(pool[0].location, TaskLocation::Queue);
    assert_eq!(pool[0].username, None);
    assert_eq!(pool[0].runner_id, None);
    assert_eq!(pool[1].location, TaskLocation::Running);
    assert_eq!(pool[1].runner_id, Some(RunnerId(1)));
    assert_eq!(pool[1].status, TaskStatus::Starting);
    assert_eq!(
        encode(&pool[0]),
        json!({"task_id": 9, "project_id": 1, "status": "waiting", "location": "queue"})
    );
}

#[test]
fn events() {
    let event: Event = decode(json!({
        "user_id": 1, "project_id": 1, "object_id": 7, "object_type": "template",
        "description": "Template Test created", "created": "2024-10-25T10:11:12Z",
        "object_name": "", "project_name": "Test", "username": "admin"
    }));
    assert_eq!(event.object_type, Some(EventObjectType::Template));
    assert_eq!(event.username.as_deref(), Some("admin"));
    let global: Event = decode(json!({
        "user_id": null, "project_id": null, "object_id": null, "object_type": null,
        "description": null, "created": "2024-10-25T10:11:12Z"
    }));
    assert_eq!(
        (global.user_id, global.project_id, global.object_id),
        (None, None, None)
    );
}

#[test]
fn info() {
    let info: InfoType = decode(json!({
        "version": "v2.10.22", "ansible": "ansible [core 2.16.3]", "web_host": "",
        "use_remote_runner": false
    }));
    assert_eq!(info.version, "v2.10.22");
    assert_eq!(info.ansible, "ansible [core 2.16.3]");
}

#[test]
fn sort_parameters_encode_as_the_spec_spells_them() {
    let strings = |values: Vec<Value>| -> Vec<String> {
        values
            .into_iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        strings(vec![encode(&SortOrder::Asc), encode(&SortOrder::Desc)]),
        ["asc", "desc"]
    );
    assert_eq!(
        strings(vec![
            encode(&TemplateSort::Name),
            encode(&TemplateSort::Playbook),
            encode(&TemplateSort::Inventory),
            encode(&TemplateSort::Environment),
            encode(&TemplateSort::Repository),
        ]),
        ["name", "playbook", "inventory", "environment", "repository"]
    );
    assert_eq!(
        strings(vec![
            encode(&RepositorySort::Name),
            encode(&RepositorySort::GitUrl),
            encode(&RepositorySort::SshKey),
        ]),
        ["name", "git_url", "ssh_key"]
    );
    assert_eq!(
        strings(vec![
            encode(&ProjectUserSort::Name),
            encode(&ProjectUserSort::Username),
            encode(&ProjectUserSort::Email),
            encode(&ProjectUserSort::Role),
        ]),
        ["name", "username", "email", "role"]
    );
    assert_eq!(
        strings(vec![
            encode(&AccessKeySort::Name),
            encode(&AccessKeySort::Type)
        ]),
        ["name", "type"]
    );
    assert_eq!(strings(vec![encode(&InventorySort::Name)]), ["name"]);
}

#[test]
fn enum_values_round_trip_known_or_not() {
    fn round_trip<T>(known: &[T])
    where
        T: serde::Serialize
            + serde::de::DeserializeOwned
            + PartialEq
            + std::fmt::Debug
            + std::fmt::Display,
    {
        for value in known {
            let wire = encode(value);
            assert_eq!(wire, json!(value.to_string()));
            assert_eq!(&decode::<T>(wire), value);
        }
        let future: T = decode(json!("from-a-newer-server"));
        assert_eq!(encode(&future), json!("from-a-newer-server"));
    }
    round_trip(AccessKeyType::KNOWN);
    round_trip(InventoryType::KNOWN);
    round_trip(ProjectRole::KNOWN);
    round_trip(TaskStatus::KNOWN);
    round_trip(TemplateType::KNOWN);
    round_trip(TemplateApp::KNOWN);
    round_trip(SurveyVarType::KNOWN);
    round_trip(IntegrationAuthMethod::KNOWN);
    round_trip(IntegrationSource::KNOWN);
    round_trip(IntegrationBodyDataType::KNOWN);
    round_trip(IntegrationMatchMethod::KNOWN);
    round_trip(EventObjectType::KNOWN);
    round_trip(EnvironmentSecretType::KNOWN);
    round_trip(EnvironmentSecretOperation::KNOWN);
    assert_eq!(
        decode::<InventoryType>(json!("terraform-workspace")),
        InventoryType::TerraformWorkspace
    );
    assert_eq!(decode::<ProjectRole>(json!("")), ProjectRole::None);
    assert_eq!(InventoryType::from("file"), InventoryType::File);
    assert_eq!(
        "gpg".parse::<AccessKeyType>(),
        Ok(AccessKeyType::Other("gpg".into()))
    );
    let finished: Vec<_> = TaskStatus::KNOWN
        .iter()
        .filter(|s| s.is_finished())
        .collect();
    assert_eq!(
        finished,
        [
            &TaskStatus::Stopped,
            &TaskStatus::Success,
            &TaskStatus::Error
        ]
    );
    assert!(!TaskStatus::from("paused").is_finished());
}
