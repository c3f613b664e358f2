//! The options of a task a template starts: `semaphore run`'s flags and the arguments of the
//! MCP tool `run_template`, one struct for both, and the typed request they make.

use clap::Args;
use rmcp::schemars::{self, JsonSchema};
use semaphore_api::resources::Templates;
use semaphore_api::{Client, ErrorKind, ProjectId, TaskHandle, TaskRequest, Template};
use serde::{Deserialize, Deserializer};

use crate::error::{CliError, Context, Result};
use crate::json_args::json_text;

#[derive(Debug, Default, Args, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TaskOptions {
    /// Ansible's --limit: the hosts to run on
    #[arg(long, value_name = "HOSTS")]
    pub limit: Option<String>,
    /// Ansible's --tags (the template must allow overriding arguments)
    #[arg(long, value_name = "TAGS")]
    pub tags: Option<String>,
    /// Ansible's --skip-tags (the template must allow overriding arguments)
    #[arg(long, value_name = "TAGS")]
    pub skip_tags: Option<String>,
    /// A playbook instead of the template's
    #[arg(long, value_name = "PATH")]
    pub playbook: Option<String>,
    /// Extra variables, a JSON object, over the environment's
    #[arg(long, short, value_name = "JSON")]
    #[serde(deserialize_with = "object_or_text")]
    #[schemars(with = "Option<serde_json::Map<String, serde_json::Value>>")]
    pub environment: Option<String>,
    /// Ansible's verbosity: 1 to 4 (-v to -vvvv); 4 is the task's debug mode
    #[arg(long, value_name = "LEVEL", value_parser = clap::value_parser!(u8).range(1..=4))]
    #[schemars(range(min = 1, max = 4))]
    pub debug_level: Option<u8>,
    /// Ansible's --check: show what would change, change nothing
    #[arg(long)]
    pub check: bool,
    /// Ansible's --diff: show the changes
    #[arg(long)]
    pub diff: bool,
    /// A branch instead of the template's
    #[arg(long, value_name = "BRANCH")]
    pub branch: Option<String>,
    /// A message kept with the task
    #[arg(long, short, value_name = "TEXT")]
    pub message: Option<String>,
}

/// Extra variables as a JSON object or as its text: kept as the text the server stores.
fn object_or_text<'de, D: Deserializer<'de>>(de: D) -> Result<Option<String>, D::Error> {
    use serde::de::Error;
    match Option::<serde_json::Value>::deserialize(de)? {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(text)) => Ok(Some(text)),
        Some(object @ serde_json::Value::Object(_)) => Ok(Some(object.to_string())),
        Some(_) => Err(D::Error::custom("environment must be a JSON object")),
    }
}

impl TaskOptions {
    /// The Ansible arguments the options stand for (`--tags`, `--skip-tags`, verbosity 1 to
    /// 3); the template must allow overriding arguments for the server to use them.
    pub fn arguments(&self) -> Vec<String> {
        let mut arguments = Vec::new();
        if let Some(tags) = &self.tags {
            arguments.extend(["--tags".to_owned(), tags.clone()]);
        }
        if let Some(tags) = &self.skip_tags {
            arguments.extend(["--skip-tags".to_owned(), tags.clone()]);
        }
        if let Some(level @ 1..=3) = self.debug_level {
            arguments.push(format!("-{}", "v".repeat(level.into())));
        }
        arguments
    }

    /// The task these options start from `template`; refused when they need arguments the
    /// template does not let a task override.
    pub fn request(&self, template: &Template) -> Result<TaskRequest> {
        if self
            .debug_level
            .is_some_and(|level| !(1..=4).contains(&level))
        {
            return Err(CliError::usage("the debug level is 1 to 4"));
        }
        let arguments = self.arguments();
        if !arguments.is_empty() && !template.allow_override_args_in_task {
            return Err(CliError::usage(format!(
                "template {} ({}) does not let a task override its arguments, which tags, skip tags and debug levels 1-3 need",
                template.id, template.name
            ))
            .hint(format!(
                "allow it with `semaphore templates update {} --allow-override-args true`",
                template.id
            )));
        }
        let mut request = TaskRequest::new(template.id);
        request.limit = self.limit.clone();
        request.playbook = self.playbook.clone();
        if let Some(vars) = &self.environment {
            request.environment = Some(json_text("--environment", vars, true)?);
        }
        // Level 4 is the task's own debug mode (-vvvv).
        request.debug = self.debug_level == Some(4);
        request.dry_run = self.check;
        request.diff = self.diff;
        request.git_branch = self.branch.clone();
        request.message = self.message.clone().unwrap_or_default();
        if !arguments.is_empty() {
            let text = serde_json::to_string(&arguments)
                .map_err(|e| CliError::usage(format!("cannot encode the arguments: {e}")))?;
            request.arguments = Some(text);
        }
        Ok(request)
    }
}

/// Starts a task of `template` (an id or a name) with `options`: the template, read for the
/// request its settings allow, and the started task.
pub async fn start_task(
    client: &Client,
    project: ProjectId,
    template: &str,
    options: &TaskOptions,
) -> Result<(Template, TaskHandle)> {
    let (template_id, _) = crate::kinds::find::<Templates>(client, project, template).await?;
    let template = client
        .project(project)
        .templates()
        .get(template_id)
        .await
        .context(format_args!("could not read template {template_id}"))?;
    let request = options.request(&template)?;
    match client.run_task(project, &request).await {
        Ok(handle) => Ok((template, handle)),
        Err(e) => Err(not_started(&e, &template, project)),
    }
}

/// Why no task started. An override the server would drop names the template setting that
/// allows it.
fn not_started(e: &semaphore_api::Error, template: &Template, project: ProjectId) -> CliError {
    let ErrorKind::InvalidArgument { param, .. } = e.kind() else {
        return CliError::api(
            format_args!(
                "could not start template {} ({})",
                template.id, template.name
            ),
            e,
        );
    };
    let error = CliError::api(
        format_args!("did not start template {} ({})", template.id, template.name),
        e,
    );
    let flag = match *param {
        "limit" => "--allow-override-limit",
        "inventory_id" => "--allow-override-inventory",
        "debug" => "--allow-debug",
        "arguments" => "--allow-override-args",
        _ => return error,
    };
    error.hint(format!(
        "allow it with `semaphore templates update {} -p {} {flag} true`",
        template.id, project
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_variables_come_as_an_object_or_its_text() {
        let options: TaskOptions =
            serde_json::from_value(serde_json::json!({"environment": {"a": 1}})).unwrap();
        assert_eq!(options.environment.as_deref(), Some(r#"{"a":1}"#));
        let options: TaskOptions =
            serde_json::from_value(serde_json::json!({"environment": "{\"a\": 1}"})).unwrap();
        assert_eq!(options.environment.as_deref(), Some(r#"{"a": 1}"#));
        assert!(
            serde_json::from_value::<TaskOptions>(serde_json::json!({"environment": [1]})).is_err()
        );
        assert!(
            serde_json::from_value::<TaskOptions>(serde_json::json!({"limits": "web"})).is_err(),
            "a misspelt option is refused, not ignored"
        );
    }
}
