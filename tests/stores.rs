//! The shared-state traits with their in-memory implementations (`pokitdok::store`), on the
//! wire: clients built separately sharing one `Store::memory()`, a store of one's own, the
//! in-memory authorization store refusing new logins when full, and the session-bound login.

mod common;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use common::{CLIENT_ID, CLIENT_SECRET};
use futures_util::future::join_all;
use pokitdok::store::{
    DEFAULT_AUTHORIZATION_CAPACITY, Fence, MemoryAuthorizationStore, MemoryRateLimiter,
    MemoryTokenCache, Store, StoreErrorKind, StoreFuture, StoredToken, TokenCache,
};
use pokitdok::{Error, PokitDok, RetryPolicy, TimeoutPhase};
use serde_json::json;
use sha2::Digest;
use wiremock::matchers::{bearer_token, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn builder(server: &MockServer) -> pokitdok::PokitDokBuilder {
    PokitDok::builder()
        .client_id(CLIENT_ID)
        .client_secret(CLIENT_SECRET)
        .base_url(server.uri())
}

fn code_builder(server: &MockServer) -> pokitdok::PokitDokBuilder {
    builder(server).redirect_uri("https://app.example/callback")
}

async fn mount_token(server: &MockServer, access: &str) {
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": access, "token_type": "bearer", "expires_in": 3600})))
        .mount(server)
        .await;
}

async fn mount_api(server: &MockServer, token: &str) {
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .and(bearer_token(token))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"meta": {}, "data": []})))
        .mount(server)
        .await;
}

async fn token_requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/oauth2/token")
        .collect()
}

fn form(req: &Request) -> HashMap<String, String> {
    url::form_urlencoded::parse(&req.body)
        .into_owned()
        .collect()
}

fn challenge_of(url: &str) -> String {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code_challenge")
        .unwrap()
        .1
        .into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_built_separately_on_one_memory_store_make_one_token_request() {
    let server = MockServer::start().await;
    mount_token(&server, "shared-tok").await;
    mount_api(&server, "shared-tok").await;
    let store = Store::memory();
    let pds: Vec<PokitDok> = (0..3)
        .map(|_| builder(&server).store(store.clone()).build().unwrap())
        .collect();
    let calls = (0..30).map(|i| {
        let pd = pds[i % 3].clone();
        async move { pd.get("/activities/").await }
    });
    for r in join_all(calls).await {
        r.unwrap();
    }
    assert_eq!(token_requests(&server).await.len(), 1);
    for pd in &pds {
        assert_eq!(pd.token().unwrap().access_token(), "shared-tok");
    }
    // Without a store each client fetches its own.
    let alone = builder(&server).build().unwrap();
    alone.get("/activities/").await.unwrap();
    assert_eq!(token_requests(&server).await.len(), 2);
}

#[tokio::test]
async fn clients_on_one_memory_store_share_one_rate_limit_window() {
    let server = MockServer::start().await;
    mount_token(&server, "tok").await;
    mount_api(&server, "tok").await;
    // A cap of 4 a minute (the token request counts too) and a one-second deadline per call:
    // the shared window holds three calls, the fourth cannot be sent before its deadline.
    let build = |store: Option<&Store>| {
        let b = builder(&server)
            .max_requests_per_minute(4)
            .retry(RetryPolicy::none().deadline(Duration::from_secs(1)));
        match store {
            Some(s) => b.store(s.clone()),
            None => b,
        }
        .build()
        .unwrap()
    };
    let store = Store::memory();
    let (a, b) = (build(Some(&store)), build(Some(&store)));
    a.get("/activities/").await.unwrap();
    b.get("/activities/").await.unwrap();
    a.get("/activities/").await.unwrap();
    let e = b.get("/activities/").await.unwrap_err();
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
    let sent = |reqs: Vec<Request>| {
        reqs.iter()
            .filter(|r| r.url.path() == "/api/v4/activities/")
            .count()
    };
    assert_eq!(sent(server.received_requests().await.unwrap()), 3);

    // Two clients with windows of their own: each has room for its calls.
    let (c, d) = (build(None), build(None));
    for pd in [&c, &d, &c, &d] {
        pd.get("/activities/").await.unwrap();
    }
    assert_eq!(sent(server.received_requests().await.unwrap()), 7);
}

/// A token cache of one's own: counts what the client asks of it.
#[derive(Debug, Default)]
struct Counting {
    inner: MemoryTokenCache,
    gets: AtomicUsize,
    puts: AtomicUsize,
    locks: AtomicUsize,
    unlocks: AtomicUsize,
}

/// What the client holds; the test keeps another handle to look at the counts.
#[derive(Debug)]
struct Handle(Arc<Counting>);

impl TokenCache for Handle {
    fn get(&self) -> StoreFuture<'_, Option<StoredToken>> {
        self.0.gets.fetch_add(1, Ordering::SeqCst);
        self.0.inner.get()
    }
    fn put(&self, token: StoredToken) -> StoreFuture<'_, ()> {
        self.0.puts.fetch_add(1, Ordering::SeqCst);
        self.0.inner.put(token)
    }
    fn evict<'a>(&'a self, access_token: &'a str) -> StoreFuture<'a, ()> {
        self.0.inner.evict(access_token)
    }
    fn try_lock<'a>(&'a self, fence: &'a Fence, ttl: Duration) -> StoreFuture<'a, bool> {
        self.0.locks.fetch_add(1, Ordering::SeqCst);
        self.0.inner.try_lock(fence, ttl)
    }
    fn extend_lock<'a>(&'a self, fence: &'a Fence, ttl: Duration) -> StoreFuture<'a, bool> {
        self.0.inner.extend_lock(fence, ttl)
    }
    fn unlock<'a>(&'a self, fence: &'a Fence) -> StoreFuture<'a, bool> {
        self.0.unlocks.fetch_add(1, Ordering::SeqCst);
        self.0.inner.unlock(fence)
    }
}

#[tokio::test]
async fn a_store_of_ones_own_is_asked_first_locked_around_the_fetch_and_given_the_token() {
    let server = MockServer::start().await;
    mount_token(&server, "own-tok").await;
    mount_api(&server, "own-tok").await;
    let cache = Arc::new(Counting::default());
    let store = Store::new(
        Handle(cache.clone()),
        MemoryRateLimiter::new(),
        MemoryAuthorizationStore::new(),
    );
    let pd = builder(&server).store(store.clone()).build().unwrap();
    pd.get("/activities/").await.unwrap();
    pd.get("/activities/").await.unwrap();
    // Looked up before and again under the lock; one put, the lock released.
    assert_eq!(cache.gets.load(Ordering::SeqCst), 2);
    assert_eq!(cache.locks.load(Ordering::SeqCst), 1);
    assert_eq!(cache.puts.load(Ordering::SeqCst), 1);
    assert_eq!(cache.unlocks.load(Ordering::SeqCst), 1);
    let stored = cache.inner.get().await.unwrap().unwrap();
    assert_eq!(stored.token().access_token(), "own-tok");
    assert!(stored.refresh_at() < stored.expires_at().unwrap());
    assert!(!format!("{stored:?}").contains("own-tok"));
    // Another client takes it from there: no token request.
    let other = builder(&server).store(store).build().unwrap();
    other.get("/activities/").await.unwrap();
    assert_eq!(token_requests(&server).await.len(), 1);
    // Revoking evicts it from the shared cache.
    Mock::given(method("POST"))
        .and(path("/oauth2/revoke"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    other.revoke_token().await.unwrap();
    assert!(cache.inner.get().await.unwrap().is_none());
}

#[tokio::test]
async fn the_in_memory_authorization_store_refuses_new_logins_when_full_and_evicts_none() {
    let server = MockServer::start().await;
    mount_token(&server, "user-tok").await;
    let store =
        Store::memory().with_authorization_store(MemoryAuthorizationStore::with_capacity(2));
    let pd = code_builder(&server).store(store).build().unwrap();
    let first = pd.start_authorization("s1").await.unwrap();
    let (_, second_state) = pd.authorization_url().unwrap();
    let full = pd.start_authorization("s3").await.unwrap_err();
    match &full {
        Error::Store { source, .. } => assert_eq!(source.kind(), StoreErrorKind::Full),
        other => panic!("{other:?}"),
    }
    assert!(full.to_string().contains("2 pending logins"), "{full}");
    assert!(matches!(pd.authorization_url(), Err(Error::Store { .. })));
    // The pending ones still complete, and then there is room again.
    pd.finish_authorization("s1", "code-1", first.state())
        .await
        .unwrap();
    pd.exchange_code("code-2", &second_state).await.unwrap();
    pd.start_authorization("s3").await.unwrap();
}

#[tokio::test]
async fn a_default_client_holds_1024_pending_logins_then_refuses_the_next() {
    let server = MockServer::start().await;
    mount_token(&server, "user-tok").await;
    let pd = code_builder(&server).build().unwrap();
    let (_, oldest) = pd.authorization_url().unwrap();
    for _ in 1..DEFAULT_AUTHORIZATION_CAPACITY {
        pd.authorization_url().unwrap();
    }
    let e = pd.authorization_url().unwrap_err();
    assert!(matches!(e, Error::Store { .. }), "{e:?}");
    // The oldest was not evicted.
    pd.exchange_code("code", &oldest).await.unwrap();
}

#[tokio::test]
async fn a_session_bound_login_completes_only_for_its_session_once_and_is_not_kept() {
    let server = MockServer::start().await;
    mount_token(&server, "user-tok").await;
    let called = Arc::new(AtomicUsize::new(0));
    let c2 = called.clone();
    let pd = code_builder(&server)
        .on_token(move |_| {
            c2.fetch_add(1, Ordering::SeqCst);
        })
        .build()
        .unwrap();
    let pending = pd.start_authorization("session-a").await.unwrap();
    assert!(pending.url().contains(pending.state()));
    let dbg = format!("{pending:?}");
    assert!(
        !dbg.contains(pending.state()) && !dbg.contains("session-a"),
        "{dbg}"
    );

    // Another session's callback: refused before any request, and the state is spent.
    let e = pd
        .finish_authorization("session-b", "code", pending.state())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::StateMismatch { .. }), "{e:?}");
    let e = pd
        .finish_authorization("session-a", "code", pending.state())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::StateMismatch { .. }), "{e:?}");
    assert!(token_requests(&server).await.is_empty());
    // Bound to a session, it cannot complete an unbound exchange either.
    let pending = pd.start_authorization("session-a").await.unwrap();
    let e = pd.exchange_code("code", pending.state()).await.unwrap_err();
    assert!(matches!(e, Error::StateMismatch { .. }), "{e:?}");
    assert!(token_requests(&server).await.is_empty());

    // Its own session's callback: the code and the PKCE verifier go to the token endpoint.
    let pending = pd.start_authorization("session-a").await.unwrap();
    let token = pd
        .finish_authorization("session-a", "the-code", pending.state())
        .await
        .unwrap();
    assert_eq!(token.access_token(), "user-tok");
    let reqs = token_requests(&server).await;
    assert_eq!(reqs.len(), 1);
    let f = form(&reqs[0]);
    assert_eq!(f["grant_type"], "authorization_code");
    assert_eq!(f["code"], "the-code");
    assert_eq!(f["redirect_uri"], "https://app.example/callback");
    assert_eq!(
        URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(f["code_verifier"].as_bytes())),
        challenge_of(pending.url())
    );
    // The user's token is the caller's: not kept, not announced.
    assert!(pd.token().is_none());
    assert_eq!(called.load(Ordering::SeqCst), 0);
    let again = pd
        .finish_authorization("session-a", "the-code", pending.state())
        .await
        .unwrap_err();
    assert!(matches!(again, Error::StateMismatch { .. }));
    assert!(matches!(
        pd.start_authorization("").await,
        Err(Error::Config { .. })
    ));
}

#[tokio::test]
async fn a_pending_value_kept_by_the_app_round_trips_and_is_checked() {
    let server = MockServer::start().await;
    mount_token(&server, "user-tok").await;
    let pd = code_builder(&server)
        .authorization_ttl(Duration::from_millis(300))
        .build()
        .unwrap();
    let pending = pd.authorization_request("s").unwrap();
    let saved = serde_json::to_string(&pending).unwrap();
    assert!(
        !saved.contains("\"s\""),
        "only a digest of the session id: {saved}"
    );
    let fields: serde_json::Value = serde_json::from_str(&saved).unwrap();
    let verifier = fields["verifier"].as_str().unwrap();
    assert!(verifier.len() >= 43, "a PKCE verifier: {verifier}");
    let dbg = format!("{pending:?}");
    assert!(
        !dbg.contains(verifier) && !dbg.contains(pending.state()),
        "{dbg}"
    );
    let back: pokitdok::PendingAuthorization = serde_json::from_str(&saved).unwrap();
    // Another application's client refuses it.
    let other_app = PokitDok::builder()
        .client_id("another-app")
        .client_secret("x")
        .base_url(server.uri())
        .redirect_uri("https://app.example/callback")
        .build()
        .unwrap();
    let e = other_app
        .finish_authorization_with(back.clone(), "s", "code", pending.state())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::StateMismatch { .. }), "{e:?}");
    let e = pd
        .finish_authorization_with(back.clone(), "s", "", pending.state())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Config { .. }), "{e:?}");
    assert!(token_requests(&server).await.is_empty());
    pd.finish_authorization_with(back.clone(), "s", "code", pending.state())
        .await
        .unwrap();
    assert_eq!(token_requests(&server).await.len(), 1);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let e = pd
        .finish_authorization_with(back, "s", "code", pending.state())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::StateMismatch { .. }), "expired: {e:?}");
    assert!(pending.expires_at() > pending.created_at());
}

#[test]
fn builder_settings_of_the_stores_are_checked_by_build() {
    let b = || PokitDok::builder().client_id("id").client_secret("secret");
    assert!(matches!(
        b().authorization_ttl(Duration::ZERO).build(),
        Err(Error::Config { .. })
    ));
    #[cfg(feature = "redis")]
    {
        assert!(matches!(
            b().redis("redis://127.0.0.1:1/")
                .store(Store::memory())
                .build(),
            Err(Error::Config { .. })
        ));
        assert!(matches!(
            PokitDok::builder()
                .client_secret("secret")
                .redis("redis://127.0.0.1:1/")
                .build(),
            Err(Error::Config { .. })
        ));
        let e = b().redis("redis://:hunter2@[::1").build().unwrap_err();
        assert!(matches!(e, Error::Config { .. }));
        assert!(!format!("{e:?} {e}").contains("hunter2"));
        // A well-formed URL builds without any connection (nothing listens on port 1).
        b().redis("redis://127.0.0.1:1/").build().unwrap();
    }
}
