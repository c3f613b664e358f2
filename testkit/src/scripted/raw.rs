//! A response's bytes, written by hand: what a test sends where a server would.

/// A 204 as the real server sends it: empty body, JSON content type.
pub const NO_CONTENT: &str =
    "HTTP/1.1 204 No Content\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";

/// `"200 OK"`, `"404 Not Found"`, ...: the status line's code and reason.
pub fn status_line(status: u16) -> String {
    let reason = hyper::StatusCode::from_u16(status).ok();
    let reason = reason
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Unknown");
    format!("{status} {reason}")
}

/// The bytes of a response head: the status line, the headers, the blank line.
pub fn head(status_line: &str, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status_line}\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

/// A head with `Content-Length` of `body`, followed by `body`.
pub fn response(status_line: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let length = body.len().to_string();
    let mut all: Vec<(&str, &str)> = headers.to_vec();
    all.push(("Content-Length", &length));
    let mut out = head(status_line, &all);
    out.extend_from_slice(body);
    out
}

/// [`response`] with `Connection: close`.
pub fn closing_response(status_line: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut all: Vec<(&str, &str)> = headers.to_vec();
    all.push(("Connection", "close"));
    response(status_line, &all, body)
}
