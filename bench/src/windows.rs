//! `--windows PATH`: every call at concurrency 1 as a line `START END SIDE` (nanoseconds of
//! `CLOCK_MONOTONIC`; side 0 is the generated client, 1 the hand-written code), so that the
//! samples of `perf record -k mono` can be given to the side whose call was running
//! (`bench/perf_windows.py`).

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

static ON: AtomicBool = AtomicBool::new(false);
static WINDOWS: Mutex<Vec<(u64, u64, u8)>> = Mutex::new(Vec::new());

pub fn enable() {
    ON.store(true, Ordering::Relaxed);
}

/// The start of a call's window, when windows are recorded.
pub fn start() -> Option<u64> {
    ON.load(Ordering::Relaxed).then(now)
}

/// The window of a call of `side` that started at `start`.
pub fn record(start: Option<u64>, side: usize) {
    if let Some(start) = start {
        let end = now();
        WINDOWS
            .lock()
            .expect("windows")
            .push((start, end, side as u8));
    }
}

pub fn save(path: &str) {
    let windows = WINDOWS.lock().expect("windows");
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).expect("--windows file"));
    for (start, end, side) in windows.iter() {
        writeln!(file, "{start} {end} {side}").expect("--windows file");
    }
}

fn now() -> u64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec; the clock id is a constant of the platform.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut now) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_MONOTONIC) failed");
    now.tv_sec as u64 * 1_000_000_000 + now.tv_nsec as u64
}
