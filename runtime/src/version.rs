//! The server's version, as `/api/info` gives it, and how it stands to the version this crate
//! was verified against.

use std::cmp::Ordering;
use std::fmt;

/// The release every declared operation was verified against on a real server (BoltDB and
/// PostgreSQL; CONFORMANCE.md): v2.10.32 (the conformance servers run v2.10.32 and 31
/// commits).
pub const VERIFIED_VERSION: (u32, u32, u32) = (2, 10, 32);

/// A Semaphore server's version, from `InfoType::version`: `v2.10.32`,
/// `2.13.0-75ffe9c-1742166024` (a release build: its commit and time),
/// `v2.10.32-31-d4a27137-2024-10-25` (a build 31 commits after the release),
/// `v2.18.0-beta1` (a pre-release). A text of another form is kept as it came, and is
/// [`Support::Unknown`].
///
/// Versions compare by release, then pre-release (before the release), then commits after
/// it; an unknown one compares with none.
///
/// ```
/// use semaphore_api::{ServerVersion, Support};
///
/// let built = ServerVersion::parse("v2.10.32-31-d4a27137-2024-10-25");
/// assert_eq!(built.release(), Some((2, 10, 32)));
/// assert_eq!(built.commits_after_release(), 31);
/// assert_eq!(built.support(), Support::Verified);
/// assert!(ServerVersion::parse("v2.16.14") > built);
/// assert_eq!(ServerVersion::parse("2.16.14").support(), Support::Newer);
/// assert!(ServerVersion::parse("v2.18.0-beta1") < ServerVersion::parse("v2.18.0"));
/// assert_eq!(ServerVersion::parse("develop").support(), Support::Unknown);
/// ```
#[derive(Clone)]
pub struct ServerVersion {
    text: String,
    parsed: Option<Parsed>,
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct Parsed {
    release: (u32, u32, u32),
    pre: Option<String>,
    commits: u32,
}

/// How a server's version stands to [`VERIFIED_VERSION`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Support {
    /// The release verified on a real server (any build of it).
    Verified,
    /// An older release: operations it lacks answer 404.
    Older,
    /// A newer release: its behaviour is known from public sources (CONFORMANCE.md), and
    /// the fields it adds are kept.
    Newer,
    /// A version this crate cannot read: treated as newer wherever that is the safer choice.
    Unknown,
}

impl ServerVersion {
    /// Reads a version; never fails (see [`Support::Unknown`]).
    pub fn parse(text: &str) -> ServerVersion {
        ServerVersion {
            text: text.to_owned(),
            parsed: parse(text.trim()),
        }
    }

    /// The text as the server sent it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `(major, minor, patch)`, when the text could be read.
    pub fn release(&self) -> Option<(u32, u32, u32)> {
        self.parsed.as_ref().map(|p| p.release)
    }

    /// The pre-release label (`beta1` of `v2.18.0-beta1`), if any.
    pub fn pre_release(&self) -> Option<&str> {
        self.parsed.as_ref()?.pre.as_deref()
    }

    /// How many commits after its release a build is (`31` of
    /// `v2.10.32-31-d4a27137-2024-10-25`; `0` for a release).
    pub fn commits_after_release(&self) -> u32 {
        self.parsed.as_ref().map_or(0, |p| p.commits)
    }

    /// Whether the server is at least release `major.minor.patch` (a pre-release of it is
    /// not). `false` for an unknown version.
    pub fn at_least(&self, major: u32, minor: u32, patch: u32) -> bool {
        self.parsed.as_ref().is_some_and(|p| {
            p.release >= (major, minor, patch)
                && (p.release > (major, minor, patch) || p.pre.is_none())
        })
    }

    /// How it stands to [`VERIFIED_VERSION`].
    pub fn support(&self) -> Support {
        match &self.parsed {
            None => Support::Unknown,
            Some(p) => match p.release.cmp(&VERIFIED_VERSION) {
                Ordering::Less => Support::Older,
                Ordering::Equal if p.pre.is_some() => Support::Older,
                Ordering::Equal => Support::Verified,
                Ordering::Greater => Support::Newer,
            },
        }
    }
}

/// Equal when they name the same build (`v2.13.0` and `2.13.0-75ffe9c-1742166024` do); an
/// unknown version equals only the same text.
impl PartialEq for ServerVersion {
    fn eq(&self, other: &Self) -> bool {
        match (&self.parsed, &other.parsed) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.text == other.text,
            _ => false,
        }
    }
}

impl Eq for ServerVersion {}

impl std::hash::Hash for ServerVersion {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match &self.parsed {
            Some(parsed) => parsed.hash(state),
            None => self.text.hash(state),
        }
    }
}

impl PartialOrd for ServerVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        let (a, b) = (self.parsed.as_ref()?, other.parsed.as_ref()?);
        let pre = match (&a.pre, &b.pre) {
            (None, None) => Ordering::Equal,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(x), Some(y)) => x.cmp(y),
        };
        Some(
            a.release
                .cmp(&b.release)
                .then(pre)
                .then(a.commits.cmp(&b.commits)),
        )
    }
}

impl fmt::Display for ServerVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for ServerVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ServerVersion({:?}, {:?})", self.text, self.support())
    }
}

/// `[v]MAJOR.MINOR.PATCH`, then what builds add: `-COMMITS-HASH-...` (a build after the
/// release, `git describe`), `-HASH-UNIXTIME` (release builds: `2.13.0-75ffe9c-1742166024`),
/// or `-PRE[-HASH-UNIXTIME]` (a pre-release).
fn parse(text: &str) -> Option<Parsed> {
    let text = text.strip_prefix('v').unwrap_or(text);
    let (release, rest) = match text.split_once('-') {
        Some((release, rest)) => (release, Some(rest)),
        None => (text, None),
    };
    let mut numbers = release.split('.').map(|n| {
        (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .then(|| n.parse::<u32>().ok())
            .flatten()
    });
    let major = numbers.next()??;
    let minor = numbers.next()??;
    let patch = numbers.next().unwrap_or(Some(0))?;
    if numbers.next().is_some() {
        return None;
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let hash = |s: &str| s.len() >= 7 && s.bytes().all(|b| b.is_ascii_hexdigit());
    let (pre, commits) = match rest {
        None => (None, 0),
        Some(rest) => {
            let parts: Vec<&str> = rest.split('-').collect();
            match parts[..] {
                [""] | [] => return None,
                // `31-d4a27137-2024-10-25`
                [commits, h, _, ..] if digits(commits) && hash(h) => (None, commits.parse().ok()?),
                // `75ffe9c-1742166024`
                [h, time] if hash(h) && digits(time) => (None, 0),
                [pre, ..] if !pre.is_empty() => (Some(pre.to_owned()), 0),
                _ => return None,
            }
        }
    };
    Some(Parsed {
        release: (major, minor, patch),
        pre,
        commits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_the_servers_send() {
        for (text, release, commits, support) in [
            (
                "v2.10.32-31-d4a27137-2024-10-25",
                (2, 10, 32),
                31,
                Support::Verified,
            ),
            ("v2.10.32", (2, 10, 32), 0, Support::Verified),
            ("2.10.31", (2, 10, 31), 0, Support::Older),
            ("v2.9.4", (2, 9, 4), 0, Support::Older),
            ("v2.16.14", (2, 16, 14), 0, Support::Newer),
            (" v2.13.0\n", (2, 13, 0), 0, Support::Newer),
            ("v3.0", (3, 0, 0), 0, Support::Newer),
            ("v2.10.32-beta2", (2, 10, 32), 0, Support::Older),
            ("2.13.0-75ffe9c-1742166024", (2, 13, 0), 0, Support::Newer),
            ("v2.14.4-4ed4d2d-1745874335", (2, 14, 4), 0, Support::Newer),
            (
                "v2.14.0-beta1-4ed4d2d-1745874335",
                (2, 14, 0),
                0,
                Support::Newer,
            ),
        ] {
            let v = ServerVersion::parse(text);
            assert_eq!(
                (v.release(), v.commits_after_release(), v.support()),
                (Some(release), commits, support),
                "{text}"
            );
        }
        for unknown in [
            "",
            "develop",
            "v",
            "2",
            "2.x.1",
            "2.10.32.1",
            "v2.10.-1",
            "-1.2.3",
            "2.10.32-",
        ] {
            assert_eq!(
                ServerVersion::parse(unknown).support(),
                Support::Unknown,
                "{unknown:?}"
            );
        }
    }

    #[test]
    fn order_and_thresholds() {
        let v = ServerVersion::parse;
        assert!(v("v2.10.32") < v("v2.10.32-31-d4a27137-2024-10-25"));
        assert!(v("v2.14.0-rc1") < v("v2.14.0"));
        assert!(v("v2.14.0-rc1") < v("v2.14.0-rc2"));
        assert_eq!(v("2.13.0-75ffe9c-1742166024"), v("v2.13.0"));
        assert_ne!(v("develop"), v("main"));
        assert_eq!(
            v("2.13.0-75ffe9c-1742166024").partial_cmp(&v("v2.13.0")),
            Some(std::cmp::Ordering::Equal)
        );
        assert!(v("v2.9.99") < v("v2.10.0"));
        assert_eq!(v("develop").partial_cmp(&v("v2.10.32")), None);
        assert!(v("v2.14.0").at_least(2, 14, 0));
        assert!(v("v2.15.1").at_least(2, 14, 0));
        assert!(!v("v2.14.0-rc1").at_least(2, 14, 0));
        assert!(!v("v2.13.9").at_least(2, 14, 0));
        assert!(!v("develop").at_least(0, 0, 0));
    }
}
