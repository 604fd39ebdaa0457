//! OAuth2: the token type and the token manager (client credentials, authorization code with
//! state + PKCE, refresh token; single-flight refresh ahead of expiry).

mod http;
mod token;

pub use token::Token;

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime};

use base64::Engine;
use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
};
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet, EndpointSet,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope,
    StandardRevocableToken, TokenUrl,
};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue, USER_AGENT};
use secrecy::{ExposeSecret, SecretString};
use subtle::ConstantTimeEq;
use tokio::time::Instant;
use tracing::Instrument;

use crate::error::{Error, Result};
use http::{TokenHttp, TokenTransportError};

type OAuthClient = oauth2::Client<
    BasicErrorResponse,
    Token,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// Callback run on every new token.
pub(crate) type TokenCallback = Arc<dyn Fn(&Token) + Send + Sync>;

/// How many authorization requests may be outstanding at once; the oldest is forgotten first.
const MAX_PENDING_AUTHORIZATIONS: usize = 32;

/// A token in use, with the monotonic instant after which it counts as stale.
pub(crate) struct Cached {
    pub(crate) token: Token,
    stale_at: Option<Instant>,
    invalid: bool,
    /// The access token was revoked: never sent again; only its refresh token (if any) is
    /// still used, to obtain the next token.
    revoked: bool,
    pub(crate) generation: u64,
}

pub(crate) struct Settings {
    pub(crate) client_id: Option<String>,
    pub(crate) client_secret: Option<String>,
    pub(crate) auth_url: url::Url,
    pub(crate) token_url: url::Url,
    pub(crate) revoke_url: url::Url,
    pub(crate) redirect_uri: Option<url::Url>,
    pub(crate) scopes: Vec<String>,
    pub(crate) skew: Duration,
    pub(crate) auto_refresh: bool,
    pub(crate) on_token: Option<TokenCallback>,
    pub(crate) initial: Option<Token>,
    pub(crate) timeout: Duration,
    pub(crate) http: reqwest::Client,
    pub(crate) user_agent: HeaderValue,
}

pub(crate) struct TokenManager {
    http: reqwest::Client,
    user_agent: HeaderValue,
    oauth: OAuthClient,
    /// `POST {base}/oauth2/revoke` (RFC 7009).
    revoke_url: url::Url,
    /// Kept for the revocation request, which oauth2 cannot send to a loopback `http://`
    /// sandbox (it insists on HTTPS revocation URLs).
    client_secret: Option<SecretString>,
    has_credentials: bool,
    code_flow: bool,
    scopes: Vec<Scope>,
    skew: Duration,
    auto_refresh: bool,
    on_token: Option<TokenCallback>,
    timeout: Duration,
    /// The fast path reads this without any async lock.
    current: RwLock<Option<Arc<Cached>>>,
    /// Held while a token is being obtained: the single flight.
    flight: tokio::sync::Mutex<()>,
    /// The last failed attempt, numbered, so that callers who waited for it share its error.
    failure: Mutex<Option<(u64, Error)>>,
    failures: AtomicU64,
    generations: AtomicU64,
    pending: Mutex<Vec<(String, PkceCodeVerifier)>>,
}

impl fmt::Debug for TokenManager {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenManager")
            .field("client_id", self.oauth.client_id())
            .field("client_secret", &"[redacted]")
            .field("code_flow", &self.code_flow)
            .field("scopes", &self.scopes)
            .field("skew", &self.skew)
            .field("auto_refresh", &self.auto_refresh)
            .field("token", &self.snapshot())
            .finish_non_exhaustive()
    }
}

impl TokenManager {
    pub(crate) fn new(s: Settings) -> Self {
        let has_credentials = s.client_id.is_some() && s.client_secret.is_some();
        let mut oauth = oauth2::Client::new(ClientId::new(s.client_id.unwrap_or_default()))
            .set_auth_uri(AuthUrl::from_url(s.auth_url))
            .set_token_uri(TokenUrl::from_url(s.token_url));
        let client_secret = s.client_secret.clone().map(SecretString::from);
        if let Some(secret) = s.client_secret {
            oauth = oauth.set_client_secret(ClientSecret::new(secret));
        }
        let code_flow = s.redirect_uri.is_some();
        if let Some(r) = s.redirect_uri {
            oauth = oauth.set_redirect_uri(RedirectUrl::from_url(r));
        }
        let manager = TokenManager {
            http: s.http,
            user_agent: s.user_agent,
            oauth,
            revoke_url: s.revoke_url,
            client_secret,
            has_credentials,
            code_flow,
            scopes: s.scopes.into_iter().map(Scope::new).collect(),
            skew: s.skew,
            auto_refresh: s.auto_refresh,
            on_token: s.on_token,
            timeout: s.timeout,
            current: RwLock::new(None),
            flight: tokio::sync::Mutex::new(()),
            failure: Mutex::new(None),
            failures: AtomicU64::new(0),
            generations: AtomicU64::new(0),
            pending: Mutex::new(Vec::new()),
        };
        if let Some(t) = s.initial {
            let stale_at = t.expires_at().map(|at| {
                let left = at.duration_since(SystemTime::now()).unwrap_or_default();
                Instant::now() + left.saturating_sub(manager.effective_skew(left))
            });
            manager.install(t, stale_at);
        }
        manager
    }

    /// A token lifetime shorter than twice the skew would be stale at once: use half the
    /// lifetime then.
    fn effective_skew(&self, lifetime: Duration) -> Duration {
        self.skew.min(lifetime / 2)
    }

    fn read(&self) -> Option<Arc<Cached>> {
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub(crate) fn snapshot(&self) -> Option<Token> {
        self.read().filter(|c| !c.revoked).map(|c| c.token.clone())
    }

    fn usable(&self) -> Option<Arc<Cached>> {
        let c = self.read()?;
        if c.revoked {
            return None;
        }
        if c.invalid && self.auto_refresh {
            return None;
        }
        if self.auto_refresh && c.stale_at.is_some_and(|at| Instant::now() >= at) {
            return None;
        }
        Some(c)
    }

    pub(crate) fn auto_refresh(&self) -> bool {
        self.auto_refresh
    }

    fn install(&self, token: Token, stale_at: Option<Instant>) -> Arc<Cached> {
        let cached = Arc::new(Cached {
            token,
            stale_at,
            invalid: false,
            revoked: false,
            generation: self.generations.fetch_add(1, Ordering::SeqCst) + 1,
        });
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Some(cached.clone());
        cached
    }

    /// Stores a token that just came from the token endpoint and announces it.
    fn accept(&self, mut token: Token, requested_at: Instant) -> Arc<Cached> {
        if let Some(prev) = self.read() {
            token.keep_refresh_token_from(&prev.token);
        }
        let stale_at = token
            .announced_lifetime()
            .or_else(|| token.expires_in())
            .map(|life| requested_at + life.saturating_sub(self.effective_skew(life)));
        let cached = self.install(token, stale_at);
        if let Some(cb) = &self.on_token {
            cb(&cached.token);
        }
        cached
    }

    /// A usable token: the cached one, or a new one obtained by exactly one caller while the
    /// others wait for its outcome (token or error).
    pub(crate) async fn bearer(&self) -> Result<Arc<Cached>> {
        if let Some(c) = self.usable() {
            return Ok(c);
        }
        let seen_failures = self.failures.load(Ordering::SeqCst);
        let _flight = self.flight.lock().await;
        if let Some(c) = self.usable() {
            return Ok(c);
        }
        if self.failures.load(Ordering::SeqCst) != seen_failures {
            // The attempt we waited for failed: share its error rather than start another.
            if let Some((_, e)) = self
                .failure
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone()
            {
                return Err(e);
            }
        }
        self.obtain_locked().await
    }

    /// Forgets the token with this generation after the API refused it with a 401, unless a
    /// newer token has replaced it meanwhile.
    pub(crate) fn invalidate(&self, generation: u64) {
        let mut guard = self.current.write().unwrap_or_else(|p| p.into_inner());
        if let Some(c) = guard.as_ref()
            && c.generation == generation
            && !c.invalid
        {
            *guard = Some(Arc::new(Cached {
                token: c.token.clone(),
                stale_at: c.stale_at,
                invalid: true,
                revoked: c.revoked,
                generation: c.generation,
            }));
        }
    }

    /// Revokes the current access token at `POST {base}/oauth2/revoke` (RFC 7009: form
    /// `token=...&token_type_hint=access_token`, client authentication with HTTP Basic as on the
    /// token endpoint), then forgets it: the next request obtains a new token (with the refresh
    /// token when one is held, which is kept, otherwise with the client credentials). Without a
    /// token nothing is sent.
    pub(crate) async fn revoke(&self) -> Result<()> {
        let _flight = self.flight.lock().await;
        let Some(current) = self.read().filter(|c| !c.revoked) else {
            return Ok(());
        };
        let Some(secret) = self.client_secret.as_ref().filter(|_| self.has_credentials) else {
            return Err(Error::config(
                "revoking a token needs the client_id and client_secret (client authentication)",
            ));
        };
        let credential = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect();
        let (id, secret): (String, String) = (
            credential(self.oauth.client_id().as_str()),
            credential(secret.expose_secret()),
        );
        let basic = base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
        let mut authorization = HeaderValue::from_str(&format!("Basic {basic}"))
            .map_err(|_| Error::config("the client credentials are not a valid header value"))?;
        authorization.set_sensitive(true);
        let body = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("token", current.token.access_token())
            .append_pair("token_type_hint", "access_token")
            .finish();
        let span = tracing::debug_span!("pokitdok.revoke", status = tracing::field::Empty);
        let (status, answer) = async {
            let response = self
                .http
                .post(self.revoke_url.clone())
                .header(AUTHORIZATION, authorization)
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(ACCEPT, "application/json")
                .header(USER_AGENT, self.user_agent.clone())
                .timeout(self.timeout)
                .body(body)
                .send()
                .await
                .map_err(Error::from_reqwest)?;
            let status = response.status();
            tracing::Span::current().record("status", status.as_u16());
            let answer = response.bytes().await.map_err(Error::from_reqwest)?;
            Ok::<_, Error>((status, answer))
        }
        .instrument(span)
        .await?;
        if !status.is_success() {
            return Err(revocation_error(status, &answer));
        }
        self.forget(current.generation);
        Ok(())
    }

    /// Drops the token with this generation after its revocation, keeping a refresh token
    /// (never sent as a bearer) so that the next token can come from it.
    fn forget(&self, generation: u64) {
        let mut guard = self.current.write().unwrap_or_else(|p| p.into_inner());
        let Some(c) = guard.as_ref().filter(|c| c.generation == generation) else {
            return;
        };
        *guard = c.token.refresh_token().is_some().then(|| {
            Arc::new(Cached {
                token: c.token.clone(),
                stale_at: c.stale_at,
                invalid: true,
                revoked: true,
                generation: c.generation,
            })
        });
    }

    /// Obtains a new token now, whatever the state of the cached one.
    pub(crate) async fn force(&self) -> Result<Token> {
        let _flight = self.flight.lock().await;
        self.obtain_locked().await.map(|c| c.token.clone())
    }

    async fn obtain_locked(&self) -> Result<Arc<Cached>> {
        let result = self.obtain().await;
        if let Err(e) = &result {
            let n = self.failures.fetch_add(1, Ordering::SeqCst) + 1;
            *self.failure.lock().unwrap_or_else(|p| p.into_inner()) = Some((n, e.clone()));
        }
        result
    }

    async fn obtain(&self) -> Result<Arc<Cached>> {
        let refresh = self
            .read()
            .and_then(|c| c.token.refresh_token().map(str::to_owned));
        if let Some(rt) = refresh {
            if !self.has_credentials {
                return Err(Error::AuthorizationRequired {
                    reason:
                        "the token expired and no client credentials were configured to refresh it"
                            .into(),
                });
            }
            let http = TokenHttp::new(&self.http, &self.user_agent, self.timeout);
            let started = Instant::now();
            let rt = oauth2::RefreshToken::new(rt);
            let res = self
                .oauth
                .exchange_refresh_token(&rt)
                .add_scopes(self.scopes.clone())
                .request_async(&http)
                .await;
            match res {
                Ok(t) => return Ok(self.accept(t, started)),
                Err(e) => {
                    let e = map_token_error(e, http.status());
                    let refused = matches!(&e, Error::Auth { status: Some(s), .. }
                        if *s == StatusCode::BAD_REQUEST || *s == StatusCode::UNAUTHORIZED);
                    if !refused {
                        return Err(e);
                    }
                    if self.code_flow {
                        return Err(Error::AuthorizationRequired {
                            reason: format!("the refresh token was refused ({e})"),
                        });
                    }
                    // Client credentials can always start over.
                }
            }
        }
        if self.code_flow {
            return Err(Error::AuthorizationRequired {
                reason:
                    "no token yet: send the user to authorization_url() and call exchange_code()"
                        .into(),
            });
        }
        if !self.has_credentials {
            return Err(Error::AuthorizationRequired {
                reason: "no usable token and no client_id/client_secret to obtain one".into(),
            });
        }
        let http = TokenHttp::new(&self.http, &self.user_agent, self.timeout);
        let started = Instant::now();
        let res = self
            .oauth
            .exchange_client_credentials()
            .add_scopes(self.scopes.clone())
            .request_async(&http)
            .await;
        match res {
            Ok(t) => Ok(self.accept(t, started)),
            Err(e) => Err(map_token_error(e, http.status())),
        }
    }

    /// Builds the URL to send the user to, remembering its state and PKCE verifier.
    pub(crate) fn authorization_url(&self) -> Result<(url::Url, String)> {
        if !self.code_flow {
            return Err(Error::config(
                "authorization_url needs a redirect_uri on the builder",
            ));
        }
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state) = self
            .oauth
            .authorize_url(CsrfToken::new_random)
            .add_scopes(self.scopes.clone())
            .set_pkce_challenge(challenge)
            .url();
        let state = state.secret().clone();
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        if pending.len() >= MAX_PENDING_AUTHORIZATIONS {
            pending.remove(0);
        }
        pending.push((state.clone(), verifier));
        Ok((url, state))
    }

    /// Takes (single use) the PKCE verifier of a state this client issued; compares in
    /// constant time.
    fn take_state(&self, state: &str) -> Option<PkceCodeVerifier> {
        if state.is_empty() {
            return None;
        }
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        let mut found = None;
        for (i, (s, _)) in pending.iter().enumerate() {
            if bool::from(s.as_bytes().ct_eq(state.as_bytes())) {
                found = Some(i);
            }
        }
        found.map(|i| pending.remove(i).1)
    }

    pub(crate) async fn exchange_code(&self, code: &str, state: &str) -> Result<Token> {
        let verifier = self.take_state(state).ok_or(Error::StateMismatch {})?;
        if code.is_empty() {
            return Err(Error::config("the authorization response has no code"));
        }
        let _flight = self.flight.lock().await;
        let http = TokenHttp::new(&self.http, &self.user_agent, self.timeout);
        let started = Instant::now();
        let res = self
            .oauth
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .set_pkce_verifier(verifier)
            .request_async(&http)
            .await;
        match res {
            Ok(t) => Ok(self.accept(t, started).token.clone()),
            Err(e) => Err(map_token_error(e, http.status())),
        }
    }
}

/// A refused revocation: RFC 7009's `{error, error_description}` when the body has them.
fn revocation_error(status: StatusCode, body: &[u8]) -> Error {
    let parsed: Option<serde_json::Value> = serde_json::from_slice(body).ok();
    let field = |k: &str| {
        parsed
            .as_ref()
            .and_then(|v| v.get(k))
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    Error::Auth {
        status: Some(status),
        error: field("error"),
        description: field("error_description")
            .or_else(|| Some("the revocation endpoint refused the request".to_owned())),
    }
}

fn map_token_error(
    e: RequestTokenError<TokenTransportError, BasicErrorResponse>,
    status: Option<StatusCode>,
) -> Error {
    match e {
        RequestTokenError::ServerResponse(r) => Error::Auth {
            status,
            error: Some(r.error().as_ref().to_owned()),
            description: r.error_description().cloned(),
        },
        RequestTokenError::Request(TokenTransportError(e)) => Error::from_token_reqwest(e),
        RequestTokenError::Parse(_, _) => Error::Auth {
            status,
            error: None,
            description: Some(if status.is_some_and(|s| s.is_success()) {
                "the token endpoint's answer is not a token".into()
            } else {
                "the token endpoint refused the request".into()
            }),
        },
        RequestTokenError::Other(msg) => Error::Auth {
            status,
            error: None,
            description: Some(msg),
        },
    }
}
