//! What each role asks of a type, as a trait of its own, so that when a declared type falls
//! short rustc's message names the type and its role (a path placeholder, a `#[query]`, a
//! `#[header]`, the `#[body]`, the answer, the declared result), not a serde trait and the
//! runtime function that needed it.
//!
//! Each trait but [`Output`] is implemented for every type that has the bound it stands for,
//! so it asks nothing more of a type than that bound.

use std::fmt::Display;
use std::future::Future;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Result;

/// A value bound to a `{placeholder}` of the path.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a `{{placeholder}}` of the path: it does not implement `std::fmt::Display`",
    label = "a path argument, formatted with `Display` into one path segment",
    note = "implement `std::fmt::Display` for it, or pass a type that has it (a number, a string)"
)]
pub trait Placeholder: Display {}

impl<T: Display + ?Sized> Placeholder for T {}

/// The value of a `#[query]` argument.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[query]` value: it does not implement `serde::Serialize`",
    label = "a `#[query]` argument, serialized into `key=value`",
    note = "derive `serde::Serialize` for it, or pass a type that has it (a number, a string, an `Option` or a list of them)"
)]
pub trait Query: Serialize {}

impl<T: Serialize + ?Sized> Query for T {}

/// The value of a `#[header("Name")]` argument.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[header]` value: it does not implement `serde::Serialize`",
    label = "a `#[header]` argument, serialized into the header's value",
    note = "derive `serde::Serialize` for it, or pass a type that has it (a number, a string, an `Option` or a list of them)"
)]
pub trait Header: Serialize {}

impl<T: Serialize + ?Sized> Header for T {}

/// The `#[body]` argument.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the `#[body]`: it does not implement `serde::Serialize`",
    label = "the `#[body]`, sent as JSON",
    note = "derive it: `#[derive(serde::Serialize)]`"
)]
pub trait Body: Serialize {}

impl<T: Serialize + ?Sized> Body for T {}

/// `T` of a method's `Result<T>`, decoded from a JSON answer.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the answer: it does not implement `serde::de::DeserializeOwned`",
    label = "the answer, decoded from JSON",
    note = "derive it: `#[derive(serde::Deserialize)]`, on a type that borrows nothing"
)]
pub trait Decodable: DeserializeOwned {}

impl<T: DeserializeOwned> Decodable for T {}

/// A method's declared result: [`crate::Result`] however it is spelt (`std::result::Result<T,
/// semaphore_api::Error>`, an alias), and nothing else.
#[diagnostic::on_unimplemented(
    message = "an endpoint method returns `semaphore_api::Result<T>`, not `{Self}`",
    label = "not `semaphore_api::Result<T>`",
    note = "`Result<MyModel>` decodes JSON, `Result<String>` reads text, `Result<()>` ignores the body, `Result<Redirect>` returns a redirect; `std::result::Result<T, semaphore_api::Error>` and aliases of `semaphore_api::Result` work too"
)]
pub trait Output<T>: Sized {
    /// A call's future, typed as the declared result's: it is the same future.
    fn future<F>(call: F) -> impl Future<Output = Self> + Send
    where
        F: Future<Output = Result<T>> + Send;
}

// `T` is a parameter, not an associated type, so that the call's future names no
// `<Declared as Output>::Ok`: an unmet `Output` is then one error, not one more per use.
// Not recommended: the note above says what is, without pointing into this file.
#[diagnostic::do_not_recommend]
impl<T> Output<T> for Result<T> {
    fn future<F>(call: F) -> impl Future<Output = Self> + Send
    where
        F: Future<Output = Result<T>> + Send,
    {
        call
    }
}
