//! Retries, outcome-unknown claims, byte-identical resends, the deadline, the body cap and the
//! redirect policy (RELIABILITY.md §5 cases 22–26, 28, 30, 36). Raw TCP servers on the test's
//! runtime where a network must misbehave; paused clocks where delays are asserted.

mod common;
#[path = "support/raw.rs"]
mod raw;

use std::time::Duration;

use pokitdok::models::X12File;
use pokitdok::{Error, Multipart, PokitDok, RetryPolicy, StatusCode, TimeoutPhase, Token};
use raw::{RawServer, Received, Reply, activity, client_for};
use serde_json::json;
use tokio::time::Instant;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PATIENT: &str = "SENTINEL-PATIENT-ROE";

fn claim_body() -> serde_json::Value {
    json!({"transaction_code": "chargeable", "trading_partner_id": "MOCKPAYER",
           "subscriber": {"first_name": PATIENT, "member_id": "W000000000"},
           "claim": {"service_lines": []},
           "application_data": {"patient_id": "SENTINEL-APP-ID", "location_id": 123}})
}

fn unavailable() -> Reply {
    Reply::status(503, json!({"message": "Service Unavailable"}))
}

/// The gaps between consecutive requests.
fn gaps(requests: &[Received]) -> Vec<Duration> {
    requests.windows(2).map(|w| w[1].at - w[0].at).collect()
}

// ---- case 22: a GET after 5xx and resets: capped exponential backoff with full jitter ----

#[tokio::test(start_paused = true)]
async fn a_get_is_retried_after_503s_with_full_jitter_backoff() {
    // 503, 503, then 200, for every call.
    let server = RawServer::start(|n, _| {
        if n % 3 == 2 {
            Reply::ok(json!({"meta": {}, "data": [1]}))
        } else {
            unavailable()
        }
    })
    .await;
    let pd = client_for(&server.url()).build().unwrap();
    let calls = 20;
    for _ in 0..calls {
        let r = pd.get("/tradingpartners/").send().await.unwrap();
        assert_eq!(r.data, json!([1]));
    }
    let requests = server.received();
    assert_eq!(requests.len(), 3 * calls, "3 attempts per call");
    let (mut first, mut second) = (Vec::new(), Vec::new());
    for call in requests.chunks(3) {
        let g = gaps(call);
        first.push(g[0]);
        second.push(g[1]);
    }
    // Full jitter: the n-th retry waits between zero and 500 ms × 2ⁿ⁻¹.
    assert!(
        first.iter().all(|d| *d <= Duration::from_millis(500)),
        "{first:?}"
    );
    assert!(
        second.iter().all(|d| *d <= Duration::from_secs(1)),
        "{second:?}"
    );
    let mean = |v: &[Duration]| v.iter().sum::<Duration>() / v.len() as u32;
    assert!(
        (Duration::from_millis(100)..=Duration::from_millis(400)).contains(&mean(&first)),
        "the first delay averages about 250 ms: {first:?}"
    );
    assert!(
        second.iter().any(|d| *d > Duration::from_millis(500)),
        "the second step is twice as long: {second:?}"
    );
    assert!(
        first.iter().collect::<std::collections::HashSet<_>>().len() > 1,
        "jittered"
    );
}

#[tokio::test(start_paused = true)]
async fn a_get_is_retried_after_a_reset_and_a_truncated_answer() {
    let server = RawServer::start(|n, _| match n {
        // Reset after reading the request, then a connection closed mid-answer.
        0 => Reply::ResetAfter(Vec::new()),
        1 => Reply::Raw(b"HTTP/1.1 200 OK\r\ncontent-length: 50\r\n\r\n{\"data\"".to_vec()),
        _ => Reply::ok(json!({"data": {"ok": true}})),
    })
    .await;
    let pd = client_for(&server.url()).build().unwrap();
    let r = pd.get("/ssl/").send().await.unwrap();
    assert_eq!(r.data["ok"], true);
    assert_eq!(server.received().len(), 3);
}

#[tokio::test(start_paused = true)]
async fn attempts_and_a_500_follow_the_policy() {
    let server = RawServer::start(|_, r| match r.path() {
        "/api/v4/busy/" => unavailable(),
        _ => Reply::status(500, json!({"message": "boom"})),
    })
    .await;
    let pd = client_for(&server.url())
        .retry(RetryPolicy::default().max_attempts(5))
        .build()
        .unwrap();
    let e = pd.get("/busy/").send().await.unwrap_err();
    assert_eq!(e.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert!(e.is_safe_to_retry());
    assert_eq!(server.to("/api/v4/busy/").len(), 5);
    // Per request: none.
    pd.get("/busy/")
        .retry(RetryPolicy::none())
        .send()
        .await
        .unwrap_err();
    assert_eq!(server.to("/api/v4/busy/").len(), 6);
    // A 500 of a GET is not retried (only 408, 429, 502, 503, 504 are).
    let e = pd.get("/broken/").send().await.unwrap_err();
    assert_eq!(e.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(server.to("/api/v4/broken/").len(), 1);
}

#[tokio::test(start_paused = true)]
async fn retry_after_is_honoured_and_a_long_one_is_not_slept_on() {
    let server = RawServer::start(|n, r| match (r.path(), n) {
        ("/api/v4/soon/", 0) => Reply::Json(503, vec!["Retry-After: 7".into()], "{}".into()),
        ("/api/v4/soon/", _) => Reply::ok(json!({"data": 1})),
        _ => Reply::Json(503, vec!["Retry-After: 3600".into()], "{}".into()),
    })
    .await;
    let pd = client_for(&server.url()).build().unwrap();
    pd.get("/soon/").send().await.unwrap();
    let soon = server.to("/api/v4/soon/");
    assert_eq!(
        gaps(&soon),
        [Duration::from_secs(7)],
        "Retry-After, exactly"
    );

    let started = Instant::now();
    let e = pd.get("/later/").send().await.unwrap_err();
    assert_eq!(e.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(
        server.to("/api/v4/later/").len(),
        1,
        "beyond max_delay: given up"
    );
    assert!(
        Instant::now() - started < Duration::from_secs(1),
        "no sleep"
    );
}

#[tokio::test(start_paused = true)]
async fn the_retry_budget_runs_dry_and_then_errors_are_returned_at_once() {
    let server = RawServer::start(|_, _| unavailable()).await;
    // Two retries' worth of tokens (a retry costs 5).
    let pd = client_for(&server.url()).retry_budget(10).build().unwrap();
    let clone = pd.clone();
    pd.get("/a/").send().await.unwrap_err();
    assert_eq!(
        server.received().len(),
        3,
        "two retries taken from the budget"
    );
    // The budget is shared by clones: now empty, so no retry.
    clone.get("/a/").send().await.unwrap_err();
    assert_eq!(server.received().len(), 4, "budget empty: one attempt only");
}

// ---- case 23: a claim POST that timed out after the body was sent ----

#[tokio::test(start_paused = true)]
async fn a_claim_that_timed_out_after_sending_is_outcome_unknown_and_sent_once() {
    let server = RawServer::start(|_, _| Reply::Hang).await;
    let pd = client_for(&server.url())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let e = pd
        .post("/claims/")
        .json(&claim_body())
        .send()
        .await
        .unwrap_err();
    let Error::OutcomeUnknown {
        application_data,
        source,
        ..
    } = &e
    else {
        panic!("expected OutcomeUnknown, got {e:?}");
    };
    assert_eq!(
        application_data.as_ref().unwrap(),
        &json!({"patient_id": "SENTINEL-APP-ID", "location_id": 123})
    );
    assert!(
        matches!(
            **source,
            Error::Timeout {
                phase: TimeoutPhase::Request,
                ..
            }
        ),
        "{source:?}"
    );
    assert!(!e.is_safe_to_retry() && !e.is_retryable());
    assert!(e.is_transient());
    assert_eq!(server.to("/api/v4/claims/").len(), 1, "exactly one claim");
    // Debug shows the keys of application_data, never its values; Display no value either.
    let shown = format!("{e} {e:?} {e:#?}");
    assert!(shown.contains("patient_id"), "{shown}");
    for secret in ["SENTINEL-APP-ID", PATIENT, raw::TOKEN] {
        assert!(!shown.contains(secret), "{secret} leaked: {shown}");
    }
}

// ---- case 24: 500, 502 or a reset mid-response on a claim ----

#[tokio::test(start_paused = true)]
async fn a_claim_answered_5xx_or_reset_mid_response_is_received_once() {
    type Case = (&'static str, fn() -> Reply);
    let cases: Vec<Case> = vec![
        ("500", || {
            Reply::status(500, json!({"message": "Internal Server Error"}))
        }),
        ("502", || {
            Reply::Raw(b"HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/html\r\ncontent-length: 11\r\n\r\n<html>502</html>".to_vec())
        }),
        ("504", || Reply::status(504, json!({}))),
        ("reset mid-response", || {
            Reply::ResetAfter(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{\"meta\": {\"activity_id\""
                    .to_vec(),
            )
        }),
        ("reset after reading the claim", || {
            Reply::ResetAfter(Vec::new())
        }),
    ];
    for (name, reply) in cases {
        let server = RawServer::start(move |_, _| reply()).await;
        let pd = client_for(&server.url()).build().unwrap();
        let e = pd
            .post("/claims/")
            .json(&claim_body())
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(e, Error::OutcomeUnknown { .. }),
            "{name}: expected OutcomeUnknown, got {e:?}"
        );
        assert!(!e.is_safe_to_retry(), "{name}");
        assert_eq!(
            server.to("/api/v4/claims/").len(),
            1,
            "{name}: one claim received"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn typed_claims_are_outcome_unknown_too_and_the_source_keeps_the_status() {
    let server = RawServer::start(|_, _| Reply::status(503, json!({"message": "busy"}))).await;
    let pd = client_for(&server.url()).build().unwrap();
    let claim: pokitdok::models::claims::ClaimRequest =
        serde_json::from_value(common::fixture("claims.request.json")).unwrap();
    let e = pd.claims(&claim).await.unwrap_err();
    assert!(matches!(&e, Error::OutcomeUnknown { source, .. }
        if matches!(**source, Error::Api { status, .. } if status == StatusCode::SERVICE_UNAVAILABLE)));
    assert_eq!(e.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(server.to("/api/v4/claims/").len(), 1);
}

// ---- case 25: a claim POST that never reached the server may be retried ----

#[tokio::test(start_paused = true)]
async fn a_claim_whose_connection_was_refused_is_retried_and_received_once() {
    // A port that refuses connections for the first 100 ms, then serves.
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = probe.local_addr().unwrap();
    drop(probe);
    let url = format!("http://{addr}");
    let pd = client_for(&url)
        .retry(RetryPolicy::default().max_attempts(10))
        .build()
        .unwrap();
    let server = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
        RawServer::on(listener, |_, _| Reply::ok(activity("a1")))
    });
    let r = pd
        .post("/claims/")
        .json(&claim_body())
        .send()
        .await
        .unwrap();
    assert_eq!(r.data["id"], "a1");
    let server = server.await.unwrap();
    assert_eq!(server.to("/api/v4/claims/").len(), 1, "at most one claim");
}

#[tokio::test(start_paused = true)]
async fn a_claim_to_a_closed_port_fails_as_not_sent_and_safe_to_retry() {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", probe.local_addr().unwrap());
    drop(probe);
    let pd = client_for(&url).build().unwrap();
    let e = pd
        .post("/claims/")
        .json(&claim_body())
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");
    assert!(
        e.is_connect() && e.is_safe_to_retry(),
        "never reached the server"
    );
}

// ---- case 26: 401, refresh, replay: one claim accepted ----

#[tokio::test]
async fn a_claim_refused_with_401_is_replayed_once_with_a_new_token() {
    let server = MockServer::start().await;
    for t in ["tok-1", "tok-2"] {
        Mock::given(method("POST"))
            .and(path("/oauth2/token"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"access_token": t, "expires_in": 3600})),
            )
            .up_to_n_times(1)
            .mount(&server)
            .await;
    }
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/"))
        .and(wiremock::matchers::bearer_token("tok-1"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "Unauthorized"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/"))
        .and(wiremock::matchers::bearer_token("tok-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(activity("a2")))
        .expect(1)
        .mount(&server)
        .await;
    let pd = common::client(&server);
    let r = pd
        .post("/claims/")
        .json(&claim_body())
        .send()
        .await
        .unwrap();
    assert_eq!(r.data["id"], "a2");
    let claims: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/api/v4/claims/")
        .collect();
    assert_eq!(claims.len(), 2);
    assert_eq!(
        claims[0].body, claims[1].body,
        "the replay is byte for byte"
    );
}

// ---- case 28: byte-identical bodies on every attempt, multipart included ----

#[tokio::test(start_paused = true)]
async fn every_attempt_sends_the_same_bytes_json_and_multipart() {
    let server = RawServer::start(|n, _| {
        if n % 3 == 2 {
            Reply::ok(activity("f1"))
        } else {
            unavailable()
        }
    })
    .await;
    let pd = client_for(&server.url()).build().unwrap();
    // A PUT is retried by default.
    pd.put("/schedule/appointments/abc")
        .json(&json!({"description": PATIENT}))
        .send()
        .await
        .unwrap();
    // A multipart upload (a POST) only by request.
    let file = X12File::from_bytes("batch.837", b"ISA*00*SENTINEL~".to_vec());
    pd.upload_x12_file("MOCKPAYER", &file, None)
        .retry_unsafe()
        .await
        .unwrap();
    let form = Multipart::new()
        .text("trading_partner_id", "MOCKPAYER")
        .file("file", "x.837", "application/EDI-X12", b"ISA*~".to_vec());
    pd.post("/files/")
        .upload(form)
        .retry_unsafe()
        .send()
        .await
        .unwrap();
    let requests = server.received();
    assert_eq!(requests.len(), 9);
    for attempts in requests.chunks(3) {
        for r in attempts {
            assert_eq!(r.body, attempts[0].body, "byte for byte on every attempt");
            assert_eq!(r.header("content-type"), attempts[0].header("content-type"));
        }
        assert!(!attempts[0].body.is_empty());
    }
}

#[tokio::test(start_paused = true)]
async fn a_one_shot_reqwest_form_is_never_resent() {
    let server = RawServer::start(|_, _| unavailable()).await;
    let pd = client_for(&server.url()).build().unwrap();
    let form = reqwest::multipart::Form::new().text("a", "b");
    let e = pd
        .post("/files/")
        .multipart(form)
        .retry_unsafe()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::OutcomeUnknown { .. }), "{e:?}");
    assert_eq!(server.received().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn retry_unsafe_retries_a_post_and_still_reports_an_unknown_outcome() {
    let server = RawServer::start(|_, _| unavailable()).await;
    let pd = client_for(&server.url()).build().unwrap();
    let e = pd
        .post("/identity/match")
        .json(&json!({"x": 1}))
        .retry_unsafe()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::OutcomeUnknown { .. }), "{e:?}");
    assert_eq!(server.received().len(), 3);
}

// ---- case 30 and the deadline ----

fn drip() -> Reply {
    Reply::Drip {
        head: "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n"
            .into(),
        body: vec![b' '; 1000],
        step: 1,
        every: Duration::from_millis(100),
    }
}

#[tokio::test(start_paused = true)]
async fn a_slow_drip_body_is_cut_by_the_per_attempt_timeout() {
    let server = RawServer::start(|_, _| drip()).await;
    let pd = client_for(&server.url())
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    let started = Instant::now();
    let e = pd
        .get("/slow/")
        .retry(RetryPolicy::none())
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Timeout {
                phase: TimeoutPhase::Request,
                ..
            }
        ),
        "{e:?}"
    );
    let took = Instant::now() - started;
    assert!(
        took >= Duration::from_secs(2) && took < Duration::from_secs(3),
        "{took:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn the_deadline_bounds_every_attempt_and_the_backoff() {
    let server = RawServer::start(|_, _| drip()).await;
    let pd = client_for(&server.url())
        .timeout(Duration::from_secs(4))
        .retry(
            RetryPolicy::default()
                .max_attempts(10)
                .deadline(Duration::from_secs(10)),
        )
        .build()
        .unwrap();
    let started = Instant::now();
    let e = pd.get("/slow/").send().await.unwrap_err();
    let took = Instant::now() - started;
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
    assert!(
        took <= Duration::from_secs(10) + Duration::from_millis(50),
        "{took:?}"
    );
    assert!(
        took >= Duration::from_secs(8),
        "it tried until close to the deadline: {took:?}"
    );
    let attempts = server.received().len();
    assert!(
        (2..=3).contains(&attempts),
        "{attempts} attempts of at most 4 s in 10 s"
    );
    // The same with a claim: the deadline during a sent POST is an unknown outcome.
    let e = pd
        .post("/claims/")
        .json(&claim_body())
        .send()
        .await
        .unwrap_err();
    assert!(matches!(&e, Error::OutcomeUnknown { .. }), "{e:?}");
    assert_eq!(server.to("/api/v4/claims/").len(), 1);
}

#[tokio::test(start_paused = true)]
async fn the_deadline_covers_a_slow_token_request_and_slow_attempts() {
    let server = RawServer::start(|_, r| match r.path() {
        "/oauth2/token" => Reply::After(
            Duration::from_secs(6),
            Box::new(Reply::ok(
                json!({"access_token": "slow-token", "token_type": "bearer", "expires_in": 3600}),
            )),
        ),
        _ => Reply::After(
            Duration::from_secs(6),
            Box::new(Reply::ok(json!({"data": 1}))),
        ),
    })
    .await;
    let pd = PokitDok::builder()
        .client_id("id")
        .client_secret("secret")
        .base_url(server.url())
        .retry(RetryPolicy::default().deadline(Duration::from_secs(10)))
        .build()
        .unwrap();
    let started = Instant::now();
    let e = pd.get("/activities/").send().await.unwrap_err();
    let took = Instant::now() - started;
    // 6 s for the token, then the attempt is cut at the 10 s deadline.
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
    assert!(
        took <= Duration::from_secs(10) + Duration::from_millis(50),
        "{took:?}"
    );
    assert!(e.is_safe_to_retry(), "a GET may be sent again");

    // A token request slower than the whole deadline: a token-phase timeout at the deadline.
    let pd = PokitDok::builder()
        .client_id("id")
        .client_secret("secret")
        .base_url(server.url())
        .retry(RetryPolicy::none().deadline(Duration::from_secs(3)))
        .build()
        .unwrap();
    let started = Instant::now();
    let e = pd.get("/activities/").send().await.unwrap_err();
    assert!(
        matches!(
            e,
            Error::Timeout {
                phase: TimeoutPhase::Token,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(Instant::now() - started <= Duration::from_secs(3) + Duration::from_millis(50));
}

// ---- case 36 (bodies): the response size cap ----

#[tokio::test(start_paused = true)]
async fn answers_larger_than_the_cap_are_refused_with_a_clear_error() {
    let big = format!("{{\"data\": \"{}\"}}", "x".repeat(4000));
    let chunked = {
        let body = big.clone();
        move || {
            let mut raw = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
            for c in body.as_bytes().chunks(500) {
                raw.extend_from_slice(format!("{:x}\r\n", c.len()).as_bytes());
                raw.extend_from_slice(c);
                raw.extend_from_slice(b"\r\n");
            }
            raw.extend_from_slice(b"0\r\n\r\n");
            raw
        }
    };
    let (big_json, small) = (big.clone(), r#"{"data": "fits"}"#.to_owned());
    let server = RawServer::start(move |_, r| match r.path() {
        "/api/v4/big/" => Reply::Json(200, Vec::new(), big_json.clone()),
        "/api/v4/chunked/" => Reply::Raw(chunked()),
        "/api/v4/error/" => Reply::Json(500, Vec::new(), big_json.clone()),
        "/api/v4/claims/" => Reply::Json(200, Vec::new(), big_json.clone()),
        _ => Reply::Json(200, Vec::new(), small.clone()),
    })
    .await;
    let pd = client_for(&server.url())
        .max_response_size(1024)
        .build()
        .unwrap();
    for p in ["/big/", "/chunked/", "/error/"] {
        let e = pd.get(p).send().await.unwrap_err();
        match &e {
            Error::ResponseTooLarge { limit, .. } => assert_eq!(*limit, 1024),
            other => panic!("{p}: expected ResponseTooLarge, got {other:?}"),
        }
        assert!(e.to_string().contains("1024"), "{e}");
        assert!(!e.is_safe_to_retry());
    }
    assert_eq!(
        pd.get("/error/").send().await.unwrap_err().status(),
        Some(StatusCode::INTERNAL_SERVER_ERROR)
    );
    // Not retried (the same answer would come back).
    assert_eq!(server.to("/api/v4/big/").len(), 1);
    assert_eq!(server.to("/api/v4/chunked/").len(), 1);
    // Under the cap: fine.
    assert_eq!(pd.get("/small/").send().await.unwrap().data, "fits");
    // A claim whose (2xx) answer is too large was accepted, but which activity is unknown.
    let e = pd
        .post("/claims/")
        .json(&claim_body())
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::OutcomeUnknown { source, .. }
        if matches!(**source, Error::ResponseTooLarge { .. })),
        "{e:?}"
    );
    // The default cap is 32 MiB.
    assert_eq!(pokitdok::DEFAULT_MAX_RESPONSE_SIZE, 32 * 1024 * 1024);
    let pd = client_for(&server.url()).build().unwrap();
    pd.get("/big/").send().await.unwrap();
}

// ---- the redirect policy of a caller's reqwest builder ----

#[tokio::test]
async fn a_307_on_a_claim_is_not_followed_even_with_a_redirecting_builder() {
    let elsewhere = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(activity("stolen")))
        .expect(0)
        .mount(&elsewhere)
        .await;
    let server = MockServer::start().await;
    for code in [307, 308] {
        Mock::given(method("POST"))
            .and(path(format!("/api/v4/claims/{code}").as_str()))
            .respond_with(
                ResponseTemplate::new(code)
                    .insert_header("location", format!("{}/steal", elsewhere.uri()).as_str()),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    let pd = PokitDok::builder()
        .base_url(server.uri())
        .token(Token::new("tok", Some(Duration::from_secs(3600))))
        .http_client(reqwest::Client::builder().redirect(reqwest::redirect::Policy::limited(10)))
        .build()
        .unwrap();
    for code in [307, 308] {
        let e = pd
            .post(format!("/claims/{code}"))
            .json(&claim_body())
            .send()
            .await
            .unwrap_err();
        assert_eq!(e.status().map(|s| s.as_u16()), Some(code), "{e:?}");
    }
    assert!(
        elsewhere.received_requests().await.unwrap().is_empty(),
        "the other host saw nothing"
    );
}

// ---- the predicates ----

#[tokio::test(start_paused = true)]
async fn is_retryable_never_leads_a_caller_into_resending_a_claim() {
    let server = RawServer::start(|_, r| match r.path() {
        "/api/v4/claims/" => Reply::status(502, json!({})),
        _ => Reply::status(502, json!({})),
    })
    .await;
    let pd = client_for(&server.url()).build().unwrap();
    let claim = pd
        .post("/claims/")
        .json(&claim_body())
        .send()
        .await
        .unwrap_err();
    let get = pd.get("/claims/").send().await.unwrap_err();
    assert!(!claim.is_retryable() && !claim.is_safe_to_retry() && claim.is_transient());
    assert!(get.is_retryable() && get.is_safe_to_retry() && get.is_transient());
}

// ---- case 29 (the pipeline's part): a dropped call stops its retries ----

#[tokio::test(start_paused = true)]
async fn a_dropped_call_stops_retrying_at_once() {
    // Retry-After makes the backoff exactly 5 s.
    let server =
        RawServer::start(|_, _| Reply::Json(503, vec!["Retry-After: 5".into()], "{}".into())).await;
    let pd = client_for(&server.url())
        .retry(
            RetryPolicy::default()
                .max_attempts(10)
                .base_delay(Duration::from_secs(5))
                .max_delay(Duration::from_secs(5)),
        )
        .build()
        .unwrap();
    // Dropped during the first backoff sleep.
    let call = pd.get("/busy/").send();
    let cut = tokio::time::timeout(Duration::from_secs(1), call).await;
    assert!(cut.is_err());
    tokio::time::sleep(Duration::from_secs(600)).await;
    assert_eq!(
        server.received().len(),
        1,
        "no attempt after the call was dropped"
    );
}

#[tokio::test(start_paused = true)]
async fn huge_delays_and_deadlines_do_not_overflow() {
    let server = RawServer::start(|n, _| {
        if n == 0 {
            unavailable()
        } else {
            Reply::ok(json!({"data": 1}))
        }
    })
    .await;
    let pd = client_for(&server.url())
        .retry(
            RetryPolicy::default()
                .base_delay(Duration::MAX)
                .max_delay(Duration::MAX)
                .deadline(Duration::MAX),
        )
        .timeout(Duration::MAX)
        .max_requests_per_minute(u32::MAX)
        .build()
        .unwrap();
    // The backoff is some random part of an enormous step: whatever it is, no panic.
    let call = pd.get("/a/").send();
    let _ = tokio::time::timeout(Duration::from_secs(3600), call).await;
}
