//! Signing in and out: the server's ping and info, the login metadata, a wrong password, the
//! OIDC routes, the current user, and an API token used alone; at the end the token deleted
//! and a logout.

use semaphore_api::*;

use super::run::{Run, Step, Stop, call};

/// Signs the run's client in as `user`; the API token it makes, for `sign_out`.
pub async fn sign_in(run: &mut Run, user: &str, password: &str) -> Step<ApiToken> {
    let client = run.client.clone();
    let pong = run.ok(call!(client.ping_get())).await?;
    run.check(pong == "pong", || {
        format!("ping_get answered {pong:?}, not \"pong\"")
    });
    let metadata = run.ok(call!(client.auth_login_get())).await?;
    run.check(metadata.login_with_password, || {
        "auth_login_get: password login is off".into()
    });
    run.fails(
        &[401],
        call!(client.auth_login_post(&Login::new(user, "wrong"))),
    )
    .await;
    run.ok(call!(client.auth_login_post(&Login::new(user, password))))
        .await?;
    oidc(run, &client, &metadata).await?;
    let info = run.ok(call!(client.info_get())).await?;
    run.check(!info.version.is_empty(), || "info_get: no version".into());
    let me = run.ok(call!(client.user_get())).await?;
    run.same("user_get: username", me.username.as_str(), user);

    let token = run.ok(call!(client.user_tokens_post())).await?;
    let tokens = run.ok(call!(client.user_tokens_get())).await?;
    run.check(
        tokens.iter().any(|t| t.id == token.id && !t.expired),
        || "user_tokens_get: the new token is not listed as active".into(),
    );
    let by_token = Client::builder(run.recorder.url())
        .bearer_token(token.id.expose_secret())
        .build()
        .map_err(|e| Stop(e.to_string()))?;
    let me_by_token = run.ok(call!(by_token.user_get())).await?;
    run.same("user_get with the new token", me_by_token.id, me.id);
    Ok(token)
}

/// The OIDC routes end at the login page: for an unknown provider, and for the configured one
/// (`SEMAPHORE_OIDC_PROVIDER`, listed in the login metadata), whose URL nothing answers.
async fn oidc(run: &mut Run, client: &Client, metadata: &LoginMetadata) -> Step {
    let redirect = run
        .ok(call!(client.auth_oidc_provider_id_login_get("none", None)))
        .await?;
    run.same(
        "unknown OIDC provider: redirect",
        redirect.location(),
        "/auth/login",
    );
    let redirect = run
        .ok(call!(
            client.auth_oidc_provider_id_redirect_get("none", None, None)
        ))
        .await?;
    run.same(
        "OIDC redirect without state",
        redirect.location(),
        "/auth/login",
    );
    let Ok(provider) = std::env::var("SEMAPHORE_OIDC_PROVIDER") else {
        return Ok(());
    };
    let listed = metadata.oidc_providers.iter().find(|p| p.id == provider);
    run.check(listed.is_some_and(|p| !p.name.is_empty()), || {
        format!("auth_login_get: provider {provider} is not listed: {metadata:?}")
    });
    let redirect = run
        .ok(call!(client.auth_oidc_provider_id_login_get(
            &provider,
            Some("/project/1/history")
        )))
        .await?;
    run.same(
        "OIDC login with an unreachable provider",
        redirect.location(),
        "/auth/login",
    );
    let state = Secret::new("fake-code");
    let redirect = run
        .ok(call!(client.auth_oidc_provider_id_redirect_get(
            &provider,
            Some("no-such-state"),
            Some(&state),
        )))
        .await?;
    run.same(
        "OIDC redirect with a state the server never made",
        redirect.location(),
        "/auth/login",
    );
    Ok(())
}

/// Deletes the token (then listed as expired) and logs out, after which the client is refused.
pub async fn sign_out(run: &mut Run, token: &ApiToken) -> Step {
    let client = run.client.clone();
    run.ok(call!(
        client.user_tokens_api_token_id_delete(token.id.expose_secret())
    ))
    .await?;
    let tokens = run.ok(call!(client.user_tokens_get())).await?;
    run.check(tokens.iter().any(|t| t.id == token.id && t.expired), || {
        "user_tokens_api_token_id_delete: the token is not listed as expired".into()
    });
    run.ok(call!(client.auth_logout_post())).await?;
    run.fails(&[401], call!(client.user_get())).await;
    Ok(())
}
