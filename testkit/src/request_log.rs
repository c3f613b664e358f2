//! The request log's entries: what a test may assert on, with the secrets a path or query can
//! hold kept out of `Debug`.

use std::fmt;

/// Which credential a request presented, and whether the stand-in accepted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// Neither a cookie nor an `Authorization` header.
    None,
    /// A `semaphore` session cookie.
    Cookie {
        /// Whether it named a live session.
        valid: bool,
    },
    /// An `Authorization` header (a bearer token, or something else that is refused).
    Bearer {
        /// Whether it held a live token with the `bearer ` prefix.
        valid: bool,
    },
}

/// One request, as the stand-in saw it: no header or body is kept, so no password, cookie or
/// `Authorization` value.
///
/// `path` and `query` are kept as sent, for assertions; they can hold secrets (a token id in
/// `DELETE /user/tokens/{id}`, the OIDC `code` and `state`), so `Debug` shows those as
/// `[REDACTED]`.
#[derive(Clone, PartialEq, Eq)]
pub struct LoggedRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, `/api` included, as sent (percent-encoding untouched).
    pub path: String,
    /// The query string, when there was one, as sent.
    pub query: Option<String>,
    /// The credential presented.
    pub credential: Credential,
    /// The status answered.
    pub status: u16,
}

impl fmt::Debug for LoggedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoggedRequest")
            .field("method", &self.method)
            .field("path", &redacted_path(&self.path))
            .field("query", &self.query.as_deref().map(redacted_query))
            .field("credential", &self.credential)
            .field("status", &self.status)
            .finish()
    }
}

/// The path with what follows `/user/tokens/` (a token id) hidden.
fn redacted_path(path: &str) -> String {
    match path.find("/user/tokens/") {
        Some(at) => format!("{}[REDACTED]", &path[..at + "/user/tokens/".len()]),
        None => path.to_owned(),
    }
}

/// The query with the values of `code` and `state` (OIDC) hidden.
fn redacted_query(query: &str) -> String {
    query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if key == "code" || key == "state" => format!("{key}=[REDACTED]"),
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logged(path: &str, query: Option<&str>) -> String {
        let request = LoggedRequest {
            method: "GET".into(),
            path: path.into(),
            query: query.map(str::to_owned),
            credential: Credential::None,
            status: 200,
        };
        format!("{request:?}")
    }

    #[test]
    fn debug_hides_token_ids_and_oidc_values() {
        let shown = logged("/api/user/tokens/s3cr3t%3D", None);
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("/api/user/tokens/[REDACTED]"), "{shown}");
        let shown = logged(
            "/api/auth/oidc/x/redirect",
            Some("code=c0de&state=st4te&other=kept"),
        );
        assert!(
            !shown.contains("c0de") && !shown.contains("st4te"),
            "{shown}"
        );
        assert!(shown.contains("other=kept"), "{shown}");
        assert!(logged("/api/user/tokens", None).contains("\"/api/user/tokens\""));
    }
}
