//! `--listen`: the MCP server over streamable HTTP at `/mcp`, on 127.0.0.1 unless an address
//! is given. Every request must carry a bearer token: the server's own
//! (`SEMAPHORE_MCP_TOKEN`), or with `--forward-token` any, which is then sent on to Semaphore
//! as the caller's API token.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use tokio::net::TcpListener;

use super::access::bearer;
use super::server::{SemaphoreTools, Shared};
use crate::error::{CliError, Result};

type Body = http_body_util::combinators::BoxBody<Bytes, Infallible>;

/// Where `--listen` listens: a port alone is on 127.0.0.1.
pub fn address(listen: &str) -> Result<SocketAddr> {
    let text = if listen.chars().all(|c| c.is_ascii_digit()) {
        format!("127.0.0.1:{listen}")
    } else {
        listen.to_owned()
    };
    text.parse().map_err(|_| {
        CliError::usage(format!(
            "--listen {listen:?} is not a port or HOST:PORT (an IP address and a port)"
        ))
    })
}

pub async fn serve(listen: &str, shared: Arc<Shared>, guard: Option<String>) -> Result<()> {
    let addr = address(listen)?;
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|e| CliError::failed(format!("cannot listen on {addr}: {e}")))?;
    let addr = listener
        .local_addr()
        .map_err(|e| CliError::failed(format!("cannot listen on {addr}: {e}")))?;
    // The Host header is checked against the address served (DNS rebinding).
    let mut hosts = vec![
        "localhost".to_owned(),
        "127.0.0.1".to_owned(),
        "::1".to_owned(),
    ];
    hosts.push(addr.ip().to_string());
    hosts.push(addr.to_string());
    let config = StreamableHttpServerConfig::default().with_allowed_hosts(hosts);
    let service = StreamableHttpService::new(
        move || Ok(SemaphoreTools::new(shared.clone())),
        Arc::new(LocalSessionManager::default()),
        config,
    );
    // Said on stderr, where a supervisor's log keeps it.
    eprintln!("semaphore mcp: streamable HTTP at http://{addr}/mcp");
    let guard = Arc::new(guard);
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            // A connection that failed as it was accepted (too many open files, a reset):
            // the next one may work.
            Err(_) => continue,
        };
        let service = service.clone();
        let guard = guard.clone();
        tokio::spawn(async move {
            let handler = hyper::service::service_fn(move |request: Request<Incoming>| {
                let service = service.clone();
                let guard = guard.clone();
                async move { Ok::<_, Infallible>(route(request, &service, guard.as_deref()).await) }
            });
            // A client that goes away mid-request ends only its own connection.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), handler)
                .await;
        });
    }
}

async fn route(
    request: Request<Incoming>,
    service: &StreamableHttpService<SemaphoreTools, LocalSessionManager>,
    guard: Option<&str>,
) -> Response<Body> {
    if request.uri().path() != "/mcp" {
        return plain(StatusCode::NOT_FOUND, "the MCP endpoint is /mcp");
    }
    let token = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(bearer);
    let allowed = match (guard, token) {
        (Some(expected), Some(token)) => same(expected.as_bytes(), token.as_bytes()),
        // Forwarded: Semaphore itself judges the token.
        (None, Some(_)) => true,
        (_, None) => false,
    };
    if !allowed {
        let mut response = plain(StatusCode::UNAUTHORIZED, "a bearer token is required");
        response
            .headers_mut()
            .insert(WWW_AUTHENTICATE, "Bearer".parse().expect("a valid header"));
        return response;
    }
    service.handle(request).await
}

/// Compares without stopping at the first difference, so timing tells nothing of the token.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut response = Response::new(Full::new(Bytes::from_static(text.as_bytes())).boxed());
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, "text/plain".parse().expect("a valid header"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_port_alone_listens_on_loopback() {
        assert_eq!(address("8080").unwrap().to_string(), "127.0.0.1:8080");
        assert_eq!(address("0.0.0.0:9000").unwrap().to_string(), "0.0.0.0:9000");
        assert!(address("localhost:80").is_err());
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"abcd"));
    }
}
