//! An in-process stand-in for a Semaphore server (work in progress).
