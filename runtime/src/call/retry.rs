//! [`Retry`]: when and how long to wait before sending a call again.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::Error;
use crate::describe::Endpoint;
use crate::error::error_type;

/// Retries of failed calls, for [`ClientBuilder::retry`](crate::ClientBuilder::retry); a
/// client makes none unless given one.
///
/// What is retried:
/// - any call whose connection could not be opened (refused, unreachable, DNS, TLS
///   handshake): nothing was sent;
/// - an idempotent operation (sending it twice does what sending it once does) whose
///   connection failed later (closed or reset before or during the answer), or that was
///   answered `429 Too Many Requests`, `502 Bad Gateway`, `503 Service Unavailable` or
///   `504 Gateway Timeout`.
///
/// Which operations are idempotent is part of each declaration
/// ([`Endpoint::idempotent`](crate::describe::Endpoint::idempotent)): a `GET`, `PUT` or
/// `DELETE` unless declared `#[not_idempotent]`, a `POST` or `PATCH` only when declared
/// `#[idempotent]`. The Semaphore operations follow the server's code: an environment's
/// update, for one, re-runs its secrets' changes and is never sent twice. Any other call is
/// never sent again once it may have reached the server. Timeouts are not retried: the
/// client's timeout applies to each attempt.
///
/// Before attempt *n* + 1 the client waits what the answer's `Retry-After` asks (seconds or
/// an HTTP date) when it asks at most [`max_retry_after`](Retry::max_retry_after), and gives
/// up with the answer's error when it asks more; without `Retry-After`, an exponential
/// backoff with jitter: a random time between half and all of
/// `min(initial_backoff × 2ⁿ, max_backoff)`.
///
/// Every retry is a `WARN` event `retrying` in the call's span (see the crate docs), with the
/// attempt, the reason and the wait; the span records `http.request.resend_count`.
///
/// ```
/// use std::time::Duration;
/// use semaphore_api::{Client, Retry};
///
/// let client = Client::builder("https://semaphore.example.com/api")
///     .retry(Retry::new().max_retries(5).max_backoff(Duration::from_secs(10)))
///     .build()?;
/// # Ok::<(), semaphore_api::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retry {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Retry::new()
    }
}

impl Retry {
    /// 3 retries, backoff from 200 ms up to 5 s, `Retry-After` honoured up to 60 s.
    pub fn new() -> Self {
        Retry {
            max_retries: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(60),
        }
    }

    /// How many times a call may be sent again (after its first attempt).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The backoff before the first retry (doubled for each further one).
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest backoff.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The longest `Retry-After` honoured; a server asking for more gets no retry.
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    pub(crate) fn allows(&self, retries: u32) -> bool {
        retries < self.max_retries
    }

    /// The wait before retry number `retries + 1`; `None` when the server asks for longer
    /// than the cap.
    pub(crate) fn delay(&self, retries: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if let Some(wait) = retry_after {
            return (wait <= self.max_retry_after).then_some(wait);
        }
        let factor = 2u32.saturating_pow(retries);
        let ceiling = self
            .initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        let half = ceiling / 2;
        Some(half + half.mul_f64(random_fraction()))
    }
}

/// Whether a status may be retried (for an idempotent call).
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// A uniformly drawn number in `[0, 1)`, different for each call and each process.
fn random_fraction() -> f64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// A `Retry-After` value: delay-seconds or an HTTP date (IMF-fixdate, RFC 850 or asctime, as
/// RFC 9110 asks recipients to accept). `None` when it is neither. A date in the past is no
/// wait.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64 is still "very long".
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = parse_http_date(value)?;
    let at = UNIX_EPOCH + Duration::from_secs(at);
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Seconds since the Unix epoch of an HTTP date.
fn parse_http_date(text: &str) -> Option<u64> {
    let words: Vec<&str> = text.split_ascii_whitespace().collect();
    let (day, month, year, time) = match words.as_slice() {
        // Sun, 06 Nov 1994 08:49:37 GMT
        [_, day, month, year, time, "GMT"] => (*day, *month, year.parse::<u64>().ok()?, *time),
        // Sunday, 06-Nov-94 08:49:37 GMT
        [_, date, time, "GMT"] => {
            let mut parts = date.split('-');
            let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
            let year: u64 = year.parse().ok()?;
            // Two-digit years: RFC 9110 says a date more than 50 years ahead is in the past.
            let year = if year < 70 { 2000 + year } else { 1900 + year };
            (day, month, year, *time)
        }
        // Sun Nov  6 08:49:37 1994
        [_, month, day, time, year] => (*day, *month, year.parse::<u64>().ok()?, *time),
        _ => return None,
    };
    let day: u64 = day.parse().ok()?;
    let month = 1 + [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| *m == month)? as u64;
    let mut hms = time.split(':').map(|p| p.parse::<u64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    if hms.next().is_some() || !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    if !(1970..=9999).contains(&year) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s)
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
/// algorithm), for years from 1970.
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let yoe = year - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Why an attempt may be sent again.
pub(crate) enum Retryable {
    /// Not at all.
    No,
    /// The connection could not be opened: nothing was sent, any method may go again.
    Unsent,
    /// The connection failed after it was open: only idempotent operations go again.
    Failed,
    /// A 429/502/503/504, with the answer's `Retry-After`.
    Status(Option<Duration>),
}

impl Retryable {
    /// After a failure to send or to read the answer: a timeout used the call's whole time.
    pub(crate) fn after(error: &reqwest::Error) -> Retryable {
        if error.is_connect() {
            Retryable::Unsent
        } else if error.is_timeout() {
            Retryable::No
        } else {
            Retryable::Failed
        }
    }
}

/// A 429/502/503/504 may go again, after its `Retry-After` if it gives one.
pub(crate) fn retry_after(headers: &HeaderMap) -> Retryable {
    let retry_after = headers.get(RETRY_AFTER);
    let retry_after = retry_after
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_retry_after(v, SystemTime::now()));
    Retryable::Status(retry_after)
}

/// How long to wait before sending a failed attempt again, or `None` when it does not go
/// again: the failure, the method, the client's [`Retry`](crate::Retry) and a spare copy of
/// the request all have to allow it. Warns of the retry, or of a `Retry-After` too long.
pub(crate) fn retry_delay(
    retry: Option<&Retry>,
    endpoint: &Endpoint,
    retryable: Retryable,
    has_spare: bool,
    resends: u32,
    error: &Error,
) -> Option<Duration> {
    let idempotent = endpoint.idempotent;
    let retry_after = match retryable {
        Retryable::Unsent => None,
        Retryable::Failed if idempotent => None,
        Retryable::Status(retry_after) if idempotent => retry_after,
        _ => return None,
    };
    let retry = retry.filter(|_| has_spare)?;
    let Some(delay) = retry.delay(resends, retry_after) else {
        tracing::warn!(
            target: "semaphore_api",
            retry_after_s = retry_after.map(|d| d.as_secs()),
            "not retrying: the server asks to wait longer than the client's max_retry_after"
        );
        return None;
    };
    tracing::warn!(
        target: "semaphore_api",
        attempt = resends + 2,
        reason = %error_type(error),
        delay_ms = delay.as_millis() as u64,
        retry_after = retry_after.is_some(),
        "retrying"
    );
    tracing::Span::current().record("http.request.resend_count", resends + 1);
    Some(delay)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_and_in_all_three_date_forms() {
        let now = UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        let secs = |s: u64| Some(Duration::from_secs(s));
        assert_eq!(parse_retry_after("120", now), secs(120));
        assert_eq!(parse_retry_after(" 0 ", now), secs(0));
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            secs(u64::MAX)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            secs(0)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:51:37 GMT", now),
            secs(120)
        );
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:50:37 GMT", now),
            secs(60)
        );
        assert_eq!(parse_retry_after("Sun Nov  6 08:49:47 1994", now), secs(10));
        // In the past: no wait.
        assert_eq!(
            parse_retry_after("Sat, 05 Nov 1994 08:49:37 GMT", now),
            secs(0)
        );
        for bad in [
            "",
            "-1",
            "1.5",
            "soon",
            "Sun, 06 Nov 1994 25:00:00 GMT",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 CET",
        ] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad:?}");
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(
            parse_http_date("Thu, 01 Jan 2026 00:00:00 GMT"),
            Some(1_767_225_600)
        );
    }

    #[test]
    fn by_default_a_retry_after_over_a_minute_is_not_waited_for() {
        let retry = Retry::new();
        let wait = |secs| retry.delay(0, Some(Duration::from_secs(secs)));
        assert_eq!(wait(60), Some(Duration::from_secs(60)));
        assert_eq!(wait(61), None);
        assert_eq!(wait(86_400), None);
    }

    #[test]
    fn backoff_grows_to_its_cap_with_jitter() {
        let retry = Retry::new()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(1000));
        for (n, ceiling) in [
            (0, 100),
            (1, 200),
            (2, 400),
            (3, 800),
            (4, 1000),
            (40, 1000),
        ] {
            let ceiling = Duration::from_millis(ceiling);
            let draws: Vec<Duration> = (0..50).map(|_| retry.delay(n, None).unwrap()).collect();
            for d in &draws {
                assert!(*d >= ceiling / 2 && *d <= ceiling, "retry {n}: {d:?}");
            }
            assert!(draws.iter().any(|d| *d != draws[0]), "no jitter: {draws:?}");
        }
        let capped = Retry::new().max_retry_after(Duration::from_secs(10));
        assert_eq!(
            capped.delay(0, Some(Duration::from_secs(10))),
            Some(Duration::from_secs(10))
        );
        assert_eq!(capped.delay(0, Some(Duration::from_secs(11))), None);
        assert!(capped.allows(2) && !capped.allows(3));
        assert!(is_retryable_status(StatusCode::TOO_MANY_REQUESTS));
        assert!(!is_retryable_status(StatusCode::INTERNAL_SERVER_ERROR));
    }
}
