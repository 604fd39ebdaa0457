//! Rate limits, credits, fault injection and client isolation in the sandbox.

use std::time::{Duration, Instant, SystemTime};

use pokitdok::{Error, RetryPolicy, StatusCode};
use pokitdok_sandbox::Sandbox;
use serde_json::json;

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[tokio::test]
async fn rate_limit_gives_rate_limited_with_reset_time() -> TestResult {
    let sandbox = Sandbox::builder().rate_limit_cap(3).start().await?;
    let pd = sandbox.client();
    for n in 1..=3 {
        let r = pd.get("/tradingpartners/").send().await?;
        assert_eq!(r.meta.rate_limit_amount, Some(n));
        assert_eq!(r.meta.rate_limit_cap, Some(3));
    }
    match pd.get("/tradingpartners/").send().await {
        Err(e @ Error::RateLimited { .. }) => {
            let Error::RateLimited { reset_at, body, .. } = &e else {
                unreachable!()
            };
            let reset = reset_at.expect("reset_at from meta.rate_limit_reset");
            let wait = reset.duration_since(SystemTime::now()).unwrap_or_default();
            assert!(wait <= Duration::from_secs(61), "{wait:?}");
            assert_eq!(body.message(), Some("Forbidden (Rate Limited)"));
            assert!(e.retry_after().is_some());
            assert!(e.is_retryable());
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn rate_limit_window_resets() -> TestResult {
    let sandbox = Sandbox::builder()
        .rate_limit_cap(1)
        .rate_limit_window(Duration::from_secs(1))
        .start()
        .await?;
    let pd = sandbox.client();
    pd.get("/tradingpartners/").send().await?;
    assert!(matches!(
        pd.get("/tradingpartners/").send().await,
        Err(Error::RateLimited { .. })
    ));
    tokio::time::sleep(Duration::from_millis(1100)).await;
    pd.get("/tradingpartners/").send().await?;
    Ok(())
}

#[tokio::test]
async fn credits_run_out_with_insufficient_credits() -> TestResult {
    let sandbox = Sandbox::builder().credits(2).start().await?;
    let pd = sandbox.client();
    let r = pd.get("/providers/").send().await?;
    assert_eq!(r.meta.credits_billed, Some(1));
    assert_eq!(r.meta.credits_remaining, Some(1));
    pd.get("/mpc/").send().await?;
    match pd.get("/providers/").send().await {
        Err(Error::InsufficientCredits { body, .. }) => {
            assert_eq!(body.message(), Some("Payment Required"));
        }
        other => panic!("expected InsufficientCredits, got {other:?}"),
    }
    // Free operations still work.
    let r = pd.get("/tradingpartners/").send().await?;
    assert_eq!(r.meta.credits_billed, None);
    assert!(sandbox.set_credits(sandbox.client_id(), 5));
    pd.get("/providers/").send().await?;
    assert_eq!(
        sandbox
            .stats(sandbox.client_id())
            .unwrap()
            .credits_remaining,
        4
    );
    Ok(())
}

#[tokio::test]
async fn fail_next_answers_the_status_then_recovers() -> TestResult {
    let sandbox = Sandbox::builder()
        .fail_next(1, StatusCode::SERVICE_UNAVAILABLE)
        .start()
        .await?;
    let pd = sandbox.client();
    // One attempt: the client would retry a 503 of a GET by itself.
    let once = || pd.get("/tradingpartners/").retry(RetryPolicy::none());
    match once().send().await {
        Err(Error::Api { status, body, .. }) => {
            assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
            assert_eq!(body.message(), Some("Service Unavailable"));
        }
        other => panic!("expected Error::Api 503, got {other:?}"),
    }
    pd.get("/tradingpartners/").send().await?;

    // The same knob on a running sandbox.
    sandbox.fail_next(2, StatusCode::BAD_GATEWAY);
    for _ in 0..2 {
        let e = once().send().await.unwrap_err();
        assert_eq!(e.status(), Some(StatusCode::BAD_GATEWAY));
    }
    pd.get("/tradingpartners/").send().await?;
    Ok(())
}

#[tokio::test]
async fn dropped_connections_are_transport_errors() -> TestResult {
    let sandbox = Sandbox::start().await?;
    let pd = sandbox.client();
    pd.fetch_access_token().await?;
    sandbox.drop_next(1);
    // One attempt: the client would retry a dropped GET by itself.
    match pd
        .get("/tradingpartners/")
        .retry(RetryPolicy::none())
        .send()
        .await
    {
        Err(e @ Error::Transport { .. }) => assert!(e.is_retryable()),
        other => panic!("expected Error::Transport, got {other:?}"),
    }
    let r = pd.get("/tradingpartners/").send().await?;
    assert!(r.data.as_array().is_some_and(|l| !l.is_empty()));

    // Configured at start: the first API call is dropped, the token call is not.
    let sandbox = Sandbox::builder().drop_next(1).start().await?;
    let pd = sandbox.client();
    assert!(matches!(
        pd.get("/tradingpartners/")
            .retry(RetryPolicy::none())
            .send()
            .await,
        Err(Error::Transport { .. })
    ));
    pd.get("/tradingpartners/").send().await?;
    Ok(())
}

#[tokio::test]
async fn latency_is_applied() -> TestResult {
    let sandbox = Sandbox::builder()
        .latency(Duration::from_millis(300))
        .start()
        .await?;
    let pd = sandbox.client();
    pd.fetch_access_token().await?;
    let started = Instant::now();
    pd.get("/tradingpartners/").send().await?;
    assert!(started.elapsed() >= Duration::from_millis(300));

    sandbox.set_latency(Duration::ZERO);
    let started = Instant::now();
    pd.get("/tradingpartners/").send().await?;
    assert!(started.elapsed() < Duration::from_millis(300));
    Ok(())
}

#[tokio::test]
async fn clients_are_isolated() -> TestResult {
    let sandbox = Sandbox::builder()
        .rate_limit_cap(2)
        .client("second-app", "second-secret")
        .start()
        .await?;
    let a = sandbox.client();
    let b = sandbox
        .client_builder_for("second-app", "second-secret")
        .build()?;

    // Rate limits are per client.
    a.get("/tradingpartners/").send().await?;
    a.get("/tradingpartners/").send().await?;
    assert!(matches!(
        a.get("/tradingpartners/").send().await,
        Err(Error::RateLimited { .. })
    ));
    let r = b.get("/tradingpartners/").send().await?;
    assert_eq!(r.meta.rate_limit_amount, Some(1));

    // Credits are per client.
    assert!(sandbox.set_credits(sandbox.client_id(), 0));
    let sandbox_b_credits = sandbox.stats("second-app").unwrap().credits_remaining;
    assert!(sandbox_b_credits > 0);

    // Data is per client: b cannot see a's identity.
    let sandbox2 = Sandbox::builder()
        .client("second-app", "second-secret")
        .start()
        .await?;
    let a = sandbox2.client();
    let b = sandbox2
        .client_builder_for("second-app", "second-secret")
        .build()?;
    let created = a
        .post("/identity/")
        .json(&json!({"first_name": "Oscar", "last_name": "Whitmire"}))
        .send()
        .await?;
    let uuid = created.data["uuid"].as_str().unwrap().to_owned();
    a.get(format!("/identity/{uuid}")).send().await?;
    assert!(matches!(
        b.get(format!("/identity/{uuid}")).send().await,
        Err(Error::NotFound { .. })
    ));
    sandbox2.set_credits(sandbox2.client_id(), 0);
    assert!(matches!(
        a.get("/providers/").send().await,
        Err(Error::InsufficientCredits { .. })
    ));
    b.get("/providers/").send().await?;
    Ok(())
}
