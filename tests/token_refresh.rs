//! The token never stalls traffic: refresh ahead of expiry in the background, one token request
//! however many callers (RELIABILITY.md §5 cases 2, 7, 29, 43), callers that give up never
//! cancel the refresh, and failed token requests back off instead of storming the endpoint.
//!
//! Time is moved with [`jump`]: the Tokio clock is paused, advanced and resumed, while the
//! system clock does not move. (A test started with `start_paused = true` cannot talk to
//! wiremock, which serves from its own thread: with the clock paused, Tokio skips ahead to the
//! next timer, the request timeout, whenever the runtime waits for the network.)

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::{CLIENT_ID, CLIENT_SECRET, bearers};
use pokitdok::{Error, PokitDok, StatusCode, Token};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Moves the Tokio clock forward by `d` at once (the system clock does not move).
async fn jump(d: Duration) {
    tokio::time::pause();
    tokio::time::advance(d).await;
    tokio::time::resume();
}

fn token_json(access: &str) -> serde_json::Value {
    json!({"access_token": access, "token_type": "bearer", "expires_in": 3600})
}

/// Answers `access` to the next `times` token requests, after `delay`.
async fn mount_token(server: &MockServer, access: &str, times: u64, delay: Duration) {
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(token_json(access))
                .set_delay(delay),
        )
        .up_to_n_times(times)
        .mount(server)
        .await;
}

/// Every API GET answers 200, whatever the token (the test reads the tokens sent).
async fn mount_api(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"meta": {}, "data": []})))
        .mount(server)
        .await;
}

async fn token_requests(server: &MockServer) -> usize {
    received(server)
        .await
        .iter()
        .filter(|r| r.url.path() == "/oauth2/token")
        .count()
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

/// Waits (real time, bounded) until `done` holds.
async fn eventually<F, Fut>(what: &str, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    tokio::time::timeout(Duration::from_secs(10), async {
        while !done().await {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .unwrap_or_else(|_| panic!("timed out waiting until {what}"));
}

fn builder(server: &MockServer) -> pokitdok::PokitDokBuilder {
    PokitDok::builder()
        .client_id(CLIENT_ID)
        .client_secret(CLIENT_SECRET)
        .base_url(server.uri())
}

async fn calls(pd: &PokitDok, n: usize) -> Vec<pokitdok::Result<()>> {
    let handles: Vec<_> = (0..n)
        .map(|_| {
            let pd = pd.clone();
            tokio::spawn(async move { pd.get("/activities/").await.map(|_| ()) })
        })
        .collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.expect("no caller panics"));
    }
    out
}

// Case 7: proactive refresh inside the skew window, on a moved clock.
#[tokio::test]
async fn a_stale_token_keeps_serving_while_exactly_one_background_refresh_runs() {
    let server = MockServer::start().await;
    mount_token(&server, "tok-a", 1, Duration::ZERO).await;
    // The refresh is slow: the callers below must not wait for it.
    mount_token(&server, "tok-b", 1, Duration::from_millis(1500)).await;
    mount_api(&server).await;
    let pd = builder(&server).build().unwrap();
    assert_eq!(pokitdok::DEFAULT_REFRESH_SKEW, Duration::from_secs(240));

    pd.get("/activities/").await.unwrap();
    // One second before the refresh point (3600 s - 240 s): fresh, no token request.
    jump(Duration::from_secs(3359)).await;
    pd.get("/activities/").await.unwrap();
    assert_eq!(token_requests(&server).await, 1);

    // Past the refresh point: 20 callers are all served at once with the old token.
    jump(Duration::from_secs(2)).await;
    let started = std::time::Instant::now();
    for r in calls(&pd, 20).await {
        r.unwrap();
    }
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "the callers did not wait for the refresh ({:?})",
        started.elapsed()
    );
    assert_eq!(pd.token().unwrap().access_token(), "tok-a");

    eventually("the background refresh stored tok-b", || async {
        pd.token().unwrap().access_token() == "tok-b"
    })
    .await;
    pd.get("/activities/").await.unwrap();
    assert_eq!(token_requests(&server).await, 2, "exactly one refresh");
    let mut expected = vec!["Bearer tok-a".to_owned(); 22];
    expected.push("Bearer tok-b".to_owned());
    assert_eq!(bearers(&server).await, expected);
}

// Case 2: 100 concurrent calls with an expired token make exactly one token request. The token
// counts as expired 10 s before its expiry.
#[tokio::test]
async fn a_hundred_callers_with_an_expired_token_share_one_token_request() {
    let server = MockServer::start().await;
    mount_token(&server, "tok-a", 1, Duration::ZERO).await;
    mount_token(&server, "tok-b", 1, Duration::from_millis(300)).await;
    mount_api(&server).await;
    let pd = builder(&server).build().unwrap();
    pd.fetch_access_token().await.unwrap();
    // 9 s before the expiry: inside the safety margin, so no caller may send tok-a.
    jump(Duration::from_secs(3591)).await;
    for r in calls(&pd, 100).await {
        r.unwrap();
    }
    assert_eq!(token_requests(&server).await, 2);
    let sent = bearers(&server).await;
    assert_eq!(sent.len(), 100);
    assert!(sent.iter().all(|b| b == "Bearer tok-b"), "{sent:?}");
}

// Case 29: the caller whose call started the token request is dropped mid-request; the request
// completes and the next caller gets its token, without a second token request.
#[tokio::test]
async fn a_dropped_caller_does_not_cancel_the_token_request() {
    let server = MockServer::start().await;
    mount_token(&server, "tok", 1, Duration::from_millis(500)).await;
    mount_api(&server).await;
    let announced = Arc::new(AtomicUsize::new(0));
    let a2 = announced.clone();
    let pd = builder(&server)
        .on_token(move |_| {
            a2.fetch_add(1, Ordering::SeqCst);
        })
        .build()
        .unwrap();
    let first = {
        let pd = pd.clone();
        tokio::spawn(async move { pd.get("/activities/").await })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    first.abort();
    assert!(first.await.unwrap_err().is_cancelled());

    pd.get("/activities/").await.unwrap();
    assert_eq!(token_requests(&server).await, 1);
    assert_eq!(announced.load(Ordering::SeqCst), 1);
    assert_eq!(bearers(&server).await, ["Bearer tok"]);
}

// Callers whose deadlines are shorter than the token endpoint's latency never leave the others
// without a token, and never make it send more than one token request.
#[tokio::test]
async fn callers_with_tiny_deadlines_do_not_starve_later_callers() {
    let server = MockServer::start().await;
    mount_token(&server, "tok", 1, Duration::from_millis(400)).await;
    mount_api(&server).await;
    let pd = builder(&server).build().unwrap();
    for _ in 0..10 {
        let r = tokio::time::timeout(Duration::from_millis(20), pd.get("/activities/")).await;
        assert!(
            r.is_err(),
            "a 20 ms deadline cannot get a token that takes 400 ms"
        );
    }
    pd.get("/activities/").await.unwrap();
    assert_eq!(token_requests(&server).await, 1);
    assert_eq!(bearers(&server).await, ["Bearer tok"]);
}

// Case 43: expiry follows the monotonic clock. A saved token's absolute `expires` is converted
// once, when the client is built: moving the Tokio clock past it refreshes although the system
// clock says the token still has an hour.
#[tokio::test]
async fn expiry_follows_the_monotonic_clock_not_the_system_clock() {
    let server = MockServer::start().await;
    mount_token(&server, "tok-new", 1, Duration::ZERO).await;
    mount_api(&server).await;
    let saved: Token = serde_json::from_value(json!({
        "access_token": "tok-saved",
        "expires": std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() + 3600,
    }))
    .unwrap();
    let pd = builder(&server).token(saved).build().unwrap();
    pd.get("/activities/").await.unwrap();
    assert_eq!(token_requests(&server).await, 0);

    jump(Duration::from_secs(3600)).await;
    let held = pd.token().unwrap();
    assert!(
        !held.is_expired() && held.expires_in().unwrap() > Duration::from_secs(3000),
        "the system clock did not move"
    );
    pd.get("/activities/").await.unwrap();
    assert_eq!(token_requests(&server).await, 1);
    assert_eq!(
        bearers(&server).await,
        ["Bearer tok-saved", "Bearer tok-new"]
    );
}

// Failures back off: a revoked secret does not turn many callers into a token-request storm.
// The first failure backs off 0.5-1 s, the second 1-2 s; meanwhile every caller gets the last
// error at once.
#[tokio::test]
async fn failed_token_requests_back_off_instead_of_storming_the_endpoint() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"error": "invalid_client"}))
                .set_delay(Duration::from_millis(100)),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let pd = builder(&server).build().unwrap();
    let refused = |r: &pokitdok::Result<()>| {
        matches!(r, Err(Error::Auth { status: Some(s), error: Some(e), .. })
            if *s == StatusCode::UNAUTHORIZED && e == "invalid_client")
    };

    let first = calls(&pd, 100).await;
    assert!(first.iter().all(refused), "{first:?}");
    assert_eq!(
        token_requests(&server).await,
        1,
        "one request for 100 callers"
    );

    // During the backoff: the same error at once, no request.
    for _ in 0..100 {
        let r = tokio::time::timeout(Duration::from_millis(50), pd.get("/activities/"))
            .await
            .expect("answered at once")
            .map(|_| ());
        assert!(refused(&r), "{r:?}");
    }
    assert!(refused(&pd.fetch_access_token().await.map(|_| ())));
    assert_eq!(token_requests(&server).await, 1);

    // After the first backoff (at most 1 s): one more request, then backing off again.
    jump(Duration::from_secs(1)).await;
    assert!(refused(&pd.get("/activities/").await.map(|_| ())));
    assert_eq!(token_requests(&server).await, 2);
    for r in calls(&pd, 50).await {
        assert!(refused(&r));
    }
    assert_eq!(token_requests(&server).await, 2);

    // The second backoff is at least 1 s...
    jump(Duration::from_millis(500)).await;
    assert!(refused(&pd.get("/activities/").await.map(|_| ())));
    assert_eq!(token_requests(&server).await, 2);
    // ...and at most 2 s.
    jump(Duration::from_millis(1500)).await;
    assert!(refused(&pd.get("/activities/").await.map(|_| ())));
    assert_eq!(token_requests(&server).await, 3);
}

// A stale but valid token keeps serving while background refreshes fail; the next attempt waits
// for the backoff; once the endpoint recovers the new token is used.
#[tokio::test]
async fn a_valid_token_keeps_serving_while_background_refreshes_fail() {
    let server = MockServer::start().await;
    mount_token(&server, "tok-a", 1, Duration::ZERO).await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    mount_token(&server, "tok-b", 1, Duration::ZERO).await;
    mount_api(&server).await;
    let pd = builder(&server).build().unwrap();
    pd.get("/activities/").await.unwrap();

    jump(Duration::from_secs(3400)).await; // stale: 200 s left
    pd.get("/activities/").await.unwrap();
    eventually("the first background refresh failed", || async {
        token_requests(&server).await == 2
    })
    .await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    for r in calls(&pd, 20).await {
        r.unwrap();
    }
    assert_eq!(token_requests(&server).await, 2, "backing off");

    jump(Duration::from_secs(1)).await;
    pd.get("/activities/").await.unwrap();
    eventually("the second background refresh failed", || async {
        token_requests(&server).await == 3
    })
    .await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    pd.get("/activities/").await.unwrap();
    assert_eq!(token_requests(&server).await, 3, "backing off again");

    jump(Duration::from_secs(2)).await;
    pd.get("/activities/").await.unwrap();
    eventually("the third background refresh stored tok-b", || async {
        pd.token().unwrap().access_token() == "tok-b"
    })
    .await;
    pd.get("/activities/").await.unwrap();
    assert_eq!(token_requests(&server).await, 4);
    let sent = bearers(&server).await;
    assert_eq!(sent.last().unwrap(), "Bearer tok-b");
    assert!(sent[..sent.len() - 1].iter().all(|b| b == "Bearer tok-a"));
}

// A 401 on a stale token while a background refresh runs: the replay joins that refresh.
#[tokio::test]
async fn a_refused_token_waits_for_the_refresh_under_way() {
    let server = MockServer::start().await;
    mount_token(&server, "tok-a", 1, Duration::ZERO).await;
    mount_token(&server, "tok-b", 1, Duration::from_millis(300)).await;
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .and(wiremock::matchers::bearer_token("tok-a"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "Unauthorized"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .and(wiremock::matchers::bearer_token("tok-b"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"meta": {}, "data": []})))
        .mount(&server)
        .await;
    let pd = builder(&server).build().unwrap();
    pd.fetch_access_token().await.unwrap();
    jump(Duration::from_secs(3400)).await;
    // Sent with tok-a (stale, starting the refresh), refused, replayed with tok-b.
    pd.get("/activities/").await.unwrap();
    assert_eq!(token_requests(&server).await, 2);
    assert_eq!(bearers(&server).await, ["Bearer tok-a", "Bearer tok-b"]);
}
