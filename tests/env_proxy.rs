//! The proxy environment variables: one test in its own binary, because they are the
//! process's. `HTTP_PROXY` is followed by default and ignored with `no_proxy()`; `NO_PROXY`
//! exempts hosts; a task's socket follows `HTTP_PROXY` as the REST calls do.

use semaphore_api::testkit::scripted::{Reply, ScriptedServer, Then, closing_response};
use semaphore_api::testkit::{DEFAULT_PASSWORD, DEFAULT_USER, StandIn};
use semaphore_api::{AuthenticationApi, Client, Login, TaskRequest};

const TOKENS: &str = r#"[{"id":"t","created":"2024-10-25T10:11:12Z","expired":false,"user_id":1}]"#;

#[test]
fn the_environments_proxy_is_followed_unless_no_proxy() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let proxy = ScriptedServer::forward_proxy().await;
        let server = ScriptedServer::always(Reply::Send {
            bytes: closing_response("200 OK", &[], TOKENS.as_bytes()),
            then: Then::Close,
        })
        .await;
        // SAFETY: this binary's only test sets them before any client reads them, and no
        // other thread reads the environment meanwhile (a current-thread runtime).
        unsafe {
            for name in [
                "http_proxy",
                "https_proxy",
                "all_proxy",
                "no_proxy",
                "NO_PROXY",
            ] {
                std::env::remove_var(name);
            }
            std::env::set_var("HTTP_PROXY", proxy.origin());
            std::env::set_var("NO_PROXY", "127.0.0.1");
        }

        // Followed by default: the call to an unknown host goes to the proxy.
        let client = Client::new("http://semaphore.invalid/api").unwrap();
        assert_eq!(client.user_tokens_get().await.unwrap().len(), 1);
        let seen = proxy.requests();
        assert_eq!(seen.len(), 1, "{seen:?}");
        assert_eq!(seen[0].target, "http://semaphore.invalid/api/user/tokens");

        // no_proxy(): direct, to the server on 127.0.0.1.
        let direct = Client::builder(&server.base_url)
            .no_proxy()
            .build()
            .unwrap();
        assert_eq!(direct.user_tokens_get().await.unwrap().len(), 1);
        assert_eq!(server.accepted(), 1);
        assert_eq!(proxy.requests().len(), 1);

        // NO_PROXY: an exempt host is reached directly, without no_proxy().
        let exempt = Client::new(&server.base_url).unwrap();
        assert_eq!(exempt.user_tokens_get().await.unwrap().len(), 1);
        assert_eq!(server.accepted(), 2);
        assert_eq!(proxy.requests().len(), 1);

        // A task followed through the environment's proxy: the socket's upgrade goes there.
        let relay = ScriptedServer::relaying_proxy().await;
        let stand_in = StandIn::start().await.unwrap();
        // SAFETY: as above.
        unsafe {
            std::env::set_var("HTTP_PROXY", relay.origin());
        }
        let port = stand_in
            .url()
            .rsplit_once(':')
            .unwrap()
            .1
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        let client = Client::new(format!("http://semaphore.invalid:{port}/api")).unwrap();
        client
            .auth_login_post(&Login::new(DEFAULT_USER, DEFAULT_PASSWORD))
            .await
            .unwrap();
        let (project, template) = semaphore_api_examples::setup::project_with_template(
            &client,
            "proxied",
            "/tmp/none",
            semaphore_api_examples::setup::PLAYBOOK_PATH,
        )
        .await
        .unwrap();
        let task = client
            .run_task(project, &TaskRequest::new(template.id))
            .await
            .unwrap();
        let mut lines = task.follow();
        while let Some(line) = lines.next().await {
            line.unwrap();
        }
        let upgrades = relay
            .requests()
            .iter()
            .filter(|r| r.target == format!("http://semaphore.invalid:{port}/api/ws"))
            .count();
        assert_eq!(upgrades, 1, "{:?}", relay.requests());
        let accepted = stand_in.requests();
        assert!(
            accepted
                .iter()
                .any(|r| r.path == "/api/ws" && r.status == 101)
        );
    });
}
