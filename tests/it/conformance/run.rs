//! The bookkeeping of one conformance run: which operations were called, which succeeded, and
//! every check that failed, kept going so that one run reports every mismatch it can reach.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::future::Future;

use crate::real_server::{self, Exchange};
use semaphore_api::Client;

use super::recorder::Recorder;

/// A call of a declared operation, named by the client method that makes it (`call!`).
pub struct Named<F> {
    pub operation: &'static str,
    pub call: F,
}

/// Names a call by the client method that makes it, whose name is its operation's:
/// `run.ok(call!(client.users_get()))`. The client is a variable or a field of one.
macro_rules! call {
    ($client:ident . $operation:ident ( $($arg:tt)* )) => {
        $crate::conformance::run::Named {
            operation: stringify!($operation),
            call: $client.$operation($($arg)*),
        }
    };
    ($owner:ident . $client:ident . $operation:ident ( $($arg:tt)* )) => {
        $crate::conformance::run::Named {
            operation: stringify!($operation),
            call: $owner.$client.$operation($($arg)*),
        }
    };
}
pub(crate) use call;

/// A failure that stops the scenario (a resource that later steps need was not created).
#[derive(Debug)]
pub struct Stop(pub String);

pub type Step<T = ()> = Result<T, Stop>;

pub struct Run {
    pub client: Client,
    pub recorder: Recorder,
    /// Operation name -> (calls, successful calls).
    pub calls: BTreeMap<&'static str, (u32, u32)>,
    pub failures: Vec<String>,
    /// Known server faults met (not failures of the client).
    pub faults: Vec<String>,
    declared: BTreeSet<&'static str>,
    /// The exchanges of the runs taken in ([`Run::absorb`]).
    extra_exchanges: Vec<Exchange>,
}

impl Run {
    pub fn new(client: Client, recorder: Recorder, declared: BTreeSet<&'static str>) -> Run {
        Run {
            client,
            recorder,
            calls: BTreeMap::new(),
            failures: Vec::new(),
            faults: Vec::new(),
            declared,
            extra_exchanges: Vec::new(),
        }
    }

    /// Calls an operation that must succeed; checks what the server sent against the model.
    pub async fn ok<T>(
        &mut self,
        Named { operation, call }: Named<impl Future<Output = semaphore_api::Result<T>>>,
    ) -> Step<T> {
        assert!(
            self.declared.contains(operation),
            "{operation} is not a declared operation"
        );
        self.recorder.operation(operation);
        let before = self.recorder.exchanges().len();
        let result = call.await;
        let entry = self.calls.entry(operation).or_default();
        entry.0 += 1;
        match result {
            Ok(value) => {
                entry.1 += 1;
                for exchange in &self.recorder.exchanges()[before..] {
                    self.check_model(exchange);
                }
                Ok(value)
            }
            Err(e) => {
                let exchange = self.recorder.exchanges().get(before).cloned();
                let message = format!(
                    "{operation}: {e} (sent {:?}, answer {:?})",
                    exchange.as_ref().map(|x| &x.request),
                    exchange.as_ref().map(|x| (x.status, &x.body))
                );
                self.failures.push(message.clone());
                Err(Stop(message))
            }
        }
    }

    /// Takes in another run's calls, failures, faults and exchanges (a second server's).
    pub fn absorb(&mut self, other: Run) {
        for (name, (calls, ok)) in other.calls {
            let entry = self.calls.entry(name).or_default();
            entry.0 += calls;
            entry.1 += ok;
        }
        self.failures.extend(other.failures);
        self.faults.extend(other.faults);
        self.extra_exchanges.extend(other.recorder.exchanges());
    }

    /// Every exchange: this run's, then those of the runs it took in.
    pub fn exchanges(&self) -> Vec<Exchange> {
        let mut all = self.recorder.exchanges();
        all.extend(self.extra_exchanges.iter().cloned());
        all
    }

    /// Runs a resource-layer call, which makes several calls: each counts for the operation
    /// it is (the recorder labels them by their routes), and each answer is checked against
    /// its model.
    pub async fn verb<T>(
        &mut self,
        what: &str,
        call: impl Future<Output = semaphore_api::Result<T>>,
    ) -> Step<T> {
        self.recorder.operation("");
        let before = self.recorder.exchanges().len();
        let result = call.await;
        let exchanges = self.recorder.exchanges()[before..].to_vec();
        for exchange in &exchanges {
            let Some(&name) = self.declared.get(exchange.operation.as_str()) else {
                continue;
            };
            let entry = self.calls.entry(name).or_default();
            entry.0 += 1;
            if (200..400).contains(&exchange.status) {
                entry.1 += 1;
                self.check_model(exchange);
            }
        }
        result.map_err(|e| {
            let message = format!("{what}: {e}");
            self.failures.push(message.clone());
            Stop(message)
        })
    }

    /// Calls an operation that a known server fault may fail with one of `statuses`: `None`
    /// (and a note) when it does, the answer when it does not.
    pub async fn ok_or_server_fault<T>(
        &mut self,
        statuses: &[u16],
        Named { operation, call }: Named<impl Future<Output = semaphore_api::Result<T>>>,
    ) -> Step<Option<T>> {
        self.recorder.operation(operation);
        let before = self.recorder.exchanges().len();
        match call.await {
            Err(e) if e.status().is_some_and(|s| statuses.contains(&s.as_u16())) => {
                let path = self
                    .recorder
                    .exchanges()
                    .get(before)
                    .map(|x| x.path.clone());
                self.faults.push(format!("{operation} {path:?}: {e}"));
                Ok(None)
            }
            Err(e) => {
                self.failures.push(format!("{operation}: {e}"));
                Err(Stop(e.to_string()))
            }
            Ok(value) => {
                let entry = self.calls.entry(operation).or_default();
                entry.0 += 1;
                entry.1 += 1;
                for exchange in &self.recorder.exchanges()[before..] {
                    self.check_model(exchange);
                }
                Ok(Some(value))
            }
        }
    }

    /// Calls an operation that must fail with `status` (an object that is gone, a bad input).
    pub async fn fails<T: Debug>(
        &mut self,
        expected: &[u16],
        Named { operation, call }: Named<impl Future<Output = semaphore_api::Result<T>>>,
    ) {
        self.recorder.operation(operation);
        match call.await {
            Err(e) if e.status().is_some_and(|s| expected.contains(&s.as_u16())) => {}
            other => self.failures.push(format!(
                "{operation}: expected a status in {expected:?}, got {other:?}"
            )),
        }
    }

    /// Counts a call of `operation` that behaved as the server's version says it must (an
    /// operation newer than the server, refused as such).
    pub fn count_as_expected(&mut self, operation: &'static str) {
        let entry = self.calls.entry(operation).or_default();
        entry.0 += 1;
        entry.1 += 1;
    }

    /// Records a failed check that does not stop the scenario.
    pub fn check(&mut self, holds: bool, what: impl FnOnce() -> String) {
        if !holds {
            self.failures.push(what());
        }
    }

    /// Checks that two values are equal, naming what they are.
    pub fn same<T: PartialEq + Debug>(&mut self, what: &str, got: T, want: T) {
        if got != want {
            self.failures
                .push(format!("{what}: got {got:?}, expected {want:?}"));
        }
    }

    fn check_model(&mut self, exchange: &Exchange) {
        if let Err(problem) = real_server::check_exchange(exchange) {
            self.failures.push(problem);
        }
    }
}
