//! Hostile input from the caller: path arguments (a property test over arbitrary strings),
//! query and header values with `&`, `=`, `#`, newlines, and base URLs. Every value either
//! reaches the server exactly as given, in its own place, or is an `Err` before anything is
//! sent. The server is the scripted server, which shows the bytes on the wire.

use crate::support;

use std::sync::OnceLock;

use percent_encoding::percent_decode_str;
use proptest::prelude::*;
use semaphore_api::ErrorKind;
use semaphore_api::testkit::scripted::{NO_CONTENT, ScriptedServer};
use semaphore_api::{AuthenticationApi, Client, Error, Result, Url, semaphore_api};

/// A trait of the kind users declare, with a query and a header argument.
#[semaphore_api]
pub trait Probe {
    #[get("/probe/{name}")]
    async fn probe(
        &self,
        name: &str,
        #[query] q: &str,
        #[query("list")] list: &[&str],
        #[header("X-Probe")] h: &str,
    ) -> Result<()>;
}

const DEFAULT_CASES: u32 = 1_000;

fn config() -> ProptestConfig {
    support::proptest_config(DEFAULT_CASES)
}

/// One runtime and one recording server per property, kept across its cases.
struct Fixture {
    runtime: tokio::runtime::Runtime,
    server: ScriptedServer,
    client: Client,
}

fn fixture(cell: &'static OnceLock<Fixture>, response: &'static str) -> &'static Fixture {
    cell.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let server = runtime.block_on(ScriptedServer::replying_with(response));
        let client = Client::new(&server.base_url).unwrap();
        Fixture {
            runtime,
            server,
            client,
        }
    })
}

/// Arbitrary strings, with the interesting characters made common.
fn hostile_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        3 => "[./%?#&=;+ \\\\a\u{e9}\u{2713}\r\n\t\u{0}-]{0,8}",
        1 => prop::sample::select(vec!["", ".", "..", "...", "%2e%2e", "%2F", "./", "/.."])
            .prop_map(str::to_owned),
    ]
}

fn dot_segment(value: &str) -> bool {
    matches!(value, "" | "." | "..")
}

/// Checks one path argument at the end of a path and one in the middle.
fn check_path_value(value: &str) -> std::result::Result<(), TestCaseError> {
    static END: OnceLock<Fixture> = OnceLock::new();
    static MIDDLE: OnceLock<Fixture> = OnceLock::new();
    const REDIRECT: &str = "HTTP/1.1 307 Temporary Redirect\r\nLocation: /auth/login\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    for (fixture, prefix, suffix) in [
        (fixture(&END, NO_CONTENT), "/api/user/tokens/", ""),
        (fixture(&MIDDLE, REDIRECT), "/api/auth/oidc/", "/login"),
    ] {
        let before = fixture.server.requests().len();
        let client = &fixture.client;
        let result = fixture.runtime.block_on(async {
            if suffix.is_empty() {
                client.user_tokens_api_token_id_delete(value).await
            } else {
                client
                    .auth_oidc_provider_id_login_get(value, None)
                    .await
                    .map(drop)
            }
        });
        let requests = fixture.server.requests();
        if dot_segment(value) {
            let refused = matches!(
                result.as_ref().map_err(Error::kind),
                Err(ErrorKind::InvalidArgument { .. })
            );
            prop_assert!(refused, "{value:?}: {result:?}");
            prop_assert_eq!(requests.len(), before, "{:?} was sent", value);
            continue;
        }
        prop_assert!(result.is_ok(), "{value:?}: {result:?}");
        prop_assert_eq!(requests.len(), before + 1);
        let target = &requests[before].target;
        let rest = target.strip_prefix(prefix).unwrap();
        let segment = rest.strip_suffix(suffix).unwrap();
        // Exactly the declared segments: the value adds no `/`, `?` or `#`.
        prop_assert!(!segment.contains(['/', '?', '#']), "{value:?} -> {target}");
        let expected = prefix.split('/').count() + suffix.split('/').count() - 1;
        prop_assert_eq!(target.split('/').count(), expected, "{}", target);
        let decoded = percent_decode_str(segment).collect::<Vec<u8>>();
        prop_assert_eq!(decoded, value.as_bytes(), "{}", target);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn path_arguments_stay_one_segment_and_decode_back(value in hostile_string()) {
        check_path_value(&value)?;
    }

    #[test]
    fn query_and_header_values_arrive_unchanged_or_nothing_is_sent(
        q in hostile_string(),
        h in hostile_string(),
        list in prop::collection::vec(hostile_string(), 0..3),
    ) {
        static PROBE: OnceLock<Fixture> = OnceLock::new();
        let fixture = fixture(&PROBE, NO_CONTENT);
        let before = fixture.server.requests().len();
        let list: Vec<&str> = list.iter().map(String::as_str).collect();
        let result = fixture.runtime.block_on(fixture.client.probe("p", &q, &list, &h));
        let requests = fixture.server.requests();
        // A header value may hold any byte but the controls (tab aside) and DEL.
        let legal_header = h.bytes().all(|b| b == b'\t' || (b >= 0x20 && b != 0x7f));
        if !legal_header {
            let refused = matches!(result.as_ref().map_err(Error::kind), Err(ErrorKind::InvalidArgument { param: "h", .. }));
            prop_assert!(refused, "{h:?}: {result:?}");
            prop_assert_eq!(requests.len(), before, "{:?} was sent", h);
            return Ok(());
        }
        prop_assert!(result.is_ok(), "{q:?} {h:?}: {result:?}");
        let request = &requests[before];
        prop_assert_eq!(request.path(), "/api/probe/p");
        prop_assert!(!request.target.contains('#'));
        let url = Url::parse(&format!("http://h{}", request.target)).unwrap();
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        let mut expected = vec![("q".to_owned(), q.clone())];
        expected.extend(list.iter().map(|v| ("list".to_owned(), (*v).to_owned())));
        prop_assert_eq!(pairs, expected);
        // HTTP drops a value's surrounding blanks; everything else arrives as sent.
        let probes: Vec<&str> = request
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("x-probe"))
            .map(|(_, v)| v.as_str())
            .collect();
        prop_assert_eq!(probes, vec![h.trim_matches([' ', '\t'])]);
        prop_assert_eq!(request.headers.len(), 4, "{:?}", request.headers);
    }
}

/// Values a naive query encoding gets wrong, spelled out.
#[tokio::test]
async fn ampersands_equals_hashes_and_newlines() {
    let server = ScriptedServer::replying_with(NO_CONTENT).await;
    let client = Client::new(&server.base_url).unwrap();
    for value in [
        "a&b=c",
        "x#frag",
        "=&=",
        "#",
        "&admin=true",
        "100%",
        "a+b c",
    ] {
        client.probe("p", value, &[value], value).await.unwrap();
        let request = server.last();
        let url = Url::parse(&format!("http://h{}", request.target)).unwrap();
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        assert_eq!(
            pairs,
            [("q".into(), value.into()), ("list".into(), value.into())],
            "{value:?} -> {}",
            request.target
        );
        assert_eq!(request.header("x-probe"), Some(value));
    }
    let sent = server.requests().len();
    for value in [
        "a\r\nX-Injected: 1",
        "a\nX-Injected: 1",
        "a\rb",
        "\0",
        "a\u{7f}",
    ] {
        // Newlines in a query value are encoded; in a header they are refused.
        let err = client.probe("p", "ok", &[], value).await.unwrap_err();
        let ErrorKind::InvalidArgument { param, reason, .. } = err.kind() else {
            panic!("{value:?}: {err:?}")
        };
        assert_eq!((*param, reason.contains("x-probe")), ("h", true), "{err}");
        assert!(!err.to_string().contains("X-Injected"), "{err}");
        client.probe("p", value, &[], "ok").await.unwrap();
        let request = server.last();
        assert!(request.header("x-injected").is_none());
        let url = Url::parse(&format!("http://h{}", request.target)).unwrap();
        assert_eq!(url.query_pairs().next().unwrap().1, value);
    }
    // Only the query-only calls went out.
    assert_eq!(server.requests().len(), sent + 5);
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.header("x-injected").is_none())
    );
}

#[tokio::test]
async fn base_urls_work_as_written_or_as_a_browser_shows_them_or_are_refused() {
    let server = ScriptedServer::replying_with(NO_CONTENT).await;
    let root = server.base_url.trim_end_matches("/api").to_owned(); // http://127.0.0.1:PORT
    let host = root.trim_start_matches("http://").to_owned();
    let working = [
        (format!("{root}/api"), "/api/probe/p"),
        (format!("{root}/api/"), "/api/probe/p"),
        (format!("{root}/api//"), "/api/probe/p"),
        (format!("{root}/semaphore/api"), "/semaphore/api/probe/p"),
        (format!("{root}/semaphore/api/"), "/semaphore/api/probe/p"),
        (root.clone(), "/api/probe/p"),
        (format!("{root}/"), "/api/probe/p"),
        (format!("{root}/project/1/templates?x=1"), "/api/probe/p"),
        (
            format!("{root}/semaphore/project/2/history"),
            "/semaphore/api/probe/p",
        ),
        (format!("{root}/auth/login"), "/api/probe/p"),
        (format!("{root}/api/project/1"), "/api/probe/p"),
        (format!("  {root}/api\n"), "/api/probe/p"),
        (format!("HTTP://{host}/api"), "/api/probe/p"),
        (format!("{root}/my%20api"), "/my%20api/probe/p"),
        (format!("{root}/a/./b/../api"), "/a/api/probe/p"),
    ];
    for (base, expected) in &working {
        let client = Client::new(base).unwrap_or_else(|e| panic!("{base:?}: {e}"));
        client.probe("p", "v", &[], "h").await.unwrap();
        assert_eq!(server.last().path(), *expected, "{base:?}");
    }
    let long = format!("http://{}/api", "a".repeat(100_000));
    let refused = [
        "",
        " ",
        "::",
        "api",
        "localhost:3000/api",
        "127.0.0.1:3000",
        "//127.0.0.1/api",
        "http://",
        "http://[::1/api",
        "http://127.0.0.1:99999/api",
        "http://exa mple.com/api",
        "http://h\0st/api",
        "ftp://127.0.0.1/api",
        "file:///etc/passwd",
        "ws://127.0.0.1/api",
        "unix:/var/run/semaphore.sock",
        "data:text/plain,hello",
        "javascript:alert(1)",
        "mailto:admin@example.com",
        "http://admin:hunter2@127.0.0.1/api",
        "http://127.0.0.1/api?token=x",
        "http://127.0.0.1/api#x",
    ];
    for base in refused {
        match Client::new(base) {
            Err(e) if matches!(e.kind(), ErrorKind::Config { .. }) => {
                assert!(e.call().is_none());
                assert!(!format!("{e} {e:?}").contains("hunter2"), "{e:?}");
            }
            other => panic!("{base:?}: {other:?}"),
        }
    }
    // Read as browsers read them (WHATWG URL): `http:///api` is the host `api`, and tabs and
    // newlines anywhere are dropped, so they can never reach a request line.
    for (base, read_as) in [
        ("http:///api", "http://api/api"),
        ("http://\r\nhost/api", "http://host/api"),
        ("http://ho\tst/a\npi", "http://host/api"),
    ] {
        assert_eq!(Client::new(base).unwrap().base_url().as_str(), read_as);
    }
    // A 100,000-character host is a URL; building a client for it neither panics nor hangs.
    assert!(Client::new(&long).is_ok());
    // Every working base sent exactly one request; the refused ones none.
    assert_eq!(server.requests().len(), working.len());
}
