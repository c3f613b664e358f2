//! What each kind of declared answer makes of what a server sends: text (`Result<String>`)
//! from a plain-text body or a JSON string; an answer in a container (`Vec`, `Option`, a map,
//! nested); and the HTML page a server's web UI answers where its API answers JSON, refused
//! by every kind with its likely cause named, on a mock server and on the stand-in.

use std::collections::{BTreeMap, HashMap};

use httpmock::MockServer;
use semaphore_api::ErrorKind;
use semaphore_api::testkit::StandIn;
use semaphore_api::{AuthenticationApi, Client, DefaultApi, Login, Result, semaphore_api};
use serde::Deserialize;

#[derive(Debug, PartialEq, Deserialize)]
pub struct Item {
    pub id: i64,
}

#[semaphore_api]
pub trait Answers {
    #[get("/text")]
    async fn text(&self) -> Result<String>;

    #[get("/list")]
    async fn list(&self) -> Result<Vec<Item>>;

    #[get("/maybe")]
    async fn maybe(&self) -> Result<Option<Box<Item>>>;

    #[get("/grouped")]
    async fn grouped(&self) -> Result<HashMap<String, Vec<Option<Item>>>>;

    #[get("/by-id")]
    async fn by_id(&self) -> Result<BTreeMap<i64, Item>>;

    #[post("/nothing")]
    async fn nothing(&self) -> Result<()>;
}

/// A server answering each path of [`Answers`] with 200 and its body, labelled with its
/// content type (none when empty); any other path is a 404.
async fn serving(routes: &[(&str, &str, &[u8])]) -> MockServer {
    let server = MockServer::start_async().await;
    for &(path, content_type, body) in routes {
        server
            .mock_async(|when, then| {
                when.path(path);
                let then = then.status(200).body(body);
                if !content_type.is_empty() {
                    then.header("Content-Type", content_type);
                }
            })
            .await;
    }
    crate::mock_server::not_found_otherwise(&server).await;
    server
}

#[tokio::test]
async fn text_is_read_as_sent_or_decoded_from_a_json_string() {
    let plain = MockServer::start_async().await;
    let text = plain
        .mock_async(|when, then| {
            when.path("/api/text")
                .header("accept", "text/plain, application/json;q=0.9");
            then.status(200)
                .header("Content-Type", "text/plain; charset=utf-8")
                .body(b"pong\n \xc3\xa9");
        })
        .await;
    let client = Client::new(plain.url("/api")).unwrap();
    assert_eq!(client.text().await.unwrap(), "pong\n é");
    text.assert_calls_async(1).await;

    let json = serving(&[("/api/text", "application/json", br#""a \"quoted\" line\n""#)]).await;
    let client = Client::new(json.url("/api")).unwrap();
    assert_eq!(client.text().await.unwrap(), "a \"quoted\" line\n");

    let untyped = serving(&[("/api/text", "", b"pong")]).await;
    let client = Client::new(untyped.url("/api")).unwrap();
    assert_eq!(client.text().await.unwrap(), "pong");
}

#[tokio::test]
async fn media_types_are_read_whatever_their_case() {
    // Each server is kept for the test's whole length: a dropped one goes back to httpmock's
    // pool, where another test may take it and clear its mocks.
    let json = serving(&[(
        "/api/text",
        "Application/Problem+JSON; Charset=UTF-8",
        br#""quoted""#,
    )])
    .await;
    let client = Client::new(json.url("/api")).unwrap();
    assert_eq!(client.text().await.unwrap(), "quoted");

    let page = serving(&[("/api/nothing", "Text/HTML; Charset=UTF-8", PAGE)]).await;
    let client = Client::new(page.url("/api")).unwrap();
    let err = client.nothing().await.unwrap_err();
    assert!(err.to_string().contains("an HTML page"), "{err}");
}

#[tokio::test]
async fn text_that_is_not_utf8_or_a_json_answer_that_is_not_a_string_is_an_error() {
    let bad = serving(&[("/api/text", "text/plain", b"po\xffng")]).await;
    let err = Client::new(bad.url("/api"))
        .unwrap()
        .text()
        .await
        .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidResponse { reason, .. } if reason.contains("not UTF-8") && reason.contains(" 2")),
        "{err:?}"
    );
    let object = serving(&[("/api/text", "application/json", br#"{"a":1}"#)]).await;
    let err = Client::new(object.url("/api"))
        .unwrap()
        .text()
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn the_ping_answers_pong_as_text_on_the_stand_in() {
    let server = StandIn::start().await.unwrap();
    let client = Client::new(server.url()).unwrap();
    assert_eq!(client.ping_get().await.unwrap(), "pong");
}

#[tokio::test]
async fn answers_in_containers_decode_into_them() {
    let server = serving(&[
        ("/api/list", "application/json", br#"[{"id":1},{"id":2}]"#),
        ("/api/maybe", "application/json", b"null"),
        (
            "/api/grouped",
            "application/json",
            br#"{"a":[{"id":3},null],"b":[]}"#,
        ),
        ("/api/by-id", "application/json", br#"{"7":{"id":7}}"#),
    ])
    .await;
    let client = Client::new(server.url("/api")).unwrap();
    assert_eq!(
        client.list().await.unwrap(),
        [Item { id: 1 }, Item { id: 2 }]
    );
    assert_eq!(client.maybe().await.unwrap(), None);
    let grouped = client.grouped().await.unwrap();
    assert_eq!(grouped["a"], [Some(Item { id: 3 }), None]);
    assert!(grouped["b"].is_empty());
    assert_eq!(client.by_id().await.unwrap()[&7], Item { id: 7 });
}

/// The web UI's page: what a server answers outside `/api`.
const PAGE: &[u8] = b"<!DOCTYPE html><html><body></body></html>";

#[tokio::test]
async fn an_html_page_is_refused_by_every_kind_of_answer_and_names_the_likely_cause() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(200)
                .header("Content-Type", "text/html; charset=utf-8")
                .body(PAGE);
        })
        .await;
    // A prefix that is not the web UI's page: used as written, so the page reaches the client.
    let base = format!("{}/semaphore", server.base_url());
    let client = Client::new(&base).unwrap();
    let errors = [
        client.text().await.unwrap_err(),
        client.list().await.unwrap_err(),
        client.grouped().await.unwrap_err(),
        client.nothing().await.unwrap_err(),
    ];
    for err in errors {
        let ErrorKind::InvalidResponse { reason, .. } = err.kind() else {
            panic!("{err:?}")
        };
        assert!(reason.contains("an HTML page"), "{reason}");
        assert!(reason.contains(&format!("{base}/api")), "{reason}");
    }
    // Behind an `/api` base, the page came from something else in front of the server.
    let client = Client::new(server.url("/api")).unwrap();
    let err = client.nothing().await.unwrap_err();
    assert!(err.to_string().contains("a proxy or a login page"), "{err}");
}

#[tokio::test]
async fn a_login_to_the_web_ui_fails_at_once_on_the_stand_in() {
    let server = StandIn::start().await.unwrap();
    let origin = server.url().trim_end_matches("/api").to_owned();
    // As the real server, the stand-in answers its page outside `/api`, to a login too.
    let client = Client::new(format!("{origin}/semaphore")).unwrap();
    let err = client
        .auth_login_post(&Login::new("admin", "changeme"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("an HTML page"), "{err}");
    // The server's address, or a page of its web UI, is read as its API.
    for given in [origin.clone(), format!("{origin}/project/1/templates")] {
        let client = Client::new(&given).unwrap();
        assert_eq!(client.base_url().as_str(), server.url(), "{given}");
        client
            .auth_login_post(&Login::new(
                semaphore_api::testkit::DEFAULT_USER,
                semaphore_api::testkit::DEFAULT_PASSWORD,
            ))
            .await
            .unwrap();
    }
}
