//! A tiny HTTP/1.1 client over a TCP socket: every byte sent is the test's choice.

#![allow(dead_code)] // each test file uses a part

use semaphore_api_testkit::StandIn;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Status line, headers (lowercased names) and body of one exchange.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON (`Null` when it is empty).
    pub fn json(&self) -> serde_json::Value {
        if self.body.is_empty() {
            return serde_json::Value::Null;
        }
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {:?}", self.body))
    }
}

/// One request with `Content-Length`, on its own connection.
pub async fn send(
    server: &StandIn,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Reply {
    let mut socket = TcpStream::connect(server.addr()).await.unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    socket.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    socket.read_to_end(&mut raw).await.unwrap();
    parse(&String::from_utf8(raw).unwrap()).expect("an HTTP reply")
}

/// `POST /api/auth/login` with `body`.
pub async fn login(server: &StandIn, body: &str) -> Reply {
    send(
        server,
        "POST",
        "/api/auth/login",
        &[("Content-Type", "application/json")],
        body,
    )
    .await
}

/// One request with the session cookie `cookie` (`semaphore=...`).
pub async fn call(server: &StandIn, cookie: &str, method: &str, path: &str, body: &str) -> Reply {
    send(server, method, path, &[("Cookie", cookie)], body).await
}

/// `semaphore=...` of a fresh login of `user` with `password`.
pub async fn cookie_of(server: &StandIn, user: &str, password: &str) -> String {
    let body = serde_json::json!({"auth": user, "password": password}).to_string();
    let reply = login(server, &body).await;
    assert_eq!(reply.status, 204, "login of {user}");
    reply
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// `semaphore=...` of a fresh `admin` login.
pub async fn session_cookie(server: &StandIn) -> String {
    let reply = login(server, r#"{"auth":"admin","password":"changeme"}"#).await;
    reply
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// Sends `raw` as is and reads until the server closes; `None` when it closed without a reply.
pub async fn send_raw(server: &StandIn, raw: &[u8]) -> Option<Reply> {
    let mut socket = TcpStream::connect(server.addr()).await.unwrap();
    // The server may close before reading everything: a write error is an answer too.
    let _ = socket.write_all(raw).await;
    let _ = socket.shutdown().await;
    let mut reply = Vec::new();
    let _ = socket.read_to_end(&mut reply).await;
    parse(&String::from_utf8_lossy(&reply))
}

fn parse(raw: &str) -> Option<Reply> {
    let (head, body) = raw.split_once("\r\n\r\n")?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_lowercase(), v.trim().to_owned()))
        .collect();
    Some(Reply {
        status,
        headers,
        body: body.to_owned(),
    })
}
