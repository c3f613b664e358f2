//! `login`, `logout`, `whoami`: the API token in the config file.

use std::io::IsTerminal;

use clap::Args;
use semaphore_api::{AuthenticationApi, Client, Login, Secret, User, UserApi};
use serde_json::json;

use crate::config::{self, Source};
use crate::context::Ctx;
use crate::error::{CliError, Context, Kind, Result};
use crate::output;

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The user (username or email) [env: SEMAPHORE_USER; asked on a terminal]
    #[arg(long, short, value_name = "NAME")]
    pub user: Option<String>,

    /// Read the password from stdin (else $SEMAPHORE_PASSWORD, else asked on a terminal)
    #[arg(long, conflicts_with = "with_token")]
    pub password_stdin: bool,

    /// Read an existing API token from stdin instead of logging in with a password
    #[arg(long, conflicts_with = "user")]
    pub with_token: bool,
}

pub async fn login(ctx: &mut Ctx, args: LoginArgs) -> Result<()> {
    let (url, _) = ctx.url()?;
    let (token, user) = if args.with_token {
        let token = Secret::new(crate::input::secret()?.trim());
        let client = ctx.client_for(&url, Some(&token))?;
        let user = client.user_get().await.map_err(|e| {
            let e = CliError::api("the token does not work", &e);
            if e.kind == Kind::Auth {
                e.hint("check the token; `semaphore login` without --with-token makes a new one")
            } else {
                e
            }
        })?;
        (token, user)
    } else {
        let client = ctx.client_for(&url, None)?;
        password_login(&client, args).await?
    };
    ctx.file.save_login(&url, &token)?;
    if ctx.json {
        return output::line(
            &json!({"url": output::url(&url), "user": user.username, "config": ctx.file.path})
                .to_string(),
        );
    }
    output::line(&format!(
        "Logged in to {} as {}. An API token is stored in {} (readable only by you).",
        output::url(&url),
        output::safe(&user.username),
        ctx.file.path.display()
    ))
}

/// Logs in with the password, makes an API token, and ends the session: only the token stays.
async fn password_login(client: &Client, args: LoginArgs) -> Result<(Secret, User)> {
    let user = match args.user.or_else(|| config::env("SEMAPHORE_USER")) {
        Some(user) => user,
        None if std::io::stdin().is_terminal() => prompt("User: ")?,
        None => {
            return Err(CliError::usage("no user to log in as")
                .hint("pass --user NAME, or set SEMAPHORE_USER"));
        }
    };
    let password = if args.password_stdin {
        crate::input::secret()?
    } else if let Some(password) = config::env("SEMAPHORE_PASSWORD") {
        password
    } else if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password: ")
            .map_err(|e| CliError::usage(format!("cannot read the password: {e}")))?
    } else {
        return Err(CliError::usage("no password: stdin is not a terminal")
            .hint("pipe it in with --password-stdin, or set SEMAPHORE_PASSWORD"));
    };
    client
        .auth_login_post(&Login::new(user.as_str(), password))
        .await
        .map_err(|e| {
            let e = CliError::api(format_args!("could not log in as {user}"), &e);
            if e.kind == Kind::Auth {
                e.hint("wrong user or password")
            } else {
                e
            }
        })?;
    let token = client
        .user_tokens_post()
        .await
        .context("logged in, but could not create an API token")?;
    let me = client
        .user_get()
        .await
        .context("logged in, but could not read the user")?;
    // Only the token is kept; the session is not needed any more. Failing to end it changes
    // nothing for the user.
    let _ = client.auth_logout_post().await;
    Ok((token.id, me))
}

fn prompt(question: &str) -> Result<String> {
    eprint!("{question}");
    let answer = crate::input::line()?;
    let answer = answer.trim().to_owned();
    if answer.is_empty() {
        return Err(CliError::usage("no user given"));
    }
    Ok(answer)
}

pub async fn logout(ctx: &mut Ctx) -> Result<()> {
    let path = ctx.file.path.clone();
    let (Some(token), Some(url)) = (ctx.file.token(), ctx.file.url().map(str::to_owned)) else {
        let mut e = CliError::new(
            Kind::Auth,
            format!("not logged in: no token in {}", path.display()),
        );
        if config::env(config::ENV_TOKEN).is_some() {
            e = e.hint("the token in use comes from SEMAPHORE_TOKEN: unset it");
        }
        return Err(e);
    };
    let url = config::api_url(&url)?;
    let client = ctx.client_for(&url, Some(&token))?;
    // The token is removed from the file whatever the server says: a token that cannot be
    // expired now must at least not stay on disk.
    let expired = client
        .user_tokens_api_token_id_delete(token.expose_secret())
        .await;
    ctx.file.remove_token()?;
    if let Err(e) = expired {
        return Err(CliError::api(
            format_args!(
                "the token was removed from {}, but expiring it on {} failed",
                path.display(),
                output::url(&url)
            ),
            &e,
        ));
    }
    if config::env(config::ENV_TOKEN).is_some() {
        output::note("note: SEMAPHORE_TOKEN is still set");
    }
    if ctx.json {
        return output::line(&json!({"url": output::url(&url), "config": path}).to_string());
    }
    output::line(&format!(
        "Logged out of {}: the token is expired and removed from {}.",
        output::url(&url),
        path.display()
    ))
}

pub async fn whoami(ctx: &Ctx) -> Result<()> {
    let target = ctx.target()?;
    let client = ctx.client()?;
    let user = client
        .user_get()
        .await
        .context("could not read the current user")?;
    let token_source = target
        .token
        .as_ref()
        .map(|(_, source)| source.clone())
        .unwrap_or(Source::Flag("none"));
    if ctx.json {
        let mut user = output::to_value(&user)?;
        crate::secrets::remove(&mut user);
        return output::line(
            &serde_json::to_string_pretty(&json!({
                "url": output::url(&target.url),
                "url_from": target.url_source.to_string(),
                "token_from": token_source.to_string(),
                "user": user,
            }))
            .unwrap_or_default(),
        );
    }
    let who = output::safe(&format!(
        "{} ({}) <{}>",
        user.username, user.name, user.email
    ));
    let server = format!("{} (from {})", output::url(&target.url), target.url_source);
    let token = format!("from {token_source}");
    let rows = [
        ("user", who.as_str()),
        ("admin", if user.admin { "yes" } else { "no" }),
        ("server", server.as_str()),
        ("token", token.as_str()),
    ];
    output::pairs(&rows, 7)
}
