//! `Debug` without patient data (PHI): one mechanism for every model.
//!
//! - [`redacted_debug!`] writes a model's `Debug` from two lists: the fields that are safe to
//!   print (codes, statuses, amounts, organization ids, nested models, which redact
//!   themselves) and the fields printed as their shape only (names, dates, ids of people,
//!   addresses, free text, untyped JSON, the `extra` map). The generated code destructures the
//!   struct without `..`, so a field added to a model without being classified is a compile
//!   error, never a silent leak.
//! - [`Shape`] prints a `serde_json::Value` as its shape: object keys, array lengths and value
//!   types (`str(4)`, `number`, `bool`, `null`), never a value.
//! - [`data`] is what [`ApiResponse`](crate::ApiResponse) and [`Page`](crate::Page) use for
//!   their `data`: untyped data (`Value`, lists and maps of it, text, bytes) as its shape,
//!   typed models through their own (redacted) `Debug`.

use std::any::Any;
use std::fmt;

use serde_json::{Map, Value};

/// How many items of a list a shape shows before summarizing the rest.
const LIST_ITEMS: usize = 8;

/// Prints a JSON value as its shape: the keys of objects, the lengths of arrays and strings and
/// the types of values, never a value (untyped data can hold anything, PHI included).
///
/// ```
/// use pokitdok::Shape;
/// let v = serde_json::json!({"member": {"first_name": "Jane", "age": 54, "ids": ["a", "b"]}});
/// assert_eq!(
///     format!("{:?}", Shape(&v)),
///     r#"{"member": {"age": number, "first_name": str(4), "ids": [str(1), str(1)]}}"#
/// );
/// ```
#[derive(Clone, Copy)]
pub struct Shape<'a>(pub &'a Value);

impl fmt::Debug for Shape<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_shape(f)
    }
}

/// A value that can print its shape instead of itself, and say whether it is worth printing
/// at all (`None`, empty lists and maps are left out of a model's `Debug`).
pub(crate) trait Redact {
    /// Whether the value is absent (`None`, empty) and is left out.
    fn is_absent(&self) -> bool {
        false
    }
    /// Writes the shape: kind and size, never content.
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

/// `Debug` through [`Redact::fmt_shape`].
pub(crate) struct Shaped<'a, T: ?Sized>(pub(crate) &'a T);

impl<T: Redact + ?Sized> fmt::Debug for Shaped<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_shape(f)
    }
}

impl Redact for str {
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "str({})", self.chars().count())
    }
}

impl Redact for String {
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_str().fmt_shape(f)
    }
}

macro_rules! redact_scalar {
    ($($t:ty => $name:literal),* $(,)?) => {
        $(impl Redact for $t {
            fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str($name)
            }
        })*
    };
}

redact_scalar!(
    bool => "bool", f64 => "number", i64 => "number", u64 => "number", u32 => "number",
    i32 => "number", u16 => "number", u8 => "number"
);

impl<T: Redact> Redact for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Some(v) => v.fmt_shape(f),
            None => f.write_str("None"),
        }
    }
}

impl<T: Redact + ?Sized> Redact for Box<T> {
    fn is_absent(&self) -> bool {
        (**self).is_absent()
    }
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt_shape(f)
    }
}

impl<T: Redact> Redact for [T] {
    fn is_absent(&self) -> bool {
        self.is_empty()
    }
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut l = f.debug_list();
        l.entries(self.iter().take(LIST_ITEMS).map(Shaped));
        if self.len() > LIST_ITEMS {
            l.entry(&format_args!("..{} more", self.len() - LIST_ITEMS));
        }
        l.finish()
    }
}

impl<T: Redact> Redact for Vec<T> {
    fn is_absent(&self) -> bool {
        self.is_empty()
    }
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_slice().fmt_shape(f)
    }
}

impl<T: Redact, const N: usize> Redact for [T; N] {
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_slice().fmt_shape(f)
    }
}

impl Redact for Value {
    fn is_absent(&self) -> bool {
        self.is_null()
    }
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(_) => f.write_str("bool"),
            Value::Number(_) => f.write_str("number"),
            Value::String(s) => s.fmt_shape(f),
            Value::Array(items) => items.fmt_shape(f),
            Value::Object(map) => map.fmt_shape(f),
        }
    }
}

impl Redact for Map<String, Value> {
    fn is_absent(&self) -> bool {
        self.is_empty()
    }
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(k, v)| (k, Shaped(v))))
            .finish()
    }
}

impl Redact for serde_json::Number {
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("number")
    }
}

impl<K: fmt::Debug, V: Redact> Redact for std::collections::BTreeMap<K, V> {
    fn is_absent(&self) -> bool {
        self.is_empty()
    }
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(k, v)| (k, Shaped(v))))
            .finish()
    }
}

impl Redact for bytes::Bytes {
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} bytes", self.len())
    }
}

/// The `data` of an [`ApiResponse`](crate::ApiResponse) or a [`Page`](crate::Page) for
/// `Debug`: untyped data (`Value`, `Vec<Value>`, `Option<Value>`, a JSON map, `String`,
/// `Vec<String>`, bytes) as its shape; any other type through its own `Debug`, which for this
/// crate's models shows no patient data.
pub(crate) fn data<T: fmt::Debug + 'static>(data: &T) -> DataDebug<'_, T> {
    DataDebug(data)
}

/// See [`data`].
pub(crate) struct DataDebug<'a, T>(&'a T);

impl<T: fmt::Debug + 'static> fmt::Debug for DataDebug<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let any: &dyn Any = self.0;
        macro_rules! untyped {
            ($($t:ty),*) => {
                $(if let Some(v) = any.downcast_ref::<$t>() {
                    return v.fmt_shape(f);
                })*
            };
        }
        untyped!(
            Value,
            Vec<Value>,
            Option<Value>,
            Map<String, Value>,
            Vec<Map<String, Value>>,
            String,
            Vec<String>,
            Option<String>,
            bytes::Bytes
        );
        if let Some(v) = any.downcast_ref::<Vec<u8>>() {
            return write!(f, "{} bytes", v.len());
        }
        self.0.fmt(f)
    }
}

/// A URL for `Debug`: scheme, host and path as they are; the query as its keys only (`next`
/// links of an identity search carry names and birth dates as query values); no fragment.
pub(crate) fn url(u: &str) -> String {
    let (base, query) = match u.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (u.split('#').next().unwrap_or(u), None),
    };
    let Some(query) = query else {
        return base.to_owned();
    };
    let query = query.split('#').next().unwrap_or(query);
    let keys: Vec<String> = url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, _)| format!("{k}=.."))
        .collect();
    format!("{base}?{}", keys.join("&"))
}

/// Writes a model's `Debug` from the fields safe to print and the fields printed as their shape.
///
/// ```text
/// redacted_debug!(Eligibility {
///     show: [trading_partner_id, valid_request, coverage],
///     shape: [client_id, subscriber_note, extra],
/// });
/// redacted_debug!(enum ProofReport { show: [Records], shape: [Csv] });
/// ```
///
/// Every field must be named in one of the lists (the struct is destructured without `..`).
/// Absent fields (`None`, empty lists and maps) are left out. `show` fields print through
/// their own `Debug`; `shape` fields through [`Redact`]. The type also gets a [`Redact`]
/// implementation (its shape is its redacted `Debug`), so it can sit in other models' `shape`
/// lists. The enum form takes one-field tuple variants.
macro_rules! redacted_debug {
    ($name:ident { show: [$($show:ident),* $(,)?], shape: [$($shape:ident),* $(,)?] $(,)? }) => {
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #[allow(unused_imports)]
                use $crate::redact::Redact as _;
                let $name { $($show,)* $($shape,)* } = self;
                let mut d = f.debug_struct(stringify!($name));
                $(if !$show.is_absent() {
                    d.field(stringify!($show), $show);
                })*
                $(if !$shape.is_absent() {
                    d.field(stringify!($shape), &$crate::redact::Shaped($shape));
                })*
                d.finish()
            }
        }

        impl $crate::redact::Redact for $name {
            fn fmt_shape(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Debug::fmt(self, f)
            }
        }
    };
    (enum $name:ident { show: [$($show:ident),* $(,)?], shape: [$($shape:ident),* $(,)?] $(,)? }) => {
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $($name::$show(v) => f.debug_tuple(stringify!($show)).field(v).finish(),)*
                    $($name::$shape(v) => f
                        .debug_tuple(stringify!($shape))
                        .field(&$crate::redact::Shaped(v))
                        .finish(),)*
                }
            }
        }

        impl $crate::redact::Redact for $name {
            fn fmt_shape(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Debug::fmt(self, f)
            }
        }
    };
}
pub(crate) use redacted_debug;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shapes_name_keys_and_kinds_never_values() {
        let v = json!({"a": null, "b": [1, true, "xyz"], "c": {"d": "secret"}});
        assert_eq!(
            format!("{:?}", Shape(&v)),
            r#"{"a": null, "b": [number, bool, str(3)], "c": {"d": str(6)}}"#
        );
        let long: Vec<Value> = (0..10).map(Value::from).collect();
        assert_eq!(
            format!("{:?}", Shape(&Value::Array(long))),
            "[number, number, number, number, number, number, number, number, ..2 more]"
        );
    }

    #[test]
    fn data_is_shaped_when_untyped_and_debugged_when_typed() {
        let v = json!({"first_name": "Jane"});
        assert_eq!(format!("{:?}", data(&v)), r#"{"first_name": str(4)}"#);
        assert_eq!(
            format!("{:?}", data(&vec![v.clone()])),
            r#"[{"first_name": str(4)}]"#
        );
        assert_eq!(format!("{:?}", data(&"ISA*00*~".to_owned())), "str(8)");
        assert_eq!(format!("{:?}", data(&vec![1u8, 2])), "2 bytes");
        assert_eq!(format!("{:?}", data(&7u32)), "7");
    }

    #[test]
    fn urls_keep_path_and_query_keys_only() {
        assert_eq!(
            url(
                "https://platform.pokitdok.com/api/v4/identity?first_name=Jane&birth_date=1970-01-25#x"
            ),
            "https://platform.pokitdok.com/api/v4/identity?first_name=..&birth_date=.."
        );
        assert_eq!(url("/api/v4/activities/#frag"), "/api/v4/activities/");
        assert_eq!(url("/a?"), "/a?");
    }

    struct Person {
        code: &'static str,
        name: String,
        extra: Map<String, Value>,
        note: Option<String>,
    }
    redacted_debug!(Person {
        show: [code],
        shape: [name, extra, note],
    });

    #[test]
    fn the_macro_shows_listed_fields_and_shapes_the_rest() {
        let mut extra = Map::new();
        extra.insert("ssn".into(), json!("123456789"));
        let p = Person {
            code: "A1",
            name: "Jane Doe".into(),
            extra,
            note: None,
        };
        assert_eq!(
            format!("{p:?}"),
            r#"Person { code: "A1", name: str(8), extra: {"ssn": str(9)} }"#
        );
    }
}
