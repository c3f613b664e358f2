//! What the `run_template` example (and the task tests) need to run a playbook: a local git
//! repository holding it, and a project's key, repository, inventory, environment and
//! template pointing at it.

use std::path::{Path, PathBuf};
use std::process::Command;

use semaphore_api::*;

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

/// The lines the playbook's debug task writes, in order (repeated on purpose).
pub const EXPECTED_MESSAGES: [&str; 6] =
    ["line 1", "line 2", "line 3", "line 1", "line 2", "line 3"];

/// Writes the playbook into a fresh git repository under the temporary directory; returns its
/// path (for a repository's `git_url`).
pub fn playbook_repository(tag: &str) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("semaphore-api-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("hello.yml"), PLAYBOOK)?;
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

/// Creates a project with what a template of the playbook at `git_url` needs, and the
/// template; returns (project, template).
pub async fn project_with_template(
    client: &Client,
    name: &str,
    git_url: &str,
) -> Result<(ProjectId, TemplateId)> {
    let project = client
        .projects_post(&ProjectRequest {
            name: name.into(),
            ..Default::default()
        })
        .await?
        .id;
    client
        .project_project_id_keys_post(
            project,
            &AccessKeyRequest {
                name: "none".into(),
                r#type: AccessKeyType::None,
                ..Default::default()
            },
        )
        .await?;
    let key = client
        .project_project_id_keys_get(project, None, AccessKeySort::Name, SortOrder::Asc)
        .await?
        .into_iter()
        .find(|k| k.name == "none")
        .map(|k| k.id)
        .unwrap_or_default();
    client
        .project_project_id_repositories_post(
            project,
            &RepositoryRequest {
                name: "playbooks".into(),
                git_url: git_url.into(),
                git_branch: "main".into(),
                ssh_key_id: key,
            },
        )
        .await?;
    let repository_id = client
        .project_project_id_repositories_get(project, RepositorySort::Name, SortOrder::Asc)
        .await?
        .into_iter()
        .find(|r| r.name == "playbooks")
        .map(|r| r.id)
        .unwrap_or_default();
    let inventory = client
        .project_project_id_inventory_post(
            project,
            &InventoryRequest {
                name: "localhost".into(),
                inventory: "localhost ansible_connection=local".into(),
                ssh_key_id: Some(key),
                r#type: InventoryType::Static,
                ..Default::default()
            },
        )
        .await?;
    client
        .project_project_id_environment_post(
            project,
            &EnvironmentRequest {
                name: "empty".into(),
                json: "{}".into(),
                env: Some("{}".into()),
                ..Default::default()
            },
        )
        .await?;
    let environment_id = client
        .project_project_id_environment_get(project, "name", SortOrder::Asc)
        .await?
        .into_iter()
        .find(|e| e.name == "empty")
        .map(|e| e.id);
    let template = client
        .project_project_id_templates_post(
            project,
            &TemplateRequest {
                name: "hello".into(),
                playbook: "hello.yml".into(),
                repository_id,
                inventory_id: Some(inventory.id),
                environment_id,
                app: TemplateApp::Ansible,
                arguments: Some("[]".into()),
                ..Default::default()
            },
        )
        .await?;
    Ok((project, template.id))
}

/// A request to run `template` (kept in one place while `TaskRequest`'s constructor changes).
pub fn task_request(template: TemplateId) -> TaskRequest {
    TaskRequest {
        template_id: template,
        ..Default::default()
    }
}
