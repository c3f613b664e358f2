//! [`OutputLine`], and telling whether a line from the socket is one of the stored lines.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::TaskId;

/// One line of a task's output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputLine {
    /// The task it belongs to.
    pub task_id: TaskId,
    /// Its position in the task's output (0 for the first line), as the server stores it.
    pub index: usize,
    /// When the server wrote it, RFC 3339 as the server sent it: from the socket to the
    /// nanosecond in the server's zone, from PostgreSQL to the microsecond in UTC, from BoltDB
    /// to the nanosecond in the server's zone. [`timestamp`](Self::timestamp) reads it.
    pub time: String,
    /// The line, without its line ending (`\n` or `\r\n`, which the server's own lines carry),
    /// Ansible's colours included; [`plain`](Self::plain) drops them.
    pub output: String,
}

impl OutputLine {
    pub(crate) fn new(task_id: TaskId, index: usize, time: String, mut output: String) -> Self {
        if output.ends_with('\n') {
            output.pop();
            if output.ends_with('\r') {
                output.pop();
            }
        }
        OutputLine {
            task_id,
            index,
            time,
            output,
        }
    }

    /// When the server wrote the line; `None` when `time` is not RFC 3339.
    ///
    /// ```
    /// # let line = semaphore_api::OutputLine::for_tests("2026-11-29T04:46:58.985618412+01:00", "x");
    /// let at = line.timestamp().unwrap();
    /// assert_eq!(at.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs(), 1_795_924_018);
    /// ```
    pub fn timestamp(&self) -> Option<std::time::SystemTime> {
        let nanos = instant(&self.time)?;
        let epoch = std::time::UNIX_EPOCH;
        match u64::try_from(nanos) {
            Ok(after) => epoch.checked_add(std::time::Duration::from_nanos(after)),
            Err(_) => {
                epoch.checked_sub(std::time::Duration::from_nanos(u64::try_from(-nanos).ok()?))
            }
        }
    }

    /// The line without terminal escape sequences (Ansible's colours, cursor moves, titles):
    /// the text a log file or a search wants.
    ///
    /// ```
    /// # let line = semaphore_api::OutputLine::for_tests("", "\u{1b}[0;32mok: [web1]\u{1b}[0m");
    /// assert_eq!(line.plain(), "ok: [web1]");
    /// ```
    pub fn plain(&self) -> String {
        crate::terminal::strip_escapes(&self.output)
    }

    /// The line as a terminal may show it: its colours (SGR sequences) kept, every other
    /// escape sequence and control character but tab dropped (a title, a cleared screen, a
    /// clipboard write).
    ///
    /// ```
    /// # let line = semaphore_api::OutputLine::for_tests("", "\u{1b}[0;31mfailed\u{1b}[0m\u{1b}]0;owned\u{7}");
    /// assert_eq!(line.for_terminal(), "\u{1b}[0;31mfailed\u{1b}[0m");
    /// ```
    pub fn for_terminal(&self) -> String {
        crate::terminal::keep_colours(&self.output)
    }

    /// A line for doc examples and tests.
    #[doc(hidden)]
    pub fn for_tests(time: &str, output: &str) -> Self {
        OutputLine::new(TaskId(1), 0, time.into(), output.into())
    }
}

/// Whether two lines are the same line of the output: the same text, written at the same
/// instant. The socket sends the time in the server's zone to the nanosecond, PostgreSQL gives
/// it back in UTC to the microsecond, rounded: instants within a microsecond are the same.
/// Times that do not parse must be equal as text.
pub(crate) fn same_line(a_time: &str, a_output: &str, b_time: &str, b_output: &str) -> bool {
    if a_output != b_output {
        return false;
    }
    match (instant(a_time), instant(b_time)) {
        (Some(a), Some(b)) => (a - b).abs() <= 1_000,
        _ => a_time == b_time,
    }
}

/// Nanoseconds since the epoch.
fn instant(time: &str) -> Option<i128> {
    OffsetDateTime::parse(time, &Rfc3339)
        .ok()
        .map(OffsetDateTime::unix_timestamp_nanos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_has_no_line_ending() {
        for raw in ["ok", "ok\n", "ok\r\n"] {
            assert_eq!(OutputLine::for_tests("", raw).output, "ok", "{raw:?}");
        }
        assert_eq!(OutputLine::for_tests("", "ok\n\n").output, "ok\n");
    }

    #[test]
    fn the_same_instant_in_two_zones_and_precisions() {
        let socket = "2026-11-29T04:46:58.985618412+01:00";
        assert!(same_line(socket, "x", "2026-11-29T03:46:58.985618Z", "x"));
        assert!(same_line(socket, "x", "2026-11-29T03:46:58.985619Z", "x"));
        assert!(!same_line(socket, "x", "2026-11-29T03:46:58.985621Z", "x"));
        assert!(!same_line(socket, "x", "2026-11-29T03:46:58.985618Z", "y"));
        assert!(same_line("not a time", "x", "not a time", "x"));
        assert!(!same_line("not a time", "x", "2026-11-29T03:46:58Z", "x"));
    }
}
