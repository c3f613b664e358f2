//! Running the real `semaphore` binary: a clean environment per test (its own config
//! directory, no variable of the machine's), stdin, and what came out.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use semaphore_api::testkit::{DEFAULT_PASSWORD, DEFAULT_USER, StandIn};
use serde_json::Value;
use tokio::runtime::Runtime;

/// The runtime the servers of all tests run on (the binary runs in its own process).
pub fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a tokio runtime")
    })
}

pub fn stand_in() -> StandIn {
    runtime()
        .block_on(StandIn::start())
        .expect("the stand-in starts")
}

/// One user's machine: a home with its own config directory.
pub struct Env {
    pub home: tempfile::TempDir,
    vars: Vec<(String, String)>,
}

impl Env {
    pub fn new() -> Env {
        Env {
            home: tempfile::tempdir().expect("a temporary directory"),
            vars: Vec::new(),
        }
    }

    /// An environment variable for every command of this env.
    pub fn var(mut self, key: &str, value: &str) -> Env {
        self.vars.push((key.into(), value.into()));
        self
    }

    /// Where `login` writes by default: `$XDG_CONFIG_HOME/semaphore/config.toml`.
    pub fn config_path(&self) -> PathBuf {
        self.home.path().join("xdg/semaphore/config.toml")
    }

    pub fn config_text(&self) -> String {
        std::fs::read_to_string(self.config_path()).unwrap_or_default()
    }

    /// The token `login` stored (for checking it never shows).
    pub fn stored_token(&self) -> String {
        let table: toml::Table = self.config_text().parse().expect("the config is TOML");
        table["token"].as_str().expect("a token").to_owned()
    }

    pub fn cmd(&self, args: &[&str]) -> Cmd {
        Cmd {
            command: self.command(args),
            stdin: None,
        }
    }

    /// The binary with `args`, in this env only, not yet started.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_semaphore"));
        command
            .args(args)
            .env_clear()
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join("xdg"));
        for (key, value) in &self.vars {
            command.env(key, value);
        }
        command
    }

    /// Runs the binary under a pseudo-terminal (util-linux's `script`), stdout and stderr
    /// both on it, as a person sees them, in the order written.
    pub fn terminal(&self, args: &[&str], extra: &[(&str, &str)]) -> Out {
        let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
        let mut line = quote(env!("CARGO_BIN_EXE_semaphore"));
        for arg in args {
            line.push(' ');
            line.push_str(&quote(arg));
        }
        let mut command = Command::new("script");
        command
            .args(["-qfec", &line, "/dev/null"])
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("TERM", "xterm-256color")
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join("xdg"));
        for (key, value) in self
            .vars
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .chain(extra.iter().copied())
        {
            command.env(key, value);
        }
        let output = command
            .stdin(Stdio::null())
            .output()
            .expect("script(1) from util-linux runs the pseudo-terminal tests");
        Out {
            code: output.status.code().expect("an exit code"),
            stdout: String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n"),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Logs in to the stand-in as its administrator, with the password on stdin.
    pub fn login(&self, server: &StandIn) -> Out {
        self.cmd(&[
            "login",
            "--url",
            &server.url(),
            "--user",
            DEFAULT_USER,
            "--password-stdin",
        ])
        .stdin(DEFAULT_PASSWORD)
        .run()
        .ok()
    }
}

pub struct Cmd {
    command: Command,
    stdin: Option<String>,
}

impl Cmd {
    pub fn env(mut self, key: &str, value: &str) -> Cmd {
        self.command.env(key, value);
        self
    }

    pub fn stdin(mut self, text: &str) -> Cmd {
        self.stdin = Some(text.to_owned());
        self
    }

    /// Runs with stdout on `/dev/full` (a full disk), or on a pipe closed before anything is
    /// read (`| head -0`): what the binary makes of a stdout it cannot write.
    pub fn run_with_stdout_gone(mut self, full_disk: bool) -> Out {
        self.command.stdin(Stdio::null()).stderr(Stdio::piped());
        if full_disk {
            let full = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .expect("/dev/full");
            self.command.stdout(Stdio::from(full));
        } else {
            self.command.stdout(Stdio::piped());
        }
        let mut child = self.command.spawn().expect("the binary starts");
        drop(child.stdout.take()); // the reader is gone before the first byte
        let output = child.wait_with_output().expect("the binary runs");
        Out {
            code: output.status.code().expect("an exit code, not a signal"),
            stdout: String::new(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    pub fn run(mut self) -> Out {
        self.command
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self.command.spawn().expect("the binary starts");
        if let Some(text) = self.stdin.take() {
            let mut stdin = child.stdin.take().expect("stdin");
            // The binary may exit before reading it all (a usage error): not a test failure.
            let _ = stdin.write_all(text.as_bytes());
        }
        let output = child.wait_with_output().expect("the binary runs");
        Out {
            code: output.status.code().expect("an exit code, not a signal"),
            stdout: String::from_utf8(output.stdout).expect("UTF-8 on stdout"),
            stderr: String::from_utf8(output.stderr).expect("UTF-8 on stderr"),
        }
    }
}

#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    #[track_caller]
    pub fn ok(self) -> Out {
        assert_eq!(self.code, 0, "expected success: {self:#?}");
        self
    }

    #[track_caller]
    pub fn code(self, code: i32) -> Out {
        assert_eq!(self.code, code, "expected exit code {code}: {self:#?}");
        self
    }

    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:#?}"))
    }

    /// Stdout as JSON Lines: one value per line.
    pub fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|line| {
                serde_json::from_str(line)
                    .unwrap_or_else(|e| panic!("a line is not JSON ({e}): {line:?} in {self:#?}"))
            })
            .collect()
    }

    /// Neither stream holds `secret`.
    #[track_caller]
    pub fn hides(self, secret: &str) -> Out {
        assert!(!secret.is_empty());
        assert!(
            !self.stdout.contains(secret) && !self.stderr.contains(secret),
            "a secret was printed: {self:#?}"
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(self, text: &str) -> Out {
        assert!(
            self.stdout.contains(text),
            "stdout lacks {text:?}: {self:#?}"
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(self, text: &str) -> Out {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}: {self:#?}"
        );
        self
    }

    /// An error is one line (plus the hint): what failed.
    #[track_caller]
    pub fn one_line_error(self) -> Out {
        let errors = self
            .stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .count();
        assert_eq!(errors, 1, "{self:#?}");
        assert!(
            self.stderr
                .lines()
                .skip_while(|l| !l.starts_with("error: "))
                .skip(1)
                .all(|l| l.starts_with("  hint: ")
                    || l.starts_with("  (-v")
                    || l.starts_with("  caused by: ")),
            "{self:#?}"
        );
        self
    }
}
