//! The task tools: a task's output, why it failed, running a template (followed over the
//! socket up to a deadline) and stopping a task.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use semaphore_api::{Client, OutputLine, ProjectId, TaskHandle, TaskId};

use super::bounds::{clean, text_line};
use super::failure::analyze;
use super::params::{OutputParams, RunParams, StopParams};
use crate::error::{CliError, Context, Result};
use crate::task_options::start_task;

const DEFAULT_LAST: u32 = 100;
const MAX_LAST: u32 = 1000;
const DEFAULT_RUN_LAST: u32 = 40;
const MAX_RUN_LAST: u32 = 400;
const DEFAULT_WAIT: u32 = 60;
const MAX_WAIT: u32 = 600;
/// The lines of output an analysis ends with.
const ANALYSIS_TAIL: usize = 20;

/// A line as a result holds it: its index, time and text without colours.
fn line_value(line: &OutputLine) -> Value {
    json!({"index": line.index, "time": text_line(&line.time), "text": text_line(&line.plain())})
}

/// The last lines of the output, of those containing `pattern` when given.
pub async fn output(client: &Client, project: ProjectId, p: &OutputParams) -> Result<Value> {
    let handle = client.task_handle(project, TaskId::from(p.task));
    let lines = read_lines(&handle).await?;
    let total = lines.len();
    let pattern = p.pattern.as_deref().map(str::to_lowercase);
    let matching: Vec<&OutputLine> = lines
        .iter()
        .filter(|line| {
            pattern
                .as_deref()
                .is_none_or(|pattern| line.plain().to_lowercase().contains(pattern))
        })
        .collect();
    let last = p.last.unwrap_or(DEFAULT_LAST).clamp(1, MAX_LAST) as usize;
    let shown = &matching[matching.len().saturating_sub(last)..];
    let mut result = json!({
        "task_id": p.task,
        "total_lines": total,
        "lines": shown.iter().map(|line| line_value(line)).collect::<Vec<_>>(),
    });
    if pattern.is_some() {
        result["matching_lines"] = json!(matching.len());
    }
    if shown.len() < matching.len() {
        result["note"] = json!(format!(
            "the last {} of {} lines; raise `last` (at most {MAX_LAST}) or narrow with `pattern`",
            shown.len(),
            matching.len()
        ));
    }
    Ok(result)
}

async fn read_lines(handle: &TaskHandle) -> Result<Vec<OutputLine>> {
    handle.lines().await.context(format_args!(
        "could not read the output of task {}",
        handle.task_id()
    ))
}

/// The task, its template, what its output says failed, and its last lines.
pub async fn analyze_failure(client: &Client, project: ProjectId, task: i64) -> Result<Value> {
    let handle = client.task_handle(project, TaskId::from(task));
    let task = handle
        .get()
        .await
        .context(format_args!("could not read task {task}"))?;
    let template = client
        .project(project)
        .templates()
        .get(task.template_id)
        .await
        .context(format_args!("could not read template {}", task.template_id))?;
    let lines = read_lines(&handle).await?;
    let plain: Vec<String> = lines.iter().map(OutputLine::plain).collect();
    let findings = analyze(plain.iter().map(String::as_str));
    let tail = &lines[lines.len().saturating_sub(ANALYSIS_TAIL)..];
    let mut result = json!({
        "task": clean(&task)?,
        "template": clean(&template)?,
        "findings": clean(&findings)?,
        "total_lines": lines.len(),
        "last_lines": tail.iter().map(line_value).collect::<Vec<_>>(),
    });
    if task.status.is_success() {
        result["note"] = json!("the task did not fail: it ended with success");
    } else if !task.status.is_finished() {
        result["note"] = json!(format!(
            "the task has not ended: it is {}",
            task.status.as_str()
        ));
    }
    Ok(result)
}

/// Starts the template's task and follows its output up to the deadline: the final status and
/// the last lines, or the running task's id and its lines so far.
pub async fn run(client: &Client, project: ProjectId, p: RunParams) -> Result<Value> {
    let (template, handle) = start_task(client, project, &p.template, &p.options).await?;
    let wait = Duration::from_secs(p.wait_seconds.unwrap_or(DEFAULT_WAIT).min(MAX_WAIT).into());
    let last = p.last.unwrap_or(DEFAULT_RUN_LAST).clamp(1, MAX_RUN_LAST) as usize;
    let started = Instant::now();
    let mut tail = VecDeque::with_capacity(last);
    let mut total = 0usize;
    let mut lines = handle.follow();
    let followed = tokio::time::timeout(wait, async {
        while let Some(line) = lines.next().await {
            let line = line?;
            total += 1;
            if tail.len() == last {
                tail.pop_front();
            }
            tail.push_back(line_value(&line));
        }
        Ok::<(), semaphore_api::Error>(())
    })
    .await;
    let task_id = handle.task_id();
    let mut result = json!({"task_id": task_id, "template": {"id": template.id, "name": text_line(&template.name)}});
    match followed {
        Ok(Ok(())) => {
            let left = wait
                .saturating_sub(started.elapsed())
                .max(Duration::from_secs(5));
            let task = handle
                .wait(left)
                .await
                .context(format_args!("could not read how task {task_id} ended"))?;
            result["finished"] = json!(true);
            result["status"] = json!(task.status.as_str());
            result["succeeded"] = json!(task.status.is_success());
            if !task.status.is_success() {
                result["note"] = json!("the task did not succeed: analyze_failure tells why");
            }
        }
        Ok(Err(e)) => {
            return Err(CliError::api(
                format_args!("could not follow task {task_id}"),
                &e,
            ));
        }
        Err(_) => {
            result["finished"] = json!(false);
            result["note"] = json!(format!(
                "still running after {} s: task_output shows its output, stop_task stops it",
                wait.as_secs()
            ));
        }
    }
    result["output_lines"] = json!(total);
    result["last_lines"] = Value::Array(tail.into());
    Ok(result)
}

/// Stops the task when `confirm` is set; else says what would be stopped.
pub async fn stop(client: &Client, project: ProjectId, p: &StopParams) -> Result<Value> {
    let handle = client.task_handle(project, TaskId::from(p.task));
    let task = handle
        .get()
        .await
        .context(format_args!("could not read task {}", p.task))?;
    if task.status.is_finished() {
        return Err(CliError::failed(format!(
            "task {} has already ended: it is {}",
            p.task,
            task.status.as_str()
        )));
    }
    let what =
        json!({"id": p.task, "template_id": task.template_id, "status": task.status.as_str()});
    if !p.confirm {
        return Ok(json!({
            "stopped": false,
            "would_stop": what,
            "note": "nothing was stopped: call again with \"confirm\": true to stop it",
        }));
    }
    handle
        .stop(p.force)
        .await
        .context(format_args!("could not stop task {}", p.task))?;
    Ok(json!({"stopped": true, "task": what, "forced": p.force}))
}
