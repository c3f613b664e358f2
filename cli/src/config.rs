//! Where the server, the token and the default project come from: flags, then the
//! environment, then the config file (`$XDG_CONFIG_HOME/semaphore/config.toml`).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use semaphore_api::Secret;

use crate::error::{CliError, Kind, Result};

pub const ENV_URL: &str = "SEMAPHORE_URL";
pub const ENV_TOKEN: &str = "SEMAPHORE_TOKEN";
pub const ENV_PROJECT: &str = "SEMAPHORE_PROJECT";
pub const ENV_CONFIG: &str = "SEMAPHORE_CONFIG";

/// Where a setting came from, for messages (never its value when it is the token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag(&'static str),
    Env(&'static str),
    File(PathBuf),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "the {flag} flag"),
            Source::Env(var) => write!(f, "${var}"),
            Source::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// The config file's contents. Other keys a person adds are kept when `login` rewrites it.
#[derive(Debug, Default)]
pub struct FileConfig {
    pub path: PathBuf,
    pub exists: bool,
    table: toml::Table,
}

impl FileConfig {
    /// The file at `--config`, `$SEMAPHORE_CONFIG`, or the XDG default.
    pub fn path(flag: Option<&Path>) -> Result<PathBuf> {
        if let Some(path) = flag {
            return Ok(path.to_owned());
        }
        if let Some(path) = env(ENV_CONFIG) {
            return Ok(PathBuf::from(path));
        }
        let base = match env("XDG_CONFIG_HOME").filter(|p| Path::new(p).is_absolute()) {
            Some(dir) => PathBuf::from(dir),
            None => match env("HOME") {
                Some(home) => Path::new(&home).join(".config"),
                None => {
                    return Err(CliError::new(
                        Kind::Auth,
                        "cannot tell where the config file is: neither XDG_CONFIG_HOME nor HOME is set",
                    )
                    .hint("pass --config FILE or set SEMAPHORE_CONFIG"));
                }
            },
        };
        Ok(base.join("semaphore").join("config.toml"))
    }

    /// Reads the file; a missing file is an empty config.
    pub fn load(path: PathBuf) -> Result<FileConfig> {
        let opened = fs::File::open(&path).and_then(|file| {
            use std::io::Read;
            let mut text = String::new();
            file.take(crate::input::MAX_CONFIG_BYTES + 1)
                .read_to_string(&mut text)
                .map(|_| text)
        });
        let text = match opened {
            Ok(text) if text.len() as u64 > crate::input::MAX_CONFIG_BYTES => {
                return Err(CliError::new(
                    Kind::Auth,
                    format!(
                        "{} is larger than {} bytes: not a configuration file",
                        path.display(),
                        crate::input::MAX_CONFIG_BYTES
                    ),
                )
                .hint("pass --config FILE with the file `semaphore login` writes"));
            }
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(FileConfig {
                    path,
                    exists: false,
                    table: toml::Table::new(),
                });
            }
            Err(e) => {
                return Err(CliError::new(
                    Kind::Auth,
                    format!("cannot read {}: {e}", path.display()),
                )
                .hint("fix its permissions, or pass --config FILE"));
            }
        };
        // toml's messages quote the offending line, which may be the token's: not shown.
        let table: toml::Table = text.parse().map_err(|_| {
            CliError::new(Kind::Auth, format!("{} is not valid TOML", path.display()))
                .hint("fix it, or delete it and run `semaphore login` again")
        })?;
        let config = FileConfig {
            path,
            exists: true,
            table,
        };
        config.warn_if_readable_by_others();
        Ok(config)
    }

    fn string(&self, key: &str) -> Option<&str> {
        self.table
            .get(key)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
    }

    pub fn url(&self) -> Option<&str> {
        self.string("url")
    }

    pub fn token(&self) -> Option<Secret> {
        self.string("token").map(Secret::new)
    }

    pub fn project(&self) -> Option<&str> {
        self.string("project")
    }

    /// Stores `url` and `token` (replacing the ones there), readable only by the user.
    pub fn save_login(&mut self, url: &str, token: &Secret) -> Result<()> {
        self.table.insert("url".into(), url.into());
        self.table
            .insert("token".into(), token.expose_secret().into());
        self.write()
    }

    /// Removes the token (the URL stays, for the next `login`).
    pub fn remove_token(&mut self) -> Result<bool> {
        let had = self.table.remove("token").is_some();
        if had {
            self.write()?;
        }
        Ok(had)
    }

    fn write(&mut self) -> Result<()> {
        let text = toml::to_string(&self.table)
            .map_err(|e| CliError::failed(format!("cannot write the config: {e}")))?;
        write_private(&self.path, text.as_bytes()).map_err(|e| {
            CliError::failed(format!("cannot write {}: {e}", self.path.display()))
                .hint("pass --config FILE to use another file")
        })?;
        self.exists = true;
        Ok(())
    }

    #[cfg(unix)]
    fn warn_if_readable_by_others(&self) {
        use std::os::unix::fs::PermissionsExt;
        if self.token().is_none() {
            return;
        }
        if let Ok(meta) = fs::metadata(&self.path)
            && meta.permissions().mode() & 0o077 != 0
        {
            eprintln!(
                "warning: {} holds a token and others can read it: chmod 600 {}",
                self.path.display(),
                self.path.display()
            );
        }
    }

    #[cfg(not(unix))]
    fn warn_if_readable_by_others(&self) {}
}

/// Writes `bytes` to `path` through a new file of mode 0600 in the same directory, renamed
/// over it: no moment where the token is in a file others can read, or half written.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    create_private_dir(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "config.toml".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let result = (|| {
        let mut file = options.open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// A variable's value, `None` when unset or empty.
pub fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The API's URL, by the library's rules (`Client::api_url`): the server's address or a
/// page of its web UI gets `/api`, a trailing slash goes.
pub fn api_url(url: &str) -> Result<String> {
    semaphore_api::Client::api_url(url)
        .map(|url| url.to_string())
        .map_err(|e| {
            let reason = match e.kind() {
                semaphore_api::ErrorKind::Config { reason } => reason.clone(),
                other => other.to_string(),
            };
            CliError::usage(format!(
                "the server URL {:?} cannot be used: {reason}",
                crate::output::url(url)
            ))
            .hint("give it as http://host:3000 or https://host/api")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_server_url_gets_api() {
        assert_eq!(api_url("http://h:3000").unwrap(), "http://h:3000/api");
        assert_eq!(api_url("http://h:3000/").unwrap(), "http://h:3000/api");
        assert_eq!(
            api_url("https://h/semaphore/api/").unwrap(),
            "https://h/semaphore/api"
        );
        assert_eq!(
            api_url("http://h:3000/project/3/templates").unwrap(),
            "http://h:3000/api"
        );
        assert_eq!(api_url("ftp://h").unwrap_err().kind, Kind::Usage);
        assert_eq!(api_url("not a url").unwrap_err().kind, Kind::Usage);
    }
}
