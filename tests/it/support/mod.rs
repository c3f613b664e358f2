//! Shared by the integration tests: the property tests' configuration and a capture of the
//! `tracing` output.

use std::sync::{Arc, Mutex};

/// `cases` cases (or `PROPTEST_CASES`), no failure files written: what the property tests share.
pub fn proptest_config(cases: u32) -> proptest::test_runner::Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    proptest::test_runner::Config {
        cases,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    }
}

/// Where a captured trace is written.
#[derive(Clone, Default)]
pub struct Trace(pub Arc<Mutex<Vec<u8>>>);

impl Trace {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    /// The lines holding `needle`.
    pub fn lines_with(&self, needle: &str) -> Vec<String> {
        self.text()
            .lines()
            .filter(|l| l.contains(needle))
            .map(str::to_owned)
            .collect()
    }
}

impl std::io::Write for Trace {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Trace {
    type Writer = Trace;
    fn make_writer(&'a self) -> Trace {
        self.clone()
    }
}

/// Captures this thread's `tracing` output (DEBUG and up, with a line for each span's close
/// that holds its fields) until the guard is dropped. With `#[tokio::test]`'s current-thread
/// runtime, the calls' tasks run on this thread too.
pub fn capture_trace() -> (Trace, tracing::subscriber::DefaultGuard) {
    let trace = Trace::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(trace.clone())
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    (trace, guard)
}
