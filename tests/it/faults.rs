//! Fault injection: for every kind of operation (a JSON result, a `()` result with and without
//! a path argument, a `Redirect` result), what the user gets when the network or the server
//! misbehaves. The server is a raw TCP listener on 127.0.0.1, so every byte is chosen here.
//!
//! The table is `FAULTS` x `KINDS`; each case names the exact `Error` variant expected. No
//! case may panic or hang: each runs under a 30 s guard that fails the test instead.

use std::time::Duration;

use semaphore_api::ErrorKind;
use semaphore_api::testkit::scripted::{Reply, ScriptedServer, Then, closing_response, head};
use semaphore_api::{AuthenticationApi, Client, ERROR_BODY_LIMIT, Error};

/// A token id passed as a path argument; no error may show it.
const PATH_TOKEN: &str = "path-token-id-7f3a";
/// What the huge-body server tries to send.
const HUGE: u64 = 100 * 1024 * 1024;
/// The client's limit on a successful body in these tests.
const MAX_RESPONSE: usize = 1024 * 1024;
/// The client's timeout in the cases where it must fire.
const SHORT_TIMEOUT: Duration = Duration::from_millis(500);
/// The per-case guard: a case still running after this is a hang, and fails.
const GUARD: Duration = Duration::from_secs(30);

/// One token, as the real server lists it.
const TOKENS: &str =
    r#"[{"id":"kwofd61g93","created":"2024-10-25T10:11:12Z","expired":false,"user_id":1}]"#;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// `user_tokens_get`: `Result<Vec<ApiToken>>`.
    Json,
    /// `auth_logout_post`: `Result<()>`.
    Empty,
    /// `user_tokens_api_token_id_delete`: `Result<()>` with a path argument.
    EmptyWithPath,
    /// `auth_oidc_provider_id_login_get`: `Result<Redirect>`.
    Redirect,
}

const KINDS: [Kind; 4] = [Kind::Json, Kind::Empty, Kind::EmptyWithPath, Kind::Redirect];

impl Kind {
    /// The status line and headers of this operation's success.
    fn success(self) -> (&'static str, Vec<(&'static str, &'static str)>) {
        match self {
            Kind::Redirect => (
                "307 Temporary Redirect",
                vec![
                    ("Location", "/auth/login"),
                    ("Content-Type", "application/json"),
                ],
            ),
            _ => ("200 OK", vec![("Content-Type", "application/json")]),
        }
    }

    /// Calls the operation; `Ok` describes what came back.
    async fn call(self, client: &Client) -> semaphore_api::Result<String> {
        match self {
            Kind::Json => client
                .user_tokens_get()
                .await
                .map(|t| format!("{} token(s)", t.len())),
            Kind::Empty => client.auth_logout_post().await.map(|()| "()".into()),
            Kind::EmptyWithPath => client
                .user_tokens_api_token_id_delete(PATH_TOKEN)
                .await
                .map(|()| "()".into()),
            Kind::Redirect => client
                .auth_oidc_provider_id_login_get("sso", None)
                .await
                .map(|r| format!("redirect {} to {}", r.status().as_u16(), r.location())),
        }
    }
}

/// What the user must get.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    Ok,
    /// `ErrorKind::Transport` whose source `is_connect()`.
    Connect,
    Transport,
    Timeout,
    Decode,
    /// `ErrorKind::InvalidResponse`.
    Invalid,
    /// `ErrorKind::Status` with this status.
    Status(u16),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
    ConnectionRefused,
    ClosedOnAccept,
    ClosedBeforeAnswer,
    NotHttp,
    ResetMidBody,
    BodyShorterThanContentLength,
    NeverAnswers,
    HeadersThenStalledBody,
    InvalidJson,
    JsonOfTheWrongShape,
    HugeSuccessBody,
    HugeErrorBody,
    NonUtf8Body,
    NonUtf8ErrorBody,
    ProxyHtml502,
    RedirectWithoutLocation,
    RedirectToAnotherHost,
    JsonLabelledHtml,
    HtmlLabelledJson,
}

const FAULTS: [Fault; 19] = [
    Fault::ConnectionRefused,
    Fault::ClosedOnAccept,
    Fault::ClosedBeforeAnswer,
    Fault::NotHttp,
    Fault::ResetMidBody,
    Fault::BodyShorterThanContentLength,
    Fault::NeverAnswers,
    Fault::HeadersThenStalledBody,
    Fault::InvalidJson,
    Fault::JsonOfTheWrongShape,
    Fault::HugeSuccessBody,
    Fault::HugeErrorBody,
    Fault::NonUtf8Body,
    Fault::NonUtf8ErrorBody,
    Fault::ProxyHtml502,
    Fault::RedirectWithoutLocation,
    Fault::RedirectToAnotherHost,
    Fault::JsonLabelledHtml,
    Fault::HtmlLabelledJson,
];

const PROXY_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n";
const NON_UTF8: &[u8] = b"[{\"id\":\"\xff\xfe\xfd\",\"created\":\"\xc3\x28\"}]\x80\x81";

impl Fault {
    /// What the server does; `other` is the base URL of a second server (for redirects).
    fn script(self, kind: Kind, other: &str) -> Reply {
        let (ok_line, ok_headers) = kind.success();
        let ok = |body: &[u8]| closing_response(ok_line, &ok_headers, body);
        let send = |bytes: Vec<u8>| Reply::Send {
            bytes,
            then: Then::Close,
        };
        // The start of a success whose Content-Length promises 1000 bytes, and 100 of them.
        let partial = || {
            let mut headers = ok_headers.clone();
            headers.push(("Content-Length", "1000"));
            let mut bytes = head(ok_line, &headers);
            bytes.extend_from_slice(&TOKENS.as_bytes()[..100.min(TOKENS.len())]);
            bytes
        };
        match self {
            Fault::ConnectionRefused => unreachable!("no server"),
            Fault::ClosedOnAccept => Reply::CloseOnAccept,
            Fault::ClosedBeforeAnswer => Reply::Close,
            Fault::NotHttp => send(b"SSH-2.0-OpenSSH_9.6\r\n\r\n".to_vec()),
            // A redirect is complete with its head: the client closes, then the reset comes.
            Fault::ResetMidBody if kind == Kind::Redirect => Reply::Send {
                bytes: partial(),
                then: Then::ResetOnceClosed,
            },
            Fault::ResetMidBody => Reply::Send {
                bytes: partial(),
                then: Then::Reset,
            },
            Fault::BodyShorterThanContentLength => Reply::Send {
                bytes: partial(),
                then: Then::Close,
            },
            Fault::NeverAnswers => Reply::Silent,
            Fault::HeadersThenStalledBody => Reply::Send {
                bytes: partial(),
                then: Then::Stall,
            },
            Fault::InvalidJson => send(ok(br#"[{"id":"kwofd61g93","created":"#)),
            Fault::JsonOfTheWrongShape => send(ok(br#"{"tokens":[{"id":1}]}"#)),
            Fault::HugeSuccessBody => Reply::Stream {
                head: {
                    let length = HUGE.to_string();
                    let mut headers = ok_headers.clone();
                    headers.push(("Content-Length", &length));
                    head(ok_line, &headers)
                },
                total: HUGE,
                fill: b' ',
            },
            Fault::HugeErrorBody => Reply::Stream {
                head: head(
                    "500 Internal Server Error",
                    &[
                        ("Content-Type", "text/plain"),
                        ("Content-Length", "104857600"),
                    ],
                ),
                total: HUGE,
                fill: b'E',
            },
            Fault::NonUtf8Body => send(ok(NON_UTF8)),
            Fault::NonUtf8ErrorBody => send(closing_response(
                "400 Bad Request",
                &[("Content-Type", "application/json")],
                NON_UTF8,
            )),
            Fault::ProxyHtml502 => send(closing_response(
                "502 Bad Gateway",
                &[("Server", "nginx/1.25.3"), ("Content-Type", "text/html")],
                PROXY_502.as_bytes(),
            )),
            Fault::RedirectWithoutLocation => send(closing_response(
                "302 Found",
                &[("Content-Type", "application/json")],
                b"",
            )),
            Fault::RedirectToAnotherHost => {
                let location = format!("{other}/user/tokens");
                send(closing_response(
                    "302 Found",
                    &[("Location", &location), ("Content-Type", "text/html")],
                    b"<a href=\"elsewhere\">Found</a>",
                ))
            }
            Fault::JsonLabelledHtml => send(closing_response(
                ok_line,
                &[
                    ("Location", "/auth/login"),
                    ("Content-Type", "text/html; charset=utf-8"),
                ],
                TOKENS.as_bytes(),
            )),
            Fault::HtmlLabelledJson => send(ok(PROXY_502.as_bytes())),
        }
    }

    fn expect(self, kind: Kind) -> Expect {
        use Expect::*;
        let body_matters = matches!(kind, Kind::Json);
        let body_read = matches!(kind, Kind::Json | Kind::Empty | Kind::EmptyWithPath);
        match self {
            Fault::ConnectionRefused => Connect,
            Fault::ClosedOnAccept | Fault::ClosedBeforeAnswer | Fault::NotHttp => Transport,
            // A redirect's body is never read: it is complete with its head.
            Fault::ResetMidBody | Fault::BodyShorterThanContentLength if body_read => Transport,
            Fault::ResetMidBody | Fault::BodyShorterThanContentLength => Ok,
            Fault::NeverAnswers => Timeout,
            Fault::HeadersThenStalledBody if body_read => Timeout,
            Fault::HeadersThenStalledBody => Ok,
            Fault::InvalidJson
            | Fault::JsonOfTheWrongShape
            | Fault::NonUtf8Body
            | Fault::HtmlLabelledJson
                if body_matters =>
            {
                Decode
            }
            Fault::HugeSuccessBody if body_matters => Invalid,
            // The web UI's label: whatever the body, not the API's answer.
            Fault::JsonLabelledHtml if body_read => Invalid,
            Fault::InvalidJson
            | Fault::JsonOfTheWrongShape
            | Fault::NonUtf8Body
            | Fault::HtmlLabelledJson
            | Fault::HugeSuccessBody
            | Fault::JsonLabelledHtml => Ok,
            Fault::HugeErrorBody => Status(500),
            Fault::NonUtf8ErrorBody => Status(400),
            Fault::ProxyHtml502 => Status(502),
            Fault::RedirectWithoutLocation if kind == Kind::Redirect => Invalid,
            Fault::RedirectToAnotherHost if kind == Kind::Redirect => Ok,
            Fault::RedirectWithoutLocation | Fault::RedirectToAnotherHost => Status(302),
        }
    }

    fn timeout(self) -> Duration {
        match self {
            Fault::NeverAnswers | Fault::HeadersThenStalledBody => SHORT_TIMEOUT,
            _ => Duration::from_secs(20),
        }
    }
}

fn variant(result: &semaphore_api::Result<String>) -> Expect {
    match result.as_ref().map_err(Error::kind) {
        Ok(_) => Expect::Ok,
        Err(ErrorKind::Transport { source, .. }) if source.is_connect() => Expect::Connect,
        Err(ErrorKind::Transport { .. }) => Expect::Transport,
        Err(ErrorKind::Timeout { .. }) => Expect::Timeout,
        Err(ErrorKind::Decode { .. }) => Expect::Decode,
        Err(ErrorKind::InvalidResponse { .. }) => Expect::Invalid,
        Err(ErrorKind::Status(e)) => Expect::Status(e.status.as_u16()),
        Err(other) => panic!("unexpected variant {other:?}"),
    }
}

/// What one case showed, for the figures printed at the end.
struct Outcome {
    shown: String,
    streamed: Option<u64>,
    kept: Option<usize>,
}

async fn run_case(fault: Fault, kind: Kind) -> Outcome {
    let other = ScriptedServer::always(Reply::Silent).await;
    let (base, server) = if fault == Fault::ConnectionRefused {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}/api", listener.local_addr().unwrap());
        drop(listener);
        (base, None)
    } else {
        let server = ScriptedServer::always(fault.script(kind, &other.base_url)).await;
        (server.base_url.clone(), Some(server))
    };
    let client = Client::builder(&base)
        .bearer_token("bearer-secret-token")
        .timeout(fault.timeout())
        .max_response_bytes(MAX_RESPONSE)
        .build()
        .unwrap();
    let result = kind.call(&client).await;
    let case = format!("{fault:?} x {kind:?}");
    assert_eq!(
        variant(&result),
        fault.expect(kind),
        "{case}: got {result:?}"
    );
    let shown = match &result {
        Ok(value) => value.clone(),
        Err(e) => {
            // Every error names its operation and shows no argument value nor credential.
            let call = e.call().expect("a call's error names its call");
            let text = format!("{e} {e:?}");
            let message = e.to_string();
            assert!(
                message.starts_with(&format!("{call}: ")),
                "{case}: {message}"
            );
            for secret in [PATH_TOKEN, "bearer-secret-token"] {
                assert!(!text.contains(secret), "{case}: {secret} shows in {text}");
            }
            e.to_string()
        }
    };
    let mut outcome = Outcome {
        shown,
        streamed: None,
        kept: None,
    };
    // Fault-specific checks.
    match (fault, result.as_ref().map_err(Error::kind)) {
        (Fault::HugeSuccessBody | Fault::HugeErrorBody, _) => {
            let written = server.as_ref().unwrap().streamed().await;
            assert!(
                written < HUGE / 4,
                "{case}: the client read {written} of {HUGE} bytes"
            );
            outcome.streamed = Some(written);
            if let Err(ErrorKind::Status(e)) = result.as_ref().map_err(Error::kind) {
                assert_eq!(e.body.len(), ERROR_BODY_LIMIT, "{case}");
                assert!(e.truncated, "{case}");
                assert!(e.body.iter().all(|&b| b == b'E'), "{case}");
                outcome.kept = Some(e.body.len());
            }
            if let Err(ErrorKind::InvalidResponse { reason, .. }) =
                result.as_ref().map_err(Error::kind)
            {
                assert!(
                    reason.contains(&MAX_RESPONSE.to_string()),
                    "{case}: {reason}"
                );
            }
        }
        (
            Fault::ResetMidBody | Fault::BodyShorterThanContentLength,
            Err(e @ ErrorKind::Transport { detail, .. }),
        ) => {
            // A body cut short is not a decoding problem, in `Display` nor in `detail`.
            for text in [&e.to_string(), detail] {
                assert!(text.contains("error reading the response body"), "{text}");
                assert!(!text.contains("decoding"), "{text}");
            }
        }
        (Fault::NonUtf8Body, Err(ErrorKind::Decode { snippet, .. })) => {
            assert!(snippet.contains('\u{FFFD}'), "{case}: {snippet:?}");
        }
        (Fault::NonUtf8ErrorBody, Err(ErrorKind::Status(e))) => {
            assert_eq!(e.body, NON_UTF8, "{case}");
            assert!(e.body_text().contains('\u{FFFD}') && e.message.is_none());
        }
        (Fault::ProxyHtml502, Err(ErrorKind::Status(s))) => {
            let e = result.as_ref().unwrap_err();
            assert!(e.is_server_error() && s.message.is_none(), "{case}");
            assert!(s.body_text().contains("nginx"), "{case}");
        }
        (Fault::RedirectWithoutLocation, Err(ErrorKind::Status(s))) => {
            assert_eq!(s.location, None, "{case}");
        }
        (Fault::RedirectToAnotherHost, _) => {
            let elsewhere = format!("{}/user/tokens", other.base_url);
            match result.as_ref().map_err(Error::kind) {
                Err(ErrorKind::Status(s)) => assert_eq!(s.location.as_deref(), Some(&*elsewhere)),
                Ok(shown) => assert!(shown.ends_with(&elsewhere), "{case}: {shown}"),
                Err(e) => panic!("{case}: {e:?}"),
            }
        }
        _ => {}
    }
    // Whatever the answer, the other host was never contacted.
    assert_eq!(other.accepted(), 0, "{case}: a redirect was followed");
    if let Some(server) = &server {
        assert!(server.accepted() <= 1, "{case}: the call was retried");
        if kind == Kind::EmptyWithPath && !server.requests().is_empty() {
            let target = &server.requests()[0].target;
            assert_eq!(target, &format!("/api/user/tokens/{PATH_TOKEN}"));
        }
    }
    outcome
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_for_every_kind_of_operation() {
    let mut cases = 0;
    let mut report = String::new();
    for fault in FAULTS {
        for kind in KINDS {
            let outcome = tokio::time::timeout(GUARD, run_case(fault, kind))
                .await
                .unwrap_or_else(|_| panic!("{fault:?} x {kind:?} hung"));
            cases += 1;
            report.push_str(&format!(
                "{fault:?} x {kind:?}: {:?} -> {}",
                fault.expect(kind),
                outcome.shown
            ));
            if let Some(written) = outcome.streamed {
                report.push_str(&format!(" [server wrote {written} of {HUGE} body bytes]"));
            }
            if let Some(kept) = outcome.kept {
                report.push_str(&format!(" [kept {kept} bytes]"));
            }
            report.push('\n');
        }
    }
    println!("{report}{cases} cases");
    assert_eq!(cases, FAULTS.len() * KINDS.len());
}
