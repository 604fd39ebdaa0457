//! `data` decoded as `T` in the one-pass decode, refusing an object whose first key is
//! `errors`: such a `data` may be a rejection (`{"errors": ...}`, which a lenient `T` would
//! read as an empty answer), and is left to the two-pass decode, which decides. The key is
//! compared as decoded (`"\u0065rrors"` is `errors`). Only the top level of `data` is
//! watched: everything inside it is decoded by the wrapped deserializer itself.
//!
//! The wrappers forward every call unchanged, except where a map (or an enum written as
//! `{"variant": ...}`) hands out its first key, and where the value is skipped
//! (`deserialize_ignored_any`, which would not show the key: it is read as `any` instead).

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// The key that makes `data` a possible rejection when it comes first.
const FIRST_KEY: &str = "errors";

/// `T` decoded from `de` as `data` is: refused at a first key `errors`.
pub(super) fn guarded<'de, T: de::Deserialize<'de>, D: Deserializer<'de>>(
    de: D,
) -> Result<T, D::Error> {
    T::deserialize(Watching::<D, DATA> { de })
}

/// Forwards `Deserializer` methods to the wrapped one, the visitor wrapped in [`Watched`].
macro_rules! forward_deserializer {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method<V: Visitor<'de>>(
                self,
                $($arg: $ty,)*
                visitor: V,
            ) -> Result<V::Value, Self::Error> {
                self.de.$method($($arg,)* Watched::<V, AT> { visitor })
            }
        )*
    };
}

/// Every `Deserializer` method but `deserialize_ignored_any`, for `forward_deserializer`.
macro_rules! deserializer_methods {
    ($m:ident) => {
        $m! {
            deserialize_any(); deserialize_bool(); deserialize_i8(); deserialize_i16();
            deserialize_i32(); deserialize_i64(); deserialize_i128(); deserialize_u8();
            deserialize_u16(); deserialize_u32(); deserialize_u64(); deserialize_u128();
            deserialize_f32(); deserialize_f64(); deserialize_char(); deserialize_str();
            deserialize_string(); deserialize_bytes(); deserialize_byte_buf();
            deserialize_option(); deserialize_unit(); deserialize_seq(); deserialize_map();
            deserialize_identifier();
            deserialize_unit_struct(name: &'static str);
            deserialize_newtype_struct(name: &'static str);
            deserialize_tuple(len: usize);
            deserialize_tuple_struct(name: &'static str, len: usize);
            deserialize_struct(name: &'static str, fields: &'static [&'static str]);
            deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        }
    };
}

/// Forwards the `Visitor` methods that take a plain value.
macro_rules! forward_values {
    ($($method:ident($ty:ty);)*) => {
        $(
            fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
                self.visitor.$method(v)
            }
        )*
    };
}

macro_rules! value_methods {
    ($m:ident) => {
        $m! {
            visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64);
            visit_i128(i128); visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64);
            visit_u128(u128); visit_f32(f32); visit_f64(f64); visit_char(char);
        }
    };
}

/// Where a wrapped deserializer or visitor stands (its `AT`): at `data` itself (a map's first
/// key and an enum's variant are watched) or at that first key (`errors` is refused). A type
/// parameter, not a field: the branch for a position is chosen at compile time, so `data`'s
/// visitor holds `T`'s own decode once (with a field it held an inlined copy for each
/// position).
const DATA: bool = false;
const KEY: bool = true;

/// The deserializer of `data` itself, or of its first key.
struct Watching<D, const AT: bool> {
    de: D,
}

impl<'de, D: Deserializer<'de>, const AT: bool> Deserializer<'de> for Watching<D, AT> {
    type Error = D::Error;

    deserializer_methods!(forward_deserializer);

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.de.deserialize_any(Watched::<V, AT> { visitor })
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// The visitor of `data` itself, or of its first key.
struct Watched<V, const AT: bool> {
    visitor: V,
}

impl<V, const AT: bool> Watched<V, AT> {
    /// Refuses `errors` as the first key.
    fn check<E: de::Error>(&self, key: &[u8]) -> Result<(), E> {
        if AT == KEY && key == FIRST_KEY.as_bytes() {
            return Err(E::custom(
                "`data` starts with `errors`: decoded the two-pass way",
            ));
        }
        Ok(())
    }
}

impl<'de, V: Visitor<'de>, const AT: bool> Visitor<'de> for Watched<V, AT> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    value_methods!(forward_values);

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.check(v.as_bytes())?;
        self.visitor.visit_str(v)
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.check(v.as_bytes())?;
        self.visitor.visit_borrowed_str(v)
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.check(v.as_bytes())?;
        self.visitor.visit_string(v)
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<V::Value, E> {
        self.check(v)?;
        self.visitor.visit_bytes(v)
    }
    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<V::Value, E> {
        self.check(v)?;
        self.visitor.visit_borrowed_bytes(v)
    }
    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<V::Value, E> {
        self.check(&v)?;
        self.visitor.visit_byte_buf(v)
    }
    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }
    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(Watching::<D, AT> { de })
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_newtype_struct(Watching::<D, AT> { de })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        if AT == DATA {
            self.visitor.visit_map(FirstKey { map, first: true })
        } else {
            self.visitor.visit_map(map)
        }
    }
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        if AT == DATA {
            self.visitor.visit_enum(Variant(data))
        } else {
            self.visitor.visit_enum(data)
        }
    }
}

/// `data`'s map, whose first key is watched.
struct FirstKey<A> {
    map: A,
    first: bool,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for FirstKey<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if std::mem::take(&mut self.first) {
            self.map.next_key_seed(KeySeed(seed))
        } else {
            self.map.next_key_seed(seed)
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// An enum written as `{"variant": ...}`: the variant is a first key.
struct Variant<A>(A);

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Variant<A> {
    type Error = A::Error;
    type Variant = A::Variant;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, A::Variant), A::Error> {
        self.0.variant_seed(KeySeed(seed))
    }
}

/// The first key's seed: its deserializer watches for `errors`.
struct KeySeed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Watching::<D, KEY> { de })
    }
}
