//! From the URL a user gives to the API's URL every path is appended to. People give the
//! server's address (`http://host:3000`) or a page of its web UI copied from the browser
//! (`http://host:3000/project/1/templates`) as often as the API's own (`.../api`); the web UI
//! answers every path outside `/api` with its page, so a wrong base would otherwise show up
//! late, as an HTML answer.

use url::Url;

/// The API's URL every path is appended to, in the three forms a call needs.
#[derive(Debug)]
pub(crate) struct BaseUrl {
    url: Url,
    /// The URL without its trailing slash.
    text: String,
    /// Its path without its trailing slash (empty for the root).
    path: String,
}

impl BaseUrl {
    fn new(url: Url) -> BaseUrl {
        let text = url.as_str().trim_end_matches('/').to_owned();
        let path = url.path().trim_end_matches('/').to_owned();
        BaseUrl { url, text, path }
    }

    pub(crate) fn url(&self) -> &Url {
        &self.url
    }

    /// Without its trailing slash.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// Without its trailing slash; empty for the root.
    pub(crate) fn path(&self) -> &str {
        &self.path
    }
}

/// A base URL as used, and whether `/api` was added or a web UI page's path replaced by it.
pub(crate) struct Parsed {
    pub base: BaseUrl,
    pub rewritten: bool,
}

/// Checks a base URL and returns the API's URL, by these rules on its path:
///
/// - ending in an `api` segment, or not a page of the web UI and not empty: used as written
///   (an API behind a proxy may have any prefix);
/// - empty: the server's address, `/api` is added;
/// - a web UI page (`/project/<id>/...`, `/project/new`, `/project/restore`, `/auth/login`,
///   or ending in `/users`, `/runners`, `/tasks`, `/apps`): what precedes the page is the web
///   UI's root (it may sit under a prefix), `/api` is added to it, and the page's query and
///   fragment go with it.
pub(crate) fn parse(text: &str) -> Result<Parsed, String> {
    let mut url = Url::parse(text.trim()).map_err(|e| {
        format!("the base URL is not a URL ({e}); expected e.g. http://localhost:3000/api")
    })?;
    match url.scheme() {
        "http" => {}
        "https" if cfg!(feature = "rustls") => {}
        "https" => return Err("https:// needs the `rustls` feature of semaphore-api".into()),
        other => {
            return Err(format!(
                "the base URL's scheme must be http or https, not {other:?}"
            ));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("the base URL has no host".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("the base URL holds credentials; use bearer_token or session_cookie".into());
    }
    let segments: Vec<&str> = url
        .path_segments()
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    let page = web_page_at(&segments);
    let (path, rewritten) = match page {
        Some(page) => (api_under(&segments[..page]), true),
        None if segments.is_empty() => ("/api".to_owned(), true),
        None => (format!("/{}", segments.join("/")), false),
    };
    if page.is_some() {
        url.set_query(None);
        url.set_fragment(None);
    } else if url.query().is_some() || url.fragment().is_some() {
        return Err("the base URL must not have a query or a fragment".into());
    }
    url.set_path(&path);
    Ok(Parsed {
        base: BaseUrl::new(url),
        rewritten,
    })
}

/// `/api` under `root`, the web UI's root; a root that is already an API's (a page's path
/// pasted after `/api`) is kept.
fn api_under(root: &[&str]) -> String {
    let mut path: String = root.iter().map(|s| format!("/{s}")).collect();
    if root.last() != Some(&"api") {
        path.push_str("/api");
    }
    path
}

/// Where a page of the web UI starts among `segments`, if they name one (its router's
/// routes). A path ending in `api` is an API's, whatever precedes it.
fn web_page_at(segments: &[&str]) -> Option<usize> {
    if segments.last() == Some(&"api") {
        return None;
    }
    let is_id = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let page = segments.windows(2).position(|pair| match pair {
        ["project", next] => is_id(next) || matches!(*next, "new" | "restore"),
        ["auth", "login"] => true,
        _ => false,
    });
    page.or_else(|| {
        let last = segments.len().checked_sub(1)?;
        matches!(segments[last], "users" | "runners" | "tasks" | "apps").then_some(last)
    })
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn used(text: &str) -> (String, bool) {
        let parsed = parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        (parsed.base.as_str().to_owned(), parsed.rewritten)
    }

    #[test]
    fn an_api_url_is_used_as_written() {
        for (given, base) in [
            ("http://localhost:3000/api", "http://localhost:3000/api"),
            ("http://localhost:3000/api/", "http://localhost:3000/api"),
            ("http://h/semaphore/api//", "http://h/semaphore/api"),
            ("http://h/gateway/semaphore", "http://h/gateway/semaphore"),
            ("http://h/api/semaphore", "http://h/api/semaphore"),
            ("http://h/project/api", "http://h/project/api"),
        ] {
            assert_eq!(used(given), (base.to_owned(), false), "{given}");
        }
    }

    #[test]
    fn a_server_address_or_a_web_page_gets_the_api_path() {
        for (given, base) in [
            ("http://h", "http://h/api"),
            ("http://h:3000/", "http://h:3000/api"),
            ("http://h:3000/project/1/templates", "http://h:3000/api"),
            (
                "http://h:3000/project/12/templates/3?x=1#top",
                "http://h:3000/api",
            ),
            ("http://h/project/new", "http://h/api"),
            ("http://h/auth/login", "http://h/api"),
            ("http://h/users", "http://h/api"),
            ("http://h/tasks/", "http://h/api"),
            (
                "https://h/semaphore/project/2/history",
                "https://h/semaphore/api",
            ),
            ("https://h/semaphore/runners", "https://h/semaphore/api"),
            ("http://h/api/project/1", "http://h/api"),
        ] {
            assert_eq!(used(given), (base.to_owned(), true), "{given}");
        }
    }

    #[test]
    fn what_no_rule_reads_is_refused() {
        for bad in [
            "",
            "localhost:3000",
            "ftp://h/api",
            "http://",
            "not a url",
            "http://u:p@h/api",
            "http://u:p@h",
            "http://h/api?x=1",
            "http://h/api#f",
            "http://h?token=x",
            "mailto:a@b",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
