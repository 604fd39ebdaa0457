//! The crate's error type.
//!
//! Every non-2xx answer of the platform becomes a typed [`Error`] that keeps its HTTP status,
//! the `meta` block and the parsed error body. Nothing in an error's `Display` or `Debug` output
//! contains a request or response body, a token or a secret: bodies may hold patient data (PHI),
//! so they are reachable only through accessors ([`ErrorBody`], [`RawBody`]).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use serde_json::Value;

use crate::response::Meta;

/// `Result` with this crate's [`Error`] as the default error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when talking to the PokitDok platform.
///
/// Errors are cheap to clone (large parts are reference counted) so that one failed token
/// request can be reported to every caller that was waiting for it.
///
/// ```
/// # async fn run(pd: pokitdok::PokitDok) {
/// match pd.get("/activities/").send().await {
///     Ok(r) => println!("{} activities", r.meta.result_count.unwrap_or(0)),
///     Err(pokitdok::Error::RateLimited { reset_at, .. }) => println!("retry after {reset_at:?}"),
///     Err(pokitdok::Error::Validation { fields, .. }) => {
///         for (field, messages) in &fields {
///             println!("{field}: {}", messages.join("; "));
///         }
///     }
///     Err(e) => println!("failed: {e} (status {:?})", e.status()),
/// }
/// # }
/// ```
#[derive(Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The client was configured wrongly, or a call was given an argument it cannot send
    /// (a path outside the API base, an id that would change the path, a header that is not
    /// valid HTTP, a body that cannot be serialized).
    #[error("configuration error: {0}")]
    Config(String),

    /// The token endpoint refused to issue a token (wrong credentials, `invalid_grant`, ...),
    /// or answered with something that is not a token.
    #[error("{}", auth_display(*.status, .error.as_deref(), .description.as_deref()))]
    Auth {
        /// HTTP status of the token endpoint's answer, when one arrived.
        status: Option<StatusCode>,
        /// The OAuth2 `error` code (`invalid_client`, `invalid_grant`, ...), when sent.
        error: Option<String>,
        /// The OAuth2 `error_description`, when sent.
        description: Option<String>,
    },

    /// The client holds no usable token and cannot get one by itself: a client built for the
    /// authorization-code flow has no token yet, or its refresh token was refused. Send the
    /// user through [`PokitDok::authorization_url`](crate::PokitDok::authorization_url) again.
    #[error("authorization required: {reason}")]
    AuthorizationRequired {
        /// Why no token could be obtained.
        reason: String,
    },

    /// The API answered 401 even after the one token refresh and replay the client performs
    /// (or automatic refresh is off).
    #[error("unauthorized (401): the access token was refused")]
    Unauthorized {
        /// The `meta` block, if the body had one.
        meta: Option<Box<Meta>>,
        /// The parsed body (`{"message": "Unauthorized"}` on the real platform).
        body: ErrorBody,
    },

    /// 402: the application has no credits left for a billable endpoint.
    #[error("insufficient credits (402)")]
    InsufficientCredits {
        /// The `meta` block (with `credits_remaining`), if the body had one.
        meta: Option<Box<Meta>>,
        /// The parsed body.
        body: ErrorBody,
    },

    /// 403 `Forbidden (Rate Limited)`: too many requests this period. Replay after `reset_at`.
    #[error("rate limited (403){}", reset_display(*.reset_at))]
    RateLimited {
        /// When the rate-limit window resets (from `meta.rate_limit_reset`), when known.
        reset_at: Option<SystemTime>,
        /// The `meta` block, if the body had one.
        meta: Option<Box<Meta>>,
        /// The parsed body.
        body: ErrorBody,
    },

    /// Any other 403, e.g. an API that needs an OAuth scope the token does not have.
    #[error("forbidden (403)")]
    Forbidden {
        /// The `meta` block, if the body had one.
        meta: Option<Box<Meta>>,
        /// The parsed body; `data.errors` (e.g. `{"scope": ...}`) is in [`ErrorBody::errors`].
        body: ErrorBody,
    },

    /// 404: no such resource or endpoint (removed endpoints answer with `closest_api_match`).
    #[error("not found (404)")]
    NotFound {
        /// The `meta` block, if the body had one.
        meta: Option<Box<Meta>>,
        /// The parsed body.
        body: ErrorBody,
    },

    /// 422: the platform refused the request's data. `fields` maps each field name to its
    /// messages, from `data.errors.validation` (nested objects become `parent.child` names).
    #[error("validation failed (422) for {}", field_names(.fields))]
    Validation {
        /// Field name -> messages.
        fields: BTreeMap<String, Vec<String>>,
        /// The `meta` block, if the body had one.
        meta: Option<Box<Meta>>,
        /// The parsed body, for anything not covered by `fields`.
        body: ErrorBody,
    },

    /// A 2xx answer whose `data` is only `{"errors": ...}`: the trading partner rejected the
    /// transaction (`errors.parsing`, an X12 999/TA1) or the request could not be routed
    /// (`errors.query`).
    #[error("request rejected by the trading partner ({status})")]
    TradingPartner {
        /// HTTP status of the answer.
        status: StatusCode,
        /// The `meta` block, if the body had one.
        meta: Option<Box<Meta>>,
        /// The parsed body; the rejection is in [`ErrorBody::errors`].
        body: ErrorBody,
    },

    /// Any other non-2xx answer (400, 5xx, an HTML error page, a redirect that was not
    /// followed, ...).
    #[error("API error ({status})")]
    Api {
        /// HTTP status of the answer.
        status: StatusCode,
        /// The `meta` block, if the body had one.
        meta: Option<Box<Meta>>,
        /// The parsed body, and the raw bytes.
        body: ErrorBody,
    },

    /// The request could not be sent or its answer could not be read (DNS, connect, TLS,
    /// connection reset). The URL is stripped from the inner error.
    #[error("transport error: {}", transport_display(.0))]
    Transport(#[source] Arc<reqwest::Error>),

    /// The request timed out. The request may or may not have reached the server: do not
    /// resubmit a claim without checking `/activities/` first.
    #[error("request timed out")]
    Timeout,

    /// A 2xx answer's body did not decode into the expected type.
    #[error("could not decode the response (status {status}) at `{path}`: {kind}")]
    Decode {
        /// HTTP status of the answer.
        status: StatusCode,
        /// The JSON path of the value that failed (`data.coverage.plan_begin_date`).
        path: String,
        /// What kind of failure (syntax, type mismatch, truncated input). Never includes values.
        kind: String,
        /// The raw body, for inspection.
        body: RawBody,
    },

    /// The `state` returned to the redirect URI does not match one this client issued (or was
    /// missing, or was already used): a possible CSRF attempt.
    #[error("OAuth2 state mismatch: the authorization response was not issued for this client")]
    StateMismatch,
}

fn auth_display(status: Option<StatusCode>, error: Option<&str>, desc: Option<&str>) -> String {
    let mut s = String::from("token request refused");
    if let Some(st) = status {
        s.push_str(&format!(" ({st})"));
    }
    if let Some(e) = error {
        s.push_str(&format!(": {e}"));
    }
    if let Some(d) = desc {
        s.push_str(&format!(" - {d}"));
    }
    s
}

fn reset_display(reset: Option<SystemTime>) -> String {
    match reset.and_then(|r| r.duration_since(SystemTime::UNIX_EPOCH).ok()) {
        Some(d) => format!(", resets at unix time {}", d.as_secs()),
        None => String::new(),
    }
}

fn field_names(fields: &BTreeMap<String, Vec<String>>) -> String {
    if fields.is_empty() {
        "the request".to_owned()
    } else {
        fields.keys().cloned().collect::<Vec<_>>().join(", ")
    }
}

fn transport_display(e: &reqwest::Error) -> String {
    if e.is_connect() {
        "could not connect".to_owned()
    } else if e.is_redirect() {
        "redirect refused".to_owned()
    } else if e.is_body() || e.is_decode() {
        "could not read the response body".to_owned()
    } else if e.is_request() {
        "could not send the request".to_owned()
    } else {
        "connection failed".to_owned()
    }
}

impl fmt::Debug for Error {
    // Hand-written so that no body (PHI) and no secret can appear: bodies are summarised by
    // their size, and only field *names* of validation errors are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(m) => f.debug_tuple("Config").field(m).finish(),
            Error::Auth {
                status,
                error,
                description,
            } => f
                .debug_struct("Auth")
                .field("status", status)
                .field("error", error)
                .field("description", description)
                .finish(),
            Error::AuthorizationRequired { reason } => f
                .debug_struct("AuthorizationRequired")
                .field("reason", reason)
                .finish(),
            Error::Unauthorized { meta, body } => debug_http(f, "Unauthorized", None, meta, body),
            Error::InsufficientCredits { meta, body } => {
                debug_http(f, "InsufficientCredits", None, meta, body)
            }
            Error::RateLimited {
                reset_at,
                meta,
                body,
            } => f
                .debug_struct("RateLimited")
                .field("reset_at", reset_at)
                .field("meta", meta)
                .field("body", body)
                .finish(),
            Error::Forbidden { meta, body } => debug_http(f, "Forbidden", None, meta, body),
            Error::NotFound { meta, body } => debug_http(f, "NotFound", None, meta, body),
            Error::Validation { fields, meta, body } => f
                .debug_struct("Validation")
                .field("fields", &fields.keys().collect::<Vec<_>>())
                .field("meta", meta)
                .field("body", body)
                .finish(),
            Error::TradingPartner { status, meta, body } => {
                debug_http(f, "TradingPartner", Some(*status), meta, body)
            }
            Error::Api { status, meta, body } => debug_http(f, "Api", Some(*status), meta, body),
            Error::Transport(e) => f.debug_tuple("Transport").field(e).finish(),
            Error::Timeout => f.write_str("Timeout"),
            Error::Decode {
                status,
                path,
                kind,
                body,
            } => f
                .debug_struct("Decode")
                .field("status", status)
                .field("path", path)
                .field("kind", kind)
                .field("body", body)
                .finish(),
            Error::StateMismatch => f.write_str("StateMismatch"),
        }
    }
}

fn debug_http(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    status: Option<StatusCode>,
    meta: &Option<Box<Meta>>,
    body: &ErrorBody,
) -> fmt::Result {
    let mut d = f.debug_struct(name);
    if let Some(s) = status {
        d.field("status", &s);
    }
    d.field("meta", meta).field("body", body).finish()
}

impl Error {
    /// The HTTP status behind this error, when there was an HTTP answer.
    ///
    /// ```
    /// let e = pokitdok::Error::Timeout;
    /// assert_eq!(e.status(), None);
    /// ```
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Auth { status, .. } => *status,
            Error::Unauthorized { .. } => Some(StatusCode::UNAUTHORIZED),
            Error::InsufficientCredits { .. } => Some(StatusCode::PAYMENT_REQUIRED),
            Error::RateLimited { .. } | Error::Forbidden { .. } => Some(StatusCode::FORBIDDEN),
            Error::NotFound { .. } => Some(StatusCode::NOT_FOUND),
            Error::Validation { .. } => Some(StatusCode::UNPROCESSABLE_ENTITY),
            Error::TradingPartner { status, .. }
            | Error::Api { status, .. }
            | Error::Decode { status, .. } => Some(*status),
            Error::Transport(e) => e.status(),
            Error::Config(_)
            | Error::AuthorizationRequired { .. }
            | Error::Timeout
            | Error::StateMismatch => None,
        }
    }

    /// The response's `meta` block (activity id, credits, rate-limit counters), when the error
    /// body carried one.
    pub fn meta(&self) -> Option<&Meta> {
        match self {
            Error::Unauthorized { meta, .. }
            | Error::InsufficientCredits { meta, .. }
            | Error::RateLimited { meta, .. }
            | Error::Forbidden { meta, .. }
            | Error::NotFound { meta, .. }
            | Error::Validation { meta, .. }
            | Error::TradingPartner { meta, .. }
            | Error::Api { meta, .. } => meta.as_deref(),
            _ => None,
        }
    }

    /// The parsed error body, for errors that come from an HTTP answer of the API.
    pub fn body(&self) -> Option<&ErrorBody> {
        match self {
            Error::Unauthorized { body, .. }
            | Error::InsufficientCredits { body, .. }
            | Error::RateLimited { body, .. }
            | Error::Forbidden { body, .. }
            | Error::NotFound { body, .. }
            | Error::Validation { body, .. }
            | Error::TradingPartner { body, .. }
            | Error::Api { body, .. } => Some(body),
            _ => None,
        }
    }

    /// Whether the same request may succeed if sent again later: rate limiting, timeouts,
    /// transport failures and 5xx answers (502, 503, 504 and 500).
    ///
    /// This says nothing about whether a retry is *safe*: a POST that timed out or got a 5xx may
    /// have been processed. Only [`Error::is_connect`] proves a request never reached the server.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::RateLimited { .. } | Error::Timeout | Error::Transport(_) => true,
            Error::Api { status, .. } => status.is_server_error(),
            Error::Auth { status, .. } => status.is_some_and(|s| s.is_server_error()),
            _ => false,
        }
    }

    /// Whether the request failed before a connection was made, so the server never saw it.
    pub fn is_connect(&self) -> bool {
        matches!(self, Error::Transport(e) if e.is_connect())
    }

    /// How long to wait before replaying a rate-limited request, if this is
    /// [`Error::RateLimited`] with a known reset time (zero when the reset is already past).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited {
                reset_at: Some(at), ..
            } => Some(
                at.duration_since(SystemTime::now())
                    .unwrap_or(Duration::ZERO),
            ),
            _ => None,
        }
    }

    pub(crate) fn config(msg: impl Into<String>) -> Self {
        Error::Config(msg.into())
    }

    pub(crate) fn from_reqwest(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            Error::Timeout
        } else {
            Error::Transport(Arc::new(e.without_url()))
        }
    }
}

/// An error answer's body: the raw bytes plus, when it was JSON, its parsed form.
///
/// The platform labels JSON errors `text/html`; parsing never depends on `Content-Type`.
/// `Debug` shows only sizes and key names, never values (they may hold patient data).
#[derive(Clone, Default)]
pub struct ErrorBody {
    raw: RawBody,
    json: Option<Arc<Value>>,
}

impl ErrorBody {
    pub(crate) fn new(raw: bytes::Bytes, json: Option<Value>) -> Self {
        ErrorBody {
            raw: RawBody(raw),
            json: json.map(Arc::new),
        }
    }

    /// The body as received.
    pub fn raw(&self) -> &RawBody {
        &self.raw
    }

    /// The whole body parsed as JSON, when it was JSON.
    pub fn json(&self) -> Option<&Value> {
        self.json.as_deref()
    }

    /// `data.errors` of the envelope (`{"validation": ...}`, `{"parsing": ...}`,
    /// `{"scope": ...}`, ...), when present.
    pub fn errors(&self) -> Option<&Value> {
        self.json()?.get("data")?.get("errors")
    }

    /// The body decoded as the platform's error envelope, when it was JSON of that shape.
    pub fn parsed(&self) -> Option<crate::models::common::ErrorEnvelope> {
        serde::Deserialize::deserialize(self.json()?).ok()
    }

    /// The bare `message` of the platform's 401/402/403 bodies, or `meta.message`.
    pub fn message(&self) -> Option<&str> {
        let json = self.json()?;
        json.get("message")
            .or_else(|| json.get("meta")?.get("message"))
            .and_then(Value::as_str)
    }
}

impl fmt::Debug for ErrorBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("ErrorBody");
        d.field("raw", &self.raw);
        if let Some(Value::Object(map)) = self.json() {
            d.field("keys", &map.keys().collect::<Vec<_>>());
        }
        d.finish()
    }
}

/// Raw response bytes. `Debug` prints only the length.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RawBody(pub(crate) bytes::Bytes);

impl RawBody {
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes as text (invalid UTF-8 replaced).
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.0)
    }
}

impl fmt::Debug for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0.len())
    }
}
