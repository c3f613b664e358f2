//! Everything the CLI does with running tasks — start, wait, follow, stop, confirm — in one
//! place, written against semaphore_api's task API: `Client::run_task`,
//! `Client::task_handle`, `TaskHandle::{wait, follow, stop, confirm}`.
//!
//! TEMPORARY (until branch `tasks` lands on main): [`shim`] gives the same signatures over the
//! plain task endpoints, polling. Once the library has them, its inherent methods take
//! precedence over the shim's trait; delete `mod shim` and its `use`.

use std::io::{IsTerminal, Write};
use std::pin::pin;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use semaphore_api::{Client, ProjectId, Task, TaskId, TaskRequest};
use serde_json::json;

use crate::args::RunArgs;
use crate::bodies;
use crate::commands::resource::{Resource, Templates, find};
use crate::context::Ctx;
use crate::error::{CliError, Context, Kind, Result};
use crate::output;

use shim::TaskApi as _;

/// What `--wait` waits at most when no `--wait-timeout` is given: in effect, for ever.
const FOREVER: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

pub async fn run(ctx: &Ctx, args: RunArgs) -> Result<()> {
    let client = ctx.client()?;
    let project = ctx.project_id(&client, &args.project).await?;
    let template_id = find::<Templates>(&client, project, &args.template).await?;
    let template = Templates::get(&client, project, template_id)
        .await
        .context(format_args!("could not read template {template_id}"))?;
    let arguments = bodies::task_arguments(&args);
    if !arguments.is_empty() && !template.allow_override_args_in_task {
        return Err(CliError::usage(format!(
            "template {} ({}) does not let a task override its arguments, which --tags, --skip-tags and --debug-level 1-3 need",
            template.id, template.name
        ))
        .hint(format!(
            "allow it with `semaphore templates update {} --allow-override-args true`",
            template.id
        )));
    }
    let patch = bodies::task_patch(&args, template_id.get(), &arguments)?;
    let request: TaskRequest = bodies::build("task", bodies::task_defaults(), None, patch)?;
    let handle = client
        .run_task(project, &request)
        .await
        .context(format_args!(
            "could not start template {} ({})",
            template.id, template.name
        ))?;
    let task_id = handle.task_id();
    if !args.wait && !args.follow {
        if ctx.json {
            return output::line(
                &json!({"id": task_id, "project_id": project, "template_id": template_id})
                    .to_string(),
            );
        }
        return output::line(&format!(
            "Started task {task_id} of template {} ({}).",
            template.id, template.name
        ));
    }
    if !ctx.json {
        output::note(&format!(
            "Started task {task_id} of template {} ({}).",
            template.id, template.name
        ));
    }
    let deadline = args.wait_timeout.map_or(FOREVER, Duration::from_secs);
    let start = Instant::now();
    if args.follow {
        let followed = tokio::time::timeout(deadline, print_lines(ctx, &handle, false)).await;
        match followed {
            Ok(result) => result?,
            Err(_) => return Err(gave_up(&handle, deadline)),
        }
    }
    let left = deadline.saturating_sub(start.elapsed());
    let task = match handle.wait(left).await {
        Ok(task) => task,
        Err(e) if e.is_timeout() => return Err(gave_up(&handle, deadline)),
        Err(e) => return Err(e.cli(format_args!("could not wait for task {task_id}"))),
    };
    report_end(ctx, &task, args.follow)
}

/// The task's end, and the exit code it means.
fn report_end(ctx: &Ctx, task: &Task, followed: bool) -> Result<()> {
    if ctx.json {
        let mut value = output::to_value(task)?;
        crate::secrets::remove(&mut value);
        let text = if followed {
            json!({"task": value}).to_string()
        } else {
            serde_json::to_string_pretty(&value).unwrap_or_default()
        };
        output::line(&text)?;
    } else {
        let line = format!("Task {} ended: {}", task.id, output::status(&task.status));
        if followed {
            output::note(&line);
        } else {
            output::line(&line)?;
        }
    }
    if task.status.is_success() {
        Ok(())
    } else {
        Err(CliError::failed(format!(
            "task {} ended with status {}",
            task.id,
            task.status.as_str()
        ))
        .hint(format!(
            "`semaphore tasks output {}` shows what it printed",
            task.id
        )))
    }
}

fn gave_up(handle: &shim::TaskHandle, deadline: Duration) -> CliError {
    CliError::new(
        Kind::Timeout,
        format!(
            "gave up waiting for task {} after {} s",
            handle.task_id(),
            deadline.as_secs()
        ),
    )
    .hint(format!(
        "it goes on running: `semaphore tasks output {} --follow` follows it, `semaphore tasks stop {}` stops it",
        handle.task_id(),
        handle.task_id()
    ))
}

/// `tasks output --follow`: the lines so far and the new ones, until the task ends.
pub async fn follow(ctx: &Ctx, client: &Client, project: ProjectId, task: TaskId) -> Result<()> {
    let handle = client.task_handle(project, task);
    print_lines(ctx, &handle, true).await
}

/// Prints the task's output as it comes; on a terminal, a spinner on stderr while nothing
/// arrives.
async fn print_lines(ctx: &Ctx, handle: &shim::TaskHandle, with_time: bool) -> Result<()> {
    let mut lines = pin!(handle.follow());
    let mut spinner = Spinner::new(
        std::io::stderr().is_terminal() && !ctx.json,
        handle.task_id(),
    );
    let mut tick = tokio::time::interval(Duration::from_millis(120));
    loop {
        tokio::select! {
            line = lines.next() => {
                spinner.clear();
                match line {
                    Some(Ok(line)) => {
                        let text = line.output.strip_suffix('\n').unwrap_or(&line.output);
                        if ctx.json {
                            output::line(&json!({"time": line.time, "output": text}).to_string())?;
                        } else if with_time {
                            output::line(&format!("{}{}{}  {text}", output::DIM, line.time, output::DIM.render_reset()))?;
                        } else {
                            output::line(text)?;
                        }
                    }
                    Some(Err(e)) => {
                        return Err(e.cli(format_args!("could not follow task {}", handle.task_id())));
                    }
                    None => return Ok(()),
                }
            }
            _ = tick.tick() => spinner.draw(),
        }
    }
}

/// A spinner on stderr, drawn only on a terminal and only after a moment of silence.
struct Spinner {
    enabled: bool,
    task: TaskId,
    frame: usize,
    quiet_since: Instant,
    shown: bool,
}

impl Spinner {
    const FRAMES: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

    fn new(enabled: bool, task: TaskId) -> Spinner {
        Spinner {
            enabled,
            task,
            frame: 0,
            quiet_since: Instant::now(),
            shown: false,
        }
    }

    fn draw(&mut self) {
        if !self.enabled || self.quiet_since.elapsed() < Duration::from_millis(250) {
            return;
        }
        let frame = Self::FRAMES[self.frame % Self::FRAMES.len()];
        self.frame += 1;
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{frame} waiting for task {}…", self.task);
        let _ = err.flush();
        self.shown = true;
    }

    fn clear(&mut self) {
        self.quiet_since = Instant::now();
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{:width$}\r", "", width = 40);
            let _ = err.flush();
            self.shown = false;
        }
    }
}

/// `tasks stop`.
pub async fn stop(client: &Client, project: ProjectId, task: TaskId, force: bool) -> Result<()> {
    client
        .task_handle(project, task)
        .stop(force)
        .await
        .map_err(|e| e.cli(format_args!("could not stop task {task}")))
}

/// `tasks confirm`.
pub async fn confirm(client: &Client, project: ProjectId, task: TaskId) -> Result<()> {
    client
        .task_handle(project, task)
        .confirm()
        .await
        .map_err(|e| e.cli(format_args!("could not confirm task {task}")))
}

/// What the task API's errors give the CLI.
trait TaskError {
    fn is_timeout(&self) -> bool;
    fn cli(&self, what: std::fmt::Arguments<'_>) -> CliError;
}

impl TaskError for semaphore_api::Error {
    fn is_timeout(&self) -> bool {
        semaphore_api::Error::is_timeout(self)
    }
    fn cli(&self, what: std::fmt::Arguments<'_>) -> CliError {
        CliError::api(what, self)
    }
}

/// TEMPORARY: the task API of branch `tasks`, over the plain endpoints, until it lands.
mod shim {
    use std::collections::VecDeque;
    use std::time::{Duration, Instant};

    use futures_util::Stream;
    use semaphore_api::{Client, ProjectApi, ProjectId, Task, TaskId, TaskRequest, TaskStop};

    use super::TaskError;
    use crate::error::CliError;

    const FIRST_POLL: Duration = Duration::from_millis(200);
    const LAST_POLL: Duration = Duration::from_secs(2);

    pub trait TaskApi {
        async fn run_task(
            &self,
            project_id: ProjectId,
            request: &TaskRequest,
        ) -> semaphore_api::Result<TaskHandle>;
        fn task_handle(&self, project_id: ProjectId, task_id: TaskId) -> TaskHandle;
    }

    impl TaskApi for Client {
        async fn run_task(
            &self,
            project_id: ProjectId,
            request: &TaskRequest,
        ) -> semaphore_api::Result<TaskHandle> {
            let task = self
                .project_project_id_tasks_post(project_id, request)
                .await?;
            Ok(self.task_handle(project_id, task.id))
        }

        fn task_handle(&self, project_id: ProjectId, task_id: TaskId) -> TaskHandle {
            TaskHandle {
                client: self.clone(),
                project_id,
                task_id,
            }
        }
    }

    pub struct TaskHandle {
        client: Client,
        project_id: ProjectId,
        task_id: TaskId,
    }

    pub struct OutputLine {
        pub time: String,
        pub output: String,
    }

    /// The shim's errors: the library's, or the deadline.
    #[derive(Debug)]
    pub enum ShimError {
        Api(semaphore_api::Error),
        Deadline,
    }

    impl TaskError for ShimError {
        fn is_timeout(&self) -> bool {
            match self {
                ShimError::Api(e) => e.is_timeout(),
                ShimError::Deadline => true,
            }
        }
        fn cli(&self, what: std::fmt::Arguments<'_>) -> CliError {
            match self {
                ShimError::Api(e) => CliError::api(what, e),
                ShimError::Deadline => CliError::new(
                    crate::error::Kind::Timeout,
                    format!("{what}: the deadline passed"),
                ),
            }
        }
    }

    impl From<semaphore_api::Error> for ShimError {
        fn from(e: semaphore_api::Error) -> Self {
            ShimError::Api(e)
        }
    }

    impl TaskHandle {
        pub fn task_id(&self) -> TaskId {
            self.task_id
        }

        async fn read(&self) -> semaphore_api::Result<Task> {
            self.client
                .project_project_id_tasks_task_id_get(self.project_id, self.task_id)
                .await
        }

        pub async fn wait(&self, deadline: Duration) -> Result<Task, ShimError> {
            let start = Instant::now();
            let mut delay = FIRST_POLL;
            loop {
                let task = self.read().await?;
                if task.status.is_finished() {
                    return Ok(task);
                }
                let left = deadline.saturating_sub(start.elapsed());
                if left.is_zero() {
                    return Err(ShimError::Deadline);
                }
                tokio::time::sleep(delay.min(left)).await;
                delay = (delay * 2).min(LAST_POLL);
            }
        }

        pub fn follow(&self) -> impl Stream<Item = Result<OutputLine, ShimError>> + '_ {
            struct State<'a> {
                handle: &'a TaskHandle,
                seen: usize,
                pending: VecDeque<OutputLine>,
                done: bool,
                delay: Duration,
            }
            let state = State {
                handle: self,
                seen: 0,
                pending: VecDeque::new(),
                done: false,
                delay: FIRST_POLL,
            };
            futures_util::stream::unfold(state, |mut s| async move {
                loop {
                    if let Some(line) = s.pending.pop_front() {
                        return Some((Ok(line), s));
                    }
                    if s.done {
                        return None;
                    }
                    // The status first: output read after it says "finished" is complete.
                    let finished = match s.handle.read().await {
                        Ok(task) => task.status.is_finished(),
                        Err(e) => {
                            s.done = true;
                            return Some((Err(e.into()), s));
                        }
                    };
                    let lines = match s
                        .handle
                        .client
                        .project_project_id_tasks_task_id_output_get(
                            s.handle.project_id,
                            s.handle.task_id,
                        )
                        .await
                    {
                        Ok(lines) => lines,
                        Err(e) => {
                            s.done = true;
                            return Some((Err(e.into()), s));
                        }
                    };
                    let total = lines.len();
                    if total > s.seen {
                        s.pending
                            .extend(lines.into_iter().skip(s.seen).map(|l| OutputLine {
                                time: l.time,
                                output: l.output,
                            }));
                        s.seen = total;
                        s.delay = FIRST_POLL;
                    }
                    if finished {
                        s.done = true;
                    } else if s.pending.is_empty() {
                        tokio::time::sleep(s.delay).await;
                        s.delay = (s.delay * 2).min(LAST_POLL);
                    }
                }
            })
        }

        pub async fn stop(&self, force: bool) -> semaphore_api::Result<()> {
            self.client
                .project_project_id_tasks_task_id_stop_post(
                    self.project_id,
                    self.task_id,
                    &TaskStop { force },
                )
                .await
        }

        pub async fn confirm(&self) -> semaphore_api::Result<()> {
            self.client
                .project_project_id_tasks_task_id_confirm_post(self.project_id, self.task_id)
                .await
        }
    }
}
