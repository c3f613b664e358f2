//! Reading requests off a connection: the head with `httparse`, the body by `Content-Length`
//! (the clients under test send no chunked bodies).

use tokio::io::{AsyncRead, AsyncReadExt};

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The request target exactly as sent: path and query, percent-encoding untouched.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The value of a header (case-insensitive name); `None` when absent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The path part of the target.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// Whether the request carried `Authorization` or `Cookie` (for a proxy: in clear).
    pub fn credentials_in_clear(&self) -> bool {
        self.header("authorization").is_some() || self.header("cookie").is_some()
    }
}

/// Reads the requests of one connection, over TCP or TLS.
#[derive(Default)]
pub struct RequestReader {
    /// Bytes read but not yet parsed.
    buffer: Vec<u8>,
}

impl RequestReader {
    /// Reads more bytes into the buffer; `false` at the end of the stream or on an error.
    pub(super) async fn fill<S: AsyncRead + Unpin>(&mut self, stream: &mut S) -> bool {
        let mut chunk = [0u8; 8192];
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => false,
            Ok(n) => {
                self.buffer.extend_from_slice(&chunk[..n]);
                true
            }
        }
    }

    /// The next request; `None` when the client closed the connection or sent no HTTP.
    pub async fn next<S: AsyncRead + Unpin>(&mut self, stream: &mut S) -> Option<Request> {
        let (mut request, head_length) = loop {
            let mut headers = [httparse::EMPTY_HEADER; 64];
            let mut parsed = httparse::Request::new(&mut headers);
            match parsed.parse(&self.buffer).ok()? {
                httparse::Status::Complete(length) => {
                    let headers = parsed.headers.iter().map(|h| {
                        let value = String::from_utf8_lossy(h.value).into_owned();
                        (h.name.to_owned(), value)
                    });
                    let request = Request {
                        method: parsed.method?.to_owned(),
                        target: parsed.path?.to_owned(),
                        headers: headers.collect(),
                        body: Vec::new(),
                    };
                    break (request, length);
                }
                httparse::Status::Partial if self.fill(stream).await => {}
                httparse::Status::Partial => return None,
            }
        };
        self.buffer.drain(..head_length);
        let length = request
            .header("content-length")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        while self.buffer.len() < length {
            if !self.fill(stream).await {
                return None;
            }
        }
        request.body = self.buffer.drain(..length).collect();
        Some(request)
    }
}
