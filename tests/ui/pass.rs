//! `#[semaphore_api]` traits that must compile and run: each file of `pass/` is a program of
//! its own (`main`), compiled here as a module and run as a test.
//!
//! Not under trybuild with the compile-fail cases: a compile-pass case makes trybuild build
//! and link every case against its own copy of the dependencies, where the compile-fail cases
//! need them only checked.

#[path = "pass/answer_containers.rs"]
mod answer_containers;
#[path = "pass/crate_option.rs"]
mod crate_option;
#[path = "pass/every_parameter_kind.rs"]
mod every_parameter_kind;
#[path = "pass/hand_written_double.rs"]
mod hand_written_double;
#[path = "pass/raw_identifiers_and_generics.rs"]
mod raw_identifiers_and_generics;
#[path = "pass/result_spellings.rs"]
mod result_spellings;

#[test]
fn answers_in_containers_and_text() {
    answer_containers::main();
}

#[test]
fn crate_option_names_a_re_exported_runtime() {
    crate_option::main();
}

#[test]
fn every_parameter_kind_together() {
    every_parameter_kind::main();
}

#[test]
fn a_hand_written_double_implements_the_trait() {
    hand_written_double::main();
}

#[test]
fn raw_identifiers_and_generic_methods() {
    raw_identifiers_and_generics::main();
}

#[test]
fn result_however_it_is_spelt() {
    result_spellings::main();
}
