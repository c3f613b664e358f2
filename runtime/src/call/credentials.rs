//! The client's credentials: a bearer token and the `semaphore` session cookie.
//!
//! Both are kept as header values marked sensitive, so hyper and reqwest never print them,
//! and are only ever shown as `[REDACTED]`.

use std::fmt;
use std::sync::RwLock;
use std::sync::atomic::{AtomicBool, Ordering};

use reqwest::header::{HeaderMap, HeaderValue, SET_COOKIE};

use crate::Secret;

/// The cookie Semaphore keeps its session in.
pub(crate) const SESSION_COOKIE: &str = "semaphore";

pub(crate) struct Credentials {
    /// `Bearer <token>`, built once.
    bearer: Option<HeaderValue>,
    /// `semaphore=<value>`, replaced by logins and logouts on any clone of the client.
    session: RwLock<Option<Session>>,
    /// Whether `session` holds one, so that a client without a session takes no lock.
    has_session: AtomicBool,
}

#[derive(Clone)]
struct Session {
    value: Secret,
    header: HeaderValue,
}

/// Why a credential cannot be used.
pub(crate) fn bearer_header(token: &Secret) -> Result<HeaderValue, String> {
    sensitive(&format!("Bearer {}", token.expose_secret()))
        .ok_or_else(|| "the bearer token holds characters not allowed in a header".to_owned())
}

fn session(value: Secret) -> Result<Session, String> {
    let header = sensitive(&format!("{SESSION_COOKIE}={}", value.expose_secret()))
        .filter(|_| !value.expose_secret().contains(';'))
        .ok_or_else(|| "the session cookie holds characters not allowed in a cookie".to_owned())?;
    Ok(Session { value, header })
}

fn sensitive(text: &str) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(text).ok()?;
    value.set_sensitive(true);
    Some(value)
}

impl Credentials {
    pub(crate) fn new(bearer: Option<&Secret>, cookie: Option<Secret>) -> Result<Self, String> {
        let bearer = bearer.map(bearer_header).transpose()?;
        let session = cookie.filter(|c| !c.is_empty()).map(session).transpose()?;
        Ok(Credentials {
            bearer,
            has_session: AtomicBool::new(session.is_some()),
            session: RwLock::new(session),
        })
    }

    pub(crate) fn has_bearer(&self) -> bool {
        self.bearer.is_some()
    }

    pub(crate) fn bearer(&self) -> Option<&HeaderValue> {
        self.bearer.as_ref()
    }
    pub(crate) fn session_header(&self) -> Option<HeaderValue> {
        if !self.has_session.load(Ordering::Acquire) {
            return None;
        }
        self.read().as_ref().map(|s| s.header.clone())
    }

    pub(crate) fn session_cookie(&self) -> Option<Secret> {
        self.read().as_ref().map(|s| s.value.clone())
    }

    /// Calls `f` with the values of the credentials (the bearer token, the session cookie),
    /// to keep them out of what is shown.
    pub(crate) fn with_values<R>(&self, f: impl FnOnce(&[&str]) -> R) -> R {
        let bearer = self.bearer.as_ref().and_then(|h| h.to_str().ok());
        let bearer = bearer.and_then(|h| h.strip_prefix("Bearer "));
        let session = self.read();
        let cookie = session.as_ref().map(|s| s.value.expose_secret());
        let values: Vec<&str> = bearer.into_iter().chain(cookie).collect();
        f(&values)
    }

    pub(crate) fn set_session(&self, value: Secret) -> Result<(), String> {
        let new = if value.is_empty() {
            None
        } else {
            Some(session(value)?)
        };
        self.replace(new);
        Ok(())
    }

    pub(crate) fn clear_session(&self) {
        self.replace(None);
    }

    fn replace(&self, session: Option<Session>) {
        let mut slot = self.write();
        self.has_session.store(session.is_some(), Ordering::Release);
        *slot = session;
    }

    /// Takes a new `semaphore` cookie from an answer's `Set-Cookie` headers: a value starts
    /// (or replaces) the session, an empty value or `Max-Age=0` ends it. Other cookies are
    /// ignored. Returns whether the session changed.
    pub(crate) fn absorb_set_cookie(&self, headers: &HeaderMap) -> bool {
        let mut changed = false;
        for header in headers.get_all(SET_COOKIE) {
            let Some(update) = header.to_str().ok().and_then(parse_session_cookie) else {
                continue;
            };
            match update {
                Some(value) => match session(Secret::new(value)) {
                    Ok(s) => self.replace(Some(s)),
                    Err(_) => continue, // a cookie we could never send back
                },
                None => self.clear_session(),
            }
            changed = true;
        }
        changed
    }

    // A poisoned lock only means another thread panicked mid-assignment of an Option:
    // the value is still whole, so keep using it.
    fn read(&self) -> std::sync::RwLockReadGuard<'_, Option<Session>> {
        self.session.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Option<Session>> {
        self.session.write().unwrap_or_else(|e| e.into_inner())
    }
}

/// `Some(Some(value))` sets the session, `Some(None)` clears it, `None`: not our cookie.
fn parse_session_cookie(set_cookie: &str) -> Option<Option<&str>> {
    let mut parts = set_cookie.split(';');
    let (name, value) = parts.next()?.split_once('=')?;
    if name.trim() != SESSION_COOKIE {
        return None;
    }
    let value = value.trim().trim_matches('"');
    let expired = parts.any(|attr| {
        let (key, val) = attr.split_once('=').unwrap_or((attr, ""));
        key.trim().eq_ignore_ascii_case("max-age")
            && val.trim().parse::<i64>().is_ok_and(|s| s <= 0)
    });
    Some((!value.is_empty() && !expired).then_some(value))
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |set: bool| if set { Some("[REDACTED]") } else { None };
        f.debug_struct("Credentials")
            .field("bearer_token", &redacted(self.bearer.is_some()))
            .field("session_cookie", &redacted(self.read().is_some()))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_cookie_parsing() {
        assert_eq!(
            parse_session_cookie("semaphore=abc; Path=/"),
            Some(Some("abc"))
        );
        assert_eq!(parse_session_cookie("semaphore=abc"), Some(Some("abc")));
        assert_eq!(
            parse_session_cookie("semaphore=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"),
            Some(None)
        );
        assert_eq!(parse_session_cookie("semaphore=abc; Max-Age=0"), Some(None));
        assert_eq!(parse_session_cookie("oauthstate=xyz; Path=/"), None);
        assert_eq!(parse_session_cookie("garbage"), None);
    }

    #[test]
    fn login_then_logout_answers() {
        let creds = Credentials::new(None, None).unwrap();
        let mut headers = HeaderMap::new();
        headers.append(SET_COOKIE, HeaderValue::from_static("oauthstate=1"));
        headers.append(
            SET_COOKIE,
            HeaderValue::from_static("semaphore=s3cr3t; Path=/"),
        );
        assert!(creds.absorb_set_cookie(&headers));
        assert_eq!(creds.session_header().unwrap(), "semaphore=s3cr3t");
        assert!(creds.session_header().unwrap().is_sensitive());

        let mut logout = HeaderMap::new();
        logout.append(SET_COOKIE, HeaderValue::from_static("semaphore=; Path=/"));
        assert!(creds.absorb_set_cookie(&logout));
        assert!(creds.session_header().is_none());
    }

    #[test]
    fn debug_never_shows_values() {
        let creds =
            Credentials::new(Some(&Secret::new("tok123")), Some(Secret::new("ck456"))).unwrap();
        let shown = format!("{creds:?}");
        assert!(
            !shown.contains("tok123") && !shown.contains("ck456"),
            "{shown}"
        );
        assert!(creds.bearer().unwrap().is_sensitive());
    }

    #[test]
    fn header_breaking_credentials_are_refused() {
        assert!(Credentials::new(Some(&Secret::new("a\r\nX: y")), None).is_err());
        assert!(Credentials::new(None, Some(Secret::new("a; b=c"))).is_err());
    }
}
