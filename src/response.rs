//! The `{meta, data}` envelope every PokitDok response uses, and how answers become
//! [`ApiResponse`]s or [`Error`]s.

use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::StatusCode;
use serde::de::{self, IgnoredAny};
use serde::de::{DeserializeOwned, Deserializer};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

mod first_key;

use crate::error::{Error, ErrorBody, RawBody, Result};

/// A successful answer: the envelope's `meta` and `data`, plus the HTTP status.
///
/// `data` is whatever type the call decodes to (`serde_json::Value` for the generic calls).
/// A 2xx answer with an empty body (a 204 from a DELETE) is a success with a default `Meta`
/// and `data` decoded from JSON `null`.
///
/// ```
/// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
/// let r = pd.get("/tradingpartners/").await?;
/// println!("{:?} ms, status {}", r.meta.processing_time, r.status());
/// for tp in r.data.as_array().into_iter().flatten() {
///     println!("{}", tp["id"]);
/// }
/// # Ok(()) }
/// ```
///
/// `Debug` shows `data` of untyped calls (`serde_json::Value`, lists and maps of it, text) as
/// its shape only (keys, lengths, types: see [`Shape`](crate::Shape)), and typed models
/// through their own `Debug`, which shows no patient data.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiResponse<T> {
    /// Request metadata: activity id, credits, rate-limit counters, pagination links.
    #[serde(default, skip_serializing_if = "Meta::is_empty")]
    pub meta: Meta,
    /// The payload.
    pub data: T,
    #[serde(skip, default = "ok_status")]
    status: StatusCode,
}

// `T: 'static` lets `Debug` recognize untyped data (a `Value` downcast) whatever `T` is, with
// nothing asked of the caller's own types.
impl<T: std::fmt::Debug + 'static> std::fmt::Debug for ApiResponse<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiResponse")
            .field("status", &self.status)
            .field("meta", &self.meta)
            .field("data", &crate::redact::data(&self.data))
            .finish()
    }
}

fn ok_status() -> StatusCode {
    StatusCode::OK
}

impl<T> ApiResponse<T> {
    /// Wraps `data` and `meta` (status 200). Useful in tests and for forwarding.
    pub fn new(meta: Meta, data: T) -> Self {
        ApiResponse {
            meta,
            data,
            status: StatusCode::OK,
        }
    }

    /// The HTTP status of the answer (200 when built by hand or deserialized).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Converts the payload, keeping `meta` and the status.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ApiResponse<U> {
        ApiResponse {
            meta: self.meta,
            data: f(self.data),
            status: self.status,
        }
    }

    pub(crate) fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }
}

/// The `meta` block of a response.
///
/// Every documented key has a typed field; any other key (or a documented key whose value has
/// an unexpected type) is kept in [`Meta::extra`], so nothing the platform sent is lost and
/// serializing a `Meta` gives back the same JSON.
///
/// `Debug` shows the counters and ids but not the free text (`message`), the query values of
/// `next` and `previous` (an identity search's links carry names and birth dates) nor the
/// values of `extra`, which could echo request data: those are shown as their shape.
#[derive(Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Meta {
    /// Id of the activity that processed the request (`GET /activities/{id}`).
    pub activity_id: Option<String>,
    /// `"production"` or `"test"`.
    pub application_mode: Option<String>,
    /// Credits billed for this request.
    pub credits_billed: Option<i64>,
    /// Credits left on the account.
    pub credits_remaining: Option<i64>,
    /// Additional message from the API.
    pub message: Option<String>,
    /// URL of the next page of results.
    pub next: Option<String>,
    /// URL of the previous page of results.
    pub previous: Option<String>,
    /// Milliseconds the platform spent on the request.
    pub processing_time: Option<i64>,
    /// Requests made in the current rate-limit period.
    pub rate_limit_amount: Option<i64>,
    /// Requests allowed per period.
    pub rate_limit_cap: Option<i64>,
    /// Unix time at which the rate-limit period resets.
    pub rate_limit_reset: Option<i64>,
    /// Number of results of a collection request.
    pub result_count: Option<i64>,
    /// Every other key, as sent.
    pub extra: Map<String, Value>,
}

impl Meta {
    /// Whether no key at all was sent.
    pub fn is_empty(&self) -> bool {
        *self == Meta::default()
    }

    /// `rate_limit_reset` as a point in time.
    pub fn rate_limit_reset_at(&self) -> Option<SystemTime> {
        let secs = u64::try_from(self.rate_limit_reset?).ok()?;
        SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(secs))
    }
}

macro_rules! meta_fields {
    ($mac:ident) => {
        $mac!(activity_id, string);
        $mac!(application_mode, string);
        $mac!(credits_billed, int);
        $mac!(credits_remaining, int);
        $mac!(message, string);
        $mac!(next, string);
        $mac!(previous, string);
        $mac!(processing_time, int);
        $mac!(rate_limit_amount, int);
        $mac!(rate_limit_cap, int);
        $mac!(rate_limit_reset, int);
        $mac!(result_count, int);
    };
}

impl std::fmt::Debug for Meta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("Meta");
        macro_rules! show {
            ($name:ident, int) => {
                if let Some(v) = &self.$name {
                    d.field(stringify!($name), v);
                }
            };
            (message, string) => {
                if let Some(v) = &self.message {
                    d.field("message", &crate::redact::Shaped(v));
                }
            };
            (next, string) => {
                if let Some(v) = &self.next {
                    d.field("next", &crate::redact::url(v));
                }
            };
            (previous, string) => {
                if let Some(v) = &self.previous {
                    d.field("previous", &crate::redact::url(v));
                }
            };
            ($name:ident, string) => {
                if let Some(v) = &self.$name {
                    d.field(stringify!($name), v);
                }
            };
        }
        meta_fields!(show);
        if !self.extra.is_empty() {
            d.field("extra", &crate::redact::Shaped(&self.extra));
        }
        d.finish()
    }
}

impl crate::redact::Redact for Meta {
    fn is_absent(&self) -> bool {
        self.is_empty()
    }
    fn fmt_shape(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

/// `Meta` is read key by key where it stands (no intermediate map): each known key of the
/// expected type goes to its field, anything else (an unknown key, or a known one of another
/// type, e.g. a fractional `processing_time`) into `extra` as sent. A repeated key counts as
/// its last occurrence, as in a JSON object read as a map.
impl<'de> Deserialize<'de> for Meta {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_option(meta_de::MetaVisitor)
    }
}

mod meta_de {
    use std::fmt;

    use serde::Deserialize;
    use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
    use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
    use serde_json::Value;

    use super::Meta;

    pub(super) struct MetaVisitor;

    /// A key of `meta`: one of the fields (its name and type), or another.
    enum Key {
        Field(&'static str, Want),
        Other(String),
    }

    fn field(s: &str) -> Option<Key> {
        macro_rules! find {
            ($name:ident, string) => {
                if s == stringify!($name) {
                    return Some(Key::Field(stringify!($name), Want::Str));
                }
            };
            ($name:ident, int) => {
                if s == stringify!($name) {
                    return Some(Key::Field(stringify!($name), Want::Int));
                }
            };
        }
        meta_fields!(find);
        None
    }

    impl<'de> Deserialize<'de> for Key {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Key;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a key")
                }
                fn visit_str<E: Error>(self, s: &str) -> Result<Key, E> {
                    Ok(field(s).unwrap_or_else(|| Key::Other(s.to_owned())))
                }
                fn visit_string<E: Error>(self, s: String) -> Result<Key, E> {
                    Ok(field(&s).unwrap_or(Key::Other(s)))
                }
            }
            d.deserialize_identifier(V)
        }
    }

    /// Reads one value as a `String` or an `i64` when it is one, as a `Value` otherwise.
    #[derive(Clone, Copy)]
    enum Want {
        Str,
        Int,
    }

    enum Got {
        Str(String),
        Int(i64),
        Other(Value),
    }

    impl<'de> DeserializeSeed<'de> for Want {
        type Value = Got;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Got, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Want {
        type Value = Got;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E: Error>(self, v: bool) -> Result<Got, E> {
            Ok(Got::Other(Value::Bool(v)))
        }
        fn visit_i64<E: Error>(self, v: i64) -> Result<Got, E> {
            Ok(match self {
                Want::Int => Got::Int(v),
                Want::Str => Got::Other(Value::from(v)),
            })
        }
        fn visit_u64<E: Error>(self, v: u64) -> Result<Got, E> {
            Ok(match (self, i64::try_from(v)) {
                (Want::Int, Ok(v)) => Got::Int(v),
                _ => Got::Other(Value::from(v)),
            })
        }
        fn visit_f64<E: Error>(self, v: f64) -> Result<Got, E> {
            Ok(Got::Other(
                serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number),
            ))
        }
        fn visit_str<E: Error>(self, v: &str) -> Result<Got, E> {
            Ok(match self {
                Want::Str => Got::Str(v.to_owned()),
                Want::Int => Got::Other(Value::from(v)),
            })
        }
        fn visit_string<E: Error>(self, v: String) -> Result<Got, E> {
            Ok(match self {
                Want::Str => Got::Str(v),
                Want::Int => Got::Other(Value::String(v)),
            })
        }
        fn visit_unit<E: Error>(self) -> Result<Got, E> {
            Ok(Got::Other(Value::Null))
        }
        fn visit_none<E: Error>(self) -> Result<Got, E> {
            Ok(Got::Other(Value::Null))
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Got, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Got, A::Error> {
            Value::deserialize(SeqAccessDeserializer::new(seq)).map(Got::Other)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Got, A::Error> {
            Value::deserialize(MapAccessDeserializer::new(map)).map(Got::Other)
        }
    }

    impl<'de> Visitor<'de> for MetaVisitor {
        type Value = Meta;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object or null")
        }
        fn visit_none<E: Error>(self) -> Result<Meta, E> {
            Ok(Meta::default())
        }
        fn visit_unit<E: Error>(self) -> Result<Meta, E> {
            Ok(Meta::default())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Meta, D::Error> {
            d.deserialize_map(self)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Meta, A::Error> {
            let mut meta = Meta::default();
            while let Some(key) = map.next_key::<Key>()? {
                let (name, want) = match key {
                    Key::Other(name) => {
                        let value = map.next_value::<Value>()?;
                        meta.extra.insert(name, value);
                        continue;
                    }
                    Key::Field(name, want) => (name, want),
                };
                let got = map.next_value_seed(want)?;
                // The last occurrence of a key decides, as in a map.
                meta.extra.remove(name);
                let (mut s, n) = match got {
                    Got::Str(s) => (Some(s), None),
                    Got::Int(n) => (None, Some(n)),
                    Got::Other(v) => {
                        meta.extra.insert(name.to_owned(), v);
                        (None, None)
                    }
                };
                macro_rules! set {
                    ($name:ident, string) => {
                        if name == stringify!($name) {
                            meta.$name = s.take();
                        }
                    };
                    ($name:ident, int) => {
                        if name == stringify!($name) {
                            meta.$name = n;
                        }
                    };
                }
                meta_fields!(set);
            }
            Ok(meta)
        }
    }
}

impl Serialize for Meta {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        macro_rules! put {
            ($name:ident, $kind:ident) => {
                if let Some(v) = &self.$name {
                    map.serialize_entry(stringify!($name), v)?;
                }
            };
        }
        meta_fields!(put);
        for (k, v) in &self.extra {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The envelope with its parts left undecoded, so that `data` is decoded straight from the
/// body into the caller's type (one pass, no intermediate `Value`).
#[derive(Deserialize)]
struct RawEnvelope<'a> {
    #[serde(borrow, default)]
    meta: Option<&'a RawValue>,
    #[serde(borrow, default)]
    data: Option<&'a RawValue>,
}

/// `data` that is exactly `{"errors": ...}`; anything else fails at its first other key.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RejectionProbe {
    #[serde(rename = "errors")]
    _errors: IgnoredAny,
}

/// Turns a finished HTTP answer into a typed result. Never looks at `Content-Type`. The body
/// is borrowed (an error keeps a reference to it): the caller may still need it.
pub(crate) fn classify<T: DeserializeOwned>(
    status: StatusCode,
    body: &Bytes,
) -> Result<ApiResponse<T>> {
    classify_into::<T, Inline>(status, body)
}

/// [`classify`], its answer boxed: for a large `T`, whose every move between the decode and
/// the caller is a copy of kilobytes through memory the cache does not hold (BENCHMARKS.md,
/// fifth pass); a box is built once and then moved as a pointer.
pub(crate) fn classify_boxed<T: DeserializeOwned>(
    status: StatusCode,
    body: &Bytes,
) -> Result<Box<ApiResponse<T>>> {
    classify_into::<T, Boxed>(status, body)
}

/// How [`classify_into`] hands over the answer: as it is, or boxed.
trait Wrap<T> {
    type Out;
    fn wrap(answer: ApiResponse<T>) -> Self::Out;
}

/// The answer as it is.
enum Inline {}

/// The answer boxed.
enum Boxed {}

impl<T> Wrap<T> for Inline {
    type Out = ApiResponse<T>;
    #[inline(always)]
    fn wrap(answer: ApiResponse<T>) -> ApiResponse<T> {
        answer
    }
}

impl<T> Wrap<T> for Boxed {
    type Out = Box<ApiResponse<T>>;
    #[inline(always)]
    fn wrap(answer: ApiResponse<T>) -> Box<ApiResponse<T>> {
        Box::new(answer)
    }
}

fn classify_into<T: DeserializeOwned, W: Wrap<T>>(
    status: StatusCode,
    body: &Bytes,
) -> Result<W::Out> {
    match shape(status, body)? {
        Shape::Empty => empty_answer(status, body).map(W::wrap),
        Shape::Bare => decode_whole::<T>(status, body).map(W::wrap),
        Shape::Object => {
            // One pass over the body: `meta` and `data` decoded where they stand, into the
            // answer itself (`OnePass`), `data` refused at a first key `errors` (a possible
            // rejection: `first_key`). Anything else (no `data` or a `null` one, a `meta` that
            // does not decode, a decode failure, that refusal) takes the two passes, which
            // give the same result or the precise error.
            match one_pass::<T, W, true>(status, body) {
                Some(r) => Ok(r),
                None => classify_envelope(status, body).map(W::wrap),
            }
        }
    }
}

/// [`classify`] with `data` as a [`Value`] (the generic call): decoded in one pass without
/// watching its first key (a `Value` shows it afterwards), so `data` is read by the same code
/// as every value inside it. A `data` object with an `errors` key takes the two passes, which
/// decide whether it is a rejection.
pub(crate) fn classify_value(status: StatusCode, body: &Bytes) -> Result<ApiResponse<Value>> {
    match shape(status, body)? {
        Shape::Empty => empty_answer(status, body),
        Shape::Bare => decode_whole(status, body),
        Shape::Object => match one_pass::<Value, Inline, false>(status, body) {
            Some(r) if !r.data.as_object().is_some_and(|o| o.contains_key("errors")) => Ok(r),
            _ => classify_envelope(status, body),
        },
    }
}

/// The whole body decoded in one pass ([`OnePass`]), or `None`: the two passes decide.
///
/// The body is read as text, its UTF-8 checked once here: serde_json's reader of bytes checks
/// every string it reads, one call per string, about a tenth of a decode (BENCHMARKS.md,
/// seventh pass). A body that is not UTF-8 (not JSON, RFC 8259 section 8.1) takes the two
/// passes, which read bytes.
fn one_pass<T: DeserializeOwned, W: Wrap<T>, const WATCH: bool>(
    status: StatusCode,
    body: &[u8],
) -> Option<W::Out> {
    let text = std::str::from_utf8(body).ok()?;
    let mut de = serde_json::Deserializer::from_str(text);
    let r = de::DeserializeSeed::deserialize(OnePass::<T, W, WATCH>::new(status), &mut de).ok()?;
    de.end().ok()?;
    Some(r)
}

/// What a body is to [`classify`]: nothing (`data` is `null`), a bare value (all `data`), or
/// an object (an envelope, or all `data`). A non-2xx answer is its error.
enum Shape {
    Empty,
    Bare,
    Object,
}

fn shape(status: StatusCode, body: &Bytes) -> Result<Shape> {
    if !status.is_success() {
        return Err(error_from(status, body.clone()));
    }
    // Only an object can be an envelope (serde would also read an array into the struct).
    Ok(match body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Shape::Empty,
        Some(b'{') => Shape::Object,
        Some(_) => Shape::Bare,
    })
}

/// The answer to an empty body: `data` is what `T` reads from `null`.
fn empty_answer<T: DeserializeOwned>(status: StatusCode, body: &Bytes) -> Result<ApiResponse<T>> {
    decode_data(status, Meta::default(), body, |_| {
        serde_path_to_error::deserialize::<_, T>(Value::Null)
    })
}

/// [`classify`] of an object, in two passes: the envelope split into its raw `meta` and
/// `data`, then each decoded (a `data` of nothing but `errors` is a rejection).
fn classify_envelope<T: DeserializeOwned>(
    status: StatusCode,
    body: &Bytes,
) -> Result<ApiResponse<T>> {
    match serde_json::from_slice::<RawEnvelope<'_>>(body) {
        Ok(envelope) if envelope.meta.is_some() || envelope.data.is_some() => {
            from_envelope(status, body, envelope)
        }
        // A bare object without `meta` or `data` is all `data`.
        Ok(_) => decode_whole::<T>(status, body),
        Err(e) if e.classify() == serde_json::error::Category::Data => {
            decode_whole::<T>(status, body)
        }
        Err(e) => Err(whole_body_error(status, body, serde_kind(&e))),
    }
}

/// A 2xx body whose envelope has been split into its raw `meta` and `data`: `meta` decoded
/// (lenient), a `data` of nothing but `errors` a rejection, anything else `data` as `T`.
fn from_envelope<T: DeserializeOwned>(
    status: StatusCode,
    body: &Bytes,
    RawEnvelope { meta, data }: RawEnvelope<'_>,
) -> Result<ApiResponse<T>> {
    let meta = meta
        .and_then(|m| serde_json::from_str::<Meta>(m.get()).ok())
        .unwrap_or_default();
    let Some(data) = data else {
        return decode_data(status, meta, body, |_| {
            serde_path_to_error::deserialize::<_, T>(Value::Null)
        });
    };
    // A `data` holding nothing but `errors` is a rejection even on a 2xx.
    if data.get().starts_with('{') && serde_json::from_str::<RejectionProbe>(data.get()).is_ok() {
        return Err(Error::TradingPartner {
            status,
            meta: Some(Box::new(meta)),
            body: ErrorBody::new(body.clone(), serde_json::from_slice(body).ok()),
        });
    }
    decode_data(status, meta, body, |_| tracked(data.get()))
}

/// The envelope decoded in one pass, straight into the [`ApiResponse`]: a large `T` is moved
/// no more often than a derived decode of `ApiResponse<T>` moves it. Other keys are ignored,
/// as [`RawEnvelope`] ignores them. Fails (and the body goes the two-pass way) without a
/// `data`, with a `null` one, or with a key twice.
struct OnePass<T, W, const WATCH: bool> {
    status: StatusCode,
    data: PhantomData<fn() -> (T, W)>,
}

impl<T, W, const WATCH: bool> OnePass<T, W, WATCH> {
    fn new(status: StatusCode) -> Self {
        OnePass {
            status,
            data: PhantomData,
        }
    }
}

/// A key of the envelope.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum EnvelopeKey {
    Meta,
    Data,
    #[serde(other)]
    Other,
}

impl<'de, T: Deserialize<'de>, W: Wrap<T>, const WATCH: bool> de::DeserializeSeed<'de>
    for OnePass<T, W, WATCH>
{
    type Value = W::Out;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, T: Deserialize<'de>, W: Wrap<T>, const WATCH: bool> de::Visitor<'de>
    for OnePass<T, W, WATCH>
{
    type Value = W::Out;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an envelope")
    }

    fn visit_map<A: de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        use de::Error as _;
        let mut meta: Option<Option<Meta>> = None;
        let mut data: Option<T> = None;
        while let Some(key) = map.next_key()? {
            match key {
                EnvelopeKey::Meta if meta.is_none() => meta = Some(map.next_value()?),
                EnvelopeKey::Data if data.is_none() => {
                    data = Some(map.next_value_seed(NotNull::<T, WATCH>(PhantomData))?);
                }
                EnvelopeKey::Meta => return Err(A::Error::duplicate_field("meta")),
                EnvelopeKey::Data => return Err(A::Error::duplicate_field("data")),
                EnvelopeKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let data = data.ok_or_else(|| A::Error::missing_field("data"))?;
        Ok(W::wrap(ApiResponse {
            meta: meta.flatten().unwrap_or_default(),
            data,
            status: self.status,
        }))
    }
}

/// `data` as `T` (with `WATCH`, refused at a first key `errors`: [`first_key`]), or an error
/// when it is `null`: a `T` read from `null` may be what the envelope's absence means, which
/// the two passes decide.
struct NotNull<T, const WATCH: bool>(PhantomData<fn() -> T>);

impl<'de, T: Deserialize<'de>, const WATCH: bool> de::DeserializeSeed<'de> for NotNull<T, WATCH> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<T, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de, T: Deserialize<'de>, const WATCH: bool> de::Visitor<'de> for NotNull<T, WATCH> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("`data`")
    }

    fn visit_none<E: de::Error>(self) -> std::result::Result<T, E> {
        Err(E::custom("`data` is null"))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<T, D::Error> {
        if WATCH {
            first_key::guarded(d)
        } else {
            T::deserialize(d)
        }
    }
}

/// [`classify`] for a page of a collection, plus a hash of the page's raw `data` bytes (of the
/// whole body when it has no envelope), by which a page the server sends again is recognised.
pub(crate) fn classify_page<T: DeserializeOwned>(
    status: StatusCode,
    body: Bytes,
) -> Result<(ApiResponse<Vec<T>>, u64)> {
    use std::hash::Hasher;
    let hash = |bytes: &[u8]| {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        hasher.write(bytes);
        hasher.finish()
    };
    // Only an object can be an envelope (as in `classify`). The envelope split once serves
    // both the hash and the decode.
    if status.is_success()
        && body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
        && let Ok(envelope) = serde_json::from_slice::<RawEnvelope<'_>>(&body)
        && let Some(data) = envelope.data
    {
        let h = hash(data.get().as_bytes());
        return from_envelope(status, &body, envelope).map(|r| (r, h));
    }
    let h = hash(&body);
    classify(status, &body).map(|r| (r, h))
}

/// `json` decoded as `T`; the path to a failure is tracked only when there is one, by decoding
/// again (tracking it costs half as much again as the decode itself: BENCHMARKS.md). Read as
/// text, as [`one_pass`] reads it (one decoder of `T` for both).
fn tracked<T: DeserializeOwned>(json: &str) -> PathResult<T> {
    serde_json::from_str(json).or_else(|_| {
        serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(json))
    })
}

/// A body that is all `data` (no envelope), read as text like every body: one that is not
/// UTF-8 is not JSON (RFC 8259 section 8.1).
fn decode_whole<T: DeserializeOwned>(status: StatusCode, body: &Bytes) -> Result<ApiResponse<T>> {
    let text = match std::str::from_utf8(body) {
        Ok(text) => text,
        Err(e) => {
            let kind = format!("invalid JSON: not UTF-8 (byte {})", e.valid_up_to());
            return Err(whole_body_error(status, body, kind));
        }
    };
    // The path is tracked only on failure (as in `tracked`).
    if let Ok(data) = serde_json::from_str(text) {
        return Ok(ApiResponse::new(Meta::default(), data).with_status(status));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let r = decode_data(status, Meta::default(), body, |_| {
        serde_path_to_error::deserialize(&mut de)
    })?;
    de.end()
        .map_err(|e| whole_body_error(status, body, serde_kind(&e)))?;
    Ok(r)
}

/// A body that is not JSON as a whole: [`Error::Decode`] at the path `.`, the body kept.
fn whole_body_error(status: StatusCode, body: &Bytes, kind: String) -> Error {
    Error::Decode {
        status,
        path: ".".to_owned(),
        kind,
        body: RawBody(body.clone()),
    }
}

type PathResult<T> = std::result::Result<T, serde_path_to_error::Error<serde_json::Error>>;

fn decode_data<T>(
    status: StatusCode,
    meta: Meta,
    body: &Bytes,
    decode: impl FnOnce(&[u8]) -> PathResult<T>,
) -> Result<ApiResponse<T>> {
    match decode(body) {
        Ok(data) => Ok(ApiResponse::new(meta, data).with_status(status)),
        Err(e) => {
            let path = e.path().to_string();
            Err(Error::Decode {
                status,
                path: if path == "." {
                    "data".to_owned()
                } else if path.starts_with('[') {
                    format!("data{path}")
                } else {
                    format!("data.{path}")
                },
                kind: serde_kind(e.inner()),
                body: RawBody(body.clone()),
            })
        }
    }
}

/// A description of a serde failure that never quotes the offending value (it may be PHI).
fn serde_kind(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Io => "I/O error",
        Category::Syntax => "invalid JSON",
        Category::Eof => "truncated JSON",
        Category::Data => "unexpected type or value",
    };
    if e.line() > 0 {
        format!("{what} (line {}, column {})", e.line(), e.column())
    } else {
        what.to_owned()
    }
}

/// Builds the typed error for a non-2xx answer.
pub(crate) fn error_from(status: StatusCode, raw: Bytes) -> Error {
    let json: Option<Value> = serde_json::from_slice(&raw).ok();
    let meta = json
        .as_ref()
        .and_then(|j| j.get("meta"))
        .and_then(|m| Meta::deserialize(m).ok())
        .map(Box::new);
    let body = ErrorBody::new(raw, json);
    match status {
        StatusCode::UNAUTHORIZED => Error::Unauthorized { meta, body },
        StatusCode::PAYMENT_REQUIRED => Error::InsufficientCredits { meta, body },
        StatusCode::FORBIDDEN => {
            let rate_limited = body
                .message()
                .is_some_and(|m| m.to_ascii_lowercase().contains("rate limit"))
                || body.raw().text().contains("Rate Limited");
            if rate_limited {
                Error::RateLimited {
                    reset_at: meta.as_ref().and_then(|m| m.rate_limit_reset_at()),
                    meta,
                    body,
                }
            } else {
                Error::Forbidden { meta, body }
            }
        }
        StatusCode::NOT_FOUND => Error::NotFound { meta, body },
        StatusCode::UNPROCESSABLE_ENTITY => {
            let mut fields = BTreeMap::new();
            // `errors.validation` is the documented shape; other `errors` (such as `query` for
            // an unknown trading partner on raw X12) are reported the same way.
            if let Some(errors) = body.errors() {
                flatten_validation("", errors.get("validation").unwrap_or(errors), &mut fields);
            }
            Error::Validation { fields, meta, body }
        }
        _ => Error::Api { status, meta, body },
    }
}

/// `{"member": ["required"], "birth_date": {"month": "Missing field."}}` ->
/// `member: [required]`, `birth_date.month: [Missing field.]`.
fn flatten_validation(prefix: &str, v: &Value, out: &mut BTreeMap<String, Vec<String>>) {
    let key = |k: &str| {
        if prefix.is_empty() {
            k.to_owned()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::Object(_) => flatten_validation(&key(k), v, out),
                    _ => out.entry(key(k)).or_default().extend(messages(v)),
                }
            }
        }
        other => out
            .entry(if prefix.is_empty() {
                "request".to_owned()
            } else {
                prefix.to_owned()
            })
            .or_default()
            .extend(messages(other)),
    }
}

fn messages(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(messages).collect(),
        Value::Null => Vec::new(),
        other => vec![other.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_one_pass_decode_agrees_with_the_two_pass_one() {
        // Each body both ways: `classify` (one pass where it can) and the two passes alone.
        let bodies: [&[u8]; 20] = [
            br#"{"meta": {"credits_billed": 1, "x": 2}, "data": {"a": [1, "b"]}}"#,
            br#"{"data": {"a": 1}, "meta": {"rate_limit_cap": 5}, "other": true}"#,
            br#"{"meta": [1], "data": {"a": 1}}"#,
            br#"{"meta": null, "data": null}"#,
            br#"{"meta": {"credits_billed": 1}, "data": null}"#,
            br#"{"meta": {"activity_id": "x"}}"#,
            br#"{"a": 1, "b": {"c": 2}}"#,
            br#"{"meta": {}, "data": {"a": 1}} trailing"#,
            br#"{"meta": {}, "data": {"errors": {"query": ["bad"]}}}"#,
            br#"{"data": {"errors": 1, "a": 2}}"#,
            br#"{"meta": {}, "data": {"a": 2, "errors": 1}}"#,
            br#"{"meta": {}, "data": {"a": {"errors": 1}}}"#,
            br#"{"meta": {}, "data": {"errors": 1, "errors": 2}}"#,
            br#"{"data": null}"#,
            br#"{"data": {"a": 1}}"#,
            br#"{"meta": null, "data": {"a": 1}}"#,
            br#"{"data": {"a": 1}, "data": {"a": 2}}"#,
            br#"{"meta": {}, "meta": {"credits_billed": 1}, "data": {"a": 1}}"#,
            br#"{"\u0064ata": {"a": 1}, "m\u0065ta": {"credits_billed": 2}}"#,
            br#"{"meta": {}, "data": {"a": "not a number"}}"#,
        ];
        #[derive(Debug, PartialEq, Deserialize)]
        struct Typed {
            a: Option<i64>,
        }
        fn agree<T: DeserializeOwned + PartialEq + std::fmt::Debug + 'static>(body: &'static [u8]) {
            let text = String::from_utf8_lossy(body);
            let body = Bytes::from_static(body);
            let one = || classify::<T>(StatusCode::OK, &body);
            same(one(), classify_envelope::<T>(StatusCode::OK, &body), &text);
            // The boxed decode (large answers) is the same decode.
            same(
                one(),
                classify_boxed::<T>(StatusCode::OK, &body).map(|b| *b),
                &text,
            );
        }
        for body in bodies {
            agree::<Value>(body);
            agree::<Option<Value>>(body);
            agree::<Typed>(body);
            agree::<Option<Typed>>(body);
            // The generic call's decode (no first-key watch) agrees with the watched one.
            let text = String::from_utf8_lossy(body);
            let body = Bytes::from_static(body);
            same(
                classify_value(StatusCode::OK, &body),
                classify::<Value>(StatusCode::OK, &body),
                &text,
            );
        }
        // And on bodies that are not objects, or not 2xx.
        for (status, body) in [
            (200, ""),
            (200, "  "),
            (200, "[1, 2]"),
            (200, "\"x12\""),
            (404, r#"{"meta": {}, "data": {"errors": "not found"}}"#),
        ] {
            let status = StatusCode::from_u16(status).unwrap();
            let bytes = Bytes::from_static(body.as_bytes());
            same(
                classify_value(status, &bytes),
                classify::<Value>(status, &bytes),
                body,
            );
        }
    }

    /// Two decodes of `body` gave the same answer (`meta`, `data`, status), or errors of the
    /// same kind.
    fn same<T: PartialEq + std::fmt::Debug + 'static>(
        a: Result<ApiResponse<T>>,
        b: Result<ApiResponse<T>>,
        body: &str,
    ) {
        match (a, b) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.meta, b.meta, "{body}");
                assert_eq!(a.data, b.data, "{body}");
                assert_eq!(a.status, b.status, "{body}");
            }
            (Err(a), Err(b)) => assert_eq!(
                std::mem::discriminant(&a),
                std::mem::discriminant(&b),
                "{body}"
            ),
            (a, b) => panic!("{body}: {a:?} vs {b:?}"),
        }
    }

    /// Types that would read a rejection (`{"errors": ...}`) as an answer if nothing looked at
    /// its key: every field optional, unknown keys ignored, skipped, or an `errors` variant.
    #[allow(dead_code)]
    mod lenient {
        use serde::Deserialize;
        use std::collections::HashMap;

        #[derive(Deserialize, Debug)]
        pub struct Loose {
            pub _a: Option<u32>,
        }
        #[derive(Deserialize, Debug)]
        pub struct Newtype(pub Loose);
        #[derive(Deserialize, Debug)]
        #[serde(rename_all = "lowercase")]
        pub enum Tagged {
            Errors(serde_json::Value),
            Other(u32),
        }
        #[derive(Deserialize, Debug)]
        #[serde(untagged)]
        pub enum Untagged {
            Map(HashMap<String, serde_json::Value>),
            Number(u32),
        }
        #[derive(Deserialize, Debug)]
        pub struct Flattened {
            #[serde(flatten)]
            pub _rest: HashMap<String, serde_json::Value>,
        }
        pub type Map = HashMap<String, serde_json::Value>;
        pub type ByteKeys = HashMap<serde_bytes_like::Key, serde::de::IgnoredAny>;

        /// A key read as bytes (`visit_bytes`/`visit_str`, whichever the decoder offers).
        pub mod serde_bytes_like {
            #[derive(PartialEq, Eq, Hash, Debug)]
            pub struct Key(pub Vec<u8>);
            impl<'de> serde::Deserialize<'de> for Key {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
                    struct V;
                    impl serde::de::Visitor<'_> for V {
                        type Value = Key;
                        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                            f.write_str("bytes")
                        }
                        fn visit_bytes<E>(self, v: &[u8]) -> Result<Key, E> {
                            Ok(Key(v.to_vec()))
                        }
                        fn visit_str<E>(self, v: &str) -> Result<Key, E> {
                            Ok(Key(v.as_bytes().to_vec()))
                        }
                    }
                    d.deserialize_bytes(V)
                }
            }
        }
    }

    #[test]
    fn a_rejection_is_found_however_its_key_is_written_and_whatever_the_type() {
        fn rejected<T: DeserializeOwned + std::fmt::Debug + 'static>(body: &str) {
            let r = classify::<T>(StatusCode::OK, &Bytes::from(body.to_owned()));
            assert!(
                matches!(r, Err(Error::TradingPartner { .. })),
                "{} from {body}: {r:?}",
                std::any::type_name::<T>()
            );
        }
        fn accepted<T: DeserializeOwned + std::fmt::Debug + 'static>(body: &str) {
            let r = classify::<T>(StatusCode::OK, &Bytes::from(body.to_owned()));
            assert!(
                r.is_ok(),
                "{} from {body}: {r:?}",
                std::any::type_name::<T>()
            );
        }
        use lenient::*;
        for body in [
            r#"{"meta": {}, "data": {"errors": {"query": ["bad"]}}}"#,
            r#"{"data": {"errors": {"query": ["bad"]}}}"#,
            r#"{"data": {"errors": ["bad"]}, "meta": {"activity_id": "a"}}"#,
            r#"{"meta": {}, "data": {"\u0065rrors": {"query": ["bad"]}}}"#,
            r#"{"meta": {}, "data": {"erro\u0072s": ["bad"]}}"#,
            r#"{"meta": {}, "data": {"err\u006Frs": ["bad"]}}"#,
        ] {
            rejected::<Value>(body);
            rejected::<Loose>(body);
            rejected::<Option<Loose>>(body);
            rejected::<Newtype>(body);
            rejected::<Tagged>(body);
            rejected::<Untagged>(body);
            rejected::<Flattened>(body);
            rejected::<Map>(body);
            rejected::<ByteKeys>(body);
            rejected::<IgnoredAny>(body);
        }
        // Not a rejection: another key with it, or `errors` deeper down.
        for body in [
            r#"{"meta": {}, "data": {"errors": 1, "_a": 2}}"#,
            r#"{"meta": {}, "data": {"_a": 2, "errors": 1}}"#,
            r#"{"data": {"_a": null, "more": {"errors": 1}}}"#,
        ] {
            accepted::<Value>(body);
            accepted::<Loose>(body);
            accepted::<Map>(body);
            accepted::<Flattened>(body);
            accepted::<IgnoredAny>(body);
        }
    }

    #[test]
    fn meta_keeps_unknown_and_mistyped_keys() {
        let v = json!({"activity_id": "a1", "processing_time": 3.5, "credits_billed": 1,
                       "next": "https://x/api/v4/providers/?offset=20", "surprise": [1, 2]});
        let meta: Meta = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(meta.activity_id.as_deref(), Some("a1"));
        assert_eq!(meta.credits_billed, Some(1));
        assert_eq!(meta.processing_time, None);
        assert_eq!(meta.extra["processing_time"], json!(3.5));
        assert_eq!(serde_json::to_value(&meta).unwrap(), v);
    }

    /// `Meta` as it was decoded before its visitor: a map, then each known key of its type
    /// taken out of it. The visitor must agree with it on every input.
    fn meta_through_a_map(json: &str) -> Option<Meta> {
        let mut extra = match serde_json::from_str::<Option<Map<String, Value>>>(json).ok()? {
            Some(m) => m,
            None => return Some(Meta::default()),
        };
        let mut meta = Meta::default();
        macro_rules! take {
            ($name:ident, string) => {
                if let Some(Value::String(_)) = extra.get(stringify!($name)) {
                    if let Some(Value::String(s)) = extra.remove(stringify!($name)) {
                        meta.$name = Some(s);
                    }
                }
            };
            ($name:ident, int) => {
                if let Some(n) = extra.get(stringify!($name)).and_then(Value::as_i64) {
                    extra.remove(stringify!($name));
                    meta.$name = Some(n);
                }
            };
        }
        meta_fields!(take);
        meta.extra = extra;
        Some(meta)
    }

    #[test]
    fn the_meta_visitor_agrees_with_a_map_on_every_shape() {
        for json in [
            "null",
            "{}",
            r#"{"activity_id": "a1", "application_mode": "test", "credits_billed": 1,
                "credits_remaining": -4, "message": "m", "next": "n", "previous": "p",
                "processing_time": 9, "rate_limit_amount": 2, "rate_limit_cap": 100,
                "rate_limit_reset": 1700000000, "result_count": 0}"#,
            // Known keys of other types stay in `extra`, as sent.
            r#"{"activity_id": 5, "credits_billed": "1", "processing_time": 3.5,
                "next": null, "message": ["x"], "result_count": {"n": 1},
                "rate_limit_cap": 18446744073709551615, "rate_limit_amount": true}"#,
            // Unknown keys of every type.
            r#"{"surprise": [1, {"a": null}], "flag": false, "n": -1, "f": 1e3, "s": "\u00e9"}"#,
            // A repeated key: the last one decides, whatever the types.
            r#"{"activity_id": "a", "activity_id": 7}"#,
            r#"{"activity_id": 7, "activity_id": "b"}"#,
            r#"{"credits_billed": 1, "credits_billed": 2, "x": 1, "x": [2]}"#,
            // Escaped key names.
            r#"{"activity\u005fid": "esc", "\u006eext": "n"}"#,
        ] {
            let want = meta_through_a_map(json).unwrap();
            let got: Meta = serde_json::from_str(json).unwrap();
            assert_eq!(got, want, "{json}");
            let from_value: Meta =
                serde_json::from_value(serde_json::from_str::<Value>(json).unwrap()).unwrap();
            assert_eq!(from_value, want, "{json} through a Value");
        }
        // Not an object: an error both ways.
        for json in ["[1]", "1", r#""meta""#, "{\"a\": }"] {
            assert!(meta_through_a_map(json).is_none(), "{json}");
            assert!(serde_json::from_str::<Meta>(json).is_err(), "{json}");
        }
    }

    /// (Not in the agreement test above: a body that is not UTF-8 takes the two passes on both
    /// of its sides.)
    #[test]
    fn a_body_that_is_not_utf8_is_read_by_the_two_passes() {
        #[derive(Debug, PartialEq, Deserialize)]
        struct Typed {
            a: Option<i64>,
        }
        let body = |b: &'static [u8]| Bytes::from_static(b);
        // Outside `meta` and `data`: skipped, the answer decodes (the typed, the generic call).
        let outside =
            body(b"{\"x\": \"\xff\", \"meta\": {\"credits_billed\": 1}, \"data\": {\"a\": 1}}");
        let typed = classify::<Typed>(StatusCode::OK, &outside).unwrap();
        assert_eq!(
            (typed.data.a, typed.meta.credits_billed),
            (Some(1), Some(1))
        );
        let generic = classify_value(StatusCode::OK, &outside).unwrap();
        assert_eq!(generic.data, json!({"a": 1}));
        // In `data` or `meta`: not JSON text, a decode error that keeps the status and body,
        // whether or not `T` reads that string.
        for bad in [
            body(b"{\"meta\": {}, \"data\": {\"a\": 1, \"b\": \"\xff\"}}"),
            body(b"{\"meta\": {\"message\": \"\xe2\x82\"}, \"data\": {\"a\": 1}}"),
        ] {
            for r in [
                classify::<Typed>(StatusCode::OK, &bad).map(drop),
                classify_value(StatusCode::OK, &bad).map(drop),
            ] {
                match r {
                    Err(Error::Decode { status, body, .. }) => {
                        assert_eq!(status, StatusCode::OK);
                        assert_eq!(body.0, bad);
                    }
                    other => panic!("{other:?}"),
                }
            }
        }
        // A body that is all `data` (no envelope): says where the text stops being UTF-8.
        for bad in [body(b"[1, \"\xff\"]"), body(b"{\"x\": \"\xff\"}")] {
            match classify_value(StatusCode::OK, &bad) {
                Err(Error::Decode { path, kind, .. }) => {
                    assert_eq!(path, ".");
                    assert!(kind.starts_with("invalid JSON: not UTF-8 (byte "), "{kind}");
                }
                other => panic!("{other:?}"),
            }
        }
    }

    fn ok<T: DeserializeOwned>(body: &str) -> Result<ApiResponse<T>> {
        classify(StatusCode::OK, &Bytes::from(body.to_owned()))
    }

    #[test]
    fn envelopes_and_bare_bodies_decode_in_one_pass() {
        let r = ok::<Vec<u32>>(r#"{"meta": {"activity_id": "a"}, "data": [1, 2]}"#).unwrap();
        assert_eq!(
            (r.meta.activity_id.as_deref(), r.data),
            (Some("a"), vec![1, 2])
        );
        // No envelope: the whole body is the data (pharmacy and raw X12 answers).
        assert_eq!(ok::<Vec<u32>>("[3]").unwrap().data, vec![3]);
        let bare = ok::<Value>(r#"{"x12": "ISA*~"}"#).unwrap();
        assert_eq!(bare.data["x12"], "ISA*~");
        assert!(bare.meta.is_empty());
        assert_eq!(
            ok::<Value>(r#"{"meta": {}, "data": null}"#).unwrap().data,
            Value::Null
        );
        // A meta of an unexpected shape does not sink the payload.
        assert_eq!(ok::<u32>(r#"{"meta": [1], "data": 7}"#).unwrap().data, 7);
    }

    #[test]
    fn broken_or_mistyped_bodies_are_decode_errors_with_paths() {
        for body in [
            r#"{"data": [1, 2"#,
            r#"{"data": 1} trailing"#,
            "[1] trailing",
        ] {
            assert!(matches!(ok::<Value>(body), Err(Error::Decode { path, .. }) if path == "."));
        }
        let e = ok::<Vec<u32>>(r#"{"data": [1, "two"]}"#).unwrap_err();
        assert!(matches!(e, Error::Decode { path, .. } if path == "data[1]"));
    }

    #[test]
    fn data_that_is_only_errors_is_a_rejection_and_anything_more_is_not() {
        let e =
            ok::<Value>(r#"{"meta": {"credits_billed": 0}, "data": {"errors": {"query": "x"}}}"#)
                .unwrap_err();
        assert!(matches!(&e, Error::TradingPartner { .. }));
        assert_eq!(e.meta().unwrap().credits_billed, Some(0));
        assert_eq!(e.body().unwrap().errors().unwrap()["query"], "x");
        let r = ok::<Value>(r#"{"data": {"errors": [], "id": "a"}}"#).unwrap();
        assert_eq!(r.data["id"], "a");
    }

    #[test]
    fn a_422_without_validation_reports_its_other_errors() {
        let body = json!({"data": {"errors": {"query": "Unable to find configuration"}}});
        let e = error_from(
            StatusCode::UNPROCESSABLE_ENTITY,
            Bytes::from(body.to_string()),
        );
        let Error::Validation { fields, .. } = e else {
            panic!("not validation")
        };
        assert_eq!(fields["query"], vec!["Unable to find configuration"]);
    }

    #[test]
    fn nested_validation_messages_are_flattened() {
        let body = json!({"data": {"errors": {"validation": {
            "member": ["This field is required."],
            "birth_date": {"month": "Missing field."}}}}});
        let e = error_from(
            StatusCode::UNPROCESSABLE_ENTITY,
            Bytes::from(body.to_string()),
        );
        let Error::Validation { fields, .. } = e else {
            panic!("not validation")
        };
        assert_eq!(fields["member"], vec!["This field is required."]);
        assert_eq!(fields["birth_date.month"], vec!["Missing field."]);
    }
}
