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
    /// When the server wrote it (RFC 3339, as the server sent it).
    pub time: String,
    /// The line, without its newline (Ansible's colours included).
    pub output: String,
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
    use super::same_line;

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
