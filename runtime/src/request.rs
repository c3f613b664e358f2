//! [`Request`]: what one call of a declared method sends, built by the generated code.
//!
//! Arguments are turned into bytes as they are added, so the future of a call owns no
//! argument and is `Send` whatever the argument types. The first bad argument is kept and
//! returned by `send_*` before anything goes out.

use std::fmt::{self, Display, Write as _};
use std::time::Instant;

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Response;
use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_TYPE, COOKIE, HeaderMap, HeaderName, HeaderValue,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::describe::{Endpoint, Returns};
use crate::error::Call;
use crate::response::{self, Answer, Context, Outcome, Redirect};
use crate::value::for_each_value;
use crate::{Client, Error, Result};

/// Everything but RFC 3986's unreserved characters is percent-encoded in a path segment,
/// so a value can never add a `/`, start a query or fragment, or change the meaning of `%`.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

#[doc(hidden)]
pub struct Request<'c> {
    client: &'c Client,
    endpoint: &'static Endpoint,
    url: String,
    has_query: bool,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
    /// Boxed: the request is moved by each call of the chain and kept by `send_json`'s future.
    error: Option<Box<Error>>,
}

impl<'c> Request<'c> {
    pub fn new(client: &'c Client, endpoint: &'static Endpoint) -> Self {
        let base = &client.inner.base;
        let mut url = String::with_capacity(base.len() + endpoint.path.len() + 48);
        url.push_str(base);
        Request {
            client,
            endpoint,
            url,
            has_query: false,
            headers: HeaderMap::new(),
            body: None,
            error: None,
        }
    }

    /// Appends a literal part of the path template.
    pub fn path(mut self, literal: &'static str) -> Self {
        self.url.push_str(literal);
        self
    }

    /// Appends a `{placeholder}`'s value as exactly one path segment.
    pub fn segment<V: Display + ?Sized>(mut self, param: &'static str, value: &V) -> Self {
        let start = self.url.len();
        let mut writer = SegmentWriter {
            out: &mut self.url,
            len: 0,
            dots: 0,
        };
        let _ = write!(writer, "{value}"); // writing to a String cannot fail
        let (len, dots) = (writer.len, writer.dots);
        let reason = if len == 0 {
            Some("it is empty, which would change the path")
        } else if len == dots && len <= 2 {
            Some("`.` and `..` are dot segments, which would change the path")
        } else {
            None
        };
        if let Some(reason) = reason {
            self.url.truncate(start);
            self.reject(param, reason.to_owned());
        }
        self
    }

    /// Adds `key=value` for each text value of `value` (none for `None`, one per element of
    /// a list).
    pub fn query<V: Serialize + ?Sized>(
        mut self,
        param: &'static str,
        key: &str,
        value: &V,
    ) -> Self {
        let url = &mut self.url;
        let has_query = &mut self.has_query;
        let added = for_each_value(value, |text| {
            url.push(if *has_query { '&' } else { '?' });
            *has_query = true;
            url.extend(url::form_urlencoded::byte_serialize(key.as_bytes()));
            url.push('=');
            url.extend(url::form_urlencoded::byte_serialize(text.as_bytes()));
            Ok(())
        });
        if let Err(reason) = added {
            self.reject(param, reason);
        }
        self
    }

    /// Adds a header for each text value of `value`. A value that is not a legal header value
    /// (a CR or LF, say) is an error: nothing is sent.
    pub fn header<V: Serialize + ?Sized>(
        mut self,
        param: &'static str,
        name: HeaderName,
        value: &V,
    ) -> Self {
        let headers = &mut self.headers;
        let added = for_each_value(value, |text| {
            let value = HeaderValue::from_str(text).map_err(|_| {
                format!("the value is not a legal `{name}` header value (control characters such as CR or LF)")
            })?;
            headers.append(name.clone(), value);
            Ok(())
        });
        if let Err(reason) = added {
            self.reject(param, reason);
        }
        self
    }

    /// Sets the JSON body.
    pub fn json<V: Serialize + ?Sized>(mut self, param: &'static str, value: &V) -> Self {
        match serde_json::to_vec(value) {
            Ok(body) => self.body = Some(body),
            Err(e) => self.reject(param, format!("it does not serialize to JSON: {e}")),
        }
        self
    }

    /// Sends, and decodes a 2xx JSON answer into `T`.
    pub async fn send_json<T: DeserializeOwned>(self) -> Result<T> {
        self.send(|response::Json(value): response::Json<T>| value)
            .await
    }

    /// Sends, and accepts any 2xx answer.
    pub fn send_empty(self) -> impl Future<Output = Result<()>> + Send + 'c {
        self.send(|()| ())
    }

    /// Sends, and returns a 3xx answer's `Location`.
    pub fn send_redirect(self) -> impl Future<Output = Result<Redirect>> + Send + 'c {
        self.send(|redirect: Redirect| redirect)
    }

    /// Sends the request, reads as much of the answer as its mapping needs, and maps it.
    ///
    /// Not an `async fn`, which would keep this `Request` for its whole life beside the
    /// `reqwest::Request` made from it (a `user_tokens_api_token_id_delete` future: 1,072
    /// bytes, not 1,696).
    fn send<O: Outcome, R>(
        self,
        finish: impl FnOnce(O) -> R + Send + 'c,
    ) -> impl Future<Output = Result<R>> + Send + 'c {
        let client = self.client;
        let endpoint = self.endpoint;
        let prepared = self.prepare::<O>();
        async move {
            let (mut request, request_url) = prepared?;
            let call = Call::of(endpoint);
            let inner = &client.inner;
            // The credentials of the moment the call is sent: a login may come in between.
            let headers = request.headers_mut();
            if endpoint.auth {
                if let Some(bearer) = inner.credentials.bearer() {
                    headers.insert(AUTHORIZATION, bearer.clone());
                }
                if let Some(cookie) = inner.credentials.session_header() {
                    headers.insert(COOKIE, cookie);
                }
            }
            if request.body().is_some() {
                let json = HeaderValue::from_static("application/json");
                request.headers_mut().insert(CONTENT_TYPE, json);
            }
            let started = Instant::now();
            tracing::debug!(
                target: "semaphore_api",
                operation = endpoint.name, method = call.method, path = endpoint.path,
                bearer = endpoint.auth && inner.credentials.has_bearer(),
                "sending request"
            );
            let mut response = inner
                .http
                .execute(request)
                .await
                .map_err(|e| transport(call, e))?;
            let status = response.status();
            tracing::debug!(
                target: "semaphore_api",
                operation = endpoint.name, method = call.method, path = endpoint.path,
                status = status.as_u16(), elapsed_ms = started.elapsed().as_millis() as u64,
                "answer received"
            );
            if response::update_session(&inner.credentials, endpoint, status, response.headers()) {
                tracing::debug!(target: "semaphore_api", operation = endpoint.name, "session updated");
            }
            let limit = response::body_limit(O::RETURNS, status, inner.max_response_bytes);
            let read = match limit {
                None => Ok(Default::default()), // not even a first chunk: it may never come
                Some(limit) => read_body(&mut response, limit).await,
            };
            let (body, truncated) = match read {
                Ok(read) => read,
                Err(e) if response::is_success(O::RETURNS, status) => {
                    return Err(transport(call, e));
                }
                // The status already says what failed; a cut error body does not change that.
                Err(_) => Default::default(),
            };
            let answer = Answer {
                status,
                headers: response.headers(),
                body,
                truncated,
            };
            let cx = Context {
                call,
                request_url: request_url.as_ref().unwrap_or(&inner.base_url), // read by redirects only
                max_response_bytes: inner.max_response_bytes,
                credentials: &inner.credentials,
            };
            response::settle::<O>(answer, &cx).map(finish)
        }
    }

    /// The request to send, and for a redirect's result the URL that resolves its `Location`;
    /// or the first bad argument.
    fn prepare<O: Outcome>(self) -> Result<(reqwest::Request, Option<Url>)> {
        let endpoint = self.endpoint;
        let call = Call::of(endpoint);
        if let Some(error) = self.error {
            return Err(*error);
        }
        let url = Url::parse(&self.url).map_err(|e| Error::InvalidArgument {
            call,
            param: "",
            reason: format!("the request URL does not parse: {e}"),
        })?;
        let mut headers = self.headers;
        if endpoint.returns == Returns::Json {
            // A declared `#[header("Accept")]` wins.
            headers
                .entry(ACCEPT)
                .or_insert(HeaderValue::from_static("application/json"));
        }
        // Only a redirect's result keeps the URL, to resolve a relative `Location`.
        let request_url = (O::RETURNS == Returns::Redirect).then(|| url.clone());
        // Filled in place: a `RequestBuilder` is moved by each call of its chain and copies the
        // header map in, 1,100 to 1,600 instructions a call (callgrind, bench/callgrind.sh).
        let mut request = reqwest::Request::new(endpoint.method.to_http(), url);
        *request.body_mut() = self.body.map(Into::into);
        *request.timeout_mut() = self.client.inner.timeout;
        *request.headers_mut() = headers;
        Ok((request, request_url))
    }

    fn reject(&mut self, param: &'static str, reason: String) {
        if self.error.is_none() {
            self.error = Some(Box::new(Error::InvalidArgument {
                call: Call::of(self.endpoint),
                param,
                reason,
            }));
        }
    }
}

/// Percent-encodes what is written to it, counting bytes and dots on the way.
struct SegmentWriter<'a> {
    out: &'a mut String,
    len: usize,
    dots: usize,
}

impl fmt::Write for SegmentWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.len += s.len();
        self.dots += s.bytes().filter(|&b| b == b'.').count();
        self.out.extend(utf8_percent_encode(s, SEGMENT));
        Ok(())
    }
}

/// The most reserved up front for a body from its `Content-Length`, which the server may not
/// honour; past it the buffer grows with the bytes that actually arrive.
const PREALLOCATION_LIMIT: u64 = 256 * 1024;

/// Reads at most `limit` bytes of the body; `true` when there was more (left unread).
async fn read_body(response: &mut Response, limit: usize) -> reqwest::Result<(Bytes, bool)> {
    let hint = response.content_length().unwrap_or(0);
    let hint = hint.min(PREALLOCATION_LIMIT).min(limit as u64) as usize;
    let mut body = Chunks::None;
    let mut len = 0;
    while let Some(chunk) = response.chunk().await? {
        if chunk.len() > limit - len {
            body.push(chunk.slice(..limit - len), hint);
            return Ok((body.into_bytes(), true));
        }
        len += chunk.len();
        body.push(chunk, hint);
    }
    Ok((body.into_bytes(), false))
}

/// A body as it arrives: most answers come in one chunk, which is kept as it is (no copy).
enum Chunks {
    None,
    One(Bytes),
    Many(Vec<u8>),
}

impl Chunks {
    fn push(&mut self, chunk: Bytes, hint: usize) {
        *self = match std::mem::replace(self, Chunks::None) {
            Chunks::None => Chunks::One(chunk),
            Chunks::One(first) => {
                let mut joined = Vec::with_capacity(hint.max(first.len() + chunk.len()));
                joined.extend_from_slice(&first);
                joined.extend_from_slice(&chunk);
                Chunks::Many(joined)
            }
            Chunks::Many(mut joined) => {
                joined.extend_from_slice(&chunk);
                Chunks::Many(joined)
            }
        }
    }

    fn into_bytes(self) -> Bytes {
        match self {
            Chunks::None => Bytes::new(),
            Chunks::One(bytes) => bytes,
            Chunks::Many(joined) => Bytes::from(joined),
        }
    }
}

fn transport(call: Call, error: reqwest::Error) -> Error {
    let source = error.without_url(); // the URL may hold a token id
    if source.is_timeout() {
        return Error::Timeout { call, source };
    }
    // reqwest calls a failed body read (a reset, a cut body) "error decoding response body";
    // this client decodes nothing through reqwest, so say what happened.
    let mut detail = if source.is_decode() {
        "error reading the response body".to_owned()
    } else {
        source.to_string()
    };
    let mut cause = std::error::Error::source(&source);
    while let Some(e) = cause {
        let text = e.to_string();
        if !detail.contains(&text) {
            detail.push_str(": ");
            detail.push_str(&text);
        }
        cause = e.source();
    }
    Error::Transport {
        call,
        detail,
        source,
    }
}

// The generated futures must be `Send` so that calls work inside `tokio::spawn`.
#[allow(dead_code)]
fn futures_are_send(r: Request<'_>) -> impl Send + '_ {
    r.send_json::<()>()
}
