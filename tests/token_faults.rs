//! Token manager faults (RELIABILITY.md §5): refresh-token rotation under concurrency (case 11),
//! the callback's refusals (case 13), a panicking `on_token` (case 41), a refused refresh token
//! staying terminal (case 12), oversized and endless token answers.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{CLIENT_ID, CLIENT_SECRET};
use pokitdok::{Error, PokitDok, Token};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn builder(base: &str) -> pokitdok::PokitDokBuilder {
    PokitDok::builder()
        .client_id(CLIENT_ID)
        .client_secret(CLIENT_SECRET)
        .base_url(base)
}

fn code_builder(server: &MockServer) -> pokitdok::PokitDokBuilder {
    builder(&server.uri())
        .redirect_uri("https://app.example/callback")
        .scopes(["user_schedule"])
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

async fn mount_api_ok(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"meta": {}, "data": []})))
        .mount(server)
        .await;
}

fn expired_with_refresh_token(rt: &str) -> Token {
    serde_json::from_value(json!({"access_token": "tok-old", "refresh_token": rt, "expires": 1000}))
        .unwrap()
}

// Case 11: many callers and an explicit fetch need a refresh at once: one refresh-token grant,
// and the rotated refresh token reaches `on_token` before any request uses the new token.
#[tokio::test]
async fn concurrent_refreshes_share_one_grant_and_persist_the_new_refresh_token_first() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("refresh_token=rt-1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({
                    "access_token": "tok-2", "expires_in": 3600, "refresh_token": "rt-2"}))
                .set_delay(Duration::from_millis(200)),
        )
        .expect(1)
        .mount(&server)
        .await;
    let persisted = Arc::new(Mutex::new(Vec::<String>::new()));
    // What had been persisted when the API first saw the new token.
    let seen_by_api = Arc::new(Mutex::new(Vec::<Vec<String>>::new()));
    let (p_api, seen) = (persisted.clone(), seen_by_api.clone());
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .respond_with(move |r: &Request| {
            assert_eq!(r.headers["authorization"], "Bearer tok-2");
            seen.lock().unwrap().push(p_api.lock().unwrap().clone());
            ResponseTemplate::new(200).set_body_json(json!({"meta": {}, "data": []}))
        })
        .mount(&server)
        .await;
    let p_cb = persisted.clone();
    // The client itself, to look at what any caller would be handed while the callback runs.
    let client = Arc::new(std::sync::OnceLock::<PokitDok>::new());
    let in_callback = Arc::new(Mutex::new(Vec::new()));
    let (c_cb, i_cb) = (client.clone(), in_callback.clone());
    let pd = code_builder(&server)
        .token(expired_with_refresh_token("rt-1"))
        .on_token(move |t| {
            // A slow store widens the window in which a caller could jump ahead.
            std::thread::sleep(Duration::from_millis(50));
            if let Some(pd) = c_cb.get() {
                i_cb.lock()
                    .unwrap()
                    .push(pd.token().unwrap().access_token().to_owned());
            }
            p_cb.lock()
                .unwrap()
                .push(t.refresh_token().unwrap_or_default().to_owned());
        })
        .build()
        .unwrap();
    assert!(client.set(pd.clone()).is_ok());
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let pd = pd.clone();
            tokio::spawn(async move { pd.get("/activities/").await.map(|_| ()) })
        })
        .collect();
    let forced = pd.fetch_access_token().await.unwrap();
    for c in calls {
        c.await.unwrap().unwrap();
    }
    assert_eq!(forced.access_token(), "tok-2");
    assert_eq!(token_requests(&server).await.len(), 1);
    assert_eq!(*persisted.lock().unwrap(), ["rt-2"]);
    assert_eq!(
        *in_callback.lock().unwrap(),
        ["tok-old"],
        "nobody is handed the new token before the callback returns"
    );
    let seen = seen_by_api.lock().unwrap();
    assert_eq!(seen.len(), 50);
    assert!(seen.iter().all(|p| p == &["rt-2"]), "{seen:?}");
    assert_eq!(pd.token().unwrap().refresh_token(), Some("rt-2"));
}

// Case 12: a refused refresh token is terminal for the code flow and never sent again.
#[tokio::test]
async fn a_refused_refresh_token_is_never_sent_again() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_grant"})))
        .mount(&server)
        .await;
    let pd = code_builder(&server)
        .token(expired_with_refresh_token("rt-dead"))
        .build()
        .unwrap();
    for _ in 0..3 {
        let e = pd.get("/activities/").await.unwrap_err();
        assert!(matches!(e, Error::AuthorizationRequired { .. }), "{e:?}");
        assert!(e.to_string().contains("invalid_grant"), "{e}");
    }
    let e = pd.fetch_access_token().await.unwrap_err();
    assert!(matches!(e, Error::AuthorizationRequired { .. }), "{e:?}");
    assert_eq!(token_requests(&server).await.len(), 1);
    assert_eq!(pd.token().unwrap().refresh_token(), None);
}

// Case 13: a callback without a code is refused before any network call. The state is single
// use: a refusal (no code, or the platform refusing the code) consumes it too, so the user has
// to start again at `authorization_url()`.
#[tokio::test]
async fn an_empty_code_is_refused_before_any_request_and_consumes_the_state() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": "x"})))
        .expect(0)
        .mount(&server)
        .await;
    let pd = code_builder(&server).build().unwrap();
    for empty in ["", "   "] {
        let (_, state) = pd.authorization_url().unwrap();
        let e = pd.exchange_code(empty, &state).await.unwrap_err();
        assert!(matches!(e, Error::Config { .. }), "{e:?}");
        assert!(e.to_string().contains("no code"), "{e}");
        let again = pd.exchange_code("a-real-code", &state).await.unwrap_err();
        assert!(matches!(again, Error::StateMismatch { .. }), "{again:?}");
    }
    // A missing state is refused before the code is even looked at.
    let e = pd.exchange_code("", "").await.unwrap_err();
    assert!(matches!(e, Error::StateMismatch { .. }), "{e:?}");
    assert!(token_requests(&server).await.is_empty());
}

#[tokio::test]
async fn a_state_used_for_a_refused_code_cannot_be_used_again() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_grant"})))
        .expect(1)
        .mount(&server)
        .await;
    let pd = code_builder(&server).build().unwrap();
    let (_, state) = pd.authorization_url().unwrap();
    let e = pd.exchange_code("bad-code", &state).await.unwrap_err();
    assert!(
        matches!(&e, Error::Auth { error: Some(code), .. } if code == "invalid_grant"),
        "{e:?}"
    );
    let again = pd.exchange_code("bad-code", &state).await.unwrap_err();
    assert!(matches!(again, Error::StateMismatch { .. }), "{again:?}");
    // A new authorization works at once: an exchange is not held back by the failure's backoff.
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "tok", "expires_in": 3600})),
        )
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    let (_, state) = pd.authorization_url().unwrap();
    assert_eq!(
        pd.exchange_code("good-code", &state)
            .await
            .unwrap()
            .access_token(),
        "tok"
    );
}

// The exchange runs in the client's token task: a caller that gives up does not lose the token
// (the code is spent at the platform either way).
#[tokio::test]
async fn a_dropped_code_exchange_still_stores_and_announces_its_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({
                    "access_token": "code-tok", "expires_in": 3600, "refresh_token": "rt"}))
                .set_delay(Duration::from_millis(300)),
        )
        .expect(1)
        .mount(&server)
        .await;
    let announced = Arc::new(Mutex::new(Vec::new()));
    let a2 = announced.clone();
    let pd = code_builder(&server)
        .on_token(move |t| a2.lock().unwrap().push(t.access_token().to_owned()))
        .build()
        .unwrap();
    let (_, state) = pd.authorization_url().unwrap();
    let gave_up =
        tokio::time::timeout(Duration::from_millis(50), pd.exchange_code("code", &state)).await;
    assert!(gave_up.is_err());
    tokio::time::timeout(Duration::from_secs(10), async {
        while pd.token().is_none() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .unwrap();
    assert_eq!(pd.token().unwrap().refresh_token(), Some("rt"));
    assert_eq!(*announced.lock().unwrap(), ["code-tok"]);
}

// Case 41: a panicking `on_token` neither takes the runtime down nor leaves a waiter hanging:
// the waiters get an error saying so, the token is kept in use, and a later background refresh
// whose callback panics too still stores its token while the old one keeps serving.
#[tokio::test]
async fn a_panicking_on_token_callback_is_reported_and_nobody_hangs() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "tok-1", "expires_in": 3600}))
                .set_delay(Duration::from_millis(100)),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "tok-2", "expires_in": 3600})),
        )
        .mount(&server)
        .await;
    mount_api_ok(&server).await;
    let pd = builder(&server.uri())
        .on_token(|_| panic!("the token store is broken"))
        .build()
        .unwrap();
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let pd = pd.clone();
            tokio::spawn(async move { pd.get("/activities/").await.map(|_| ()) })
        })
        .collect();
    let results = tokio::time::timeout(Duration::from_secs(10), async {
        let mut out = Vec::new();
        for c in calls {
            out.push(c.await.expect("the caller's task did not panic"));
        }
        out
    })
    .await
    .expect("no caller hangs");
    for r in results {
        match r {
            Err(Error::Auth { description, .. }) => {
                assert!(description.unwrap().contains("on_token"));
            }
            other => panic!("expected the callback's failure, got {other:?}"),
        }
    }
    // The token was kept: the next call uses it without another token request.
    assert_eq!(pd.token().unwrap().access_token(), "tok-1");
    pd.get("/activities/").await.unwrap();
    assert_eq!(token_requests(&server).await.len(), 1);

    // A background refresh whose callback panics: the caller is served, the runtime lives on.
    tokio::time::pause();
    tokio::time::advance(Duration::from_secs(3400)).await;
    tokio::time::resume();
    pd.get("/activities/").await.unwrap();
    tokio::time::timeout(Duration::from_secs(10), async {
        while pd.token().unwrap().access_token() != "tok-2" {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("the refreshed token is stored");
    pd.get("/activities/").await.unwrap();
    assert_eq!(
        common::bearers(&server).await,
        ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]
    );
}

// Token answers are read with a 64 KiB cap: an oversized answer is a clear error.
#[tokio::test]
async fn an_oversized_token_answer_is_refused() {
    let server = MockServer::start().await;
    let huge = "x".repeat(70 * 1024);
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": huge, "expires_in": 3600})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let e = builder(&server.uri())
        .build()
        .unwrap()
        .fetch_access_token()
        .await
        .unwrap_err();
    match &e {
        Error::Auth {
            status,
            description,
            ..
        } => {
            assert_eq!(status.map(|s| s.as_u16()), Some(200));
            assert!(description.as_deref().unwrap().contains("65536 bytes"));
        }
        other => panic!("{other:?}"),
    }
    assert!(!e.is_retryable());
    assert!(!format!("{e} {e:?}").contains("xxxx"));
}

// A token endpoint that streams an endless chunked body (no Content-Length) is cut off at the
// cap instead of being read until memory or the timeout runs out.
#[tokio::test]
async fn an_endless_token_answer_is_cut_off_at_the_cap() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 4096];
        let _ = socket.read(&mut buf).await.unwrap();
        socket
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
            .await
            .unwrap();
        let chunk = format!("2000\r\n{}\r\n", "a".repeat(0x2000));
        let mut sent = 0usize;
        // Until the client hangs up.
        while socket.write_all(chunk.as_bytes()).await.is_ok() {
            sent += 0x2000;
            if sent > 64 * 1024 * 1024 {
                break;
            }
        }
        sent
    });
    let pd = builder(&format!("http://{addr}"))
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let e = tokio::time::timeout(Duration::from_secs(20), pd.fetch_access_token())
        .await
        .expect("stopped at the cap, long before the timeout")
        .unwrap_err();
    assert!(
        matches!(&e, Error::Auth { description: Some(d), .. } if d.contains("65536 bytes")),
        "{e:?}"
    );
    let sent = server.await.unwrap();
    assert!(
        sent < 64 * 1024 * 1024,
        "the client hung up ({sent} bytes sent)"
    );
}

// A refused revocation's answer is read with the same cap.
#[tokio::test]
async fn an_oversized_revocation_answer_is_refused() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "tok", "expires_in": 3600})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth2/revoke"))
        .respond_with(ResponseTemplate::new(500).set_body_string("e".repeat(100 * 1024)))
        .expect(1)
        .mount(&server)
        .await;
    let pd = builder(&server.uri()).build().unwrap();
    pd.fetch_access_token().await.unwrap();
    let e = pd.revoke_token().await.unwrap_err();
    assert!(
        matches!(&e, Error::Auth { status: Some(s), description: Some(d), .. }
            if s.as_u16() == 500 && d.contains("65536 bytes")),
        "{e:?}"
    );
    assert_eq!(pd.token().unwrap().access_token(), "tok", "kept");
}

// Case 3, the hard way: the runtime that runs a token request goes away mid-request. Its
// waiters elsewhere get an error instead of hanging, and the next request can start anew.
#[test]
fn a_token_request_dropped_with_its_runtime_fails_its_waiters_instead_of_hanging() {
    let other = tokio::runtime::Runtime::new().unwrap();
    let server = other.block_on(async {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/oauth2/token"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"access_token": "tok", "expires_in": 3600}))
                    .set_delay(Duration::from_secs(3)),
            )
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/oauth2/token"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"access_token": "tok-2", "expires_in": 3600})),
            )
            .mount(&server)
            .await;
        server
    });
    let pd = builder(&server.uri()).build().unwrap();
    let doomed = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // A caller on `doomed` starts the token request and gives up; the request's task stays on
    // `doomed`, which nobody drives any more.
    doomed.block_on(async {
        let r = tokio::time::timeout(Duration::from_millis(200), pd.fetch_access_token()).await;
        assert!(r.is_err());
    });
    let waiter = {
        let pd = pd.clone();
        other.spawn(async move { pd.fetch_access_token().await })
    };
    std::thread::sleep(Duration::from_millis(100));
    drop(doomed);
    let got = other
        .block_on(async { tokio::time::timeout(Duration::from_secs(10), waiter).await })
        .expect("the waiter does not hang")
        .unwrap();
    match got {
        Err(Error::Auth { description, .. }) => {
            assert!(description.unwrap().contains("interrupted"))
        }
        other => panic!("{other:?}"),
    }
    other.block_on(async {
        assert_eq!(token_requests(&server).await.len(), 1);
        // No backoff after an interruption: the next call starts a new request at once.
        assert_eq!(
            pd.fetch_access_token().await.unwrap().access_token(),
            "tok-2"
        );
        assert_eq!(token_requests(&server).await.len(), 2);
    });
}
