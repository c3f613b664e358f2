//! [`Request`]: what one call of a declared method sends, built by the generated code.
//!
//! Arguments are turned into bytes as they are added, so the future of a call owns no
//! argument and is `Send` whatever the argument types. The first bad argument is kept and
//! returned by `send_*` before anything goes out.

use std::fmt::{self, Display, Write as _};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Response;
use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_TYPE, COOKIE, HeaderMap, HeaderName, HeaderValue, RETRY_AFTER,
};
use url::Url;

use tracing::Instrument as _;

use crate::ErrorKind;
use crate::bounds;
use crate::client::Inner;
use crate::describe::{Endpoint, Returns};
use crate::error::Call;
use crate::response::{self, Answer, Context, Redirect, ReturnType};
use crate::retry::{is_retryable_status, parse_retry_after};
use crate::secret;
use crate::shape::Shape;
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
    /// The path (the base URL's, then the template's) and the query: joined to the parsed
    /// base URL when sent, so its host is not parsed again on every call.
    target: String,
    /// Where the query starts in `target` (its `?`).
    query_at: Option<usize>,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
    /// Whether an argument holds a [`Secret`](crate::Secret) (a password in a body).
    carries_secret: bool,
    /// Boxed: the request is moved by each call of the chain and kept by `send_json`'s future.
    error: Option<Box<Error>>,
}

impl<'c> Request<'c> {
    #[inline]
    pub fn new(client: &'c Client, endpoint: &'static Endpoint) -> Self {
        let base = &client.inner.base_path;
        let mut target = String::with_capacity(base.len() + endpoint.path.len() + 48);
        target.push_str(base);
        Request {
            client,
            endpoint,
            target,
            query_at: None,
            headers: HeaderMap::new(),
            body: None,
            carries_secret: false,
            error: None,
        }
    }

    /// Appends a literal part of the path template.
    #[inline]
    pub fn path(mut self, literal: &'static str) -> Self {
        self.target.push_str(literal);
        self
    }

    /// Appends a `{placeholder}`'s value as exactly one path segment.
    pub fn segment<V: bounds::Placeholder + ?Sized>(
        mut self,
        param: &'static str,
        value: &V,
    ) -> Self {
        let start = self.target.len();
        let mut writer = SegmentWriter {
            out: &mut self.target,
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
            self.target.truncate(start);
            self.reject(param, reason.to_owned());
        }
        self
    }

    /// Adds `key=value` for each text value of `value` (none for `None`, one per element of
    /// a list).
    pub fn query<V: bounds::Query + ?Sized>(
        mut self,
        param: &'static str,
        key: &str,
        value: &V,
    ) -> Self {
        let url = &mut self.target;
        let query_at = &mut self.query_at;
        let secrets = secret::serialized();
        let added = for_each_value(value, |text| {
            if query_at.is_none() {
                *query_at = Some(url.len());
                url.push('?');
            } else {
                url.push('&');
            }
            url.extend(url::form_urlencoded::byte_serialize(key.as_bytes()));
            url.push('=');
            url.extend(url::form_urlencoded::byte_serialize(text.as_bytes()));
            Ok(())
        });
        self.carries_secret |= secret::serialized() != secrets;
        if let Err(reason) = added {
            self.reject(param, reason);
        }
        self
    }

    /// Adds a header for each text value of `value`. A value that is not a legal header value
    /// (a CR or LF, say) is an error: nothing is sent.
    ///
    /// Every declared header value is marked sensitive, as the credentials are: the value may
    /// be a [`Secret`](crate::Secret) (a runner's token), which serializes as its plain text,
    /// and a sensitive value never shows in the `Debug` of a header map or request.
    pub fn header<V: bounds::Header + ?Sized>(
        mut self,
        param: &'static str,
        name: HeaderName,
        value: &V,
    ) -> Self {
        let headers = &mut self.headers;
        let secrets = secret::serialized();
        let added = for_each_value(value, |text| {
            let mut value = HeaderValue::from_str(text).map_err(|_| {
                format!("the value is not a legal `{name}` header value (control characters such as CR or LF)")
            })?;
            value.set_sensitive(true);
            headers.append(name.clone(), value);
            Ok(())
        });
        self.carries_secret |= secret::serialized() != secrets;
        if let Err(reason) = added {
            self.reject(param, reason);
        }
        self
    }

    /// Sets the JSON body.
    pub fn json<V: bounds::Body + ?Sized>(mut self, param: &'static str, value: &V) -> Self {
        let secrets = secret::serialized();
        let body = serde_json::to_vec(value);
        self.carries_secret |= secret::serialized() != secrets;
        match body {
            Ok(body) => self.body = Some(body),
            // The request models refuse, as a serialization error, what the server would
            // take and mishandle; their messages say why.
            Err(e) => self.reject(param, e.to_string()),
        }
        self
    }

    /// Sets `key` of the JSON body (an object) to a path argument's `value`, so that the ids the
    /// server reads from both the path and the body cannot disagree.
    pub fn fill_body<V: serde::Serialize + ?Sized>(
        mut self,
        param: &'static str,
        key: &'static str,
        value: &V,
    ) -> Self {
        let Some(body) = self.body.take() else {
            return self; // the body did not serialize: already rejected
        };
        let filled = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|mut json| {
                let value = serde_json::to_value(value).ok()?;
                json.as_object_mut()?.insert(key.to_owned(), value);
                serde_json::to_vec(&json).ok()
            });
        match filled {
            Some(body) => self.body = Some(body),
            None => self.reject(
                param,
                format!("it is not a JSON object, so its `{key}` cannot be set from the path"),
            ),
        }
        self
    }

    /// Sends, and decodes a 2xx JSON answer into `T`.
    pub fn send_json<T: bounds::Answer>(
        self,
    ) -> impl Future<Output = Result<T>> + Send + use<'c, T> {
        self.send::<response::Json<T>>()
    }

    /// Sends, and decodes a 2xx JSON answer into `T` in the shape `S` (`Vec<T>`,
    /// `Option<T>`, ...): only `T`'s own bound is checked where the method is declared.
    pub fn send_shaped<S: Shape, T: bounds::Answer>(
        self,
    ) -> impl Future<Output = Result<S::Of<T>>> + Send + use<'c, S, T> {
        self.send::<response::Json<S::Of<T>>>()
    }

    /// Sends, and returns a 2xx answer's text.
    pub fn send_text(self) -> impl Future<Output = Result<String>> + Send + 'c {
        self.send::<response::Text>()
    }

    /// Sends, and accepts any 2xx answer.
    pub fn send_empty(self) -> impl Future<Output = Result<()>> + Send + 'c {
        self.send::<()>()
    }

    /// Sends, and returns a 3xx answer's `Location`.
    pub fn send_redirect(self) -> impl Future<Output = Result<Redirect>> + Send + 'c {
        self.send::<Redirect>()
    }

    /// Runs the call ([`run`]) in its span.
    ///
    /// Not an `async fn`, which would keep this `Request` for the call's whole life beside
    /// the `reqwest::Request` made from it.
    fn send<O: ReturnType>(self) -> impl Future<Output = Result<O::Value>> + Send + use<'c, O> {
        let inner = &*self.client.inner;
        let endpoint = self.endpoint;
        let carries_secret = self.carries_secret;
        let span = call_span(inner, endpoint);
        let prepared = self.prepare::<O>();
        run::<O>(inner, endpoint, prepared, carries_secret).instrument(span)
    }

    /// The request to send, and for a redirect's result the URL that resolves its `Location`;
    /// or the first bad argument. Boxed, so the call's future carries a pointer through its
    /// layers, not the request.
    fn prepare<O: ReturnType>(self) -> Result<Prepared, Box<Error>> {
        let endpoint = self.endpoint;
        if let Some(error) = self.error {
            return Err(error);
        }
        // The base URL was parsed once, by the builder; only the path and query are read here.
        let mut url = self.client.inner.base_url.clone();
        let (path, query) = match self.query_at {
            Some(at) => (&self.target[..at], Some(&self.target[at + 1..])),
            None => (&self.target[..], None),
        };
        url.set_path(path);
        // The base URL has no query (the builder refuses one): only a call with one sets it.
        if query.is_some() {
            url.set_query(query);
        }
        let mut headers = self.headers;
        // A declared `#[header("Accept")]` wins.
        let accept = match endpoint.returns {
            Returns::Json => Some("application/json"),
            Returns::Text => Some("text/plain, application/json;q=0.9"),
            _ => None,
        };
        if let Some(accept) = accept {
            headers
                .entry(ACCEPT)
                .or_insert(HeaderValue::from_static(accept));
        }
        // Only a redirect's result keeps the URL, to resolve a relative `Location`.
        let request_url = (O::RETURNS == Returns::Redirect).then(|| Box::new(url.clone()));
        // Filled in place: a `RequestBuilder` is moved by each call of its chain and copies the
        // header map in.
        let mut request = reqwest::Request::new(endpoint.method.to_http(), url);
        *request.body_mut() = self.body.map(Into::into);
        *request.timeout_mut() = self.client.inner.timeout;
        *request.headers_mut() = headers;
        Ok(Prepared {
            request: Box::new(request),
            request_url,
        })
    }

    #[cold]
    #[inline(never)]
    fn reject(&mut self, param: &'static str, reason: String) {
        if self.error.is_none() {
            self.error = Some(Box::new(
                ErrorKind::InvalidArgument {
                    call: Call::of(self.endpoint),
                    param,
                    reason,
                }
                .into(),
            ));
        }
    }
}

/// The span of one call, after OpenTelemetry's HTTP client conventions: the template, never
/// the URL with its arguments.
fn call_span(inner: &Inner, endpoint: &'static Endpoint) -> tracing::Span {
    tracing::info_span!(
        target: "semaphore_api",
        "semaphore_api.call",
        otel.name = %SpanName(endpoint),
        otel.kind = "client",
        otel.status_code = tracing::field::Empty,
        http.request.method = endpoint.method.as_str(),
        url.template = endpoint.path,
        server.address = %inner.server_address,
        server.port = inner.server_port,
        code.function.name = endpoint.name,
        http.response.status_code = tracing::field::Empty,
        http.request.resend_count = tracing::field::Empty,
        error.type = tracing::field::Empty,
    )
}

/// `GET /user/tokens/{api_token_id}`: a call span's name.
struct SpanName(&'static Endpoint);

impl Display for SpanName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.0.method.as_str(), self.0.path)
    }
}

/// OpenTelemetry's `error.type`: the status, or what kind of failure.
fn error_type(error: &Error) -> std::borrow::Cow<'static, str> {
    match error.kind() {
        ErrorKind::Status(e) => e.status.as_u16().to_string().into(),
        ErrorKind::Timeout { .. } => "timeout".into(),
        ErrorKind::Transport { .. } => "transport".into(),
        ErrorKind::Decode { .. } => "decode".into(),
        ErrorKind::InvalidResponse { .. } => "invalid_response".into(),
        ErrorKind::InvalidArgument { .. } => "invalid_argument".into(),
        _ => "_OTHER".into(),
    }
}

/// A call ready to go: the request, and for a redirect's result the URL it resolves against.
struct Prepared {
    request: Box<reqwest::Request>,
    request_url: Option<Box<Url>>,
}

/// Why an attempt may be sent again.
enum Retryable {
    /// Not at all.
    No,
    /// The connection could not be opened: nothing was sent, any method may go again.
    Unsent,
    /// The connection failed after it was open: only idempotent operations go again.
    Failed,
    /// A 429/502/503/504, with the answer's `Retry-After`.
    Status(Option<Duration>),
}

impl Retryable {
    /// After a failure to send or to read the answer: a timeout used the call's whole time.
    fn after(error: &reqwest::Error) -> Retryable {
        if error.is_connect() {
            Retryable::Unsent
        } else if error.is_timeout() {
            Retryable::No
        } else {
            Retryable::Failed
        }
    }
}

/// A call from its request to its result: every call of every declared method, and the tests
/// that drive a client through a scripted transport, run this one function.
///
/// Adds the credentials of the moment, sends (again, as the client's [`Retry`](crate::Retry)
/// allows) through the client's transport, keeps the session an answer sets, reads as much
/// of the answer as the result needs and maps it; records a failure on the call's span.
///
/// One `async fn` with its attempts written inline: awaiting another `async fn` builds that
/// function's future and moves it into this one's, on every call. The steps that do not wait
/// are plain functions, most of them `#[inline]`: `run` is compiled in the crate that declares
/// the operations, and a small call ran measurably faster with its steps there too.
async fn run<O: ReturnType>(
    inner: &Inner,
    endpoint: &'static Endpoint,
    prepared: Result<Prepared, Box<Error>>,
    carries_secret: bool,
) -> Result<O::Value> {
    let Prepared {
        mut request,
        request_url,
    } = prepared.map_err(|e| *e)?;
    let call = Call::of(endpoint);
    add_credentials(inner, endpoint, &mut request, carries_secret);
    let request_url = request_url.as_deref().unwrap_or(&inner.base_url); // read by redirects only
    let mut resends = 0u32;
    let result = loop {
        // A copy for the next attempt, made only while one may follow.
        let spare = match &inner.retry {
            Some(retry) if retry.allows(resends) => request.try_clone().map(Box::new),
            _ => None,
        };
        let mut retryable;
        // One attempt: waits for a slot among the calls in flight, sends, and reads as much of
        // the answer as the operation's result needs; says in `retryable` whether it may go
        // again.
        let read = 'attempt: {
            // A free slot is taken without building the wait's future (`try_take` fails
            // while others wait, so the queue stays fair).
            let _slot = match inner.in_flight.try_take() {
                Some(slot) => slot,
                None => inner.in_flight.take().await,
            };
            let started = sending(inner, endpoint, call);
            let mut response = match inner.http.send(*request).await {
                Ok(response) => response,
                Err(e) => {
                    retryable = Retryable::after(&e);
                    break 'attempt Err(transport(call, e));
                }
            };
            let status = response.status();
            retryable = received(inner, endpoint, call, &response, started);
            let read = match response::body_limit(O::RETURNS, status, inner.max_response_bytes) {
                None => Ok(Default::default()), // not even a first chunk: it may never come
                Some(limit) => read_body(&mut response, limit).await,
            };
            let (body, truncated) = match read {
                Ok(read) => read,
                Err(e) if response::is_success(O::RETURNS, status) => {
                    retryable = Retryable::after(&e);
                    break 'attempt Err(transport(call, e));
                }
                // The status already says what failed; a cut error body does not change that.
                Err(_) => Default::default(),
            };
            Ok(Read {
                status,
                headers: std::mem::take(response.headers_mut()),
                body,
                truncated,
            })
        };
        // The answer is mapped here, with no wait after it: a result need not be `Send`.
        let error =
            match read.and_then(|answer| answer.settle::<O>(inner, endpoint, call, request_url)) {
                Ok(value) => break Ok(value),
                Err(error) => error,
            };
        let delay = retry_delay(inner, endpoint, retryable, spare.is_some(), resends, &error);
        let (Some(spare), Some(delay)) = (spare, delay) else {
            break Err(error);
        };
        resends += 1;
        // Boxed: a timer is large, and only a retry needs one.
        Box::pin(tokio::time::sleep(delay)).await;
        request = spare;
    };
    if let Err(error) = &result {
        if tracing::level_enabled!(tracing::Level::INFO) {
            failure_event(error);
        }
    }
    result.map(O::into_value)
}

/// Records a failed call on its span.
#[cold]
#[inline(never)]
fn failure_event(error: &Error) {
    let span = tracing::Span::current();
    span.record("error.type", &*error_type(error));
    span.record("otel.status_code", "ERROR");
}

/// Adds the credentials of the moment the call is sent (a login may come in between) and the
/// body's type; warns once when credentials go over plain http to another machine.
#[inline]
fn add_credentials(
    inner: &Inner,
    endpoint: &Endpoint,
    request: &mut reqwest::Request,
    carries_secret: bool,
) {
    let headers = request.headers_mut();
    let mut sends_credentials = carries_secret;
    if endpoint.auth {
        if let Some(bearer) = inner.credentials.bearer() {
            headers.insert(AUTHORIZATION, bearer.clone());
            sends_credentials = true;
        }
        if let Some(cookie) = inner.credentials.session_header() {
            headers.insert(COOKIE, cookie);
            sends_credentials = true;
        }
    }
    if request.body().is_some() {
        let json = HeaderValue::from_static("application/json");
        request.headers_mut().insert(CONTENT_TYPE, json);
    }
    if sends_credentials
        && inner.plain_http_remote
        && !inner.warned_plain_http.swap(true, Ordering::Relaxed)
    {
        plain_http_warning(inner);
    }
}

#[cold]
#[inline(never)]
fn plain_http_warning(inner: &Inner) {
    tracing::warn!(
        target: "semaphore_api",
        server = %inner.server_address,
        "credentials are sent over plain http:// to a host that is not this machine: anyone on the way can read them; use https:// (and ClientBuilder::https_only)"
    );
}

/// The DEBUG event of an attempt going out; the time it started, when that event is enabled
/// (the clock is read only for the event that shows the time taken).
#[inline]
fn sending(inner: &Inner, endpoint: &'static Endpoint, call: Call) -> Option<Instant> {
    if !tracing::enabled!(target: "semaphore_api", tracing::Level::DEBUG) {
        return None;
    }
    sending_event(inner, endpoint, call);
    Some(Instant::now())
}

/// Out of line, as are the other events: a call with no subscriber runs fewer lines of code.
#[cold]
#[inline(never)]
fn sending_event(inner: &Inner, endpoint: &'static Endpoint, call: Call) {
    tracing::debug!(
        target: "semaphore_api",
        operation = endpoint.name, method = call.method, path = endpoint.path,
        bearer = endpoint.auth && inner.credentials.has_bearer(),
        "sending request"
    );
}

/// What the head of an answer says before its body is read: the status on the span and in
/// the DEBUG event, the session it sets, and whether the call may go again (a 429/502/503/504,
/// with its `Retry-After`).
#[inline]
fn received(
    inner: &Inner,
    endpoint: &'static Endpoint,
    call: Call,
    response: &Response,
    started: Option<Instant>,
) -> Retryable {
    let status = response.status();
    if tracing::level_enabled!(tracing::Level::INFO) {
        received_event(endpoint, call, status, started);
    }
    if response::update_session(&inner.credentials, endpoint, status, response.headers()) {
        session_event(endpoint);
    }
    if !is_retryable_status(status) {
        return Retryable::No;
    }
    retry_after(response.headers())
}

/// The status on the call's span, and the DEBUG event of the answer.
#[cold]
#[inline(never)]
fn received_event(
    endpoint: &'static Endpoint,
    call: Call,
    status: reqwest::StatusCode,
    started: Option<Instant>,
) {
    tracing::Span::current().record("http.response.status_code", status.as_u16());
    tracing::debug!(
        target: "semaphore_api",
        operation = endpoint.name, method = call.method, path = endpoint.path,
        status = status.as_u16(),
        elapsed_ms = started.map_or(0, |started| started.elapsed().as_millis() as u64),
        "answer received"
    );
}

#[cold]
#[inline(never)]
fn session_event(endpoint: &'static Endpoint) {
    tracing::debug!(target: "semaphore_api", operation = endpoint.name, "session updated");
}

/// A 429/502/503/504 may go again, after its `Retry-After` if it gives one.
#[cold]
#[inline(never)]
fn retry_after(headers: &HeaderMap) -> Retryable {
    let retry_after = headers.get(RETRY_AFTER);
    let retry_after = retry_after
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_retry_after(v, SystemTime::now()));
    Retryable::Status(retry_after)
}

/// How long to wait before sending a failed attempt again, or `None` when it does not go
/// again: the failure, the method, the client's [`Retry`](crate::Retry) and a spare copy of
/// the request all have to allow it. Warns of the retry, or of a `Retry-After` too long.
fn retry_delay(
    inner: &Inner,
    endpoint: &Endpoint,
    retryable: Retryable,
    has_spare: bool,
    resends: u32,
    error: &Error,
) -> Option<Duration> {
    let idempotent = endpoint.idempotent;
    let retry_after = match retryable {
        Retryable::Unsent => None,
        Retryable::Failed if idempotent => None,
        Retryable::Status(retry_after) if idempotent => retry_after,
        _ => return None,
    };
    let retry = inner.retry.as_ref().filter(|_| has_spare)?;
    let Some(delay) = retry.delay(resends, retry_after) else {
        tracing::warn!(
            target: "semaphore_api",
            retry_after_s = retry_after.map(|d| d.as_secs()),
            "not retrying: the server asks to wait longer than the client's max_retry_after"
        );
        return None;
    };
    tracing::warn!(
        target: "semaphore_api",
        attempt = resends + 2,
        reason = %error_type(error),
        delay_ms = delay.as_millis() as u64,
        retry_after = retry_after.is_some(),
        "retrying"
    );
    tracing::Span::current().record("http.request.resend_count", resends + 1);
    Some(delay)
}

/// An answer as one attempt read it.
struct Read {
    status: reqwest::StatusCode,
    headers: HeaderMap,
    body: Bytes,
    truncated: bool,
}

impl Read {
    fn settle<O: ReturnType>(
        self,
        inner: &Inner,
        endpoint: &Endpoint,
        call: Call,
        request_url: &Url,
    ) -> Result<O> {
        let answer = Answer {
            status: self.status,
            headers: &self.headers,
            body: self.body,
            truncated: self.truncated,
        };
        let cx = Context {
            call,
            request_url,
            max_response_bytes: inner.max_response_bytes,
            base: &inner.base,
            since: endpoint.since,
            server: inner.version.get(),
            credentials: &inner.credentials,
        };
        response::settle::<O>(answer, &cx)
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
    let mut body = Chunks::None;
    let mut len = 0;
    while let Some(chunk) = response.chunk().await? {
        // Asked only when a second chunk comes: a body in one chunk needs no buffer.
        let hint = || {
            let hint = response.content_length().unwrap_or(0);
            hint.min(PREALLOCATION_LIMIT).min(limit as u64) as usize
        };
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
    #[inline]
    fn push(&mut self, chunk: Bytes, hint: impl FnOnce() -> usize) {
        *self = match std::mem::replace(self, Chunks::None) {
            Chunks::None => Chunks::One(chunk),
            Chunks::One(first) => {
                let mut joined = Vec::with_capacity(hint().max(first.len() + chunk.len()));
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

    #[inline]
    fn into_bytes(self) -> Bytes {
        match self {
            Chunks::None => Bytes::new(),
            Chunks::One(bytes) => bytes,
            Chunks::Many(joined) => Bytes::from(joined),
        }
    }
}

#[cold]
#[inline(never)]
fn transport(call: Call, error: reqwest::Error) -> Error {
    let source = error.without_url(); // the URL may hold a token id
    // A connection that did not open in time is a connection failure (nothing was sent); a
    // timeout is the call's.
    if source.is_timeout() && !source.is_connect() {
        return ErrorKind::Timeout { call, source }.into();
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
    ErrorKind::Transport {
        call,
        detail,
        source,
    }
    .into()
}

// The generated futures must be `Send` so that calls work inside `tokio::spawn`.
#[allow(dead_code)]
fn futures_are_send(r: Request<'_>) -> impl Send + '_ {
    r.send_json::<()>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Secret;
    use crate::describe::{Method, Param, Role};

    static PROBE: Endpoint = Endpoint::__new(
        "probe",
        Method::Get,
        "/probe",
        &[Param::__new("token", Role::Header { name: "X-Token" })],
        Returns::Empty,
    )
    .__no_auth();

    #[test]
    fn declared_header_values_are_sensitive_and_never_printed() {
        let client = Client::new("http://127.0.0.1:9/api").unwrap();
        let token = Secret::new("runner-Secret-9f8e");
        let request = Request::new(&client, &PROBE).path("/probe").header(
            "token",
            HeaderName::from_static("x-token"),
            &token,
        );
        let value = request.headers.get("x-token").expect("the header is set");
        assert_eq!(value.as_bytes(), b"runner-Secret-9f8e");
        assert!(value.is_sensitive());
        let sent = request.prepare::<()>().unwrap().request;
        assert!(!format!("{sent:?}").contains("runner-Secret-9f8e"));
    }
}
