//! Constant descriptions of declared endpoints.
//!
//! `#[semaphore_api]` gives every trait an associated constant `ENDPOINTS` listing its
//! methods as the macro understood them. The runtime reads it on each call (method, path,
//! whether to send credentials); tests read it to check declarations against a spec.
//!
//! ```
//! use semaphore_api::{AuthenticationApi, Client, describe::Method};
//!
//! let login = <Client as AuthenticationApi>::ENDPOINTS
//!     .iter()
//!     .find(|e| e.name == "auth_login_post")
//!     .unwrap();
//! assert_eq!(login.method, Method::Post);
//! assert_eq!(login.path, "/auth/login");
//! assert!(!login.auth);
//! ```

/// One declared method of a `#[semaphore_api]` trait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Endpoint {
    /// The method's name, e.g. `user_tokens_get`.
    pub name: &'static str,
    /// The HTTP verb.
    pub method: Method,
    /// The path template as written, e.g. `/user/tokens/{api_token_id}`.
    pub path: &'static str,
    /// The method's arguments (after `&self`), in order.
    pub params: &'static [Param],
    /// Whether the client's credentials are sent (`false` for `#[no_auth]`).
    pub auth: bool,
    /// Whether a successful answer ends the client's cookie session (`#[ends_session]`).
    pub ends_session: bool,
    /// Whether sending the call twice does what sending it once does, on the server it is
    /// declared for: the verb's HTTP meaning (`GET`, `PUT`, `DELETE`) unless the method says
    /// `#[not_idempotent]` or `#[idempotent]`. A [`Retry`](crate::Retry) sends a call again
    /// after its request may have reached the server only when this is `true`.
    pub idempotent: bool,
    /// What a successful answer is turned into.
    pub returns: Returns,
    /// The first server version that serves it (`#[since("2.14.0")]`), for an operation newer
    /// than the verified v2.10.32: a 404 from an older server is an
    /// [`ErrorKind::NotServed`](crate::ErrorKind::NotServed) naming it.
    pub since: Option<&'static str>,
}

impl Endpoint {
    /// An endpoint that sends credentials and keeps the session; the flags below say otherwise.
    #[doc(hidden)]
    pub const fn __new(
        name: &'static str,
        method: Method,
        path: &'static str,
        params: &'static [Param],
        returns: Returns,
    ) -> Self {
        Endpoint {
            name,
            method,
            path,
            params,
            auth: true,
            ends_session: false,
            idempotent: method.is_idempotent(),
            returns,
            since: None,
        }
    }

    /// `#[since("...")]`.
    #[doc(hidden)]
    pub const fn __since(mut self, version: &'static str) -> Self {
        self.since = Some(version);
        self
    }

    /// `#[idempotent]` or `#[not_idempotent]`.
    #[doc(hidden)]
    pub const fn __idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = idempotent;
        self
    }

    /// `#[no_auth]`.
    #[doc(hidden)]
    pub const fn __no_auth(mut self) -> Self {
        self.auth = false;
        self
    }

    /// `#[ends_session]`.
    #[doc(hidden)]
    pub const fn __ends_session(mut self) -> Self {
        self.ends_session = true;
        self
    }

    /// The arguments bound to `{placeholders}` of the path, in order.
    pub fn path_params(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.params
            .iter()
            .filter(|p| p.role == Role::Path)
            .map(|p| p.name)
    }

    /// The query keys sent, in order.
    pub fn query_keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.params.iter().filter_map(|p| match p.role {
            Role::Query { key } => Some(key),
            _ => None,
        })
    }

    /// Whether the method sends a JSON body.
    pub fn has_body(&self) -> bool {
        self.params.iter().any(|p| p.role == Role::Body)
    }
}

/// An HTTP verb accepted by `#[semaphore_api]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `#[get("...")]`
    Get,
    /// `#[post("...")]`
    Post,
    /// `#[put("...")]`
    Put,
    /// `#[patch("...")]`
    Patch,
    /// `#[delete("...")]`
    Delete,
}

impl Method {
    /// The verb as it goes on the wire: `"GET"`, `"POST"`, ...
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Idempotent in HTTP (RFC 9110, 9.2.2): `GET`, `PUT` and `DELETE`.
    pub const fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Put | Method::Delete)
    }

    pub(crate) fn to_http(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

/// One argument of a declared method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Param {
    /// The argument's name in the trait.
    pub name: &'static str,
    /// How it is sent.
    pub role: Role,
}

impl Param {
    #[doc(hidden)]
    pub const fn __new(name: &'static str, role: Role) -> Self {
        Param { name, role }
    }
}

/// How an argument is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Bound to the `{placeholder}` of the same name: one percent-encoded path segment.
    Path,
    /// `#[query]` or `#[query("key")]`: a query parameter under `key`.
    Query {
        /// The key on the wire.
        key: &'static str,
    },
    /// `#[header("X-Name")]`: a request header.
    Header {
        /// The header name as written.
        name: &'static str,
    },
    /// `#[body]`: the JSON request body.
    Body,
}

/// What a successful answer is turned into, from the declared return type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Returns {
    /// `Result<T>`: a 2xx JSON body decoded into `T`.
    Json,
    /// `Result<String>`: a 2xx body's text (a JSON string answer is decoded).
    Text,
    /// `Result<()>`: any 2xx; the body is ignored.
    Empty,
    /// `Result<Redirect>`: a 3xx whose `Location` is returned, not followed.
    Redirect,
}
