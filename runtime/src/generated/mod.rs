//! What the code `#[semaphore_api]` writes relies on: the traits that name a declared type's
//! role in rustc's errors (`bounds.rs`), and the containers an answer may be declared in
//! (`shape.rs`). Reached through `__private_v1`.

pub(crate) mod bounds;
pub(crate) mod shape;
