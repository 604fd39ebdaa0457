//! A fleet of replicas sharing one Redis (the `redis` feature), against a real `redis-server`
//! (started by the tests on a free loopback port: see `redis_server`) and the sandbox. Each
//! replica is a `PokitDok` value built separately, as separate processes would build theirs;
//! `tests/fleet_processes.rs` runs real processes.

mod redis_server;

use std::time::{Duration, Instant};

use futures_util::future::join_all;
use pokitdok::store::StoreErrorKind;
use pokitdok::{Error, PokitDok};
use pokitdok_sandbox::Sandbox;
use redis_server::RedisServer;

/// `n` replicas of one application, built separately, each with `configure` applied.
fn replicas(
    sandbox: &Sandbox,
    n: usize,
    configure: impl Fn(pokitdok::PokitDokBuilder) -> pokitdok::PokitDokBuilder,
) -> Vec<PokitDok> {
    (0..n)
        .map(|_| configure(sandbox.client_builder()).build().unwrap())
        .collect()
}

/// `calls` cheap API calls spread round-robin over the replicas, all at once: (ok, 403s).
async fn burst(pds: &[PokitDok], calls: usize) -> (usize, usize) {
    let results = join_all((0..calls).map(|i| {
        let pd = pds[i % pds.len()].clone();
        async move { pd.eligibility_constants().await }
    }))
    .await;
    let mut ok = 0;
    let mut limited = 0;
    for r in results {
        match r {
            Ok(_) => ok += 1,
            Err(Error::RateLimited { .. }) => limited += 1,
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    (ok, limited)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_calls_over_four_replicas_make_one_token_request() {
    let redis = RedisServer::start();
    // Room for 200 connections at once (kept-alive ones hold theirs).
    let sandbox = Sandbox::builder()
        .rate_limit_cap(1_000)
        .max_connections(512)
        .start()
        .await
        .unwrap();
    let pds = replicas(&sandbox, 4, |b| {
        b.redis(redis.url()).max_requests_per_minute(1_000)
    });
    let (ok, limited) = burst(&pds, 200).await;
    assert_eq!((ok, limited), (200, 0));
    let stats = sandbox.stats(sandbox.client_id()).unwrap();
    assert_eq!(
        stats.tokens_issued, 1,
        "one token request for the whole fleet"
    );
    assert_eq!(stats.requests, 200);
    // Every replica holds that one token.
    let token = pds[0].token().unwrap();
    for pd in &pds[1..] {
        assert_eq!(pd.token().unwrap().access_token(), token.access_token());
    }

    // Keys are namespaced by the client id; neither the secret nor the session ids are there;
    // the token is kept only as long as it is valid.
    let prefix = format!("pokitdok:{{{}}}:", sandbox.client_id());
    let dump = redis.dump();
    assert!(dump.iter().any(|(k, _, _)| k == &format!("{prefix}token")));
    assert!(dump.iter().any(|(k, _, _)| k == &format!("{prefix}window")));
    for (key, value, pttl) in &dump {
        assert!(key.starts_with(&prefix), "{key}");
        assert!(!key.contains(sandbox.client_secret()) && !value.contains(sandbox.client_secret()));
        assert!(*pttl > 0, "{key} has no expiry ({pttl})");
        if key.ends_with(":token") {
            assert!(*pttl <= 3_600_000, "{key}: {pttl} ms");
        }
    }
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_leaves_redis_when_it_expires() {
    let redis = RedisServer::start();
    let sandbox = Sandbox::builder()
        .token_lifetime(Duration::from_secs(2))
        .start()
        .await
        .unwrap();
    let pd = sandbox
        .client_builder()
        .redis(redis.url())
        .auto_refresh(false)
        .build()
        .unwrap();
    pd.eligibility_constants().await.unwrap();
    let key = format!("pokitdok:{{{}}}:token", sandbox.client_id());
    let pttl = redis
        .dump()
        .into_iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, _, pttl)| pttl)
        .expect("the token is in Redis");
    assert!(pttl > 0 && pttl <= 2_000, "{pttl}");
    drop(pd);
    tokio::time::sleep(Duration::from_millis(2_300)).await;
    assert!(
        redis.dump().iter().all(|(k, _, _)| *k != key),
        "the expired token is gone from Redis"
    );
    sandbox.shutdown().await;
}

/// 90 calls over four replicas against a sandbox capped at 60 per window (the ratio,
/// in a 3 s window): (ok, 403s, token requests, wall time).
async fn fleet_under_the_cap(shared: bool) -> (usize, usize, u64, Duration) {
    let redis = RedisServer::start();
    let sandbox = Sandbox::builder()
        .rate_limit_cap(60)
        .rate_limit_window(Duration::from_secs(3))
        .start()
        .await
        .unwrap();
    let pds = replicas(&sandbox, 4, |b| {
        let b = b.max_requests_per_minute(60);
        if shared { b.redis(redis.url()) } else { b }
    });
    let started = Instant::now();
    let (ok, limited) = burst(&pds, 90).await;
    let elapsed = started.elapsed();
    let stats = sandbox.stats(sandbox.client_id()).unwrap();
    assert_eq!(
        stats.requests, 90,
        "one request per call (403s are not retried)"
    );
    sandbox.shutdown().await;
    (ok, limited, stats.tokens_issued, elapsed)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fleet_sharing_the_limiter_gets_no_403_under_the_cap_and_one_without_it_does() {
    let (ok, limited, tokens, elapsed) = fleet_under_the_cap(true).await;
    println!("shared limiter: 90 calls, {limited} 403s, {tokens} token request(s), {elapsed:?}");
    assert_eq!((ok, limited, tokens), (90, 0, 1));
    // 60 in the first window, the other 30 in the next one.
    assert!(elapsed >= Duration::from_secs(2), "{elapsed:?}");

    // The same fleet, each replica throttling alone at 60: together they exceed the cap.
    let (ok, limited, tokens, elapsed) = fleet_under_the_cap(false).await;
    println!("own limiters: 90 calls, {limited} 403s, {tokens} token request(s), {elapsed:?}");
    assert_eq!(ok + limited, 90);
    assert!(limited >= 25, "{limited} 403s");
    assert_eq!(tokens, 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_started_on_one_replica_completes_on_another_once_for_its_session_only() {
    let redis = RedisServer::start();
    let sandbox = Sandbox::start().await.unwrap();
    let pds = replicas(&sandbox, 2, |b| {
        b.redirect_uri(sandbox.redirect_uri()).redis(redis.url())
    });
    let (a, b) = (&pds[0], &pds[1]);

    // Started on A, completed on B with the same session.
    let pending = a.start_authorization("session-1").await.unwrap();
    assert!(pending.is_session_bound());
    let (code, state) = sandbox.authorize(pending.url()).await.unwrap();
    assert_eq!(state, pending.state());
    // In Redis under a digest of the state, with a TTL of at most 10 minutes; the session id
    // and the state are not there in clear.
    let dump = redis.dump();
    let login = dump
        .iter()
        .find(|(k, _, _)| k.contains(":login:"))
        .expect("the pending login is in Redis");
    assert!(login.2 > 0 && login.2 <= 600_000, "{}", login.2);
    assert!(!login.0.contains(&state) && !login.1.contains("session-1"));
    let token = b
        .finish_authorization("session-1", &code, &state)
        .await
        .unwrap();
    assert!(!token.access_token().is_empty());
    // Used once.
    let again = b.finish_authorization("session-1", &code, &state).await;
    assert!(
        matches!(again, Err(Error::StateMismatch { .. })),
        "{again:?}"
    );
    let on_a = a.finish_authorization("session-1", &code, &state).await;
    assert!(matches!(on_a, Err(Error::StateMismatch { .. })), "{on_a:?}");
    // The user's token is not the application's: neither kept by the client nor in Redis.
    assert!(b.token().is_none());
    assert!(redis.dump().iter().all(|(k, _, _)| !k.ends_with(":token")));

    // A state issued for one session cannot complete a login in another (login CSRF), and
    // is gone afterwards.
    let pending = a.start_authorization("victim-session").await.unwrap();
    let (code, state) = sandbox.authorize(pending.url()).await.unwrap();
    let other = b
        .finish_authorization("attacker-session", &code, &state)
        .await;
    assert!(
        matches!(other, Err(Error::StateMismatch { .. })),
        "{other:?}"
    );
    let later = b
        .finish_authorization("victim-session", &code, &state)
        .await;
    assert!(
        matches!(later, Err(Error::StateMismatch { .. })),
        "{later:?}"
    );

    // The unbound flow (authorization_url / exchange_code) works across replicas too, and a
    // session-bound state does not complete it.
    let (url, state) = a.authorization_url().unwrap();
    let until = Instant::now() + Duration::from_secs(2);
    while redis.dump().iter().all(|(k, _, _)| !k.contains(":login:")) {
        assert!(Instant::now() < until, "the pending login reached Redis");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let (code, returned) = sandbox.authorize(url.as_str()).await.unwrap();
    assert_eq!(returned, state);
    b.exchange_code(&code, &state).await.unwrap();
    let pending = a.start_authorization("session-2").await.unwrap();
    let (code, state) = sandbox.authorize(pending.url()).await.unwrap();
    let unbound = b.exchange_code(&code, &state).await;
    assert!(
        matches!(unbound, Err(Error::StateMismatch { .. })),
        "{unbound:?}"
    );
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pending_login_expires_in_redis_and_in_the_caller_s_session() {
    let redis = RedisServer::start();
    let sandbox = Sandbox::start().await.unwrap();
    let pds = replicas(&sandbox, 2, |b| {
        b.redirect_uri(sandbox.redirect_uri())
            .redis(redis.url())
            .authorization_ttl(Duration::from_millis(400))
    });
    let pending = pds[0].start_authorization("s").await.unwrap();
    let (code, state) = sandbox.authorize(pending.url()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(redis.dump().iter().all(|(k, _, _)| !k.contains(":login:")));
    let late = pds[1].finish_authorization("s", &code, &state).await;
    assert!(matches!(late, Err(Error::StateMismatch { .. })), "{late:?}");

    // Kept by the app (serialized into its session) instead: the same rules, no store.
    let pending = pds[0].authorization_request("s").unwrap();
    let saved = serde_json::to_string(&pending).unwrap();
    assert!(!format!("{pending:?}").contains(pending.state()));
    let (code, state) = sandbox.authorize(pending.url()).await.unwrap();
    let back: pokitdok::PendingAuthorization = serde_json::from_str(&saved).unwrap();
    let other = pds[1]
        .finish_authorization_with(back.clone(), "other", &code, &state)
        .await;
    assert!(
        matches!(other, Err(Error::StateMismatch { .. })),
        "{other:?}"
    );
    let wrong_state = pds[1]
        .finish_authorization_with(back.clone(), "s", &code, "forged")
        .await;
    assert!(matches!(wrong_state, Err(Error::StateMismatch { .. })));
    pds[1]
        .finish_authorization_with(back.clone(), "s", &code, &state)
        .await
        .unwrap();
    let pending = pds[0].authorization_request("s").unwrap();
    let (code, state) = sandbox.authorize(pending.url()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(600)).await;
    let late = pds[1]
        .finish_authorization_with(pending, "s", &code, &state)
        .await;
    assert!(matches!(late, Err(Error::StateMismatch { .. })), "{late:?}");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_killed_mid_run_falls_back_locally_fails_logins_closed_and_recovers() {
    let mut redis = RedisServer::start();
    let port = redis.port();
    let sandbox = Sandbox::builder()
        .rate_limit_cap(1_000)
        .start()
        .await
        .unwrap();
    let url = redis.url();
    let build = || {
        sandbox
            .client_builder()
            .redis(url.clone())
            .max_requests_per_minute(1_000)
            .build()
            .unwrap()
    };
    let a = build();
    let (ok, _) = burst(std::slice::from_ref(&a), 10).await;
    assert_eq!(ok, 10);
    let login = sandbox
        .client_builder()
        .redirect_uri(sandbox.redirect_uri())
        .redis(url.clone())
        .build()
        .unwrap();
    login.start_authorization("s").await.unwrap();

    redis.kill();
    // Calls go on with the token A holds, throttled locally; no hang.
    let started = Instant::now();
    let (ok, _) = burst(std::slice::from_ref(&a), 10).await;
    assert_eq!(ok, 10);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // A replica that starts now fetches its own token (a second token request) and works.
    let b = build();
    let started = Instant::now();
    b.eligibility_constants().await.unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(sandbox.stats(sandbox.client_id()).unwrap().tokens_issued, 2);
    // Logins fail closed, with a typed error, quickly.
    let started = Instant::now();
    let e = login.start_authorization("s").await.unwrap_err();
    match &e {
        Error::Store { source, .. } => assert!(
            matches!(
                source.kind(),
                StoreErrorKind::Unavailable | StoreErrorKind::Timeout
            ),
            "{e:?}"
        ),
        other => panic!("{other:?}"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let e = login
        .finish_authorization("s", "code", "state")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Store { .. }), "{e:?}");
    assert!(!format!("{e:?} {e}").contains(&url));

    // Redis comes back on the same port (empty): the token fetched during the outage is
    // written back, and logins work again.
    let redis = RedisServer::start_on(port);
    let key = format!("pokitdok:{{{}}}:token", sandbox.client_id());
    let until = Instant::now() + Duration::from_secs(40);
    loop {
        // Calls keep the clients' stores busy, so that they notice the store is back.
        a.eligibility_constants().await.unwrap();
        b.eligibility_constants().await.unwrap();
        if redis.dump().iter().any(|(k, _, _)| *k == key) {
            break;
        }
        assert!(Instant::now() < until, "no token was written back to Redis");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let until = Instant::now() + Duration::from_secs(10);
    loop {
        match login.start_authorization("s").await {
            Ok(_) => break,
            Err(e) => assert!(Instant::now() < until, "logins did not recover: {e:?}"),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // A new replica uses the token in Redis: no further token request.
    let c = build();
    c.eligibility_constants().await.unwrap();
    assert_eq!(sandbox.stats(sandbox.client_id()).unwrap().tokens_issued, 2);
    sandbox.shutdown().await;
}
