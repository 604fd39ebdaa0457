//! [`RetryPolicy`]: how often, how long and which failed requests are sent again; the retry
//! budget shared by a client's clones; and the one rule that decides, per attempt, whether a
//! request may be sent again.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

use rand::Rng;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

use crate::error::Error;

/// How failed requests are retried: attempts, backoff, `Retry-After`, and the call's overall
/// deadline.
///
/// The default: up to 3 attempts, exponential backoff with full jitter (a random delay between
/// zero and 500 ms × 2ⁿ⁻¹, at most 10 s), `Retry-After` honoured, one overall deadline of 120 s
/// per call. Set it for a client with
/// [`PokitDokBuilder::retry`](crate::PokitDokBuilder::retry), for one request with
/// [`RequestBuilder::retry`](crate::RequestBuilder::retry) or [`Call::retry`](crate::Call::retry).
///
/// **What is retried** (the same rule for every policy):
/// - any request, a claim included, that provably never reached the server: the connection
///   was refused or timed out, DNS failed, the TLS handshake broke off (a certificate or TLS
///   version failure is never retried);
/// - a GET, PUT or DELETE (requests that are safe to repeat) after a timeout, a connection
///   reset, an unreadable answer, or a 408, 429, 502, 503 or 504;
/// - never a POST or PATCH that may have reached the server: it fails with
///   [`Error::OutcomeUnknown`] instead (unless the request opted in with
///   [`RequestBuilder::retry_unsafe`](crate::RequestBuilder::retry_unsafe)).
///
/// Independently of the policy, a 401 is answered by one token refresh and one replay, and a
/// rate-limited 403 by the client's [`RateLimitPolicy`](crate::RateLimitPolicy).
///
/// A `Retry-After` header (seconds or an HTTP date) replaces the computed delay; one that asks
/// for more than [`max_delay`](Self::max_delay) or more than the time left before the deadline
/// ends the retries: the error is returned at once rather than slept on. Retries also draw on
/// the client's retry budget (see [`PokitDokBuilder::retry_budget`](crate::PokitDokBuilder::retry_budget)):
/// when a failing platform has used it up, errors are returned without retrying.
///
/// The deadline applies with [`RetryPolicy::none`] too: it bounds the token wait, every
/// attempt (each attempt's timeout is the client's
/// [`timeout`](crate::PokitDokBuilder::timeout), cut to the time left), the 401 replay,
/// redirects, backoff sleeps and rate-limit waits. When it passes, the call fails with
/// [`Error::Timeout`] and [`TimeoutPhase::Deadline`](crate::TimeoutPhase::Deadline) (or
/// [`Error::OutcomeUnknown`] around it, for a POST that may have been received).
///
/// ```
/// use std::time::Duration;
/// use pokitdok::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .max_attempts(5)
///     .base_delay(Duration::from_millis(200))
///     .max_delay(Duration::from_secs(5))
///     .deadline(Duration::from_secs(30));
/// let pd = pokitdok::PokitDok::builder()
///     .client_id("id")
///     .client_secret("secret")
///     .retry(patient)
///     .build()
///     .unwrap();
/// // One request without retries (still with the 120 s deadline):
/// let call = pd.get("/activities/").retry(RetryPolicy::none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    deadline: Duration,
}

/// Attempts of [`RetryPolicy::default`].
pub(crate) const DEFAULT_ATTEMPTS: u32 = 3;
/// First backoff step of [`RetryPolicy::default`].
pub(crate) const DEFAULT_BASE_DELAY: Duration = Duration::from_millis(500);
/// Longest backoff of [`RetryPolicy::default`].
pub(crate) const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(10);
/// Overall deadline of a call under [`RetryPolicy::default`].
pub(crate) const DEFAULT_DEADLINE: Duration = Duration::from_secs(120);

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: DEFAULT_ATTEMPTS,
            base_delay: DEFAULT_BASE_DELAY,
            max_delay: DEFAULT_MAX_DELAY,
            deadline: DEFAULT_DEADLINE,
        }
    }
}

impl RetryPolicy {
    /// One attempt, no retries (the 401 replay and the rate-limit policy still apply, and so
    /// does the 120 s deadline).
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// How many times a request may be sent in all, the first time included (default 3; 0 is
    /// taken as 1).
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The first backoff step (default 500 ms): the n-th retry waits a random time between zero
    /// and `base_delay × 2ⁿ⁻¹`, at most [`max_delay`](Self::max_delay) ("full jitter").
    #[must_use]
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest backoff (default 10 s), and the longest `Retry-After` that is honoured.
    #[must_use]
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The overall deadline of a call (default 120 s), from the moment it is awaited.
    #[must_use]
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    pub(crate) fn attempts(&self) -> u32 {
        self.max_attempts
    }

    pub(crate) fn max_delay_value(&self) -> Duration {
        self.max_delay
    }

    pub(crate) fn deadline_value(&self) -> Duration {
        self.deadline
    }

    /// The delay before retry number `retry` (1 for the first retry): full jitter over the
    /// capped exponential step.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let step = self.step(retry);
        if step.is_zero() {
            return step;
        }
        rand::thread_rng().gen_range(Duration::ZERO..=step)
    }

    /// `base_delay × 2^(retry-1)`, at most `max_delay`.
    pub(crate) fn step(&self, retry: u32) -> Duration {
        let exp = retry.saturating_sub(1).min(31);
        self.base_delay
            .checked_mul(1u32 << exp)
            .unwrap_or(Duration::MAX)
            .min(self.max_delay)
    }
}

/// Tokens of a client's retry budget when full (the AWS SDKs' value).
pub(crate) const BUDGET_CAPACITY: u32 = 500;
/// What a retry costs.
pub(crate) const RETRY_COST: u32 = 5;
/// What a retry after a timeout costs.
pub(crate) const TIMEOUT_RETRY_COST: u32 = 10;
/// What a success on the first attempt gives back.
pub(crate) const SUCCESS_REFUND: u32 = 1;

/// A token bucket shared by all clones of a client (AWS SDK "retry quota"): every retry takes
/// tokens, successes give some back. When a platform keeps failing the bucket runs dry and
/// errors are returned without retrying, so that a struggling platform is not hammered.
#[derive(Debug)]
pub(crate) struct RetryBudget {
    capacity: u32,
    /// An atomic, not a lock: every successful answer gives tokens back, and a full bucket
    /// (the usual state) is then only read, never written.
    tokens: AtomicU32,
}

impl RetryBudget {
    pub(crate) fn new(capacity: u32) -> Self {
        RetryBudget {
            capacity,
            tokens: AtomicU32::new(capacity),
        }
    }

    /// Takes `cost` tokens for one retry; `false` (nothing taken) when there are not enough.
    pub(crate) fn try_take(&self, cost: u32) -> bool {
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .is_ok()
    }

    /// Gives tokens back (a success), up to the capacity.
    pub(crate) fn refund(&self, tokens: u32) {
        let capacity = self.capacity;
        if self.tokens.load(Ordering::Relaxed) >= capacity {
            return;
        }
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                (t < capacity).then(|| t.saturating_add(tokens).min(capacity))
            });
    }

    #[cfg(test)]
    pub(crate) fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}

/// `Retry-After` as a delay from `now`: delta-seconds or an HTTP date (a date in the past is
/// zero). `None` when absent or unreadable.
pub(crate) fn retry_after(
    headers: &HeaderMap,
    now: impl FnOnce() -> SystemTime,
) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(now()).unwrap_or(Duration::ZERO))
}

/// What happened to one attempt, as far as retrying is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// An answer arrived with this status (401 and rate-limited 403s are handled before).
    Answer(StatusCode),
    /// The request provably never reached the server: connect refused or timed out, DNS, a
    /// broken-off TLS handshake.
    NotSent {
        /// A connect timeout (a retry costs more).
        timeout: bool,
    },
    /// A TLS certificate or protocol-version failure: it would fail again.
    Tls,
    /// The request may have reached the server: a timeout after sending, a reset, an answer
    /// that could not be read.
    MaybeSent {
        /// A timeout (a retry costs more).
        timeout: bool,
    },
    /// The answer with this status was larger than the size limit.
    TooLarge(StatusCode),
    /// The request could not be built or the call's deadline passed: nothing to retry.
    Final,
}

/// The decision for one attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Return the answer or error as it is.
    Return,
    /// Send again after a backoff, if attempts, budget and deadline allow; `cost` in budget
    /// tokens; `reason` for the trace.
    Retry {
        /// Budget tokens this retry takes.
        cost: u32,
        /// Why, for the `tracing` event.
        reason: &'static str,
    },
    /// The request may have been processed: never resent; the caller gets
    /// [`Error::OutcomeUnknown`].
    Unknown,
}

/// GET, HEAD, OPTIONS, PUT, DELETE and TRACE: sending them twice has the effect of once.
pub(crate) fn idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE | Method::TRACE
    )
}

/// The rule. `method` is the request's; `unsafe_ok` is the request's opt-in
/// ([`RequestBuilder::retry_unsafe`](crate::RequestBuilder::retry_unsafe)) to retry a POST or
/// PATCH like a GET. A 401 and a rate-limited 403 are decided elsewhere (replay, rate-limit
/// policy) for every method.
pub(crate) fn decide(method: &Method, unsafe_ok: bool, outcome: Outcome) -> Decision {
    let repeatable = idempotent(method);
    let retry_like_get = repeatable || unsafe_ok;
    let retry = |timeout: bool, reason| Decision::Retry {
        cost: if timeout {
            TIMEOUT_RETRY_COST
        } else {
            RETRY_COST
        },
        reason,
    };
    match outcome {
        Outcome::NotSent { timeout } => retry(timeout, "not sent (connection failed)"),
        Outcome::Tls | Outcome::Final => Decision::Return,
        Outcome::Answer(status) if status.is_success() => Decision::Return,
        Outcome::Answer(status)
            if retry_like_get && matches!(status.as_u16(), 408 | 429 | 502 | 503 | 504) =>
        {
            retry(false, status_reason(status))
        }
        Outcome::Answer(status) if !repeatable && status.is_server_error() => Decision::Unknown,
        Outcome::Answer(_) => Decision::Return,
        Outcome::MaybeSent { timeout } if retry_like_get => retry(
            timeout,
            if timeout {
                "timed out"
            } else {
                "connection failed after sending"
            },
        ),
        Outcome::MaybeSent { .. } => Decision::Unknown,
        Outcome::TooLarge(status) if !repeatable && !status.is_client_error() => Decision::Unknown,
        Outcome::TooLarge(_) => Decision::Return,
    }
}

/// Whether an outcome means a POST or PATCH may have been processed (so that its final error
/// must be [`Error::OutcomeUnknown`], even when it was retried by request).
pub(crate) fn may_have_been_processed(outcome: Outcome) -> bool {
    match outcome {
        Outcome::Answer(status) => status.is_server_error(),
        Outcome::MaybeSent { .. } => true,
        Outcome::TooLarge(status) => !status.is_client_error(),
        Outcome::NotSent { .. } | Outcome::Tls | Outcome::Final => false,
    }
}

fn status_reason(status: StatusCode) -> &'static str {
    match status.as_u16() {
        408 => "408 request timeout",
        429 => "429 too many requests",
        502 => "502 bad gateway",
        503 => "503 service unavailable",
        504 => "504 gateway timeout",
        _ => "retryable status",
    }
}

/// How a failed attempt counts: never reached the server, may have, or cannot be retried.
pub(crate) fn outcome_of(e: &Error) -> Outcome {
    match e {
        _ if e.is_tls() => Outcome::Tls,
        Error::Transport { source } if source.is_builder() => Outcome::Final,
        Error::Transport { source } if source.is_connect() => Outcome::NotSent { timeout: false },
        Error::Transport { .. } => Outcome::MaybeSent { timeout: false },
        Error::Timeout {
            phase: crate::TimeoutPhase::Deadline | crate::TimeoutPhase::Token,
            ..
        } => Outcome::Final,
        Error::Timeout { .. } if e.is_connect() => Outcome::NotSent { timeout: true },
        Error::Timeout { .. } => Outcome::MaybeSent { timeout: true },
        Error::ResponseTooLarge { status, .. } => Outcome::TooLarge(*status),
        _ => Outcome::Final,
    }
}

#[cfg(test)]
mod tests {
    //! The rule, one case per line of the documented table (like stripe-go's
    //! `TestShouldRetry`).
    use super::*;

    const GET: Method = Method::GET;
    const POST: Method = Method::POST;

    fn s(code: u16) -> Outcome {
        Outcome::Answer(StatusCode::from_u16(code).unwrap())
    }

    fn retries(d: Decision) -> bool {
        matches!(d, Decision::Retry { .. })
    }

    #[test]
    fn never_sent_is_retried_for_every_method() {
        for m in [GET, POST, Method::PUT, Method::DELETE, Method::PATCH] {
            assert!(retries(decide(
                &m,
                false,
                Outcome::NotSent { timeout: false }
            )));
            assert_eq!(
                decide(&m, false, Outcome::NotSent { timeout: true }),
                Decision::Retry {
                    cost: TIMEOUT_RETRY_COST,
                    reason: "not sent (connection failed)"
                }
            );
        }
    }

    #[test]
    fn tls_failures_are_never_retried() {
        for m in [GET, POST] {
            assert_eq!(decide(&m, true, Outcome::Tls), Decision::Return);
        }
    }

    #[test]
    fn get_put_delete_retry_timeouts_resets_and_transient_statuses() {
        for m in [GET, Method::PUT, Method::DELETE] {
            assert!(retries(decide(
                &m,
                false,
                Outcome::MaybeSent { timeout: true }
            )));
            assert!(retries(decide(
                &m,
                false,
                Outcome::MaybeSent { timeout: false }
            )));
            for code in [408, 429, 502, 503, 504] {
                assert!(retries(decide(&m, false, s(code))), "{m} {code}");
            }
        }
    }

    #[test]
    fn get_does_not_retry_500_4xx_or_success() {
        for code in [200, 201, 204, 400, 402, 404, 409, 422, 500, 501, 505] {
            assert_eq!(decide(&GET, false, s(code)), Decision::Return, "{code}");
        }
    }

    #[test]
    fn post_that_may_have_been_received_is_unknown_never_retried() {
        for m in [POST, Method::PATCH] {
            assert_eq!(
                decide(&m, false, Outcome::MaybeSent { timeout: true }),
                Decision::Unknown
            );
            assert_eq!(
                decide(&m, false, Outcome::MaybeSent { timeout: false }),
                Decision::Unknown
            );
            for code in [500, 502, 503, 504] {
                assert_eq!(decide(&m, false, s(code)), Decision::Unknown, "{code}");
            }
        }
    }

    #[test]
    fn post_refusals_are_returned_as_they_are() {
        for code in [200, 400, 404, 408, 409, 422, 429] {
            assert_eq!(decide(&POST, false, s(code)), Decision::Return, "{code}");
        }
    }

    #[test]
    fn retry_unsafe_makes_a_post_follow_the_get_rules() {
        assert!(retries(decide(
            &POST,
            true,
            Outcome::MaybeSent { timeout: true }
        )));
        assert!(retries(decide(&POST, true, s(503))));
        // A 500 is not retried for a GET either, and for a POST it stays unknown.
        assert_eq!(decide(&POST, true, s(500)), Decision::Unknown);
        assert!(may_have_been_processed(s(503)));
        assert!(may_have_been_processed(Outcome::MaybeSent {
            timeout: false
        }));
        assert!(!may_have_been_processed(Outcome::NotSent { timeout: true }));
    }

    #[test]
    fn too_large_answers_are_never_retried() {
        assert_eq!(
            decide(&GET, false, Outcome::TooLarge(StatusCode::OK)),
            Decision::Return
        );
        assert_eq!(
            decide(&POST, false, Outcome::TooLarge(StatusCode::OK)),
            Decision::Unknown
        );
        assert_eq!(
            decide(
                &POST,
                false,
                Outcome::TooLarge(StatusCode::UNPROCESSABLE_ENTITY)
            ),
            Decision::Return
        );
    }

    #[test]
    fn final_outcomes_are_returned() {
        assert_eq!(decide(&GET, true, Outcome::Final), Decision::Return);
    }

    #[test]
    fn backoff_is_full_jitter_over_a_capped_exponential() {
        let p = RetryPolicy::default();
        assert_eq!(p.step(1), Duration::from_millis(500));
        assert_eq!(p.step(2), Duration::from_secs(1));
        assert_eq!(p.step(3), Duration::from_secs(2));
        assert_eq!(p.step(6), Duration::from_secs(10));
        assert_eq!(p.step(u32::MAX), Duration::from_secs(10));
        for retry in 1..8 {
            for _ in 0..50 {
                assert!(p.backoff(retry) <= p.step(retry));
            }
        }
        // Jitter: not always the same value.
        let delays: std::collections::HashSet<_> = (0..20).map(|_| p.backoff(3)).collect();
        assert!(delays.len() > 1);
        assert_eq!(RetryPolicy::none().attempts(), 1);
        assert_eq!(RetryPolicy::default().max_attempts(0).attempts(), 1);
        let zero = RetryPolicy::default().base_delay(Duration::ZERO);
        assert_eq!(zero.backoff(3), Duration::ZERO);
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let mut h = HeaderMap::new();
        assert_eq!(retry_after(&h, || now), None);
        h.insert(RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(retry_after(&h, || now), Some(Duration::from_secs(7)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        h.insert(RETRY_AFTER, later.parse().unwrap());
        assert_eq!(retry_after(&h, || now), Some(Duration::from_secs(30)));
        let past = httpdate::fmt_http_date(now - Duration::from_secs(30));
        h.insert(RETRY_AFTER, past.parse().unwrap());
        assert_eq!(retry_after(&h, || now), Some(Duration::ZERO));
        h.insert(RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&h, || now), None);
        h.insert(RETRY_AFTER, "-3".parse().unwrap());
        assert_eq!(retry_after(&h, || now), None);
    }

    #[test]
    fn the_budget_runs_dry_and_refills_up_to_its_capacity() {
        let b = RetryBudget::new(12);
        assert!(b.try_take(RETRY_COST));
        assert!(b.try_take(RETRY_COST));
        assert!(!b.try_take(RETRY_COST), "2 tokens left");
        assert_eq!(b.available(), 2);
        b.refund(100);
        assert_eq!(b.available(), 12);
    }
}
