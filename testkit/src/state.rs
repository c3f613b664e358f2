//! What the stand-in remembers: users, sessions, tokens, projects, templates, the request log.

use std::collections::HashMap;

use serde_json::Value;

use crate::accounts::User;
use crate::request_log::LoggedRequest;
use crate::task_store::Tasks;

pub(crate) struct Token {
    pub id: String,
    pub created: String,
    pub expired: bool,
    pub user_id: i64,
}

/// A project member's role; the stand-in only makes owners (of the projects they create).
pub(crate) const OWNER: &str = "owner";

/// The longest path the request log keeps, in bytes.
pub(crate) const PATH_LIMIT: usize = 1024;

#[derive(Default)]
pub(crate) struct State {
    /// Users by id (ids from 1).
    pub users: Vec<(i64, User)>,
    /// Session cookie value -> user id. Logout leaves sessions valid, as the real server does.
    pub sessions: HashMap<String, i64>,
    pub tokens: Vec<Token>,
    /// Projects, templates, template vaults, keys, repositories, inventories and environments,
    /// by kind (`projects`, `templates`, `vaults`, then the route names), each in the shape of
    /// the real server's answers.
    pub objects: HashMap<&'static str, Vec<Value>>,
    /// Project memberships: (project id, user id, role).
    pub members: Vec<(i64, i64, &'static str)>,
    /// The last id given, by kind and bucket (see [`State::new_id`]).
    sequences: HashMap<(&'static str, i64), i64>,
    pub log: Vec<LoggedRequest>,
    /// Sessions in the order they began, so that the oldest goes first past the limit.
    session_order: std::collections::VecDeque<String>,
    /// Tasks, their scripts and the sockets told about them.
    pub tasks: Tasks,
    /// Answers a test gave to routes the stand-in does not model, by method and template
    /// (after `/api`): the status and the JSON body, if any.
    pub scripted_routes: HashMap<(String, &'static str), (u16, Option<Value>)>,
}

impl State {
    /// Starts a session for `user_id`, ending the oldest one when `limit` are open.
    pub fn add_session(&mut self, session: String, user_id: i64, limit: usize) {
        while self.session_order.len() >= limit.max(1) {
            if let Some(oldest) = self.session_order.pop_front() {
                self.sessions.remove(&oldest);
            }
        }
        self.session_order.push_back(session.clone());
        self.sessions.insert(session, user_id);
    }

    /// Ends every session.
    pub fn clear_sessions(&mut self) {
        self.sessions.clear();
        self.session_order.clear();
    }

    /// Logs a request, keeping the `limit` latest; a long path is cut to `PATH_LIMIT` bytes.
    pub fn log_request(&mut self, mut request: LoggedRequest, limit: usize) {
        if request.path.len() > PATH_LIMIT {
            let mut end = PATH_LIMIT;
            while !request.path.is_char_boundary(end) {
                end -= 1;
            }
            request.path.truncate(end);
        }
        self.log.push(request);
        // Dropped in batches, so that a full log costs no shifting on every request.
        if self.log.len() >= limit.max(1) * 2 {
            let excess = self.log.len() - limit.max(1);
            self.log.drain(..excess);
        }
    }

    /// The latest `limit` logged requests, oldest first.
    pub fn logged(&self, limit: usize) -> Vec<LoggedRequest> {
        let skip = self.log.len().saturating_sub(limit.max(1));
        self.log[skip..].to_vec()
    }
    pub fn user(&self, id: i64) -> Option<&User> {
        self.users.iter().find(|(i, _)| *i == id).map(|(_, u)| u)
    }

    pub fn is_admin(&self, id: i64) -> bool {
        self.user(id).is_some_and(|u| u.admin)
    }

    pub fn user_by_login(&self, login: &str) -> Option<(i64, &User)> {
        self.users
            .iter()
            .find(|(_, u)| {
                u.username.eq_ignore_ascii_case(login) || u.email.eq_ignore_ascii_case(login)
            })
            .map(|(i, u)| (*i, u))
    }

    pub fn add_user(&mut self, user: User) -> i64 {
        let id = self.users.len() as i64 + 1;
        self.users.push((id, user));
        id
    }

    pub fn is_member(&self, project: i64, user: i64) -> bool {
        self.members
            .iter()
            .any(|&(p, u, _)| p == project && u == user)
    }

    /// Every object of a kind, oldest first.
    pub fn list(&self, kind: &str) -> &[Value] {
        self.objects
            .get(kind)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The objects of a kind in one project, oldest first.
    pub fn in_project<'s>(&'s self, kind: &str, project: i64) -> impl Iterator<Item = &'s Value> {
        self.list(kind)
            .iter()
            .filter(move |o| o["project_id"] == project)
    }

    /// The object of a kind with this id, in this project when one is given.
    pub fn find(&self, kind: &str, project: Option<i64>, id: i64) -> Option<&Value> {
        self.list(kind)
            .iter()
            .find(|o| o["id"] == id && project.is_none_or(|p| o["project_id"] == p))
    }

    pub fn find_mut(&mut self, kind: &str, project: i64, id: i64) -> Option<&mut Value> {
        self.objects
            .get_mut(kind)?
            .iter_mut()
            .find(|o| o["id"] == id && o["project_id"] == project)
    }

    /// Removes an object.
    pub fn remove(&mut self, kind: &str, project: i64, id: i64) {
        if let Some(objects) = self.objects.get_mut(kind) {
            objects.retain(|o| !(o["id"] == id && o["project_id"] == project));
        }
    }

    /// Stores an object, in place of the one of the same kind, project and id (which only a
    /// BoltDB create with an id in its body can name).
    pub fn put(&mut self, kind: &'static str, object: Value) {
        let objects = self.objects.entry(kind).or_default();
        let same = |o: &Value| o["id"] == object["id"] && o["project_id"] == object["project_id"];
        match objects.iter_mut().find(|o| same(o)) {
            Some(old) => *old = object,
            None => objects.push(object),
        }
    }

    /// The id of a new object. The SQL backends draw it from one sequence per table and ignore
    /// an id in the body (`bucket` and `body_id` 0); BoltDB keeps one sequence per kind and
    /// project (`bucket`), and takes a non-zero id from the body as it is, without advancing
    /// the sequence.
    pub fn new_id(&mut self, kind: &'static str, bucket: i64, body_id: i64) -> i64 {
        if body_id != 0 {
            return body_id;
        }
        let last = self.sequences.entry((kind, bucket)).or_default();
        *last += 1;
        *last
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request_log::Credential;

    #[test]
    fn the_log_holds_at_most_twice_its_limit() {
        let mut state = State::default();
        for i in 0..1_000 {
            let request = LoggedRequest {
                method: "GET".into(),
                path: format!("/api/ping/{i}"),
                query: None,
                credential: Credential::None,
                status: 200,
            };
            state.log_request(request, 10);
            assert!(state.log.len() < 20, "{} kept", state.log.len());
        }
        assert_eq!(state.logged(10).last().unwrap().path, "/api/ping/999");
    }

    #[test]
    fn sessions_past_the_limit_end_the_oldest() {
        let mut state = State::default();
        for i in 0..5 {
            state.add_session(format!("s{i}"), 1, 3);
        }
        assert_eq!(state.sessions.len(), 3);
        assert!(!state.sessions.contains_key("s0") && state.sessions.contains_key("s4"));
    }
}
