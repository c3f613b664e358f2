//! Running a real Ansible playbook on a real Semaphore server (only when `SEMAPHORE_URL` is
//! set; `SEMAPHORE_USER`/`SEMAPHORE_PASSWORD` default to admin/changeme). The server must run
//! on this machine: the template's repository is a local git directory.

use std::time::Duration;

use semaphore_api::*;
use semaphore_api_examples::setup;

#[tokio::test]
async fn a_real_playbook_run_followed_live_and_waited_for() {
    let Ok(url) = std::env::var("SEMAPHORE_URL") else {
        eprintln!("skipped: SEMAPHORE_URL is not set");
        return;
    };
    let user = std::env::var("SEMAPHORE_USER").unwrap_or_else(|_| "admin".into());
    let password = std::env::var("SEMAPHORE_PASSWORD").unwrap_or_else(|_| "changeme".into());
    let client = Client::new(&url).unwrap();
    client
        .auth_login_post(&Login::new(user, password))
        .await
        .unwrap();
    let repo = setup::playbook_repository("tasks-real").unwrap();
    let name = format!("tasks-real-{}", std::process::id());
    let (project, template) = setup::project_with_template(
        &client,
        &name,
        &repo.display().to_string(),
        setup::PLAYBOOK_PATH,
    )
    .await
    .unwrap();
    let template = template.id;

    // Success, followed over the socket with the session cookie.
    let task = client
        .run_task(project, &TaskRequest::new(template))
        .await
        .unwrap();
    let mut stream = task.follow();
    let mut followed = Vec::new();
    while let Some(line) = stream.next().await {
        followed.push(line.unwrap());
    }
    let finished = task.wait(Duration::from_secs(300)).await.unwrap();
    assert!(
        finished.end.is_some(),
        "wait returns the task with its end: {finished:?}"
    );
    assert_eq!(finished.status, TaskStatus::Success, "{followed:#?}");
    let stored = settled_output(&task).await;
    let texts: Vec<&str> = followed.iter().map(|l| l.output.as_str()).collect();
    // A followed line has no line ending; the server's own stored lines carry one.
    let expected: Vec<&str> = stored
        .iter()
        .map(|l| l.output.trim_end_matches('\n').trim_end_matches('\r'))
        .collect();
    assert_eq!(texts, expected, "the followed lines are the stored output");
    let messages: Vec<&str> = setup::EXPECTED_MESSAGES
        .iter()
        .filter_map(|m| {
            texts
                .iter()
                .find(|t| t.contains(&format!("\"msg\": \"{m}\"")))
                .map(|_| *m)
        })
        .collect();
    assert_eq!(messages, setup::EXPECTED_MESSAGES);
    let msg_lines = texts
        .iter()
        .filter(|t| t.contains("\"msg\": \"line "))
        .count();
    assert_eq!(msg_lines, 6, "each debug message once: {texts:#?}");
    eprintln!(
        "success run: {} lines followed, {} stored",
        followed.len(),
        stored.len()
    );
    for line in &followed {
        eprintln!("  {} | {}", line.time, line.output);
    }

    // Failure, with a bearer token on the socket.
    let token = client.user_tokens_post().await.unwrap();
    let bearer = Client::builder(&url)
        .bearer_token(token.id.expose_secret())
        .build()
        .unwrap();
    let mut request = TaskRequest::new(template);
    request.environment = Some(r#"{"fail": true}"#.into());
    let failing = bearer.run_task(project, &request).await.unwrap();
    let mut stream = failing.follow();
    let mut followed = Vec::new();
    while let Some(line) = stream.next().await {
        followed.push(line.unwrap().output);
    }
    let finished = failing.wait(Duration::from_secs(300)).await.unwrap();
    assert!(
        finished.end.is_some(),
        "wait returns the task with its end: {finished:?}"
    );
    assert_eq!(finished.status, TaskStatus::Error);
    let stored: Vec<String> = settled_output(&failing)
        .await
        .into_iter()
        .map(|l| l.output.trim_end_matches('\n').to_owned())
        .collect();
    assert_eq!(followed, stored);
    assert!(
        followed.iter().any(|l| l.contains("failing as asked")),
        "{followed:#?}"
    );
    eprintln!(
        "failure run: {} lines, ends: {:?}",
        followed.len(),
        &followed[followed.len().saturating_sub(3)..]
    );

    // A deadline shorter than the run.
    let slow = client
        .run_task(project, &TaskRequest::new(template))
        .await
        .unwrap();
    let err = slow.wait(Duration::from_millis(50)).await.unwrap_err();
    assert!(err.is_timeout(), "{err}");
    eprintln!("deadline: {err}");
    let finished = slow.wait(Duration::from_secs(300)).await.unwrap();
    assert!(
        finished.end.is_some(),
        "wait returns the task with its end: {finished:?}"
    );
    assert!(finished.status.is_success());
    client
        .user_tokens_api_token_id_delete(token.id.expose_secret())
        .await
        .unwrap();
}

/// The stored output once it stops growing: the server stores lines a moment after it sends
/// them on the socket.
async fn settled_output(task: &TaskHandle) -> Vec<TaskOutput> {
    let mut last = task.output().await.unwrap();
    loop {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = task.output().await.unwrap();
        if now.len() == last.len() {
            return now;
        }
        last = now;
    }
}
