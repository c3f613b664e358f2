//! From an answer to the declared result: status mapping, decoding, [`Redirect`]. The steps
//! of the call pipeline (`request.rs`) that read what the server sent.

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, LOCATION};
use serde::de::DeserializeOwned;
use url::Url;

use crate::ErrorKind;
use crate::call::budget::{self, Failure};
use crate::call::credentials::Credentials;
use crate::describe::{Endpoint, Returns};
use crate::error::{Call, DecodeError, ERROR_BODY_LIMIT, Error, Result, StatusError};
use crate::redact;

/// How many characters of an undecodable body an [`ErrorKind::Decode`] shows.
const SNIPPET_LIMIT: usize = 256;

/// The memory a decoded value may take, as a multiple of the client's body limit.
pub(crate) const DECODED_FACTOR: usize = 2;

/// A 3xx answer, returned and not followed.
///
/// `location()` is exactly what the server sent. The real server sends relative locations
/// (`/auth/login` when an OIDC login fails); [`Redirect::resolve`] turns them into a full URL,
/// relative to the URL that was called, as a browser would.
///
/// ```
/// # async fn run(client: semaphore_api::Client) -> semaphore_api::Result<()> {
/// use semaphore_api::AuthenticationApi;
///
/// let redirect = client.auth_oidc_provider_id_login_get("mysso", None).await?;
/// if redirect.location() == "/auth/login" {
///     println!("no such provider");
/// } else {
///     println!("open {} in a browser", redirect.resolve()?);
/// }
/// # Ok(()) }
/// ```
///
/// `Debug` shows the location's origin only (`https://idp.example/…`): its path and query,
/// and the URL that was called, may hold tokens.
#[derive(Clone, PartialEq, Eq)]
pub struct Redirect {
    call: Call,
    status: StatusCode,
    location: String,
    request_url: Url,
}

impl Redirect {
    /// The 3xx status (the real server sends 307, the spec says 302).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The `Location` header, as sent.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Whether the location stays on the server that was called: it has no scheme, and
    /// resolving it keeps the scheme, host and port of the URL called. `//other.host/x`,
    /// `\\other.host\x` and `/\other.host` are not relative: browsers, and [`resolve`],
    /// take them to `other.host`.
    ///
    /// [`resolve`]: Redirect::resolve
    pub fn is_relative(&self) -> bool {
        Url::parse(&self.location).is_err()
            && self
                .resolve()
                .is_ok_and(|url| url.origin() == self.request_url.origin())
    }

    /// The location as a full URL, as a browser reads it: relative ones are resolved against
    /// the URL that was called, so a network-path reference such as `//other.host/x` goes to
    /// the other host (see [`is_relative`](Redirect::is_relative)). A location that is no
    /// URL at all is an [`ErrorKind::InvalidResponse`].
    pub fn resolve(&self) -> Result<Url> {
        self.request_url.join(&self.location).map_err(|e| {
            ErrorKind::InvalidResponse {
                call: self.call,
                status: self.status,
                reason: format!("the Location does not resolve to a URL: {e}"),
            }
            .into()
        })
    }
}

impl std::fmt::Debug for Redirect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Redirect")
            .field("call", &self.call)
            .field("status", &self.status)
            .field("location", &redact::location(&self.location))
            .finish_non_exhaustive()
    }
}

/// Whether an answer with `status` is the operation's success.
pub(crate) fn is_success(returns: Returns, status: StatusCode) -> bool {
    match returns {
        Returns::Json | Returns::Text | Returns::Empty => status.is_success(),
        Returns::Redirect => status.is_redirection(),
    }
}

/// Decodes a successful JSON answer, within `budget` bytes of memory (see [`bounded`]). The
/// error shows the body's shape, with `secrets` (the client's credentials) as `[REDACTED]`.
///
/// A `null` answer where a list is expected is the empty list: Go encodes an empty slice
/// that was never allocated as `null` (BoltDB servers answer event lists so).
pub(crate) fn decode<T: DeserializeOwned>(
    call: Call,
    status: StatusCode,
    body: &[u8],
    budget: usize,
    secrets: &[&str],
) -> Result<T> {
    match budget::from_slice(body, budget) {
        Ok(value) => Ok(value),
        Err(Failure::OverBudget) => Err(ErrorKind::InvalidResponse {
            call,
            status,
            reason: format!(
                "decoding the body would take more than {budget} bytes of memory ({DECODED_FACTOR} x the client's body limit)"
            ),
        }.into()),
        Err(Failure::Json(source)) => {
            if body.trim_ascii() == b"null" {
                if let Ok(empty) = serde_json::from_slice(b"[]") {
                    return Ok(empty);
                }
            }
            Err(ErrorKind::Decode {
                call,
                status,
                snippet: redact::shape(body, SNIPPET_LIMIT, secrets),
                source: DecodeError::new(&source, secrets),
            }.into())
        }
    }
}

/// The answer's media type without its parameters (`text/html` of `text/html; charset=utf-8`).
fn media_type(headers: &HeaderMap) -> Option<&[u8]> {
    let value = headers.get(CONTENT_TYPE)?.as_bytes();
    let media = value.split(|&b| b == b';').next()?.trim_ascii();
    (!media.is_empty()).then_some(media)
}

/// Whether the answer's media type is `expected`, whatever its case.
pub(crate) fn media_type_is(headers: &HeaderMap, expected: &str) -> bool {
    media_type(headers).is_some_and(|media| media.eq_ignore_ascii_case(expected.as_bytes()))
}

/// Whether the answer's media type is JSON: `application/json` or any other ending in `json`
/// (`application/problem+json`), whatever its case.
pub(crate) fn media_type_is_json(headers: &HeaderMap) -> bool {
    media_type(headers).is_some_and(|media| {
        let suffix = media.len().checked_sub(4).map(|at| &media[at..]);
        suffix.is_some_and(|suffix| suffix.eq_ignore_ascii_case(b"json"))
    })
}

/// An HTML page where the API answers: the server's web UI answers every path outside its
/// API with its page (200, `text/html`), so a base URL without `/api` would otherwise have
/// its logins "succeed" and its reads fail to decode an empty body.
pub(crate) fn refuse_html(answer: &Answer, cx: &Context<'_>) -> Result<()> {
    if !media_type_is(&answer.headers, "text/html") {
        return Ok(());
    }
    let base = cx.base;
    let cause = if base.ends_with("/api") {
        "a proxy or a login page in front of the server may have answered".to_owned()
    } else {
        format!(
            "{base} is likely the web UI's address, not the API's: the API is under /api ({base}/api)"
        )
    };
    Err(ErrorKind::InvalidResponse {
        call: cx.call,
        status: answer.status,
        reason: format!(
            "the server answered with an HTML page where its API answers JSON: {cause}"
        ),
    }
    .into())
}

/// Reads a successful 3xx answer.
pub(crate) fn redirect(
    call: Call,
    status: StatusCode,
    headers: &HeaderMap,
    request_url: &Url,
) -> Result<Redirect> {
    let invalid = |reason: &str| {
        Error::from(ErrorKind::InvalidResponse {
            call,
            status,
            reason: reason.to_owned(),
        })
    };
    let mut locations = headers.get_all(LOCATION).iter();
    let location = locations
        .next()
        .ok_or_else(|| invalid("a redirect without a Location header"))?;
    if locations.next().is_some() {
        return Err(invalid("a redirect with several Location headers"));
    }
    let location = location
        .to_str()
        .map_err(|_| invalid("a Location header that is not visible ASCII"))?;
    if location.is_empty() {
        return Err(invalid("an empty Location header"));
    }
    Ok(Redirect {
        call,
        status,
        location: location.to_owned(),
        request_url: request_url.clone(),
    })
}

/// The error for a successful answer whose body is over the client's size limit.
pub(crate) fn too_large(call: Call, status: StatusCode, limit: usize) -> Error {
    ErrorKind::InvalidResponse {
        call,
        status,
        reason: format!("the body is larger than the client's limit of {limit} bytes"),
    }
    .into()
}

/// An answer as it arrived: its head and the part of its body that was read.
pub(crate) struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// Whether the body went on past what was read.
    pub truncated: bool,
}

/// What the mapping needs besides the answer.
pub(crate) struct Context<'a> {
    pub call: Call,
    pub request_url: &'a Url,
    pub max_response_bytes: usize,
    /// The client's base URL, without its trailing slash.
    pub base: &'a str,
    /// The first server version that serves the operation, when declared.
    pub since: Option<&'static str>,
    /// The server's version, when the client has read it.
    pub server: Option<&'a crate::ServerVersion>,
    /// Kept out of what errors show.
    pub credentials: &'a Credentials,
}

/// Keeps the session the answer's head sets or ends: any `Set-Cookie: semaphore=...`, and
/// the end of the session after a success of an `#[ends_session]` operation. Returns whether
/// the session changed.
pub(crate) fn update_session(
    credentials: &Credentials,
    endpoint: &Endpoint,
    status: StatusCode,
    headers: &HeaderMap,
) -> bool {
    let mut changed = credentials.absorb_set_cookie(headers);
    if endpoint.ends_session && is_success(endpoint.returns, status) {
        credentials.clear_session();
        changed = true;
    }
    changed
}

/// The error for an answer whose status the operation does not accept.
pub(crate) fn status_error(
    call: Call,
    status: StatusCode,
    headers: &HeaderMap,
    mut body: Vec<u8>,
    truncated: bool,
) -> Error {
    body.truncate(ERROR_BODY_LIMIT);
    let location = status
        .is_redirection()
        .then(|| headers.get(LOCATION)?.to_str().ok().map(str::to_owned))
        .flatten();
    ErrorKind::Status(StatusError {
        call,
        status,
        message: server_message(&body),
        body,
        truncated,
        location,
    })
    .into()
}

/// The `error` of the server's `{"error": "..."}` answers.
fn server_message(body: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct ErrorBody {
        error: String,
    }
    let message = serde_json::from_slice::<ErrorBody>(body).ok()?.error;
    (!message.trim().is_empty()).then_some(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    const CALL: Call = Call {
        name: "op",
        method: "GET",
        path: "/x",
    };

    #[test]
    fn success_statuses_per_kind() {
        assert!(is_success(Returns::Json, StatusCode::OK));
        assert!(is_success(Returns::Empty, StatusCode::NO_CONTENT));
        assert!(!is_success(Returns::Json, StatusCode::TEMPORARY_REDIRECT));
        assert!(is_success(Returns::Redirect, StatusCode::FOUND));
        assert!(!is_success(Returns::Redirect, StatusCode::OK));
    }

    #[test]
    fn status_error_keeps_message_and_bounds_body() {
        let e = status_error(
            CALL,
            StatusCode::BAD_REQUEST,
            &HeaderMap::new(),
            br#"{"error":"Invalid project"}"#.to_vec(),
            false,
        );
        assert_eq!(e.server_message(), Some("Invalid project"));
        assert_eq!(
            e.to_string(),
            "GET /x (op): the server answered 400 Bad Request: Invalid project"
        );

        let e = status_error(
            CALL,
            StatusCode::INTERNAL_SERVER_ERROR,
            &HeaderMap::new(),
            vec![b'x'; ERROR_BODY_LIMIT * 3],
            true,
        );
        let ErrorKind::Status(s) = e.kind() else {
            panic!("{e:?}")
        };
        assert_eq!(s.body.len(), ERROR_BODY_LIMIT);
        assert!(s.truncated && s.message.is_none());
    }

    #[test]
    fn a_null_list_is_empty_and_a_null_object_an_error() {
        let empty = decode::<Vec<u32>>(CALL, StatusCode::OK, b" null\n", 1 << 20, &[]).unwrap();
        assert!(empty.is_empty());
        let none = decode::<Option<u32>>(CALL, StatusCode::OK, b"null", 1 << 20, &[]).unwrap();
        assert_eq!(none, None);
        assert!(decode::<u32>(CALL, StatusCode::OK, b"null", 1 << 20, &[]).is_err());
    }

    #[test]
    fn decode_errors_carry_a_snippet() {
        let e = decode::<Vec<u32>>(CALL, StatusCode::OK, &[b'<'; 1000], 1 << 20, &[]).unwrap_err();
        let ErrorKind::Decode {
            snippet, status, ..
        } = e.kind()
        else {
            panic!("{e:?}")
        };
        assert_eq!(*status, StatusCode::OK);
        assert_eq!(snippet.chars().count(), SNIPPET_LIMIT + 1);
        assert!(decode::<Vec<u32>>(CALL, StatusCode::OK, &[0xff, 0xfe], 1 << 20, &[]).is_err());
    }

    #[test]
    fn decode_snippets_never_show_the_credentials() {
        let token = "kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu=";
        for at in [0, 100, SNIPPET_LIMIT - 10, SNIPPET_LIMIT - 1, SNIPPET_LIMIT] {
            let mut body = vec![b' '; at];
            body.extend_from_slice(format!(r#"[{{"id":"{token}","user_id":"x"}}]"#).as_bytes());
            let e =
                decode::<Vec<u32>>(CALL, StatusCode::OK, &body, 1 << 20, &[token, ""]).unwrap_err();
            let shown = format!("{e} {e:?}");
            assert!(
                !shown.contains(token) && !shown.contains(&token[..20]),
                "{shown}"
            );
            let ErrorKind::Decode { snippet, .. } = e.kind() else {
                panic!("{e:?}")
            };
            assert!(snippet.len() <= SNIPPET_LIMIT + '…'.len_utf8(), "{snippet}");
        }
    }

    #[test]
    fn redirects() {
        let url = Url::parse("http://h:3000/api/auth/oidc/x/login").unwrap();
        let mut headers = HeaderMap::new();
        assert!(redirect(CALL, StatusCode::TEMPORARY_REDIRECT, &headers, &url).is_err());
        headers.insert(LOCATION, HeaderValue::from_static("/auth/login"));
        let r = redirect(CALL, StatusCode::TEMPORARY_REDIRECT, &headers, &url).unwrap();
        assert_eq!(r.location(), "/auth/login");
        assert!(r.is_relative());
        assert_eq!(r.resolve().unwrap().as_str(), "http://h:3000/auth/login");
        headers.append(LOCATION, HeaderValue::from_static("/other"));
        assert!(redirect(CALL, StatusCode::FOUND, &headers, &url).is_err());
    }
}
