//! The [`PokitDok`] client and its builder.

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;
use reqwest::{Method, redirect};
use secrecy::{ExposeSecret, SecretString};
use url::Url;

use crate::auth::{Settings, Token, TokenCallback, TokenManager};
use crate::error::{Error, Result};
use crate::limit::{Limiter, RateLimit, RateLimitPolicy};
use crate::request::RequestBuilder;
use crate::retry::{BUDGET_CAPACITY, RetryBudget, RetryPolicy};
use crate::store::{PendingAuthorization, Store};

/// The production platform.
pub const DEFAULT_BASE_URL: &str = "https://platform.pokitdok.com";
/// The API version every path is relative to.
pub const DEFAULT_API_VERSION: &str = "v4";
/// How long before a token's expiry it is refreshed in the background (240 s, as
/// google-cloud-rust does), while it keeps serving requests.
///
/// At most half of a token's lifetime is used. Separately, a token counts as expired 10 s before
/// its expiry (a quarter of its lifetime when that is shorter): from then on callers wait for
/// the new token instead of sending one that could expire on its way.
pub const DEFAULT_REFRESH_SKEW: Duration = Duration::from_secs(240);
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(90);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default limit on an answer's body ([`PokitDokBuilder::max_response_size`]): 32 MiB.
pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 32 * 1024 * 1024;
/// How long a pending authorization may complete a login by default (10 minutes; see
/// [`PokitDokBuilder::authorization_ttl`]).
pub const DEFAULT_AUTHORIZATION_TTL: Duration = Duration::from_secs(600);
/// The platform's published cap per application and minute: the throttle's default with a
/// shared store.
const PLATFORM_CAP: u32 = 84;

/// A PokitDok Platform API client.
///
/// Cheap to clone (one `Arc`), `Send + Sync`; clones share the HTTP connection pool and the
/// token. It obtains tokens itself (client credentials by default) with a single request however
/// many tasks need one, refreshes them in the background ahead of expiry while the current token
/// keeps serving requests, and replays a request once after a 401. Token requests run in a task
/// of the client's own: a caller that gives up never cancels one, and every caller waiting for
/// it gets the token or the error.
///
/// ```no_run
/// # async fn run() -> pokitdok::Result<()> {
/// use pokitdok::{Method, PokitDok};
///
/// let pd = PokitDok::builder()
///     .client_id("my-client-id")
///     .client_secret("my-client-secret")
///     .build()?;
/// let activities = pd.request("/activities/", Method::GET).await?;
/// println!("{} activities", activities.data.as_array().map_or(0, Vec::len));
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct PokitDok {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) auth: TokenManager,
    pub(crate) base_url: Url,
    /// `{base}/api/{version}` without a trailing slash.
    pub(crate) api_base: String,
    pub(crate) user_agent: HeaderValue,
    pub(crate) timeout: Duration,
    /// The path of `api_base` (`/api/v4`), for path templates.
    pub(crate) api_path: String,
    /// `api_base` parsed, when it is its own serialization: relative paths of plain
    /// characters are appended to it without parsing the whole URL again.
    pub(crate) api_url: Option<Url>,
    /// The URLs of plain paths already resolved.
    pub(crate) plain_paths: PlainPaths,
    pub(crate) retry: RetryPolicy,
    /// Shared by every clone (and every request) of this client.
    pub(crate) budget: RetryBudget,
    pub(crate) rate_limit_policy: RateLimitPolicy,
    /// Counters and throttle; an `Arc` so that the token manager's gate can hold it too.
    pub(crate) limiter: Arc<Limiter>,
    pub(crate) max_response_size: u64,
}

impl fmt::Debug for PokitDok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PokitDok")
            .field("api_base", &self.inner.api_base)
            .field("auth", &self.inner.auth)
            .finish_non_exhaustive()
    }
}

impl PokitDok {
    /// Starts configuring a client.
    pub fn builder() -> PokitDokBuilder {
        PokitDokBuilder::default()
    }

    /// Builds a client-credentials client for the production platform and fetches its first
    /// token, like the official clients' `connect`.
    ///
    /// # Errors
    /// [`Error::Auth`] when the credentials are refused, [`Error::Transport`] when the platform
    /// cannot be reached.
    pub async fn connect(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Result<PokitDok> {
        let pd = PokitDok::builder()
            .client_id(client_id)
            .client_secret(client_secret)
            .build()?;
        pd.fetch_access_token().await?;
        Ok(pd)
    }

    /// Builds a client from `POKITDOK_CLIENT_ID`, `POKITDOK_CLIENT_SECRET` and the optional
    /// `POKITDOK_BASE_URL`. No network.
    ///
    /// # Errors
    /// [`Error::Config`] naming the missing variable.
    pub fn from_env() -> Result<PokitDok> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let id = var("POKITDOK_CLIENT_ID")
            .ok_or_else(|| Error::config("POKITDOK_CLIENT_ID is not set"))?;
        let secret = var("POKITDOK_CLIENT_SECRET")
            .ok_or_else(|| Error::config("POKITDOK_CLIENT_SECRET is not set"))?;
        let mut b = PokitDok::builder().client_id(id).client_secret(secret);
        if let Some(base) = var("POKITDOK_BASE_URL") {
            b = b.base_url(base);
        }
        b.build()
    }

    /// A request with any method to a path relative to `{base_url}/api/{api_version}`
    /// (`"/activities/"`), or to a full URL inside it (such as `meta.next`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let r = pd.request("/ssl/", pokitdok::Method::GET).await?;
    /// # Ok(()) }
    /// ```
    pub fn request(&self, path: impl Into<String>, method: Method) -> RequestBuilder {
        RequestBuilder::new(self.clone(), method, path.into())
    }

    /// A GET request; see [`PokitDok::request`].
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let prices = pd
    ///     .get("/prices/cash")
    ///     .query(&[("zip_code", "29412"), ("cpt_code", "99385")])
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn get(&self, path: impl Into<String>) -> RequestBuilder {
        self.request(path, Method::GET)
    }

    /// A POST request; see [`PokitDok::request`].
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let body = serde_json::json!({"member": {"id": "W000000000"}, "trading_partner_id": "MOCKPAYER"});
    /// let r = pd.post("/eligibility/").json(&body).send().await?;
    /// println!("activity {:?}", r.meta.activity_id);
    /// # Ok(()) }
    /// ```
    pub fn post(&self, path: impl Into<String>) -> RequestBuilder {
        self.request(path, Method::POST)
    }

    /// A PUT request; see [`PokitDok::request`].
    pub fn put(&self, path: impl Into<String>) -> RequestBuilder {
        self.request(path, Method::PUT)
    }

    /// A DELETE request; see [`PokitDok::request`].
    pub fn delete(&self, path: impl Into<String>) -> RequestBuilder {
        self.request(path, Method::DELETE)
    }

    /// The URL to send a user to for the authorization-code flow, and the `state` it carries.
    ///
    /// The state is random and single use; a PKCE (S256) challenge is included and its verifier
    /// kept by this client until [`PokitDok::exchange_code`]. Needs
    /// [`PokitDokBuilder::redirect_uri`].
    ///
    /// ```no_run
    /// # async fn run() -> pokitdok::Result<()> {
    /// let pd = pokitdok::PokitDok::builder()
    ///     .client_id("id").client_secret("secret")
    ///     .redirect_uri("https://app.example/callback")
    ///     .scopes(["user_schedule"])
    ///     .build()?;
    /// let (url, state) = pd.authorization_url()?;
    /// // redirect the user to `url`; the platform sends them back with ?code=...&state=...
    /// # let (code, returned_state) = (String::new(), state.clone());
    /// let token = pd.exchange_code(&code, &returned_state).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// The state and verifier are kept in the client's authorization store (in memory by
    /// default, for [`DEFAULT_AUTHORIZATION_CAPACITY`](crate::store::DEFAULT_AUTHORIZATION_CAPACITY)
    /// pending logins; shared with [`PokitDokBuilder::redis`], then written in the background:
    /// a write that fails is logged and the login fails at `exchange_code`). They expire after
    /// [`PokitDokBuilder::authorization_ttl`]. For a web app with many users, prefer
    /// [`start_authorization`](Self::start_authorization), which binds the login to the
    /// user's session.
    ///
    /// # Errors
    /// [`Error::Config`] when no redirect URI was configured; [`Error::Store`] when the
    /// in-memory authorization store is full (no pending login is evicted for a new one).
    pub fn authorization_url(&self) -> Result<(Url, String)> {
        self.inner.auth.authorization_url()
    }

    /// Exchanges the code from the redirect for a token, after checking that `state` is one
    /// this client issued (constant-time compare).
    ///
    /// Each state works once: this call consumes it whatever happens next, also when the code
    /// is empty or the platform refuses it (an authorization response is single use; send the
    /// user to [`authorization_url`](Self::authorization_url) again). The exchange waits for a
    /// token request already under way, and is not held back by the backoff after a failed one.
    /// It runs in the client's token task: if this future is dropped, the token still arrives,
    /// is stored and goes to [`on_token`](PokitDokBuilder::on_token).
    ///
    /// # Errors
    /// [`Error::StateMismatch`] for a missing, unknown, expired, reused or session-bound
    /// ([`start_authorization`](Self::start_authorization)) state; [`Error::Config`] for an
    /// empty code (both before any request); [`Error::Store`] when a shared authorization store
    /// fails (the login does not proceed); [`Error::Auth`] when the platform refuses the code.
    pub async fn exchange_code(&self, code: &str, state: &str) -> Result<Token> {
        self.inner.auth.exchange_code(code, state).await
    }

    /// Starts a user's login (authorization code, state + PKCE S256) bound to the caller's
    /// session, and keeps it in the client's authorization store: with a shared store
    /// ([`PokitDokBuilder::redis`]) the callback may land on any replica. Redirect the user to
    /// [`PendingAuthorization::url`]; the callback completes the login with
    /// [`finish_authorization`](Self::finish_authorization) and the same session id.
    ///
    /// The session id is the one your web framework keeps for the browser (its cookie value);
    /// only a SHA-256 digest of it is stored. The login expires after
    /// [`PokitDokBuilder::authorization_ttl`] (10 minutes by default) and is used once.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok, session_id: &str, code: &str, state: &str)
    /// #     -> pokitdok::Result<()> {
    /// // GET /login
    /// let pending = pd.start_authorization(session_id).await?;
    /// // ... answer 302 Found, Location: pending.url()
    ///
    /// // GET /callback?code=...&state=... (on any replica)
    /// let token = pd.finish_authorization(session_id, code, state).await?;
    /// // the user's token: keep it for that user (see the README, "Running many replicas")
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`] without a redirect URI or with an empty session id; [`Error::Store`]
    /// when the store fails or (in memory) is full: no login starts then.
    pub async fn start_authorization(&self, session_id: &str) -> Result<PendingAuthorization> {
        self.inner.auth.start_authorization(session_id).await
    }

    /// Completes a login started with [`start_authorization`](Self::start_authorization): takes
    /// the pending login of `state` from the store (single use: gone whatever happens next),
    /// checks that it was started for this `session_id` (so that a state issued to one browser
    /// cannot complete a login in another: login CSRF) and has not expired, and exchanges the
    /// code with its PKCE verifier.
    ///
    /// The user's token is returned, **not kept by this client** (nor given to
    /// [`on_token`](PokitDokBuilder::on_token)): it is the user's, not the application's. Keep
    /// it per user, and make the user's calls with a client built with
    /// [`PokitDokBuilder::token`] (and the same credentials and redirect URI, so that its
    /// refresh token works).
    ///
    /// # Errors
    /// [`Error::StateMismatch`] for an unknown, used, expired or other session's state;
    /// [`Error::Config`] for an empty code; [`Error::Store`] when the store fails (the login
    /// does not proceed); [`Error::Auth`] when the platform refuses the code.
    pub async fn finish_authorization(
        &self,
        session_id: &str,
        code: &str,
        state: &str,
    ) -> Result<Token> {
        self.inner
            .auth
            .finish_authorization(session_id, code, state)
            .await
    }

    /// Starts a user's login bound to `session_id` like
    /// [`start_authorization`](Self::start_authorization), but stores nothing: keep the
    /// returned value yourself (it serializes), in the user's server-side session, and complete
    /// the login with [`finish_authorization_with`](Self::finish_authorization_with). No
    /// network, no store.
    ///
    /// ```
    /// let pd = pokitdok::PokitDok::builder()
    ///     .client_id("id")
    ///     .client_secret("secret")
    ///     .redirect_uri("https://app.example/callback")
    ///     .build()
    ///     .unwrap();
    /// let pending = pd.authorization_request("session-1").unwrap();
    /// assert!(pending.url().contains(pending.state()));
    /// let kept = serde_json::to_string(&pending).unwrap(); // into the session
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`] without a redirect URI or with an empty session id.
    pub fn authorization_request(&self, session_id: &str) -> Result<PendingAuthorization> {
        self.inner.auth.new_pending(Some(session_id))
    }

    /// Completes a login whose pending value you kept
    /// ([`authorization_request`](Self::authorization_request)): checks `state` against it
    /// (constant time), the session, the application and the expiry, then exchanges the code.
    /// Take the value out of the session before calling: each works once. The user's token is
    /// returned and not kept, as with [`finish_authorization`](Self::finish_authorization).
    ///
    /// # Errors
    /// [`Error::StateMismatch`] for another state, session or application, or an expired
    /// value; [`Error::Config`] for an empty code; [`Error::Auth`] when the platform refuses
    /// the code.
    pub async fn finish_authorization_with(
        &self,
        pending: PendingAuthorization,
        session_id: &str,
        code: &str,
        state: &str,
    ) -> Result<Token> {
        self.inner
            .auth
            .finish_pending(pending, session_id, code, state)
            .await
    }

    /// Obtains a new token now (refresh grant when a refresh token is held, client credentials
    /// otherwise), whatever the state of the current one. A token request already under way is
    /// joined instead of sending another.
    ///
    /// After a failed token request the client backs off (1 s doubling to 60 s, jittered):
    /// until then this returns that request's error at once, without sending anything.
    ///
    /// # Errors
    /// [`Error::Auth`] when the token endpoint refuses; [`Error::AuthorizationRequired`] for a
    /// code-flow client without a (valid) refresh token.
    pub async fn fetch_access_token(&self) -> Result<Token> {
        self.inner.auth.force().await
    }

    /// Revokes the current access token (`POST {base}/oauth2/revoke`, RFC 7009: the form
    /// `token=<access token>&token_type_hint=access_token` with the client credentials in HTTP
    /// Basic, as on the token endpoint; what the official C# client did on `Dispose()`), then
    /// forgets it: [`token`](Self::token) returns `None` and the next call obtains a new token
    /// (from the refresh token when one is held, which is kept and not revoked; otherwise with
    /// the client credentials). Without a current token nothing is sent.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// pd.ssl_check().await?;
    /// pd.revoke_token().await?; // the token is no longer valid anywhere
    /// assert!(pd.token().is_none());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Auth`] (with the OAuth2 `error` code when sent) when the platform refuses;
    /// [`Error::Config`] for a client built from a token without `client_id`/`client_secret`;
    /// [`Error::Transport`] / [`Error::Timeout`]. The token is kept when revocation fails.
    pub async fn revoke_token(&self) -> Result<()> {
        self.inner.auth.revoke().await
    }

    /// The current token, if any (a snapshot; no network).
    pub fn token(&self) -> Option<Token> {
        self.inner.auth.snapshot()
    }

    /// The platform's rate-limit counters from the latest response that carried them (2xx or
    /// error; `None` before any did). Shared by all clones; no network.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// pd.trading_partners().await?;
    /// if let Some(rl) = pd.rate_limit() {
    ///     println!("{:?} requests left until {:?}", rl.remaining(), rl.reset_at);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.inner.limiter.snapshot()
    }

    /// `{base_url}/api/{api_version}`.
    pub fn api_base(&self) -> &str {
        &self.inner.api_base
    }

    /// Resolves a path or full URL to a URL inside the API base; anything outside is refused.
    pub(crate) fn resolve(&self, path: &str) -> Result<Url> {
        let plain = &self.inner.plain_paths;
        if let Some(url) = plain.get(path) {
            return Ok(url.clone());
        }
        if let Some(url) = self.append_plain(path) {
            if !path.bytes().any(|b| b.is_ascii_digit()) {
                plain.put(path, &url);
            }
            return Ok(url);
        }
        let api = &self.inner.api_base;
        let candidate = if path.starts_with("http://") || path.starts_with("https://") {
            path.to_owned()
        } else {
            format!("{api}/{}", path.trim_start_matches('/'))
        };
        let url = Url::parse(&candidate)
            .map_err(|_| Error::config("the request path is not a valid URL path"))?;
        let inside = url
            .as_str()
            .strip_prefix(api.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?']));
        if !inside || url.origin() != self.inner.base_url.origin() {
            return Err(Error::config(format!(
                "the request URL is outside the API base {api}"
            )));
        }
        Ok(url)
    }
    /// [`resolve`](Self::resolve) for the common case, a relative path of unreserved
    /// characters and `/` with no `.` or `..` segment (`/eligibility/`,
    /// `/activities/5745e9920640fd7aa95935f5`): such a path is the same in the URL as written
    /// and cannot leave the API base, so it is appended to the parsed base as it stands.
    /// `None`: any other path, which `resolve` parses whole and checks.
    fn append_plain(&self, path: &str) -> Option<Url> {
        let base = self.inner.api_url.as_ref()?;
        let rest = path.trim_start_matches('/');
        let plain = rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/'))
            && !rest
                .split('/')
                .any(|segment| segment == "." || segment == "..");
        if !plain {
            return None;
        }
        // Segment by segment onto the base's path: nothing in them to encode, so this is the
        // same URL as `set_path` of the joined path, without a second copy of the path and
        // its full parse.
        let mut url = base.clone();
        url.path_segments_mut().ok()?.extend(rest.split('/'));
        Some(url)
    }
}

/// The URLs of the plain paths a client has resolved ([`PokitDok::resolve`]), so that a call
/// to a path used before clones its URL, as a caller of `reqwest` clones a parsed one. Filled
/// first come, never emptied: a path that finds no free slot is resolved every time. A path
/// with a digit is not remembered: it names one thing (an activity's id, an NPI, a UUID), and
/// one-off paths would take the slots of the fixed ones. Read without a lock or a shared write
/// (each slot is set once).
pub(crate) struct PlainPaths {
    slots: [std::sync::OnceLock<(Box<str>, Url)>; PLAIN_PATH_SLOTS],
}

/// The paths a client remembers (the typed methods use about thirty fixed ones).
const PLAIN_PATH_SLOTS: usize = 32;

impl PlainPaths {
    fn new() -> Self {
        PlainPaths {
            slots: std::array::from_fn(|_| std::sync::OnceLock::new()),
        }
    }

    fn get(&self, path: &str) -> Option<&Url> {
        for slot in &self.slots {
            // Slots fill in order: the first empty one ends the search.
            let (known, url) = slot.get()?;
            if **known == *path {
                return Some(url);
            }
        }
        None
    }

    fn put(&self, path: &str, url: &Url) {
        for slot in &self.slots {
            match slot.get() {
                Some((known, _)) if **known == *path => return,
                Some(_) => {}
                None => {
                    // Another thread may take the slot first: this path waits for the next call.
                    let _ = slot.set((path.into(), url.clone()));
                    return;
                }
            }
        }
    }
}

/// Configures a [`PokitDok`] client. `build()` does no network I/O.
///
/// ```
/// use std::time::Duration;
/// let pd = pokitdok::PokitDok::builder()
///     .client_id("id")
///     .client_secret("secret")
///     .base_url("https://platform.pokitdok.com")
///     .api_version("v4")
///     .timeout(Duration::from_secs(90))
///     .connect_timeout(Duration::from_secs(10))
///     .user_agent_suffix("my-service/1.2")
///     .on_token(|t| println!("new token, expires {:?}", t.expires_at()))
///     .build()
///     .unwrap();
/// assert!(pd.token().is_none());
/// ```
#[derive(Default)]
#[must_use]
pub struct PokitDokBuilder {
    client_id: Option<String>,
    client_secret: Option<SecretString>,
    base_url: Option<String>,
    api_version: Option<String>,
    redirect_uri: Option<String>,
    scopes: Vec<String>,
    token: Option<Token>,
    on_token: Option<TokenCallback>,
    auto_refresh: Option<bool>,
    refresh_skew: Option<Duration>,
    http_client: Option<reqwest::ClientBuilder>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    user_agent_suffix: Option<String>,
    retry: Option<RetryPolicy>,
    retry_budget: Option<u32>,
    rate_limit_policy: Option<RateLimitPolicy>,
    max_requests_per_minute: Option<u32>,
    max_response_size: Option<u64>,
    store: Option<Store>,
    #[cfg(feature = "redis")]
    redis: Option<String>,
    authorization_ttl: Option<Duration>,
}

impl fmt::Debug for PokitDokBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PokitDokBuilder")
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "[redacted]"),
            )
            .field("base_url", &self.base_url)
            .field("api_version", &self.api_version)
            .field("redirect_uri", &self.redirect_uri)
            .field("scopes", &self.scopes)
            .field("token", &self.token)
            .field("auto_refresh", &self.auto_refresh)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("rate_limit_policy", &self.rate_limit_policy)
            .field("max_requests_per_minute", &self.max_requests_per_minute)
            .field("store", &self.store)
            .field("authorization_ttl", &self.authorization_ttl)
            .finish_non_exhaustive()
    }
}

impl PokitDokBuilder {
    /// The application's client id.
    pub fn client_id(mut self, id: impl Into<String>) -> Self {
        self.client_id = Some(id.into());
        self
    }

    /// The application's client secret. Kept in a `SecretString`; never printed.
    pub fn client_secret(mut self, secret: impl Into<String>) -> Self {
        self.client_secret = Some(SecretString::from(secret.into()));
        self
    }

    /// The platform's base URL (default `https://platform.pokitdok.com`). `http://` is accepted
    /// only for loopback hosts (tests, the sandbox).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The API version (default `v4`).
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }

    /// The registered redirect URI. Setting it makes this an authorization-code client: it
    /// never falls back to client credentials.
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uri = Some(uri.into());
        self
    }

    /// OAuth2 scopes to request (e.g. `user_schedule` for scheduling).
    pub fn scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Starts from a saved token: no grant until it expires (or is refused).
    pub fn token(mut self, token: Token) -> Self {
        self.token = Some(token);
        self
    }

    /// Called with every new token (first fetch, refresh, code exchange) before any request
    /// uses it: the place to persist rotated refresh tokens.
    ///
    /// It runs in the client's token task, synchronously, while other requests wait for that
    /// token (or keep using the previous one during a refresh ahead of expiry), so it must be
    /// quick (hand slow persistence to a channel or a spawned task). A panic in it is caught:
    /// the token is kept in use, and the calls that were waiting for it fail with
    /// [`Error::Auth`] saying so.
    ///
    /// With a shared store ([`redis`](Self::redis), [`store`](Self::store)) it is called only
    /// in the client that fetched the token, not in those that took it from the store; nor is
    /// it called with the user tokens of
    /// [`finish_authorization`](PokitDok::finish_authorization) (they are returned).
    pub fn on_token(mut self, f: impl Fn(&Token) + Send + Sync + 'static) -> Self {
        self.on_token = Some(Arc::new(f));
        self
    }

    /// Refresh tokens ahead of expiry and after a 401 (default `true`). When off, an expired
    /// token is still sent and a 401 is returned as [`Error::Unauthorized`].
    pub fn auto_refresh(mut self, on: bool) -> Self {
        self.auto_refresh = Some(on);
        self
    }

    /// How long before expiry a token is refreshed ahead of time (default
    /// [`DEFAULT_REFRESH_SKEW`], 240 s; at most half the token's lifetime is used). The refresh
    /// runs in the background: the current token keeps serving requests until the new one
    /// arrives, and a failed refresh is retried after a backoff (1 s doubling to 60 s) while the
    /// token is still valid. A token is treated as expired 10 s before its expiry; a skew
    /// shorter than that means the refresh happens then, with callers waiting for it.
    pub fn refresh_skew(mut self, skew: Duration) -> Self {
        self.refresh_skew = Some(skew);
        self
    }

    /// Builds the HTTP client from this reqwest builder (proxies, extra root certificates,
    /// local address ...), after setting the policies the client's guarantees rest on: no
    /// redirects followed (a 307/308 would resend a claim or patient data to wherever it
    /// points, and token requests must never follow one), TLS 1.2 as the lowest version, and the
    /// timeouts of this builder. Whatever the given builder said about those is replaced. Its
    /// TLS backend (`tls_backend_rustls()` / `tls_backend_native()`, or reqwest's default for
    /// the features compiled in) stays its own.
    ///
    /// (It takes a `ClientBuilder` rather than a built `reqwest::Client`, whose redirect and
    /// TLS policies could not be checked.)
    ///
    /// ```
    /// let http = reqwest::Client::builder()
    ///     .redirect(reqwest::redirect::Policy::limited(10)) // replaced by Policy::none()
    ///     .pool_max_idle_per_host(4);
    /// let pd = pokitdok::PokitDok::builder()
    ///     .client_id("id")
    ///     .client_secret("secret")
    ///     .http_client(http)
    ///     .build()
    ///     .unwrap();
    /// ```
    pub fn http_client(mut self, builder: reqwest::ClientBuilder) -> Self {
        self.http_client = Some(builder);
        self
    }

    /// The retry policy of every request (default [`RetryPolicy::default`]: 3 attempts,
    /// exponential backoff with full jitter from 500 ms to 10 s, `Retry-After` honoured, a
    /// 120 s deadline per call). Requests can override it
    /// ([`RequestBuilder::retry`](crate::RequestBuilder::retry)). See [`RetryPolicy`] for what
    /// is retried: never a POST that may have reached the server.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The size of the client's retry budget, in tokens (default 500, as the AWS SDKs): a
    /// retry takes 5 tokens (10 after a timeout), a success gives back what its retries took
    /// (1 when it needed none). When a failing platform has used the budget up, errors are
    /// returned without retrying until successes refill it, so that a struggling platform is
    /// not hammered by every task at once. Shared by all clones. `0` turns retries off except
    /// the 401 replay and rate-limit waits.
    pub fn retry_budget(mut self, tokens: u32) -> Self {
        self.retry_budget = Some(tokens);
        self
    }

    /// What to do with a rate-limited answer (default [`RateLimitPolicy::Error`]: return
    /// [`Error::RateLimited`]). [`RateLimitPolicy::Wait`] sleeps until the window resets (at
    /// most `max_wait` and the call's deadline) and sends again.
    pub fn rate_limit_policy(mut self, policy: RateLimitPolicy) -> Self {
        self.rate_limit_policy = Some(policy);
        self
    }

    /// A client-side throttle: at most `n` requests per rate-limit window (the platform's cap
    /// is 84 a minute), shared by all clones of the client, so that a busy service stays under
    /// the cap instead of collecting 403s. Every request counts: each attempt, the 401
    /// replay, rate-limit replays and the lookups of
    /// [`Call::idempotency_key`](crate::Call::idempotency_key).
    ///
    /// The platform counts in fixed windows that its answers describe (`meta.rate_limit_reset`
    /// ends the window, `rate_limit_amount` counts it, `rate_limit_cap` caps it), and the
    /// throttle follows them: the effective cap is the smaller of `n` and `rate_limit_cap`,
    /// the count never falls below `rate_limit_amount`, and a full window makes requests wait
    /// for the next one (a continuously refilling token bucket would let a burst at the end of
    /// one window and another at the start of the next exceed the cap). Before any answer has
    /// described the window, one of 60 s from the first request is assumed. A request whose
    /// deadline comes before the next window fails at once with [`Error::Timeout`]
    /// ([`TimeoutPhase::Deadline`](crate::TimeoutPhase::Deadline)) without being sent.
    ///
    /// With a shared store ([`redis`](Self::redis), [`store`](Self::store)) the window is the
    /// fleet's: every client sharing it counts in it, and the throttle is on at the platform's
    /// 84 a minute unless this says otherwise (give every replica the same value).
    ///
    /// [`Error::Config`] from `build()` for `0`.
    pub fn max_requests_per_minute(mut self, n: u32) -> Self {
        self.max_requests_per_minute = Some(n);
        self
    }

    /// Shares the application token, the rate-limit window and pending logins with every other
    /// client (replica) configured with the same Redis server and client id (the `redis`
    /// feature): one token request for the fleet, one throttle under the platform's cap, and a
    /// login that starts on one replica and completes on another.
    ///
    /// `build()` only parses the URL (a malformed one is [`Error::Config`]) and makes no
    /// connection; the connection is made on first use, and reconnects by itself. See
    /// [`RedisStore`](crate::store::RedisStore) for the key layout and
    /// [`store`](crate::store) for what happens while Redis is unreachable (token and
    /// throttle fall back to process-local state; logins fail closed with [`Error::Store`]).
    /// The throttle is on at 84 requests a minute unless
    /// [`max_requests_per_minute`](Self::max_requests_per_minute) says otherwise. Needs
    /// `client_id`; not combinable with [`store`](Self::store).
    ///
    /// ```
    /// # #[cfg(feature = "redis")] {
    /// let pd = pokitdok::PokitDok::builder()
    ///     .client_id("id")
    ///     .client_secret("secret")
    ///     .redis("redis://127.0.0.1:6379/")
    ///     .build()
    ///     .unwrap(); // no connection yet
    /// let bad = pokitdok::PokitDok::builder()
    ///     .client_id("id")
    ///     .client_secret("secret")
    ///     .redis("redis://[::1")
    ///     .build();
    /// assert!(matches!(bad, Err(pokitdok::Error::Config { .. })));
    /// # }
    /// ```
    #[cfg(feature = "redis")]
    #[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
    pub fn redis(mut self, url: impl Into<String>) -> Self {
        self.redis = Some(url.into());
        self
    }

    /// Shares the token, the rate-limit window and pending logins through a store of your own
    /// (or [`Store::memory`] to share them between clients of one process): see
    /// [`store`](crate::store). The throttle is on at 84 requests a minute unless
    /// [`max_requests_per_minute`](Self::max_requests_per_minute) says otherwise. Not
    /// combinable with [`redis`](Self::redis).
    pub fn store(mut self, store: Store) -> Self {
        self.store = Some(store);
        self
    }

    /// How long a pending authorization-code login may be completed (default
    /// [`DEFAULT_AUTHORIZATION_TTL`], 10 minutes); then its state is refused.
    /// [`Error::Config`] from `build()` for zero.
    pub fn authorization_ttl(mut self, ttl: Duration) -> Self {
        self.authorization_ttl = Some(ttl);
        self
    }

    /// The largest answer body read, in bytes (default 32 MiB, [`DEFAULT_MAX_RESPONSE_SIZE`]),
    /// for API answers and error bodies alike: a larger one fails with
    /// [`Error::ResponseTooLarge`] (refused from its `Content-Length` when sent, otherwise as
    /// soon as the limit is passed). Large activity lists and 835 payments fit well inside the
    /// default; lower it to bound the memory of many concurrent calls.
    pub fn max_response_size(mut self, bytes: u64) -> Self {
        self.max_response_size = Some(bytes);
        self
    }

    /// Timeout of each attempt, API and token requests alike (default 90 s; cut to the time
    /// left before the call's deadline, [`RetryPolicy::deadline`]). Running out is
    /// [`Error::Timeout`] with [`TimeoutPhase::Request`](crate::TimeoutPhase::Request)
    /// ([`TimeoutPhase::Token`](crate::TimeoutPhase::Token) for a token request).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Connect timeout (default 10 s; also set on a [`PokitDokBuilder::http_client`]). Running
    /// out is [`Error::Timeout`] with [`TimeoutPhase::Connect`](crate::TimeoutPhase::Connect)
    /// for an API request: the request was not sent.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Appended to the `pokitdok-rust/<version>` User-Agent.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Builds the client. No network I/O.
    ///
    /// # Errors
    /// [`Error::Config`] for a malformed or non-HTTPS (non-loopback) base URL, a bad redirect
    /// URI or User-Agent suffix, or missing credentials (when no token is given either).
    pub fn build(self) -> Result<PokitDok> {
        let base_url = parse_base_url(self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
        let version = self.api_version.as_deref().unwrap_or(DEFAULT_API_VERSION);
        let version = version.trim_matches('/');
        if version.is_empty() || version.contains(['/', '?', '#']) {
            return Err(Error::config("api_version must be a single path segment"));
        }
        let root = base_url.as_str().trim_end_matches('/').to_owned();
        let api_base = format!("{root}/api/{version}");
        let token_url = Url::parse(&format!("{root}/oauth2/token"))
            .map_err(|_| Error::config("invalid base_url"))?;
        let auth_url = Url::parse(&format!("{root}/oauth2/authorize"))
            .map_err(|_| Error::config("invalid base_url"))?;
        let revoke_url = Url::parse(&format!("{root}/oauth2/revoke"))
            .map_err(|_| Error::config("invalid base_url"))?;
        let redirect_uri = match &self.redirect_uri {
            Some(r) => Some(Url::parse(r).map_err(|_| Error::config("invalid redirect_uri"))?),
            None => None,
        };
        let has_credentials = self.client_id.is_some() && self.client_secret.is_some();
        if !has_credentials && self.token.is_none() {
            return Err(Error::config(
                "client_id and client_secret are required (or start from a saved token)",
            ));
        }
        // Without a suffix the value is static: cloning it per request touches no shared
        // reference count.
        const USER_AGENT: &str = concat!("pokitdok-rust/", env!("CARGO_PKG_VERSION"));
        let user_agent = match &self.user_agent_suffix {
            None => HeaderValue::from_static(USER_AGENT),
            Some(s) => HeaderValue::from_str(&format!("{USER_AGENT} {s}"))
                .map_err(|_| Error::config("user_agent_suffix is not a valid header value"))?,
        };
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        if base_url.scheme() == "https" && !TLS_ENABLED {
            return Err(Error::config(
                "this build has no TLS backend: enable the `rustls` (default), `rustls-ring` or \
                 `native-tls` feature of pokitdok",
            ));
        }
        if self.max_requests_per_minute == Some(0) {
            return Err(Error::config("max_requests_per_minute must be at least 1"));
        }
        let authorization_ttl = self.authorization_ttl.unwrap_or(DEFAULT_AUTHORIZATION_TTL);
        if authorization_ttl.is_zero() {
            return Err(Error::config("authorization_ttl must be longer than zero"));
        }
        #[cfg(feature = "redis")]
        let store = match (self.store, &self.redis) {
            (Some(_), Some(_)) => {
                return Err(Error::config(
                    "use either redis(url) or store(..) on the builder, not both",
                ));
            }
            (None, Some(url)) => {
                let id = self
                    .client_id
                    .as_deref()
                    .ok_or_else(|| Error::config("redis(url) needs the client_id"))?;
                Some(Store::from(crate::store::RedisStore::open(url, id)?))
            }
            (store, None) => store,
        };
        #[cfg(not(feature = "redis"))]
        let store = self.store;
        // With a shared store the window is the application's: throttled by default.
        let max_per_window = self
            .max_requests_per_minute
            .or(store.as_ref().map(|_| PLATFORM_CAP));
        // A given builder gets the same policies as our own: no redirects, the TLS floor (its
        // TLS backend stays its own choice).
        let http = match self.http_client {
            Some(b) => tls_floor(b),
            None => tls(reqwest::Client::builder()),
        }
        .redirect(redirect::Policy::none())
        .timeout(timeout)
        .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
        .build()
        .map_err(|_| Error::config("could not build the HTTP client"))?;
        let limiter = match &store {
            Some(store) => Limiter::new(max_per_window).with_shared(store.limiter.clone()),
            None => Limiter::new(max_per_window),
        };
        let limiter = Arc::new(limiter);
        let api_url = Url::parse(&api_base).ok();
        let api_path = api_url
            .as_ref()
            .map(|u| u.path().to_owned())
            .unwrap_or_default();
        let api_url = api_url.filter(|u| u.as_str() == api_base);
        let auth = TokenManager::new(Settings {
            client_id: self.client_id,
            client_secret: self.client_secret.map(|s| s.expose_secret().to_owned()),
            auth_url,
            token_url,
            revoke_url,
            redirect_uri,
            scopes: self.scopes,
            skew: self.refresh_skew.unwrap_or(DEFAULT_REFRESH_SKEW),
            auto_refresh: self.auto_refresh.unwrap_or(true),
            on_token: self.on_token,
            // Token requests count against the throttle too (the platform counts them).
            before_token_request: Some(Arc::new(limiter.gate(timeout))),
            initial: self.token,
            timeout,
            max_answer_bytes: crate::auth::MAX_TOKEN_ANSWER_BYTES,
            http: http.clone(),
            user_agent: user_agent.clone(),
            shared_tokens: store.as_ref().map(|s| s.tokens.clone()),
            authorizations: match &store {
                Some(s) => s.authorizations.clone(),
                None => Arc::new(crate::store::MemoryAuthorizationStore::new()),
            },
            authorization_ttl,
        });
        Ok(PokitDok {
            inner: Arc::new(Inner {
                http,
                auth,
                base_url,
                api_base,
                user_agent,
                timeout,
                api_path,
                api_url,
                plain_paths: PlainPaths::new(),
                retry: self.retry.unwrap_or_default(),
                budget: RetryBudget::new(self.retry_budget.unwrap_or(BUDGET_CAPACITY)),
                rate_limit_policy: self.rate_limit_policy.unwrap_or_default(),
                limiter,
                max_response_size: self.max_response_size.unwrap_or(DEFAULT_MAX_RESPONSE_SIZE),
            }),
        })
    }
}

/// Whether this build can speak TLS (one of the TLS features is on).
const TLS_ENABLED: bool = cfg!(any(
    feature = "rustls",
    feature = "rustls-ring",
    feature = "native-tls"
));

/// The TLS backend the features chose, with TLS 1.2 as the floor. rustls wins when several
/// backends are compiled in (cargo features are additive).
fn tls(builder: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
    #[cfg(any(feature = "rustls", feature = "rustls-ring"))]
    let builder = builder.tls_backend_rustls();
    #[cfg(all(
        feature = "native-tls",
        not(any(feature = "rustls", feature = "rustls-ring"))
    ))]
    let builder = builder.tls_backend_native();
    tls_floor(builder)
}

/// TLS 1.2 as the floor, whatever backend the builder uses (a builder given to
/// [`PokitDokBuilder::http_client`] keeps its own backend choice).
fn tls_floor(builder: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
    #[cfg(feature = "rustls-ring")]
    {
        // reqwest's `rustls-no-provider` uses the process-wide default provider: install ring
        // unless the application installed one already (then that one is used).
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    #[cfg(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))]
    let builder = builder.tls_version_min(reqwest::tls::Version::TLS_1_2);
    builder
}

fn parse_base_url(raw: &str) -> Result<Url> {
    let url = Url::parse(raw.trim()).map_err(|_| Error::config("base_url is not a valid URL"))?;
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(Error::config(
            "base_url must not carry a query, fragment or credentials",
        ));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(Error::config(
            "base_url must use https (plain http is allowed only for loopback hosts)",
        )),
        _ => Err(Error::config("base_url must be an https URL")),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_are_appended_to_the_base_as_a_full_parse_would_read_them() {
        for base in [
            "http://127.0.0.1:5000",
            "https://platform.pokitdok.com/",
            "https://example.com/prefix/",
        ] {
            let pd = PokitDok::builder()
                .client_id("id")
                .client_secret("secret")
                .base_url(base)
                .build()
                .unwrap();
            let api = pd.api_base().to_owned();
            let mut appended = 0;
            for path in [
                "",
                "/",
                "/eligibility/",
                "eligibility",
                "//activities/5745e9920640fd7aa95935f5",
                "/providers/1467560003",
                "/a-b_c.d~e/",
                "/x//y/",
                "/.well/..known",
                "/claims/status",
                // Not plain: parsed whole and checked.
                "/activities/?limit=5",
                "/a/../b",
                "/a/./b",
                "/..",
                "/a b",
                "/caf\u{e9}",
                "/a%2Fb",
                "/a#frag",
                "/a\\b",
            ] {
                let full = Url::parse(&format!("{api}/{}", path.trim_start_matches('/')));
                if let Some(url) = pd.append_plain(path) {
                    appended += 1;
                    assert_eq!(Ok(&url), full.as_ref(), "{base} {path}");
                    assert!(url.as_str().starts_with(&format!("{api}/")), "{path}");
                }
                match (pd.resolve(path), pd.append_plain(path).is_none()) {
                    (Ok(url), true) => assert_eq!(Ok(&url), full.as_ref(), "{path}"),
                    (Err(_), true) => {}
                    (r, false) => assert!(r.is_ok(), "{path}"),
                }
            }
            assert_eq!(appended, 10, "{base}");
            assert!(pd.append_plain("/a/../b").is_none());
            assert!(pd.resolve("/a/../../../x").is_err());
        }
    }

    #[test]
    fn a_path_resolved_again_comes_from_the_client_s_slots_and_is_the_same_url() {
        let pd = PokitDok::builder()
            .client_id("id")
            .client_secret("secret")
            .base_url("https://example.com/prefix/")
            .build()
            .unwrap();
        let slots = &pd.inner.plain_paths;
        // More paths than slots: every one resolves the same, remembered or not.
        let paths: Vec<String> = (0..PLAIN_PATH_SLOTS + 8)
            .map(|i| {
                let letter = |n: usize| char::from(b'a' + (n % 26) as u8);
                format!("/plans/{}{}/", letter(i / 26), letter(i))
            })
            .collect();
        for round in 0..2 {
            for (i, path) in paths.iter().enumerate() {
                let want = Url::parse(&format!("https://example.com/prefix/api/v4{path}")).unwrap();
                assert_eq!(pd.resolve(path).unwrap(), want, "{round} {path}");
                assert_eq!(
                    slots.get(path).is_some(),
                    i < PLAIN_PATH_SLOTS,
                    "{round} {path}"
                );
            }
        }
        // Paths that are not plain, or carry an id, are never remembered.
        assert!(pd.resolve("/activities/?limit=5").is_ok());
        assert!(slots.get("/activities/?limit=5").is_none());
        let fresh = PokitDok::builder()
            .client_id("id")
            .client_secret("secret")
            .build()
            .unwrap();
        for _ in 0..2 {
            assert!(fresh.resolve("/activities/5f1e2d").is_ok());
        }
        assert!(fresh.inner.plain_paths.get("/activities/5f1e2d").is_none());
        assert!(fresh.resolve("/activities/").is_ok());
        assert!(fresh.inner.plain_paths.get("/activities/").is_some());
        // A clone shares the slots; another client has its own.
        assert!(pd.clone().inner.plain_paths.get(&paths[0]).is_some());
        let other = PokitDok::builder()
            .client_id("id")
            .client_secret("secret")
            .base_url("https://other.example.com")
            .build()
            .unwrap();
        assert_eq!(
            other.resolve(&paths[0]).unwrap().as_str(),
            format!("https://other.example.com/api/v4{}", paths[0])
        );
    }
}
