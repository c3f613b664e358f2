//! `#[semaphore_api]` at compile time: every mistake in `fail/` is a compile error whose
//! message is checked in beside it (`fail/*.stderr`). The traits of `pass/`, which must
//! compile and run, are the `pass` test: with no compile-pass case here, trybuild only checks
//! (`cargo check`) and links nothing.
//!
//! The `.stderr` files depend on the compiler version (pinned in `rust-toolchain.toml`).
//! After a deliberate change of a message, refresh them with
//! `TRYBUILD=overwrite cargo test -p semaphore-api-ui-tests` and read the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("fail/*.rs");
}
