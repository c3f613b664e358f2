//! Two forward proxies built on the scripted server: one that tunnels `CONNECT` and answers
//! plain requests itself, and one that relays plain `http://` requests. Every tunnel and relay
//! goes to 127.0.0.1, whatever the host, so no test traffic leaves the machine.

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use crate::scripted::{Reply, ScriptedServer};

/// A forward proxy's own answer to an absolute-form request: one token.
pub const LISTING: &str =
    r#"[{"id":"t","created":"2024-10-25T10:11:12Z","expired":false,"user_id":1}]"#;

impl ScriptedServer {
    /// A forward proxy: `CONNECT host:port` is tunnelled to 127.0.0.1:port, and a request in
    /// absolute form (`GET http://host/path`) is answered by the proxy itself, as if from
    /// the origin, with [`LISTING`]. [`ScriptedServer::origin`] is its URL.
    pub async fn forward_proxy() -> Self {
        Self::start(|request| match request.method.as_str() {
            "CONNECT" => {
                let port = request.target.rsplit(':').next().unwrap_or_default();
                let upstream = format!("127.0.0.1:{port}");
                Reply::handover(move |socket| tunnel(socket, upstream.clone()))
            }
            _ => Reply::json(200, &serde_json::from_str(LISTING).unwrap()),
        })
        .await
    }

    /// A forward proxy for plain `http://` that works: each connection is relayed, from its
    /// first request on (sent again in origin form), to the port its target names on
    /// 127.0.0.1, whatever the host, byte for byte both ways (an upgraded socket included).
    /// [`requests`](Self::requests) holds each connection's first request.
    pub async fn relaying_proxy() -> Self {
        Self::start(|request| {
            let target = request.target.clone();
            let rest = target.strip_prefix("http://").unwrap_or(&target);
            let (authority, path) = match rest.split_once('/') {
                Some((authority, path)) => (authority.to_owned(), format!("/{path}")),
                None => (rest.to_owned(), "/".to_owned()),
            };
            let port: u16 = authority
                .rsplit_once(':')
                .and_then(|(_, port)| port.parse().ok())
                .unwrap_or(80);
            let mut first = format!("{} {path} HTTP/1.1\r\n", request.method);
            for (name, value) in &request.headers {
                first.push_str(&format!("{name}: {value}\r\n"));
            }
            first.push_str("\r\n");
            let mut first = first.into_bytes();
            first.extend_from_slice(&request.body);
            Reply::handover(move |mut client| {
                let first = first.clone();
                async move {
                    let Ok(mut upstream) = TcpStream::connect(("127.0.0.1", port)).await else {
                        return;
                    };
                    if upstream.write_all(&first).await.is_ok() {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
                    }
                }
            })
        })
        .await
    }
}

/// Answers a `CONNECT` with 200 and tunnels the connection to `upstream` (a 502 when
/// nothing listens there).
async fn tunnel(mut socket: TcpStream, upstream: String) {
    let Ok(mut upstream) = TcpStream::connect(upstream).await else {
        let _ = socket.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n").await;
        return;
    };
    let established = b"HTTP/1.1 200 Connection established\r\n\r\n";
    if socket.write_all(established).await.is_ok() {
        let _ = tokio::io::copy_bidirectional(&mut socket, &mut upstream).await;
    }
}
