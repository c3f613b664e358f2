//! `semaphore keys`: the credentials tasks use. A secret is read from stdin or a file, never
//! from a flag, and never shown.

use std::path::PathBuf;

use clap::Args;

use semaphore_api::resources;
use semaphore_api::{AccessKey, AccessKeyRequest, AccessKeyType, Secret};

use super::{CliKind, Place, set};
use crate::error::{CliError, Result};
use crate::flags::ProjectArg;
use crate::output::one_line;

#[derive(Debug, Args)]
pub struct KeyFields {
    /// The name
    #[arg(long)]
    pub name: Option<String>,
    /// none, ssh, login_password or string
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// The login of an ssh or login_password key
    #[arg(long)]
    pub login: Option<String>,
    /// Read the secret from stdin: the password, the passphrase of an ssh key, or the string
    #[arg(long)]
    pub secret_stdin: bool,
    /// The private key of an ssh key, from this file
    #[arg(long, value_name = "FILE")]
    pub private_key_file: Option<PathBuf>,
}

pub struct Keys;

impl CliKind for Keys {
    type Kind = resources::Keys;
    type Fields = KeyFields;
    type Scope = ProjectArg;
    const HEADERS: &'static [&'static str] = &["ID", "NAME", "TYPE"];

    fn row(k: &AccessKey) -> Vec<String> {
        vec![
            k.id.to_string(),
            one_line(&k.name),
            k.r#type.as_str().to_owned(),
        ]
    }

    fn blank() -> AccessKeyRequest {
        AccessKeyRequest::none("")
    }

    async fn set_on_request(
        _: Place<'_, Self>,
        fields: &KeyFields,
        request: &mut AccessKeyRequest,
    ) -> Result<()> {
        apply(fields, request, crate::input::secret)
    }

    async fn set_on_change(
        _: Place<'_, Self>,
        fields: &KeyFields,
        change: &mut AccessKeyRequest,
    ) -> Result<()> {
        apply(fields, change, crate::input::secret)
    }
}

/// Sets the flags on `r`; `secret` reads `--secret-stdin`'s secret. A secret or a type given
/// asks the server to replace the stored type and secret (it keeps them otherwise).
fn apply(
    f: &KeyFields,
    r: &mut AccessKeyRequest,
    secret: impl FnOnce() -> Result<String>,
) -> Result<()> {
    set(&mut r.name, &f.name);
    if let Some(kind) = &f.kind {
        r.r#type = AccessKeyType::from(kind.as_str());
    }
    let kind = r.r#type.as_str().to_owned();
    let mut secret_given = false;
    if let Some(login) = &f.login {
        match kind.as_str() {
            "ssh" => r.ssh.login = login.clone(),
            "login_password" => r.login_password.login = login.clone(),
            other => return Err(no_such_secret("--login", other)),
        }
        secret_given = true;
    }
    if f.secret_stdin {
        let slot = match kind.as_str() {
            "ssh" => &mut r.ssh.passphrase,
            "login_password" => &mut r.login_password.password,
            "string" => &mut r.string,
            other => return Err(no_such_secret("--secret-stdin", other)),
        };
        *slot = Secret::new(secret()?);
        secret_given = true;
    }
    if let Some(path) = &f.private_key_file {
        if kind != "ssh" {
            return Err(no_such_secret("--private-key-file", &kind));
        }
        let key = crate::input::text(path, crate::input::MAX_FILE_BYTES)?;
        r.ssh.private_key = Secret::new(key);
        secret_given = true;
    }
    if secret_given || f.kind.is_some() {
        r.override_secret = true;
    }
    Ok(())
}

fn no_such_secret(flag: &str, kind: &str) -> CliError {
    CliError::usage(format!("{flag} does not apply to a key of type {kind:?}"))
        .hint("--login: ssh and login_password; --secret-stdin: ssh, login_password and string; --private-key-file: ssh")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> KeyFields {
        KeyFields {
            name: None,
            kind: None,
            login: Some("deploy".into()),
            secret_stdin: true,
            private_key_file: None,
        }
    }

    #[test]
    fn a_secret_goes_where_the_type_keeps_it() {
        let mut key = AccessKeyRequest::login_password("k", "", "");
        apply(&fields(), &mut key, || Ok("pw".into())).unwrap();
        assert_eq!(key.login_password.login, "deploy");
        assert_eq!(key.login_password.password.expose_secret(), "pw");
        assert!(key.override_secret);
        let mut none = AccessKeyRequest::none("n");
        assert!(apply(&fields(), &mut none, || Ok("pw".into())).is_err());
    }

    #[test]
    fn a_rename_alone_keeps_the_stored_secret() {
        let mut key = AccessKeyRequest::login_password("k", "", "");
        let rename = KeyFields {
            name: Some("renamed".into()),
            kind: None,
            login: None,
            secret_stdin: false,
            private_key_file: None,
        };
        apply(&rename, &mut key, || unreachable!("no secret asked")).unwrap();
        assert_eq!(key.name, "renamed");
        assert!(!key.override_secret);
    }
}
