//! Running a call: credentials added, the request sent through the client's transport and
//! sent again as its retry policy allows, the answer read and turned into the result.

use std::sync::atomic::Ordering;
use std::time::Instant;

use reqwest::Response;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, HeaderValue};
use url::Url;

use super::answer::{self, Answer, Context};
use super::events::{failure_event, received_event, sending, session_event};
use super::read::read_body;
use super::retry::{Retryable, is_retryable_status, retry_after, retry_delay};
use super::returns::{self, ReturnType};
use crate::client::Inner;
use crate::describe::Endpoint;
use crate::error::Call;
use crate::{Error, ErrorKind, Result};

/// A call ready to go: the request, and for a redirect's result the URL it resolves against.
pub(crate) struct Prepared {
    pub(crate) request: Box<reqwest::Request>,
    pub(crate) request_url: Option<Box<Url>>,
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
/// are plain functions.
pub(crate) async fn run<O: ReturnType>(
    inner: &Inner,
    endpoint: &'static Endpoint,
    prepared: Result<Prepared>,
    carries_secret: bool,
) -> Result<O::Value> {
    let Prepared {
        mut request,
        request_url,
    } = prepared?;
    let call = Call::of(endpoint);
    add_credentials(inner, endpoint, &mut request, carries_secret);
    let request_url = request_url.as_deref().unwrap_or(inner.base_url.url()); // read by redirects only
    let mut resends = 0u32;
    let result = loop {
        let spare = spare(inner, &request, resends);
        let mut retryable;
        // One attempt: waits for a slot among the calls in flight, sends, and reads as much of
        // the answer as the operation's result needs; says in `retryable` whether it may go
        // again.
        let read = 'attempt: {
            let _slot = inner.in_flight.take().await;
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
            let read = match returns::body_limit(O::RETURNS, status, inner.max_response_bytes) {
                None => Ok(Default::default()), // not even a first chunk: it may never come
                Some(limit) => read_body(&mut response, limit).await,
            };
            let (body, truncated) = match read {
                Ok(read) => read,
                Err(e) if answer::is_success(O::RETURNS, status) => {
                    retryable = Retryable::after(&e);
                    break 'attempt Err(transport(call, e));
                }
                // The status already says what failed; a cut error body does not change that.
                Err(_) => Default::default(),
            };
            let headers = std::mem::take(response.headers_mut());
            Ok(Answer {
                status,
                headers,
                body,
                truncated,
            })
        };
        // The answer is mapped here, with no wait after it: a result need not be `Send`.
        let error =
            match read.and_then(|answer| settle::<O>(answer, inner, endpoint, call, request_url)) {
                Ok(value) => break Ok(value),
                Err(error) => error,
            };
        let delay = retry_delay(
            inner.retry.as_ref(),
            endpoint,
            retryable,
            spare.is_some(),
            resends,
            &error,
        );
        let (Some(spare), Some(delay)) = (spare, delay) else {
            break Err(error);
        };
        resends += 1;
        // Boxed: a timer is large, and only a retry needs one.
        Box::pin(tokio::time::sleep(delay)).await;
        request = spare;
    };
    result.inspect_err(failure_event).map(O::into_value)
}

/// A copy of the request for the next attempt, made only while one may follow.
fn spare(inner: &Inner, request: &reqwest::Request, resends: u32) -> Option<Box<reqwest::Request>> {
    match &inner.retry {
        Some(retry) if retry.allows(resends) => request.try_clone().map(Box::new),
        _ => None,
    }
}

/// Adds the credentials of the moment the call is sent (a login may come in between) and the
/// body's type; warns once when credentials go over plain http to another machine.
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
fn plain_http_warning(inner: &Inner) {
    tracing::warn!(
        target: "semaphore_api",
        server = %inner.server_address,
        "credentials are sent over plain http:// to a host that is not this machine: anyone on the way can read them; use https:// (and ClientBuilder::https_only)"
    );
}

/// What the head of an answer says before its body is read: the status on the span and in
/// the DEBUG event, the session it sets, and whether the call may go again (a 429/502/503/504,
/// with its `Retry-After`).
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
    if answer::update_session(&inner.credentials, endpoint, status, response.headers()) {
        session_event(endpoint);
    }
    if !is_retryable_status(status) {
        return Retryable::No;
    }
    retry_after(response.headers())
}

/// The error of a request that could not be sent or an answer that could not be read, without
/// its URL (it may hold a token id).
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

/// The result of one attempt's answer.
fn settle<O: ReturnType>(
    answer: Answer,
    inner: &Inner,
    endpoint: &Endpoint,
    call: Call,
    request_url: &Url,
) -> Result<O> {
    let cx = Context {
        call,
        request_url,
        max_response_bytes: inner.max_response_bytes,
        base: inner.base_url.as_str(),
        since: endpoint.since,
        server: inner.version.get(),
        credentials: &inner.credentials,
    };
    returns::settle::<O>(answer, &cx)
}
