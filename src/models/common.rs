//! Building blocks shared by every API's models: lossless money, dates and timestamps, open
//! enumerations, and the common `Member`, `Provider` and `Address` blocks.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Number, Value};

use crate::redact::{Redact, redacted_debug};

pub use crate::models::x12::X12File;

/// Keys the platform sent that a model does not name. Every model flattens one, so decoding and
/// re-encoding returns the same JSON, and any documented-but-unmodelled field can be sent.
pub type Extra = Map<String, Value>;

/// Declares an open enumeration: known values as variants, anything else kept verbatim in
/// `Unknown(String)`. Serializes as the platform's string. Every enum gets `ALL` (the known
/// values, in declaration order).
///
/// A variant may carry its X12 code after a slash (`Variant = "name" / "30",`); when every
/// variant has one, the enum also gets `x12_code()` and `from_x12_code()`. A name or code used
/// twice is an unreachable pattern, which the workspace's lints refuse.
#[allow(unused_macros)]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $s:literal / $code:literal, )*
        }
    ) => {
        $crate::models::common::open_enum! {
            $(#[$meta])*
            pub enum $name {
                $(
                    $(#[$vmeta])*
                    #[doc = ""]
                    #[doc = concat!("X12 code `", $code, "`.")]
                    $variant = $s,
                )*
            }
        }

        impl $name {
            /// The value's X12 code; `None` for an unknown value.
            pub fn x12_code(&self) -> Option<&'static str> {
                match self {
                    $( $name::$variant => Some($code), )*
                    $name::Unknown(_) => None,
                }
            }

            /// The known value with this X12 code; `None` for any other code.
            pub fn from_x12_code(code: &str) -> Option<Self> {
                match code {
                    $( $code => Some($name::$variant), )*
                    _ => None,
                }
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $s:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the crate does not know, kept as sent.
            Unknown(String),
        }

        impl $name {
            /// Every known value, in declaration order.
            pub const ALL: &[$name] = &[ $( $name::$variant, )* ];

            /// The platform's spelling of the value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $s, )*
                    $name::Unknown(s) => s.as_str(),
                }
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $( $s => $name::$variant, )*
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match $name::from(s.as_str()) {
                    $name::Unknown(_) => $name::Unknown(s),
                    known => known,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $name::Unknown(s) => write!(f, "{}::Unknown({:?})", stringify!($name), s),
                    known => write!(f, "{}::{}", stringify!($name), known.as_str()),
                }
            }
        }

        impl $crate::redact::Redact for $name {
            // As a shape, not even the known value (a gender, a relationship) is shown.
            fn fmt_shape(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(stringify!($name))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Ok($name::from(String::deserialize(d)?))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use open_enum;

/// A monetary amount as the platform sent it: a decimal string (`"16.43"`) or a JSON number
/// (`16.43`). Neither form is converted, so nothing is rounded and re-encoding gives the
/// same JSON.
///
/// ```
/// use pokitdok::models::Amount;
/// let a: Amount = serde_json::from_str(r#""5956.09""#).unwrap();
/// assert_eq!(a.as_decimal_str(), "5956.09");
/// assert_eq!(serde_json::to_string(&a).unwrap(), r#""5956.09""#);
/// let n: Amount = serde_json::from_str("60.0").unwrap();
/// assert_eq!(n.to_f64(), Some(60.0));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Amount {
    /// Sent as a string.
    Text(String),
    /// Sent as a number.
    Number(Number),
}

impl Amount {
    /// The amount as decimal text (`"60.0"` for the number `60.0`).
    pub fn as_decimal_str(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Amount::Text(s) => s.as_str().into(),
            Amount::Number(n) => n.to_string().into(),
        }
    }

    /// The amount as `f64`, when it parses (lossy for display only; keep the text for money).
    pub fn to_f64(&self) -> Option<f64> {
        match self {
            Amount::Text(s) => s.trim().parse().ok(),
            Amount::Number(n) => n.as_f64(),
        }
    }
}

impl Redact for Amount {
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Amount")
    }
}

impl From<&str> for Amount {
    fn from(s: &str) -> Self {
        Amount::Text(s.to_owned())
    }
}

impl From<String> for Amount {
    fn from(s: String) -> Self {
        Amount::Text(s)
    }
}

impl From<f64> for Amount {
    fn from(v: f64) -> Self {
        Number::from_f64(v).map_or_else(|| Amount::Text(v.to_string()), Amount::Number)
    }
}

impl From<i64> for Amount {
    fn from(v: i64) -> Self {
        Amount::Number(v.into())
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Amount::Text(t) => s.serialize_str(t),
            Amount::Number(n) => n.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match Value::deserialize(d)? {
            Value::String(s) => Ok(Amount::Text(s)),
            Value::Number(n) => Ok(Amount::Number(n)),
            _ => Err(D::Error::custom(
                "expected an amount as a string or a number",
            )),
        }
    }
}

/// The platform's monetary amount object: `{"amount": "16.43", "currency": "USD"}`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Money {
    /// The amount, string or number as sent.
    pub amount: Amount,
    /// ISO currency code, `"USD"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Money {
    show: [amount, currency],
    shape: [extra],
});

impl Money {
    /// An amount in US dollars.
    pub fn usd(amount: impl Into<Amount>) -> Self {
        Money {
            amount: amount.into(),
            currency: Some("USD".into()),
            extra: Extra::new(),
        }
    }
}

/// A calendar date (`birth_date`, `service_date`). Keeps the text as sent (the platform also
/// sends `01-25-1970` and `19000101`) and parses it on demand.
///
/// Dates of a person's care and birth are patient data: `Debug` shows only the date's format,
/// every digit as `#` (`Date(####-##-##)`).
///
/// ```
/// use pokitdok::models::Date;
/// let d = Date::from_ymd(1970, 1, 25).unwrap();
/// assert_eq!(d.as_str(), "1970-01-25");
/// let odd: Date = serde_json::from_str(r#""01-25-1970""#).unwrap();
/// assert_eq!(odd.date(), d.date());
/// assert_eq!(serde_json::to_string(&odd).unwrap(), r#""01-25-1970""#);
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Date(String);

impl Date {
    /// A date from year, month, day (`None` when invalid).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date::from)
    }

    /// The date as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The parsed date: `YYYY-MM-DD`, `YYYYMMDD`, `MM-DD-YYYY` or `MM/DD/YYYY`.
    pub fn date(&self) -> Option<NaiveDate> {
        let s = self.0.trim();
        ["%Y-%m-%d", "%Y%m%d", "%m-%d-%Y", "%m/%d/%Y"]
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
    }
}

impl From<NaiveDate> for Date {
    fn from(d: NaiveDate) -> Self {
        Date(d.format("%Y-%m-%d").to_string())
    }
}

impl From<&str> for Date {
    fn from(s: &str) -> Self {
        Date(s.to_owned())
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({})", Pattern(&self.0))
    }
}

impl Redact for Date {
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// A date or time as its format: digits as `#`, letters as `x`, separators kept, at most 40
/// characters.
struct Pattern<'a>(&'a str);

impl fmt::Display for Pattern<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write as _;
        for c in self.0.chars().take(40) {
            f.write_char(match c {
                '0'..='9' => '#',
                c if c.is_alphanumeric() => 'x',
                c => c,
            })?;
        }
        if self.0.chars().count() > 40 {
            f.write_str("..")?;
        }
        Ok(())
    }
}

/// A timestamp as the platform sends it, usually without a zone
/// (`2016-05-25T18:06:11.239000`). Keeps the text; parses on demand.
///
/// ```
/// use pokitdok::models::Timestamp;
/// let t: Timestamp = serde_json::from_str(r#""2016-05-25T18:06:11.239000""#).unwrap();
/// assert_eq!(t.naive().unwrap().to_string(), "2016-05-25 18:06:11.239");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(String);

impl Timestamp {
    /// The timestamp as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The parsed time without zone (a zone or offset, if sent, is dropped).
    pub fn naive(&self) -> Option<NaiveDateTime> {
        let s = self.0.trim();
        if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s) {
            return Some(dt.naive_utc());
        }
        [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M:%S%.f%z",
        ]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
    }
}

impl Redact for Timestamp {
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({})", Pattern(&self.0))
    }
}

impl From<NaiveDateTime> for Timestamp {
    fn from(t: NaiveDateTime) -> Self {
        Timestamp(t.format("%Y-%m-%dT%H:%M:%S%.6f").to_string())
    }
}

impl From<&str> for Timestamp {
    fn from(s: &str) -> Self {
        Timestamp(s.to_owned())
    }
}

/// A postal address.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Address {
    /// Street lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub address_lines: Vec<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Two-letter state code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// ZIP code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zipcode: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Address {
    /// An address from its parts.
    pub fn new(
        lines: impl IntoIterator<Item = impl Into<String>>,
        city: impl Into<String>,
        state: impl Into<String>,
        zipcode: impl Into<String>,
    ) -> Self {
        Address {
            address_lines: lines.into_iter().map(Into::into).collect(),
            city: Some(city.into()),
            state: Some(state.into()),
            zipcode: Some(zipcode.into()),
            extra: Extra::new(),
        }
    }
}

// Addresses are PHI when they belong to a patient: only the state is shown.
redacted_debug!(Address {
    show: [state],
    shape: [address_lines, city, zipcode, extra],
});

/// A patient, member or subscriber: the person a transaction is about.
///
/// `Debug` shows no name, birth date, id or street address (PHI): the gender and the state.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Member {
    /// Member id on the insurance card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Name suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Birth date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<Date>,
    /// `male`, `female` or `unknown`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Member id under the name used by claims (`subscriber.member_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
    /// Group number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_number: Option<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Member {
    /// A member identified by id, name and birth date (what eligibility needs).
    pub fn new(
        id: impl Into<String>,
        first_name: impl Into<String>,
        last_name: impl Into<String>,
        birth_date: impl Into<Date>,
    ) -> Self {
        Member {
            id: Some(id.into()),
            first_name: Some(first_name.into()),
            last_name: Some(last_name.into()),
            birth_date: Some(birth_date.into()),
            ..Member::default()
        }
    }
}

redacted_debug!(Member {
    show: [gender, address],
    shape: [
        id,
        first_name,
        middle_name,
        last_name,
        suffix,
        birth_date,
        member_id,
        group_number,
        extra
    ],
});

/// A provider: a person (first/last name) or an organization, with an NPI.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Provider {
    /// National Provider Identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub npi: Option<String>,
    /// First name (individual providers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name (individual providers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Organization name (organizations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// Taxonomy code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxonomy_code: Option<String>,
    /// Tax id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Provider {
    /// An individual provider.
    pub fn person(
        npi: impl Into<String>,
        first_name: impl Into<String>,
        last_name: impl Into<String>,
    ) -> Self {
        Provider {
            npi: Some(npi.into()),
            first_name: Some(first_name.into()),
            last_name: Some(last_name.into()),
            ..Provider::default()
        }
    }

    /// An organization.
    pub fn organization(npi: impl Into<String>, name: impl Into<String>) -> Self {
        Provider {
            npi: Some(npi.into()),
            organization_name: Some(name.into()),
            ..Provider::default()
        }
    }
}

// The NPI registry is public, but no person's name, tax id (an SSN for many individual
// providers) or address is shown.
redacted_debug!(Provider {
    show: [npi, organization_name, taxonomy_code],
    shape: [first_name, middle_name, last_name, tax_id, address, extra],
});

/// `limit` and `offset` for collection requests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paging {
    /// How many objects to return.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// How many objects to skip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
}

/// Any error body the platform sends: the bare `{"message": ...}` of 401/402/403 answers or the
/// `{"meta": ..., "data": {"errors": ...}}` envelope of 4xx answers. Get it from an error with
/// [`ErrorBody::parsed`](crate::ErrorBody::parsed).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorEnvelope {
    /// The bare message (`"Unauthorized"`, `"Payment Required"`, `"Forbidden (Rate Limited)"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The `meta` block, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<crate::Meta>,
    /// The `data` block, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<ErrorData>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

// The bare messages are the platform's own words ("Unauthorized").
redacted_debug!(ErrorEnvelope {
    show: [message, meta, data],
    shape: [extra],
});

/// `data` of an error envelope. `Debug` shows `errors` as its shape (validation messages can
/// quote the values sent).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorData {
    /// `errors`: `{"validation": {field: [messages]}}`, `{"parsing": ...}`, `{"query": ...}`,
    /// `{"scope": ...}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ErrorData {
    show: [],
    shape: [errors, extra],
});

/// Decodes `data` that the platform sends either as one object or as a one-element list of it
/// (`GET /schedule/appointmenttypes/{uuid}`: a single object in its documented example, a
/// one-element list on the live platform and in the sandbox). An empty or longer list fails
/// to decode.
pub(crate) struct One<T>(pub(crate) T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for One<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
            type Value = One<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object or a list of one object")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let Some(one) = seq.next_element()? else {
                    return Err(serde::de::Error::invalid_length(0, &self));
                };
                if seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    return Err(serde::de::Error::custom(
                        "expected a list of one object, got more",
                    ));
                }
                Ok(One(one))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(One)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// Decodes `data` that the platform sends either as one object or as a list of objects (the
/// documented examples of `GET /schedule/schedulers/{uuid}`, `GET /schedule/appointments/{uuid}`
/// and `GET /identity/{uuid}` are one-element lists, other pages describe a single object; an
/// older `/pharmacy/plans` answered with one plan).
pub(crate) struct OneOrMany<T>(pub(crate) Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object or a list of objects")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(item) = seq.next_element()? {
                    out.push(item);
                }
                Ok(OneOrMany(out))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|one| OneOrMany(vec![one]))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}
