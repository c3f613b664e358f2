//! What a call tells `tracing`: its span, after OpenTelemetry's HTTP client conventions (the
//! path template, never the URL with its arguments), and its events.

use std::fmt::{self, Display};
use std::time::Instant;

use crate::Error;
use crate::client::Inner;
use crate::describe::Endpoint;
use crate::error::{Call, error_type};

/// The span of one call, after OpenTelemetry's HTTP client conventions: the template, never
/// the URL with its arguments.
pub(crate) fn call_span(inner: &Inner, endpoint: &'static Endpoint) -> tracing::Span {
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

/// The DEBUG event of an attempt going out; the time it started, when that event is enabled
/// (the clock is read only for the event that shows the time taken).
pub(crate) fn sending(inner: &Inner, endpoint: &'static Endpoint, call: Call) -> Option<Instant> {
    if !tracing::enabled!(target: "semaphore_api", tracing::Level::DEBUG) {
        return None;
    }
    sending_event(inner, endpoint, call);
    Some(Instant::now())
}

fn sending_event(inner: &Inner, endpoint: &'static Endpoint, call: Call) {
    tracing::debug!(
        target: "semaphore_api",
        operation = endpoint.name, method = call.method, path = endpoint.path,
        bearer = endpoint.auth && inner.credentials.has_bearer(),
        "sending request"
    );
}

/// The status on the call's span, and the DEBUG event of the answer.
pub(crate) fn received_event(
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
pub(crate) fn session_event(endpoint: &'static Endpoint) {
    tracing::debug!(target: "semaphore_api", operation = endpoint.name, "session updated");
}

/// Records a failed call on its span, when a subscriber takes the span.
pub(crate) fn failure_event(error: &Error) {
    if !tracing::level_enabled!(tracing::Level::INFO) {
        return;
    }
    let span = tracing::Span::current();
    span.record("error.type", &*error_type(error));
    span.record("otel.status_code", "ERROR");
}
