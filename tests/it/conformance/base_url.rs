//! The base URL as people give it, against the real server (not recorded: these calls are
//! the same operations the scenario records): the server's address and a page of its web UI
//! reach the API; a path that is neither the API's nor a page reaches the web UI, whose HTML
//! answer is refused with its likely cause, not taken for a successful login.

use semaphore_api::ErrorKind;
use semaphore_api::{AuthenticationApi, Client, Login, UserApi};

#[tokio::test]
async fn base_urls_as_a_browser_shows_them() {
    let Ok(url) = std::env::var("SEMAPHORE_URL") else {
        eprintln!("conformance: SEMAPHORE_URL is not set, so no real server is checked (skipped)");
        return;
    };
    let user = std::env::var("SEMAPHORE_USER").unwrap_or_else(|_| "admin".into());
    let password = std::env::var("SEMAPHORE_PASSWORD").unwrap_or_else(|_| "changeme".into());
    let api = url.trim_end_matches('/').to_owned();
    let origin = api.trim_end_matches("/api").to_owned();
    let login = Login::new(user.as_str(), password.as_str());

    for given in [
        origin.clone(),
        format!("{origin}/"),
        format!("{origin}/project/1/history"),
    ] {
        let client = Client::new(&given).unwrap();
        assert_eq!(client.base_url().as_str(), api, "{given}");
        client.auth_login_post(&login).await.unwrap();
        assert_eq!(client.user_get().await.unwrap().username, user, "{given}");
    }

    let ui = Client::new(format!("{origin}/semaphore")).unwrap();
    let err = ui.auth_login_post(&login).await.unwrap_err();
    let ErrorKind::InvalidResponse { reason, .. } = err.kind() else {
        panic!("{err:?}")
    };
    assert!(reason.contains("an HTML page"), "{reason}");
    assert!(
        reason.contains(&format!("{origin}/semaphore/api")),
        "{reason}"
    );
    assert!(!ui.has_session());
}
