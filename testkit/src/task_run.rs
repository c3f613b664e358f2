//! What a task's run applies, as the server works it out from the task and its template.

/// What the run of a task applies, as the server works it out from the task and its
/// template ([`StandIn::task_run`](crate::StandIn::task_run)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskRun {
    /// The `--limit` passed to Ansible (`None`: every host of the inventory).
    pub limit: Option<String>,
    /// The `--tags` (`None`: every task of the playbook).
    pub tags: Option<String>,
    /// The `--skip-tags`.
    pub skip_tags: Option<String>,
    /// The inventory it runs against.
    pub inventory_id: Option<i64>,
    /// Whether Ansible runs verbose.
    pub debug: bool,
    /// Whether it runs with `--check`.
    pub dry_run: bool,
    /// Whether it runs with `--diff`.
    pub diff: bool,
}
