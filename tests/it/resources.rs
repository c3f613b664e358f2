//! The resource layer on the stand-in: the verbs of every kind it serves, an update that keeps
//! what it does not change, environment secrets that really change, and the look-ups.

use std::time::Duration;

use semaphore_api::ErrorKind;
use semaphore_api::testkit::{DEFAULT_PASSWORD, DEFAULT_USER, StandIn};
use semaphore_api::{
    AccessKeyRequest, AuthenticationApi, Client, EnvironmentRequest, EnvironmentSecretType,
    InventoryRequest, InventoryType, Login, ProjectHandle, ProjectRequest, RepositoryRequest,
    SecretChange, SurveyVarType, TemplateRequest, TemplateSurveyVar, TemplateVault,
};

async fn logged_in(server: &StandIn) -> Client {
    let client = Client::new(server.url()).unwrap();
    client
        .auth_login_post(&Login::new(DEFAULT_USER, DEFAULT_PASSWORD))
        .await
        .unwrap();
    client
}

async fn both_backends() -> Vec<StandIn> {
    let mut servers = Vec::new();
    for bolt in [false, true] {
        servers.push(
            StandIn::builder()
                .bolt_db_backend(bolt)
                .start()
                .await
                .unwrap(),
        );
    }
    servers
}

/// What a template needs, made through the resource layer: the created objects come back
/// also where the server answers 204 without them.
async fn a_deploy_template(p: ProjectHandle<'_>) -> semaphore_api::Template {
    let key = p
        .keys()
        .create(&AccessKeyRequest::none("public"))
        .await
        .unwrap();
    assert_eq!(key.name, "public");
    let vault_key = AccessKeyRequest::login_password("vault", "", "vault password");
    let vault_key = p.keys().create(&vault_key).await.unwrap();
    let repo = RepositoryRequest::new("site", "/srv/site", "", key.id);
    let repo = p.repositories().create(&repo).await.unwrap();
    assert_eq!(repo.git_url, "/srv/site");
    let hosts = InventoryRequest::new("web", InventoryType::Static, "web1\n");
    let hosts = p.inventories().create(&hosts).await.unwrap();
    let env = p
        .environments()
        .create(&EnvironmentRequest::new("prod"))
        .await
        .unwrap();
    let mut t = TemplateRequest::ansible("Deploy", "deploy.yml", repo.id, hosts.id);
    t.environment_id = Some(env.id);
    t.autorun = true;
    t.suppress_success_alerts = true;
    t.vaults = vec![TemplateVault {
        vault_key_id: vault_key.id,
        name: Some("default".into()),
        ..Default::default()
    }];
    let var = |name: &str| TemplateSurveyVar {
        name: name.into(),
        title: name.into(),
        r#type: SurveyVarType::String,
        ..Default::default()
    };
    t.survey_vars = vec![var("region"), var("size")];
    p.templates().create(&t).await.unwrap()
}

#[tokio::test]
async fn an_update_changes_what_it_changes_and_keeps_the_rest() {
    for server in both_backends().await {
        let client = logged_in(&server).await;
        let project = client
            .projects()
            .create(&ProjectRequest::new("site"))
            .await
            .unwrap();
        let p = client.project(project.id);
        let created = a_deploy_template(p).await;
        let before = p.templates().get(created.id).await.unwrap();
        assert_eq!(before.vaults.len(), 1);

        // A list entry holds no vaults (and on SQL no survey variables): the update reads the
        // template itself.
        let listed = p.templates().find("Deploy").await.unwrap();
        let after = p
            .templates()
            .update(listed.id, |r| r.name = "Deploy (old)".into())
            .await
            .unwrap();
        assert_eq!(after.name, "Deploy (old)");
        assert_eq!(after.vaults.len(), 1);
        assert_eq!(
            after.vaults[0].id, before.vaults[0].id,
            "the vault kept its id"
        );
        assert_eq!(after.survey_vars, before.survey_vars);
        assert!(after.autorun && after.suppress_success_alerts);
        assert_eq!(after.environment_id, before.environment_id);

        let renamed = p
            .repositories()
            .update(before.repository_id, |r| r.name = "www".into())
            .await
            .unwrap();
        assert_eq!(
            (renamed.name.as_str(), renamed.git_url.as_str()),
            ("www", "/srv/site")
        );
        let project = client
            .projects()
            .update(project.id, |r| r.max_parallel_tasks = 3)
            .await
            .unwrap();
        assert_eq!(
            (project.name.as_str(), project.max_parallel_tasks),
            ("site", 3)
        );
    }
}

#[tokio::test]
async fn the_verbs_of_every_kind_the_stand_in_serves() {
    let server = StandIn::start().await.unwrap();
    let client = logged_in(&server).await;
    let project = client
        .projects()
        .create(&ProjectRequest::new("verbs"))
        .await
        .unwrap();
    let p = client.project(project.id);
    let t = a_deploy_template(p).await;

    assert_eq!(p.templates().get(t.id).await.unwrap().name, "Deploy");
    assert_eq!(p.templates().list().await.unwrap().len(), 1);
    let task = p
        .templates()
        .run(t.id, |r| r.limit = Some("web1".into()))
        .await
        .unwrap();
    let finished = task.wait(Duration::from_secs(30)).await.unwrap();
    assert!(finished.status.is_success());
    let recent = p.tasks().list().await.unwrap();
    assert_eq!(recent[0].id, task.task_id());
    assert_eq!(recent[0].limit, "web1");
    assert!(!p.tasks().output(task.task_id()).await.unwrap().is_empty());

    // A template uses the inventory: the server refuses to delete it.
    let inventory = p.inventories().find("web").await.unwrap();
    let err = p.inventories().delete(inventory.id).await.unwrap_err();
    assert!(err.is_bad_request(), "{err}");
    p.templates().delete(t.id).await.unwrap();
    assert!(p.templates().get(t.id).await.unwrap_err().is_not_found());
    p.inventories().delete(inventory.id).await.unwrap();
    let key = p.keys().find("vault").await.unwrap();
    p.keys().delete(key.id).await.unwrap();
    assert!(p.keys().find("vault").await.unwrap_err().is_not_found());
    client.projects().delete(project.id).await.unwrap();
    assert!(
        client
            .projects()
            .find("verbs")
            .await
            .unwrap_err()
            .is_not_found()
    );
}

#[tokio::test]
async fn find_names_one_object_or_says_why_not() {
    let server = StandIn::start().await.unwrap();
    let client = logged_in(&server).await;
    let project = client
        .projects()
        .create(&ProjectRequest::new("finds"))
        .await
        .unwrap();
    let p = client.project(project.id);
    let none = p.keys().find("missing").await.unwrap_err();
    assert!(none.is_not_found());
    assert_eq!(none.to_string(), r#"no key is named "missing""#);
    let first = p
        .keys()
        .create(&AccessKeyRequest::none("twin"))
        .await
        .unwrap();
    let second = p
        .keys()
        .create(&AccessKeyRequest::none("twin"))
        .await
        .unwrap();
    assert_ne!(first.id, second.id, "each create found the key it made");
    let several = p.keys().find("twin").await.unwrap_err();
    assert!(!several.is_not_found());
    assert_eq!(
        several.to_string(),
        format!(
            r#"2 keys are named "twin" (ids {}, {}): give an id"#,
            first.id, second.id
        )
    );
}

#[tokio::test]
async fn a_secret_gets_its_new_value_as_one_call() {
    for server in both_backends().await {
        let client = logged_in(&server).await;
        let project = client
            .projects()
            .create(&ProjectRequest::new("env"))
            .await
            .unwrap();
        let p = client.project(project.id);
        let env = p
            .environments()
            .create(&EnvironmentRequest::new("prod"))
            .await
            .unwrap();
        let kind = EnvironmentSecretType::Env;
        let first = p
            .environments()
            .set_secret(env.id, kind.clone(), "API_TOKEN", "first")
            .await
            .unwrap();
        let second = p
            .environments()
            .set_secret(env.id, kind.clone(), "API_TOKEN", "second")
            .await
            .unwrap();
        assert_ne!(first.id, second.id, "a new secret in place of the old");
        let read = p.environments().get(env.id).await.unwrap();
        assert_eq!(read.secrets, vec![second.clone()]);
        // The old secret is gone from the keys too.
        assert!(p.keys().get(first.id).await.unwrap_err().is_not_found());

        p.environments()
            .remove_secret(env.id, kind.clone(), "API_TOKEN")
            .await
            .unwrap();
        assert!(
            p.environments()
                .get(env.id)
                .await
                .unwrap()
                .secrets
                .is_empty()
        );
        let gone = p
            .environments()
            .remove_secret(env.id, kind, "API_TOKEN")
            .await;
        assert!(gone.unwrap_err().is_not_found());
    }
}

#[tokio::test]
async fn secret_changes_the_server_would_mishandle_are_refused_or_caught() {
    let server = StandIn::start().await.unwrap();
    let client = logged_in(&server).await;
    let project = client
        .projects()
        .create(&ProjectRequest::new("env"))
        .await
        .unwrap();
    let p = client.project(project.id);
    let prod = p
        .environments()
        .create(&EnvironmentRequest::new("prod"))
        .await
        .unwrap();
    let test = p
        .environments()
        .create(&EnvironmentRequest::new("test"))
        .await
        .unwrap();
    let kind = EnvironmentSecretType::Var;
    let theirs = p
        .environments()
        .set_secret(test.id, kind.clone(), "token", "t")
        .await
        .unwrap();
    p.environments()
        .set_secret(prod.id, kind.clone(), "token", "p")
        .await
        .unwrap();
    let puts = || {
        server
            .requests()
            .iter()
            .filter(|r| r.method == "PUT")
            .count()
    };

    // Another environment's secret: the server would delete it; refused before sending.
    let before = puts();
    let err = p
        .environments()
        .update(prod.id, |r| r.secrets.push(SecretChange::delete(&theirs)))
        .await
        .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidArgument { .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("is not a secret of environment"),
        "{err}"
    );
    // A second secret of a name the environment has: the server would keep both.
    let err = p
        .environments()
        .update(prod.id, |r| {
            r.secrets
                .push(SecretChange::create(kind.clone(), "token", "again"));
        })
        .await
        .unwrap_err();
    assert!(err.to_string().contains("already has a secret"), "{err}");
    assert_eq!(puts(), before, "nothing was sent");
    assert_eq!(
        p.environments().get(test.id).await.unwrap().secrets,
        vec![theirs]
    );

    // A change the server answers 204 and does not make (it skips a secret of a type it does
    // not know): read back, an error.
    let unknown = EnvironmentSecretType::from("file");
    let err = p
        .environments()
        .set_secret(prod.id, unknown, "cert", "pem")
        .await
        .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::NotApplied { .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("did not replace secret \"cert\""),
        "{err}"
    );
}
