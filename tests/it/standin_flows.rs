//! The whole AuthenticationApi against the stand-in server: flows, not single calls.

use semaphore_api::testkit::{
    Credential, DEFAULT_PASSWORD, DEFAULT_USER, OidcProvider, StandIn, User,
};
use semaphore_api::{AuthenticationApi, Client, Login};

async fn logged_in(server: &StandIn, user: &str, password: &str) -> Client {
    let client = Client::new(server.url()).unwrap();
    client
        .auth_login_post(&Login::new(user, password))
        .await
        .unwrap();
    client
}

#[tokio::test]
async fn cookie_session_from_login_to_logout() {
    let server = StandIn::start().await.unwrap();
    let client = Client::new(server.url()).unwrap();
    let metadata = client.auth_login_get().await.unwrap();
    assert!(metadata.login_with_password && metadata.oidc_providers.is_empty());

    assert!(
        client
            .user_tokens_get()
            .await
            .unwrap_err()
            .is_unauthorized()
    );
    client
        .auth_login_post(&Login::new(DEFAULT_USER, DEFAULT_PASSWORD))
        .await
        .unwrap();
    assert!(client.user_tokens_get().await.unwrap().is_empty());
    let token = client.user_tokens_post().await.unwrap();
    assert_eq!(token.id.expose_secret().len(), 44);
    assert_eq!(client.user_tokens_get().await.unwrap(), vec![token]);

    client.auth_logout_post().await.unwrap();
    assert!(!client.has_session());
    assert!(
        client
            .user_tokens_get()
            .await
            .unwrap_err()
            .is_unauthorized()
    );

    let credentials: Vec<Credential> = server.requests().iter().map(|r| r.credential).collect();
    assert_eq!(
        credentials,
        [
            Credential::None,                   // metadata: #[no_auth]
            Credential::None,                   // tokens before login: 401
            Credential::None,                   // login: #[no_auth]
            Credential::Cookie { valid: true }, // list
            Credential::Cookie { valid: true }, // create
            Credential::Cookie { valid: true }, // list
            Credential::None,                   // logout: #[no_auth], as the server reads none
            Credential::None,                   // list after logout: 401
        ]
    );
}

#[tokio::test]
async fn a_token_created_in_a_session_then_used_alone_then_expired() {
    let server = StandIn::start().await.unwrap();
    let session = logged_in(&server, "admin@EXAMPLE.com", DEFAULT_PASSWORD).await;
    let token = session.user_tokens_post().await.unwrap();

    let bearer = Client::builder(server.url())
        .bearer_token(token.id.clone())
        .build()
        .unwrap();
    assert_eq!(bearer.user_tokens_get().await.unwrap().len(), 1);
    bearer
        .user_tokens_api_token_id_delete(token.id.expose_secret())
        .await
        .unwrap();
    let err = bearer.user_tokens_get().await.unwrap_err();
    assert!(
        err.is_unauthorized(),
        "an expired token must be refused: {err:?}"
    );

    // Still listed, as expired, for the session.
    let tokens = session.user_tokens_get().await.unwrap();
    assert!(tokens[0].expired);
    let last = server.requests().pop().unwrap();
    assert_eq!(last.credential, Credential::Cookie { valid: true });
    let refused = &server.requests()[server.requests().len() - 2];
    assert_eq!(refused.credential, Credential::Bearer { valid: false });
}

#[tokio::test]
async fn wrong_password_and_unknown_user_are_unauthorized() {
    let server = StandIn::start().await.unwrap();
    let client = Client::new(server.url()).unwrap();
    for (user, password) in [
        (DEFAULT_USER, "wrong"),
        ("nobody", DEFAULT_PASSWORD),
        ("", ""),
    ] {
        let err = client
            .auth_login_post(&Login::new(user, password))
            .await
            .unwrap_err();
        assert!(err.is_unauthorized(), "{user}: {err:?}");
        assert!(!client.has_session());
    }
}

#[tokio::test]
async fn two_users_in_concurrent_sessions_see_only_their_tokens() {
    let server = StandIn::builder()
        .user(User::new("alice", "alice@example.com", "wonderland", false))
        .start()
        .await
        .unwrap();
    let (admin, alice) = tokio::join!(
        logged_in(&server, DEFAULT_USER, DEFAULT_PASSWORD),
        logged_in(&server, "alice", "wonderland")
    );
    let (a, b) = tokio::join!(
        tokio::spawn({
            let admin = admin.clone();
            async move { admin.user_tokens_post().await }
        }),
        tokio::spawn({
            let alice = alice.clone();
            async move { alice.user_tokens_post().await }
        })
    );
    let (admin_token, alice_token) = (a.unwrap().unwrap(), b.unwrap().unwrap());
    assert_eq!(
        admin.user_tokens_get().await.unwrap(),
        vec![admin_token.clone()]
    );
    assert_eq!(
        alice.user_tokens_get().await.unwrap(),
        vec![alice_token.clone()]
    );
    assert_ne!(admin_token.user_id, alice_token.user_id);

    // Alice cannot expire the admin's token: on SQL backends that is a silent 204.
    alice
        .user_tokens_api_token_id_delete(admin_token.id.expose_secret())
        .await
        .unwrap();
    assert!(!admin.user_tokens_get().await.unwrap()[0].expired);
}

#[tokio::test]
async fn bolt_db_flavour_and_oidc_redirects() {
    let server = StandIn::builder()
        .bolt_db_backend(true)
        .oidc_provider(OidcProvider::new("mysso", "Sign in with MySSO"))
        .start()
        .await
        .unwrap();
    let client = logged_in(&server, DEFAULT_USER, DEFAULT_PASSWORD).await;
    let token = client.user_tokens_post().await.unwrap();
    assert_eq!(token.created, "0001-01-01T00:00:00Z");
    let err = client
        .user_tokens_api_token_id_delete("unknown")
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");

    let metadata = client.auth_login_get().await.unwrap();
    assert_eq!(metadata.oidc_providers[0].id, "mysso");
    let start = client
        .auth_oidc_provider_id_login_get("mysso", None)
        .await
        .unwrap();
    assert_eq!(start.status().as_u16(), 307);
    let url = start.resolve().unwrap();
    assert_eq!(url.host_str(), Some("mysso.example.com"));
    let keys: Vec<String> = url.query_pairs().map(|(k, _)| k.into_owned()).collect();
    assert_eq!(
        keys,
        [
            "client_id",
            "redirect_uri",
            "response_type",
            "scope",
            "state"
        ]
    );

    let unknown = client
        .auth_oidc_provider_id_login_get("nope", None)
        .await
        .unwrap();
    assert_eq!(unknown.location(), "/auth/login");
    assert!(unknown.resolve().unwrap().as_str().ends_with("/auth/login"));
    let finish = client
        .auth_oidc_provider_id_redirect_get("mysso", None, None)
        .await
        .unwrap();
    assert_eq!(finish.location(), "/auth/login", "no code: the flow fails");
}

#[tokio::test]
async fn projects_and_templates_with_the_real_statuses() {
    use semaphore_api::{
        AccessKeySort, InventoryRequest, InventoryType, ProjectApi, ProjectId, ProjectRequest,
        ProjectsApi, RepositoryRequest, RepositorySort, SortOrder, TemplateId, TemplateRequest,
        TemplateSort,
    };

    let server = StandIn::start().await.unwrap();
    let client = logged_in(&server, DEFAULT_USER, DEFAULT_PASSWORD).await;
    let project = client
        .projects_post(&ProjectRequest::new("infra"))
        .await
        .unwrap();
    assert_eq!((project.id, project.name.as_str()), (ProjectId(1), "infra"));
    let read = client.project_project_id_get(ProjectId(1)).await.unwrap();
    assert_eq!((read.id, read.name.as_str()), (project.id, "infra"));
    // an administrator's read of a missing project: 400 on the SQL flavour, as on the server
    assert!(
        client
            .project_project_id_get(ProjectId(2))
            .await
            .unwrap_err()
            .is_bad_request()
    );

    // what a template needs: the project's `None` key, a repository, an inventory
    let p = project.id;
    let keys = client
        .project_project_id_keys_get(p, Some(AccessKeySort::Name), Some(SortOrder::Asc))
        .await
        .unwrap();
    let none = keys
        .iter()
        .find(|k| k.name == "None")
        .expect("made with the project")
        .id;
    client
        .project_project_id_repositories_post(
            p,
            &RepositoryRequest::new("playbooks", "/srv/playbooks", "", none),
        )
        .await
        .unwrap();
    let repository = client
        .project_project_id_repositories_get(p, Some(RepositorySort::Name), Some(SortOrder::Asc))
        .await
        .unwrap()[0]
        .id;
    let inventory = client
        .project_project_id_inventory_post(
            p,
            &InventoryRequest {
                ssh_key_id: Some(none),
                ..InventoryRequest::new("hosts", InventoryType::Static, "localhost")
            },
        )
        .await
        .unwrap()
        .id;

    for name in ["beta", "alpha", "gamma"] {
        let request = TemplateRequest::ansible(name, format!("{name}.yml"), repository, inventory);
        let template = client
            .project_project_id_templates_post(p, &request)
            .await
            .unwrap();
        assert_eq!(template.name, name);
    }
    let names = |templates: Vec<semaphore_api::TemplateSummary>| {
        templates.into_iter().map(|t| t.name).collect::<Vec<_>>()
    };
    let asc = client
        .project_project_id_templates_get(
            ProjectId(1),
            Some(TemplateSort::Name),
            Some(SortOrder::Asc),
        )
        .await
        .unwrap();
    assert_eq!(names(asc), ["alpha", "beta", "gamma"]);
    let desc = client
        .project_project_id_templates_get(
            ProjectId(1),
            Some(TemplateSort::Name),
            Some(SortOrder::Desc),
        )
        .await
        .unwrap();
    assert_eq!(names(desc), ["gamma", "beta", "alpha"]);
    let one = client
        .project_project_id_templates_template_id_get(ProjectId(1), TemplateId(2))
        .await
        .unwrap();
    assert_eq!(one.name, "alpha");
    assert_eq!(client.projects_get().await.unwrap().len(), 1);

    let anonymous = Client::new(server.url()).unwrap();
    assert!(
        anonymous
            .projects_get()
            .await
            .unwrap_err()
            .is_unauthorized()
    );
    let log = server.requests();
    assert!(
        log.iter()
            .any(|r| r.query.as_deref() == Some("sort=name&order=desc")),
        "{log:?}"
    );
}

#[tokio::test]
async fn a_session_kept_past_logout_still_works_as_on_the_real_server() {
    let server = StandIn::start().await.unwrap();
    let client = logged_in(&server, DEFAULT_USER, DEFAULT_PASSWORD).await;
    let kept = client.session_cookie().unwrap();
    client.auth_logout_post().await.unwrap();
    assert!(!client.has_session(), "logout clears the client's cookie");

    // The server did not end the session: a client given the old cookie is still logged in.
    let resumed = Client::builder(server.url())
        .session_cookie(kept)
        .build()
        .unwrap();
    assert!(resumed.user_tokens_get().await.unwrap().is_empty());

    // Until the session expires (7 idle days, or 30 in all, on the real server).
    server.expire_sessions();
    let err = resumed.user_tokens_get().await.unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    let statuses: Vec<(Credential, u16)> = server
        .requests()
        .iter()
        .rev()
        .take(2)
        .map(|r| (r.credential, r.status))
        .collect();
    assert_eq!(
        statuses,
        [
            (Credential::Cookie { valid: false }, 401),
            (Credential::Cookie { valid: true }, 200)
        ]
    );

    // A new login gives a new session.
    resumed
        .auth_login_post(&Login::new(DEFAULT_USER, DEFAULT_PASSWORD))
        .await
        .unwrap();
    assert!(resumed.user_tokens_get().await.is_ok());
}

#[tokio::test]
async fn a_bearer_client_outlives_sessions_and_its_own_logout() {
    let server = StandIn::start().await.unwrap();
    let session = logged_in(&server, DEFAULT_USER, DEFAULT_PASSWORD).await;
    let token = session.user_tokens_post().await.unwrap();
    let bearer = Client::builder(server.url())
        .bearer_token(token.id.clone())
        .build()
        .unwrap();

    server.expire_sessions();
    assert!(
        session
            .user_tokens_get()
            .await
            .unwrap_err()
            .is_unauthorized()
    );
    bearer.auth_logout_post().await.unwrap();
    let tokens = bearer.user_tokens_get().await.unwrap();
    assert_eq!(
        tokens,
        vec![token.clone()],
        "logout does not expire a token"
    );
    assert!(!tokens[0].expired);
}

#[tokio::test]
async fn the_request_log_tells_what_each_client_sent_and_shows_no_secret() {
    let server = StandIn::start().await.unwrap();
    let session = logged_in(&server, DEFAULT_USER, DEFAULT_PASSWORD).await;
    let cookie = session.session_cookie().unwrap();
    let token = session.user_tokens_post().await.unwrap();
    let bearer = Client::builder(server.url())
        .bearer_token(token.id.clone())
        .build()
        .unwrap();
    bearer.user_tokens_get().await.unwrap();
    bearer
        .user_tokens_api_token_id_delete(token.id.expose_secret())
        .await
        .unwrap();
    let refused = bearer.user_tokens_get().await.unwrap_err();
    assert!(refused.is_unauthorized(), "{refused:?}");

    let log = server.requests();
    let seen: Vec<(&str, &str, Credential, u16)> = log
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str(), r.credential, r.status))
        .collect();
    // The client percent-encodes the id's closing `=`; the log keeps the path as sent.
    let id = token.id.expose_secret();
    let delete_path = format!("/api/user/tokens/{}%3D", id.strip_suffix('=').unwrap());
    let (valid, invalid) = (
        Credential::Bearer { valid: true },
        Credential::Bearer { valid: false },
    );
    assert_eq!(
        seen,
        [
            ("POST", "/api/auth/login", Credential::None, 204),
            (
                "POST",
                "/api/user/tokens",
                Credential::Cookie { valid: true },
                201
            ),
            ("GET", "/api/user/tokens", valid, 200),
            ("DELETE", delete_path.as_str(), valid, 204),
            ("GET", "/api/user/tokens", invalid, 401),
        ]
    );
    let shown = format!("{log:?} {server:?}");
    assert!(
        !shown.contains(&id[..43]),
        "the Debug output shows the token"
    );
    assert!(
        !shown.contains(cookie.expose_secret()),
        "the Debug output shows the cookie"
    );
    assert!(
        !shown.contains(DEFAULT_PASSWORD),
        "the Debug output shows the password"
    );
}

#[tokio::test]
async fn a_route_the_stand_in_does_not_model_says_how_to_script_it_and_then_answers_so() {
    use semaphore_api::{ProjectApi, ProjectRequest, ProjectsApi};

    let server = StandIn::start().await.unwrap();
    let client = logged_in(&server, DEFAULT_USER, DEFAULT_PASSWORD).await;
    let project = client
        .projects_post(&ProjectRequest::new("views"))
        .await
        .unwrap()
        .id;
    let err = client
        .project_project_id_views_get(project)
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(501));
    let message = err.server_message().unwrap().to_owned();
    let route = "/api/project/{project_id}/views";
    assert!(
        message.contains(&format!(
            "StandIn::script_route(\"GET\", \"{route}\", status, body)"
        )),
        "{message}"
    );

    let view =
        serde_json::json!({"id": 4, "project_id": project.0, "title": "Deploys", "position": 0});
    server.script_route("GET", route, 200, Some(serde_json::json!([view])));
    let views = client.project_project_id_views_get(project).await.unwrap();
    assert_eq!((views.len(), views[0].title.as_str()), (1, "Deploys"));
    // The real route's checks still come first: a credential, then the project.
    let anonymous = Client::new(server.url()).unwrap();
    let err = anonymous
        .project_project_id_views_get(project)
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    let other = semaphore_api::ProjectId(project.0 + 100);
    assert!(client.project_project_id_views_get(other).await.is_err());
    // Another method of the same route is still not modelled.
    let err = client
        .project_project_id_views_post(project, &semaphore_api::ViewRequest::new("x"))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(501));
}

#[tokio::test]
#[should_panic(expected = "not a route the stand-in leaves unmodelled")]
async fn scripting_a_route_that_is_no_such_route_panics_rather_than_script_nothing() {
    let server = StandIn::start().await.unwrap();
    server.script_route("GET", "/api/project/{id}/views", 200, None);
}
