//! # pokitdok
//!
//! An async Rust client for the [PokitDok Platform API v4](https://platform.pokitdok.com):
//! eligibility, claims, claim status, X12 files, providers, prices, identity, scheduling and
//! pharmacy.
//!
//! - [`PokitDok`] is a cheap-to-clone, `Send + Sync` handle around one `reqwest` client and a
//!   token manager that performs the OAuth2 client-credentials, authorization-code (state +
//!   PKCE S256) and refresh-token grants with a single request however many tasks are waiting,
//!   refreshes in the background ahead of expiry while the current token keeps serving, backs
//!   off after a failed token request, calls your [`on_token`](PokitDokBuilder::on_token)
//!   callback on every new token, and replays a request once after a 401.
//! - Generic calls — [`PokitDok::request`], [`get`](PokitDok::get), [`post`](PokitDok::post),
//!   [`put`](PokitDok::put), [`delete`](PokitDok::delete) — take paths relative to
//!   `{base_url}/api/{api_version}` and return the `{meta, data}` envelope as an
//!   [`ApiResponse`].
//! - Typed methods for every operation (`pd.eligibility(&req)`, `pd.activities(&q)`,
//!   `pd.provider(npi)` ...) return a [`Call`]: await it, or first set a timeout, headers or
//!   anything else on its request. Their names follow one rule, [`docs::naming`];
//!   [`docs::migrating`] maps every call of the official Python client to its call here.
//! - [`PokitDok::eligibility_batch`] checks thousands of members under the rate limit: a stream
//!   of `(index, result)` in completion order with bounded concurrency, lazy input, per-item
//!   errors and a [`BatchProgress`] (counts and an ETA from the rate limit) for a progress bar.
//! - Asynchronous processing is typed: the `queue_` methods answer with the queued
//!   [`Activity`](models::activities::Activity), claims convert with an [`Answer`].
//! - Every non-2xx answer becomes a typed [`Error`] that keeps its status, `meta` and parsed
//!   body; the platform's JSON errors labelled `text/html` are parsed all the same.
//! - Failures are retried where that is safe ([`RetryPolicy`]: never-sent requests, and GET,
//!   PUT, DELETE after timeouts, resets and 502/503/504, with full-jitter backoff and a shared
//!   retry budget); a POST that may have been processed is never resent but fails with
//!   [`Error::OutcomeUnknown`], and [`Call::idempotency_key`] submits a claim at most once.
//!   Rate-limited answers follow the [`RateLimitPolicy`]; [`PokitDokBuilder::max_requests_per_minute`]
//!   keeps a service under the platform's cap. One deadline bounds each call. The README's
//!   "Reliability" section states every guarantee.
//! - The client secret and tokens never appear in `Debug`, `Display`, errors or logs; request
//!   and response bodies (patient data) are never logged. `tracing` spans carry the method, the
//!   path template (ids replaced by `{id}`) and the status only.
//!
//! ## Client credentials
//!
//! ```no_run
//! # async fn run() -> pokitdok::Result<()> {
//! use pokitdok::{Method, PokitDok};
//!
//! let pd = PokitDok::builder()
//!     .client_id(std::env::var("POKITDOK_CLIENT_ID").unwrap_or_default())
//!     .client_secret(std::env::var("POKITDOK_CLIENT_SECRET").unwrap_or_default())
//!     .build()?; // no network yet: the first call fetches a token
//!
//! let eligibility = pd
//!     .post("/eligibility/")
//!     .json(&serde_json::json!({
//!         "member": {"birth_date": "1970-01-25", "first_name": "Jane", "last_name": "Doe",
//!                    "id": "W000000000"},
//!         "provider": {"first_name": "JEROME", "last_name": "AYA-AY", "npi": "1467560003"},
//!         "trading_partner_id": "MOCKPAYER"
//!     }))
//!     .send()
//!     .await?;
//! println!("activity {:?}", eligibility.meta.activity_id);
//!
//! let activities = pd.request("/activities/", Method::GET).await?;
//! # Ok(()) }
//! ```
//!
//! ## Typed calls and queued answers
//!
//! ```no_run
//! # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
//! use std::time::Duration;
//! use pokitdok::models::{Member, Provider};
//! use pokitdok::models::eligibility::EligibilityRequest;
//!
//! let req = EligibilityRequest::new(
//!     Member::new("W000000000", "Jane", "Doe", "1970-01-25"),
//!     Provider::person("1467560003", "JEROME", "AYA-AY"),
//!     "MOCKPAYER",
//! );
//! // Real time, with options for this one call.
//! let e = pd.eligibility(&req).timeout(Duration::from_secs(30)).header("x-trace", "1").await?;
//! println!("active: {}", e.data.is_active());
//!
//! // Queued: the platform answers with an activity and POSTs it to the callback when done.
//! let queued = pd.queue_eligibility(&req.callback("https://app.example/cb")).await?.data;
//! let later = pd.activity(queued.id.as_deref().unwrap_or_default()).await?.data;
//! println!("{:?}", later.state_name());
//! # Ok(()) }
//! ```
//!
//! ## Authorization code
//!
//! ```no_run
//! # async fn run(code: String, state: String) -> pokitdok::Result<()> {
//! use pokitdok::PokitDok;
//!
//! let pd = PokitDok::builder()
//!     .client_id("id")
//!     .client_secret("secret")
//!     .redirect_uri("https://app.example/callback")
//!     .scopes(["user_schedule"])
//!     .on_token(|t| { /* persist t (serde) — it carries the rotating refresh token */ })
//!     .build()?;
//! let (url, _state) = pd.authorization_url()?; // redirect the user there
//! // ... the platform redirects back to https://app.example/callback?code=...&state=...
//! let token = pd.exchange_code(&code, &state).await?; // refused unless the state is ours
//! let appointments = pd.get("/schedule/appointments/").await?;
//! # Ok(()) }
//! ```
//!
//! ## Errors
//!
//! ```no_run
//! # async fn run(pd: pokitdok::PokitDok) {
//! match pd.post("/claims/").json(&serde_json::json!({})).send().await {
//!     Err(pokitdok::Error::Validation { fields, .. }) => println!("invalid: {fields:?}"),
//!     Err(e @ pokitdok::Error::RateLimited { .. }) => println!("wait {:?}", e.retry_after()),
//!     Err(e) => println!("{e}"),
//!     Ok(r) => println!("{:?}", r.meta.activity_id),
//! }
//! # }
//! ```
#![deny(missing_docs, missing_debug_implementations)]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[doc(hidden)]
#[path = "bench.rs"]
pub mod __bench;
mod answer;
mod api;
mod auth;
mod batch;
mod call;
pub mod callback;
mod client;
pub mod docs;
mod error;
mod limit;
pub mod models;
mod page;
mod redact;
mod request;
mod response;
mod retry;
pub mod store;

pub use answer::Answer;
pub use auth::Token;
pub use batch::{
    BatchItem, BatchProgress, BatchSnapshot, DEFAULT_BATCH_CONCURRENCY, EligibilityBatch,
    EligibilityStream,
};
pub use call::Call;
pub use client::{
    DEFAULT_API_VERSION, DEFAULT_AUTHORIZATION_TTL, DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_REFRESH_SKEW, PokitDok, PokitDokBuilder,
};
pub use error::PaginationStop;
pub use error::{Error, ErrorBody, RawBody, Result, TimeoutPhase};
pub use limit::{RateLimit, RateLimitPolicy};
pub use page::Page;
pub use redact::Shape;
pub use request::{Multipart, RequestBuilder, path_segment};
pub use response::{ApiResponse, Meta};
pub use retry::RetryPolicy;
pub use store::PendingAuthorization;

pub use reqwest::{Method, StatusCode};

/// The README's code blocks, compiled as doctests so they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
