//! Turns a `#[query]` or `#[header]` argument into zero or more text values.
//!
//! Any `Serialize` type works: scalars give one value, `None` gives none, a `Vec` or slice
//! gives one value per element, a unit enum variant gives its (serde-renamed) name.

use std::fmt::Display;

use serde::ser::{self, Impossible, Serialize};

/// Calls `emit` once per text value of `value`.
pub(crate) fn for_each_value<V, F>(value: &V, emit: F) -> Result<(), String>
where
    V: Serialize + ?Sized,
    F: FnMut(&str) -> Result<(), String>,
{
    value
        .serialize(&mut Values {
            emit,
            in_list: false,
        })
        .map_err(|e| e.0)
}

struct Values<F> {
    emit: F,
    in_list: bool,
}

#[derive(Debug)]
pub(crate) struct ValueError(String);

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ValueError {}

impl ser::Error for ValueError {
    fn custom<T: Display>(msg: T) -> Self {
        ValueError(msg.to_string())
    }
}

fn unsupported(what: &str) -> ValueError {
    ValueError(format!(
        "{what} cannot be sent as text; use a scalar, an enum of unit variants, an Option or a list of those"
    ))
}

impl<F: FnMut(&str) -> Result<(), String>> Values<F> {
    fn text(&mut self, s: &str) -> Result<(), ValueError> {
        (self.emit)(s).map_err(ValueError)
    }
}

macro_rules! integers {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<(), ValueError> {
            self.text(itoa::Buffer::new().format(v))
        }
    )*};
}

impl<F: FnMut(&str) -> Result<(), String>> ser::Serializer for &mut Values<F> {
    type Ok = ();
    type Error = ValueError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Impossible<(), ValueError>;
    type SerializeTupleVariant = Impossible<(), ValueError>;
    type SerializeMap = Impossible<(), ValueError>;
    type SerializeStruct = Impossible<(), ValueError>;
    type SerializeStructVariant = Impossible<(), ValueError>;

    integers!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128
    );

    fn serialize_bool(self, v: bool) -> Result<(), ValueError> {
        self.text(if v { "true" } else { "false" })
    }
    fn serialize_f32(self, v: f32) -> Result<(), ValueError> {
        self.text(&v.to_string())
    }
    fn serialize_f64(self, v: f64) -> Result<(), ValueError> {
        self.text(&v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<(), ValueError> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), ValueError> {
        self.text(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), ValueError> {
        Err(unsupported("a byte array"))
    }
    fn serialize_none(self) -> Result<(), ValueError> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), ValueError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), ValueError> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), ValueError> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), ValueError> {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), ValueError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), ValueError> {
        Err(unsupported("an enum variant with data"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, ValueError> {
        if self.in_list {
            return Err(unsupported("a list of lists"));
        }
        self.in_list = true;
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, ValueError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, ValueError> {
        Err(unsupported("a tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, ValueError> {
        Err(unsupported("an enum variant with data"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, ValueError> {
        Err(unsupported("a map"))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, ValueError> {
        Err(unsupported("a struct"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, ValueError> {
        Err(unsupported("an enum variant with data"))
    }
}

impl<F: FnMut(&str) -> Result<(), String>> ser::SerializeSeq for &mut Values<F> {
    type Ok = ();
    type Error = ValueError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ValueError> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), ValueError> {
        self.in_list = false;
        Ok(())
    }
}

impl<F: FnMut(&str) -> Result<(), String>> ser::SerializeTuple for &mut Values<F> {
    type Ok = ();
    type Error = ValueError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ValueError> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), ValueError> {
        self.in_list = false;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values<V: Serialize + ?Sized>(v: &V) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        for_each_value(v, |s| {
            out.push(s.to_owned());
            Ok(())
        })?;
        Ok(out)
    }

    #[derive(serde::Serialize)]
    #[serde(rename_all = "lowercase")]
    enum Order {
        Asc,
    }

    #[test]
    fn scalars_options_lists_and_enums() {
        assert_eq!(values(&42u8).unwrap(), ["42"]);
        assert_eq!(values(&-7i64).unwrap(), ["-7"]);
        assert_eq!(values("a&b").unwrap(), ["a&b"]);
        assert_eq!(values(&true).unwrap(), ["true"]);
        assert_eq!(values(&None::<u32>).unwrap(), Vec::<String>::new());
        assert_eq!(values(&Some("x")).unwrap(), ["x"]);
        assert_eq!(values(&vec![1, 2, 3]).unwrap(), ["1", "2", "3"]);
        assert_eq!(values(&[Some(1), None][..]).unwrap(), ["1"]);
        assert_eq!(values(&Order::Asc).unwrap(), ["asc"]);
        assert_eq!(values(&1.5f64).unwrap(), ["1.5"]);
    }

    #[test]
    fn nested_lists_and_structs_are_refused() {
        assert!(
            values(&vec![vec![1]])
                .unwrap_err()
                .contains("list of lists")
        );
        let map: std::collections::BTreeMap<u8, u8> = [(1, 2)].into();
        assert!(values(&map).unwrap_err().contains("a map"));
    }
}
