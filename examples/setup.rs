//! What the examples (and the tests that run them) set up: the server (`SEMAPHORE_URL`'s or
//! a stand-in started here), and a project whose template runs a playbook.

use std::path::{Path, PathBuf};
use std::process::Command;

use semaphore_api::testkit::{DEFAULT_PASSWORD, DEFAULT_USER, StandIn};
use semaphore_api::*;

/// The server an example talks to, and the user it logs in as.
pub struct Server {
    /// The API's base URL, e.g. `http://localhost:3000/api`.
    pub url: String,
    /// The login name.
    pub user: String,
    /// The password.
    pub password: String,
    // Kept alive as long as the server: dropping it stops the stand-in.
    stand_in: Option<StandIn>,
}

impl Server {
    /// `SEMAPHORE_URL` with `SEMAPHORE_USER` (`admin` by default) and `SEMAPHORE_PASSWORD`,
    /// or, when `SEMAPHORE_URL` is unset, a stand-in server and its default user. Prints one
    /// line saying which.
    pub async fn from_env() -> Result<Server, Box<dyn std::error::Error>> {
        let Ok(url) = std::env::var("SEMAPHORE_URL") else {
            let stand_in = StandIn::start().await?;
            println!(
                "SEMAPHORE_URL is not set: talking to a local stand-in server at {} (not a real Semaphore).",
                stand_in.url()
            );
            return Ok(Server {
                url: stand_in.url(),
                user: DEFAULT_USER.to_owned(),
                password: DEFAULT_PASSWORD.to_owned(),
                stand_in: Some(stand_in),
            });
        };
        println!("Talking to the Semaphore server at {url} (SEMAPHORE_URL).");
        let user = std::env::var("SEMAPHORE_USER").unwrap_or_else(|_| "admin".into());
        let password = std::env::var("SEMAPHORE_PASSWORD")
            .map_err(|_| "SEMAPHORE_URL is set: set SEMAPHORE_PASSWORD (and SEMAPHORE_USER) too")?;
        Ok(Server {
            url,
            user,
            password,
            stand_in: None,
        })
    }

    /// Whether this is the in-process stand-in rather than a real Semaphore.
    pub fn is_stand_in(&self) -> bool {
        self.stand_in.is_some()
    }

    /// A client of this server with a logged-in session.
    pub async fn login(&self) -> semaphore_api::Result<Client> {
        let client = Client::new(&self.url)?;
        client
            .auth_login_post(&Login::new(self.user.as_str(), self.password.as_str()))
            .await?;
        Ok(client)
    }
}

/// The playbook: one debug task per line of `lines` (its `msg`), so that the output is
/// known in advance; it fails when the extra variable `fail` is true.
pub const PLAYBOOK: &str = "\
- hosts: all
  gather_facts: false
  tasks:
    - name: say each line
      ansible.builtin.debug:
        msg: \"line {{ item }}\"
      loop: [1, 2, 3, 1, 2, 3]
    - name: fail when asked
      ansible.builtin.fail:
        msg: failing as asked
      when: fail | default(false) | bool
";

/// Where [`playbook_repository`] writes [`PLAYBOOK`].
pub const PLAYBOOK_PATH: &str = "hello.yml";

/// The lines the playbook's debug task writes, in order (repeated on purpose).
pub const EXPECTED_MESSAGES: [&str; 6] =
    ["line 1", "line 2", "line 3", "line 1", "line 2", "line 3"];

/// Writes the playbook into a fresh git repository under the temporary directory; returns its
/// path (for a repository's `git_url`).
pub fn playbook_repository(tag: &str) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("semaphore-api-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join(PLAYBOOK_PATH), PLAYBOOK)?;
    git(&dir, &["init", "-q", "-b", "main"])?;
    git(&dir, &["add", "."])?;
    git(
        &dir,
        &[
            "-c",
            "user.name=semaphore-api",
            "-c",
            "user.email=semaphore-api@example.com",
            "commit",
            "-q",
            "-m",
            "playbook",
        ],
    )?;
    Ok(dir)
}

fn git(dir: &Path, args: &[&str]) -> std::io::Result<()> {
    let status = Command::new("git").arg("-C").arg(dir).args(args).status()?;
    if status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other(format!("git {args:?} failed")))
    }
}

/// Creates a project with what a template needs (a `none` key, a repository cloned from
/// `git_url`'s `main` branch, a localhost inventory, an empty environment), and a template
/// running `playbook` from it; returns (project, template). Each create returns the object
/// made, also where the server answers 204 without it (keys, repositories, environments).
pub async fn project_with_template(
    client: &Client,
    name: &str,
    git_url: &str,
    playbook: &str,
) -> Result<(ProjectId, Template)> {
    let project = client
        .projects()
        .create(&ProjectRequest::new(name))
        .await?
        .id;
    let p = client.project(project);
    let key = p.keys().create(&AccessKeyRequest::none("none")).await?;
    let repository = RepositoryRequest::new("playbooks", git_url, "main", key.id);
    let repository = p.repositories().create(&repository).await?;
    let mut hosts = InventoryRequest::new(
        "localhost",
        InventoryType::Static,
        "localhost ansible_connection=local",
    );
    hosts.ssh_key_id = Some(key.id);
    let inventory = p.inventories().create(&hosts).await?;
    let mut environment = EnvironmentRequest::new("empty");
    environment.env = Some("{}".into());
    let environment = p.environments().create(&environment).await?;
    let mut template = TemplateRequest::ansible(name, playbook, repository.id, inventory.id);
    template.environment_id = Some(environment.id);
    template.arguments = Some("[]".into());
    let template = p.templates().create(&template).await?;
    Ok((project, template))
}
