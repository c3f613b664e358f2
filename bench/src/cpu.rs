//! The CPU time of the calling thread (user and system), read from the kernel's accounting
//! (`CLOCK_THREAD_CPUTIME_ID`): what one side's calls cost the client, waits excluded.

use std::time::Duration;

pub fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec; the clock id is a constant of the platform.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// Spins for ever at the lowest priority (`SCHED_IDLE`): the thread runs only when nothing
/// else on its core wants to, and keeps the core from going idle.
pub fn spin_when_idle() {
    let param = libc::sched_param { sched_priority: 0 };
    // SAFETY: `param` is a valid sched_param; 0 is the calling thread.
    let status = unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) };
    assert_eq!(status, 0, "sched_setscheduler(SCHED_IDLE) failed");
    loop {
        std::hint::spin_loop();
    }
}
