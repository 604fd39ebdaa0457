//! The three shared parts on Redis (the `redis` feature).

use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{RedisError, Script};

use super::{
    AuthorizationStore, Fence, PendingAuthorization, Permit, RateLimiter, StoreError,
    StoreErrorKind, StoreFuture, StoredToken, TokenCache, WindowReport, digest, unix_ms,
};
use crate::error::{Error, Result};

/// How long the window key outlives its window, so that the platform's cap it learnt is still
/// known at the start of the next one (ms).
const WINDOW_KEEP_MS: u64 = 120_000;
/// A window assumed before any answer told the real one (the platform counts per minute), ms.
const ASSUMED_WINDOW_MS: u64 = 60_000;
/// Each connection attempt and each answer of Redis, at most (well inside
/// [`STORE_TIMEOUT`](super::STORE_TIMEOUT)).
const REDIS_TIMEOUT: Duration = Duration::from_millis(1500);

/// Stores `ARGV[1]` (the token's JSON) with its expiry `ARGV[2]` (unix ms), the fingerprint
/// of its access token `ARGV[3]` and a TTL of `ARGV[4]` ms, unless the stored token expires
/// later.
const TOKEN_PUT: &str = r"
local current = tonumber(redis.call('HGET', KEYS[1], 'expires'))
if current and current > tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'token', ARGV[1], 'expires', ARGV[2], 'fingerprint', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
";

/// Deletes the token if its fingerprint is `ARGV[1]`.
const TOKEN_EVICT: &str = r"
if redis.call('HGET', KEYS[1], 'fingerprint') == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
";

/// Deletes the lock if it holds the fence `ARGV[1]`.
const UNLOCK: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
";

/// Sets the lock's TTL to `ARGV[2]` ms if it holds the fence `ARGV[1]`.
const EXTEND: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
";

/// One permit in the fixed window `KEYS[1]` (a hash: `ends` in unix ms by Redis' clock,
/// `used`, the platform's `cap`): a new window of `ARGV[2]` ms when the last one ended, a
/// permit when fewer than `ARGV[1]` (or the platform's lower cap) were used. Answers
/// `{granted, ms until the window ends}`.
const WINDOW_ACQUIRE: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local w = redis.call('HMGET', KEYS[1], 'ends', 'used', 'cap')
local ends, used, pcap = tonumber(w[1]), tonumber(w[2]) or 0, tonumber(w[3])
if (not ends) or now >= ends then
  ends = now + tonumber(ARGV[2])
  used = 0
  redis.call('HSET', KEYS[1], 'ends', ends, 'used', 0)
end
local cap = tonumber(ARGV[1])
if pcap and pcap > 0 and pcap < cap then cap = pcap end
if cap < 1 then cap = 1 end
redis.call('PEXPIRE', KEYS[1], ends - now + tonumber(ARGV[3]))
if used < cap then
  redis.call('HINCRBY', KEYS[1], 'used', 1)
  return {1, ends - now}
end
return {0, ends - now}
";

/// What an answer said: `ARGV[1]` requests counted, `ARGV[2]` the platform's cap, `ARGV[3]`
/// ms until the window ends (each -1 when unknown). The count never decreases.
const WINDOW_RECORD: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local amount, cap, ends_in = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
if cap >= 1 then redis.call('HSET', KEYS[1], 'cap', cap) end
local ends = tonumber(redis.call('HGET', KEYS[1], 'ends'))
if ends_in >= 0 then
  ends = now + ends_in
  redis.call('HSET', KEYS[1], 'ends', ends)
end
if amount >= 0 then
  local used = tonumber(redis.call('HGET', KEYS[1], 'used')) or 0
  if amount > used then redis.call('HSET', KEYS[1], 'used', amount) end
end
local keep = tonumber(ARGV[4])
if ends and ends > now then keep = keep + ends - now end
redis.call('PEXPIRE', KEYS[1], keep)
return 1
";

/// The token cache, rate limiter and authorization store of one PokitDok application on one
/// Redis server (the `redis` feature); what
/// [`PokitDokBuilder::redis`](crate::PokitDokBuilder::redis) builds.
///
/// Opening it parses the URL and makes no connection: a [`ConnectionManager`] of the `redis`
/// crate (one multiplexed connection that reconnects by itself) is created on first use. Every
/// operation is one command or one Lua script, so it is atomic across the fleet:
///
/// | key | type | what |
/// | --- | --- | --- |
/// | `pokitdok:{<client id>}:token` | hash `token`, `expires`, `fingerprint` | the application token ([`StoredToken`] as JSON), its expiry (unix ms) and a SHA-256 of its access token; `PEXPIRE` = the time left before the token's expiry; a put never replaces a token that expires later (script) |
/// | `pokitdok:{<client id>}:token:lock` | string | the refresh lock: `SET NX PX` with a random [`Fence`]; extended by a compare-and-expire script, released by a compare-and-delete script |
/// | `pokitdok:{<client id>}:window` | hash `ends`, `used`, `cap` | the rate-limit window by Redis' clock (one script to take a permit, one to record an answer's `meta`); expires two minutes after the window |
/// | `pokitdok:{<client id>}:login:<sha256(state)>` | string | a [`PendingAuthorization`] as JSON, `SET PX` its time to live, taken with `GETDEL` (Redis 6.2 or later) |
///
/// The client id is escaped (anything but `A-Z a-z 0-9 . _ -` as `%XX`); the braces make it a
/// Redis Cluster hash tag, so one application's keys share a slot. The client secret never
/// reaches Redis; states and session ids are kept only as SHA-256 digests (the pending entry
/// holds the PKCE verifier, and the token entry the access token: protect the Redis server as
/// you protect the tokens — a password in the URL, ACLs, a private network).
///
/// ```
/// # #[cfg(feature = "redis")] {
/// use pokitdok::store::{RedisStore, Store};
///
/// let store = RedisStore::open("redis://127.0.0.1:6379/", "my-client-id").unwrap();
/// let pd = pokitdok::PokitDok::builder()
///     .client_id("my-client-id")
///     .client_secret("my-client-secret")
///     .store(Store::from(store)) // what `.redis("redis://127.0.0.1:6379/")` does
///     .build()
///     .unwrap();
/// assert!(RedisStore::open("not a url", "id").is_err());
/// # }
/// ```
pub struct RedisStore {
    client: redis::Client,
    /// `pokitdok:{<escaped client id>}`.
    prefix: String,
    manager: Mutex<Option<ConnectionManager>>,
    scripts: Scripts,
}

struct Scripts {
    token_put: Script,
    token_evict: Script,
    unlock: Script,
    extend: Script,
    window_acquire: Script,
    window_record: Script,
}

impl RedisStore {
    /// A store on the Redis server at `url` (`redis://[user:password@]host[:port][/db]`, or
    /// `redis+unix:///path`) for the application `client_id`. No network: the connection is
    /// made on first use.
    ///
    /// # Errors
    /// [`Error::Config`] for a URL that is not a Redis URL (`rediss://` too: this build has no
    /// TLS for Redis) or an empty client id. The message never repeats the URL (it may carry a
    /// password).
    pub fn open(url: &str, client_id: &str) -> Result<RedisStore> {
        if client_id.is_empty() {
            return Err(Error::config(
                "a Redis store needs the application's client_id",
            ));
        }
        let client = redis::Client::open(url.trim()).map_err(|_| {
            Error::config(
                "the Redis URL is not valid: redis://[user:password@]host[:port][/db] or \
                 redis+unix:///path (no rediss://: this build has no TLS for Redis)",
            )
        })?;
        Ok(RedisStore {
            client,
            prefix: format!("pokitdok:{{{}}}", escape(client_id)),
            manager: Mutex::new(None),
            scripts: Scripts {
                token_put: Script::new(TOKEN_PUT),
                token_evict: Script::new(TOKEN_EVICT),
                unlock: Script::new(UNLOCK),
                extend: Script::new(EXTEND),
                window_acquire: Script::new(WINDOW_ACQUIRE),
                window_record: Script::new(WINDOW_RECORD),
            },
        })
    }

    /// The prefix of every key of this application: `pokitdok:{<escaped client id>}`.
    pub fn key_prefix(&self) -> &str {
        &self.prefix
    }

    fn key(&self, suffix: &str) -> String {
        format!("{}:{suffix}", self.prefix)
    }

    /// The connection manager, created on first use (it connects lazily too, and reconnects by
    /// itself after a failure).
    fn connection(&self) -> std::result::Result<ConnectionManager, StoreError> {
        let mut manager = self.manager.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(m) = manager.as_ref() {
            return Ok(m.clone());
        }
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(REDIS_TIMEOUT))
            .set_response_timeout(Some(REDIS_TIMEOUT))
            // The client's outage backoff paces the retries; one quick retry here.
            .set_number_of_retries(1)
            .set_min_delay(Duration::from_millis(50))
            .set_max_delay(Duration::from_millis(500));
        let m = self
            .client
            .get_connection_manager_lazy(config)
            .map_err(store_error)?;
        *manager = Some(m.clone());
        Ok(m)
    }
}

impl fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the URL: it may carry a password.
        f.debug_struct("RedisStore")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

/// A client id as a key segment: `A-Z a-z 0-9 . _ -` as they are, anything else `%XX`.
fn escape(id: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'.')
        .remove(b'_')
        .remove(b'-');
    percent_encoding::utf8_percent_encode(id, KEEP).to_string()
}

/// A Redis error as a store error: its category, and the server's error code when it sent one
/// (never the command's arguments).
fn store_error(e: RedisError) -> StoreError {
    if e.is_timeout() {
        StoreError::new(StoreErrorKind::Timeout, "Redis did not answer in time")
    } else if e.is_io_error() || e.is_connection_refusal() || e.is_connection_dropped() {
        StoreError::new(StoreErrorKind::Unavailable, "could not reach Redis")
    } else if let Some(code) = e.code() {
        StoreError::new(
            StoreErrorKind::Invalid,
            format!("Redis answered with the error {code}"),
        )
    } else {
        StoreError::new(StoreErrorKind::Other, format!("Redis: {:?}", e.kind()))
    }
}

/// A stored JSON value, when there is one, decoded; anything else is [`invalid`].
fn decode<T: serde::de::DeserializeOwned>(
    json: Option<String>,
    what: &str,
) -> Result<Option<T>, StoreError> {
    json.map(|json| serde_json::from_str(&json).map_err(|_| invalid(what)))
        .transpose()
}

fn invalid(what: &str) -> StoreError {
    StoreError::new(
        StoreErrorKind::Invalid,
        format!("the stored {what} is not what this client stores"),
    )
}

impl TokenCache for RedisStore {
    fn get(&self) -> StoreFuture<'_, Option<StoredToken>> {
        Box::pin(async move {
            let mut con = self.connection()?;
            let json: Option<String> = redis::cmd("HGET")
                .arg(self.key("token"))
                .arg("token")
                .query_async(&mut con)
                .await
                .map_err(store_error)?;
            decode(json, "token")
        })
    }

    fn put(&self, token: StoredToken) -> StoreFuture<'_, ()> {
        Box::pin(async move {
            let ttl = token.time_to_live();
            let Some(expires) = token.expires_at().filter(|_| !ttl.is_zero()) else {
                // Expired, or of unknown lifetime: never stored.
                return Ok(());
            };
            let json = serde_json::to_string(&token).map_err(|_| invalid("token"))?;
            let mut con = self.connection()?;
            let _: i64 = self
                .scripts
                .token_put
                .key(self.key("token"))
                .arg(json)
                .arg(unix_ms(expires))
                .arg(digest(token.token().access_token()))
                .arg(u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1))
                .invoke_async(&mut con)
                .await
                .map_err(store_error)?;
            Ok(())
        })
    }

    fn evict<'a>(&'a self, access_token: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let mut con = self.connection()?;
            let _: i64 = self
                .scripts
                .token_evict
                .key(self.key("token"))
                .arg(digest(access_token))
                .invoke_async(&mut con)
                .await
                .map_err(store_error)?;
            Ok(())
        })
    }

    fn try_lock<'a>(&'a self, fence: &'a Fence, ttl: Duration) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            let mut con = self.connection()?;
            let set: Option<String> = redis::cmd("SET")
                .arg(self.key("token:lock"))
                .arg(fence.as_str())
                .arg("NX")
                .arg("PX")
                .arg(u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1))
                .query_async(&mut con)
                .await
                .map_err(store_error)?;
            Ok(set.is_some())
        })
    }

    fn extend_lock<'a>(&'a self, fence: &'a Fence, ttl: Duration) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            let mut con = self.connection()?;
            let extended: i64 = self
                .scripts
                .extend
                .key(self.key("token:lock"))
                .arg(fence.as_str())
                .arg(u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1))
                .invoke_async(&mut con)
                .await
                .map_err(store_error)?;
            Ok(extended == 1)
        })
    }

    fn unlock<'a>(&'a self, fence: &'a Fence) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            let mut con = self.connection()?;
            let deleted: i64 = self
                .scripts
                .unlock
                .key(self.key("token:lock"))
                .arg(fence.as_str())
                .invoke_async(&mut con)
                .await
                .map_err(store_error)?;
            Ok(deleted == 1)
        })
    }
}

impl RateLimiter for RedisStore {
    fn try_acquire(&self, cap: u32) -> StoreFuture<'_, Permit> {
        Box::pin(async move {
            let mut con = self.connection()?;
            let (granted, ends_in): (i64, i64) = self
                .scripts
                .window_acquire
                .key(self.key("window"))
                .arg(cap)
                .arg(ASSUMED_WINDOW_MS)
                .arg(WINDOW_KEEP_MS)
                .invoke_async(&mut con)
                .await
                .map_err(store_error)?;
            Ok(if granted == 1 {
                Permit::Granted
            } else {
                Permit::Wait(Duration::from_millis(u64::try_from(ends_in).unwrap_or(0)))
            })
        })
    }

    fn record(&self, report: WindowReport) -> StoreFuture<'_, ()> {
        Box::pin(async move {
            let known = |v: Option<u64>| v.map_or(-1, |v| i64::try_from(v).unwrap_or(i64::MAX));
            let ends_in = report
                .ends_in
                .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
            let mut con = self.connection()?;
            let _: i64 = self
                .scripts
                .window_record
                .key(self.key("window"))
                .arg(known(report.amount.map(u64::from)))
                .arg(known(report.cap.map(u64::from)))
                .arg(known(ends_in))
                .arg(WINDOW_KEEP_MS)
                .invoke_async(&mut con)
                .await
                .map_err(store_error)?;
            Ok(())
        })
    }
}

impl AuthorizationStore for RedisStore {
    fn put<'a>(&'a self, pending: &'a PendingAuthorization) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let ttl = pending.time_to_live();
            if ttl.is_zero() {
                return Ok(());
            }
            let json = serde_json::to_string(pending).map_err(|_| invalid("login"))?;
            let mut con = self.connection()?;
            let _: () = redis::cmd("SET")
                .arg(self.key(&format!("login:{}", digest(pending.state()))))
                .arg(json)
                .arg("PX")
                .arg(u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1))
                .query_async(&mut con)
                .await
                .map_err(store_error)?;
            Ok(())
        })
    }

    fn take<'a>(&'a self, state: &'a str) -> StoreFuture<'a, Option<PendingAuthorization>> {
        Box::pin(async move {
            let mut con = self.connection()?;
            let json: Option<String> = redis::cmd("GETDEL")
                .arg(self.key(&format!("login:{}", digest(state))))
                .query_async(&mut con)
                .await
                .map_err(store_error)?;
            decode(json, "login")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_namespaced_by_the_escaped_client_id() {
        let s = RedisStore::open("redis://127.0.0.1:6379/", "my id{x}").unwrap();
        assert_eq!(s.key_prefix(), "pokitdok:{my%20id%7Bx%7D}");
        assert_eq!(s.key("token"), "pokitdok:{my%20id%7Bx%7D}:token");
        assert_eq!(
            RedisStore::open("redis://h/", "a.b_c-D9")
                .unwrap()
                .key_prefix(),
            "pokitdok:{a.b_c-D9}"
        );
    }

    #[test]
    fn bad_urls_and_empty_ids_are_config_errors_without_the_url() {
        for url in [
            "",
            "not a url",
            "http://127.0.0.1/",
            "redis://:pw@[::1",
            "rediss://h/",
        ] {
            let e = RedisStore::open(url, "id").unwrap_err();
            assert!(matches!(e, Error::Config { .. }), "{url}: {e:?}");
            if !url.is_empty() {
                assert!(!e.to_string().contains(url), "{e}");
            }
        }
        assert!(RedisStore::open("redis://127.0.0.1/", "").is_err());
        let s = RedisStore::open("redis://user:hunter2@127.0.0.1:6379/0", "id").unwrap();
        assert!(!format!("{s:?}").contains("hunter2"));
    }
}
