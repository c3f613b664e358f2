//! The limit on a client's calls in flight ([`ClientBuilder::max_in_flight`]).
//!
//! While no call waits, a call takes its slot and gives it back with one compare-and-swap
//! each. Once the limit is reached, calls queue, first come first served, behind a lock, and
//! a finishing call hands its slot to the oldest one still waiting. tokio's `Semaphore`
//! keeps the same order but takes its lock on every release, which a small call felt
//! (BENCHMARKS.md, issue 14).
//!
//! [`ClientBuilder::max_in_flight`]: crate::ClientBuilder::max_in_flight

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use tokio::sync::oneshot;

/// Set in the state while calls wait: slots are then given back through the queue. The top
/// bit, so that a state with it set is never below the limit: no slot is taken past a waiter.
const WAITING: usize = 1 << (usize::BITS - 1);
/// The rest of the state: how many slots are taken.
const TAKEN: usize = !WAITING;

pub(crate) struct InFlight {
    /// How many slots are taken, and [`WAITING`].
    state: AtomicUsize,
    max: usize,
    /// The waiting calls, oldest first. A slot is handed over by a send; a sender whose call
    /// stopped waiting fails and is passed over. The bit is only set or cleared under this lock.
    queue: Mutex<VecDeque<oneshot::Sender<()>>>,
}

/// A taken slot, given back when dropped.
pub(crate) struct Slot<'a>(&'a InFlight);

impl InFlight {
    /// At most `max` calls at once: at least one, and at most what the state can count.
    pub(crate) fn new(max: usize) -> Self {
        InFlight {
            state: AtomicUsize::new(0),
            max: max.clamp(1, TAKEN),
            queue: Mutex::new(VecDeque::new()),
        }
    }

    /// A free slot, unless none is free or calls wait for one (a newcomer never passes them).
    pub(crate) fn try_take(&self) -> Option<Slot<'_>> {
        let mut state = self.state.load(Ordering::Relaxed);
        while state < self.max {
            match self.state.compare_exchange_weak(
                state,
                state + 1,
                Ordering::Acquire,
                Ordering::Relaxed,
            ) {
                Ok(_) => return Some(Slot(self)),
                Err(now) => state = now,
            }
        }
        None
    }

    /// A slot, once the calls that waited before this one have had theirs.
    pub(crate) async fn take(&self) -> Slot<'_> {
        loop {
            let receiver = match self.join_queue() {
                Ok(slot) => return slot,
                Err(receiver) => receiver,
            };
            let mut waiting = Waiting {
                slots: self,
                receiver,
                done: false,
            };
            let handed_over = (&mut waiting.receiver).await.is_ok();
            waiting.done = true;
            if handed_over {
                return Slot(self);
            }
            // A sender dropped unsent, which the queue never does while `self` lives: queue
            // again rather than run without a slot.
        }
    }

    /// Under the lock: a slot if one is free and no call waits; else a place in the queue.
    fn join_queue(&self) -> Result<Slot<'_>, oneshot::Receiver<()>> {
        let mut queue = self.lock();
        let mut state = self.state.load(Ordering::Relaxed);
        loop {
            let next = if state < self.max {
                state + 1
            } else {
                // The bit sends every give-back through the queue until it is empty.
                state | WAITING
            };
            match self
                .state
                .compare_exchange(state, next, Ordering::Acquire, Ordering::Relaxed)
            {
                Ok(_) if next & WAITING == 0 => return Ok(Slot(self)),
                Ok(_) => break,
                Err(now) => state = now,
            }
        }
        let (sender, receiver) = oneshot::channel();
        queue.push_back(sender);
        Err(receiver)
    }
    fn give_back(&self) {
        let mut state = self.state.load(Ordering::Relaxed);
        while state & WAITING == 0 {
            match self.state.compare_exchange_weak(
                state,
                state - 1,
                Ordering::Release,
                Ordering::Relaxed,
            ) {
                Ok(_) => return,
                Err(now) => state = now,
            }
        }
        self.hand_over();
    }

    /// Gives a slot to the oldest call still waiting, or frees it if none is left.
    fn hand_over(&self) {
        let mut queue = self.lock();
        while let Some(waiter) = queue.pop_front() {
            if waiter.send(()).is_ok() {
                // Handed over: the slot stays taken, by the waiter now.
                if queue.is_empty() {
                    self.state.fetch_and(TAKEN, Ordering::Release);
                }
                return;
            }
        }
        // Every call that waited has stopped waiting: the slot is free, and nobody waits.
        self.state.fetch_sub(WAITING + 1, Ordering::Release);
    }

    fn lock(&self) -> MutexGuard<'_, VecDeque<oneshot::Sender<()>>> {
        // Nothing panics while the lock is held; if something did, the queue is still whole.
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.0.give_back();
    }
}

/// A call in the queue. Dropped while waiting (the call was cancelled), it closes its
/// receiver, so that no slot is handed to it afterwards, and gives back one handed over before.
struct Waiting<'a> {
    slots: &'a InFlight,
    receiver: oneshot::Receiver<()>,
    /// The wait is over: whatever came is the caller's.
    done: bool,
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        self.receiver.close();
        if self.receiver.try_recv().is_ok() {
            drop(Slot(self.slots));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::future::Future;
    use std::pin::{Pin, pin};
    use std::sync::Arc;
    use std::task::{Context, Poll, Waker};

    use super::*;

    fn poll<F: Future>(future: Pin<&mut F>) -> Poll<F::Output> {
        future.poll(&mut Context::from_waker(Waker::noop()))
    }

    fn taken(slots: &InFlight) -> usize {
        slots.state.load(Ordering::Relaxed) & TAKEN
    }

    /// The slot a waiting call got by now; `no_slot` says what went wrong if it got none.
    fn slot<'a, F: Future<Output = Slot<'a>>>(future: Pin<&mut F>, no_slot: &str) -> Slot<'a> {
        match poll(future) {
            Poll::Ready(slot) => slot,
            Poll::Pending => panic!("{no_slot}"),
        }
    }

    /// Nothing taken, nobody waiting.
    fn idle(slots: &InFlight) -> bool {
        slots.state.load(Ordering::Relaxed) == 0
    }

    #[test]
    fn at_most_max_slots_are_taken_and_a_given_back_one_is_free_again() {
        let slots = InFlight::new(2);
        let a = slots.try_take().expect("a first slot");
        let b = slots.try_take().expect("a second slot");
        assert!(slots.try_take().is_none());
        drop(a);
        let c = slots.try_take().expect("the slot given back");
        assert!(slots.try_take().is_none());
        drop((b, c));
        assert!(idle(&slots));
    }

    #[test]
    fn waiting_calls_are_served_in_order_and_no_newcomer_passes_them() {
        let slots = InFlight::new(1);
        let holder = slots.try_take().unwrap();
        let mut first = pin!(slots.take());
        let mut second = pin!(slots.take());
        assert!(poll(first.as_mut()).is_pending());
        assert!(poll(second.as_mut()).is_pending());

        drop(holder);
        assert_ne!(
            slots.state.load(Ordering::Relaxed) & WAITING,
            0,
            "the second waits"
        );
        assert!(
            poll(second.as_mut()).is_pending(),
            "the second passed the first"
        );
        let first_slot = slot(first.as_mut(), "the first waiting call got no slot");
        assert!(
            slots.try_take().is_none(),
            "a newcomer passed a waiting call"
        );
        let mut third = pin!(slots.take());
        assert!(poll(third.as_mut()).is_pending());

        drop(first_slot);
        assert!(
            poll(third.as_mut()).is_pending(),
            "the third passed the second"
        );
        let second_slot = slot(second.as_mut(), "the second waiting call got no slot");
        drop(second_slot);
        // Nobody waits now: give-backs take the fast path again.
        assert_eq!(slots.state.load(Ordering::Relaxed), 1);
        let third_slot = slot(third.as_mut(), "the third waiting call got no slot");
        drop(third_slot);
        assert!(idle(&slots));
        assert!(slots.try_take().is_some());
    }

    #[test]
    fn a_call_cancelled_while_it_waits_takes_no_slot() {
        let slots = InFlight::new(1);
        let holder = slots.try_take().unwrap();
        {
            let mut gone = pin!(slots.take());
            assert!(poll(gone.as_mut()).is_pending());
        }
        drop(holder);
        assert!(idle(&slots));
        assert!(slots.try_take().is_some());
    }

    #[test]
    fn a_call_cancelled_after_a_slot_was_handed_to_it_gives_the_slot_back() {
        let slots = InFlight::new(1);
        let holder = slots.try_take().unwrap();
        {
            let mut gone = pin!(slots.take());
            assert!(poll(gone.as_mut()).is_pending());
            drop(holder); // hands the slot to `gone`, which never sees it
            assert_eq!(taken(&slots), 1);
        }
        assert!(idle(&slots));
        assert!(slots.try_take().is_some());
    }

    #[test]
    fn a_slot_handed_over_to_a_cancelled_call_goes_on_to_the_next_one() {
        let slots = InFlight::new(1);
        let holder = slots.try_take().unwrap();
        let mut next = pin!(slots.take());
        {
            let mut gone = pin!(slots.take());
            assert!(poll(gone.as_mut()).is_pending());
            assert!(poll(next.as_mut()).is_pending());
            drop(holder);
        }
        let slot = slot(next.as_mut(), "the slot stopped at the cancelled call");
        drop(slot);
        assert!(idle(&slots));
    }

    #[test]
    fn any_limit_is_accepted() {
        assert_eq!(InFlight::new(0).max, 1);
        assert_eq!(InFlight::new(usize::MAX).max, TAKEN);
        assert!(InFlight::new(usize::MAX).try_take().is_some());
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
                            match slots.try_take() {
                                Some(slot) => slot,
                                None => slots.take().await,
                            }
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
        assert!(idle(&slots), "a slot was lost");
        let all: Vec<_> = (0..MAX).filter_map(|_| slots.try_take()).collect();
        assert_eq!(all.len(), MAX);
    }
}
