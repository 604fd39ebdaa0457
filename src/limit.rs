//! Rate limits: the latest [`RateLimit`] counters, the [`RateLimitPolicy`] for rate-limited
//! answers, and the client-side throttle (`max_requests_per_minute`) that keeps a busy service
//! under the platform's cap.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use rand::Rng;
use tokio::sync::Notify;
use tokio::time::Instant;

use crate::call::BoxFuture;
use crate::error::{Error, Result, TimeoutPhase};
use crate::response::Meta;
use crate::store::fallback::Fallback;
use crate::store::{Permit, RateLimiter, StoreFuture, WindowReport};

/// The platform's rate-limit counters, as the latest response that carried them reported
/// (`meta.rate_limit_amount`, `rate_limit_cap`, `rate_limit_reset`; 2xx and error answers
/// alike). See [`PokitDok::rate_limit`](crate::PokitDok::rate_limit).
///
/// ```
/// # fn show(pd: &pokitdok::PokitDok) {
/// if let Some(rl) = pd.rate_limit() {
///     println!("{:?} of {:?} used, resets at {:?}", rl.amount, rl.cap, rl.reset_at);
///     if rl.remaining() == Some(0) {
///         println!("the next request will be refused until the reset");
///     }
/// }
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// Requests counted in the current window (`rate_limit_amount`).
    pub amount: Option<u64>,
    /// Requests allowed per window (`rate_limit_cap`; 84 a minute by default).
    pub cap: Option<u64>,
    /// When the window resets (`rate_limit_reset`, a Unix time in whole seconds).
    pub reset_at: Option<SystemTime>,
    /// When the response carrying these counters arrived (to the millisecond).
    pub observed_at: SystemTime,
}

impl RateLimit {
    /// `cap - amount`, when both are known (never below zero).
    pub fn remaining(&self) -> Option<u64> {
        Some(self.cap?.saturating_sub(self.amount?))
    }
}

/// What the client does with a rate-limited answer (`403 Forbidden (Rate Limited)`).
///
/// - [`RateLimitPolicy::Error`] (the default): return [`Error::RateLimited`] with its
///   `reset_at` at once.
/// - [`RateLimitPolicy::Wait`]: sleep until `meta.rate_limit_reset` (plus up to a second of
///   jitter, so that many waiters do not all wake at the same instant) and send the request
///   again. The platform refused the request, so this is safe for any method, claims included.
///   The wait is bounded: it never exceeds `max_wait` nor the call's deadline — a reset further
///   away than either (hours away, or absurd) returns [`Error::RateLimited`] at once without
///   sleeping; a reset in the past (or negative) waits at most a second; a missing or
///   non-integer reset waits `min(max_wait, 60 s)`, the platform's per-minute window, once. At
///   most two waits per call; then the error is returned. The sleep is cancel-safe: dropping the
///   call stops it.
///
/// ```
/// use std::time::Duration;
/// use pokitdok::RateLimitPolicy;
///
/// let pd = pokitdok::PokitDok::builder()
///     .client_id("id")
///     .client_secret("secret")
///     .rate_limit_policy(RateLimitPolicy::Wait { max_wait: Duration::from_secs(30) })
///     .build()
///     .unwrap();
/// assert_eq!(RateLimitPolicy::default(), RateLimitPolicy::Error);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum RateLimitPolicy {
    /// Return [`Error::RateLimited`] (the default).
    #[default]
    Error,
    /// Wait for the window to reset (at most `max_wait`) and send again.
    Wait {
        /// The longest single wait.
        max_wait: Duration,
    },
}

/// At most this many rate-limit waits per call.
pub(crate) const MAX_RATE_LIMIT_WAITS: u32 = 2;
/// The wait when a rate-limited answer does not say when its window resets.
const UNKNOWN_RESET_WAIT: Duration = Duration::from_secs(60);
/// `rate_limit_reset` is a whole second: the window may end up to this much after it.
const RESET_MARGIN: Duration = Duration::from_secs(1);
/// Window assumed before any response told the real one (the platform counts per minute).
const ASSUMED_WINDOW: Duration = Duration::from_secs(60);
/// The throttle never believes a window ends further away than this.
const LONGEST_WINDOW: Duration = Duration::from_secs(120);

impl RateLimitPolicy {
    /// How long to wait before sending a rate-limited request again, or `None` to return the
    /// error now. `reset` is the answer's `rate_limit_reset` (Unix seconds; `None` when missing
    /// or not an integer), `left` the time before the call's deadline.
    pub(crate) fn wait_for(
        &self,
        reset: Option<i64>,
        now: SystemTime,
        left: Duration,
        waits_so_far: u32,
    ) -> Option<Duration> {
        let RateLimitPolicy::Wait { max_wait } = *self else {
            return None;
        };
        if waits_so_far >= MAX_RATE_LIMIT_WAITS {
            return None;
        }
        let jitter = rand::thread_rng().gen_range(Duration::ZERO..=Duration::from_secs(1));
        let wait = match reset {
            Some(reset) => {
                let now_secs = now
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .unwrap_or_default()
                    .as_secs_f64();
                let until = reset as f64 - now_secs;
                if until <= 0.0 {
                    // Already reset (or a nonsensical negative time): a short jittered pause.
                    jitter
                } else if until > max_wait.as_secs_f64() + 2.0 {
                    // Hours away (or absurd): not worth a sleep.
                    return None;
                } else {
                    Duration::try_from_secs_f64(until).ok()?
                        + RESET_MARGIN.mul_f64(0.5)
                        + jitter.mul_f64(0.5)
                }
            }
            None if waits_so_far == 0 => max_wait.min(UNKNOWN_RESET_WAIT),
            None => return None,
        };
        (wait <= max_wait.max(Duration::from_secs(1)) && wait < left).then_some(wait)
    }
}

/// The latest counters and, when `max_requests_per_minute` is set (or a shared store is), the
/// throttle: a fixed window that follows the platform's (`rate_limit_reset` is the window's
/// end, `rate_limit_amount` the requests it counted, the cap the smaller of the configured one
/// and `rate_limit_cap`). Shared by all clones of a client; the window itself by every client
/// of a shared [`RateLimiter`].
///
/// Not a token bucket: the platform counts in fixed windows, and a bucket that refills
/// continuously lets a full burst at the end of one window and another at the start of the
/// next exceed the cap. Requests wait for the next window instead, and waiters re-evaluate
/// whenever a response moves the window ([`Notify`]), and at least every [`SHARED_POLL`] when
/// the window is shared (other clients' answers move it too).
#[derive(Debug)]
pub(crate) struct Limiter {
    /// `max_requests_per_minute`; `None`: no throttle, only the counters.
    max_per_window: Option<u32>,
    /// The window shared with other clients (a store); `None`: only `local`.
    shared: Option<Arc<dyn RateLimiter>>,
    /// This client's own window: the throttle without a store, and the fallback while the
    /// store fails.
    local: Arc<MemoryRateLimiter>,
    fallback: Arc<Fallback>,
    latest: Latest,
    changed: Notify,
}

/// The latest [`RateLimit`], in atomics: every answer reports its counters here, from every
/// thread, so a write happens only when a value changes (the counters), or once a millisecond
/// (`observed_at`, kept to the millisecond) — answers that repeat the counters leave the cache
/// line shared instead of taking a lock. Fields of answers that arrive at the same time may
/// interleave; each is one that an answer reported.
#[derive(Debug, Default)]
struct Latest {
    amount: AtomicU64,
    cap: AtomicU64,
    /// Unix seconds.
    reset: AtomicU64,
    /// Unix milliseconds; 0: nothing seen yet.
    observed_ms: AtomicU64,
}

/// A field of [`Latest`] that the answer did not carry.
const UNSET: u64 = u64::MAX;

impl Latest {
    fn put(&self, rl: &RateLimit) {
        let set = |field: &AtomicU64, value: Option<u64>| {
            let value = value.unwrap_or(UNSET);
            if field.load(Ordering::Relaxed) != value {
                field.store(value, Ordering::Relaxed);
            }
        };
        set(&self.amount, rl.amount.map(|a| a.min(UNSET - 1)));
        set(&self.cap, rl.cap.map(|c| c.min(UNSET - 1)));
        let secs = |t: SystemTime| {
            t.duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        };
        set(&self.reset, rl.reset_at.map(|t| secs(t).min(UNSET - 1)));
        let ms = rl
            .observed_at
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(1, |d| {
                u64::try_from(d.as_millis()).unwrap_or(UNSET - 1).max(1)
            });
        if self.observed_ms.load(Ordering::Relaxed) < ms {
            self.observed_ms.store(ms, Ordering::Release);
        }
    }

    fn get(&self) -> Option<RateLimit> {
        let ms = self.observed_ms.load(Ordering::Acquire);
        if ms == 0 {
            return None;
        }
        let get = |field: &AtomicU64| Some(field.load(Ordering::Relaxed)).filter(|v| *v != UNSET);
        Some(RateLimit {
            amount: get(&self.amount),
            cap: get(&self.cap),
            reset_at: get(&self.reset)
                .and_then(|s| SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(s))),
            observed_at: SystemTime::UNIX_EPOCH + Duration::from_millis(ms),
        })
    }
}

/// How often a request waiting for a shared window looks at it again.
const SHARED_POLL: Duration = Duration::from_millis(500);

/// A [`RateLimiter`] in this process's memory: the throttle of every client without a shared
/// store, and the fallback of one whose store fails. Shared through
/// [`Store::memory`](crate::store::Store::memory), it throttles clients built separately in
/// one process together.
pub struct MemoryRateLimiter {
    state: Mutex<Window>,
}

#[derive(Debug, Default)]
struct Window {
    /// When the current window ends; `None` before the first request.
    ends: Option<Instant>,
    /// Requests started (by us) or counted (by the platform) in the current window.
    used: u32,
    /// The platform's `rate_limit_cap`, once seen.
    platform_cap: Option<u32>,
}

impl Limiter {
    pub(crate) fn new(max_per_window: Option<u32>) -> Self {
        Limiter {
            max_per_window,
            shared: None,
            local: Arc::new(MemoryRateLimiter::new()),
            fallback: Arc::new(Fallback::new(
                "rate limiter",
                "each client throttles alone, in a window of its own, until the store answers again",
            )),
            latest: Latest::default(),
            changed: Notify::new(),
        }
    }

    /// `max_requests_per_minute`, when the throttle is on.
    pub(crate) fn max_per_window(&self) -> Option<u32> {
        self.max_per_window
    }

    /// The latest counters.
    pub(crate) fn snapshot(&self) -> Option<RateLimit> {
        self.latest.get()
    }

    /// Waits for a slot in the current window (no wait without a throttle). Fails at once with
    /// a [`TimeoutPhase::Deadline`] timeout when the window cannot open before `deadline`.
    /// Cancel-safe: a slot is taken only when this returns `Ok` (with a shared window, a
    /// future dropped while the store is counting may leave one slot unused: the safe side).
    pub(crate) async fn acquire(&self, deadline: Instant) -> Result<()> {
        let Some(max) = self.max_per_window else {
            return Ok(());
        };
        let mut waited = false;
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let wait = match self.permit(max).await {
                Permit::Granted => return Ok(()),
                Permit::Wait(wait) => wait,
            };
            let now = Instant::now();
            let opens = now.checked_add(wait).unwrap_or(deadline + wait);
            if opens > deadline {
                return Err(Error::deadline(TimeoutPhase::Deadline));
            }
            if !waited {
                waited = true;
                tracing::debug!(
                    wait_ms = wait.as_millis() as u64,
                    "throttle: the rate-limit window is full; waiting for the next one"
                );
            }
            // Another client's answers move a shared window too: look again now and then, and
            // not all at the same instant.
            let wake = match &self.shared {
                Some(_) => {
                    let jitter = rand::thread_rng().gen_range(0..50);
                    opens.min(now + SHARED_POLL) + Duration::from_millis(jitter)
                }
                None => opens,
            };
            // Woken by the window opening (or the next look at a shared one) or by a newer
            // `meta`, whichever comes first.
            let _ = tokio::time::timeout_at(wake, notified).await;
        }
    }

    /// One try at a slot: in the shared window, or in this client's own when there is none or
    /// the store fails.
    async fn permit(&self, max: u32) -> Permit {
        if let Some(shared) = &self.shared
            && let Ok(permit) = self.fallback.run(shared.try_acquire(max)).await
        {
            return permit;
        }
        self.local.take(max)
    }

    /// Takes in the counters of a response's `meta` (any status).
    pub(crate) fn observe(&self, meta: &Meta) {
        let (amount, cap, reset) = (
            meta.rate_limit_amount,
            meta.rate_limit_cap,
            meta.rate_limit_reset,
        );
        if amount.is_none() && cap.is_none() && reset.is_none() {
            return;
        }
        let now_sys = SystemTime::now();
        self.latest.put(&RateLimit {
            amount: amount.and_then(|a| u64::try_from(a).ok()),
            cap: cap.and_then(|c| u64::try_from(c).ok()),
            reset_at: meta.rate_limit_reset_at(),
            observed_at: now_sys,
        });
        if self.max_per_window.is_none() {
            return;
        }
        let cap = cap.and_then(|c| u32::try_from(c).ok()).filter(|c| *c > 0);
        let amount = amount.and_then(|a| u32::try_from(a).ok());
        let report = match reset {
            Some(reset) => {
                let now_secs = now_sys
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .unwrap_or_default()
                    .as_secs_f64();
                let until = reset as f64 - now_secs;
                // A window already over describes the past: nothing to learn for the next one.
                if until + RESET_MARGIN.as_secs_f64() > 0.0 {
                    let until = Duration::try_from_secs_f64(until.max(0.0))
                        .unwrap_or(LONGEST_WINDOW)
                        + RESET_MARGIN;
                    WindowReport::new(amount, cap, Some(until.min(LONGEST_WINDOW)))
                } else {
                    WindowReport::new(None, cap, None)
                }
            }
            None => WindowReport::new(amount, cap, None),
        };
        // The own window always learns (it is the fallback); a shared one in the background,
        // so that no answer waits for the store.
        self.local.apply(report);
        if let Some(shared) = &self.shared
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            let (shared, fallback) = (shared.clone(), self.fallback.clone());
            drop(runtime.spawn(async move {
                let _ = fallback.run(shared.record(report)).await;
            }));
        }
        self.changed.notify_waiters();
    }

    /// A gate for token requests, so that they count against the window too: waits for a slot
    /// for at most `wait`. Plugs into the token manager's `before_token_request` hook:
    /// `before_token_request: Some(Arc::new(limiter.gate(timeout)))` in `PokitDokBuilder::build`.
    pub(crate) fn gate(
        self: &Arc<Self>,
        wait: Duration,
    ) -> impl Fn() -> BoxFuture<Result<()>> + Send + Sync + 'static {
        let limiter = Arc::clone(self);
        move || {
            let limiter = Arc::clone(&limiter);
            Box::pin(async move {
                let deadline = crate::request::deadline_after(Instant::now(), wait);
                limiter.acquire(deadline).await
            })
        }
    }

    /// Counts requests in this shared window (a store's) instead of the client's own; the own
    /// window stays the fallback while the store fails.
    pub(crate) fn with_shared(mut self, shared: Arc<dyn RateLimiter>) -> Self {
        self.shared = Some(shared);
        self
    }
}

impl MemoryRateLimiter {
    /// A limiter whose first window starts with its first permit.
    pub fn new() -> Self {
        MemoryRateLimiter {
            state: Mutex::new(Window::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Window> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// [`RateLimiter::try_acquire`], synchronously.
    fn take(&self, max: u32) -> Permit {
        let mut w = self.lock();
        let now = Instant::now();
        if w.ends.is_none_or(|end| now >= end) {
            w.ends = Some(now + ASSUMED_WINDOW);
            w.used = 0;
        }
        let cap = w.platform_cap.map_or(max, |c| c.min(max)).max(1);
        if w.used < cap {
            w.used += 1;
            return Permit::Granted;
        }
        Permit::Wait(w.ends.unwrap_or(now).saturating_duration_since(now))
    }

    /// [`RateLimiter::record`], synchronously.
    fn apply(&self, report: WindowReport) {
        let now = Instant::now();
        let mut w = self.lock();
        if let Some(c) = report.cap.filter(|c| *c > 0) {
            w.platform_cap = Some(c);
        }
        if let Some(ends_in) = report.ends_in {
            w.ends = Some(now + ends_in.min(LONGEST_WINDOW));
        }
        if let Some(a) = report.amount {
            w.used = w.used.max(a);
        }
    }
}

impl Default for MemoryRateLimiter {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for MemoryRateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = self.lock();
        f.debug_struct("MemoryRateLimiter")
            .field("used", &w.used)
            .field("platform_cap", &w.platform_cap)
            .finish_non_exhaustive()
    }
}

impl RateLimiter for MemoryRateLimiter {
    fn try_acquire(&self, cap: u32) -> StoreFuture<'_, Permit> {
        Box::pin(std::future::ready(Ok(self.take(cap))))
    }

    fn record(&self, report: WindowReport) -> StoreFuture<'_, ()> {
        self.apply(report);
        Box::pin(std::future::ready(Ok(())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    const LONG: Duration = Duration::from_secs(3600);

    #[test]
    fn the_error_policy_never_waits() {
        assert_eq!(
            RateLimitPolicy::Error.wait_for(Some(1005), at(1000), LONG, 0),
            None
        );
    }

    #[test]
    fn a_future_reset_is_waited_for_with_jitter_and_bounds() {
        let p = RateLimitPolicy::Wait {
            max_wait: Duration::from_secs(30),
        };
        let w = p.wait_for(Some(1005), at(1000), LONG, 0).unwrap();
        assert!(
            w >= Duration::from_millis(5500) && w <= Duration::from_millis(6000),
            "{w:?}"
        );
        // Beyond max_wait, beyond the deadline, or too many waits: no sleep.
        assert_eq!(p.wait_for(Some(1000 + 3 * 3600), at(1000), LONG, 0), None);
        assert_eq!(p.wait_for(Some(i64::MAX), at(1000), LONG, 0), None);
        assert_eq!(
            p.wait_for(Some(1005), at(1000), Duration::from_secs(2), 0),
            None
        );
        assert_eq!(
            p.wait_for(Some(1005), at(1000), LONG, MAX_RATE_LIMIT_WAITS),
            None
        );
    }

    #[test]
    fn past_negative_and_missing_resets_are_bounded() {
        let p = RateLimitPolicy::Wait {
            max_wait: Duration::from_secs(90),
        };
        for reset in [999, 0, -5, i64::MIN] {
            let w = p.wait_for(Some(reset), at(1000), LONG, 0).unwrap();
            assert!(w <= Duration::from_secs(1), "{reset}: {w:?}");
        }
        assert_eq!(
            p.wait_for(None, at(1000), LONG, 0),
            Some(Duration::from_secs(60))
        );
        assert_eq!(p.wait_for(None, at(1000), LONG, 1), None, "once");
        let short = RateLimitPolicy::Wait {
            max_wait: Duration::from_secs(5),
        };
        assert_eq!(
            short.wait_for(None, at(1000), LONG, 0),
            Some(Duration::from_secs(5))
        );
    }

    #[test]
    fn remaining_is_cap_minus_amount() {
        let rl = RateLimit {
            amount: Some(80),
            cap: Some(84),
            reset_at: None,
            observed_at: SystemTime::now(),
        };
        assert_eq!(rl.remaining(), Some(4));
        assert_eq!(RateLimit { amount: None, ..rl }.remaining(), None);
    }

    fn meta(amount: i64, cap: i64, reset_in: i64) -> Meta {
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        serde_json::from_value(serde_json::json!({
            "rate_limit_amount": amount, "rate_limit_cap": cap, "rate_limit_reset": now + reset_in
        }))
        .unwrap()
    }

    #[tokio::test(start_paused = true)]
    async fn the_throttle_admits_the_cap_then_waits_for_the_window() {
        let l = Limiter::new(Some(3));
        let far = Instant::now() + Duration::from_secs(600);
        for _ in 0..3 {
            l.acquire(far).await.unwrap();
        }
        // Full: the fourth waits for the assumed 60 s window.
        let started = Instant::now();
        l.acquire(far).await.unwrap();
        assert!(Instant::now() - started >= ASSUMED_WINDOW);
        // A deadline before the window opens fails at once, without waiting.
        l.acquire(far).await.unwrap();
        l.acquire(far).await.unwrap();
        let before = Instant::now();
        let e = l
            .acquire(before + Duration::from_secs(1))
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                Error::Timeout {
                    phase: TimeoutPhase::Deadline,
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(Instant::now(), before);
    }

    #[tokio::test(start_paused = true)]
    async fn the_throttle_follows_the_platform_window_and_cap() {
        let l = Limiter::new(Some(10));
        let far = Instant::now() + Duration::from_secs(600);
        l.acquire(far).await.unwrap();
        // The platform says: cap 2, one used, window ends in about 3 s.
        l.observe(&meta(1, 2, 3));
        l.acquire(far).await.unwrap();
        let started = Instant::now();
        l.acquire(far).await.unwrap();
        let waited = Instant::now() - started;
        assert!(
            waited >= Duration::from_secs(2) && waited <= Duration::from_secs(5),
            "{waited:?}"
        );
        assert_eq!(l.snapshot().unwrap().cap, Some(2));
        // A window that is already over teaches nothing.
        l.observe(&meta(2, 2, -10));
        l.acquire(far).await.unwrap();
    }
}
