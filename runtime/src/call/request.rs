//! [`Request`]: what one call of a declared method sends, built by the generated code.
//!
//! Arguments are turned into bytes as they are added, so the future of a call owns no
//! argument and is `Send` whatever the argument types. The first bad argument is kept and
//! returned by `send_*` before anything goes out.

use std::fmt::{self, Write as _};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{ACCEPT, HeaderMap, HeaderName, HeaderValue};

use tracing::Instrument as _;

use crate::ErrorKind;
use crate::call::answer::Redirect;
use crate::call::events::call_span;
use crate::call::returns::{self, ReturnType};
use crate::call::run::{Prepared, run};
use crate::call::value::for_each_value;
use crate::describe::{Endpoint, Returns};
use crate::error::Call;
use crate::generated::bounds;
use crate::generated::shape::Shape;
use crate::secret;
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
    error: Option<Error>,
}

impl<'c> Request<'c> {
    pub fn new(client: &'c Client, endpoint: &'static Endpoint) -> Self {
        let base = client.inner.base_url.path();
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
    pub fn send_json<T: bounds::Decodable>(
        self,
    ) -> impl Future<Output = Result<T>> + Send + use<'c, T> {
        self.send::<returns::Json<T>>()
    }

    /// Sends, and decodes a 2xx JSON answer into `T` in the shape `S` (`Vec<T>`,
    /// `Option<T>`, ...): only `T`'s own bound is checked where the method is declared.
    pub fn send_shaped<S: Shape, T: bounds::Decodable>(
        self,
    ) -> impl Future<Output = Result<S::Of<T>>> + Send + use<'c, S, T> {
        self.send::<returns::Json<S::Of<T>>>()
    }

    /// Sends, and returns a 2xx answer's text.
    pub fn send_text(self) -> impl Future<Output = Result<String>> + Send + 'c {
        self.send::<returns::Text>()
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
    fn prepare<O: ReturnType>(self) -> Result<Prepared> {
        let endpoint = self.endpoint;
        if let Some(error) = self.error {
            return Err(error);
        }
        // The base URL was parsed once, by the builder; only the path and query are read here.
        let mut url = self.client.inner.base_url.url().clone();
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
    fn reject(&mut self, param: &'static str, reason: String) {
        if self.error.is_none() {
            self.error = Some(
                ErrorKind::InvalidArgument {
                    call: Call::of(self.endpoint),
                    param,
                    reason,
                }
                .into(),
            );
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
