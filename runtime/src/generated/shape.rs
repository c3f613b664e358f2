//! The containers a declared answer may sit in (`Result<Vec<T>>`, `Result<Option<T>>`, a
//! map of them, ...), as types the macro names: it asks for `T` in a shape, so the only bound
//! rustc checks at the declaration is `T`'s own [`Decodable`], and a `T` that falls short gets
//! that trait's message on `T` itself (a map's key has serde's own bounds, checked on the key). Each shape's decoded type is the container it stands
//! for: `<Vec<Plain> as Shape>::Of<T>` is `std::vec::Vec<T>`.

use std::hash::Hash;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;

use crate::generated::bounds::Decodable;

/// A container around the answer.
pub trait Shape {
    /// The answer `T` in this container.
    type Of<T: Decodable>: DeserializeOwned;
}

/// The answer itself.
pub struct Plain;

impl Shape for Plain {
    type Of<T: Decodable> = T;
}

/// `std::vec::Vec` around `S`.
pub struct Vec<S>(PhantomData<S>);

impl<S: Shape> Shape for Vec<S> {
    type Of<T: Decodable> = std::vec::Vec<S::Of<T>>;
}

/// `std::collections::VecDeque` around `S`.
pub struct VecDeque<S>(PhantomData<S>);

impl<S: Shape> Shape for VecDeque<S> {
    type Of<T: Decodable> = std::collections::VecDeque<S::Of<T>>;
}

/// `std::option::Option` around `S`.
pub struct Option<S>(PhantomData<S>);

impl<S: Shape> Shape for Option<S> {
    type Of<T: Decodable> = std::option::Option<S::Of<T>>;
}

/// `std::boxed::Box` around `S`.
pub struct Box<S>(PhantomData<S>);

impl<S: Shape> Shape for Box<S> {
    type Of<T: Decodable> = std::boxed::Box<S::Of<T>>;
}

/// `std::collections::HashMap` from `K` to `S`.
pub struct HashMap<K, S>(PhantomData<(K, S)>);

impl<K: DeserializeOwned + Eq + Hash, S: Shape> Shape for HashMap<K, S> {
    type Of<T: Decodable> = std::collections::HashMap<K, S::Of<T>>;
}

/// `std::collections::BTreeMap` from `K` to `S`.
pub struct BTreeMap<K, S>(PhantomData<(K, S)>);

impl<K: DeserializeOwned + Ord, S: Shape> Shape for BTreeMap<K, S> {
    type Of<T: Decodable> = std::collections::BTreeMap<K, S::Of<T>>;
}
