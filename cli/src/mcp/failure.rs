//! What a failed task's output says: the hosts that failed or could not be reached, in which
//! Ansible task and with which message, Ansible's own errors, and the play recap.

use serde::Serialize;

use super::bounds::text_line;

/// The most failures and errors an analysis lists.
const MAX_FINDINGS: usize = 50;

#[derive(Debug, Default, Serialize, PartialEq)]
pub struct Findings {
    pub failed_hosts: Vec<HostFailure>,
    pub errors: Vec<String>,
    pub recap: Vec<Recap>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct HostFailure {
    pub host: String,
    /// `failed` or `unreachable`.
    pub how: &'static str,
    /// The Ansible task it failed in (`TASK [name]`), when the output says.
    pub task: Option<String>,
    pub message: String,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Recap {
    pub host: String,
    pub ok: u32,
    pub changed: u32,
    pub unreachable: u32,
    pub failed: u32,
}

/// Reads the lines of a task's output, without their colours.
pub fn analyze<'a>(lines: impl IntoIterator<Item = &'a str>) -> Findings {
    let mut findings = Findings::default();
    let mut task: Option<String> = None;
    let mut in_recap = false;
    for line in lines {
        let line = line.trim();
        if let Some(name) = line.strip_prefix("TASK [") {
            task = name.split_once(']').map(|(name, _)| name.to_owned());
            continue;
        }
        if line.starts_with("PLAY RECAP") {
            in_recap = true;
            continue;
        }
        if in_recap && let Some(recap) = recap_line(line) {
            findings.recap.push(recap);
            continue;
        }
        if let Some(failure) = host_failure(line, &task) {
            if findings.failed_hosts.len() < MAX_FINDINGS {
                findings.failed_hosts.push(failure);
            }
        } else if (line.starts_with("ERROR!") || line.starts_with("[ERROR]"))
            && findings.errors.len() < MAX_FINDINGS
        {
            findings.errors.push(text_line(line));
        }
    }
    findings
}

/// `fatal: [web1]: FAILED! => {"msg": "..."}`, `fatal: [web1]: UNREACHABLE! => {...}` or
/// `failed: [web1] (item=x) => {...}`.
fn host_failure(line: &str, task: &Option<String>) -> Option<HostFailure> {
    let rest = line
        .strip_prefix("fatal: [")
        .or_else(|| line.strip_prefix("failed: ["))?;
    let (host, after) = rest.split_once(']')?;
    let how = if after.contains("UNREACHABLE!") {
        "unreachable"
    } else {
        "failed"
    };
    let detail = after
        .split_once("=>")
        .map_or(after, |(_, json)| json)
        .trim();
    Some(HostFailure {
        host: text_line(host),
        how,
        task: task.as_deref().map(text_line),
        message: text_line(&message(detail)),
    })
}

/// The `msg` of Ansible's JSON result, or the text as it is.
fn message(detail: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(detail) {
        Ok(value) => match value.get("msg") {
            Some(serde_json::Value::String(msg)) => msg.clone(),
            Some(other) => other.to_string(),
            None => detail.to_owned(),
        },
        Err(_) => detail.to_owned(),
    }
}

/// `web1 : ok=2 changed=0 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0`.
fn recap_line(line: &str) -> Option<Recap> {
    let (host, counts) = line.split_once(" : ")?;
    let count = |name: &str| {
        counts.split_whitespace().find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            (key == name).then(|| value.parse().ok())?
        })
    };
    Some(Recap {
        host: text_line(host.trim()),
        ok: count("ok")?,
        changed: count("changed").unwrap_or(0),
        unreachable: count("unreachable").unwrap_or(0),
        failed: count("failed").unwrap_or(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_and_unreachable_hosts_with_their_task_message_and_recap() {
        let output = [
            "PLAY [all] *********",
            "TASK [Gathering Facts] *********",
            "fatal: [db1]: UNREACHABLE! => {\"changed\": false, \"msg\": \"Failed to connect to the host via ssh\", \"unreachable\": true}",
            "ok: [web1]",
            "TASK [Install nginx] ****",
            "fatal: [web1]: FAILED! => {\"changed\": false, \"msg\": \"No package matching 'ngnix' is available\"}",
            "failed: [web2] (item=a) => {\"msg\": \"item failed\"}",
            "PLAY RECAP *********",
            "db1                        : ok=0    changed=0    unreachable=1    failed=0    skipped=0",
            "web1                       : ok=1    changed=0    unreachable=0    failed=1    skipped=0",
        ];
        let findings = analyze(output);
        assert_eq!(findings.failed_hosts.len(), 3);
        assert_eq!(findings.failed_hosts[0].host, "db1");
        assert_eq!(findings.failed_hosts[0].how, "unreachable");
        assert_eq!(
            findings.failed_hosts[0].task.as_deref(),
            Some("Gathering Facts")
        );
        assert_eq!(
            findings.failed_hosts[1].message,
            "No package matching 'ngnix' is available"
        );
        assert_eq!(
            findings.failed_hosts[1].task.as_deref(),
            Some("Install nginx")
        );
        assert_eq!(findings.failed_hosts[2].host, "web2");
        assert_eq!(findings.recap.len(), 2);
        assert_eq!(
            (findings.recap[1].host.as_str(), findings.recap[1].failed),
            ("web1", 1)
        );
        assert_eq!(findings.recap[0].unreachable, 1);
    }

    #[test]
    fn ansible_errors_before_any_play() {
        let findings = analyze(["ERROR! the playbook: site.yml could not be found", "x"]);
        assert_eq!(
            findings.errors,
            ["ERROR! the playbook: site.yml could not be found"]
        );
        assert!(findings.failed_hosts.is_empty());
    }
}
