//! What the stand-in remembers: users, sessions, tokens, projects, templates, the request log.

use std::collections::HashMap;
use std::fmt;

use serde_json::Value;

/// A user of the stand-in.
#[derive(Clone, PartialEq, Eq)]
pub struct User {
    /// Login name; matched case-insensitively, like the email.
    pub username: String,
    /// Email address; also accepted as the login.
    pub email: String,
    /// Password (never shown by `Debug`).
    pub password: String,
    /// Whether the user is an administrator.
    pub admin: bool,
    /// Display name.
    pub name: String,
}

impl User {
    /// A user with a display name equal to the username.
    pub fn new(username: &str, email: &str, password: &str, admin: bool) -> Self {
        User {
            username: username.to_owned(),
            email: email.to_owned(),
            password: password.to_owned(),
            admin,
            name: username.to_owned(),
        }
    }
}

impl fmt::Debug for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("User")
            .field("username", &self.username)
            .field("email", &self.email)
            .field("password", &"[REDACTED]")
            .field("admin", &self.admin)
            .finish()
    }
}

/// An OIDC provider shown on the login page.
#[derive(Clone, PartialEq, Eq)]
pub struct OidcProvider {
    /// The id in `/auth/oidc/{id}/login`.
    pub id: String,
    /// The button's text.
    pub name: String,
    /// The button's color.
    pub color: String,
    /// The button's icon.
    pub icon: String,
    /// Where `/auth/oidc/{id}/login` redirects to (the provider's authorize endpoint).
    pub authorize_url: String,
    /// The OAuth client id put in that redirect.
    pub client_id: String,
    /// The stand-in cannot ask a provider to check a code: the redirect endpoint accepts this
    /// `code` (when its `state` matches the `oauthstate` cookie) and logs in `username`.
    /// `Debug` does not show the code.
    pub test_code: Option<(String, String)>,
}

impl fmt::Debug for OidcProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OidcProvider")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("color", &self.color)
            .field("icon", &self.icon)
            .field("authorize_url", &self.authorize_url)
            .field("client_id", &self.client_id)
            .field(
                "test_code",
                &self
                    .test_code
                    .as_ref()
                    .map(|(_, username)| ("[REDACTED]", username)),
            )
            .finish()
    }
}

impl OidcProvider {
    /// A provider with an authorize URL on `example.com`.
    pub fn new(id: &str, name: &str) -> Self {
        OidcProvider {
            id: id.to_owned(),
            name: name.to_owned(),
            color: "blue".to_owned(),
            icon: "login".to_owned(),
            authorize_url: format!("https://{id}.example.com/authorize"),
            client_id: format!("semaphore-{id}"),
            test_code: None,
        }
    }

    /// Lets the redirect endpoint log in `username` when it gets `code`.
    pub fn accept_code(mut self, code: &str, username: &str) -> Self {
        self.test_code = Some((code.to_owned(), username.to_owned()));
        self
    }
}

/// Which credential a request presented, and whether the stand-in accepted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// Neither a cookie nor an `Authorization` header.
    None,
    /// A `semaphore` session cookie.
    Cookie {
        /// Whether it named a live session.
        valid: bool,
    },
    /// An `Authorization` header (a bearer token, or something else that is refused).
    Bearer {
        /// Whether it held a live token with the `bearer ` prefix.
        valid: bool,
    },
}

/// One request, as the stand-in saw it: no header or body is kept, so no password, cookie or
/// `Authorization` value.
///
/// `path` and `query` are kept as sent, for assertions; they can hold secrets (a token id in
/// `DELETE /user/tokens/{id}`, the OIDC `code` and `state`), so `Debug` shows those as
/// `[REDACTED]`.
#[derive(Clone, PartialEq, Eq)]
pub struct LoggedRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, `/api` included, as sent (percent-encoding untouched).
    pub path: String,
    /// The query string, when there was one, as sent.
    pub query: Option<String>,
    /// The credential presented.
    pub credential: Credential,
    /// The status answered.
    pub status: u16,
}

impl fmt::Debug for LoggedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoggedRequest")
            .field("method", &self.method)
            .field("path", &redacted_path(&self.path))
            .field("query", &self.query.as_deref().map(redacted_query))
            .field("credential", &self.credential)
            .field("status", &self.status)
            .finish()
    }
}

/// The path with what follows `/user/tokens/` (a token id) hidden.
fn redacted_path(path: &str) -> String {
    match path.find("/user/tokens/") {
        Some(at) => format!("{}[REDACTED]", &path[..at + "/user/tokens/".len()]),
        None => path.to_owned(),
    }
}

/// The query with the values of `code` and `state` (OIDC) hidden.
fn redacted_query(query: &str) -> String {
    query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if key == "code" || key == "state" => format!("{key}=[REDACTED]"),
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

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
    pub tasks: crate::tasks::Tasks,
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

    use super::*;

    fn logged(path: &str, query: Option<&str>) -> String {
        let request = LoggedRequest {
            method: "GET".into(),
            path: path.into(),
            query: query.map(str::to_owned),
            credential: Credential::None,
            status: 200,
        };
        format!("{request:?}")
    }

    #[test]
    fn debug_hides_token_ids_and_oidc_values() {
        let shown = logged("/api/user/tokens/s3cr3t%3D", None);
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("/api/user/tokens/[REDACTED]"), "{shown}");
        let shown = logged(
            "/api/auth/oidc/x/redirect",
            Some("code=c0de&state=st4te&other=kept"),
        );
        assert!(
            !shown.contains("c0de") && !shown.contains("st4te"),
            "{shown}"
        );
        assert!(shown.contains("other=kept"), "{shown}");
        assert!(logged("/api/user/tokens", None).contains("\"/api/user/tokens\""));
    }

    #[test]
    fn debug_hides_passwords_and_test_codes() {
        let user = format!("{:?}", User::new("u", "u@x", "pa55word", false));
        assert!(!user.contains("pa55word"), "{user}");
        let provider = format!("{:?}", OidcProvider::new("p", "P").accept_code("c0de", "u"));
        assert!(
            !provider.contains("c0de") && provider.contains("\"u\""),
            "{provider}"
        );
    }
}
