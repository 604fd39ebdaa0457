//! Rate limits: the `RateLimitPolicy` for rate-limited 403s (RELIABILITY.md §5 cases 14, 15,
//! 16), the `rate_limit()` counters, and the client-side throttle against the sandbox at its
//! cap.

mod common;
#[path = "support/raw.rs"]
mod raw;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pokitdok::{Error, RateLimitPolicy, RetryPolicy, StatusCode, TimeoutPhase};
use pokitdok_sandbox::Sandbox;
use raw::{RawServer, Reply, client_for};
use serde_json::{Value, json};
use tokio::time::Instant;

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// The platform's rate-limited answer with this `rate_limit_reset` (any JSON value, or none).
fn limited(reset: Option<Value>) -> Reply {
    let mut meta = json!({"rate_limit_amount": 84, "rate_limit_cap": 84});
    if let Some(r) = reset {
        meta["rate_limit_reset"] = r;
    }
    Reply::status(
        403,
        json!({"message": "Forbidden (Rate Limited)", "meta": meta}),
    )
}

fn ok() -> Reply {
    Reply::ok(json!({"meta": {"rate_limit_amount": 1, "rate_limit_cap": 84}, "data": {"ok": true}}))
}

fn waiting(max_wait: u64) -> RateLimitPolicy {
    RateLimitPolicy::Wait {
        max_wait: Duration::from_secs(max_wait),
    }
}

/// A server that rate-limits the first request with `reset` (computed when it answers) and
/// accepts the rest.
async fn limited_once(reset: impl Fn() -> Option<Value> + Send + Sync + 'static) -> RawServer {
    RawServer::start(move |n, _| if n == 0 { limited(reset()) } else { ok() }).await
}

// ---- case 14 ----

#[tokio::test(start_paused = true)]
async fn a_future_reset_is_waited_for_and_the_request_sent_once_more() {
    let server = limited_once(|| Some(json!(unix_now() + 30))).await;
    let pd = client_for(&server.url())
        .rate_limit_policy(waiting(60))
        .build()
        .unwrap();
    let started = Instant::now();
    let r = pd.get("/activities/").send().await.unwrap();
    assert_eq!(r.data["ok"], true);
    let waited = Instant::now() - started;
    assert!(
        waited >= Duration::from_secs(29) && waited <= Duration::from_secs(31),
        "until the reset, plus at most a second: {waited:?}"
    );
    assert_eq!(server.received().len(), 2, "one replay");
}

#[tokio::test(start_paused = true)]
async fn the_error_policy_returns_rate_limited_with_its_reset_at_once() {
    let reset = unix_now() + 30;
    let server = limited_once(move || Some(json!(reset))).await;
    let pd = client_for(&server.url()).build().unwrap();
    let started = Instant::now();
    let e = pd.get("/activities/").send().await.unwrap_err();
    let Error::RateLimited { reset_at, .. } = &e else {
        panic!("expected RateLimited, got {e:?}");
    };
    assert_eq!(
        *reset_at,
        Some(UNIX_EPOCH + Duration::from_secs(reset as u64))
    );
    assert!(e.is_safe_to_retry(), "the platform refused it");
    assert_eq!(Instant::now(), started, "no sleep");
    assert_eq!(
        server.received().len(),
        1,
        "not retried by the retry policy either"
    );
}

#[tokio::test(start_paused = true)]
async fn a_rate_limited_claim_is_replayed_too_the_platform_refused_it() {
    let server = limited_once(|| Some(json!(unix_now() + 2))).await;
    let pd = client_for(&server.url())
        .rate_limit_policy(waiting(10))
        .build()
        .unwrap();
    pd.post("/claims/")
        .json(&json!({"claim": {}}))
        .send()
        .await
        .unwrap();
    let claims = server.to("/api/v4/claims/");
    assert_eq!(claims.len(), 2);
    assert_eq!(claims[0].body, claims[1].body);
}

// ---- case 15 ----

#[tokio::test(start_paused = true)]
async fn a_reset_in_the_past_or_negative_waits_at_most_a_second() {
    for reset in [json!(unix_now() - 100), json!(-5), json!(0)] {
        let r = reset.clone();
        let server = limited_once(move || Some(r.clone())).await;
        let pd = client_for(&server.url())
            .rate_limit_policy(waiting(60))
            .build()
            .unwrap();
        let started = Instant::now();
        pd.get("/activities/").send().await.unwrap();
        let waited = Instant::now() - started;
        assert!(waited <= Duration::from_secs(1), "{reset}: {waited:?}");
        assert_eq!(server.received().len(), 2, "{reset}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_missing_or_non_integer_reset_waits_a_bounded_time_once() {
    let not_integers = [
        None,
        Some(json!("soon")),
        Some(json!(12.5)),
        Some(json!(null)),
        Some(json!(u64::MAX)),
        Some(json!(1e300)),
    ];
    for reset in not_integers {
        let r = reset.clone();
        let server = limited_once(move || r.clone()).await;
        let pd = client_for(&server.url())
            .rate_limit_policy(waiting(10))
            .build()
            .unwrap();
        let started = Instant::now();
        pd.get("/activities/").send().await.unwrap();
        assert_eq!(
            Instant::now() - started,
            Duration::from_secs(10),
            "{reset:?}: min(max_wait, 60 s)"
        );
        assert_eq!(server.received().len(), 2);
    }
    // Without a max_wait below 60 s: the platform's minute.
    let server = limited_once(|| None).await;
    let pd = client_for(&server.url())
        .rate_limit_policy(waiting(600))
        .build()
        .unwrap();
    let started = Instant::now();
    pd.get("/activities/").send().await.unwrap();
    assert_eq!(Instant::now() - started, Duration::from_secs(60));
}

#[tokio::test(start_paused = true)]
async fn a_reset_hours_away_or_absurd_is_returned_at_once_without_sleeping() {
    let absurd = [json!(unix_now() + 3 * 3600), json!(i64::MAX)];
    for reset in absurd {
        let r = reset.clone();
        let server = limited_once(move || Some(r.clone())).await;
        let pd = client_for(&server.url())
            .rate_limit_policy(waiting(60))
            .build()
            .unwrap();
        let started = Instant::now();
        let e = pd.get("/activities/").send().await.unwrap_err();
        assert!(matches!(e, Error::RateLimited { .. }), "{reset}: {e:?}");
        assert_eq!(Instant::now(), started, "{reset}: no sleep");
        assert_eq!(server.received().len(), 1, "{reset}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_reset_beyond_the_deadline_is_not_slept_on() {
    let server = limited_once(|| Some(json!(unix_now() + 30))).await;
    let pd = client_for(&server.url())
        .rate_limit_policy(waiting(60))
        .retry(RetryPolicy::default().deadline(Duration::from_secs(10)))
        .build()
        .unwrap();
    let started = Instant::now();
    let e = pd.get("/activities/").send().await.unwrap_err();
    assert!(matches!(e, Error::RateLimited { .. }), "{e:?}");
    assert_eq!(Instant::now(), started);
}

#[tokio::test(start_paused = true)]
async fn at_most_two_rate_limit_waits_per_call() {
    let server = RawServer::start(|_, _| limited(Some(json!(unix_now() - 1)))).await;
    let pd = client_for(&server.url())
        .rate_limit_policy(waiting(60))
        .build()
        .unwrap();
    let e = pd.get("/activities/").send().await.unwrap_err();
    assert!(matches!(e, Error::RateLimited { .. }));
    assert_eq!(server.received().len(), 3, "the request and two replays");
}

#[tokio::test(start_paused = true)]
async fn a_dropped_call_stops_waiting_and_sends_nothing_more() {
    let server = limited_once(|| Some(json!(unix_now() + 30))).await;
    let pd = client_for(&server.url())
        .rate_limit_policy(waiting(60))
        .build()
        .unwrap();
    let call = pd.get("/activities/").send();
    assert!(
        tokio::time::timeout(Duration::from_secs(5), call)
            .await
            .is_err()
    );
    tokio::time::sleep(Duration::from_secs(120)).await;
    assert_eq!(server.received().len(), 1, "the wait died with the call");
}

// ---- case 16 ----

#[tokio::test(start_paused = true)]
async fn a_403_without_the_rate_limit_message_is_forbidden_and_not_retried() {
    let server = RawServer::start(|_, _| {
        Reply::status(
            403,
            json!({"meta": {"rate_limit_reset": unix_now() + 5},
                   "data": {"errors": {"scope": ["This API requires the OAuth scope user_schedule."]}}}),
        )
    })
    .await;
    let pd = client_for(&server.url())
        .rate_limit_policy(waiting(60))
        .build()
        .unwrap();
    let started = Instant::now();
    let e = pd.get("/schedule/patient/").send().await.unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    assert!(!e.is_safe_to_retry());
    assert_eq!(server.received().len(), 1);
    assert_eq!(Instant::now(), started);
}

// ---- the counters ----

#[tokio::test(start_paused = true)]
async fn rate_limit_reports_the_latest_counters_from_answers_and_errors() {
    let reset = unix_now() + 40;
    let server = RawServer::start(move |n, _| match n {
        0 => Reply::ok(
            json!({"meta": {"rate_limit_amount": 7, "rate_limit_cap": 84,
                                        "rate_limit_reset": reset}, "data": []}),
        ),
        1 => Reply::ok(json!({"data": []})),
        _ => Reply::status(
            403,
            json!({"message": "Forbidden (Rate Limited)",
            "meta": {"rate_limit_amount": 84, "rate_limit_cap": 84, "rate_limit_reset": reset}}),
        ),
    })
    .await;
    let pd = client_for(&server.url()).build().unwrap();
    assert_eq!(pd.rate_limit(), None);
    pd.get("/a/").send().await.unwrap();
    let rl = pd.clone().rate_limit().expect("counters, shared by clones");
    assert_eq!(
        (rl.amount, rl.cap, rl.remaining()),
        (Some(7), Some(84), Some(77))
    );
    assert_eq!(
        rl.reset_at,
        Some(UNIX_EPOCH + Duration::from_secs(reset as u64))
    );
    // An answer without counters leaves them as they were.
    pd.get("/b/").send().await.unwrap();
    assert_eq!(pd.rate_limit().unwrap().amount, Some(7));
    // An error answer updates them.
    pd.get("/c/").send().await.unwrap_err();
    assert_eq!(pd.rate_limit().unwrap().remaining(), Some(0));
}

#[tokio::test(start_paused = true)]
async fn every_kind_of_call_takes_in_the_counters_of_its_answer() {
    // The counters come from the `meta` the decoder reads, from a raw answer's, from a page's,
    // and from the `meta` of an answer that does not decode.
    let server = RawServer::start(move |n, _| {
        let data = match n {
            1 => json!("not a list"),
            4 => json!({}),
            _ => json!([]),
        };
        Reply::ok(json!({"meta": {"rate_limit_amount": n + 1, "rate_limit_cap": 84}, "data": data}))
    })
    .await;
    let pd = client_for(&server.url()).build().unwrap();
    let amount = |pd: &pokitdok::PokitDok| pd.rate_limit().and_then(|r| r.amount);
    pd.get("/a/").send().await.unwrap();
    assert_eq!(amount(&pd), Some(1), "a generic call");
    let e = pd.get("/a/").send_as::<Vec<u32>>().await.unwrap_err();
    assert!(matches!(e, Error::Decode { .. }), "{e:?}");
    assert_eq!(amount(&pd), Some(2), "an answer that does not decode");
    pd.get("/a/").send_raw().await.unwrap();
    assert_eq!(amount(&pd), Some(3), "a raw answer");
    pd.trading_partners().await.unwrap();
    assert_eq!(amount(&pd), Some(4), "a page");
    let req = pokitdok::models::eligibility::EligibilityRequest::new(
        pokitdok::models::Member::new("W000000000", "Jane", "Doe", "1970-01-25"),
        pokitdok::models::Provider::person("1467560003", "JEROME", "AYA-AY"),
        "MOCKPAYER",
    );
    pd.eligibility(&req).await.unwrap();
    assert_eq!(amount(&pd), Some(5), "a typed call");
    assert_eq!(server.received().len(), 5);
}

// ---- the throttle ----

#[tokio::test(start_paused = true)]
async fn the_throttle_counts_retries_and_refuses_at_once_what_cannot_fit_the_deadline() {
    let server = RawServer::start(|n, _| {
        if n == 0 {
            Reply::status(503, json!({}))
        } else {
            Reply::ok(json!({"data": 1}))
        }
    })
    .await;
    let pd = client_for(&server.url())
        .max_requests_per_minute(2)
        .build()
        .unwrap();
    // 503 then 200: both attempts count.
    pd.get("/a/").send().await.unwrap();
    let started = Instant::now();
    let e = pd
        .get("/b/")
        .retry(RetryPolicy::default().deadline(Duration::from_secs(5)))
        .send()
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
    assert!(e.is_safe_to_retry(), "nothing was sent");
    assert_eq!(Instant::now(), started, "failed at once");
    assert_eq!(server.received().len(), 2);
    // With time to wait, the next window opens (the assumed 60 s) and it is sent.
    pd.get("/c/").send().await.unwrap();
    assert!(Instant::now() - started >= Duration::from_secs(59));
    assert_eq!(server.received().len(), 3);
}

#[tokio::test(start_paused = true)]
async fn token_requests_count_against_the_throttle() {
    let server = RawServer::start(|_, r| {
        if r.path() == "/oauth2/token" {
            Reply::ok(json!({"access_token": "fresh", "token_type": "bearer", "expires_in": 3600}))
        } else {
            ok()
        }
    })
    .await;
    let pd = pokitdok::PokitDok::builder()
        .base_url(server.url())
        .client_id("id")
        .client_secret("secret")
        .max_requests_per_minute(2)
        .build()
        .unwrap();
    let started = Instant::now();
    // The token request and the first call fill the window of 2...
    pd.get("/a/").send().await.unwrap();
    assert_eq!(server.to("/oauth2/token").len(), 1);
    assert_eq!(Instant::now(), started);
    // ...so the second call waits for the next window (the assumed 60 s: no reset was sent).
    pd.get("/b/").send().await.unwrap();
    let requests = server.received();
    assert_eq!(requests.len(), 3);
    assert!(
        requests[2].at - started >= Duration::from_secs(59),
        "the second call went out after {:?}: the token request was not counted",
        requests[2].at - started
    );
}

#[tokio::test(start_paused = true)]
async fn the_throttle_follows_the_window_the_platform_describes() {
    // Cap 3 in a window that ends 5 s from the first answer.
    let server = RawServer::start(|n, _| {
        Reply::ok(
            json!({"meta": {"rate_limit_amount": n + 1, "rate_limit_cap": 3,
                                  "rate_limit_reset": unix_now() + 5}, "data": 1}),
        )
    })
    .await;
    let pd = client_for(&server.url())
        .max_requests_per_minute(84)
        .build()
        .unwrap();
    let started = Instant::now();
    for _ in 0..4 {
        pd.get("/a/").send().await.unwrap();
    }
    let requests = server.received();
    let fourth = requests[3].at - started;
    assert!(
        fourth >= Duration::from_secs(4) && fourth <= Duration::from_secs(7),
        "the fourth waits for the platform's window, not the 60 s assumption: {fourth:?}"
    );
    assert!(requests[2].at - started < Duration::from_millis(10));
}

/// The same burst against the sandbox at its cap: how many answers were rate limited.
async fn burst(throttle: Option<u32>) -> (usize, usize) {
    const CAP: u32 = 10;
    let sandbox = Sandbox::builder()
        .rate_limit_cap(CAP)
        .rate_limit_window(Duration::from_secs(2))
        .start()
        .await
        .unwrap();
    let mut builder = sandbox.client_builder();
    if let Some(n) = throttle {
        builder = builder.max_requests_per_minute(n);
    }
    let pd = builder.build().unwrap();
    pd.fetch_access_token().await.unwrap();
    let calls = (0..CAP * 3 / 2).map(|_| {
        let pd = pd.clone();
        tokio::spawn(async move { pd.trading_partners().await })
    });
    let (mut ok, mut limited) = (0, 0);
    for call in futures_util::future::join_all(calls).await {
        match call.unwrap() {
            Ok(_) => ok += 1,
            Err(Error::RateLimited { .. }) => limited += 1,
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    sandbox.shutdown().await;
    (ok, limited)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_throttled_burst_of_one_and_a_half_times_the_cap_gets_no_403() {
    let (ok, limited) = burst(Some(10)).await;
    assert_eq!(
        (ok, limited),
        (15, 0),
        "every call succeeds, none is rate limited"
    );
    // The same burst without the throttle trips the cap (so this test can fail).
    let (ok, limited) = burst(None).await;
    assert_eq!((ok, limited), (10, 5));
}

#[tokio::test]
async fn the_sandbox_counters_are_visible_after_a_call() {
    let sandbox = Sandbox::builder().rate_limit_cap(84).start().await.unwrap();
    let pd = sandbox.client();
    pd.trading_partners().await.unwrap();
    let rl = pd.rate_limit().expect("the sandbox sends the counters");
    assert_eq!((rl.amount, rl.cap), (Some(1), Some(84)));
    assert!(rl.reset_at.unwrap() > SystemTime::now());
    assert_eq!(
        pd.get("/tradingpartners/").send().await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(pd.rate_limit().unwrap().amount, Some(2));
    sandbox.shutdown().await;
}
