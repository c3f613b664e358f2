//! Reading requests off a connection: the head with `httparse`, the body by `Content-Length`
//! or chunked.

use tokio::io::{AsyncRead, AsyncReadExt};

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The request target exactly as sent: path and query, percent-encoding untouched.
    pub target: String,
    pub headers: Vec<(String, String)>,
    /// The body, de-chunked when it came chunked.
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
        let (mut request, head_length, framing) = loop {
            let mut headers = [httparse::EMPTY_HEADER; 64];
            let mut parsed = httparse::Request::new(&mut headers);
            match parsed.parse(&self.buffer).ok()? {
                httparse::Status::Complete(length) => {
                    let headers: Vec<(String, String)> = parsed
                        .headers
                        .iter()
                        .map(|h| {
                            let value = String::from_utf8_lossy(h.value).into_owned();
                            (h.name.to_owned(), value)
                        })
                        .collect();
                    let request = Request {
                        method: parsed.method?.to_owned(),
                        target: parsed.path?.to_owned(),
                        headers,
                        body: Vec::new(),
                    };
                    let framing = Framing::of(&request);
                    break (request, length, framing);
                }
                httparse::Status::Partial => {
                    if !self.fill(stream).await {
                        return None;
                    }
                }
            }
        };
        self.buffer.drain(..head_length);
        request.body = match framing {
            Framing::Length(length) => {
                while self.buffer.len() < length {
                    if !self.fill(stream).await {
                        return None;
                    }
                }
                self.buffer.drain(..length).collect()
            }
            Framing::Chunked => self.chunked_body(stream).await?,
        };
        Some(request)
    }

    async fn chunked_body<S: AsyncRead + Unpin>(&mut self, stream: &mut S) -> Option<Vec<u8>> {
        let mut body = Vec::new();
        loop {
            let (start, size) = loop {
                match httparse::parse_chunk_size(&self.buffer).ok()? {
                    httparse::Status::Complete((start, size)) => break (start, size as usize),
                    httparse::Status::Partial => {
                        if !self.fill(stream).await {
                            return None;
                        }
                    }
                }
            };
            // the chunk's data and its CRLF; the last chunk is followed by the final CRLF
            while self.buffer.len() < start + size + 2 {
                if !self.fill(stream).await {
                    return None;
                }
            }
            body.extend_from_slice(&self.buffer[start..start + size]);
            self.buffer.drain(..start + size + 2);
            if size == 0 {
                return Some(body);
            }
        }
    }
}

enum Framing {
    Length(usize),
    Chunked,
}

impl Framing {
    fn of(request: &Request) -> Framing {
        let chunked = request
            .header("transfer-encoding")
            .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
        if chunked {
            return Framing::Chunked;
        }
        let length = request
            .header("content-length")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        Framing::Length(length)
    }
}
