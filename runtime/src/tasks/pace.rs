//! How often a task's socket is opened and its task and output are read: never faster than a
//! server that misbehaves can make a loop spin.

use std::time::{Duration, Instant};

/// The first wait before a socket is opened again after one failed or died young; it doubles
/// up to [`MAX_REOPEN`].
const FIRST_REOPEN: Duration = Duration::from_secs(1);
/// The longest wait before a socket is opened again.
pub(crate) const MAX_REOPEN: Duration = Duration::from_secs(30);
/// A socket that lived this long did its job, whatever it told: the next opens at once.
const LONG_LIVED: Duration = Duration::from_secs(10);
/// The first pause between reads of the stored output while socket lines wait to be placed;
/// it doubles up to the poll interval.
const FIRST_ALIGN: Duration = Duration::from_millis(20);

/// The socket's and the reads' schedule for one waiting or following task.
#[derive(Debug)]
pub(crate) struct Pace {
    poll_interval: Duration,
    /// The wait after the next failure of the socket.
    reopen: Duration,
    /// When the socket may be opened again.
    socket_due: Instant,
    /// The pause before the next read that places socket lines.
    align: Duration,
    /// When the stored output (or the task) may be read again.
    read_due: Instant,
}

impl Pace {
    pub(crate) fn new(poll_interval: Duration) -> Self {
        let now = Instant::now();
        Pace {
            poll_interval,
            reopen: FIRST_REOPEN.max(poll_interval),
            socket_due: now,
            align: FIRST_ALIGN,
            read_due: now,
        }
    }

    /// Whether the socket may be opened now.
    pub(crate) fn socket_due(&self) -> bool {
        Instant::now() >= self.socket_due
    }

    /// When the socket may be opened again.
    pub(crate) fn socket_at(&self) -> Instant {
        self.socket_due
    }

    /// The socket could not be opened, or ended: it is opened again at once if it lived long
    /// or was `useful`, else after a wait that doubles with each such failure.
    pub(crate) fn socket_ended(&mut self, lived: Option<Duration>, useful: bool) {
        if useful || lived.is_some_and(|l| l >= LONG_LIVED) {
            self.reopen = FIRST_REOPEN.max(self.poll_interval);
            self.socket_due = Instant::now();
        } else {
            self.socket_due = Instant::now() + self.reopen;
            self.reopen = (self.reopen * 2).min(MAX_REOPEN);
        }
    }

    /// When the next read may happen.
    pub(crate) fn read_at(&self) -> Instant {
        self.read_due
    }

    /// A read happened; the next one not before the poll interval (or, while socket lines
    /// wait to be placed, a pause that starts short and doubles).
    pub(crate) fn read(&mut self, aligning: bool) {
        let pause = if aligning {
            let pause = self.align;
            self.align = (self.align * 2).min(self.poll_interval);
            pause
        } else {
            self.align = FIRST_ALIGN;
            self.poll_interval
        };
        self.read_due = Instant::now() + pause;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_socket_waits_longer_each_time_and_a_useful_one_resets_the_wait() {
        let mut pace = Pace::new(Duration::from_millis(100));
        assert!(pace.socket_due());
        let mut waits = Vec::new();
        for _ in 0..7 {
            pace.socket_ended(Some(Duration::ZERO), false);
            waits.push((pace.socket_at() - Instant::now()).as_secs_f64().round() as u64);
        }
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30]);
        pace.socket_ended(Some(Duration::ZERO), true);
        assert!(pace.socket_due());
        pace.socket_ended(None, false);
        assert!(!pace.socket_due());
    }

    #[test]
    fn reads_wait_for_the_poll_interval_unless_lines_wait_to_be_placed() {
        let mut pace = Pace::new(Duration::from_secs(1));
        pace.read(false);
        assert!(pace.read_at() > Instant::now() + Duration::from_millis(900));
        let pauses: Vec<u64> = (0..8)
            .map(|_| {
                pace.read(true);
                (pace.read_at() - Instant::now()).as_millis().div_ceil(10) as u64 * 10
            })
            .collect();
        assert_eq!(pauses, [20, 40, 80, 160, 320, 640, 1000, 1000]);
    }
}
