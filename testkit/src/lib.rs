//! An in-process stand-in for a Semaphore server (v2.10.32+31): authentication, projects,
//! templates and what templates are made of, for tests and for trying the client without a
//! server.
//!
//! Use it through `semaphore-api`'s `testkit` feature, in `[dev-dependencies]`:
//!
//! ```toml
//! [dev-dependencies]
//! semaphore-api = { version = "0.1", features = ["testkit"] }
//! ```
//!
//! It listens on 127.0.0.1 (a free port unless [`StandInBuilder::port`] says otherwise),
//! starts in milliseconds, and stops when dropped. A default user `admin` with the password
//! `changeme` ([`DEFAULT_USER`], [`DEFAULT_PASSWORD`]) is an administrator; add more with
//! [`StandInBuilder::user`]. [`StandIn::requests`] lists what it was sent (method, path, query,
//! which credential and whether it was accepted, the status), never the credentials' values.
//!
//! ```
//! use semaphore_api_testkit::{Credential, OidcProvider, StandIn, User};
//! use tokio::io::{AsyncReadExt, AsyncWriteExt};
//!
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! let server = StandIn::builder()
//!     .user(User::new("alice", "alice@example.com", "wonderland", false))
//!     .oidc_provider(OidcProvider::new("mysso", "Sign in with MySSO"))
//!     .start()
//!     .await?;
//! assert!(server.url().starts_with("http://127.0.0.1:")); // .../api: give it to your client
//!
//! // Here, raw HTTP; your code would use semaphore_api's Client on server.url().
//! let mut socket = tokio::net::TcpStream::connect(server.addr()).await?;
//! socket
//!     .write_all(b"GET /api/user HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
//!     .await?;
//! let mut answer = String::new();
//! socket.read_to_string(&mut answer).await?;
//! assert!(answer.starts_with("HTTP/1.1 401"));
//!
//! let logged = &server.requests()[0];
//! assert_eq!((logged.method.as_str(), logged.path.as_str()), ("GET", "/api/user"));
//! assert_eq!((logged.credential, logged.status), (Credential::None, 401));
//! # Ok::<_, std::io::Error>(()) }).unwrap();
//! ```
//!
//! # Routes
//!
//! | route | answer |
//! |---|---|
//! | `GET /api/ping` | 200 `pong` (text) |
//! | `GET /api/auth/login` | 200 `{"oidc_providers":[{"id","name","color","icon"}],"login_with_password":true}` |
//! | `POST /api/auth/login` | 204 + `Set-Cookie: semaphore=<value>; Path=/`; 401 for bad credentials, `{}` or `null`; 400 for a body Go cannot decode into a login. `auth` is a username or an email, matched case-insensitively |
//! | `POST /api/auth/logout` | 204 + `Set-Cookie: semaphore=; Path=/; Expires=<1970>`, with or without credentials |
//! | `GET /api/auth/oidc/{id}/login` | 307 to the provider's authorize URL with `client_id`, `redirect_uri` (the stand-in's own `.../api/auth/oidc/{id}/redirect`), `response_type=code`, `scope=openid profile email` and a random `state`, + `Set-Cookie: oauthstate=<state>; Expires=<in a year>`; an unknown provider: 307 to `/auth/login` |
//! | `GET /api/auth/oidc/{id}/redirect`, `.../redirect/{path}` | 307 to `/` (or `/{path}`) + `Set-Cookie: semaphore=<value>; Path=/` when the `state` parameter equals the `oauthstate` cookie and `code` is the provider's [`OidcProvider::accept_code`] (the stand-in cannot ask a provider); any other request: 307 to `/auth/login` |
//! | `GET /api/user` | the current user, with `can_create_project` |
//! | `GET /api/user/tokens` | 200, the user's tokens, expired ones included |
//! | `POST /api/user/tokens` | 201, a token whose 44-character id matches `^[a-z0-9_-]{43}=$` |
//! | `DELETE /api/user/tokens/{id}` | 204 (the token is marked expired); an unknown id: 204 (SQL) or 404 (BoltDB) |
//! | `GET /api/projects` | every project for an administrator; for anyone else the projects they are a member of |
//! | `POST /api/projects` | 201 with the project (`id`, `name`, `created`, `alert`, `alert_chat`, `max_parallel_tasks`, `type`), any name (even none) accepted. With it come the caller's `owner` membership, a key `None` of type `none` and an environment `Empty` with `json` `{}`. 401 for a user who is not an administrator, unless [`StandInBuilder::non_admin_can_create_project`] |
//! | `GET /api/project/{id}` | the project |
//! | `PUT /api/project/{id}` | 204; 400 when the body's `id` is not the project's; SQL stores `name`, `alert`, `alert_chat` and `max_parallel_tasks`, BoltDB the whole body (an absent `created` becomes year 1); 403 unless an owner or an administrator |
//! | `DELETE /api/project/{id}` | 204, the project and everything in it gone; 403 unless an owner or an administrator |
//! | `GET /api/project/{id}/templates` | the templates, sorted by `sort` and `order` (see [Flavours](#flavours)) |
//! | `POST /api/project/{id}/templates` | 201 with the template: every field of the real server's (`id`, `project_id`, `inventory_id`, `repository_id`, `environment_id`, `name`, `playbook`, `arguments`, `allow_override_args_in_task`, `description`, `vaults`, `type`, `start_version`, `build_template_id`, `view_id`, `last_task`, `autorun`, `git_branch`, `survey_vars`, `suppress_success_alerts`, `app`, `tasks`), those the body leaves out at Go's zero value (`null` for pointers and lists). See below for its checks |
//! | `GET /api/project/{id}/templates/{template_id}` | the template, with its `vaults` (`[]` when none); 400 for an id that is not a number, 404 for an unknown one, or when a vault's key is not one of the project's |
//! | `PUT /api/project/{id}/templates/{template_id}` | 204: the app checked first, then the body's `id` and `project_id` (400) and the create's rules; every field replaced, the vaults by the body's (SQL keeps the ids sent, BoltDB makes them anew) |
//! | `DELETE /api/project/{id}/templates/{template_id}` | 204, with its vaults |
//! | `GET`, `POST /api/project/{id}/keys` | the keys (their secrets never shown); a create answers 204 without a body |
//! | `GET`, `POST /api/project/{id}/repositories` | the repositories; 204 |
//! | `GET`, `POST /api/project/{id}/inventory` | the inventories; 201 with the inventory |
//! | `GET`, `POST /api/project/{id}/environment` | the environments (`secrets: null`); 204 |
//! | `GET /api/project/{id}/{keys,repositories,inventory,environment}/{id}` | the object (a key without its secret; an environment with its secrets' names, not their values); 404 for an unknown one |
//! | `PUT` of one of them | 204: the body's `id` and `project_id` must be the path's (400), then the create's checks; a key's type and secret change only with `override_secret`; an environment's `secrets` changes applied as the real server applies them (`create` adds a secret, `delete` removes one, `update` changes nothing on SQL and drops the connection on BoltDB, as its handler panics) |
//! | `DELETE` of one of them | 204; 404 for an unknown one; 400 while a template (or, for a key, a repository or an inventory) uses it |
//! | `POST /api/project/{id}/tasks` | 201 with the queued task (`waiting`), run by its [`TaskScript`] ([`StandIn::script_next_task`], [`StandIn::script_template`], else [`TaskScript::default`]): `starting` with the server's own first lines, optionally `waiting_confirmation`, `running` with the script's lines one per `interval`, then `success`, `error` or nothing ([`TaskOutcome::NeverEnds`]); 400 for an unknown template |
//! | `GET /api/project/{id}/tasks`, `.../tasks/last` | the project's tasks, newest first |
//! | `GET /api/project/{id}/tasks/{task_id}`, `.../output` | the task; its stored lines, oldest first (times to the nanosecond on BoltDB, to the microsecond on SQL); 400 without a body for an unknown task or another project's |
//! | `DELETE /api/project/{id}/tasks/{task_id}` | 204, the task and its output gone; 400 while it has not ended, 401 for a user who is not an administrator |
//! | `POST /api/project/{id}/tasks/{task_id}/stop` | 204: `{"force": true}` marks it `stopped` at once, otherwise `stopping` until its runner stops; an ended task is marked `stopped` too, as on the real server |
//! | `POST /api/project/{id}/tasks/{task_id}/confirm` | 204: a task in `waiting_confirmation` goes on; 400 `task is not active` for an ended one |
//! | `GET /api/ws` | 101 and a WebSocket telling the project's members `{"type":"log",...}` for each line and `{"type":"update",...}` for each status, as the real server; 401 without a credential, 400 for a request that is not an upgrade, 403 after [`StandIn::refuse_sockets`]; [`StandIn::drop_sockets`] closes them all, and a socket that falls 256 messages behind is closed |
//! | any other route of the real server | 501 `{"error":"not modelled by the stand-in: <METHOD> /api/<route>; a test scripts its answer with StandIn::script_route(...)"}`, after what the real route checks first: the credential, and under `/api/project/{id}` the project; [`StandIn::script_route`] gives it an answer |
//! | any path outside `/api` | 200 and an HTML page, as the real server's web UI (see [Not modelled](#not-modelled)) |
//!
//! Every protected route answers 401 with an empty body without a valid credential. As on
//! the real server, an `Authorization` header that contains `bearer` (compared lowercased) is
//! read as a token after removing its first `bearer `, and any cookie is then ignored; any
//! other request (no header, a bare token, `Basic ...`) is judged by its `semaphore` cookie
//! alone. [`StandIn::expire_sessions`] ends every session, as the real server's 7-day and
//! 30-day limits would.
//!
//! Every `/api/project/{id}...` route first checks the project as the real server's
//! `ProjectMiddleware` does: an id that is not a number is 400 `{"error":"Invalid project ID"}`;
//! a project the user is not a member of is 404 (administrators see every project); an
//! administrator's unknown project is 400 without a body on SQL (its `GetProject` does not map
//! "no rows" to 404), 404 on BoltDB.
//!
//! `POST /api/project/{id}/templates` checks, in order: the body decodes (else 400 without a
//! body); the project is the path's (the body's `project_id` is ignored); then 400
//! `{"error":"template inventory can not be empty"}` when `app` is `ansible` and
//! `inventory_id` is null or absent, `template name can not be empty`, `template playbook can
//! not be empty` unless `app` is `terraform` or `tofu`, `template arguments must be valid JSON`
//! when `arguments` is not null (`""` is not JSON). On SQL the foreign keys follow (a
//! repository must exist, and so must the inventory, environment, build template and view
//! when given; else 400 without a body). The template is then stored, and only after that is
//! `app` checked: one that is not `ansible`, `terraform`, `tofu`, `bash`, `powershell` or
//! `python` is 400 `{"error":"Invalid app id: <app>"}`, **with the template left created**,
//! as on the real server. A terraform or tofu template without an inventory gets one
//! (`<name> - default`, type `terraform-workspace`, held by the template); a given inventory
//! must be the project's (else 404, the template staying created) and becomes held by it.
//!
//! The key, repository, inventory and environment creates check what the server checks: a
//! `project_id` equal to the path's (400 `{"error":"Project ID in body and URL must be the
//! same"}`), a name, the secret of `ssh` and `login_password` keys (`private key can not be
//! empty`, `password can not be empty`), a known key type (else 400 without a body), a
//! repository's URL and its branch (not needed for a local path), its key (404 unless one of
//! the project's), an inventory's type (`static`, `static-yaml`, `file` or
//! `terraform-workspace`, else `Not supported inventory type`) and keys and holder (404), an
//! environment's `json` and `env` (`Extra variables must be valid JSON`, `Environment
//! variables must be valid JSON`).
//!
//! Bodies are read as Go's `json.Decoder` fills the server's structs: only the first JSON
//! value, keys matched case-insensitively, unknown keys ignored, `null` or a missing key
//! leaving Go's zero value, a value of the wrong type (`"1"` or `1.5` for a number, an object
//! for a list) a 400 without a body, invalid UTF-8 in a string read as U+FFFD.
//!
//! Before routing, paths are treated as the real server treats them: percent-decoded (a
//! broken escape such as `%zz` is Go's 400 `400 Bad Request`, text, and the connection is
//! closed); one trailing slash cropped (`/api/user/` is `/api/user`); a path with `//`, `.` or
//! `..` segments redirected (301, no body, no `Content-Type`) to its clean form, query kept;
//! then split on `/` (so `%2F` is a separator). An unknown path, and a known one with a method
//! it does not take, is 404 with the plain-text body `Not Found\n`, before any authentication;
//! only on `/api/project/{id}/users/{user_id}` (the router's last subrouter) is a wrong method
//! a 405 without a body. `HEAD` is answered as `GET`, without the body, where the real server
//! routes it: not on the `/api/auth` routes nor on the single template. Request bodies over 1 MiB,
//! or cut short: 413, before any route acts. What hyper refuses itself (a request that is not
//! HTTP, a URI over 64 KiB) gets hyper's 400 or 414. No input makes the server panic.
//!
//! The request log ([`StandIn::requests`]) keeps no header or body. Its `path` and `query`
//! are kept as sent, so that tests can assert on them, but its `Debug` hides a token id in
//! `/user/tokens/{id}` and the OIDC `code` and `state`; [`User`]'s `Debug` hides the password
//! and [`OidcProvider`]'s the test code.
//!
//! # Flavours
//!
//! By default the stand-in acts like a server on an SQL database (PostgreSQL; MySQL shares
//! its code); [`StandInBuilder::bolt_db_backend`] makes it act like one on BoltDB. They differ
//! as the real backends do:
//!
//! | | SQL (default) | BoltDB |
//! |---|---|---|
//! | an expired API token | refused (401) | still authenticates: `GetAPIToken` does not look at `expired` |
//! | a token's `created` | now, to the second | `0001-01-01T00:00:00Z` |
//! | `DELETE` of an unknown token | 204 | 404 |
//! | what a new project stores | only `name`, `created`, `type`: `alert` reads back `false`, `alert_chat` `""`, `max_parallel_tasks` `0` (the 201 answer still echoes the body) | the whole project |
//! | an administrator's unknown project | 400, no body | 404 |
//! | ids | one sequence per kind; an `id` in a create body is ignored; an insert refused by a foreign key uses up its id | one sequence per kind and project (the second project's `None` key is id 1 too); a non-zero `id` in a create body is taken as is, replacing any object with that id |
//! | foreign keys (templates, inventories) | unknown references: 400, no body | none: unknown references are stored |
//! | sorting (`sort`, `order=desc`) | by name unless `sort` names another column: templates `playbook`, `inventory`, `environment`, `repository` (the latter three by the related object's name, a missing one last); keys `type`; repositories `git_url` (`ssh_key` is a 400: the real join cannot be read back); strings compared byte by byte | only when `sort` names a column BoltDB sorts by (`name`; keys also `type`; repositories none), byte by byte; else id order, and `order` is ignored |
//! | `GET /projects` | sorted by name, at most 200 | id order |
//! | `empty: true` on keys without a secret (`none`, an empty `string`) | in lists | never |
//! | template lists | `autorun` and `suppress_success_alerts` `false`, `survey_vars` `null` (the list query leaves them out) | as stored |
//! | a created template's `vaults` | as sent (ids `0`) | as stored (`[]` when none) |
//! | a template's `tasks` | not stored (always `0` once read back) | stored as sent |
//! | template vaults sent with an `id` | move that existing vault to the new template (none created) | created with that id |
//! | a vault whose key does not exist | 400, no body (the template is created) | 404 (the template is created) |
//!
//! ## A newer server
//!
//! [`StandInBuilder::newer_server`] makes the stand-in a server newer than v2.10.32 (Semaphore
//! 2.17, as its sources show it; [`NEWER_SERVER_VERSION`] on `/api/info`) where that matters
//! to a client: templates keep `task_params`, `runner_tag`, `allow_parallel_tasks` and
//! `allow_override_branch_in_task`; a task's options are read from `params`, and its limit,
//! tags, skipped tags, debugging and inventory are applied only where the template's
//! `task_params` allows each, dropped without a word otherwise ([`StandIn::task_run`] tells
//! what a run applied); output lines have `id` and `stage_id`; `GET
//! .../tasks/{task_id}/raw_output` and `POST .../templates/{template_id}/stop_all_tasks` are
//! served (on v2.10.32 they are not routes: 404). CONFORMANCE.md lists the sources.
//!
//! # Where it follows the real server rather than the spec
//!
//! Semaphore's Swagger spec and its Go handlers (v2.10) differ; the stand-in does what the
//! server does:
//! - a bad login (unknown user, wrong password, `{}`, `null`) is **401**, not the spec's 400;
//!   400 is kept for bodies that are not a login object;
//! - the OIDC endpoints answer **307**, not 302, and failures redirect to `/auth/login`;
//! - `POST /auth/logout` answers 204 **without** credentials too, and leaves the session valid
//!   on the server (only the browser's cookie is cleared);
//! - every answer of a route, the empty 204s, 401s and 307s included, has `Content-Type:
//!   application/json`; JSON bodies end with a newline; failures of the auth routes have
//!   **empty** bodies, as have most others (only checks with a message have
//!   `{"error": "..."}`);
//! - the server's paths have **no trailing slash** (`/project/1`, where the spec writes
//!   `/project/1/`; one trailing slash is cropped, so both work);
//! - a wrong method on a known path is **404**, not 405, even without credentials;
//! - the bearer prefix is matched case-insensitively, a bare token or `Bearer  tok` (two spaces)
//!   is 401 (a bare token falls back to the cookie);
//! - `GET /user/tokens` lists **expired** tokens too, and `DELETE` marks them expired;
//! - `POST /projects` and `POST /project/{id}/templates` answer **201 with the created
//!   object**, `POST .../inventory` too; the other creates answer **204 without a body**;
//! - `POST /projects` accepts a project **without a name**, and a non-administrator's is
//!   **401** (not 403);
//! - a template with an unknown `app` is **created and refused** (400) at once.
//!
//! # Limits
//!
//! A stand-in that runs for long stays bounded: the request log keeps the latest
//! [`DEFAULT_LOG_LIMIT`] requests with paths cut to 1,024 bytes ([`StandInBuilder::log_limit`]);
//! at most [`DEFAULT_MAX_SESSIONS`] sessions are kept, a login past that ending the oldest
//! ([`StandInBuilder::max_sessions`]); at most [`DEFAULT_MAX_CONNECTIONS`] connections are
//! served at once, more waiting in the listen queue ([`StandInBuilder::max_connections`]); a
//! connection that takes longer than [`DEFAULT_HEADER_READ_TIMEOUT`] to send a request's head
//! is closed ([`StandInBuilder::header_read_timeout`]). API tokens are kept, as the real
//! server keeps them (it lists expired ones too).
//!
//! # Not modelled
//!
//! What the stand-in does differently from the real server on the routes it serves:
//! - sessions never expire on their own (only through [`StandIn::expire_sessions`]; the real
//!   server ends them after 7 idle days or 30 days in all); the expiry of the `oauthstate`
//!   cookie (set a year ahead, as Semaphore sets it) is never checked, and the OIDC provider
//!   is never asked (see [`OidcProvider::accept_code`]);
//! - users are only those given to the builder: no LDAP or external users, no user created
//!   through the API; `auth` is matched case-insensitively, where the real server lowercases
//!   it and compares it as its database's collation does; `GET /user`'s `created` is a fixed
//!   date;
//! - no administrator-only routes (403) are served, and the only project members are the
//!   owners the project creates make (there is no route to add others), so the 403 a member
//!   without the right role gets for a write never happens;
//! - a request whose `Accept` contains `text/html` gets the 400s of non-numeric ids like any
//!   other; the real server redirects it (302 to `/404`);
//! - `created` of a project is to the second, in UTC; the real server answers nanoseconds on
//!   create, microseconds when read back from PostgreSQL, and the server's UTC offset on
//!   BoltDB;
//! - `demo: true` in `POST /projects` adds nothing (the real server adds the demo
//!   repository, inventories, templates and vault);
//! - a key, repository, inventory or environment create whose `project_id` differs from the
//!   path's is refused and nothing is created; the real server's repository and environment
//!   creates answer the same 400 but still create the object, in the body's project;
//! - an environment's `secrets` are ignored (the real server stores them as keys); lists
//!   answer `secrets: null`, as the real server's lists do;
//! - sorting compares strings byte by byte, as PostgreSQL's `C` collation does: a
//!   case-insensitive collation (MySQL's default) orders `Beta` and `alpha` the other way, and
//!   MySQL sorts a missing related object first; equal keys keep id order, where SQL leaves
//!   their order undefined;
//! - there are no tasks: `last_task` is `null` once read back and `tasks` counts nothing; a
//!   `last_task` sent in a template body is answered as sent and not type-checked (the real
//!   server decodes it as a task and answers every task field);
//! - views are not modelled: on SQL any `view_id` is refused by the foreign key, as for a view
//!   that does not exist;
//! - on SQL, a terraform or tofu template with vaults keeps them as created; the real server
//!   inserts them again when it links the workspace (new vault ids);
//! - when a body has a key twice (in different case), Go keeps the last one; the stand-in
//!   prefers the one spelled as the field;
//! - outside `/api` the real server serves its web UI; the stand-in answers a page of its
//!   own the same way (200, `text/html`, for any method, on a path without a dot; 404 on
//!   one with a dot, where the real server serves a file of the web UI);
//! - the 1 MiB body limit (413) is the stand-in's own; hyper's limits (400, 414) are not Go's.

mod accounts;
mod config;
mod credentials;
mod decode;
mod dispatch;
mod handler;
mod handlers;
mod newer;
mod objects;
mod paths;
mod project_settings;
mod projects;
pub mod proxy;
mod query;
mod request_log;
mod route_table;
mod routing;
pub mod scripted;
mod server;
mod shared;
mod socket;
mod sorting;
mod state;
mod task_run;
mod task_runner;
mod task_script;
mod task_status;
mod task_store;
mod tasks;
mod templates;
mod wire;

pub use accounts::{OidcProvider, User};
pub use newer::{NEWER_SERVER_VERSION, VERIFIED_SERVER_VERSION};
pub use request_log::{Credential, LoggedRequest};
pub use server::{
    DEFAULT_HEADER_READ_TIMEOUT, DEFAULT_LOG_LIMIT, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_SESSIONS,
    DEFAULT_PASSWORD, DEFAULT_USER, StandIn, StandInBuilder,
};
pub use task_run::TaskRun;
pub use task_script::{TaskOutcome, TaskScript};
