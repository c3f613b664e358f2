//! `#[semaphore_api]` at compile time: every mistake in `fail/` is a compile error whose
//! message is checked in beside it (`fail/*.stderr`); every trait in `pass/` compiles and runs.
//!
//! The `.stderr` files depend on the compiler version (pinned in `rust-toolchain.toml`).
//! After a deliberate change of a message, refresh them with
//! `TRYBUILD=overwrite cargo test -p semaphore-api-ui-tests` and read the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("fail/*.rs");
    cases.pass("pass/*.rs");
}
