//! A pending authorization-code login: what the callback needs to finish it.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use super::{digest, unix_ms};

/// A login started with [`PokitDok::start_authorization`](crate::PokitDok::start_authorization)
/// (kept in the client's [`AuthorizationStore`](super::AuthorizationStore)) or
/// [`PokitDok::authorization_request`](crate::PokitDok::authorization_request) (kept by you):
/// the URL to send the user to, its random `state`, the PKCE verifier for the code exchange,
/// the session it is bound to (as a SHA-256 digest: the session id itself is never kept), and
/// its expiry.
///
/// It serializes (serde) so that a web app can keep it in the user's server-side session, as
/// oauth2-rs leaves the `PkceCodeVerifier` and `CsrfToken` to the app. The serialized form
/// holds the verifier and the state in clear: keep it server side, like a secret. `Debug`
/// shows neither, nor the session digest nor the URL's query.
///
/// ```
/// # fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
/// let pending = pd.authorization_request("session-id-from-your-cookie")?;
/// let saved = serde_json::to_string(&pending).unwrap(); // into the user's session
/// let back: pokitdok::PendingAuthorization = serde_json::from_str(&saved).unwrap();
/// assert_eq!(back.state(), pending.state());
/// assert!(!format!("{pending:?}").contains(pending.state()));
/// # Ok(()) }
/// ```
#[derive(Clone, Serialize, Deserialize)]
pub struct PendingAuthorization {
    url: String,
    state: String,
    verifier: String,
    client_id: String,
    /// SHA-256 of the session id, hex; `None`: not bound to a session
    /// ([`PokitDok::authorization_url`](crate::PokitDok::authorization_url)).
    #[serde(default)]
    session: Option<String>,
    /// Unix milliseconds.
    created_at: u64,
    /// Unix milliseconds.
    expires_at: u64,
}

impl PendingAuthorization {
    pub(crate) fn new(
        url: url::Url,
        state: String,
        verifier: String,
        client_id: &str,
        session: Option<&str>,
        ttl: Duration,
    ) -> Self {
        let now = SystemTime::now();
        PendingAuthorization {
            url: url.into(),
            state,
            verifier,
            client_id: client_id.to_owned(),
            session: session.map(digest),
            created_at: unix_ms(now),
            expires_at: unix_ms(now.checked_add(ttl).unwrap_or(now)),
        }
    }

    /// The URL to redirect the user to (`{base}/oauth2/authorize?...`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The random `state` the URL carries, which the callback must bring back.
    pub fn state(&self) -> &str {
        &self.state
    }

    /// When the login was started.
    pub fn created_at(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(self.created_at)
    }

    /// When it expires: from then on it cannot complete a login.
    pub fn expires_at(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(self.expires_at)
    }

    /// Time left before it expires (zero once expired): how long a store keeps it.
    pub fn time_to_live(&self) -> Duration {
        self.expires_at()
            .duration_since(SystemTime::now())
            .unwrap_or_default()
    }

    /// Whether it is bound to a session (every login started with a session id is).
    pub fn is_session_bound(&self) -> bool {
        self.session.is_some()
    }

    pub(crate) fn verifier(&self) -> &str {
        &self.verifier
    }

    pub(crate) fn client_id(&self) -> &str {
        &self.client_id
    }

    pub(crate) fn is_expired(&self) -> bool {
        unix_ms(SystemTime::now()) >= self.expires_at
    }

    /// Whether `state` is this login's state (constant time).
    pub(crate) fn state_matches(&self, state: &str) -> bool {
        !state.is_empty() && bool::from(self.state.as_bytes().ct_eq(state.as_bytes()))
    }

    /// Whether this login is bound to the session `session` (constant time over the digests);
    /// `None`: it must not be bound to any.
    pub(crate) fn session_matches(&self, session: Option<&str>) -> bool {
        match (&self.session, session) {
            (Some(ours), Some(theirs)) => {
                bool::from(ours.as_bytes().ct_eq(digest(theirs).as_bytes()))
            }
            (None, None) => true,
            _ => false,
        }
    }
}

impl fmt::Debug for PendingAuthorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The query carries the state; the path and host are harmless.
        let url = self.url.split('?').next().unwrap_or_default();
        f.debug_struct("PendingAuthorization")
            .field("url", &url)
            .field("state", &"[redacted]")
            .field("verifier", &"[redacted]")
            .field("client_id", &self.client_id)
            .field("session_bound", &self.session.is_some())
            .field("created_at", &self.created_at())
            .field("expires_at", &self.expires_at())
            .finish()
    }
}
