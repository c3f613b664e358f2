//! Whose token the tools use: the configured one, or (over HTTP with `--forward-token`) the
//! bearer token of each request, sent on to Semaphore.

use std::time::Duration;

use hyper::header::AUTHORIZATION;
use hyper::http::request::Parts;
use rmcp::RoleServer;
use rmcp::service::RequestContext;
use semaphore_api::{Client, Secret};

use crate::error::{CliError, Kind, Result};

pub enum Access {
    /// The configured token: stdio, or HTTP guarded by a token of its own.
    Configured(Client),
    /// The token each HTTP request carries, used as a Semaphore API token; one HTTP client
    /// (its connections, its TLS set-up) serves every caller.
    Forwarded {
        url: String,
        timeout: Duration,
        http: semaphore_api::reqwest::Client,
    },
}

impl Access {
    /// The client a tool call uses.
    pub fn client(&self, cx: &RequestContext<RoleServer>) -> Result<Client> {
        match self {
            Access::Configured(client) => Ok(client.clone()),
            Access::Forwarded { url, timeout, http } => {
                let token = cx
                    .extensions
                    .get::<Parts>()
                    .and_then(|parts| bearer(parts.headers.get(AUTHORIZATION)?.to_str().ok()?))
                    .ok_or_else(|| {
                        CliError::new(Kind::Auth, "no bearer token came with the request")
                    })?;
                Client::builder(url)
                    .http_client(http.clone())
                    .timeout(*timeout)
                    .bearer_token(Secret::new(token.to_owned()))
                    .build()
                    .map_err(|e| CliError::api("cannot use the server URL", &e))
            }
        }
    }
}

/// The token of an `Authorization: Bearer TOKEN` header.
pub fn bearer(header: &str) -> Option<&str> {
    let (scheme, token) = header.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}
