//! The declared results (`Result<T>`, `Result<String>`, `()`, [`Redirect`]) and how each is
//! made from an answer: how much of the body it reads, its status check, its decoding.

use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::answer::{
    Answer, Context, DECODED_FACTOR, Redirect, decode, is_success, media_type_is,
    media_type_is_json, redirect, refuse_html, status_error, too_large,
};
use super::budget;
use crate::ErrorKind;
use crate::describe::Returns;
use crate::error::{ERROR_BODY_LIMIT, Result};

/// Drained from a successful answer whose body is ignored, so its connection can be reused.
const IGNORED_BODY_LIMIT: usize = 64 * 1024;

/// The type of a declared result (`Result<T>`'s `T`, `()`, [`Redirect`]); `RETURNS` says
/// which of the [`Returns`] it is.
pub(crate) trait ReturnType: Sized {
    const RETURNS: Returns;
    /// What the call returns.
    type Value;
    fn from_success(answer: &Answer, cx: &Context<'_>) -> Result<Self>;
    fn into_value(self) -> Self::Value;
}

/// `Result<T>`: the decoded body.
pub(crate) struct Json<T>(pub T);

impl<T: DeserializeOwned> ReturnType for Json<T> {
    const RETURNS: Returns = Returns::Json;
    type Value = T;

    fn from_success(answer: &Answer, cx: &Context<'_>) -> Result<Self> {
        refuse_html(answer, cx)?;
        if answer.truncated {
            return Err(too_large(cx.call, answer.status, cx.max_response_bytes));
        }
        let budget = cx.max_response_bytes.saturating_mul(DECODED_FACTOR);
        match budget::from_slice(&answer.body, budget) {
            Ok(value) => Ok(Json(value)),
            // Decoded again for the error, with the credentials kept out of its snippet (a
            // token listing holds the token in use): the rare path pays for it.
            Err(_) => cx
                .credentials
                .with_values(|secrets| {
                    decode(cx.call, answer.status, &answer.body, budget, secrets)
                })
                .map(Json),
        }
    }

    fn into_value(self) -> T {
        self.0
    }
}

/// `Result<String>`: the body's text; a JSON answer must be a JSON string, and is decoded.
pub(crate) struct Text(String);

impl ReturnType for Text {
    const RETURNS: Returns = Returns::Text;
    type Value = String;

    fn from_success(answer: &Answer, cx: &Context<'_>) -> Result<Self> {
        refuse_html(answer, cx)?;
        if answer.truncated {
            return Err(too_large(cx.call, answer.status, cx.max_response_bytes));
        }
        if media_type_is_json(&answer.headers) {
            let budget = cx.max_response_bytes.saturating_mul(DECODED_FACTOR);
            return cx
                .credentials
                .with_values(|secrets| {
                    decode(cx.call, answer.status, &answer.body, budget, secrets)
                })
                .map(Text);
        }
        match std::str::from_utf8(&answer.body) {
            Ok(text) => Ok(Text(text.to_owned())),
            Err(e) => Err(ErrorKind::InvalidResponse {
                call: cx.call,
                status: answer.status,
                reason: format!(
                    "the text answer is not UTF-8 (an invalid byte at {})",
                    e.valid_up_to()
                ),
            }
            .into()),
        }
    }

    fn into_value(self) -> String {
        self.0
    }
}

impl ReturnType for () {
    const RETURNS: Returns = Returns::Empty;
    type Value = ();

    fn from_success(answer: &Answer, cx: &Context<'_>) -> Result<Self> {
        refuse_html(answer, cx)
    }

    fn into_value(self) {}
}

impl ReturnType for Redirect {
    const RETURNS: Returns = Returns::Redirect;
    type Value = Redirect;

    fn from_success(answer: &Answer, cx: &Context<'_>) -> Result<Self> {
        redirect(cx.call, answer.status, &answer.headers, cx.request_url)
    }

    fn into_value(self) -> Redirect {
        self
    }
}

/// How much of the body the mapping needs, known from the answer's head; `None`: none of
/// it, not even whether there is one.
pub(crate) fn body_limit(
    returns: Returns,
    status: StatusCode,
    max_response_bytes: usize,
) -> Option<usize> {
    match returns {
        _ if !is_success(returns, status) => Some(ERROR_BODY_LIMIT),
        Returns::Json | Returns::Text => Some(max_response_bytes),
        Returns::Empty => Some(IGNORED_BODY_LIMIT),
        Returns::Redirect => None, // never read: the Location is the answer
    }
}

/// From an answer to the declared result: the status check, then the result itself.
pub(crate) fn settle<O: ReturnType>(answer: Answer, cx: &Context<'_>) -> Result<O> {
    if is_success(O::RETURNS, answer.status) {
        return O::from_success(&answer, cx);
    }
    // The server's router answers a path it has no route for with a plain-text
    // `Not Found`; an unknown object's 404 has another body.
    let no_route = answer.status == StatusCode::NOT_FOUND
        && media_type_is(&answer.headers, "text/plain")
        && answer.body.trim_ascii() == b"Not Found";
    let older = |since: &str| {
        cx.server.is_none_or(|server| {
            let mut parts = since.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
            let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
            !server.at_least(major, minor, parts.next().unwrap_or(0))
        })
    };
    if let (true, Some(since)) = (no_route, cx.since.filter(|s| older(s))) {
        return Err(ErrorKind::NotServed {
            call: cx.call,
            since,
            server: cx.server.map(|v| v.as_str().into()),
        }
        .into());
    }
    Err(status_error(
        cx.call,
        answer.status,
        &answer.headers,
        answer.body[..answer.body.len().min(ERROR_BODY_LIMIT)].to_vec(),
        answer.truncated,
    ))
}
