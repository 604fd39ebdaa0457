//! An embedded fake PokitDok platform for tests, examples and other-language clients.
//!
//! [`Sandbox::start`] serves the OAuth2 endpoints and every `/api/v4` operation this crate offers
//! on `127.0.0.1` (a random port by default), with documented-shape data that is derived from
//! each request: eligibility echoes the member and provider and covers the requested service
//! types, claims create activities that advance `scheduled -> transmitting -> waiting ->
//! completed` over time and post callbacks, identities keep their history, appointment slots
//! can be booked and cancelled, loaded out-of-pocket prices feed estimates, provider searches
//! find deterministic providers matching any query, and so on. A fresh application behaves
//! like a real test application: it already has a few activities.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use pokitdok_sandbox::Sandbox;
//!
//! let sandbox = Sandbox::start().await?;          // 127.0.0.1, random port
//! let pd = sandbox.client();                      // a PokitDok client wired to it
//! let r = pd
//!     .post("/eligibility/")
//!     .json(&serde_json::json!({
//!         "member": {"id": "W000000000", "first_name": "Jane", "last_name": "Doe",
//!                    "birth_date": "1970-01-25"},
//!         "provider": {"npi": "1467560003", "first_name": "JEROME", "last_name": "AYA-AY"},
//!         "trading_partner_id": "MOCKPAYER"
//!     }))
//!     .send()
//!     .await?;
//! assert_eq!(r.data["subscriber"]["id"], "W000000000");
//! # Ok(()) }
//! ```
//!
//! Configure limits, lifetimes and faults with [`Sandbox::builder`]:
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use std::time::Duration;
//! use pokitdok::StatusCode;
//! use pokitdok_sandbox::Sandbox;
//!
//! let sandbox = Sandbox::builder()
//!     .token_lifetime(Duration::from_secs(2))
//!     .rate_limit_cap(84)
//!     .credits(1000)
//!     .latency(Duration::from_millis(20))
//!     .fail_next(1, StatusCode::SERVICE_UNAVAILABLE)
//!     .client("second-app", "second-secret")   // another registered application
//!     .start()
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! # Behaviour
//!
//! * **OAuth2** (`POST /oauth2/token`, `GET /oauth2/authorize`): client credentials with HTTP
//!   Basic (decoded leniently: a trailing newline after the secret, raw or form-urlencoded id and
//!   secret) or `client_id`/`client_secret` form fields; authorization code (codes are issued by
//!   a `302` to a registered redirect URI, single use, PKCE `S256`/`plain` verified when a
//!   challenge was sent); refresh tokens rotate on every use. Scopes `user_schedule` and
//!   `business_schedule` are granted when requested with `scope`, and client-credentials
//!   tokens always carry the scopes the application is granted
//!   ([`SandboxBuilder::granted_scopes`], the binary's `--scopes`). Wrong credentials give
//!   `401 {"error": "invalid_client"}`, an unknown grant `400 unsupported_grant_type`, a bad or
//!   used code or refresh token `400 invalid_grant`. Access tokens expire after
//!   [`SandboxBuilder::token_lifetime`] (default one hour); an unknown or expired bearer gets
//!   `401 {"message": "Unauthorized"}`. `POST /oauth2/revoke` (RFC 7009) takes `token` as a
//!   form or JSON, with the client authenticated as on the token endpoint or by the access
//!   token being revoked as its bearer; the revoked access (or refresh) token then stops
//!   working, and an unknown token is a success too.
//! * **Envelope**: every `/api/v4` answer is `{"meta": {...}, "data": ...}` with the keys the
//!   recorded platform traffic shows: a fresh 24-hex `activity_id`, `application_mode:
//!   "test"`, `processing_time`, the rate-limit counters and, on billable calls,
//!   `credits_billed`/`credits_remaining`. Collections honour `limit`
//!   (default 20, at most 1000) and `offset` and set `result_count`, `next` and `previous`
//!   (absolute URLs to the sandbox).
//! * **Errors**: missing required fields and unknown trading partners give `422` with
//!   `data.errors.validation` (labelled `text/html; charset=utf-8` like the real server), as does
//!   a body that is not a JSON object; unknown ids give `404 {"message": "Not Found"}`;
//!   scheduling without the needed scope gives `403` with `data.errors.scope`.
//! * **Raw X12** (`POST /eligibility/`): besides JSON, the request may be a raw 270
//!   (`Content-Type: application/edi-x12`; separators as the ISA header defines them, the
//!   trading partner in the payer's NM109) or `{"x12": "..."}`
//!   (`application/vnd.pokitdok.v4+edi-x12-json`), and `Accept` may ask for a raw 271
//!   (`application/edi-x12`), `{"x12": "..."}` or the 271's segments with named elements
//!   (`application/vnd.pokitdok.v4+full-x12-json`). The 271 echoes the 270's member, provider
//!   and trading partner. An unknown NM109 gives `422 {"data": {"errors": {"query": "Unable to
//!   find configuration for trading_partner_id: ..., transaction_set_name: eligibility"}}}`.
//!   `GET /activities/{id}` with `Accept: application/vnd.pokitdok.v4+activity-x12-json` adds
//!   the eligibility's `x12_request` and `x12_response`; `GET /payments/{id}/data` with
//!   `Accept: application/edi-x12` answers the raw 835.
//! * **Limits**: [`SandboxBuilder::rate_limit_cap`] requests per client per
//!   [`SandboxBuilder::rate_limit_window`] (default 84 per minute) and then
//!   `403 {"message": "Forbidden (Rate Limited)", "meta": {...}}`; every call except
//!   activities, trading partners, payers, app registrations and `/ssl/` bills one credit
//!   (scheduling too, as the recorded platform traffic shows; a scope refusal is not billed)
//!   and `402 {"message": "Payment Required"}` answers once the client has none left.
//! * **Activities**: claims, enrollment, files, snapshots and `async: true` eligibility, claim
//!   status, referral and authorization requests return an activity that moves one state every
//!   [`SandboxBuilder::activity_step`] (default 2 s) until `completed`, and is then POSTed to its
//!   `callback_url` (loopback URLs only: the sandbox never sends traffic elsewhere, and refuses
//!   other callback URLs with a 422). `PUT /activities/{id}` with `{"transition": "cancel"}`
//!   cancels an activity still in `init`/`scheduled` (and `stored`/`queued` batch files), 422
//!   otherwise. MOCKPAYER claims: `subscriber.member_id` `00001234` is rejected for the date of
//!   service, `00009999` for the date of birth; `application_data.mock_claim_payment: true`
//!   adds a second, payment (835) callback paying 85 %, with a 5 % contractual adjustment and
//!   10 % patient responsibility, and a payment under `/payments/`.
//! * **A fresh application** (and one reset with [`Sandbox::reset_client`]) has five
//!   activities, derived from its client id (the same on every run): newest first, a claim
//!   still `scheduled` that can be cancelled (it never advances by itself), a completed
//!   eligibility, and a completed batch file whose two sub-activities `GET
//!   /activities/?parent_id=` lists. They count in the activity bounds.
//! * **Provider directory**: `GET /providers/` answers the built-in providers that match and,
//!   for any query, deterministic synthetic providers derived from it (a hash of the
//!   normalized query seeds the generator): their names are the ones asked for, their
//!   specialty matches `specialty`, their practice location (with `geo_location`) is inside
//!   `radius` of `zipcode` or `lat_lon` and they carry `distance` (sorted by it unless
//!   `sort=rank`); `limit`, `offset` and `result_count` are stable across calls. Every NPI
//!   passes the NPI check (Luhn over `80840` and the first nine digits), and `GET
//!   /providers/{npi}` answers any NPI with a valid check digit (the provider a search showed,
//!   or one derived from the NPI), `404` otherwise. A ZIP code is placed at the centre of its
//!   3-digit area (a table derived from GeoNames data, CC BY 4.0); an unknown area has no
//!   providers, and a bad `zipcode`, `radius` or `lat_lon` is a `422`.
//! * **Scheduling resources**: `GET /schedule/schedulers/{uuid}` and `GET
//!   /schedule/appointmenttypes/{uuid}` answer one-element lists, as the live platform did.
//! * **Bounds**: nothing a client sends makes the sandbox panic or grow without bound.
//!
//!   | What | Cap | Past it |
//!   |---|---|---|
//!   | request body (multipart X12 uploads) | 16 MiB | `413` envelope, `data.errors.validation.request` |
//!   | JSON request body, raw X12 eligibility request, claims convert file | 64 KiB | `413` envelope (`request`, `x12`, `file`) |
//!   | one stored record (an identity version after merging an update, ...) | 64 KiB | `413` envelope |
//!   | identities, slots/appointments, loaded prices, drafts, app registrations, identity match sources | 1000 of each per client | `422`, `data.errors.validation.request` |
//!   | versions of one identity | 100 | `422` |
//!   | all of those records together | 32 MiB per client (estimated JSON size) | `422` |
//!   | activities (the seeded ones included) | 5000 or 64 MiB per client | the oldest are dropped |
//!   | synthetic providers remembered for `GET /providers/{npi}` | 4096 | the oldest are forgotten |
//!   | payments, identity-proof questionnaires | 1000 per client | the oldest are dropped |
//!   | enrollment snapshots | 20 per client, 2 MiB each | oldest dropped / `413` |
//!   | transaction sets of a batch file, subscribers of a snapshot | 1000 per file | `422` on `file` |
//!   | claims of a claims convert file | 100 | `422` on `file` |
//!   | connections served at once | [`SandboxBuilder::max_connections`] (default 128) | wait in the listen backlog |
//!   | time to send a request's headers (and idle time between requests) | [`SandboxBuilder::header_read_timeout`] (default 30 s) | connection closed |
//!   | page size (`limit`) | 1000 | clamped |
//!
//!   A handler that panicked anyway (a sandbox bug) answers `500` with an envelope whose
//!   `data.errors.server` says so, and the connection stays usable. [`operations`] lists every
//!   route.
//! * **Isolation**: each registered client has its own rate-limit window, credits, activities,
//!   identities, appointments, loaded prices, app registrations and drafts.
//! * **Faults** for tests: [`SandboxBuilder::latency`], [`SandboxBuilder::fail_next`] (the next
//!   `n` API calls answer with a status), [`SandboxBuilder::drop_next`] (the next `n` API calls
//!   get their connection closed without an answer); the same knobs exist on a running
//!   [`Sandbox`].
//!
//! # Authorization-code flow
//!
//! The sandbox approves every authorization request at once (there is no login page): `GET
//! /oauth2/authorize` answers `302` to the redirect URI with `code` and `state`.
//! [`Sandbox::redirect_uri`] is registered for every client (it serves a small JSON page showing
//! the code, handy with a browser), and [`SandboxBuilder::redirect_uri`] registers more.
//! [`Sandbox::authorize`] follows the authorization URL for you:
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = pokitdok_sandbox::Sandbox::start().await?;
//! let pd = sandbox
//!     .client_builder()
//!     .redirect_uri(sandbox.redirect_uri())
//!     .scopes(["user_schedule"])
//!     .build()?;
//! let (url, _) = pd.authorization_url()?;
//! let (code, state) = sandbox.authorize(url.as_str()).await?;
//! let token = pd.exchange_code(&code, &state).await?;
//! assert!(token.refresh_token().is_some());
//! # Ok(()) }
//! ```
//!
//! Dropping the [`Sandbox`] stops the server (graceful shutdown).

// Handlers return `Result<_, Response>` so that a validation failure is an early return; the
// error variant being a whole response is intended.
#![allow(clippy::result_large_err)]

mod activity;
mod api;
mod data;
mod edi;
pub mod fixtures;
mod geo;
mod handlers;
mod http;
mod oauth;
mod providers;
mod seed;
mod server;
mod state;
mod util;

use std::collections::BTreeSet;
use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use pokitdok::{PokitDok, PokitDokBuilder};

pub use state::ClientStats;

/// Why [`Sandbox::authorize`] returned no code.
#[derive(Debug)]
#[non_exhaustive]
pub enum AuthorizeError {
    /// The authorization URL does not point at this sandbox.
    NotThisSandbox,
    /// The sandbox could not be reached (the URL is stripped).
    Http(reqwest::Error),
    /// The sandbox refused the authorization request.
    Refused {
        /// Status of the sandbox's answer.
        status: StatusCode,
        /// The OAuth2 `error` code, when sent.
        error: Option<String>,
        /// The OAuth2 `error_description`, when sent.
        description: Option<String>,
    },
}

impl fmt::Display for AuthorizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthorizeError::NotThisSandbox => {
                f.write_str("the authorization URL does not point at this sandbox")
            }
            AuthorizeError::Http(_) => f.write_str("the sandbox could not be reached"),
            AuthorizeError::Refused { status, error, .. } => {
                write!(f, "authorization refused ({status})")?;
                match error {
                    Some(e) => write!(f, ": {e}"),
                    None => Ok(()),
                }
            }
        }
    }
}

impl std::error::Error for AuthorizeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            AuthorizeError::Http(e) => Some(e),
            _ => None,
        }
    }
}

/// One operation the sandbox serves: an HTTP method and a path template under `/api/v4`
/// (bindings in braces, e.g. `/api/v4/activities/{id}`). A trailing slash is optional on every
/// path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Operation {
    /// `GET`, `POST`, `PUT` or `DELETE`.
    pub method: &'static str,
    /// The path template, e.g. `/api/v4/identity/{id}/history/{version}`.
    pub path: &'static str,
}

/// Every `/api/v4` operation the sandbox serves, in routing order (generated from the router
/// itself). Aliases are listed separately (`/pharmacy/drug/cost` and `/pharmacy/drugcost`).
///
/// ```
/// let ops = pokitdok_sandbox::operations();
/// assert!(ops.iter().any(|o| o.method == "POST" && o.path == "/api/v4/eligibility"));
/// assert!(ops.iter().any(|o| o.path == "/api/v4/activities/{id}"));
/// ```
pub fn operations() -> &'static [Operation] {
    handlers::OPERATIONS
}

/// The longest access-token lifetime [`SandboxBuilder::token_lifetime`] accepts (30 days);
/// longer ones are clamped to it.
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(30 * 24 * 3600);
/// Connections served at once unless [`SandboxBuilder::max_connections`] says otherwise.
pub const DEFAULT_MAX_CONNECTIONS: usize = 128;
/// Header-read timeout unless [`SandboxBuilder::header_read_timeout`] says otherwise.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
const ONE_DAY: Duration = Duration::from_secs(24 * 3600);

/// The OAuth scope that scheduling APIs used by patients need.
pub const SCOPE_USER_SCHEDULE: &str = "user_schedule";
/// The OAuth scope that scheduling APIs used by providers (slots) need.
pub const SCOPE_BUSINESS_SCHEDULE: &str = "business_schedule";
/// Every OAuth scope the sandbox knows (what [`SandboxBuilder::granted_scopes`] and the
/// binary's `--scopes` accept).
pub const SCOPES: &[&str] = &[SCOPE_USER_SCHEDULE, SCOPE_BUSINESS_SCHEDULE];

/// A running fake PokitDok platform. Dropping it stops the server.
///
/// See the [module documentation](self) for what it serves.
pub struct Sandbox {
    shared: Arc<state::Shared>,
    addr: SocketAddr,
    url: String,
    client_id: String,
    client_secret: String,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("url", &self.url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Starts a sandbox with the default settings on `127.0.0.1` and a random port, with one
    /// registered client whose id and secret are random.
    ///
    /// # Errors
    /// When the listening socket cannot be bound.
    pub async fn start() -> std::io::Result<Sandbox> {
        Sandbox::builder().start().await
    }

    /// Starts configuring a sandbox.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// The base URL, e.g. `http://127.0.0.1:41234` (give it to
    /// [`PokitDokBuilder::base_url`]).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The API root, `{url}/api/v4`.
    pub fn api_base(&self) -> String {
        format!("{}/api/v4", self.url)
    }

    /// The socket address the sandbox listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The primary client's id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The primary client's secret.
    pub fn client_secret(&self) -> &str {
        &self.client_secret
    }

    /// A redirect URI registered for every client: `{url}/oauth2/callback`. A GET on it shows
    /// the `code` and `state` it received as JSON.
    pub fn redirect_uri(&self) -> String {
        format!("{}/oauth2/callback", self.url)
    }

    /// A client-credentials [`PokitDok`] client for the primary client, wired to this sandbox.
    ///
    /// # Panics
    /// Never in practice: building fails only for a bad base URL or missing credentials, and
    /// the sandbox supplies a loopback URL and its own credentials.
    pub fn client(&self) -> PokitDok {
        self.client_builder()
            .build()
            .expect("the sandbox's loopback URL and credentials always build a client")
    }

    /// A [`PokitDokBuilder`] with the base URL and the primary client's credentials set, to add
    /// scopes, a redirect URI, an `on_token` callback...
    pub fn client_builder(&self) -> PokitDokBuilder {
        PokitDok::builder()
            .base_url(self.url.clone())
            .client_id(self.client_id.clone())
            .client_secret(self.client_secret.clone())
    }

    /// A [`PokitDokBuilder`] for another registered client (see [`SandboxBuilder::client`]).
    pub fn client_builder_for(&self, client_id: &str, client_secret: &str) -> PokitDokBuilder {
        PokitDok::builder()
            .base_url(self.url.clone())
            .client_id(client_id)
            .client_secret(client_secret)
    }

    /// Follows an authorization URL (from [`PokitDok::authorization_url`]) the way a browser
    /// would, without following the final redirect, and returns the `code` and `state` from
    /// the redirect's `Location`.
    ///
    /// # Errors
    /// [`AuthorizeError::NotThisSandbox`] when the URL does not point at this sandbox;
    /// [`AuthorizeError::Refused`] when the sandbox refuses the request (the `error` parameter
    /// of the redirect, or the status); [`AuthorizeError::Http`] when it cannot be reached.
    pub async fn authorize(
        &self,
        authorization_url: &str,
    ) -> Result<(String, String), AuthorizeError> {
        if !authorization_url.starts_with(&format!("{}/", self.url)) {
            return Err(AuthorizeError::NotThisSandbox);
        }
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| AuthorizeError::Http(e.without_url()))?;
        let resp = http
            .get(authorization_url)
            .send()
            .await
            .map_err(|e| AuthorizeError::Http(e.without_url()))?;
        let status = resp.status();
        let location = resp
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let Some(location) = location.filter(|_| status.is_redirection()) else {
            let body: serde_json::Value = resp.json().await.unwrap_or_default();
            return Err(AuthorizeError::Refused {
                status,
                error: body["error"].as_str().map(str::to_owned),
                description: body["error_description"].as_str().map(str::to_owned),
            });
        };
        let url = url::Url::parse(&location).map_err(|_| AuthorizeError::Refused {
            status,
            error: None,
            description: Some("the redirect location is not a URL".into()),
        })?;
        let param = |name: &str| {
            url.query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
        };
        match (param("code"), param("state")) {
            (Some(code), state) => Ok((code, state.unwrap_or_default())),
            (None, _) => Err(AuthorizeError::Refused {
                status,
                error: param("error"),
                description: param("error_description"),
            }),
        }
    }

    /// The next `n` API calls (under `/api/`) answer `status` with a bare
    /// `{"message": ...}` body, before any other check.
    pub fn fail_next(&self, n: u32, status: StatusCode) {
        self.shared.faults.set_fail(n, status);
    }

    /// The next `n` API calls (under `/api/`) have their connection closed without an answer.
    pub fn drop_next(&self, n: u32) {
        self.shared.faults.set_drop(n);
    }

    /// Delays every API call by `latency` from now on.
    pub fn set_latency(&self, latency: Duration) {
        self.shared.faults.set_latency(latency);
    }

    /// Resets a registered client's data as for a fresh application: everything it created
    /// (activities, identities, slots and appointments, loaded prices, drafts, app
    /// registrations, enrollment snapshots, payments, identity match sources and
    /// questionnaires) is forgotten and its seeded activities are back. Its secret, granted
    /// scopes, tokens, credits and rate-limit window stay. Returns `false` for an unknown
    /// client.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let sandbox = pokitdok_sandbox::Sandbox::start().await?;
    /// // ... a test creates claims, identities ...
    /// assert!(sandbox.reset_client(sandbox.client_id()));
    /// # Ok(()) }
    /// ```
    pub fn reset_client(&self, client_id: &str) -> bool {
        self.shared.reset_client(client_id)
    }

    /// Sets the credits left for a registered client. Returns `false` for an unknown client.
    pub fn set_credits(&self, client_id: &str, credits: i64) -> bool {
        self.shared.set_credits(client_id, credits)
    }

    /// Counters of a registered client (credits left, requests in the current rate-limit
    /// window, tokens issued...), or `None` for an unknown client.
    pub fn stats(&self, client_id: &str) -> Option<ClientStats> {
        self.shared.stats(client_id)
    }

    /// Stops the server and waits (at most 5 s) for open connections to finish.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(Duration::from_secs(6), task).await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Configures a [`Sandbox`].
///
/// ```no_run
/// # async fn run() -> std::io::Result<()> {
/// use std::time::Duration;
/// let sandbox = pokitdok_sandbox::Sandbox::builder()
///     .client_id("my-id")
///     .client_secret("my-secret")
///     .port(5002)
///     .token_lifetime(Duration::from_secs(60))
///     .start()
///     .await?;
/// # Ok(()) }
/// ```
#[must_use]
#[derive(Clone)]
pub struct SandboxBuilder {
    client_id: Option<String>,
    client_secret: Option<String>,
    granted_scopes: Vec<String>,
    extra_clients: Vec<(String, String, Vec<String>)>,
    port: u16,
    token_lifetime: Duration,
    rate_limit_cap: u32,
    rate_limit_window: Duration,
    credits: i64,
    latency: Duration,
    fail_next: Option<(u32, StatusCode)>,
    drop_next: u32,
    activity_step: Duration,
    redirect_uris: Vec<String>,
    max_connections: usize,
    header_read_timeout: Duration,
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        SandboxBuilder {
            client_id: None,
            client_secret: None,
            granted_scopes: Vec::new(),
            extra_clients: Vec::new(),
            port: 0,
            token_lifetime: Duration::from_secs(3600),
            rate_limit_cap: 84,
            rate_limit_window: Duration::from_secs(60),
            credits: 100_000,
            latency: Duration::ZERO,
            fail_next: None,
            drop_next: 0,
            activity_step: Duration::from_secs(2),
            redirect_uris: Vec::new(),
            max_connections: DEFAULT_MAX_CONNECTIONS,
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
        }
    }
}

impl fmt::Debug for SandboxBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxBuilder")
            .field("client_id", &self.client_id)
            .field("granted_scopes", &self.granted_scopes)
            .field("extra_clients", &self.extra_clients.len())
            .field("port", &self.port)
            .field("token_lifetime", &self.token_lifetime)
            .field("rate_limit_cap", &self.rate_limit_cap)
            .field("rate_limit_window", &self.rate_limit_window)
            .field("credits", &self.credits)
            .field("latency", &self.latency)
            .field("activity_step", &self.activity_step)
            .field("max_connections", &self.max_connections)
            .field("header_read_timeout", &self.header_read_timeout)
            .finish_non_exhaustive()
    }
}

impl SandboxBuilder {
    /// The primary client's id (random when not set).
    pub fn client_id(mut self, id: impl Into<String>) -> Self {
        self.client_id = Some(id.into());
        self
    }

    /// The primary client's secret (random when not set).
    pub fn client_secret(mut self, secret: impl Into<String>) -> Self {
        self.client_secret = Some(secret.into());
        self
    }

    /// Scopes granted to the primary application, as the platform enabled scheduling per
    /// application: every client-credentials token of it carries them (and its token answer
    /// lists them in `scope`) without asking for them. Default none: scheduling then needs
    /// the scope asked for on the token request, and answers `403` with `data.errors.scope`
    /// otherwise. Known scopes are [`SCOPES`]; [`SandboxBuilder::start`] refuses others.
    ///
    /// Authorization-code tokens carry the scopes the user approved, not these.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// use pokitdok_sandbox::{SCOPE_USER_SCHEDULE, Sandbox};
    ///
    /// let sandbox = Sandbox::builder()
    ///     .granted_scopes([SCOPE_USER_SCHEDULE])
    ///     .start()
    ///     .await?;
    /// // No `.scopes(...)` on the client: the application has the scope.
    /// let r = sandbox.client().get("/schedule/appointments/").send().await?;
    /// # Ok(()) }
    /// ```
    pub fn granted_scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.granted_scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Registers another client (application). Each client has its own rate-limit window,
    /// credits and data.
    pub fn client(mut self, id: impl Into<String>, secret: impl Into<String>) -> Self {
        self.extra_clients
            .push((id.into(), secret.into(), Vec::new()));
        self
    }

    /// Registers another client (application) that is granted `scopes` (see
    /// [`SandboxBuilder::granted_scopes`]).
    pub fn client_with_scopes<I, S>(
        mut self,
        id: impl Into<String>,
        secret: impl Into<String>,
        scopes: I,
    ) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let scopes = scopes.into_iter().map(Into::into).collect();
        self.extra_clients.push((id.into(), secret.into(), scopes));
        self
    }

    /// The port to listen on, on `127.0.0.1` (default 0: a random free port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Lifetime of access tokens (default 3600 s), clamped to 1 s ..= [`MAX_TOKEN_LIFETIME`]
    /// (30 days).
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime.clamp(Duration::from_secs(1), MAX_TOKEN_LIFETIME);
        self
    }

    /// Requests allowed per client per rate-limit window (default 84).
    pub fn rate_limit_cap(mut self, cap: u32) -> Self {
        self.rate_limit_cap = cap;
        self
    }

    /// Length of the rate-limit window (default 60 s), clamped to 1 s ..= 1 day.
    pub fn rate_limit_window(mut self, window: Duration) -> Self {
        self.rate_limit_window = window.clamp(Duration::from_secs(1), ONE_DAY);
        self
    }

    /// Credits each client starts with (default 100 000). Billable calls cost one.
    pub fn credits(mut self, credits: i64) -> Self {
        self.credits = credits;
        self
    }

    /// Delays every API call (default none).
    pub fn latency(mut self, latency: Duration) -> Self {
        self.latency = latency;
        self
    }

    /// The first `n` API calls answer `status` (see [`Sandbox::fail_next`]).
    pub fn fail_next(mut self, n: u32, status: StatusCode) -> Self {
        self.fail_next = Some((n, status));
        self
    }

    /// The first `n` API calls get their connection closed without an answer.
    pub fn drop_next(mut self, n: u32) -> Self {
        self.drop_next = n;
        self
    }

    /// Time between two states of an asynchronous activity (default 2 s; the real MOCKPAYER
    /// takes about five minutes). A claim is `completed` after three steps.
    ///
    /// Clamped to 1 ms ..= 1 day.
    pub fn activity_step(mut self, step: Duration) -> Self {
        self.activity_step = step.clamp(Duration::from_millis(1), ONE_DAY);
        self
    }

    /// Most connections served at once (default [`DEFAULT_MAX_CONNECTIONS`], 128; at least
    /// 1). Past it, new connections wait in the listen backlog until an open one closes.
    pub fn max_connections(mut self, max: usize) -> Self {
        self.max_connections = max.max(1);
        self
    }

    /// How long a client may take to send a request's headers, and to start the next request
    /// on a kept-alive connection (default [`DEFAULT_HEADER_READ_TIMEOUT`], 30 s), clamped to
    /// 10 ms ..= 1 hour. A client that is slower is disconnected.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout =
            timeout.clamp(Duration::from_millis(10), Duration::from_secs(3600));
        self
    }

    /// Registers another redirect URI for the authorization-code flow, for every client
    /// (besides [`Sandbox::redirect_uri`]).
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uris.push(uri.into());
        self
    }

    /// Binds `127.0.0.1:{port}` and starts serving in the background (on the current Tokio
    /// runtime).
    ///
    /// # Errors
    /// When the socket cannot be bound (e.g. the port is taken), and
    /// [`std::io::ErrorKind::InvalidInput`] for a granted scope that is not one of [`SCOPES`].
    pub async fn start(self) -> std::io::Result<Sandbox> {
        let granted = |list: &[String]| -> std::io::Result<BTreeSet<String>> {
            list.iter()
                .map(|s| {
                    let s = s.trim();
                    if SCOPES.contains(&s) {
                        Ok(s.to_owned())
                    } else {
                        Err(std::io::Error::new(
                            std::io::ErrorKind::InvalidInput,
                            format!("unknown scope {s:?} (known: {})", SCOPES.join(", ")),
                        ))
                    }
                })
                .collect()
        };
        let primary_scopes = granted(&self.granted_scopes)?;
        let mut extra = Vec::new();
        for (id, secret, scopes) in &self.extra_clients {
            extra.push(state::Registration {
                id: id.clone(),
                secret: secret.clone(),
                scopes: granted(scopes)?,
            });
        }
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", self.port)).await?;
        let addr = listener.local_addr()?;
        let url = format!("http://{addr}");
        let client_id = self
            .client_id
            .clone()
            .unwrap_or_else(|| format!("sandbox-{}", util::random_token(12)));
        let client_secret = self
            .client_secret
            .clone()
            .unwrap_or_else(|| util::random_token(32));
        let mut clients = vec![state::Registration {
            id: client_id.clone(),
            secret: client_secret.clone(),
            scopes: primary_scopes,
        }];
        clients.extend(extra);
        let mut redirect_uris = vec![format!("{url}/oauth2/callback")];
        redirect_uris.extend(self.redirect_uris.iter().cloned());
        let config = state::Config {
            token_lifetime: self.token_lifetime,
            rate_limit_cap: self.rate_limit_cap,
            rate_limit_window: self.rate_limit_window,
            credits: self.credits,
            activity_step: self.activity_step,
            redirect_uris,
        };
        let shared = Arc::new(state::Shared::new(config, url.clone(), &clients));
        shared.faults.set_latency(self.latency);
        if let Some((n, status)) = self.fail_next {
            shared.faults.set_fail(n, status);
        }
        shared.faults.set_drop(self.drop_next);
        let (tx, rx) = oneshot::channel();
        let limits = server::Limits {
            max_connections: self.max_connections,
            header_read_timeout: self.header_read_timeout,
        };
        let app = server::router(shared.clone());
        let task = tokio::spawn(server::serve(listener, app, shared.clone(), limits, rx));
        Ok(Sandbox {
            shared,
            addr,
            url,
            client_id,
            client_secret,
            shutdown: Some(tx),
            task: Some(task),
        })
    }
}
