//! The tasks the stand-in keeps, the scripts waiting for them, and the channel their sockets
//! listen on.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use serde_json::Value;
use tokio::sync::broadcast;

use crate::task_run::TaskRun;
use crate::task_script::TaskScript;

/// A message for the sockets.
#[derive(Clone, Debug)]
pub(crate) enum SocketEvent {
    /// Text for the sockets of these users.
    Message { users: Arc<[i64]>, text: Arc<str> },
    /// Every socket closes ([`StandIn::drop_sockets`](crate::StandIn::drop_sockets)).
    DropAll,
}

pub(crate) struct Tasks {
    list: Vec<TaskRecord>,
    last_id: i64,
    template_scripts: HashMap<(i64, i64), TaskScript>,
    next_scripts: VecDeque<TaskScript>,
    /// Tasks created but whose runner has not been started yet.
    pub to_start: Vec<i64>,
    pub sockets: broadcast::Sender<SocketEvent>,
}

impl Default for Tasks {
    fn default() -> Self {
        Tasks {
            list: Vec::new(),
            last_id: 0,
            template_scripts: HashMap::new(),
            next_scripts: VecDeque::new(),
            to_start: Vec::new(),
            // A socket that falls this far behind is closed, as the real hub closes one whose
            // queue of 256 is full.
            sockets: broadcast::channel(256).0,
        }
    }
}

/// One task: the object the API shows, its stored output lines (time, text), and how it runs.
pub(crate) struct TaskRecord {
    pub task: Value,
    pub output: Vec<(String, String)>,
    pub script: TaskScript,
    pub template_name: String,
    /// What its run applies.
    pub run: TaskRun,
}

impl Tasks {
    pub(crate) fn script_template(&mut self, project: i64, template: i64, script: TaskScript) {
        self.template_scripts.insert((project, template), script);
    }

    pub(crate) fn script_next_task(&mut self, script: TaskScript) {
        self.next_scripts.push_back(script);
    }

    /// What the run of task `id` applies.
    pub(crate) fn run_of(&self, id: i64) -> Option<TaskRun> {
        self.get(id).map(|t| t.run.clone())
    }

    /// The script of the next task of template `template`: the next one queued for any task,
    /// else the template's, else the default.
    pub(crate) fn take_script(&mut self, project: i64, template: i64) -> TaskScript {
        self.next_scripts
            .pop_front()
            .or_else(|| self.template_scripts.get(&(project, template)).cloned())
            .unwrap_or_default()
    }

    /// The id the next task gets.
    pub(crate) fn new_id(&mut self) -> i64 {
        self.last_id += 1;
        self.last_id
    }

    /// Keeps a new task, whose runner starts once the request that created it is answered.
    pub(crate) fn add(&mut self, id: i64, record: TaskRecord) {
        self.list.push(record);
        self.to_start.push(id);
    }

    /// Every task, oldest first.
    pub(crate) fn all(&self) -> impl DoubleEndedIterator<Item = &TaskRecord> {
        self.list.iter()
    }

    pub(crate) fn remove(&mut self, id: i64) {
        self.list.retain(|t| t.task["id"] != id);
    }

    pub(crate) fn get(&self, id: i64) -> Option<&TaskRecord> {
        self.list.iter().find(|t| t.task["id"] == id)
    }

    pub(crate) fn get_mut(&mut self, id: i64) -> Option<&mut TaskRecord> {
        self.list.iter_mut().find(|t| t.task["id"] == id)
    }
}
