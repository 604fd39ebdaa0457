//! The sandbox's state: registered clients, grants, per-client data, fault knobs.

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;
use tokio::time::Instant;

use super::activity::Activity;
use super::util::json_size;

// Bounds of what a client can make the sandbox store (documented in the crate docs).

/// Largest JSON request body (and raw X12 eligibility request, and claims convert file), in
/// bytes: these are stored as they are (activity parameters, records).
pub(crate) const MAX_RECORD_BYTES: usize = 64 * 1024;
/// Budget of the records a client creates and manages (identities with every version, slots
/// and appointments, loaded prices, drafts, app registrations, identity match sources), in
/// estimated JSON bytes.
pub(crate) const MAX_CLIENT_RECORD_BYTES: usize = 32 * 1024 * 1024;
/// Most records of each managed kind (identities, slots, prices, drafts, registrations,
/// match sources) per client; past it, creating one is refused (422).
pub(crate) const MAX_ITEMS: usize = 1_000;
/// Most versions of one identity.
pub(crate) const MAX_IDENTITY_VERSIONS: usize = 100;
/// Most activities kept per client; the oldest go first.
pub(crate) const MAX_ACTIVITIES: usize = 5_000;
/// Budget of a client's activities (estimated JSON bytes at creation); the oldest go first.
pub(crate) const MAX_ACTIVITY_BYTES: usize = 64 * 1024 * 1024;
/// Most payments and identity-proof questionnaires kept per client; the oldest go first.
pub(crate) const MAX_LOG: usize = 1_000;
/// Most enrollment snapshots kept per client; the oldest go first.
pub(crate) const MAX_SNAPSHOTS: usize = 20;
/// Largest enrollment snapshot (its subscribers, estimated JSON bytes).
pub(crate) const MAX_SNAPSHOT_BYTES: usize = 2 * 1024 * 1024;
/// Most claims in one claims convert file.
pub(crate) const MAX_CONVERT_CLAIMS: usize = 100;
/// Most subscribers read from one enrollment snapshot file, transaction sets from one batch
/// file, and claims from one claims convert file.
pub(crate) const MAX_PER_FILE: usize = 1_000;
/// Most live grants of each kind; expired ones are purged first.
const MAX_GRANTS: usize = 50_000;

pub(crate) struct Config {
    pub(crate) token_lifetime: Duration,
    pub(crate) rate_limit_cap: u32,
    pub(crate) rate_limit_window: Duration,
    pub(crate) credits: i64,
    pub(crate) activity_step: Duration,
    pub(crate) redirect_uris: Vec<String>,
}

pub(crate) struct Shared {
    pub(crate) config: Config,
    /// `http://127.0.0.1:port`.
    pub(crate) base_url: String,
    pub(crate) faults: Faults,
    state: Mutex<State>,
    /// Synthetic providers shown by searches, for `GET /providers/{npi}`.
    pub(crate) directory: Mutex<super::providers::Directory>,
    /// Sends activity callbacks (loopback only).
    pub(crate) callbacks: reqwest::Client,
}

#[derive(Default)]
pub(crate) struct State {
    pub(crate) clients: HashMap<String, ClientState>,
    pub(crate) tokens: HashMap<String, AccessGrant>,
    pub(crate) refresh_tokens: HashMap<String, Grant>,
    pub(crate) codes: HashMap<String, CodeGrant>,
}

pub(crate) struct AccessGrant {
    pub(crate) client_id: String,
    pub(crate) scopes: BTreeSet<String>,
    pub(crate) expires: Instant,
}

pub(crate) struct Grant {
    pub(crate) client_id: String,
    pub(crate) scopes: BTreeSet<String>,
}

pub(crate) struct CodeGrant {
    pub(crate) client_id: String,
    pub(crate) redirect_uri: Option<String>,
    pub(crate) scopes: BTreeSet<String>,
    /// (method, challenge)
    pub(crate) challenge: Option<(String, String)>,
    pub(crate) expires: Instant,
}

#[derive(Default)]
pub(crate) struct RateWindow {
    pub(crate) start: Option<Instant>,
    pub(crate) count: u32,
}

/// A registered application: its credentials and the scopes it is granted.
pub(crate) struct Registration {
    pub(crate) id: String,
    pub(crate) secret: String,
    /// Scopes every client-credentials token of the application carries, asked for or not.
    pub(crate) scopes: BTreeSet<String>,
}

/// One registered application and everything it created.
pub(crate) struct ClientState {
    pub(crate) secret: String,
    /// Scopes granted to the application (see [`Registration::scopes`]).
    pub(crate) scopes: BTreeSet<String>,
    pub(crate) rate: RateWindow,
    pub(crate) credits: i64,
    pub(crate) tokens_issued: u64,
    pub(crate) requests: u64,
    pub(crate) activities: Vec<Activity>,
    /// Sum of the activities' weights.
    pub(crate) activity_bytes: usize,
    pub(crate) identities: Vec<Identity>,
    pub(crate) appointments: Vec<Value>,
    pub(crate) oop_prices: Vec<Value>,
    pub(crate) app_registrations: Vec<(Value, bool)>,
    pub(crate) drafts: Vec<Value>,
    pub(crate) snapshots: Vec<Value>,
    pub(crate) payments: Vec<Payment>,
    pub(crate) match_sources: Vec<Value>,
    pub(crate) questionnaires: Vec<Value>,
}

pub(crate) struct Identity {
    pub(crate) uuid: String,
    /// Every version, oldest first: (version id, insert date, record).
    pub(crate) versions: Vec<(u32, String, Value)>,
}

pub(crate) struct Payment {
    pub(crate) summary: Value,
    pub(crate) detail: Value,
    pub(crate) claim_payments: Vec<Value>,
}

impl ClientState {
    /// A fresh application: no data of its own yet, but the seeded activities of a test
    /// application (see [`crate::seed`]).
    fn new(client_id: &str, secret: String, credits: i64, scopes: BTreeSet<String>) -> Self {
        let mut c = ClientState {
            secret,
            scopes,
            rate: RateWindow::default(),
            credits,
            tokens_issued: 0,
            requests: 0,
            activities: Vec::new(),
            activity_bytes: 0,
            identities: Vec::new(),
            appointments: Vec::new(),
            oop_prices: Vec::new(),
            app_registrations: Vec::new(),
            drafts: Vec::new(),
            snapshots: Vec::new(),
            payments: Vec::new(),
            match_sources: Vec::new(),
            questionnaires: Vec::new(),
        };
        for a in super::seed::activities(client_id) {
            c.push_activity(a);
        }
        c
    }

    /// Forgets everything the application created and puts the seeded activities back, as
    /// for a fresh application. Its secret, scopes, credits, counters and rate-limit window
    /// stay.
    pub(crate) fn reset(&mut self, client_id: &str) {
        let fresh = ClientState::new(client_id, String::new(), 0, BTreeSet::new());
        let ClientState {
            activities,
            activity_bytes,
            identities,
            appointments,
            oop_prices,
            app_registrations,
            drafts,
            snapshots,
            payments,
            match_sources,
            questionnaires,
            ..
        } = fresh;
        self.activities = activities;
        self.activity_bytes = activity_bytes;
        self.identities = identities;
        self.appointments = appointments;
        self.oop_prices = oop_prices;
        self.app_registrations = app_registrations;
        self.drafts = drafts;
        self.snapshots = snapshots;
        self.payments = payments;
        self.match_sources = match_sources;
        self.questionnaires = questionnaires;
    }

    pub(crate) fn activity_mut(&mut self, id: &str) -> Option<&mut Activity> {
        self.activities.iter_mut().find(|a| a.id == id)
    }

    /// Stores an activity, dropping the oldest ones past [`MAX_ACTIVITIES`] or
    /// [`MAX_ACTIVITY_BYTES`].
    pub(crate) fn push_activity(&mut self, mut a: Activity) {
        a.weight = a.estimate_size();
        while !self.activities.is_empty()
            && (self.activities.len() >= MAX_ACTIVITIES
                || self.activity_bytes.saturating_add(a.weight) > MAX_ACTIVITY_BYTES)
        {
            let old = self.activities.remove(0);
            self.activity_bytes = self.activity_bytes.saturating_sub(old.weight);
        }
        self.activity_bytes = self.activity_bytes.saturating_add(a.weight);
        self.activities.push(a);
    }

    /// Attaches the X12 request and response to a stored activity (its weight grows).
    pub(crate) fn attach_x12(&mut self, id: &str, request: &str, response: &str) {
        let extra = request.len() + response.len();
        if let Some(a) = self.activity_mut(id) {
            a.x12 = Some((request.to_owned(), response.to_owned()));
            a.weight = a.weight.saturating_add(extra);
            self.activity_bytes = self.activity_bytes.saturating_add(extra);
        }
    }

    /// Estimated JSON bytes of the records the client manages (see
    /// [`MAX_CLIENT_RECORD_BYTES`]).
    pub(crate) fn stored_bytes(&self) -> usize {
        let versions: usize = self
            .identities
            .iter()
            .flat_map(|i| &i.versions)
            .map(|(_, at, r)| at.len() + json_size(r))
            .sum();
        let values = self
            .appointments
            .iter()
            .chain(&self.oop_prices)
            .chain(&self.drafts)
            .chain(&self.match_sources)
            .chain(self.app_registrations.iter().map(|(r, _)| r))
            .map(json_size)
            .sum::<usize>();
        versions + values
    }

    /// Whether one more managed record of `size` bytes fits, `count` being how many of its
    /// kind (`what`, e.g. "identities") exist; the refusal's message otherwise.
    pub(crate) fn admit(
        &self,
        what: &str,
        count: usize,
        max: usize,
        size: usize,
    ) -> Result<(), String> {
        if count >= max {
            return Err(format!(
                "The sandbox keeps at most {max} {what} per client; delete some first."
            ));
        }
        self.fits(size, 0)
    }

    /// Whether the managed records still fit [`MAX_CLIENT_RECORD_BYTES`] once `add` bytes are
    /// stored and `remove` bytes dropped; the refusal's message otherwise.
    pub(crate) fn fits(&self, add: usize, remove: usize) -> Result<(), String> {
        let after = self
            .stored_bytes()
            .saturating_sub(remove)
            .saturating_add(add);
        if after > MAX_CLIENT_RECORD_BYTES {
            return Err(format!(
                "The sandbox keeps at most {MAX_CLIENT_RECORD_BYTES} bytes of records per \
                 client; delete some first."
            ));
        }
        Ok(())
    }
}

/// Counters of one registered client, from [`Sandbox::stats`](super::Sandbox::stats).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClientStats {
    /// Credits left.
    pub credits_remaining: i64,
    /// Requests counted in the current rate-limit window.
    pub rate_limit_amount: u32,
    /// Access tokens issued to this client so far.
    pub tokens_issued: u64,
    /// API requests that passed authentication so far.
    pub requests: u64,
    /// Activities stored for this client.
    pub activities: usize,
}

pub(crate) struct Faults {
    fail: Mutex<(u32, StatusCode)>,
    drop: AtomicU32,
    latency: Mutex<Duration>,
}

impl Faults {
    pub(crate) fn set_fail(&self, n: u32, status: StatusCode) {
        *self.fail.lock().unwrap_or_else(|p| p.into_inner()) = (n, status);
    }

    /// Takes one pending failure, if any.
    pub(crate) fn take_fail(&self) -> Option<StatusCode> {
        let mut f = self.fail.lock().unwrap_or_else(|p| p.into_inner());
        if f.0 == 0 {
            return None;
        }
        f.0 -= 1;
        Some(f.1)
    }

    pub(crate) fn set_drop(&self, n: u32) {
        self.drop.store(n, Ordering::SeqCst);
    }

    /// Takes one pending dropped connection, if any.
    pub(crate) fn take_drop(&self) -> bool {
        self.drop
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
    }

    pub(crate) fn set_latency(&self, d: Duration) {
        *self.latency.lock().unwrap_or_else(|p| p.into_inner()) = d;
    }

    pub(crate) fn latency(&self) -> Duration {
        *self.latency.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Shared {
    pub(crate) fn new(config: Config, base_url: String, clients: &[Registration]) -> Self {
        let mut state = State::default();
        for r in clients {
            state.clients.insert(
                r.id.clone(),
                ClientState::new(&r.id, r.secret.clone(), config.credits, r.scopes.clone()),
            );
        }
        let callbacks = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap_or_default();
        Shared {
            config,
            base_url,
            faults: Faults {
                fail: Mutex::new((0, StatusCode::SERVICE_UNAVAILABLE)),
                drop: AtomicU32::new(0),
                latency: Mutex::new(Duration::ZERO),
            },
            state: Mutex::new(state),
            directory: Mutex::new(super::providers::Directory::default()),
            callbacks,
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on a client's state (`None` for an unknown client).
    pub(crate) fn with_client<R>(
        &self,
        client_id: &str,
        f: impl FnOnce(&mut ClientState) -> R,
    ) -> Option<R> {
        self.lock().clients.get_mut(client_id).map(f)
    }

    /// Resets a client's data ([`ClientState::reset`]); `false` for an unknown client.
    pub(crate) fn reset_client(&self, client_id: &str) -> bool {
        self.with_client(client_id, |c| c.reset(client_id))
            .is_some()
    }

    pub(crate) fn set_credits(&self, client_id: &str, credits: i64) -> bool {
        self.with_client(client_id, |c| c.credits = credits)
            .is_some()
    }

    pub(crate) fn stats(&self, client_id: &str) -> Option<ClientStats> {
        let window = self.config.rate_limit_window;
        self.with_client(client_id, |c| ClientStats {
            credits_remaining: c.credits,
            rate_limit_amount: match c.rate.start {
                Some(s) if s.elapsed() < window => c.rate.count,
                _ => 0,
            },
            tokens_issued: c.tokens_issued,
            requests: c.requests,
            activities: c.activities.len(),
        })
    }
}

impl State {
    /// Issues an access token (and drops expired ones when there are many).
    pub(crate) fn issue_token(
        &mut self,
        client_id: &str,
        scopes: BTreeSet<String>,
        lifetime: Duration,
    ) -> String {
        if self.tokens.len() >= MAX_GRANTS {
            let now = Instant::now();
            self.tokens.retain(|_, g| g.expires > now);
            if self.tokens.len() >= MAX_GRANTS {
                self.tokens.clear();
            }
        }
        let token = super::util::random_token(40);
        self.tokens.insert(
            token.clone(),
            AccessGrant {
                client_id: client_id.to_owned(),
                scopes,
                expires: Instant::now() + lifetime,
            },
        );
        if let Some(c) = self.clients.get_mut(client_id) {
            c.tokens_issued += 1;
        }
        token
    }

    pub(crate) fn issue_refresh_token(
        &mut self,
        client_id: &str,
        scopes: BTreeSet<String>,
    ) -> String {
        if self.refresh_tokens.len() >= MAX_GRANTS {
            self.refresh_tokens.clear();
        }
        let token = super::util::random_token(40);
        self.refresh_tokens.insert(
            token.clone(),
            Grant {
                client_id: client_id.to_owned(),
                scopes,
            },
        );
        token
    }

    pub(crate) fn issue_code(&mut self, grant: CodeGrant) -> String {
        if self.codes.len() >= MAX_GRANTS {
            let now = Instant::now();
            self.codes.retain(|_, g| g.expires > now);
            if self.codes.len() >= MAX_GRANTS {
                self.codes.clear();
            }
        }
        let code = super::util::random_token(30);
        self.codes.insert(code.clone(), grant);
        code
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::activity::{Outcome, SYNC};

    fn activity(id: usize, payload: usize) -> Activity {
        Activity::new(
            format!("{id:024}"),
            "eligibility",
            "MOCKPAYER",
            json!({"note": "x".repeat(payload)}),
            SYNC,
            2,
            Outcome::Ready(json!({})),
        )
    }

    #[test]
    fn activities_are_bounded_by_count_and_bytes() {
        let mut c = ClientState::new("app", "secret".into(), 1, BTreeSet::new());
        for n in 0..MAX_ACTIVITIES + 10 {
            c.push_activity(activity(n, 0));
        }
        assert_eq!(c.activities.len(), MAX_ACTIVITIES);
        assert_eq!(c.activities[0].id, format!("{:024}", 10));
        let sum: usize = c.activities.iter().map(|a| a.weight).sum();
        assert_eq!(c.activity_bytes, sum);

        // Big ones: the byte budget drops the oldest first.
        let mut c = ClientState::new("app", "secret".into(), 1, BTreeSet::new());
        for n in 0..200 {
            c.push_activity(activity(n, 1024 * 1024));
        }
        assert!(c.activity_bytes <= MAX_ACTIVITY_BYTES);
        assert!(c.activities.len() < 64, "{}", c.activities.len());
        assert_eq!(
            c.activities.last().map(|a| a.id.clone()),
            Some(format!("{:024}", 199))
        );
        c.attach_x12(&format!("{:024}", 199), "ISA", "ISA*");
        let sum: usize = c.activities.iter().map(|a| a.weight).sum();
        assert_eq!(c.activity_bytes, sum);
    }

    #[test]
    fn managed_records_have_a_byte_budget() {
        let mut c = ClientState::new("app", "secret".into(), 1, BTreeSet::new());
        assert!(c.admit("drafts", 0, MAX_ITEMS, 10).is_ok());
        assert!(c.admit("drafts", MAX_ITEMS, MAX_ITEMS, 10).is_err());
        let big = json!({"draft": "x".repeat(MAX_RECORD_BYTES - 100)});
        while c.fits(MAX_RECORD_BYTES, 0).is_ok() {
            c.drafts.push(big.clone());
        }
        assert!(c.stored_bytes() <= MAX_CLIENT_RECORD_BYTES);
        assert!(c.admit("drafts", 0, MAX_ITEMS, MAX_RECORD_BYTES).is_err());
        assert!(c.fits(0, 0).is_ok());
    }
}
