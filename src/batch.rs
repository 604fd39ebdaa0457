//! Bulk eligibility: [`PokitDok::eligibility_batch`] turns many [`EligibilityRequest`]s into a
//! stream of results in completion order, with bounded concurrency, per-item errors and a
//! [`BatchProgress`] handle for a progress bar.
//!
//! Every item is an ordinary [`PokitDok::eligibility`] call, so everything the client does for
//! one call applies to each item: the token, the throttle
//! ([`max_requests_per_minute`](crate::PokitDokBuilder::max_requests_per_minute), shared by
//! the client's clones), the [`RetryPolicy`] and its deadline, the
//! [`RateLimitPolicy`](crate::RateLimitPolicy), and the redaction rules.

use std::borrow::Borrow;
use std::fmt;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use futures_util::stream::{self, FusedStream, Stream, StreamExt};
use tokio::time::Instant;

use crate::client::PokitDok;
use crate::error::{Error, Result};
use crate::limit::RateLimit;
use crate::models::eligibility::{Eligibility, EligibilityRequest};
use crate::response::ApiResponse;
use crate::retry::RetryPolicy;

/// Items in flight at once unless [`EligibilityBatch::concurrency`] says otherwise.
pub const DEFAULT_BATCH_CONCURRENCY: usize = 4;

/// What an [`EligibilityStream`] yields: the item's index in the input and its result.
pub type BatchItem = (usize, Result<ApiResponse<Eligibility>>);

/// The rate-limit window assumed before two successive windows have been seen (the
/// platform counts per minute).
const DEFAULT_WINDOW: Duration = Duration::from_secs(60);
/// Bounds of a window length learnt from the answers.
const SHORTEST_WINDOW: Duration = Duration::from_secs(1);
const LONGEST_WINDOW: Duration = Duration::from_secs(120);

impl PokitDok {
    /// Checks the eligibility of many members: an [`EligibilityBatch`] to configure
    /// (concurrency, retries, timeout), then [`stream`](EligibilityBatch::stream) it.
    ///
    /// `requests` is anything iterable over [`EligibilityRequest`]s, owned or borrowed (a
    /// `Vec`, `&[EligibilityRequest]`, or an iterator that builds requests from a file as it
    /// goes). It is pulled lazily: at most `concurrency` requests are taken ahead of the
    /// results, so a batch of 100,000 never holds them all. Each item is a normal
    /// [`PokitDok::eligibility`] call with the client's throttle, retries and deadline.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok, requests: Vec<pokitdok::models::eligibility::EligibilityRequest>) {
    /// use futures_util::StreamExt;
    ///
    /// let batch = pd.eligibility_batch(&requests).concurrency(8);
    /// let progress = batch.progress();
    /// let mut results = batch.stream();
    /// while let Some((index, result)) = results.next().await {
    ///     match result {
    ///         Ok(r) => println!("{index}: active {}", r.data.is_active()),
    ///         Err(e) => println!("{index}: failed: {e}"),
    ///     }
    ///     let p = progress.snapshot();
    ///     println!("{} of {:?} done, {} failed, eta {:?}", p.done, p.total, p.failed, p.eta);
    /// }
    /// # }
    /// ```
    pub fn eligibility_batch<I>(&self, requests: I) -> EligibilityBatch<I::IntoIter>
    where
        I: IntoIterator,
        I::Item: Borrow<EligibilityRequest>,
        I::IntoIter: Send,
    {
        let requests = requests.into_iter();
        let total = match requests.size_hint() {
            (lower, Some(upper)) if lower == upper => Some(lower as u64),
            _ => None,
        };
        EligibilityBatch {
            client: self.clone(),
            requests,
            concurrency: DEFAULT_BATCH_CONCURRENCY,
            retry: None,
            retry_unsafe: false,
            timeout: None,
            progress: BatchProgress::new(self.clone(), total),
        }
    }
}

/// A batch of eligibility checks, being configured. Returned by
/// [`PokitDok::eligibility_batch`]; [`stream`](Self::stream) starts it.
///
/// - [`concurrency`](Self::concurrency): items in flight at once (default
///   [`DEFAULT_BATCH_CONCURRENCY`], 4). The throttle decides how many
///   requests a minute go out; concurrency only hides the latency of each one.
/// - [`retry`](Self::retry), [`retry_unsafe`](Self::retry_unsafe),
///   [`timeout`](Self::timeout): per item, as [`Call::retry`](crate::Call::retry),
///   [`Call::retry_unsafe`](crate::Call::retry_unsafe) and [`Call::timeout`](crate::Call::timeout)
///   (the client's settings otherwise).
/// - [`total`](Self::total): the item count for [`BatchProgress`] when the iterator does not
///   know its length.
///
/// `Debug` shows the settings, never a request.
#[must_use = "a batch does nothing until it is streamed"]
pub struct EligibilityBatch<I> {
    client: PokitDok,
    requests: I,
    concurrency: usize,
    retry: Option<RetryPolicy>,
    retry_unsafe: bool,
    timeout: Option<Duration>,
    progress: BatchProgress,
}

impl<I> fmt::Debug for EligibilityBatch<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EligibilityBatch")
            .field("concurrency", &self.concurrency)
            .field("retry", &self.retry)
            .field("retry_unsafe", &self.retry_unsafe)
            .field("timeout", &self.timeout)
            .field("progress", &self.progress)
            .finish_non_exhaustive()
    }
}

impl<I> EligibilityBatch<I>
where
    I: Iterator + Send,
    I::Item: Borrow<EligibilityRequest>,
{
    /// How many items are in flight at once (default 4; `0` is taken as 1). Each in-flight
    /// item has taken its request from the input; the others are still in the iterator.
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// The retry policy of every item, overriding the client's (see [`RetryPolicy`] for what
    /// is retried). The policy's deadline bounds each item: its throttle wait, attempts and
    /// backoff.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Retries items like GETs (after timeouts, resets, 502/503/504), not only when they
    /// provably never reached the platform ([`Call::retry_unsafe`](crate::Call::retry_unsafe)).
    ///
    /// An eligibility check changes nothing on the platform, so sending one twice is safe; it
    /// costs a second credit. Off by default, as for every POST: an item whose outcome is
    /// unknown then fails with [`Error::OutcomeUnknown`] and can be sent again by the caller.
    pub fn retry_unsafe(mut self) -> Self {
        self.retry_unsafe = true;
        self
    }

    /// The timeout of each attempt of every item, overriding the client's
    /// ([`Call::timeout`](crate::Call::timeout)).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The number of items, for [`BatchProgress`] (its `total` and ETA), when the iterator
    /// cannot tell (an iterator over the lines of a file). An exact `size_hint` is used
    /// otherwise. Only a hint: the batch sends what the iterator yields, and once it ends
    /// the progress' total is the real count.
    pub fn total(self, n: u64) -> Self {
        self.progress.set_total(Some(n));
        self
    }

    /// The progress handle of this batch (also available later from
    /// [`EligibilityStream::progress`]).
    pub fn progress(&self) -> BatchProgress {
        self.progress.clone()
    }

    /// Starts the batch: a stream of `(index, result)` in completion order.
    ///
    /// Items are taken from the input as slots free up; each item's error (a 422, a timeout,
    /// a rate limit ...) is its result and never ends the stream. Dropping the stream stops
    /// the batch at once: the calls in flight are cancelled (as dropping any call) and no
    /// further item is taken from the input.
    pub fn stream<'a>(self) -> EligibilityStream<'a>
    where
        I: 'a,
    {
        let EligibilityBatch {
            client,
            requests,
            concurrency,
            retry,
            retry_unsafe,
            timeout,
            progress,
        } = self;
        let pulled = progress.clone();
        let inner = stream::iter(requests.enumerate())
            .map(move |(index, request)| {
                let mut call = client.eligibility(request.borrow());
                if let Some(policy) = &retry {
                    call = call.retry(policy.clone());
                }
                if retry_unsafe {
                    call = call.retry_unsafe();
                }
                if let Some(t) = timeout {
                    call = call.timeout(t);
                }
                pulled.pulled();
                async move { (index, call.await) }
            })
            .buffer_unordered(concurrency);
        EligibilityStream {
            inner: Box::pin(inner),
            progress,
            done: false,
        }
    }
}

/// The results of an [`EligibilityBatch`]: `(index, Result<ApiResponse<Eligibility>>)` in
/// completion order (a slow item does not hold up the others), `index` being the item's
/// position in the input. A [`Stream`]: use it with `futures_util::StreamExt` (`next`,
/// `for_each_concurrent`, `collect` ...).
///
/// Dropping it cancels the calls in flight and takes nothing more from the input.
///
/// `Debug` shows the progress, never a request or a result.
#[must_use = "streams do nothing unless polled"]
pub struct EligibilityStream<'a> {
    inner: Pin<Box<dyn Stream<Item = BatchItem> + Send + 'a>>,
    progress: BatchProgress,
    done: bool,
}

impl fmt::Debug for EligibilityStream<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EligibilityStream")
            .field("progress", &self.progress)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl EligibilityStream<'_> {
    /// The progress handle of this batch.
    pub fn progress(&self) -> BatchProgress {
        self.progress.clone()
    }
}

impl Stream for EligibilityStream<'_> {
    type Item = BatchItem;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<BatchItem>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        this.progress.start();
        match this.inner.as_mut().poll_next(cx) {
            Poll::Ready(Some(item)) => {
                this.progress.completed(&item.1);
                Poll::Ready(Some(item))
            }
            Poll::Ready(None) => {
                this.done = true;
                this.progress.finish();
                Poll::Ready(None)
            }
            Poll::Pending => Poll::Pending,
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            (0, Some(0))
        } else {
            self.inner.size_hint()
        }
    }
}

impl FusedStream for EligibilityStream<'_> {
    fn is_terminated(&self) -> bool {
        self.done
    }
}

/// The progress of an [`EligibilityBatch`], for a progress bar: a cheap cloneable handle
/// whose [`snapshot`](Self::snapshot) returns the counts and an ETA as plain values.
///
/// The counts change as the stream yields results (the stream must be polled); read them
/// after each item or from a timer in another task.
///
/// ```no_run
/// # async fn run(pd: pokitdok::PokitDok, requests: Vec<pokitdok::models::eligibility::EligibilityRequest>) {
/// use futures_util::StreamExt;
///
/// let batch = pd.eligibility_batch(requests);
/// let progress = batch.progress();
/// tokio::spawn(async move {
///     loop {
///         let p = progress.snapshot();
///         eprintln!("{}/{:?} ({} failed), eta {:?}", p.done, p.total, p.failed, p.eta);
///         if p.finished { break; }
///         tokio::time::sleep(std::time::Duration::from_secs(1)).await;
///     }
/// });
/// let results: Vec<_> = batch.stream().collect().await;
/// # }
/// ```
#[derive(Clone)]
pub struct BatchProgress {
    shared: Arc<Shared>,
}

struct Shared {
    client: PokitDok,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    total: Option<u64>,
    pulled: u64,
    done: u64,
    failed: u64,
    rate_limited: u64,
    started: Option<Instant>,
    finished: Option<Instant>,
    window: WindowEstimate,
}

/// The platform's window length, learnt from the answers: the shortest time between the
/// resets of two successive windows (exact when the windows follow each other, which they do
/// while a throttled batch keeps them busy); before that, the time from the first request of
/// a window (`rate_limit_amount` 1) to its reset, in whole seconds.
#[derive(Default)]
struct WindowEstimate {
    /// The counters last taken in.
    last: Option<RateLimit>,
    shortest_gap: Option<Duration>,
    /// The longest time seen from the first request of a window to its reset.
    first_to_reset: Option<Duration>,
}

impl WindowEstimate {
    fn observe(&mut self, rl: RateLimit) {
        if self.last.is_some_and(|l| l.observed_at == rl.observed_at) {
            return;
        }
        if rl.amount == Some(1)
            && let Some(left) = rl
                .reset_at
                .and_then(|r| r.duration_since(rl.observed_at).ok())
        {
            let left = Duration::from_secs(left.as_secs() + u64::from(left.subsec_nanos() > 0))
                .clamp(SHORTEST_WINDOW, LONGEST_WINDOW);
            self.first_to_reset = Some(self.first_to_reset.map_or(left, |l| l.max(left)));
        }
        if let Some(last) = self.last
            && let (Some(before), Some(after)) = (last.reset_at, rl.reset_at)
            && let Ok(gap) = after.duration_since(before)
            && gap >= SHORTEST_WINDOW
            && rl
                .amount
                .zip(last.amount)
                .is_some_and(|(now, then)| now < then)
        {
            let gap = gap.min(LONGEST_WINDOW);
            self.shortest_gap = Some(self.shortest_gap.map_or(gap, |g| g.min(gap)));
        }
        self.last = Some(rl);
    }

    fn window(&self) -> Duration {
        self.shortest_gap
            .or(self.first_to_reset)
            .unwrap_or(DEFAULT_WINDOW)
    }
}

impl fmt::Debug for BatchProgress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.snapshot();
        f.debug_struct("BatchProgress")
            .field("total", &s.total)
            .field("done", &s.done)
            .field("failed", &s.failed)
            .field("in_flight", &s.in_flight)
            .field("finished", &s.finished)
            .finish()
    }
}

impl BatchProgress {
    fn new(client: PokitDok, total: Option<u64>) -> Self {
        BatchProgress {
            shared: Arc::new(Shared {
                client,
                state: Mutex::new(State {
                    total,
                    ..State::default()
                }),
            }),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.shared.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn set_total(&self, total: Option<u64>) {
        self.state().total = total;
    }

    fn start(&self) {
        self.state().started.get_or_insert_with(Instant::now);
    }

    fn pulled(&self) {
        self.state().pulled += 1;
    }

    fn completed(&self, result: &Result<ApiResponse<Eligibility>>) {
        let rl = self.shared.client.rate_limit();
        let mut s = self.state();
        s.done += 1;
        if let Err(e) = result {
            s.failed += 1;
            if matches!(e, Error::RateLimited { .. }) {
                s.rate_limited += 1;
            }
        }
        if let Some(rl) = rl {
            s.window.observe(rl);
        }
    }

    fn finish(&self) {
        let mut s = self.state();
        s.finished.get_or_insert_with(Instant::now);
        s.total = Some(s.done);
    }

    /// The progress now: counts, elapsed time and an ETA.
    ///
    /// The ETA is the longer of two estimates for the items left (in flight or not yet
    /// taken): the rate observed so far (items done per second since the stream was first
    /// polled), and what the rate limit allows, whatever the observed burst rate. The limit is
    /// the smaller of the client's
    /// [`max_requests_per_minute`](crate::PokitDokBuilder::max_requests_per_minute) and the
    /// platform's `rate_limit_cap` ([`PokitDok::rate_limit`]), per window: the items that still
    /// fit in the current window go now, the rest at `cap` per window after its reset. With a
    /// cap of 84 a minute and 1,000 items left, that is about 12 minutes. The window's length
    /// is learnt from the answers: the shortest time seen between the resets of two successive
    /// windows; before that, the time from the first request of a window
    /// (`rate_limit_amount` 1) to its reset; before any of that, 60 s (the platform's).
    /// Each item is counted as one request: retries make the real time longer.
    ///
    /// `eta` is `None` while neither estimate exists (no item done and no cap known) or the
    /// total is unknown; `Some(ZERO)` once nothing is left.
    pub fn snapshot(&self) -> BatchSnapshot {
        let throttle = self.shared.client.inner.limiter.max_per_window();
        let rl = self.shared.client.rate_limit();
        let s = self.state();
        let now = Instant::now();
        let elapsed = match (s.started, s.finished) {
            (Some(start), Some(end)) => end - start,
            (Some(start), None) => now - start,
            _ => Duration::ZERO,
        };
        let cap = match (throttle.map(u64::from), rl.and_then(|r| r.cap)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let eta = s.total.and_then(|total| {
            eta(Estimate {
                left: total.saturating_sub(s.done),
                done: s.done,
                elapsed,
                cap,
                window: s.window.window(),
                rate_limit: rl,
                now: SystemTime::now(),
            })
        });
        BatchSnapshot {
            total: s.total,
            done: s.done,
            failed: s.failed,
            rate_limited: s.rate_limited,
            in_flight: s.pulled.saturating_sub(s.done),
            elapsed,
            eta,
            finished: s.finished.is_some(),
        }
    }
}

/// The progress of a batch at one moment ([`BatchProgress::snapshot`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct BatchSnapshot {
    /// How many items the batch has: the input's exact `size_hint`, or
    /// [`EligibilityBatch::total`], or (once the stream has ended) the real count; `None`
    /// while unknown.
    pub total: Option<u64>,
    /// Items whose result the stream has yielded, successes and failures.
    pub done: u64,
    /// Of `done`, the items that failed (an `Err` result).
    pub failed: u64,
    /// Of `failed`, the items refused by the platform's rate limit
    /// ([`Error::RateLimited`]): `0` when the throttle keeps the batch under the cap.
    pub rate_limited: u64,
    /// Items taken from the input whose result has not been yielded yet.
    pub in_flight: u64,
    /// Time since the stream was first polled (until it ended, once it has).
    pub elapsed: Duration,
    /// Estimated time until every item is done (see [`BatchProgress::snapshot`]).
    pub eta: Option<Duration>,
    /// Whether the stream has ended (every item done).
    pub finished: bool,
}

impl BatchSnapshot {
    /// `done - failed`.
    pub fn succeeded(&self) -> u64 {
        self.done.saturating_sub(self.failed)
    }

    /// `total - done`, when the total is known.
    pub fn remaining(&self) -> Option<u64> {
        Some(self.total?.saturating_sub(self.done))
    }
}

/// What the ETA is computed from.
struct Estimate {
    left: u64,
    done: u64,
    elapsed: Duration,
    /// Requests per window allowed (throttle and platform cap), when known.
    cap: Option<u64>,
    window: Duration,
    rate_limit: Option<RateLimit>,
    now: SystemTime,
}

fn secs(s: f64) -> Duration {
    Duration::try_from_secs_f64(s.max(0.0)).unwrap_or(Duration::MAX)
}

/// The longer of the observed-rate and the rate-limit estimates.
fn eta(e: Estimate) -> Option<Duration> {
    if e.left == 0 {
        return Some(Duration::ZERO);
    }
    let observed = (e.done > 0 && !e.elapsed.is_zero())
        .then(|| secs(e.elapsed.as_secs_f64() * e.left as f64 / e.done as f64));
    let limited = e.cap.map(|cap| {
        let cap = cap.max(1);
        let window = e.window.as_secs_f64();
        // The current window, when the latest counters describe one still open.
        let current = e.rate_limit.and_then(|rl| {
            let until = rl.reset_at?.duration_since(e.now).ok()?;
            Some((cap.saturating_sub(rl.amount?), until))
        });
        match current {
            Some((fits, _)) if e.left <= fits => Duration::ZERO,
            Some((fits, until)) => {
                let windows = (e.left - fits).div_ceil(cap);
                until.saturating_add(secs(window * (windows - 1) as f64))
            }
            None => secs(window * e.left as f64 / cap as f64),
        }
    });
    match (observed, limited) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn estimate(left: u64, cap: Option<u64>) -> Estimate {
        Estimate {
            left,
            done: 0,
            elapsed: Duration::ZERO,
            cap,
            window: DEFAULT_WINDOW,
            rate_limit: None,
            now: SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000),
        }
    }

    fn counters(amount: u64, cap: u64, reset_in: u64, now: SystemTime) -> RateLimit {
        RateLimit {
            amount: Some(amount),
            cap: Some(cap),
            reset_at: Some(now + Duration::from_secs(reset_in)),
            observed_at: now,
        }
    }

    #[test]
    fn a_cap_of_84_a_minute_with_1000_left_is_about_12_minutes() {
        let smooth = eta(estimate(1000, Some(84))).unwrap();
        assert_eq!(smooth.as_secs(), 1000 * 60 / 84, "{smooth:?}");
        // Knowing the window: the 4 still fitting go now, 996 more take 12 windows, the first
        // one opening in 30 s.
        let mut e = estimate(1000, Some(84));
        e.rate_limit = Some(counters(80, 84, 30, e.now));
        assert_eq!(eta(e), Some(Duration::from_secs(30 + 11 * 60)));
    }

    #[test]
    fn the_limit_wins_over_a_fast_burst_and_the_observed_rate_over_a_loose_limit() {
        let mut e = estimate(1000, Some(84));
        e.done = 100;
        e.elapsed = Duration::from_secs(1);
        assert_eq!(eta(e).unwrap().as_secs(), 714);
        // 2 items a second observed, a limit that would allow far more.
        let mut e = estimate(10, Some(10_000));
        e.done = 4;
        e.elapsed = Duration::from_secs(2);
        assert_eq!(eta(e), Some(Duration::from_secs(5)));
    }

    #[test]
    fn what_fits_in_the_open_window_goes_now() {
        let mut e = estimate(3, Some(84));
        e.rate_limit = Some(counters(10, 84, 30, e.now));
        assert_eq!(eta(e), Some(Duration::ZERO));
        // A window already over says nothing: the smooth estimate.
        let mut e = estimate(42, Some(84));
        e.rate_limit = Some(RateLimit {
            reset_at: Some(e.now - Duration::from_secs(5)),
            ..counters(10, 84, 0, e.now)
        });
        assert_eq!(eta(e), Some(Duration::from_secs(30)));
    }

    #[test]
    fn no_rate_and_no_cap_is_no_eta_and_nothing_left_is_zero() {
        assert_eq!(eta(estimate(10, None)), None);
        assert_eq!(eta(estimate(0, None)), Some(Duration::ZERO));
        assert!(eta(estimate(u64::MAX, Some(1))).is_some());
    }

    #[test]
    fn the_window_is_learnt_from_successive_resets() {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let mut w = WindowEstimate::default();
        assert_eq!(w.window(), DEFAULT_WINDOW);
        w.observe(counters(2, 10, 5, t0));
        // The same window, later: nothing learnt.
        w.observe(counters(9, 10, 4, t0 + Duration::from_secs(1)));
        assert_eq!(w.window(), DEFAULT_WINDOW);
        // The next window: its reset is 6 s after the previous one.
        w.observe(counters(1, 10, 5, t0 + Duration::from_secs(6)));
        assert_eq!(w.window(), Duration::from_secs(6));
        // A later reset without a new window (the count went on) teaches nothing.
        w.observe(counters(2, 10, 30, t0 + Duration::from_secs(7)));
        assert_eq!(w.window(), Duration::from_secs(6));
    }

    #[test]
    fn before_two_windows_the_first_request_of_one_tells_its_length() {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        // Not the first request of its window: only a lower bound, not used.
        let mut w = WindowEstimate::default();
        w.observe(counters(3, 10, 2, t0));
        assert_eq!(w.window(), DEFAULT_WINDOW);
        let mut w = WindowEstimate::default();
        let mut first = counters(1, 10, 4, t0 + Duration::from_secs(1));
        first.reset_at = first.reset_at.map(|r| r + Duration::from_millis(300));
        w.observe(first);
        assert_eq!(
            w.window(),
            Duration::from_secs(5),
            "rounded up to whole seconds"
        );
    }
}
