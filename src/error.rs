//! The crate's error type.
//!
//! Every non-2xx answer of the platform becomes a typed [`Error`] that keeps its HTTP status,
//! the `meta` block and the parsed error body. Nothing in an error's `Display` or `Debug` output
//! contains a request or response body, a URL or query value, a token or a secret: bodies and
//! queries may hold patient data (PHI), so bodies are reachable only through accessors
//! ([`ErrorBody`], [`RawBody`]).

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
///     Err(pokitdok::Error::Timeout { phase, .. }) => println!("timed out ({phase})"),
///     Err(e) => println!("failed: {e} (status {:?})", e.status()),
/// }
/// # }
/// ```
///
/// # Room to grow
///
/// The enum and every one of its variants are `#[non_exhaustive]`: new variants and new fields
/// can be added without breaking callers. Match variants with `{ .. }`, naming only the fields
/// you use (`Error::StateMismatch { .. }` too), and keep a catch-all arm:
///
/// ```
/// use pokitdok::{Error, TimeoutPhase};
///
/// fn describe(e: &Error) -> String {
///     match e {
///         Error::Timeout { phase: TimeoutPhase::Connect, .. } => "not sent".into(),
///         Error::Timeout { source, .. } => format!("maybe sent: {source}"),
///         Error::OutcomeUnknown { application_data, .. } => format!("check {application_data:?}"),
///         Error::Config { message, .. } => message.clone(),
///         Error::TooManyRedirects { redirects, .. } => format!("{redirects} redirects"),
///         Error::StateMismatch { .. } => "forged callback".into(),
///         other => other.to_string(),
///     }
/// }
/// ```
///
/// Naming every field without `..` does not compile, so that adding a field later cannot break
/// such code:
///
/// ```compile_fail,E0638
/// fn phase(e: &pokitdok::Error) -> Option<pokitdok::TimeoutPhase> {
///     match e {
///         pokitdok::Error::Timeout { phase, source } => Some(*phase),
///         _ => None,
///     }
/// }
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub enum Error {
    /// The client was configured wrongly, or a call was given an argument it cannot send
    /// (a path outside the API base, an id that would change the path, a header that is not
    /// valid HTTP, a body that cannot be serialized).
    #[non_exhaustive]
    Config {
        /// What is wrong. Never contains a secret, a token or a value of the request.
        message: String,
    },

    /// The token endpoint refused to issue a token (wrong credentials, `invalid_grant`, ...),
    /// or answered with something that is not a token.
    #[non_exhaustive]
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
    #[non_exhaustive]
    AuthorizationRequired {
        /// Why no token could be obtained.
        reason: String,
    },

    /// The API answered 401 even after the one token refresh and replay the client performs
    /// (or automatic refresh is off).
    #[non_exhaustive]
    Unauthorized {
        /// The `meta` block, if the body had one.
        meta: Option<Box<Meta>>,
        /// The parsed body (`{"message": "Unauthorized"}` on the real platform).
        body: ErrorBody,
    },

    /// 402: the application has no credits left for a billable endpoint.
    #[non_exhaustive]
    InsufficientCredits {
        /// The `meta` block (with `credits_remaining`), if the body had one.
        meta: Option<Box<Meta>>,
        /// The parsed body.
        body: ErrorBody,
    },

    /// 403 `Forbidden (Rate Limited)`: too many requests this period. Replay after `reset_at`.
    #[non_exhaustive]
    RateLimited {
        /// When the rate-limit window resets (from `meta.rate_limit_reset`), when known.
        reset_at: Option<SystemTime>,
        /// The `meta` block, if the body had one.
        meta: Option<Box<Meta>>,
        /// The parsed body.
        body: ErrorBody,
    },

    /// Any other 403, e.g. an API that needs an OAuth scope the token does not have.
    #[non_exhaustive]
    Forbidden {
        /// The `meta` block, if the body had one.
        meta: Option<Box<Meta>>,
        /// The parsed body; `data.errors` (e.g. `{"scope": ...}`) is in [`ErrorBody::errors`].
        body: ErrorBody,
    },

    /// 404: no such resource or endpoint (removed endpoints answer with `closest_api_match`).
    #[non_exhaustive]
    NotFound {
        /// The `meta` block, if the body had one.
        meta: Option<Box<Meta>>,
        /// The parsed body.
        body: ErrorBody,
    },

    /// 422: the platform refused the request's data. `fields` maps each field name to its
    /// messages, from `data.errors.validation` (nested objects become `parent.child` names).
    #[non_exhaustive]
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
    #[non_exhaustive]
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
    #[non_exhaustive]
    Api {
        /// HTTP status of the answer.
        status: StatusCode,
        /// The `meta` block, if the body had one.
        meta: Option<Box<Meta>>,
        /// The parsed body, and the raw bytes.
        body: ErrorBody,
    },

    /// A GET kept being redirected: the client followed the allowed number of same-origin
    /// redirects inside the API and the last answer was a redirect again. The redirect
    /// targets are not kept (a URL's query can hold patient data).
    #[non_exhaustive]
    TooManyRedirects {
        /// How many redirects were followed before giving up (the client's limit, 5).
        redirects: u32,
        /// The status of the last answer, a redirect (`302 Found`, ...).
        status: StatusCode,
    },

    /// The request could not be sent or its answer could not be read (DNS, connect, TLS,
    /// connection reset). [`Error::is_connect`] tells whether it provably never reached the
    /// server.
    #[non_exhaustive]
    Transport {
        /// The underlying reqwest error, with its URL stripped. Also returned by
        /// [`std::error::Error::source`].
        source: Arc<reqwest::Error>,
    },

    /// A timeout ran out; `phase` says where. Only [`TimeoutPhase::Connect`] proves the request
    /// never reached the server (and [`Error::is_connect`] says so). A POST (a claim, an
    /// eligibility request, an upload) that may have reached the server is never returned as a
    /// bare `Timeout`: it is [`Error::OutcomeUnknown`] with this error as its source.
    #[non_exhaustive]
    Timeout {
        /// Which phase timed out.
        phase: TimeoutPhase,
        /// The underlying error, also returned by [`std::error::Error::source`]: the reqwest
        /// error (URL stripped; `downcast_ref::<reqwest::Error>()`) when a connect or
        /// per-attempt timeout of reqwest ran out; a description of the call's deadline for
        /// [`TimeoutPhase::Deadline`] and for a token wait cut short by the deadline.
        source: Arc<dyn std::error::Error + Send + Sync + 'static>,
    },

    /// The request may have reached the platform and been processed, but the client cannot
    /// tell: a POST or PATCH timed out after it was sent, its connection was reset, its answer
    /// could not be read, or the platform (or a proxy) answered with a 5xx. Such a request is
    /// never resent automatically (a claim must not be submitted twice), and
    /// [`Error::is_safe_to_retry`] is `false`.
    ///
    /// Look the activity up before resubmitting: `application_data` is the `application_data`
    /// of the JSON body that was sent (the handle the platform stores on the activity and
    /// lists with it in `GET /activities/`), and `source` the failure. A claim sent with
    /// [`Call::idempotency_key`](crate::Call::idempotency_key) does this lookup by itself.
    ///
    /// `Debug` shows the keys of `application_data`, never its values.
    #[non_exhaustive]
    OutcomeUnknown {
        /// `application_data` of the JSON body that was sent, when it had one.
        application_data: Option<Value>,
        /// What went wrong (a [`Error::Timeout`], [`Error::Transport`], [`Error::Api`] with
        /// a 5xx, [`Error::ResponseTooLarge`] ...).
        source: Box<Error>,
    },

    /// An answer's body was larger than the client's limit
    /// ([`PokitDokBuilder::max_response_size`](crate::PokitDokBuilder::max_response_size),
    /// 32 MiB by default); reading stopped there. Applies to successful answers and error
    /// bodies alike. Never retried (the same answer would come back).
    #[non_exhaustive]
    ResponseTooLarge {
        /// HTTP status of the answer.
        status: StatusCode,
        /// The limit, in bytes.
        limit: u64,
    },

    /// A 2xx answer's body did not decode into the expected type.
    #[non_exhaustive]
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
    /// missing, or was already used): a possible CSRF attempt. Match it as
    /// `Error::StateMismatch { .. }`.
    #[non_exhaustive]
    StateMismatch {},

    /// Paging through a collection ([`Page::next_page`](crate::Page::next_page),
    /// [`Page::stream`](crate::Page::stream)) stopped before the server said the collection
    /// ended, because going on would never end: `meta.next` led back to a page already fetched,
    /// the server sent a page already received (it ignores `offset`), or the hard limit of
    /// pages was reached. Every item received before this error is genuine, but **the
    /// collection may be incomplete**; a stream yields this error as its last item.
    #[non_exhaustive]
    Pagination {
        /// Why paging stopped.
        reason: PaginationStop,
        /// How many pages had been fetched, the first one included.
        pages: u32,
    },

    /// A shared store ([`store`](crate::store)) failed where the client cannot do without it:
    /// starting or completing a login (the authorization store fails closed: a login whose
    /// state cannot be checked must not proceed), including an in-memory authorization store
    /// that is full ([`StoreErrorKind::Full`](crate::store::StoreErrorKind::Full)). The token
    /// cache and the rate limiter never fail a call: they fall back to process-local state.
    #[non_exhaustive]
    Store {
        /// What failed, and how ([`StoreError::kind`](crate::store::StoreError::kind)). Never
        /// holds a token, a secret, a state, a session id or the store's URL.
        source: crate::store::StoreError,
    },
}

/// Why an [`Error::Pagination`] stopped paging.
///
/// ```
/// use pokitdok::PaginationStop;
///
/// assert_eq!(PaginationStop::Cycle.to_string(), "meta.next led back to a page already fetched");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PaginationStop {
    /// `meta.next` named a URL already followed in this chain of pages (A -> B -> A, or a page
    /// linking to itself). It was not requested again.
    Cycle,
    /// The server answered with a page whose `data` is byte for byte that of an earlier page of
    /// the chain: it ignores `offset` (or the cursor of `meta.next`).
    RepeatedPage,
    /// The chain reached [`Page::MAX_PAGES`](crate::Page::MAX_PAGES) pages.
    TooManyPages,
}

impl fmt::Display for PaginationStop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PaginationStop::Cycle => "meta.next led back to a page already fetched",
            PaginationStop::RepeatedPage => "the server sent a page it had already sent",
            PaginationStop::TooManyPages => "the page limit was reached",
        })
    }
}

/// Which phase of a call a [`Error::Timeout`] happened in.
///
/// ```
/// assert_eq!(pokitdok::TimeoutPhase::Connect.to_string(), "connect");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeoutPhase {
    /// Obtaining or refreshing the access token at the token endpoint (the API request itself
    /// was not sent).
    Token,
    /// Opening the connection to the API (the connect timeout): the request was not sent.
    Connect,
    /// The per-request timeout ran out after the connection was being used: the request may
    /// have been sent, and the client was waiting for or reading the answer. (A per-request
    /// timeout that runs out during a slow connect cannot be told apart and is reported here
    /// too: the safe side.)
    Request,
    /// The call's overall deadline ([`RetryPolicy::deadline`](crate::RetryPolicy::deadline),
    /// 120 s by default) passed: it covers the token wait, every attempt, the 401 replay,
    /// redirects, backoff sleeps and rate-limit waits. The request may have been sent.
    Deadline,
}

impl fmt::Display for TimeoutPhase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeoutPhase::Token => "token request",
            TimeoutPhase::Connect => "connect",
            TimeoutPhase::Request => "request",
            TimeoutPhase::Deadline => "deadline",
        })
    }
}

impl fmt::Display for Error {
    // Hand-written like `Debug`: only statuses, codes, field names and phases, never a body,
    // a URL or a query value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config { message } => write!(f, "configuration error: {message}"),
            Error::Auth {
                status,
                error,
                description,
            } => {
                f.write_str("token request refused")?;
                if let Some(st) = status {
                    write!(f, " ({st})")?;
                }
                if let Some(e) = error {
                    write!(f, ": {e}")?;
                }
                if let Some(d) = description {
                    write!(f, " - {d}")?;
                }
                Ok(())
            }
            Error::AuthorizationRequired { reason } => {
                write!(f, "authorization required: {reason}")
            }
            Error::Unauthorized { .. } => {
                f.write_str("unauthorized (401): the access token was refused")
            }
            Error::InsufficientCredits { .. } => f.write_str("insufficient credits (402)"),
            Error::RateLimited { reset_at, .. } => {
                f.write_str("rate limited (403)")?;
                if let Some(d) =
                    reset_at.and_then(|r| r.duration_since(SystemTime::UNIX_EPOCH).ok())
                {
                    write!(f, ", resets at unix time {}", d.as_secs())?;
                }
                Ok(())
            }
            Error::Forbidden { .. } => f.write_str("forbidden (403)"),
            Error::NotFound { .. } => f.write_str("not found (404)"),
            Error::Validation { fields, .. } => {
                f.write_str("validation failed (422) for ")?;
                if fields.is_empty() {
                    f.write_str("the request")
                } else {
                    let names: Vec<&str> = fields.keys().map(String::as_str).collect();
                    f.write_str(&names.join(", "))
                }
            }
            Error::TradingPartner { status, .. } => {
                write!(f, "request rejected by the trading partner ({status})")
            }
            Error::Api { status, .. } => write!(f, "API error ({status})"),
            Error::TooManyRedirects { redirects, status } => write!(
                f,
                "too many redirects: still redirected ({status}) after following {redirects}"
            ),
            Error::Transport { source } => {
                write!(f, "transport error: {}", transport_display(source))
            }
            Error::Timeout { phase, .. } => f.write_str(match phase {
                TimeoutPhase::Token => "the token request timed out",
                TimeoutPhase::Connect => {
                    "timed out connecting to the platform (the request was not sent)"
                }
                TimeoutPhase::Request => {
                    "timed out waiting for or reading the answer (the request may have reached \
                     the server)"
                }
                TimeoutPhase::Deadline => {
                    "the call's deadline passed (token wait, attempts, retries and waits \
                     included)"
                }
            }),
            Error::OutcomeUnknown { source, .. } => write!(
                f,
                "outcome unknown: the request may have been processed ({source}); look the \
                 activity up before resubmitting"
            ),
            Error::ResponseTooLarge { status, limit } => write!(
                f,
                "the answer ({status}) is larger than the {limit}-byte limit"
            ),
            Error::Decode {
                status, path, kind, ..
            } => write!(
                f,
                "could not decode the response (status {status}) at `{path}`: {kind}"
            ),
            Error::StateMismatch {} => f.write_str(
                "OAuth2 state mismatch: the authorization response was not issued for this client",
            ),
            Error::Pagination { reason, pages } => write!(
                f,
                "pagination stopped after {pages} pages ({reason}): the collection may be \
                 incomplete"
            ),
            Error::Store { source } => write!(f, "shared store error: {source}"),
        }
    }
}

impl std::error::Error for Error {
    /// The reqwest error behind [`Error::Transport`] and most [`Error::Timeout`]s (so that
    /// `downcast_ref::<reqwest::Error>()` works), the failure behind
    /// [`Error::OutcomeUnknown`]; `None` for the others.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { source } => Some(&**source),
            Error::Timeout { source, .. } => Some(&**source),
            Error::OutcomeUnknown { source, .. } => Some(&**source),
            Error::Store { source } => Some(source),
            _ => None,
        }
    }
}

/// Whether an error of the TLS backend is in `e`'s source chain. `io::Error::source` skips the
/// error an `io::Error` wraps (where the TLS connectors put theirs), so that one is looked at
/// too. Chains are short; the depth bound only guards against a pathological one.
fn tls_in_chain(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(e);
    for _ in 0..32 {
        let Some(e) = next else { return false };
        if is_tls_backend_error(e) {
            return true;
        }
        if let Some(inner) = e
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
            && tls_in_chain(inner)
        {
            return true;
        }
        next = e.source();
    }
    false
}

// Without a TLS feature there is nothing to recognise.
#[cfg_attr(
    not(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls")),
    allow(unused_variables)
)]
fn is_tls_backend_error(e: &(dyn std::error::Error + 'static)) -> bool {
    #[cfg(any(feature = "rustls", feature = "rustls-ring"))]
    if e.is::<rustls::Error>() {
        return true;
    }
    #[cfg(feature = "native-tls")]
    if e.is::<native_tls::Error>() {
        return true;
    }
    false
}

fn transport_display(e: &reqwest::Error) -> &'static str {
    if e.is_connect() {
        "could not connect"
    } else if e.is_redirect() {
        "redirect refused"
    } else if e.is_body() || e.is_decode() {
        "could not read the response body"
    } else if e.is_request() {
        "could not send the request"
    } else {
        "connection failed"
    }
}

impl fmt::Debug for Error {
    // Hand-written so that no body (PHI) and no secret can appear: bodies are summarised by
    // their size, and only field *names* of validation errors are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config { message } => {
                f.debug_struct("Config").field("message", message).finish()
            }
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
            Error::TooManyRedirects { redirects, status } => f
                .debug_struct("TooManyRedirects")
                .field("redirects", redirects)
                .field("status", status)
                .finish(),
            // reqwest's `Debug` of an error without its URL: kinds and sources, no values.
            Error::Transport { source } => {
                f.debug_struct("Transport").field("source", source).finish()
            }
            Error::Timeout { phase, source } => f
                .debug_struct("Timeout")
                .field("phase", phase)
                .field("source", source)
                .finish(),
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
            Error::OutcomeUnknown {
                application_data,
                source,
            } => f
                .debug_struct("OutcomeUnknown")
                .field(
                    "application_data_keys",
                    &application_data.as_ref().map(|v| match v {
                        Value::Object(m) => m.keys().cloned().collect::<Vec<_>>(),
                        _ => Vec::new(),
                    }),
                )
                .field("source", source)
                .finish(),
            Error::ResponseTooLarge { status, limit } => f
                .debug_struct("ResponseTooLarge")
                .field("status", status)
                .field("limit", limit)
                .finish(),
            Error::StateMismatch {} => f.write_str("StateMismatch"),
            Error::Pagination { reason, pages } => f
                .debug_struct("Pagination")
                .field("reason", reason)
                .field("pages", pages)
                .finish(),
            Error::Store { source } => f.debug_struct("Store").field("source", source).finish(),
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
    /// The HTTP status behind this error, when there was an HTTP answer (for
    /// [`Error::TooManyRedirects`], the status of the last redirect).
    ///
    /// ```
    /// let e = pokitdok::path_segment("..").unwrap_err();
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
            | Error::TooManyRedirects { status, .. }
            | Error::Decode { status, .. }
            | Error::ResponseTooLarge { status, .. } => Some(*status),
            Error::OutcomeUnknown { source, .. } => source.status(),
            Error::Transport { source } => source.status(),
            Error::Config { .. }
            | Error::AuthorizationRequired { .. }
            | Error::Timeout { .. }
            | Error::StateMismatch {}
            | Error::Pagination { .. }
            | Error::Store { .. } => None,
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
            Error::OutcomeUnknown { source, .. } => source.meta(),
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
            Error::OutcomeUnknown { source, .. } => source.body(),
            _ => None,
        }
    }

    /// Whether sending the same request again is safe — it cannot duplicate work — and may
    /// succeed. This is the question to ask before resending anything, a claim included:
    ///
    /// - `true` for failures that provably never reached the server (connect refused or timed
    ///   out, DNS; not a TLS certificate or protocol failure, which would fail again), a
    ///   rate-limit refusal ([`Error::RateLimited`]: the platform refused the request), a 401
    ///   ([`Error::Unauthorized`]), and the transient failures of requests that are safe to
    ///   repeat (timeouts, resets, 408, 429, 5xx of a GET, PUT or DELETE, or of a token
    ///   request).
    /// - `false` for [`Error::OutcomeUnknown`]: by construction, every failure of a POST or
    ///   PATCH that may have reached the server is that variant. Also `false` for answers that
    ///   would come back the same (4xx, [`Error::ResponseTooLarge`], redirects) and
    ///   configuration errors.
    ///
    /// The client already retries by itself what its [`RetryPolicy`](crate::RetryPolicy)
    /// allows; this tells whether a caller-level retry (later, or after the deadline) is safe.
    ///
    /// ```
    /// # async fn run(pd: pokitdok::PokitDok, claim: pokitdok::models::claims::ClaimRequest) {
    /// match pd.claims(&claim).await {
    ///     Ok(a) => println!("submitted: {:?}", a.data.id),
    ///     Err(e) if e.is_safe_to_retry() => println!("not processed; resend later: {e}"),
    ///     Err(pokitdok::Error::OutcomeUnknown { application_data, .. }) => {
    ///         println!("look the activity up by {application_data:?} before resubmitting")
    ///     }
    ///     Err(e) => println!("refused: {e}"),
    /// }
    /// # }
    /// ```
    pub fn is_safe_to_retry(&self) -> bool {
        match self {
            Error::OutcomeUnknown { .. } => false,
            Error::RateLimited { .. } | Error::Unauthorized { .. } => true,
            Error::Transport { .. } | Error::Timeout { .. } => !self.is_tls(),
            Error::Api { status, .. } => retryable_status(*status),
            Error::Auth { status, .. } => status.is_some_and(|s| s.is_server_error()),
            _ => false,
        }
    }

    /// Exactly [`Error::is_safe_to_retry`], so that the naive
    /// `if e.is_retryable() { resend }` never resends a claim that may have been processed.
    /// [`Error::is_transient`] tells whether the failure may pass, whether or not resending is
    /// safe.
    pub fn is_retryable(&self) -> bool {
        self.is_safe_to_retry()
    }

    /// Whether the failure is of a kind that may pass by itself (a network failure, a timeout,
    /// throttling, a 5xx), whether or not resending is safe: also `true` for
    /// [`Error::OutcomeUnknown`]. Use [`Error::is_safe_to_retry`] to decide on resending.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::OutcomeUnknown { .. } | Error::RateLimited { .. } => true,
            Error::Transport { .. } | Error::Timeout { .. } => !self.is_tls(),
            Error::Api { status, .. } => retryable_status(*status),
            Error::Auth { status, .. } => status.is_some_and(|s| s.is_server_error()),
            _ => false,
        }
    }

    /// Whether the request failed before a connection was made, so the server never saw it:
    /// a refused connection, a DNS failure, a connect timeout ([`TimeoutPhase::Connect`]).
    /// A [`TimeoutPhase::Request`] timeout is not: the request may have been processed. For a
    /// [`TimeoutPhase::Token`] timeout or a transport failure of the token request, this tells
    /// whether the *token* request got a connection.
    pub fn is_connect(&self) -> bool {
        match self {
            Error::Transport { source } => source.is_connect(),
            Error::Timeout { source, .. } => source
                .downcast_ref::<reqwest::Error>()
                .is_some_and(reqwest::Error::is_connect),
            _ => false,
        }
    }

    /// Whether the connection failed in TLS: the server's certificate was refused (unknown or
    /// self-signed issuer, another host's name, expired), the server offered only a protocol
    /// version below the TLS 1.2 floor or no common cipher, or the TLS session broke. Found by
    /// looking for an error of the TLS backend (rustls, or native-tls) in the source chain;
    /// errors of a backend that this crate's features do not enable are not recognised.
    ///
    /// Such a failure is deterministic and may be an attack on the connection: it is never
    /// worth retrying, although a failed handshake also means the request was not sent
    /// ([`Error::is_connect`] is true for it).
    ///
    /// ```
    /// let e = pokitdok::path_segment("..").unwrap_err();
    /// assert!(!e.is_tls());
    /// ```
    pub fn is_tls(&self) -> bool {
        match self {
            Error::Transport { source } => tls_in_chain(&**source),
            Error::Timeout { source, .. } => tls_in_chain(&**source),
            _ => false,
        }
    }

    /// Whether this is an [`Error::Timeout`] (of any [`TimeoutPhase`]).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
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

    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
        }
    }

    /// A failure of an API request: a timeout is [`TimeoutPhase::Connect`] when reqwest says the
    /// connection was never made, [`TimeoutPhase::Request`] otherwise (the safe side).
    pub(crate) fn from_reqwest(e: reqwest::Error) -> Self {
        let phase = if e.is_connect() {
            TimeoutPhase::Connect
        } else {
            TimeoutPhase::Request
        };
        Error::from_reqwest_in(e, phase)
    }

    /// A failure of a token request: a timeout is [`TimeoutPhase::Token`].
    pub(crate) fn from_token_reqwest(e: reqwest::Error) -> Self {
        Error::from_reqwest_in(e, TimeoutPhase::Token)
    }

    fn from_reqwest_in(e: reqwest::Error, phase: TimeoutPhase) -> Self {
        let source = Arc::new(e.without_url());
        if source.is_timeout() {
            Error::Timeout { phase, source }
        } else {
            Error::Transport { source }
        }
    }

    /// A timeout of `phase` with no reqwest error behind it: the call's deadline passed.
    pub(crate) fn deadline(phase: TimeoutPhase) -> Self {
        Error::Timeout {
            phase,
            source: Arc::new(DeadlinePassed),
        }
    }
}

/// 408, 429 and 5xx: answers that may not come back the same.
fn retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429) || status.is_server_error()
}

/// The source of a [`TimeoutPhase::Deadline`] timeout (and of a token wait the deadline cut
/// short): there is no reqwest error, the call's own deadline passed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DeadlinePassed;

impl fmt::Display for DeadlinePassed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the call's deadline passed")
    }
}

impl std::error::Error for DeadlinePassed {}

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
