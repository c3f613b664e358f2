//! Secrets: everything a user can observe of the client (`Debug` of the builder, the client,
//! `Login`, `ApiToken`, `Redirect`; `Display`, `Debug` and the source chain of every `Error`
//! variant; the TRACE-level `tracing` output of a whole session, with the `log` records of
//! reqwest and hyper forwarded into it) is collected, and none of it may hold the password,
//! the bearer token, the session cookie or a token id passed as a path argument.
//!
//! Secrets that are not the client's arrive in answers too: a new token in a listing, a
//! runner token, a key's secret, a token id in a redirect's `Location`, a token quoted by the
//! server's error message. Each place an answer's bytes can reach (a `Status` error's
//! message, body and `Location`; a `Decode` error's snippet and serde's description; a
//! `Redirect`; the trace) is fed one, and none may show it.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use semaphore_api::ErrorKind;
use semaphore_api::testkit::scripted;
use semaphore_api::testkit::scripted::{Reply, ScriptedServer, Then, closing_response, response};
use semaphore_api::{
    AuthenticationApi, Client, Error, Login, Result, RunnerInternalApi, RunnerProgress,
    RunnerRegistration, Secret, semaphore_api,
};

const PASSWORD: &str = "pw-Secret-1a2b";
const BEARER: &str = "bearer-Secret-3c4d";
const COOKIE: &str = "cookie-Secret-5e6f";
const PATH_TOKEN: &str = "pathtoken-Secret-7a8b";
const NEW_TOKEN: &str = "newtoken-Secret-9c0d1e2f3a4b5c6d";
const RUNNER_TOKEN: &str = "runnertoken-Secret-5f6a7b8c";
const KEY_SECRET: &str = "c3NoLWVkMjU1MTkgQUFBQUMzTnphQzFsWkRJMU5URTVBQUFBSQ";
const LOCATION_TOKEN: &str = "locationtoken-Secret-1d2e3f";
const REGISTRATION_TOKEN: &str = "registration-Secret-1e2f";
const SECRETS: [&str; 9] = [
    PASSWORD,
    BEARER,
    COOKIE,
    PATH_TOKEN,
    NEW_TOKEN,
    RUNNER_TOKEN,
    KEY_SECRET,
    LOCATION_TOKEN,
    REGISTRATION_TOKEN,
];

#[semaphore_api]
pub trait Probe {
    #[get("/probe")]
    async fn probe(&self, #[header("X-Probe")] h: &str) -> Result<()>;
}

/// Where the fmt subscriber writes.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Buffer {
    type Writer = Buffer;
    fn make_writer(&'a self) -> Buffer {
        self.clone()
    }
}

/// What was observed, labelled, so a leak names its source; and the secrets a server made
/// during the session (a stand-in's session cookie and token), sought with the others.
#[derive(Default)]
struct Seen(Vec<(String, String)>, Vec<String>);

impl Seen {
    fn add(&mut self, label: impl Into<String>, text: impl Into<String>) {
        self.0.push((label.into(), text.into()));
    }

    fn error(&mut self, label: &str, error: &Error) {
        self.add(format!("{label} Display"), error.to_string());
        self.add(format!("{label} Debug"), format!("{error:?}"));
        let mut source = std::error::Error::source(error);
        while let Some(e) = source {
            self.add(format!("{label} source"), format!("{e} / {e:?}"));
            source = e.source();
        }
    }
}

/// A Semaphore-like server for the session: login, tokens, logout, OIDC.
fn session_route(request: &scripted::Request) -> Reply {
    let json = [("Content-Type", "application/json")];
    let authed = request.header("cookie") == Some(&format!("semaphore={COOKIE}"))
        || request.header("authorization") == Some(&format!("Bearer {BEARER}"));
    let token = |id: &str| {
        format!(r#"{{"id":"{id}","created":"2024-10-25T10:11:12Z","expired":false,"user_id":1}}"#)
    };
    let reply = |line: &str, headers: &[(&str, &str)], body: &str| {
        Reply::keep_alive(response(line, headers, body.as_bytes()))
    };
    match (request.method.as_str(), request.path()) {
        ("GET", "/api/auth/login") => reply(
            "200 OK",
            &json,
            r#"{"oidc_providers":[{"id":"sso","name":"SSO"}],"login_with_password":true}"#,
        ),
        ("POST", "/api/auth/login") => {
            if String::from_utf8_lossy(&request.body).contains(PASSWORD) {
                let cookie = format!("semaphore={COOKIE}; Path=/");
                reply("204 No Content", &[("Set-Cookie", &cookie), json[0]], "")
            } else {
                reply("401 Unauthorized", &json, "")
            }
        }
        (_, "/api/auth/logout") => reply(
            "204 No Content",
            &[
                (
                    "Set-Cookie",
                    "semaphore=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
                ),
                json[0],
            ],
            "",
        ),
        ("GET", "/api/auth/oidc/sso/login") => reply(
            "307 Temporary Redirect",
            &[
                (
                    "Location",
                    "https://idp.example/authorize?client_id=semaphore&state=s1",
                ),
                ("Set-Cookie", "oauthstate=s1; Path=/"),
                json[0],
            ],
            "",
        ),
        // The runners' API: the registration token in the body, then the runner's token in
        // `X-Runner-Token`, never the user's credentials.
        ("POST", "/api/internal/runners") if !authed => {
            if String::from_utf8_lossy(&request.body).contains(REGISTRATION_TOKEN) {
                reply("200 OK", &json, &format!(r#"{{"token":"{RUNNER_TOKEN}"}}"#))
            } else {
                reply(
                    "400 Bad Request",
                    &json,
                    r#"{"error":"Invalid registration token"}"#,
                )
            }
        }
        (method, "/api/internal/runners") if !authed => {
            match (request.header("x-runner-token"), method) {
                (Some(RUNNER_TOKEN), "GET") => reply(
                    "200 OK",
                    &json,
                    r#"{"CurrentJobs":null,"new_jobs":null,"access_keys":{}}"#,
                ),
                (Some(RUNNER_TOKEN), _) => reply("204 No Content", &json, ""),
                (Some(_), _) => reply("404 Not Found", &json, r#"{"error":"Runner not found"}"#),
                (None, _) => reply("401 Unauthorized", &json, r#"{"error":"Invalid token"}"#),
            }
        }
        _ if !authed => reply("401 Unauthorized", &json, ""),
        ("GET", "/api/user/tokens") => reply(
            "200 OK",
            &json,
            &format!("[{},{}]\n", token(BEARER), token(PATH_TOKEN)),
        ),
        ("POST", "/api/user/tokens") => reply("201 Created", &json, &token(BEARER)),
        ("DELETE", path) if path.starts_with("/api/user/tokens/") => {
            reply("204 No Content", &json, "")
        }
        _ => reply(
            "404 Not Found",
            &[("Content-Type", "text/plain")],
            "Not Found\n",
        ),
    }
}

/// A client holding both credentials, for a server that misbehaves.
async fn with_credentials(script: Reply) -> (ScriptedServer, Client) {
    let server = ScriptedServer::always(script).await;
    let client = Client::builder(&server.base_url)
        .bearer_token(BEARER)
        .session_cookie(COOKIE)
        .timeout(Duration::from_millis(500))
        .max_response_bytes(64)
        .build()
        .unwrap();
    (server, client)
}

/// A task followed live (socket and stored output) and waited for, on the stand-in, with a
/// session cookie and then with a token: the socket's upgrade carries each.
async fn follow_on_the_stand_in(seen: &mut Seen) {
    use semaphore_api::testkit::{DEFAULT_PASSWORD, DEFAULT_USER, StandIn};
    use semaphore_api::{
        AccessKeyRequest, InventoryRequest, InventoryType, ProjectRequest, RepositoryRequest,
        TemplateRequest,
    };
    let server = StandIn::start().await.unwrap();
    let client = Client::new(server.url()).unwrap();
    client
        .auth_login_post(&Login::new(DEFAULT_USER, DEFAULT_PASSWORD))
        .await
        .unwrap();
    let cookie = client.session_cookie().unwrap().expose_secret().to_owned();
    let token = client.user_tokens_post().await.unwrap().id;
    seen.1.extend([cookie, token.expose_secret().to_owned()]);
    let project = client
        .projects()
        .create(&ProjectRequest::new("p"))
        .await
        .unwrap();
    let p = client.project(project.id);
    let key = p.keys().create(&AccessKeyRequest::none("k")).await.unwrap();
    let repo = RepositoryRequest::new("r", "/srv/r", "", key.id);
    let repo = p.repositories().create(&repo).await.unwrap();
    let hosts = InventoryRequest::new("i", InventoryType::Static, "h");
    let hosts = p.inventories().create(&hosts).await.unwrap();
    let t = TemplateRequest::ansible("t", "p.yml", repo.id, hosts.id);
    let t = p.templates().create(&t).await.unwrap();
    let by_token = Client::builder(server.url())
        .bearer_token(token)
        .build()
        .unwrap();
    for (label, client) in [("cookie", &client), ("token", &by_token)] {
        let task = client
            .project(project.id)
            .templates()
            .run(t.id, |_| {})
            .await
            .unwrap();
        let mut lines = task.follow();
        let mut count = 0;
        while let Some(line) = lines.next().await {
            line.unwrap();
            count += 1;
        }
        assert!(count > 0, "{label}: no line followed");
        let finished = task.wait(Duration::from_secs(30)).await.unwrap();
        seen.add(
            format!("task followed with a {label}: Debug"),
            format!("{finished:?}"),
        );
    }
    let upgrades = server
        .requests()
        .iter()
        .filter(|r| r.path == "/api/ws" && r.status == 101)
        .count();
    assert!(upgrades >= 2, "the socket was used: {upgrades} upgrades");
}

async fn session(seen: &mut Seen) {
    follow_on_the_stand_in(seen).await;
    let server = ScriptedServer::start(session_route).await;

    // Builders and a client before and after login.
    let builder = Client::builder(&server.base_url)
        .bearer_token(BEARER)
        .session_cookie(COOKIE);
    seen.add("builder Debug", format!("{builder:?}"));
    seen.add("client Debug", format!("{:?}", builder.build().unwrap()));

    let client = Client::new(&server.base_url).unwrap();
    let metadata = client.auth_login_get().await.unwrap();
    seen.add("LoginMetadata Debug", format!("{metadata:?}"));
    let login = Login::new("admin", PASSWORD);
    seen.add("Login Debug", format!("{login:?}"));
    client.auth_login_post(&login).await.unwrap();
    assert!(client.has_session());
    seen.add("client Debug after login", format!("{client:?}"));
    seen.add(
        "session_cookie() Debug",
        format!("{:?}", client.session_cookie()),
    );
    let tokens = client.user_tokens_get().await.unwrap();
    assert_eq!(tokens.len(), 2);
    seen.add("Vec<ApiToken> Debug", format!("{tokens:?}"));
    let created = client.user_tokens_post().await.unwrap();
    assert_eq!(created.id.expose_secret(), BEARER);
    seen.add("ApiToken Debug", format!("{created:?}"));
    let redirect = client
        .auth_oidc_provider_id_login_get("sso", None)
        .await
        .unwrap();
    seen.add("Redirect Debug", format!("{redirect:?}"));

    // The token as a bearer token, then revoking tokens by id (a path argument).
    let bearer = Client::builder(&server.base_url)
        .bearer_token(created.id.clone())
        .build()
        .unwrap();
    seen.add("bearer client Debug", format!("{bearer:?}"));
    bearer.user_tokens_get().await.unwrap();
    bearer
        .user_tokens_api_token_id_delete(PATH_TOKEN)
        .await
        .unwrap();
    client
        .user_tokens_api_token_id_delete(BEARER)
        .await
        .unwrap();
    client.auth_logout_post().await.unwrap();
    assert!(!client.has_session());

    // A runner: registered with the server's token, then authenticated by its own.
    let registration = RunnerRegistration::new(REGISTRATION_TOKEN);
    seen.add("RunnerRegistration Debug", format!("{registration:?}"));
    let registered = client.internal_runners_post(&registration).await.unwrap();
    assert_eq!(registered.token.expose_secret(), RUNNER_TOKEN);
    seen.add("RunnerToken Debug", format!("{registered:?}"));
    let state = client
        .internal_runners_get(&registered.token)
        .await
        .unwrap();
    seen.add("RunnerState Debug", format!("{state:?}"));
    client
        .internal_runners_put(&registered.token, &RunnerProgress::default())
        .await
        .unwrap();
    client
        .internal_runners_delete(&registered.token)
        .await
        .unwrap();
    let err = client
        .internal_runners_post(&RunnerRegistration::new("wrong-registration-token"))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400), "{err:?}");
    seen.error("Status 400 (registration)", &err);
    let err = client
        .internal_runners_get(&Secret::new(format!("{RUNNER_TOKEN}-x")))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    seen.error("Status 404 (runner token)", &err);
    let err = client
        .internal_runners_get(&Secret::new(format!("{RUNNER_TOKEN}\r\n")))
        .await
        .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidArgument { .. }),
        "{err:?}"
    );
    seen.error("InvalidArgument (runner token header)", &err);

    // Every error variant, with both credentials in the client.
    let err = client.user_tokens_get().await.unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    seen.error("Status 401", &err);

    let (_s, c) = with_credentials(Reply::Send {
        bytes: closing_response(
            "404 Not Found",
            &[("Content-Type", "application/json")],
            b"",
        ),
        then: Then::Close,
    })
    .await;
    let err = c
        .user_tokens_api_token_id_delete(PATH_TOKEN)
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    seen.error("Status 404", &err);

    let (_s, c) = with_credentials(Reply::Silent).await;
    let err = c
        .user_tokens_api_token_id_delete(PATH_TOKEN)
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Timeout { .. }), "{err:?}");
    seen.error("Timeout", &err);

    let (_s, c) = with_credentials(Reply::Close).await;
    let err = c
        .user_tokens_api_token_id_delete(PATH_TOKEN)
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Transport { .. }), "{err:?}");
    seen.error("Transport (closed)", &err);

    let refused = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let c = Client::builder(format!("http://{refused}/api"))
        .bearer_token(BEARER)
        .session_cookie(COOKIE)
        .build()
        .unwrap();
    let err = c
        .user_tokens_api_token_id_delete(PATH_TOKEN)
        .await
        .unwrap_err();
    assert!(err.is_connect(), "{err:?}");
    seen.error("Transport (refused)", &err);

    // The listing holds the bearer token in use, in a shape that does not decode.
    let listing = format!(r#"[{{"id":"{BEARER}","created":"x","expired":"no","user_id":1}}]"#);
    let (_s, c) = with_credentials(Reply::Send {
        bytes: closing_response(
            "200 OK",
            &[("Content-Type", "application/json")],
            listing.as_bytes(),
        ),
        then: Then::Close,
    })
    .await;
    let c = Client::builder(c.base_url().as_str())
        .bearer_token(BEARER)
        .session_cookie(COOKIE)
        .build()
        .unwrap();
    let err = c.user_tokens_get().await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Decode { .. }), "{err:?}");
    seen.error("Decode", &err);

    let (_s, c) = with_credentials(Reply::Send {
        bytes: closing_response("307 Temporary Redirect", &[], b""),
        then: Then::Close,
    })
    .await;
    let err = c
        .auth_oidc_provider_id_login_get(PATH_TOKEN, None)
        .await
        .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidResponse { .. }),
        "{err:?}"
    );
    seen.error("InvalidResponse (no Location)", &err);

    let (_s, c) = with_credentials(Reply::Send {
        bytes: closing_response("200 OK", &[], listing.repeat(4).as_bytes()),
        then: Then::Close,
    })
    .await;
    let err = c.user_tokens_get().await.unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidResponse { .. }),
        "{err:?}"
    );
    seen.error("InvalidResponse (too large)", &err);

    let err = c
        .probe(&format!("{BEARER}\r\nX-Evil: {COOKIE}"))
        .await
        .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidArgument { .. }),
        "{err:?}"
    );
    seen.error("InvalidArgument (header)", &err);
    let err = c.user_tokens_api_token_id_delete("..").await.unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidArgument { .. }),
        "{err:?}"
    );
    seen.error("InvalidArgument (path)", &err);

    answers_holding_secrets(seen).await;

    for (label, builder) in [
        (
            "Config (bearer)",
            Client::builder("http://127.0.0.1/api").bearer_token(format!("{BEARER}\r\n")),
        ),
        (
            "Config (cookie)",
            Client::builder("http://127.0.0.1/api").session_cookie(format!("{COOKIE}; a=b")),
        ),
        (
            "Config (base URL)",
            Client::builder(format!("http://admin:{PASSWORD}@127.0.0.1/api")),
        ),
    ] {
        seen.add(format!("{label} builder Debug"), format!("{builder:?}"));
        let err = builder.build().unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Config { .. }), "{err:?}");
        seen.error(label, &err);
    }
}

/// Every place an answer's bytes can reach an error or `Debug`, fed a secret the client does
/// not hold.
async fn answers_holding_secrets(seen: &mut Seen) {
    let json = [("Content-Type", "application/json")];
    let client = |s: &ScriptedServer| Client::new(&s.base_url).unwrap();

    // Status: the server's message, the body, a redirect's Location.
    let body =
        format!(r#"{{"error":"runner {RUNNER_TOKEN} is not registered","key":"{KEY_SECRET}"}}"#);
    let (s, _) = with_credentials(Reply::Send {
        bytes: closing_response("400 Bad Request", &json, body.as_bytes()),
        then: Then::Close,
    })
    .await;
    let err = client(&s).user_tokens_get().await.unwrap_err();
    assert!(err.is_bad_request(), "{err:?}");
    seen.error("Status 400 (message and body)", &err);

    let location = format!("https://semaphore.example/api/user/tokens/{LOCATION_TOKEN}");
    let (s, _) = with_credentials(Reply::Send {
        bytes: closing_response("301 Moved Permanently", &[("Location", &location)], b""),
        then: Then::Close,
    })
    .await;
    let err = client(&s)
        .user_tokens_api_token_id_delete(PATH_TOKEN)
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Status(_)), "{err:?}");
    seen.error("Status 301 (Location)", &err);

    // Decode: the snippet, and serde's description quoting a value.
    for (label, body) in [
        (
            "Decode (listing of the wrong shape)",
            format!(r#"[{{"id":"{NEW_TOKEN}","created":"x","expired":"no","user_id":1}}]"#),
        ),
        (
            "Decode (serde quotes the value)",
            format!(r#"[{{"id":"x","created":"x","expired":false,"user_id":"{RUNNER_TOKEN}"}}]"#),
        ),
        (
            "Decode (text body)",
            format!("key material {KEY_SECRET} and token {NEW_TOKEN}"),
        ),
    ] {
        let (s, _) = with_credentials(Reply::Send {
            bytes: closing_response("200 OK", &json, body.as_bytes()),
            then: Then::Close,
        })
        .await;
        let err = client(&s).user_tokens_get().await.unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Decode { .. }),
            "{label}: {err:?}"
        );
        seen.error(label, &err);
    }

    // A Redirect result: its Location and the URL called.
    let location = format!("https://idp.example/authorize/{LOCATION_TOKEN}?state={NEW_TOKEN}");
    let (s, _) = with_credentials(Reply::Send {
        bytes: closing_response("307 Temporary Redirect", &[("Location", &location)], b""),
        then: Then::Close,
    })
    .await;
    let redirect = client(&s)
        .auth_oidc_provider_id_login_get(PATH_TOKEN, None)
        .await
        .unwrap();
    assert_eq!(redirect.location(), location);
    seen.add(
        "Redirect Debug (Location holding tokens)",
        format!("{redirect:?}"),
    );
}

#[test]
fn nothing_observable_holds_a_secret() {
    let buffer = Buffer::default();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(buffer.clone())
        .try_init()
        .expect("the only subscriber of this test binary");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let mut seen = Seen::default();
    runtime.block_on(async {
        tokio::time::timeout(Duration::from_secs(30), session(&mut seen))
            .await
            .expect("the session hung")
    });
    drop(runtime);

    let trace = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    // The capture works: the client's own events and reqwest's or hyper's are in it.
    assert!(trace.contains("sending request"), "{trace}");
    let lines = trace.lines().count();
    let foreign = trace
        .lines()
        .filter(|l| !l.contains("semaphore_api"))
        .count();
    if let Ok(path) = std::env::var("SECRETS_TRACE_FILE") {
        std::fs::write(path, &trace).unwrap(); // to read what was checked
    }
    seen.add("tracing output", trace.clone());

    let mut leaks = Vec::new();
    let made: Vec<&str> = seen.1.iter().map(String::as_str).collect();
    for (label, text) in &seen.0 {
        for secret in SECRETS.iter().copied().chain(made.iter().copied()) {
            if text.contains(secret) {
                leaks.push(format!("{label} shows {secret}: {text}"));
            }
        }
    }
    let errors = seen
        .0
        .iter()
        .filter(|(l, _)| l.ends_with("Display"))
        .count();
    println!(
        "{} observations ({errors} errors), {lines} trace lines ({foreign} from other crates), {} bytes checked",
        seen.0.len(),
        seen.0.iter().map(|(_, t)| t.len()).sum::<usize>()
    );
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}
