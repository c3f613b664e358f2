//! The client itself: building it, sharing it, its timeout, and what it never shows.

use std::time::Duration;

use httpmock::MockServer;
use semaphore_api::ErrorKind;
use semaphore_api::{AuthenticationApi, Client, Error, Login};

use crate::mock_server::{api_url, target_is};

#[test]
fn client_is_clone_send_sync_and_static() {
    fn check<T: Clone + Send + Sync + 'static>() {}
    check::<Client>();
}

#[test]
fn bad_base_urls_are_errors_not_panics() {
    for bad in [
        "",
        "localhost:3000/api",
        "ftp://host/api",
        "http://",
        "::",
        "http://user:pw@host/api",
        "http://host/api?x=1",
        "http://host/api#x",
        "http://exa mple.com/api",
    ] {
        match Client::new(bad).map_err(Error::into_kind) {
            Err(ErrorKind::Config { reason }) => assert!(!reason.is_empty()),
            other => panic!("{bad:?}: {other:?}"),
        }
    }
}

#[test]
fn credentials_that_cannot_be_headers_are_errors() {
    let bad = Client::builder("http://localhost:3000/api")
        .bearer_token("tok\r\nX-Evil: 1")
        .build();
    assert!(
        matches!(
            bad.as_ref().map_err(Error::kind),
            Err(ErrorKind::Config { .. })
        ),
        "{bad:?}"
    );
    let bad = Client::builder("http://localhost:3000/api")
        .session_cookie("a; Path=/")
        .build();
    assert!(
        matches!(
            bad.as_ref().map_err(Error::kind),
            Err(ErrorKind::Config { .. })
        ),
        "{bad:?}"
    );
}

#[test]
fn debug_shows_no_secret() {
    let builder = Client::builder("http://localhost:3000/api")
        .bearer_token("secret-token-1")
        .session_cookie("secret-cookie-2");
    let client = Client::builder("http://localhost:3000/api")
        .bearer_token("secret-token-1")
        .session_cookie("secret-cookie-2")
        .build()
        .unwrap();
    let login = Login::new("admin", "secret-password-3");
    let shown = format!("{builder:?} {client:?} {login:?} {:?}", login.password);
    for secret in ["secret-token-1", "secret-cookie-2", "secret-password-3"] {
        assert!(!shown.contains(secret), "{secret} shows in {shown}");
    }
    assert!(shown.contains("[REDACTED]"));
}

#[tokio::test]
async fn base_urls_with_and_without_slash_and_with_a_sub_path() {
    let server = MockServer::start_async().await;
    let root = server.base_url();
    for (base, expected) in [
        (format!("{root}/api"), "/api/auth/logout"),
        (format!("{root}/api/"), "/api/auth/logout"),
        (
            format!("{root}/semaphore/api"),
            "/semaphore/api/auth/logout",
        ),
        (root.clone(), "/api/auth/logout"),
        (format!("{root}/gateway"), "/gateway/auth/logout"),
    ] {
        let logout = server
            .mock_async(|when, then| {
                when.method("POST").is_true(target_is(expected));
                then.status(204);
            })
            .await;
        Client::new(&base)
            .unwrap()
            .auth_logout_post()
            .await
            .unwrap();
        logout.assert_calls_async(1).await;
        logout.delete_async().await;
    }
}

#[tokio::test]
async fn calls_run_inside_tokio_spawn_on_shared_clones() {
    let server = MockServer::start_async().await;
    let deletes = server
        .mock_async(|when, then| {
            when.method("DELETE").path_prefix("/api/user/tokens/t");
            then.status(204);
        })
        .await;
    let client = Client::new(api_url(&server)).unwrap();
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .user_tokens_api_token_id_delete(&format!("t{i}"))
                    .await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    deletes.assert_calls_async(8).await;
}

#[tokio::test]
async fn a_silent_server_is_a_timeout() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/api", listener.local_addr().unwrap());
    let hold = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket); // accepted, never answered
        }
    });
    let client = Client::builder(base)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let err = client.user_tokens_get().await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(err.to_string().contains("GET /user/tokens"), "{err}");
    hold.abort();
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error_without_the_url() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/api", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::new(base).unwrap();
    let err = client
        .user_tokens_api_token_id_delete("secret-token-in-path")
        .await
        .unwrap_err();
    assert!(err.is_connect(), "{err:?}");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("secret-token-in-path"), "{shown}");
    assert!(
        shown.contains("DELETE /user/tokens/{api_token_id}"),
        "{shown}"
    );
}

#[tokio::test]
async fn redirects_are_never_followed() {
    // The other host counts what reaches it.
    let other = MockServer::start_async().await;
    let reached = other
        .mock_async(|when, then| {
            when.any_request();
            then.status(204);
        })
        .await;
    let elsewhere = format!("{}/user/tokens", api_url(&other));
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(302).header("Location", &elsewhere);
        })
        .await;
    let client = Client::builder(api_url(&server))
        .bearer_token("tok")
        .build()
        .unwrap();
    let err = client.user_tokens_get().await.unwrap_err();
    let ErrorKind::Status(e) = err.kind() else {
        panic!("{err:?}")
    };
    assert_eq!(e.status.as_u16(), 302);
    assert_eq!(e.location.as_deref(), Some(elsewhere.as_str()));
    let redirect = client
        .auth_oidc_provider_id_login_get("x", None)
        .await
        .unwrap();
    assert_eq!(redirect.resolve().unwrap().as_str(), elsewhere);
    reached.assert_calls_async(0).await;
}

/// The macro's list of `Client`'s own methods (a trait method of one of these names would never
/// be called) is every `pub fn` of every `impl Client` block of the runtime.
#[test]
fn the_macro_knows_every_method_of_the_client() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut inherent = std::collections::BTreeSet::new();
    let mut stack = vec![std::path::PathBuf::from(root).join("runtime/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let mut in_client = false;
            for line in text.lines() {
                if line.starts_with("impl Client {") {
                    in_client = true;
                } else if line.starts_with('}') {
                    in_client = false;
                } else if in_client {
                    let line = line.trim_start();
                    let rest = line
                        .strip_prefix("pub async fn ")
                        .or_else(|| line.strip_prefix("pub fn "));
                    if let Some(rest) = rest {
                        let name: String = rest
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        inherent.insert(name);
                    }
                }
            }
        }
    }
    let check = std::fs::read_to_string(format!("{root}/macros/src/check.rs")).unwrap();
    let list = check
        .split_once("pub const CLIENT_METHODS")
        .and_then(|(_, rest)| rest.split_once("];"))
        .map(|(list, _)| list)
        .unwrap();
    let known: std::collections::BTreeSet<String> = list
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    assert_eq!(known, inherent);
}
