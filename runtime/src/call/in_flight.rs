//! The limit on a client's calls in flight ([`ClientBuilder::max_in_flight`]): tokio's
//! semaphore, which serves waiting calls first come first served and gives a cancelled
//! call's place to the next. A hand-written lock-free queue measured no faster (BENCHMARKS.md).
//!
//! [`ClientBuilder::max_in_flight`]: crate::ClientBuilder::max_in_flight

use tokio::sync::{Semaphore, SemaphorePermit};

pub(crate) struct InFlight(Semaphore);

/// A taken slot, given back when dropped.
pub(crate) type Slot<'a> = SemaphorePermit<'a>;

impl InFlight {
    /// At most `max` calls at once: at least one, and at most what the semaphore can count
    /// (`usize::MAX` is then no limit in practice).
    pub(crate) fn new(max: usize) -> Self {
        InFlight(Semaphore::new(max.clamp(1, Semaphore::MAX_PERMITS)))
    }

    /// A slot, once the calls that waited before this one have had theirs.
    pub(crate) async fn take(&self) -> Slot<'_> {
        // A free slot needs no wait to be set up. The semaphore gives a returned slot to the
        // first waiting call before it counts it free, so this never overtakes a waiting call.
        if let Ok(slot) = self.0.try_acquire() {
            return slot;
        }
        match self.0.acquire().await {
            Ok(slot) => slot,
            Err(_) => unreachable!("the in-flight semaphore is never closed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::InFlight;

    #[test]
    fn any_limit_is_accepted() {
        assert_eq!(InFlight::new(0).0.available_permits(), 1);
        assert!(InFlight::new(usize::MAX).0.try_acquire().is_ok());
    }

    /// Many tasks on two threads, some cancelled while they wait: never more than the limit
    /// at once, every call ends, and every slot is free afterwards.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn under_contention_the_limit_holds_and_no_slot_is_lost() {
        const MAX: usize = 3;
        let slots = Arc::new(InFlight::new(MAX));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..32)
            .map(|task| {
                let (slots, running, most) = (slots.clone(), running.clone(), most.clone());
                tokio::spawn(async move {
                    for call in 0..200 {
                        let slot = if (task + call) % 5 == 0 {
                            // Gives up after one yield if no slot came by then.
                            tokio::select! {
                                biased;
                                slot = slots.take() => slot,
                                () = tokio::task::yield_now() => continue,
                            }
                        } else {
                            slots.take().await
                        };
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        tokio::task::yield_now().await;
                        running.fetch_sub(1, Ordering::SeqCst);
                        drop(slot);
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        let most = most.load(Ordering::SeqCst);
        assert!(most <= MAX, "{most} at once");
        assert_eq!(
            most, MAX,
            "the calls never filled the slots: the test tests nothing"
        );
        assert_eq!(slots.0.available_permits(), MAX, "a slot was lost");
    }
}
