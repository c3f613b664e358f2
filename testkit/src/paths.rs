//! What the real server does to a path before routing it: decoding, the trailing slash, and
//! the redirect of an unclean path.

use hyper::StatusCode;
use hyper::header::{CONNECTION, HeaderValue, LOCATION};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use crate::wire::{self, Response};

/// The path the router matches, from the path as sent: percent-decoded (as Go's `URL.Path`),
/// one trailing slash cropped (the server's `cropTrailingSlashMiddleware`), then cleaned. What
/// the real server answers before routing is the `Err`: 400 for a broken percent escape (Go's
/// HTTP server), 301 to the clean path for `//`, `.` or `..` segments (the router).
pub(crate) fn normalise(raw_path: &str, query: Option<&str>) -> Result<String, Box<Response>> {
    let Some(decoded) = percent_decode_strict(raw_path) else {
        return Err(Box::new(bad_request()));
    };
    let mut path = String::from_utf8_lossy(&decoded).into_owned();
    if path != "/" && path.ends_with('/') {
        path.pop();
    }
    let clean = clean_path(&path);
    if clean == path {
        return Ok(path);
    }
    let mut location = escape_path(&clean);
    if let Some(query) = query {
        location.push('?');
        location.push_str(query);
    }
    let mut response = wire::bare(StatusCode::MOVED_PERMANENTLY);
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(LOCATION, value);
    }
    Err(Box::new(response))
}

/// Go's HTTP server refuses a request whose path has a `%` not followed by two hex digits,
/// and closes the connection.
fn bad_request() -> Response {
    let mut response = wire::text(StatusCode::BAD_REQUEST, "400 Bad Request");
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
}

/// Decodes `s` unless a `%` in it is not followed by two hex digits.
fn percent_decode_strict(s: &str) -> Option<Vec<u8>> {
    let broken = s.split('%').skip(1).any(|after| {
        let hex = after.as_bytes().get(..2);
        !hex.is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    (!broken).then(|| percent_decode_str(s).collect())
}

/// gorilla/mux's `cleanPath`: Go's `path.Clean`, keeping a trailing slash.
fn clean_path(path: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                kept.pop();
            }
            _ => kept.push(segment),
        }
    }
    let mut clean = format!("/{}", kept.join("/"));
    if path.ends_with('/') && clean != "/" {
        clean.push('/');
    }
    clean
}

/// What Go's `URL.EscapedPath` percent-encodes in a path it built itself: all but the
/// unreserved bytes and `$&+,/:;=@`.
const PATH_ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b',')
    .remove(b'/')
    .remove(b':')
    .remove(b';')
    .remove(b'=')
    .remove(b'@');

fn escape_path(path: &str) -> String {
    utf8_percent_encode(path, PATH_ESCAPED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_decoded_cropped_and_cleaned() {
        let normalised = |path: &str, query| match normalise(path, query) {
            Ok(path) => (200, path),
            Err(response) => {
                let location = response.headers().get(LOCATION);
                let location = location.map(|l| l.to_str().unwrap().to_owned());
                (response.status().as_u16(), location.unwrap_or_default())
            }
        };
        assert_eq!(normalised("/api/user/", None), (200, "/api/user".into()));
        assert_eq!(normalised("/api/user%2F", None), (200, "/api/user".into()));
        assert_eq!(
            normalised("/api/projects//", None),
            (200, "/api/projects/".into())
        );
        assert_eq!(normalised("/api/us%65r", None), (200, "/api/user".into()));
        assert_eq!(normalised("/", None), (200, "/".into()));
        for (path, query, location) in [
            ("/api/user//tokens", None, "/api/user/tokens"),
            ("/api/user//tokens/", None, "/api/user/tokens"),
            ("//api/user", None, "/api/user"),
            ("/api/./user", None, "/api/user"),
            ("/api/user/.", None, "/api/user"),
            ("/api/user/../user", Some("x=1&y"), "/api/user?x=1&y"),
            ("/api/user%2F%2Ftokens", None, "/api/user/tokens"),
            ("/api/a%20b//c", None, "/api/a%20b/c"),
            ("/../api", None, "/api"),
            (
                "/api/%24%26%2B%2C%3A%3B%3D%40%7E%2A%22%C3%A9%25//x",
                None,
                "/api/$&+,:;=@~%2A%22%C3%A9%25/x",
            ),
        ] {
            assert_eq!(normalised(path, query), (301, location.into()), "{path}");
        }
        for broken in [
            "/api/%zz",
            "/api/a%2",
            "/api/%",
            "/api/%%41",
            "/api/%\u{e9}",
        ] {
            assert_eq!(normalised(broken, None).0, 400, "{broken}");
        }
    }
}
