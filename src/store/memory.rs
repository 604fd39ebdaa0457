//! The in-memory token cache and authorization store (the rate limiter is in `limit.rs`).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use super::{
    AuthorizationStore, Fence, PendingAuthorization, StoreError, StoreErrorKind, StoreFuture,
    StoredToken, TokenCache, digest,
};

/// How many pending logins a [`MemoryAuthorizationStore`] holds by default (1,024).
pub const DEFAULT_AUTHORIZATION_CAPACITY: usize = 1024;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn ready<'a, T: Send + 'a>(value: Result<T, StoreError>) -> StoreFuture<'a, T> {
    Box::pin(std::future::ready(value))
}

/// A [`TokenCache`] in this process's memory, for clients built separately in one process
/// (clones of one client share their token anyway). Tokens are dropped at their expiry.
#[derive(Default)]
pub struct MemoryTokenCache {
    slot: Mutex<TokenSlot>,
}

#[derive(Default)]
struct TokenSlot {
    token: Option<StoredToken>,
    lock: Option<(Fence, Instant)>,
}

impl MemoryTokenCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }
}

impl fmt::Debug for MemoryTokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let slot = lock(&self.slot);
        f.debug_struct("MemoryTokenCache")
            .field("token", &slot.token)
            .field("locked", &slot.lock.is_some())
            .finish()
    }
}

impl TokenCache for MemoryTokenCache {
    fn get(&self) -> StoreFuture<'_, Option<StoredToken>> {
        let mut slot = lock(&self.slot);
        if slot
            .token
            .as_ref()
            .is_some_and(|t| t.time_to_live().is_zero())
        {
            slot.token = None;
        }
        ready(Ok(slot.token.clone()))
    }

    fn put(&self, token: StoredToken) -> StoreFuture<'_, ()> {
        let mut slot = lock(&self.slot);
        let newer = |current: &StoredToken| {
            current.time_to_live().is_zero() || current.expires_at() <= token.expires_at()
        };
        if !token.time_to_live().is_zero() && slot.token.as_ref().is_none_or(newer) {
            slot.token = Some(token);
        }
        ready(Ok(()))
    }

    fn evict<'a>(&'a self, access_token: &'a str) -> StoreFuture<'a, ()> {
        let mut slot = lock(&self.slot);
        if slot
            .token
            .as_ref()
            .is_some_and(|t| t.token().access_token() == access_token)
        {
            slot.token = None;
        }
        ready(Ok(()))
    }

    fn try_lock<'a>(&'a self, fence: &'a Fence, ttl: Duration) -> StoreFuture<'a, bool> {
        let mut slot = lock(&self.slot);
        let now = Instant::now();
        let held = slot.lock.as_ref().is_some_and(|(_, until)| now < *until);
        if held {
            return ready(Ok(false));
        }
        slot.lock = Some((fence.clone(), now + ttl));
        ready(Ok(true))
    }

    fn extend_lock<'a>(&'a self, fence: &'a Fence, ttl: Duration) -> StoreFuture<'a, bool> {
        let mut slot = lock(&self.slot);
        let now = Instant::now();
        match slot.lock.as_mut() {
            Some((f, until)) if f == fence && now < *until => {
                *until = now + ttl;
                ready(Ok(true))
            }
            _ => ready(Ok(false)),
        }
    }

    fn unlock<'a>(&'a self, fence: &'a Fence) -> StoreFuture<'a, bool> {
        let mut slot = lock(&self.slot);
        let ours = slot.lock.as_ref().is_some_and(|(f, _)| f == fence);
        if ours {
            slot.lock = None;
        }
        ready(Ok(ours))
    }
}

/// An [`AuthorizationStore`] in this process's memory: the default of every client.
///
/// Entries are kept under a digest of their state, expire, and are removed when taken. When
/// the store holds its capacity of unexpired entries it refuses new ones with
/// [`StoreErrorKind::Full`] (an [`Error::Store`](crate::Error::Store) from
/// [`start_authorization`](crate::PokitDok::start_authorization)), rather than evicting a
/// login that a user is in the middle of.
pub struct MemoryAuthorizationStore {
    capacity: usize,
    entries: Mutex<HashMap<String, PendingAuthorization>>,
}

impl MemoryAuthorizationStore {
    /// A store for [`DEFAULT_AUTHORIZATION_CAPACITY`] pending logins.
    pub fn new() -> Self {
        Self::with_capacity(DEFAULT_AUTHORIZATION_CAPACITY)
    }

    /// A store for at most `capacity` pending logins at once (at least one).
    pub fn with_capacity(capacity: usize) -> Self {
        MemoryAuthorizationStore {
            capacity: capacity.max(1),
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// How many pending logins it holds now (expired ones included until the next `put`).
    pub fn len(&self) -> usize {
        lock(&self.entries).len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Default for MemoryAuthorizationStore {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for MemoryAuthorizationStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryAuthorizationStore")
            .field("capacity", &self.capacity)
            .field("pending", &self.len())
            .finish()
    }
}

impl AuthorizationStore for MemoryAuthorizationStore {
    fn put<'a>(&'a self, pending: &'a PendingAuthorization) -> StoreFuture<'a, ()> {
        let mut entries = lock(&self.entries);
        let now = SystemTime::now();
        entries.retain(|_, p| p.expires_at() > now);
        let key = digest(pending.state());
        if entries.len() >= self.capacity && !entries.contains_key(&key) {
            return ready(Err(StoreError::new(
                StoreErrorKind::Full,
                format!(
                    "the in-memory authorization store holds its maximum of {} pending logins; \
                     none was evicted (raise MemoryAuthorizationStore::with_capacity, or use a \
                     shared store)",
                    self.capacity
                ),
            )));
        }
        entries.insert(key, pending.clone());
        ready(Ok(()))
    }

    fn take<'a>(&'a self, state: &'a str) -> StoreFuture<'a, Option<PendingAuthorization>> {
        let taken = lock(&self.entries)
            .remove(&digest(state))
            .filter(|p| !p.is_expired());
        ready(Ok(taken))
    }
}
