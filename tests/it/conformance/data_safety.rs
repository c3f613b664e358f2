//! The calls that could lose data, on the real server: a template renamed through every
//! update path keeps its vault, survey variables, `autorun` and `suppress_success_alerts`; a
//! plain user who renames themselves keeps their email; an environment's secret gets a new
//! value that a task then sees. On the way, the answers no other step gets: the global pool
//! while a task runs, build and deploy tasks, a backup with integrations and vaults.

use std::path::Path;

use semaphore_api::*;

use super::run::{Run, Step, Stop, call};
use super::wait::{wait_for, wait_for_end};

/// What the safety steps run in: a project with a repository, an inventory and a vault key.
struct Place {
    project: ProjectId,
    repository: RepositoryId,
    inventory: InventoryId,
    vault_key: KeyId,
}

pub async fn data_safety(run: &mut Run, client: &Client, repo: &Path, tag: u128) -> Step {
    let place = place(run, client, repo, tag).await?;
    template_updates(run, client, &place).await?;
    own_user_update(run, client, tag).await?;
    secret_rotation(run, client, &place).await?;
    pool_while_running(run, client, &place).await?;
    build_and_deploy(run, client, &place).await?;
    backup_with_integrations(run, client, &place).await?;
    super::overrides::overrides(
        run,
        client,
        place.project,
        place.repository,
        place.inventory,
    )
    .await?;
    run.verb(
        "the safety project deleted",
        client.projects().delete(place.project),
    )
    .await
}

async fn place(run: &mut Run, client: &Client, repo: &Path, tag: u128) -> Step<Place> {
    let project = ProjectRequest::new(format!("conformance-safety-{tag}"));
    let project = run
        .verb("a project", client.projects().create(&project))
        .await?;
    let p = client.project(project.id);
    let none = run
        .verb(
            "a key (204)",
            p.keys().create(&AccessKeyRequest::none("no secret")),
        )
        .await?;
    let vault = AccessKeyRequest::login_password("vault", "", "fake-vault-password");
    let vault = run
        .verb("a vault key (204)", p.keys().create(&vault))
        .await?;
    let url = repo.display().to_string();
    let repository = RepositoryRequest::new("playbooks", url, "main", none.id);
    let repository = run
        .verb("a repository (204)", p.repositories().create(&repository))
        .await?;
    let hosts = "[local]\nlocalhost ansible_connection=local\n";
    let inventory = InventoryRequest::new("local", InventoryType::Static, hosts);
    let inventory = run
        .verb("an inventory", p.inventories().create(&inventory))
        .await?;
    Ok(Place {
        project: project.id,
        repository: repository.id,
        inventory: inventory.id,
        vault_key: vault.id,
    })
}

/// A template with a vault, two survey variables, `autorun` and `suppress_success_alerts`,
/// renamed from the single read (the operations) and through the resource layer.
async fn template_updates(run: &mut Run, client: &Client, place: &Place) -> Step {
    let p = client.project(place.project);
    let mut request =
        TemplateRequest::ansible("Safe", "ping.yml", place.repository, place.inventory);
    request.autorun = true;
    request.suppress_success_alerts = true;
    request.vaults = vec![TemplateVault {
        vault_key_id: place.vault_key,
        name: Some("default".into()),
        ..Default::default()
    }];
    let var = |name: &str, r#type| TemplateSurveyVar {
        name: name.into(),
        title: name.into(),
        r#type,
        required: true,
        ..Default::default()
    };
    request.survey_vars = vec![
        var("region", SurveyVarType::String),
        var("size", SurveyVarType::Int),
    ];
    let created = run
        .verb("the safe template", p.templates().create(&request))
        .await?;
    let id = created.id;
    let before = run
        .ok(call!(client.project_project_id_templates_template_id_get(
            place.project,
            id
        )))
        .await?;
    run.same("the template's vaults as created", before.vaults.len(), 1);

    let mut update = TemplateRequest::from(&before);
    update.name = "Safe, renamed by an operation".into();
    run.ok(call!(client.project_project_id_templates_template_id_put(
        place.project,
        id,
        &update
    )))
    .await?;
    let after = run
        .ok(call!(client.project_project_id_templates_template_id_get(
            place.project,
            id
        )))
        .await?;
    kept(
        run,
        "an update built from the template read",
        &before,
        &after,
    );

    let listed = run
        .verb(
            "the template found by name",
            p.templates().find(&after.name),
        )
        .await?;
    let again = run
        .verb(
            "the template renamed through the resource layer",
            p.templates().update(listed.id, |r| {
                r.name = "Safe, renamed by the resource layer".into()
            }),
        )
        .await?;
    kept(run, "an update through the resource layer", &after, &again);
    Ok(())
}

/// Everything but the name is as before.
fn kept(run: &mut Run, path: &str, before: &Template, after: &Template) {
    let vault = |t: &Template| {
        t.vaults
            .iter()
            .map(|v| (v.id, v.vault_key_id, v.name.clone()))
            .collect::<Vec<_>>()
    };
    run.same(&format!("{path}: vaults"), vault(after), vault(before));
    run.same(
        &format!("{path}: survey variables"),
        &after.survey_vars,
        &before.survey_vars,
    );
    run.same(&format!("{path}: autorun"), after.autorun, true);
    run.same(
        &format!("{path}: suppress_success_alerts"),
        after.suppress_success_alerts,
        true,
    );
    let unchanged = Template {
        name: after.name.clone(),
        last_task: after.last_task.clone(),
        tasks: after.tasks,
        ..before.clone()
    };
    run.same(&format!("{path}: the rest"), after, &unchanged);
}

/// A user who is not an administrator renames themselves, from their own read and through
/// the resource layer; their email stays. To them the user list is summaries without emails.
async fn own_user_update(run: &mut Run, client: &Client, tag: u128) -> Step {
    let login = format!("conformance-safety-{tag}");
    let email = format!("{login}@example.com");
    let password = "fake-password-5";
    let request = UserRequest::new(login.clone(), "Safety User", email.clone(), password);
    let user = run
        .verb("a plain user", client.users().create(&request))
        .await?;
    let theirs = Client::new(run.recorder.url()).map_err(|e| Stop(e.to_string()))?;
    run.ok(call!(theirs.auth_login_post(&Login::new(login, password))))
        .await?;

    let me = run.ok(call!(theirs.user_get())).await?;
    let mut update = UserPutRequest::from(&me);
    update.name = "Safety User, renamed by an operation".into();
    run.ok(call!(theirs.users_user_id_put(user.id, &update)))
        .await?;
    let renamed = run
        .verb(
            "the user renames themselves through the resource layer",
            theirs
                .users()
                .update(user.id, |r| r.name = "Safety User, renamed".into()),
        )
        .await?;
    let read = run.ok(call!(client.users_user_id_get(user.id))).await?;
    run.same(
        "the renamed user's name",
        read.name.as_str(),
        "Safety User, renamed",
    );
    run.same(
        "the renamed user's email",
        read.email.as_str(),
        email.as_str(),
    );
    run.same(
        "the user read back by the update",
        renamed.email.as_str(),
        email.as_str(),
    );
    let listed = run.ok(call!(theirs.users_get())).await?;
    let entry = listed.iter().find(|u| u.id == user.id);
    run.check(entry.is_some_and(|u| u.email.is_none()), || {
        format!("users_get to a plain user: expected no email, got {entry:?}")
    });
    run.ok(call!(theirs.auth_logout_post())).await?;
    run.verb("the plain user deleted", client.users().delete(user.id))
        .await
}

/// An environment secret set, run, given a new value, run again: the playbook says whether
/// the task saw the new value (never the value itself).
async fn secret_rotation(run: &mut Run, client: &Client, place: &Place) -> Step {
    let p = client.project(place.project);
    let env = run
        .verb(
            "an environment (204)",
            p.environments()
                .create(&EnvironmentRequest::new("rotation")),
        )
        .await?;
    let mut request =
        TemplateRequest::ansible("Rotation", "secret.yml", place.repository, place.inventory);
    request.environment_id = Some(env.id);
    let template = run
        .verb("the rotation template", p.templates().create(&request))
        .await?;
    let kind = EnvironmentSecretType::Env;
    let first = run
        .verb(
            "a secret set",
            p.environments()
                .set_secret(env.id, kind.clone(), "ROTATED", "fake-first-value"),
        )
        .await?;
    let said = run_and_read(run, client, place, template.id).await?;
    run.check(
        said.iter()
            .any(|l| l.contains("the secret is not the second value")),
        || format!("the first run's output: {said:?}"),
    );
    let second = run
        .verb(
            "the secret given a new value",
            p.environments()
                .set_secret(env.id, kind.clone(), "ROTATED", "fake-second-value"),
        )
        .await?;
    run.check(second.id != first.id, || {
        "set_secret kept the old secret".into()
    });
    let read = run
        .ok(call!(
            client.project_project_id_environment_environment_id_get(place.project, env.id)
        ))
        .await?;
    run.same(
        "the environment's secrets after the new value",
        read.secrets,
        vec![second],
    );
    let said = run_and_read(run, client, place, template.id).await?;
    run.check(
        said.iter()
            .any(|l| l.contains("the secret is the second value")),
        || format!("the second run's output: {said:?}"),
    );
    Ok(())
}

/// Runs a template to its end and reads its output.
async fn run_and_read(
    run: &mut Run,
    client: &Client,
    place: &Place,
    template: TemplateId,
) -> Step<Vec<String>> {
    let task = run
        .ok(call!(client.project_project_id_tasks_post(
            place.project,
            &TaskRequest::new(template)
        )))
        .await?;
    let ended = wait_for_end(run, client, place.project, task.id).await?;
    run.same("the task's end", &ended.status, &TaskStatus::Success);
    let output = run
        .ok(call!(client.project_project_id_tasks_task_id_output_get(
            place.project,
            task.id
        )))
        .await?;
    Ok(output.into_iter().map(|l| l.output).collect())
}

/// The global pool lists a task while it runs.
async fn pool_while_running(run: &mut Run, client: &Client, place: &Place) -> Step {
    let p = client.project(place.project);
    let sleep = TemplateRequest::new(TemplateApp::Bash, "Sleep", "sleep.sh", place.repository);
    let sleep = run
        .verb("a shell template", p.templates().create(&sleep))
        .await?;
    let task = run
        .ok(call!(client.project_project_id_tasks_post(
            place.project,
            &TaskRequest::new(sleep.id)
        )))
        .await?;
    wait_for(run, client, place.project, task.id, |s| {
        *s == TaskStatus::Running
    })
    .await?;
    let pool = run.ok(call!(client.tasks_get())).await?;
    let ours = pool.iter().find(|t| t.task_id == task.id);
    run.check(
        ours.is_some_and(|t| t.project_id == place.project && t.status == TaskStatus::Running),
        || format!("tasks_get while task {} runs: {pool:?}", task.id),
    );
    wait_for_end(run, client, place.project, task.id).await?;
    Ok(())
}

/// A build template run to its end makes a version; a deploy of that build names it.
async fn build_and_deploy(run: &mut Run, client: &Client, place: &Place) -> Step {
    let p = client.project(place.project);
    // Options that fill the task's and the template's optional fields: a branch, arguments a
    // task may override, an inventory given again by the task, and a file inventory read from
    // the repository.
    let file = InventoryRequest {
        repository_id: Some(place.repository),
        ..InventoryRequest::new("from the repository", InventoryType::File, "inventory.ini")
    };
    let file = run
        .verb(
            "a file inventory in the repository",
            p.inventories().create(&file),
        )
        .await?;
    let mut build = TemplateRequest::ansible("Build", "ping.yml", place.repository, file.id);
    build.r#type = TemplateType::Build;
    build.start_version = Some("1.0.0".into());
    build.git_branch = Some("main".into());
    build.allow_override_args_in_task = true;
    let build = run
        .verb("a build template", p.templates().create(&build))
        .await?;
    let mut deploy =
        TemplateRequest::ansible("Deploy", "ping.yml", place.repository, place.inventory);
    deploy.r#type = TemplateType::Deploy;
    deploy.build_template_id = Some(build.id);
    let deploy = run
        .verb("a deploy template", p.templates().create(&deploy))
        .await?;

    let mut building = TaskRequest::new(build.id);
    building.arguments = Some(r#"["--diff"]"#.into());
    building.git_branch = Some("main".into());
    building.inventory_id = Some(file.id);
    building.message = "built by the conformance suite".into();
    let built = run
        .ok(call!(
            client.project_project_id_tasks_post(place.project, &building)
        ))
        .await?;
    let built = wait_for_end(run, client, place.project, built.id).await?;
    run.same("the build's end", &built.status, &TaskStatus::Success);
    run.check(built.version.is_some(), || {
        format!("the build made no version: {built:?}")
    });
    let mut deploying = TaskRequest::new(deploy.id);
    deploying.build_task_id = Some(built.id);
    let deployed = run
        .ok(call!(
            client.project_project_id_tasks_post(place.project, &deploying)
        ))
        .await?;
    let deployed = wait_for_end(run, client, place.project, deployed.id).await?;
    run.same("the deploy's end", &deployed.status, &TaskStatus::Success);
    let listed = run
        .ok(call!(client.project_project_id_tasks_get(place.project)))
        .await?;
    let entry = listed.iter().find(|t| t.id == deployed.id);
    run.check(
        entry.is_some_and(|t| t.build_task.as_ref().is_some_and(|b| b.id == built.id)),
        || format!("the deploy task's build in the list: {entry:?}"),
    );
    let build_version = entry
        .and_then(|t| t.build_task.as_ref())
        .and_then(|b| b.version.clone());
    run.same(
        "the deployed build's version",
        build_version,
        built.version.clone(),
    );
    Ok(())
}

/// A backup of a project whose templates have a vault and that has an integration with a
/// matcher and an extracted value.
async fn backup_with_integrations(run: &mut Run, client: &Client, place: &Place) -> Step {
    let p = client.project(place.project);
    let template = run
        .verb(
            "the safe template",
            p.templates().find("Safe, renamed by the resource layer"),
        )
        .await?;
    let integration = IntegrationRequest::new("hook", template.id);
    let integration = run
        .verb("an integration", p.integrations().create(&integration))
        .await?;
    let matcher = IntegrationMatcherRequest::on_header(
        "push only",
        "X-Event",
        IntegrationMatchMethod::Equals,
        "push",
    );
    run.ok(call!(
        client.project_project_id_integrations_integration_id_matchers_post(
            place.project,
            integration.id,
            &matcher,
        )
    ))
    .await?;
    let value = IntegrationExtractValueRequest::from_header("commit", "X-Commit", "commit");
    run.ok(call!(
        client.project_project_id_integrations_integration_id_values_post(
            place.project,
            integration.id,
            &value,
        )
    ))
    .await?;
    let backup = run
        .ok(call!(client.project_project_id_backup_get(place.project)))
        .await?;
    let hook = backup.integrations.iter().find(|i| i.name == "hook");
    run.check(
        hook.is_some_and(|i| !i.matchers.is_empty() && !i.extract_values.is_empty()),
        || format!("the backup's integration: {hook:?}"),
    );
    // The server reads the templates of a backup from its list, which never holds vaults.
    let vaults = backup
        .templates
        .iter()
        .map(|t| t.vaults.len())
        .sum::<usize>();
    if vaults == 0 {
        run.faults.push(
            "project_project_id_backup_get: the backup leaves out the template's vault (its templates come from the list query, which never fills vaults)".into(),
        );
    }
    Ok(())
}
