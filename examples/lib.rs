//! Runnable examples of semaphore-api live in this folder; this library is empty.
