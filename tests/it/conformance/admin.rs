//! The routes outside projects: apps, options, global runners and the runners' own API,
//! the task pool, the public integration webhook and the OIDC redirect with a path. Each is
//! exercised as an administrator, and the admin-only ones are refused to a plain user.
//!
//! Runner registration needs the server's `runner_registration_token`: give the suite the
//! same value in `SEMAPHORE_RUNNER_REGISTRATION_TOKEN` (without it the registration is only
//! checked to be refused, and the run reports that it could not be exercised).

use std::collections::BTreeSet;

use semaphore_api::*;

use super::run::{Run, Step, Stop, call};

/// PostgreSQL servers answer 500 to the first store of an option key (`options_post`, and
/// each field of `apps_app_id_put` and `apps_app_id_active_post`), though the option is
/// written: the server reads the inserted row's text key back as an integer. Storing the
/// same key again is an update, which works. BoltDB servers store at once.
const NEW_OPTION_FAULT: &[u16] = &[500];

/// Exercises every operation of `AppsApi`, `OptionsApi`, `RunnersApi`, `RunnerInternalApi`,
/// `TasksApi` and `WebhookApi`, and `auth_oidc_provider_id_redirect_redirect_path_get`, with
/// `client` logged in as an administrator.
pub async fn admin(run: &mut Run, client: &Client) -> Step {
    let tag = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    apps(run, client, tag).await?;
    options(run, client, tag).await?;
    runners(run, client, tag).await?;
    registration(run, client).await?;
    tasks(run, client).await?;
    webhook(run, tag).await?;
    oidc(run, client).await?;
    refused_to_users(run, client, tag).await
}

async fn apps(run: &mut Run, client: &Client, tag: u128) -> Step {
    let apps = run.ok(call!(client.apps_get())).await?;
    // Every server lists the six built-in apps (with default priorities unless configured).
    let ids: BTreeSet<&str> = apps
        .iter()
        .filter_map(|a| a.id.as_ref().map(TemplateApp::as_str))
        .collect();
    for known in [
        "ansible",
        "terraform",
        "tofu",
        "bash",
        "powershell",
        "python",
    ] {
        run.check(ids.contains(known), || {
            format!("apps_get: {known} is not listed ({ids:?})")
        });
    }
    run.check(
        apps.windows(2).all(|w| w[0].priority >= w[1].priority),
        || "apps_get: not sorted by priority, highest first".into(),
    );
    let listed_bash = apps
        .iter()
        .find(|a| a.id == Some(TemplateApp::Bash))
        .cloned()
        .unwrap_or_default();
    let bash = run.ok(call!(client.apps_app_id_get("bash"))).await?;
    run.same("apps_app_id_get: no id in the answer", &bash.id, &None);
    run.same(
        "apps_app_id_get bash = its apps_get entry",
        &App {
            id: None,
            ..listed_bash
        },
        &bash,
    );

    // A new app, set whole, read back, turned off, removed.
    let id = format!("conformance{tag}");
    run.fails(&[404], call!(client.apps_app_id_get(&id))).await;
    let wanted = AppRequest {
        active: true,
        priority: 5,
        title: "Conformance App".into(),
        icon: "mdi-test-tube".into(),
        color: "red".into(),
        dark_color: "blue".into(),
        path: "/bin/echo".into(),
        args: vec!["-n".into(), "conformance".into()],
        extra: Default::default(),
    };
    // One field stored per try on PostgreSQL (see `NEW_OPTION_FAULT`), all at once on BoltDB.
    let mut stored = false;
    for _ in 0..=10 {
        let put = call!(client.apps_app_id_put(&id, &wanted));
        if run
            .ok_or_server_fault(NEW_OPTION_FAULT, put)
            .await?
            .is_some()
        {
            stored = true;
            break;
        }
    }
    run.check(stored, || {
        format!("apps_app_id_put: {id} was never stored whole")
    });
    let read = run.ok(call!(client.apps_app_id_get(&id))).await?;
    run.same(
        "apps_app_id_put then get",
        &AppRequest::from(&read),
        &wanted,
    );
    let listed = run.ok(call!(client.apps_get())).await?;
    run.check(
        listed
            .iter()
            .any(|a| a.id.as_ref().map(TemplateApp::as_str) == Some(id.as_str())),
        || format!("apps_get: the new app {id} is not listed"),
    );
    let stored = run.ok(call!(client.options_get())).await?;
    run.same(
        "apps_app_id_put stores the title as an option",
        stored.get(&format!("apps.{id}.title")).map(String::as_str),
        Some("Conformance App"),
    );
    run.same(
        "apps_app_id_put stores the args as a JSON list",
        stored.get(&format!("apps.{id}.args")).map(String::as_str),
        Some(r#"["-n","conformance"]"#),
    );

    run.ok(call!(
        client.apps_app_id_active_post(&id, &Activation { active: false })
    ))
    .await?;
    let off = run.ok(call!(client.apps_app_id_get(&id))).await?;
    run.same(
        "apps_app_id_active_post changes active alone",
        &AppRequest::from(&off),
        &AppRequest {
            active: false,
            ..wanted.clone()
        },
    );

    run.ok(call!(client.apps_app_id_delete(&id))).await?;
    run.fails(&[404], call!(client.apps_app_id_get(&id))).await;
    let listed = run.ok(call!(client.apps_get())).await?;
    run.check(
        !listed
            .iter()
            .any(|a| a.id.as_ref().map(TemplateApp::as_str) == Some(id.as_str())),
        || format!("apps_get: the deleted app {id} is still listed"),
    );
    let stored = run.ok(call!(client.options_get())).await?;
    run.check(
        !stored.keys().any(|k| k.starts_with(&format!("apps.{id}."))),
        || format!("apps_app_id_delete left options of {id}"),
    );
    // Removing an unknown app is no error.
    run.ok(call!(client.apps_app_id_delete(&id))).await
}

async fn options(run: &mut Run, client: &Client, tag: u128) -> Step {
    let key = format!("conformance.run{tag}");
    let set = ServerOption::new(key.as_str(), "1");
    let first = call!(client.options_post(&set));
    let answer = match run.ok_or_server_fault(NEW_OPTION_FAULT, first).await? {
        Some(answer) => answer,
        // PostgreSQL: the option was stored all the same; storing it again is an update.
        None => run.ok(call!(client.options_post(&set))).await?,
    };
    run.same("options_post answers the option", &answer, &set);
    let stored = run.ok(call!(client.options_get())).await?;
    run.same(
        "options_get after options_post",
        stored.get(&key).map(String::as_str),
        Some("1"),
    );
    let replaced = ServerOption::new(key.as_str(), "two");
    let answer = run.ok(call!(client.options_post(&replaced))).await?;
    run.same("options_post replacing a value", &answer, &replaced);
    let again = run.ok(call!(client.options_get())).await?;
    run.same(
        "options_get after replacing",
        again.get(&key).map(String::as_str),
        Some("two"),
    );
    run.same(
        "options_post changed nothing else",
        again.len(),
        stored.len(),
    );
    Ok(())
}

async fn runners(run: &mut Run, client: &Client, tag: u128) -> Step {
    let before = run.ok(call!(client.runners_get())).await?;
    let wanted = RunnerRequest {
        name: format!("conformance-{tag}"),
        webhook: String::new(),
        max_parallel_tasks: 2,
        active: false,
        extra: Default::default(),
    };
    let created = run.ok(call!(client.runners_post(&wanted))).await?;
    run.check(!created.token.is_empty(), || {
        "runners_post: the answer has no token".into()
    });
    run.check(created.id.get() > 0, || "runners_post: no id".into());
    run.same("runners_post: global", created.project_id, None);
    run.same(
        "runners_post answers what was sent",
        RunnerRequest::from(&created),
        wanted.clone(),
    );
    let read = run
        .ok(call!(client.runners_runner_id_get(created.id)))
        .await?;
    run.same(
        "runners_runner_id_get = the creation's answer, without the token",
        &read,
        &Runner {
            token: Secret::default(),
            ..created.clone()
        },
    );
    let listed = run.ok(call!(client.runners_get())).await?;
    run.same("runners_get: one more", listed.len(), before.len() + 1);
    run.check(
        listed.contains(&read) && listed.iter().all(|r| r.token.is_empty()),
        || "runners_get: the new runner is missing, or a token is listed".into(),
    );

    // The runner's own API, with the token of the creation.
    let token = created.token.clone();
    let state = run.ok(call!(client.internal_runners_get(&token))).await?;
    run.check(
        state.new_jobs.is_empty() && state.current_jobs.is_empty(),
        || format!("internal_runners_get: an inactive runner has jobs: {state:?}"),
    );
    run.fails(
        &[401],
        call!(client.internal_runners_get(&Secret::default())),
    )
    .await;
    run.fails(
        &[404],
        call!(client.internal_runners_get(&Secret::new(format!("conformance-wrong-{tag}")))),
    )
    .await;
    // A report of a task the server does not run is skipped.
    let progress = RunnerProgress {
        jobs: vec![JobProgress {
            id: TaskId(i64::from(i32::MAX)),
            status: TaskStatus::Success,
            log_records: vec![LogRecord {
                time: "2024-10-25T10:11:12Z".into(),
                message: "conformance".into(),
            }],
        }],
    };
    run.ok(call!(client.internal_runners_put(&token, &progress)))
        .await?;
    run.ok(call!(
        client.internal_runners_put(&token, &RunnerProgress::default())
    ))
    .await?;
    run.fails(
        &[404],
        call!(
            client
                .internal_runners_put(&Secret::new(format!("conformance-wrong-{tag}")), &progress)
        ),
    )
    .await;

    // Activation changes `active` alone.
    run.ok(call!(client.runners_runner_id_active_post(
        created.id,
        &Activation { active: true }
    )))
    .await?;
    let on = run
        .ok(call!(client.runners_runner_id_get(created.id)))
        .await?;
    run.same(
        "runners_runner_id_active_post",
        &on,
        &Runner {
            active: true,
            ..read.clone()
        },
    );
    run.ok(call!(client.runners_runner_id_active_post(
        created.id,
        &Activation { active: false }
    )))
    .await?;

    // An update overwrites the rest.
    let changed = RunnerRequest {
        name: format!("conformance-{tag}-renamed"),
        webhook: "http://127.0.0.1:9/conformance".into(),
        max_parallel_tasks: 3,
        active: false,
        extra: Default::default(),
    };
    run.ok(call!(client.runners_runner_id_put(created.id, &changed)))
        .await?;
    let updated = run
        .ok(call!(client.runners_runner_id_get(created.id)))
        .await?;
    run.same(
        "runners_runner_id_put then get",
        RunnerRequest::from(&updated),
        changed,
    );
    run.same("runners_runner_id_put keeps the id", updated.id, created.id);
    // BoltDB servers erase the token on update; SQL servers keep it.
    run.ok_or_server_fault(&[404], call!(client.internal_runners_get(&token)))
        .await?;

    run.ok(call!(client.runners_runner_id_delete(created.id)))
        .await?;
    run.fails(&[404], call!(client.runners_runner_id_get(created.id)))
        .await;
    run.fails(&[404], call!(client.runners_runner_id_delete(created.id)))
        .await;
    run.fails(&[404], call!(client.internal_runners_get(&token)))
        .await;
    let after = run.ok(call!(client.runners_get())).await?;
    run.same("runners_get after the delete", after.len(), before.len());
    Ok(())
}

/// A runner registering itself, then unregistering.
async fn registration(run: &mut Run, client: &Client) -> Step {
    run.fails(
        &[400],
        call!(client.internal_runners_post(&RunnerRegistration::new("conformance-wrong-token"))),
    )
    .await;
    let Ok(registration_token) = std::env::var("SEMAPHORE_RUNNER_REGISTRATION_TOKEN") else {
        run.check(false, || {
            "internal_runners_post: SEMAPHORE_RUNNER_REGISTRATION_TOKEN is not set, so runner \
             registration was not exercised (give the server a runner_registration_token and \
             the suite the same value)"
                .into()
        });
        return Ok(());
    };
    let before = run.ok(call!(client.runners_get())).await?;
    let registered = run
        .ok(call!(client.internal_runners_post(&RunnerRegistration {
            registration_token: Secret::new(registration_token),
            webhook: String::new(),
            max_parallel_tasks: 4,
        })))
        .await?;
    run.check(!registered.token.is_empty(), || {
        "internal_runners_post: no token".into()
    });
    let listed = run.ok(call!(client.runners_get())).await?;
    let new: Vec<&Runner> = listed
        .iter()
        .filter(|r| !before.iter().any(|b| b.id == r.id))
        .collect();
    run.check(
        new.len() == 1 && !new[0].active && new[0].max_parallel_tasks == 4,
        || format!("runners_get after a registration: expected one inactive runner, got {new:?}"),
    );
    let state = run
        .ok(call!(client.internal_runners_get(&registered.token)))
        .await?;
    run.check(state.new_jobs.is_empty(), || {
        "internal_runners_get: a new runner has jobs".into()
    });
    run.ok(call!(client.internal_runners_delete(&registered.token)))
        .await?;
    run.fails(
        &[404],
        call!(client.internal_runners_get(&registered.token)),
    )
    .await;
    run.fails(
        &[404],
        call!(client.internal_runners_delete(&registered.token)),
    )
    .await;
    let after = run.ok(call!(client.runners_get())).await?;
    run.same("runners_get after unregistering", after.len(), before.len());
    Ok(())
}

/// The task pool: nothing runs after the scenario, so both lists are empty and equal.
async fn tasks(run: &mut Run, client: &Client) -> Step {
    let pool = run.ok(call!(client.tasks_get())).await?;
    let by_id = run
        .ok(call!(client.tasks_task_id_get(TaskId(i64::from(i32::MAX)))))
        .await?;
    run.same("tasks_task_id_get answers the whole list", &by_id, &pool);
    // Stopping a task that is not in the pool does nothing.
    run.ok(call!(
        client.tasks_task_id_delete(TaskId(i64::from(i32::MAX)))
    ))
    .await?;
    let after = run.ok(call!(client.tasks_get())).await?;
    run.same("tasks_get after stopping nothing", after, pool);
    Ok(())
}

/// The public webhook, without credentials, for an alias that names no integration.
async fn webhook(run: &mut Run, tag: u128) -> Step {
    let public = Client::new(run.recorder.url()).map_err(|e| Stop(e.to_string()))?;
    let alias = format!("conformance{tag}");
    run.ok(call!(public.integrations_integration_alias_get(&alias)))
        .await?;
    run.ok(call!(public.integrations_integration_alias_post(
        &alias,
        &serde_json::json!({"ref": "refs/heads/main", "conformance": true}),
    )))
    .await?;
    Ok(())
}

async fn oidc(run: &mut Run, client: &Client) -> Step {
    let redirect = run
        .ok(call!(
            client.auth_oidc_provider_id_redirect_redirect_path_get(
                "none",
                "project/1/history",
                None,
                None,
            )
        ))
        .await?;
    run.same(
        "OIDC redirect with a path, without state",
        redirect.location(),
        "/auth/login",
    );
    Ok(())
}

/// A plain user lists the apps and is refused the rest.
async fn refused_to_users(run: &mut Run, client: &Client, tag: u128) -> Step {
    let login = format!("conformance-plain-{tag}");
    let password = "fake-password-3";
    let user = run
        .ok(call!(client.users_post(&UserRequest::new(
            login.clone(),
            "Conformance Plain User",
            format!("{login}@example.com"),
            password,
        ))))
        .await?;
    let plain = Client::new(run.recorder.url()).map_err(|e| Stop(e.to_string()))?;
    run.ok(call!(
        plain.auth_login_post(&Login::new(login.as_str(), password))
    ))
    .await?;
    let apps = run.ok(call!(plain.apps_get())).await?;
    run.check(!apps.is_empty(), || {
        "apps_get as a plain user: empty".into()
    });
    run.fails(&[403], call!(plain.apps_app_id_get("bash")))
        .await;
    run.fails(
        &[403],
        call!(plain.apps_app_id_put("bash", &AppRequest::new("Bash", ""))),
    )
    .await;
    run.fails(
        &[403],
        call!(plain.apps_app_id_active_post("bash", &Activation { active: false })),
    )
    .await;
    run.fails(&[403], call!(plain.apps_app_id_delete("bash")))
        .await;
    run.fails(&[403], call!(plain.options_get())).await;
    run.fails(
        &[403],
        call!(plain.options_post(&ServerOption::new("conformance.refused", "1"))),
    )
    .await;
    run.fails(&[403], call!(plain.runners_get())).await;
    run.fails(
        &[403],
        call!(plain.runners_post(&RunnerRequest::new("refused"))),
    )
    .await;
    run.fails(&[403], call!(plain.runners_runner_id_get(RunnerId(1))))
        .await;
    run.fails(
        &[403],
        call!(plain.runners_runner_id_put(RunnerId(1), &RunnerRequest::new("refused"))),
    )
    .await;
    run.fails(
        &[403],
        call!(plain.runners_runner_id_active_post(RunnerId(1), &Activation { active: false })),
    )
    .await;
    run.fails(&[403], call!(plain.runners_runner_id_delete(RunnerId(1))))
        .await;
    run.fails(&[403], call!(plain.tasks_get())).await;
    run.fails(&[403], call!(plain.tasks_task_id_get(TaskId(1))))
        .await;
    run.fails(&[403], call!(plain.tasks_task_id_delete(TaskId(1))))
        .await;
    // The app stayed as it was.
    let bash = run.ok(call!(client.apps_app_id_get("bash"))).await?;
    run.check(bash.priority > 0, || {
        "apps_app_id_get bash after the refusals: priority reset".into()
    });
    run.ok(call!(client.users_user_id_delete(user.id))).await?;
    Ok(())
}
