//! Shared state behind three small traits: the application's token ([`TokenCache`]), the
//! platform's rate-limit window ([`RateLimiter`]) and pending logins
//! ([`AuthorizationStore`]).
//!
//! A client keeps all three in its own memory by default. A fleet of replicas of one service,
//! all using the same PokitDok application, shares them instead, so that the fleet fetches one
//! token, stays under the application's one rate limit, and completes a login on any replica:
//!
//! - with Redis (the `redis` feature): [`PokitDokBuilder::redis`](crate::PokitDokBuilder::redis)
//!   (see [`RedisStore`] for the key layout and the atomic operations);
//! - with a store of your own: implement the three traits and pass them as a [`Store`] to
//!   [`PokitDokBuilder::store`](crate::PokitDokBuilder::store).
//!
//! The in-memory implementations ([`MemoryTokenCache`], [`MemoryRateLimiter`],
//! [`MemoryAuthorizationStore`], bundled by [`Store::memory`]) share state between clients built
//! separately in one process.
//!
//! # When the store fails
//!
//! Every store operation is bounded by [`STORE_TIMEOUT`] (2 s): a store that hangs never hangs
//! a call. Then:
//!
//! - **token cache and rate limiter fall back to process-local state**, with one
//!   `tracing::warn!` per outage, and try the store again after a backoff (1 s doubling to
//!   30 s; one `tracing::info!` when it answers again). Failing every call while the store is
//!   down would take the whole fleet down with it; local state risks at most a few extra token
//!   requests and, while each replica throttles alone, a 403 that the
//!   [`RateLimitPolicy`](crate::RateLimitPolicy) and the retries absorb. A token fetched while
//!   the store is down is kept and used locally, and written to the store when it answers
//!   again: never lost.
//! - **the authorization store fails closed**: starting or completing a login returns
//!   [`Error::Store`](crate::Error::Store). A login whose state cannot be checked must not
//!   proceed.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::auth::Token;

pub(crate) mod fallback;
mod memory;
mod pending;
#[cfg(feature = "redis")]
mod redis;

pub use crate::limit::MemoryRateLimiter;
pub use memory::{DEFAULT_AUTHORIZATION_CAPACITY, MemoryAuthorizationStore, MemoryTokenCache};
pub use pending::PendingAuthorization;
#[cfg(feature = "redis")]
pub use redis::RedisStore;

/// The longest a client waits for one store operation (2 s). Past it the operation counts as
/// failed: the token cache and the rate limiter fall back to process-local state, the
/// authorization store fails the call with [`Error::Store`](crate::Error::Store).
pub const STORE_TIMEOUT: Duration = Duration::from_secs(2);

/// The future every store operation returns: boxed, so that the traits can be used as
/// `Arc<dyn ...>` (they are object safe), and `Send`.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// What kind of failure a [`StoreError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StoreErrorKind {
    /// The store could not be reached (connection refused, reset, not yet reconnected).
    Unavailable,
    /// The store did not answer in time ([`STORE_TIMEOUT`]).
    Timeout,
    /// The store is full and refuses new entries (the in-memory authorization store at its
    /// capacity): nothing pending was evicted.
    Full,
    /// The store answered with something that is not what was stored (a corrupt or foreign
    /// value, a script error).
    Invalid,
    /// Anything else.
    Other,
}

impl fmt::Display for StoreErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StoreErrorKind::Unavailable => "unavailable",
            StoreErrorKind::Timeout => "timed out",
            StoreErrorKind::Full => "full",
            StoreErrorKind::Invalid => "invalid answer",
            StoreErrorKind::Other => "failed",
        })
    }
}

/// A failed store operation: its kind and a message that never holds a token, a secret, a
/// state, a session id or a connection URL.
///
/// Implementations of the store traits return it; the client turns it into
/// [`Error::Store`](crate::Error::Store) where the failure reaches the caller.
///
/// ```
/// use pokitdok::store::{StoreError, StoreErrorKind};
///
/// let e = StoreError::new(StoreErrorKind::Unavailable, "connection refused");
/// assert_eq!(e.kind(), StoreErrorKind::Unavailable);
/// assert_eq!(e.to_string(), "unavailable: connection refused");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct StoreError {
    kind: StoreErrorKind,
    message: String,
}

impl StoreError {
    /// An error of this kind. The message must not contain secrets or values of the store.
    pub fn new(kind: StoreErrorKind, message: impl Into<String>) -> Self {
        StoreError {
            kind,
            message: message.into(),
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> StoreErrorKind {
        self.kind
    }

    /// What failed, in words.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl fmt::Debug for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoreError")
            .field("kind", &self.kind)
            .field("message", &self.message)
            .finish()
    }
}

impl std::error::Error for StoreError {}

/// The application's token as a [`TokenCache`] keeps it: the token and the instant from which
/// it should be refreshed (shared, so that every replica refreshes at the same point and one
/// of them fetches). Serializes as `{"token": {...}, "refresh_at": <unix ms>}`; `Debug` never
/// shows the token.
#[derive(Clone, Serialize, Deserialize)]
pub struct StoredToken {
    token: Token,
    /// Unix time in milliseconds.
    refresh_at: u64,
}

impl StoredToken {
    /// A token to be refreshed from `refresh_at` on.
    pub fn new(token: Token, refresh_at: SystemTime) -> Self {
        StoredToken {
            token,
            refresh_at: unix_ms(refresh_at),
        }
    }

    /// The token.
    pub fn token(&self) -> &Token {
        &self.token
    }

    /// From when on the token should be replaced by a new one.
    pub fn refresh_at(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(self.refresh_at)
    }

    /// When the token expires (`None`: unknown; such tokens are never shared).
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.token.expires_at()
    }

    /// How long a store may keep it: the time left before its expiry (zero once expired or when
    /// the expiry is unknown). A store never keeps a token longer than this.
    pub fn time_to_live(&self) -> Duration {
        self.expires_at()
            .and_then(|at| at.duration_since(SystemTime::now()).ok())
            .unwrap_or_default()
    }
}

impl fmt::Debug for StoredToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoredToken")
            .field("token", &self.token)
            .field("refresh_at", &self.refresh_at())
            .finish()
    }
}

/// The value that marks a refresh lock as held by one client: random, so that a lock whose TTL
/// ran out and was taken by another client is never released by the first (compare and
/// delete).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Fence(String);

impl Fence {
    /// A new random fence (128 bits).
    pub fn random() -> Self {
        let mut bytes = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut bytes);
        Fence(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// The fence as text, to store as the lock's value.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Fence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Fence").field(&self.0).finish()
    }
}

/// Where the application's token is shared: get, put, and a lock so that one client of the
/// fleet refreshes it while the others wait for what it puts.
///
/// Only the client-credentials application token is kept here; tokens obtained for a user
/// (authorization code) never are.
///
/// Every method returns a boxed future ([`StoreFuture`]); a failed one is a [`StoreError`]
/// (see [the module docs](self) for what the client does then).
pub trait TokenCache: Send + Sync + fmt::Debug {
    /// The stored token, if any (a store may drop expired ones itself; the client never uses
    /// one past its expiry).
    fn get(&self) -> StoreFuture<'_, Option<StoredToken>>;

    /// Stores `token` for at most its [`StoredToken::time_to_live`], unless the stored one
    /// expires later (the newer token wins whatever the order of two puts).
    fn put(&self, token: StoredToken) -> StoreFuture<'_, ()>;

    /// Forgets the stored token if its access token is `access_token` (after it was revoked).
    fn evict<'a>(&'a self, access_token: &'a str) -> StoreFuture<'a, ()>;

    /// Takes the refresh lock for `ttl` with this fence unless someone holds it: `true` when it
    /// is now ours. The TTL frees the lock of a client that died holding it.
    fn try_lock<'a>(&'a self, fence: &'a Fence, ttl: Duration) -> StoreFuture<'a, bool>;

    /// Extends the refresh lock to `ttl` from now if it is still held with this fence (compare
    /// and expire): `true` when it was. The holder calls it while a slow fetch goes on.
    fn extend_lock<'a>(&'a self, fence: &'a Fence, ttl: Duration) -> StoreFuture<'a, bool>;

    /// Releases the refresh lock if it is still held with this fence (compare and delete):
    /// `true` when it was.
    fn unlock<'a>(&'a self, fence: &'a Fence) -> StoreFuture<'a, bool>;
}

/// The answer of [`RateLimiter::try_acquire`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Permit {
    /// A request may be sent now; it was counted.
    Granted,
    /// The window is full: it ends after this long (ask again then).
    Wait(Duration),
}

/// What an answer's `meta` said about the platform's rate-limit window, relative to the moment
/// it arrived (so that clocks of different machines do not matter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct WindowReport {
    /// Requests the platform counted in the window (`rate_limit_amount`).
    pub amount: Option<u32>,
    /// The platform's cap per window (`rate_limit_cap`).
    pub cap: Option<u32>,
    /// How long until the window ends (`rate_limit_reset`, plus a margin of a second for its
    /// rounding). `None`: the answer did not say; then `amount` still counts for the current
    /// window.
    pub ends_in: Option<Duration>,
}

impl WindowReport {
    /// A report with these values.
    pub fn new(amount: Option<u32>, cap: Option<u32>, ends_in: Option<Duration>) -> Self {
        WindowReport {
            amount,
            cap,
            ends_in,
        }
    }
}

/// The client-side throttle's window: one fixed window, like the platform's, counted by every
/// client that shares it.
///
/// A window starts with the first permit after the previous one ended and lasts a minute until
/// an answer tells its real end ([`WindowReport::ends_in`]). Within a window at most `cap`
/// permits are granted, fewer when the platform reported a lower cap; the count never falls
/// below what the platform reported. Both operations must be atomic across everyone sharing
/// the limiter.
pub trait RateLimiter: Send + Sync + fmt::Debug {
    /// Counts one request in the current window if fewer than `cap` were counted (or the
    /// platform's lower cap), otherwise says how long until the window ends.
    fn try_acquire(&self, cap: u32) -> StoreFuture<'_, Permit>;

    /// Takes in what an answer reported about the window.
    fn record(&self, report: WindowReport) -> StoreFuture<'_, ()>;
}

/// Where pending authorizations (authorization-code logins between the redirect to PokitDok and
/// the callback) are kept, so that the callback may land on any replica.
///
/// Entries expire ([`PendingAuthorization::expires_at`]) and are used once: [`take`] returns
/// an entry and removes it in one atomic step. The client checks the state (in constant time),
/// the expiry and the session binding of what `take` returns.
///
/// [`take`]: AuthorizationStore::take
pub trait AuthorizationStore: Send + Sync + fmt::Debug {
    /// Keeps `pending` until its expiry, under its state. A full store refuses it with
    /// [`StoreErrorKind::Full`] rather than evicting another pending login.
    fn put<'a>(&'a self, pending: &'a PendingAuthorization) -> StoreFuture<'a, ()>;

    /// Removes and returns the entry stored under `state`, if any (single use: a second `take`
    /// of the same state finds nothing).
    fn take<'a>(&'a self, state: &'a str) -> StoreFuture<'a, Option<PendingAuthorization>>;
}

/// The three shared parts a client uses, for
/// [`PokitDokBuilder::store`](crate::PokitDokBuilder::store).
///
/// ```
/// use pokitdok::store::{MemoryAuthorizationStore, Store};
///
/// // Clients built separately in one process, sharing one token, one window and one login
/// // state, with room for 10,000 pending logins.
/// let store = Store::memory().with_authorization_store(MemoryAuthorizationStore::with_capacity(10_000));
/// let build = || {
///     pokitdok::PokitDok::builder()
///         .client_id("id")
///         .client_secret("secret")
///         .store(store.clone())
///         .build()
///         .unwrap()
/// };
/// let (a, b) = (build(), build());
/// ```
#[derive(Clone)]
pub struct Store {
    pub(crate) tokens: Arc<dyn TokenCache>,
    pub(crate) limiter: Arc<dyn RateLimiter>,
    pub(crate) authorizations: Arc<dyn AuthorizationStore>,
}

impl Store {
    /// Fresh in-memory parts ([`MemoryTokenCache`], [`MemoryRateLimiter`],
    /// [`MemoryAuthorizationStore`] with [`DEFAULT_AUTHORIZATION_CAPACITY`]), to share between
    /// clients of one process (clones of this value share them).
    pub fn memory() -> Self {
        Store {
            tokens: Arc::new(MemoryTokenCache::new()),
            limiter: Arc::new(MemoryRateLimiter::new()),
            authorizations: Arc::new(MemoryAuthorizationStore::new()),
        }
    }

    /// A store from three parts of your own.
    pub fn new(
        tokens: impl TokenCache + 'static,
        limiter: impl RateLimiter + 'static,
        authorizations: impl AuthorizationStore + 'static,
    ) -> Self {
        Store {
            tokens: Arc::new(tokens),
            limiter: Arc::new(limiter),
            authorizations: Arc::new(authorizations),
        }
    }

    /// A store whose three parts are one value (as [`RedisStore`] is).
    pub fn shared<S>(store: Arc<S>) -> Self
    where
        S: TokenCache + RateLimiter + AuthorizationStore + 'static,
    {
        Store {
            tokens: store.clone(),
            limiter: store.clone(),
            authorizations: store,
        }
    }

    /// The same store with another token cache.
    pub fn with_token_cache(mut self, tokens: impl TokenCache + 'static) -> Self {
        self.tokens = Arc::new(tokens);
        self
    }

    /// The same store with another rate limiter.
    pub fn with_rate_limiter(mut self, limiter: impl RateLimiter + 'static) -> Self {
        self.limiter = Arc::new(limiter);
        self
    }

    /// The same store with another authorization store.
    pub fn with_authorization_store(
        mut self,
        authorizations: impl AuthorizationStore + 'static,
    ) -> Self {
        self.authorizations = Arc::new(authorizations);
        self
    }
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("tokens", &self.tokens)
            .field("limiter", &self.limiter)
            .field("authorizations", &self.authorizations)
            .finish()
    }
}

#[cfg(feature = "redis")]
impl From<RedisStore> for Store {
    fn from(store: RedisStore) -> Self {
        Store::shared(Arc::new(store))
    }
}

/// Milliseconds since the Unix epoch (0 before it).
pub(crate) fn unix_ms(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// SHA-256 of `value`, as lowercase hex: how states and session ids are kept (never in clear).
pub(crate) fn digest(value: &str) -> String {
    let hash = sha2::Sha256::digest(value.as_bytes());
    let mut out = String::with_capacity(64);
    for b in hash.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}
