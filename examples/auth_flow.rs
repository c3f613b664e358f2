//! The quickstart's flow, in the library so that a test runs it too: login metadata, login,
//! create an API token, use it alone, expire it, logout.

use semaphore_api::{AuthenticationApi, Client, Login};

/// Runs the whole authentication flow against `url`, telling each step to `say`.
pub async fn auth_flow(
    url: &str,
    user: &str,
    password: &str,
    mut say: impl FnMut(String),
) -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new(url)?;
    let metadata = client.auth_login_get().await?;
    let providers: Vec<&str> = metadata
        .oidc_providers
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    say(format!(
        "login metadata: password login {}, OIDC providers: {providers:?}",
        if metadata.login_with_password {
            "enabled"
        } else {
            "disabled"
        },
    ));

    client.auth_login_post(&Login::new(user, password)).await?;
    say(format!(
        "logged in as {user} (session cookie kept by the client)"
    ));

    let token = client.user_tokens_post().await?;
    say(format!(
        "created an API token for user {} at {}",
        token.user_id, token.created
    ));

    // The new token works on its own, without the session.
    let bearer = Client::builder(url)
        .bearer_token(token.id.clone())
        .build()?;
    let tokens = bearer.user_tokens_get().await?;
    let active = tokens.iter().filter(|t| !t.expired).count();
    say(format!(
        "with the token alone: {} tokens listed, {active} active",
        tokens.len()
    ));

    client
        .user_tokens_api_token_id_delete(token.id.expose_secret())
        .await?;
    let expired = client
        .user_tokens_get()
        .await?
        .iter()
        .any(|t| t.id == token.id && t.expired);
    say(format!(
        "expired the token: {}",
        if expired {
            "it is listed as expired"
        } else {
            "done"
        }
    ));

    client.auth_logout_post().await?;
    let state = if client.has_session() {
        "still holds"
    } else {
        "dropped"
    };
    say(format!("logged out: the client {state} its session cookie"));
    Ok(())
}
