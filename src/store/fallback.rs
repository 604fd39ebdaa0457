//! Bounding store operations by a timeout and tracking outages: one warning when the store
//! stops answering, one notice when it answers again, and a backoff meanwhile during which the
//! callers that can do without it do not even try.

use std::sync::Mutex;
use std::time::Duration;

use rand::Rng;
use tokio::time::Instant;

use super::{STORE_TIMEOUT, StoreError, StoreErrorKind, StoreFuture};

/// The first pause after a failed store operation; it doubles with every further failure.
const FIRST_PAUSE: Duration = Duration::from_secs(1);
/// The longest pause.
const LONGEST_PAUSE: Duration = Duration::from_secs(30);

/// One shared part's outage state.
#[derive(Debug)]
pub(crate) struct Fallback {
    /// Which part, for the logs ("token cache", "rate limiter", "authorization store").
    what: &'static str,
    /// What happens while it is down, for the warning.
    meanwhile: &'static str,
    timeout: Duration,
    state: Mutex<Outage>,
}

#[derive(Debug, Default)]
struct Outage {
    /// Consecutive failures.
    failures: u32,
    /// Until then, [`Fallback::run`] does not try the store.
    retry_at: Option<Instant>,
}

impl Fallback {
    pub(crate) fn new(what: &'static str, meanwhile: &'static str) -> Self {
        Fallback {
            what,
            meanwhile,
            timeout: STORE_TIMEOUT,
            state: Mutex::new(Outage::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Outage> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether the store is in an outage's pause (the next [`run`](Self::run) would not try).
    pub(crate) fn pausing(&self) -> bool {
        self.lock().retry_at.is_some_and(|at| Instant::now() < at)
    }

    /// Runs one store operation unless the store is pausing after a failure (then an
    /// `Unavailable` error at once), bounded by the timeout.
    pub(crate) async fn run<T>(&self, op: StoreFuture<'_, T>) -> Result<T, StoreError> {
        if self.pausing() {
            return Err(StoreError::new(
                StoreErrorKind::Unavailable,
                "the store failed recently; not tried again yet",
            ));
        }
        self.probe(op).await
    }

    /// Runs one store operation whatever the outage state, bounded by the timeout, and records
    /// its outcome.
    pub(crate) async fn probe<T>(&self, op: StoreFuture<'_, T>) -> Result<T, StoreError> {
        let result = match tokio::time::timeout(self.timeout, op).await {
            Ok(result) => result,
            Err(_) => Err(StoreError::new(
                StoreErrorKind::Timeout,
                format!("no answer within {} ms", self.timeout.as_millis()),
            )),
        };
        match &result {
            Ok(_) => self.succeeded(),
            // A full store answered: it is not down.
            Err(e) if e.kind() == StoreErrorKind::Full => self.succeeded(),
            Err(e) => self.failed(e),
        }
        result
    }

    fn succeeded(&self) {
        let mut s = self.lock();
        if s.failures > 0 {
            tracing::info!(
                store = self.what,
                failures = s.failures,
                "the shared store answers again"
            );
            *s = Outage::default();
        }
    }

    fn failed(&self, e: &StoreError) {
        let mut s = self.lock();
        s.failures = s.failures.saturating_add(1);
        let doublings = (s.failures - 1).min(8);
        let pause = FIRST_PAUSE
            .saturating_mul(1u32 << doublings)
            .min(LONGEST_PAUSE)
            .mul_f64(rand::thread_rng().gen_range(0.5..=1.0));
        s.retry_at = Some(Instant::now() + pause);
        if s.failures == 1 {
            tracing::warn!(
                store = self.what,
                error = %e,
                "the shared store failed: {}", self.meanwhile
            );
        } else {
            tracing::debug!(store = self.what, error = %e, failures = s.failures, "the shared store failed again");
        }
    }
}
