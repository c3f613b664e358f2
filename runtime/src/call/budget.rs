//! Decoding with a memory budget: `[{},{},...]` is 3 bytes an element on the wire and the
//! whole size of the element type in memory, so a body under the size limit could still grow
//! the heap by far more than the limit.
//!
//! [`from_slice`] wraps serde_json's deserializer and charges, as the value is built, the
//! in-memory size of every list element and map entry and the length of every string and
//! byte string; past the budget, decoding stops with an error.

use std::cell::Cell;
use std::fmt;
use std::mem::size_of;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

/// Why decoding failed.
pub(crate) enum Failure {
    /// The value would take more memory than the budget.
    OverBudget,
    /// The body does not decode into the type.
    Json(serde_json::Error),
}

/// Decodes `body` as `T`, charging what the value takes against `budget` bytes.
pub(crate) fn from_slice<T: DeserializeOwned>(body: &[u8], budget: usize) -> Result<T, Failure> {
    match std::str::from_utf8(body) {
        // Checked whole, at once: serde_json then reads each string without checking it again.
        Ok(text) => decode(serde_json::Deserializer::from_str(text), budget),
        // serde_json's byte reader says where the text breaks, as it always did (or decodes it,
        // when the broken bytes are in a value it skips).
        Err(_) => decode(serde_json::Deserializer::from_slice(body), budget),
    }
}

fn decode<'de, R, T>(mut de: serde_json::Deserializer<R>, budget: usize) -> Result<T, Failure>
where
    R: serde_json::de::Read<'de>,
    T: DeserializeOwned,
{
    let budget = Budget {
        left: Cell::new(budget),
        exceeded: Cell::new(false),
    };
    let value = T::deserialize(De {
        de: &mut de,
        budget: &budget,
    });
    match value.and_then(|value| de.end().map(|()| value)) {
        Ok(value) => Ok(value),
        Err(_) if budget.exceeded.get() => Err(Failure::OverBudget),
        Err(e) => Err(Failure::Json(e)),
    }
}

struct Budget {
    left: Cell<usize>,
    exceeded: Cell<bool>,
}

impl Budget {
    fn charge<E: de::Error>(&self, bytes: usize) -> Result<(), E> {
        match self.left.get().checked_sub(bytes) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => {
                self.exceeded.set(true);
                Err(E::custom("the decoded value is over the memory budget"))
            }
        }
    }
}

struct De<'b, D> {
    de: D,
    budget: &'b Budget,
}

/// `INLINE`: a struct or tuple, whose fields live inside the value already charged for it.
/// A parameter, not a field, so that the field wrappers compile to nothing.
struct Vis<'b, V, const INLINE: bool> {
    visitor: V,
    budget: &'b Budget,
}

struct Seed<'b, S> {
    seed: S,
    budget: &'b Budget,
}

/// `CHARGE`: whether elements and entries are charged (not for the fields of a struct).
struct Access<'b, A, const CHARGE: bool> {
    access: A,
    budget: &'b Budget,
}

impl<'b, V> Vis<'b, V, false> {
    #[inline(always)]
    fn new(visitor: V, budget: &'b Budget) -> Self {
        Vis { visitor, budget }
    }
}

impl<'b, V> Vis<'b, V, true> {
    #[inline(always)]
    fn inline(visitor: V, budget: &'b Budget) -> Self {
        Vis { visitor, budget }
    }
}

macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*) $new:ident;)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.de.$method($($arg,)* Vis::$new(visitor, self.budget))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for De<'_, D> {
    type Error = D::Error;

    forward_deserialize! {
        deserialize_any() new;
        deserialize_bool() new;
        deserialize_i8() new;
        deserialize_i16() new;
        deserialize_i32() new;
        deserialize_i64() new;
        deserialize_i128() new;
        deserialize_u8() new;
        deserialize_u16() new;
        deserialize_u32() new;
        deserialize_u64() new;
        deserialize_u128() new;
        deserialize_f32() new;
        deserialize_f64() new;
        deserialize_char() new;
        deserialize_str() new;
        deserialize_string() new;
        deserialize_bytes() new;
        deserialize_byte_buf() new;
        deserialize_option() new;
        deserialize_unit() new;
        deserialize_unit_struct(name: &'static str) new;
        deserialize_newtype_struct(name: &'static str) new;
        deserialize_seq() new;
        deserialize_tuple(len: usize) inline;
        deserialize_tuple_struct(name: &'static str, len: usize) inline;
        deserialize_map() new;
        deserialize_struct(name: &'static str, fields: &'static [&'static str]) inline;
        deserialize_enum(name: &'static str, variants: &'static [&'static str]) new;
    }

    // A field or variant name is matched, not kept: nothing to charge.
    #[inline(always)]
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.de.deserialize_identifier(visitor)
    }

    #[inline(always)]
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.de.deserialize_ignored_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.visitor.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>, const INLINE: bool> Visitor<'de> for Vis<'_, V, INLINE> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    forward_visit!(
        visit_bool: bool, visit_i8: i8, visit_i16: i16, visit_i32: i32, visit_i64: i64,
        visit_i128: i128, visit_u8: u8, visit_u16: u16, visit_u32: u32, visit_u64: u64,
        visit_u128: u128, visit_f32: f32, visit_f64: f64, visit_char: char
    );

    #[inline(always)]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.budget.charge(v.len())?;
        self.visitor.visit_str(v)
    }

    #[inline(always)]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.budget.charge(v.len())?;
        self.visitor.visit_borrowed_str(v)
    }

    #[inline(always)]
    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.budget.charge(v.len())?;
        self.visitor.visit_string(v)
    }

    #[inline(always)]
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<V::Value, E> {
        self.budget.charge(v.len())?;
        self.visitor.visit_bytes(v)
    }

    #[inline(always)]
    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<V::Value, E> {
        self.budget.charge(v.len())?;
        self.visitor.visit_borrowed_bytes(v)
    }

    #[inline(always)]
    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<V::Value, E> {
        self.budget.charge(v.len())?;
        self.visitor.visit_byte_buf(v)
    }

    #[inline(always)]
    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }

    #[inline(always)]
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }

    #[inline(always)]
    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        let budget = self.budget;
        self.visitor.visit_some(De { de, budget })
    }

    #[inline(always)]
    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        let budget = self.budget;
        self.visitor.visit_newtype_struct(De { de, budget })
    }

    #[inline(always)]
    fn visit_seq<A: SeqAccess<'de>>(self, access: A) -> Result<V::Value, A::Error> {
        let budget = self.budget;
        if INLINE {
            self.visitor
                .visit_seq(Access::<A, false> { access, budget })
        } else {
            self.visitor.visit_seq(Access::<A, true> { access, budget })
        }
    }

    #[inline(always)]
    fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<V::Value, A::Error> {
        let budget = self.budget;
        if INLINE {
            self.visitor
                .visit_map(Access::<A, false> { access, budget })
        } else {
            self.visitor.visit_map(Access::<A, true> { access, budget })
        }
    }

    #[inline(always)]
    fn visit_enum<A: EnumAccess<'de>>(self, access: A) -> Result<V::Value, A::Error> {
        let budget = self.budget;
        self.visitor
            .visit_enum(Access::<A, false> { access, budget })
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, S> {
    type Value = S::Value;

    #[inline(always)]
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        let budget = self.budget;
        self.seed.deserialize(De { de, budget })
    }
}

impl<'b> Budget {
    #[inline(always)]
    fn seed<S>(&'b self, seed: S) -> Seed<'b, S> {
        Seed { seed, budget: self }
    }
}

impl<'de, A: SeqAccess<'de>, const CHARGE: bool> SeqAccess<'de> for Access<'_, A, CHARGE> {
    type Error = A::Error;

    #[inline(always)]
    fn next_element<T: de::Deserialize<'de>>(&mut self) -> Result<Option<T>, A::Error> {
        self.next_element_seed(std::marker::PhantomData)
    }

    #[inline(always)]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        let element = self.access.next_element_seed(self.budget.seed(seed))?;
        if CHARGE && element.is_some() {
            self.budget.charge(size_of::<T::Value>())?;
        }
        Ok(element)
    }

    fn size_hint(&self) -> Option<usize> {
        self.access.size_hint()
    }
}

impl<'de, A: MapAccess<'de>, const CHARGE: bool> MapAccess<'de> for Access<'_, A, CHARGE> {
    type Error = A::Error;

    #[inline(always)]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let key = self.access.next_key_seed(self.budget.seed(seed))?;
        if CHARGE && key.is_some() {
            self.budget.charge(size_of::<K::Value>())?;
        }
        Ok(key)
    }

    // The provided methods, spelt out so that they inline like the rest of this layer.
    #[inline(always)]
    fn next_key<K: de::Deserialize<'de>>(&mut self) -> Result<Option<K>, A::Error> {
        self.next_key_seed(std::marker::PhantomData)
    }

    #[inline(always)]
    fn next_value<V: de::Deserialize<'de>>(&mut self) -> Result<V, A::Error> {
        self.next_value_seed(std::marker::PhantomData)
    }

    #[inline(always)]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        let value = self.access.next_value_seed(self.budget.seed(seed))?;
        if CHARGE {
            self.budget.charge(size_of::<V::Value>())?;
        }
        Ok(value)
    }

    fn size_hint(&self) -> Option<usize> {
        self.access.size_hint()
    }
}

impl<'de, 'b, A: EnumAccess<'de>> EnumAccess<'de> for Access<'b, A, false> {
    type Error = A::Error;
    type Variant = Access<'b, A::Variant, false>;

    #[inline(always)]
    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), A::Error> {
        let budget = self.budget;
        let (value, access) = self.access.variant_seed(seed)?;
        Ok((value, Access { access, budget }))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Access<'_, A, false> {
    type Error = A::Error;

    #[inline(always)]
    fn unit_variant(self) -> Result<(), A::Error> {
        self.access.unit_variant()
    }

    #[inline(always)]
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.access.newtype_variant_seed(self.budget.seed(seed))
    }

    #[inline(always)]
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.access
            .tuple_variant(len, Vis::inline(visitor, self.budget))
    }

    #[inline(always)]
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.access
            .struct_variant(fields, Vis::inline(visitor, self.budget))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[derive(serde::Deserialize, Debug, PartialEq, Default)]
    #[serde(default)]
    struct Wide {
        a: Option<String>,
        b: Option<String>,
        c: Vec<u64>,
        d: HashMap<String, String>,
        e: Option<Box<Wide>>,
    }

    fn decode<T: DeserializeOwned>(body: &str, budget: usize) -> Result<T, String> {
        from_slice(body.as_bytes(), budget).map_err(|f| match f {
            Failure::OverBudget => "over budget".to_owned(),
            Failure::Json(e) => e.to_string(),
        })
    }

    #[test]
    fn decodes_like_serde_json_within_the_budget() {
        let body = r#"[{"a":"x","c":[1,2],"d":{"k":"v"},"e":{"b":"y"}},{}]"#;
        let expected: Vec<Wide> = serde_json::from_str(body).unwrap();
        assert_eq!(decode::<Vec<Wide>>(body, 1 << 20).unwrap(), expected);
        assert_eq!(
            decode::<Vec<Wide>>("[1]", 1 << 20).unwrap_err(),
            serde_json::from_str::<Vec<Wide>>("[1]")
                .unwrap_err()
                .to_string()
        );
        assert!(decode::<Vec<u8>>("[1] x", 1 << 20).is_err());
        #[derive(serde::Deserialize, Debug, PartialEq)]
        enum E {
            A,
            B(u8),
            C { x: String },
            D(u8, u8),
        }
        let body = r#"["A",{"B":1},{"C":{"x":"y"}},{"D":[1,2]}]"#;
        let expected: Vec<E> = serde_json::from_str(body).unwrap();
        assert_eq!(decode::<Vec<E>>(body, 1 << 20).unwrap(), expected);
    }

    #[test]
    fn bodies_that_are_not_utf8_decode_as_serde_json_reads_bytes() {
        let decode_bytes = |body: &[u8]| {
            from_slice::<Wide>(body, 1 << 20).map_err(|f| match f {
                Failure::OverBudget => "over budget".to_owned(),
                Failure::Json(e) => e.to_string(),
            })
        };
        // Broken bytes in a value that is skipped: decoded, as serde_json's byte reader does.
        let skipped = b"{\"a\":\"x\",\"unknown\":\"\xff\"}";
        let expected = serde_json::from_slice::<Wide>(skipped).unwrap();
        assert_eq!(decode_bytes(skipped).unwrap(), expected);
        // In a value that is kept: serde_json's error, at the same place.
        let kept = b"{\"b\":\"ok\",\"a\":\"\xff\"}";
        let expected = serde_json::from_slice::<Wide>(kept)
            .unwrap_err()
            .to_string();
        assert_eq!(decode_bytes(kept).unwrap_err(), expected);
    }

    #[test]
    fn small_bodies_of_large_elements_stop_at_the_budget() {
        let body = format!("[{}{{}}]", "{},".repeat(10_000));
        let each = size_of::<Wide>();
        assert!(decode::<Vec<Wide>>(&body, 10_001 * each).is_ok());
        assert_eq!(
            decode::<Vec<Wide>>(&body, 10_000 * each).unwrap_err(),
            "over budget"
        );
        // Strings count their bytes, maps their entries.
        let long = format!(r#"{{"a":"{}"}}"#, "x".repeat(1000));
        assert_eq!(decode::<Wide>(&long, 999).unwrap_err(), "over budget");
        assert!(decode::<Wide>(&long, 1000).is_ok());
        let map = r#"{"d":{"k":"v","l":"w"}}"#;
        assert!(decode::<Wide>(map, 4 + 4 * size_of::<String>()).is_ok());
        assert_eq!(
            decode::<Wide>(map, 3 + 4 * size_of::<String>()).unwrap_err(),
            "over budget"
        );
        assert_eq!(
            decode::<serde_json::Value>(&body, 10_000).unwrap_err(),
            "over budget"
        );
    }
}
