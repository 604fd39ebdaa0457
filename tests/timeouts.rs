//! Timeouts report their phase and keep their source; a redirect loop is `TooManyRedirects`.
//! All against real servers: wiremock, a raw TCP server that stalls mid-body, and a listener
//! whose accept queue is full (so the TCP handshake never completes).

mod common;

use std::error::Error as _;
use std::net::SocketAddr;
use std::time::Duration;

use pokitdok::{Error, PokitDok, StatusCode, TimeoutPhase, Token};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "SENTINEL-ACCESS-TOKEN";
const SECRET: &str = "SENTINEL-CLIENT-SECRET";
const PHI: &str = "SENTINEL-PATIENT-DOE";

/// `Display` and `Debug` (plain and pretty) must not show any of `sentinels`.
fn assert_private(e: &Error, sentinels: &[&str]) {
    let shown = format!("{e} | {e:?} | {e:#?}");
    for s in sentinels {
        assert!(!shown.contains(s), "{s:?} leaked into {shown}");
    }
}

/// A client with a ready token (no token request) for `base`.
fn with_token(base: &str) -> pokitdok::PokitDokBuilder {
    PokitDok::builder()
        .base_url(base)
        .token(Token::new(TOKEN, Some(Duration::from_secs(3600))))
}

/// The reqwest error behind `e`, found the standard way.
fn reqwest_source(e: &Error) -> &reqwest::Error {
    e.source()
        .expect("a source")
        .downcast_ref::<reqwest::Error>()
        .expect("the source is the reqwest error")
}

#[tokio::test]
async fn a_redirect_loop_is_too_many_redirects_after_the_allowed_hops() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/loop/"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(302).insert_header(
            "location",
            format!("/api/v4/loop/?last_name={PHI}").as_str(),
        ))
        // The first request and 5 followed redirects; the 6th redirect is not followed.
        .expect(6)
        .mount(&server)
        .await;
    let pd = with_token(&server.uri()).build().unwrap();
    let e = pd
        .get("/loop/")
        .query(&[("first_name", PHI)])
        .send()
        .await
        .unwrap_err();
    match &e {
        Error::TooManyRedirects {
            redirects, status, ..
        } => {
            assert_eq!(*redirects, 5);
            assert_eq!(*status, StatusCode::FOUND);
        }
        other => panic!("expected TooManyRedirects, got {other:?}"),
    }
    assert_eq!(e.status(), Some(StatusCode::FOUND));
    assert!(!e.is_retryable());
    assert!(!e.is_timeout() && !e.is_connect());
    assert!(e.source().is_none());
    assert_private(&e, &[PHI, TOKEN, &server.uri(), "/loop/", "last_name"]);
    let seen = server.received_requests().await.unwrap();
    assert_eq!(seen.len(), 6);
    assert_eq!(
        seen[0].url.query(),
        Some(format!("first_name={PHI}").as_str())
    );
    assert!(
        seen[1..]
            .iter()
            .all(|r| r.url.query() == Some(format!("last_name={PHI}").as_str()))
    );
}

#[tokio::test]
async fn exactly_the_allowed_number_of_redirects_still_succeeds() {
    let server = MockServer::start().await;
    for hop in 0..5 {
        Mock::given(method("GET"))
            .and(path("/api/v4/hop/"))
            .and(query_param("n", hop.to_string()))
            .respond_with(
                ResponseTemplate::new(307)
                    .insert_header("location", format!("/api/v4/hop/?n={}", hop + 1).as_str()),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/api/v4/hop/"))
        .and(query_param("n", "5"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"meta": {}, "data": {"hops": 5}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let pd = with_token(&server.uri()).build().unwrap();
    let r = pd.get("/hop/").query(&[("n", "0")]).send().await.unwrap();
    assert_eq!(r.data["hops"], 5);
    assert_eq!(server.received_requests().await.unwrap().len(), 6);
}

#[tokio::test]
async fn a_slow_answer_is_a_request_phase_timeout_with_its_source() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/slow/"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"meta": {}, "data": {"name": PHI}}))
                .set_delay(Duration::from_secs(5)),
        )
        .expect(1)
        .mount(&server)
        .await;
    let pd = with_token(&server.uri()).build().unwrap();
    let e = pd
        .get("/slow/")
        .query(&[("last_name", PHI)])
        .timeout(Duration::from_millis(200))
        // One attempt: this test is about what a timeout reports (retries: tests/retries.rs).
        .retry(pokitdok::RetryPolicy::none())
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
    assert!(e.is_timeout());
    assert!(!e.is_connect(), "the request was sent: {e:?}");
    assert!(e.is_retryable());
    assert_eq!(e.status(), None);
    let source = reqwest_source(&e);
    assert!(source.is_timeout() && !source.is_connect());
    assert!(source.url().is_none(), "the URL is stripped");
    if let Error::Timeout { source: field, .. } = &e {
        assert!(std::ptr::addr_eq(&**field, source), "source() is the field");
    }
    assert!(e.to_string().contains("may have reached the server"), "{e}");
    assert_private(&e, &[PHI, TOKEN, &server.uri(), "last_name"]);
    // It did reach the server: exactly once.
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_answer_that_stalls_mid_body_is_a_request_phase_timeout() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 8192];
        let mut seen = Vec::new();
        while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = stream.read(&mut buf).await.unwrap();
            assert!(n > 0, "the client closed before sending its request");
            seen.extend_from_slice(&buf[..n]);
        }
        // Headers and the start of a body, then nothing.
        stream
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"meta\": {")
            .await
            .unwrap();
        stream.flush().await.unwrap();
        tokio::time::sleep(Duration::from_secs(5)).await;
        String::from_utf8_lossy(&seen).into_owned()
    });
    let pd = with_token(&format!("http://{addr}")).build().unwrap();
    let e = pd
        .get("/stall/")
        .timeout(Duration::from_millis(300))
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
    assert!(!e.is_connect());
    assert!(reqwest_source(&e).is_timeout());
    server.abort();
}

#[tokio::test]
async fn a_slow_token_endpoint_is_a_token_phase_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": TOKEN, "expires_in": 3600}))
                .set_delay(Duration::from_secs(5)),
        )
        // Once for the API call; `fetch_access_token` below falls in the backoff after that
        // failure and gets the same error without a second request.
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let pd = PokitDok::builder()
        .client_id("test-client-id")
        .client_secret(SECRET)
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let e = pd
        .get("/activities/")
        .query(&[("last_name", PHI)])
        .send()
        .await
        .unwrap_err();
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
    assert!(e.is_timeout() && e.is_retryable());
    assert!(!e.is_connect(), "the token request got a connection");
    let source = reqwest_source(&e);
    assert!(source.is_timeout() && source.url().is_none());
    assert_eq!(e.to_string(), "the token request timed out");
    assert_private(&e, &[SECRET, TOKEN, PHI, &server.uri(), "oauth2"]);
    // `fetch_access_token` reports the same phase.
    let e = pd.fetch_access_token().await.unwrap_err();
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
}

/// A listener whose accept queue is full, so that further connection attempts are never
/// answered (Linux drops the SYN), plus the connections that fill it (keep them alive).
async fn unanswering_peer() -> (TcpListener, Vec<TcpStream>, SocketAddr) {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(0).unwrap();
    let addr = listener.local_addr().unwrap();
    let mut fillers = Vec::new();
    for _ in 0..64 {
        match tokio::time::timeout(Duration::from_millis(300), TcpStream::connect(addr)).await {
            Ok(Ok(stream)) => fillers.push(stream),
            Ok(Err(e)) => panic!("connecting a filler failed: {e}"),
            // This attempt hangs: the queue is full.
            Err(_) => return (listener, fillers, addr),
        }
    }
    panic!("the accept queue never filled up");
}

#[tokio::test]
async fn a_peer_that_never_completes_the_handshake_is_a_connect_phase_timeout() {
    let (listener, fillers, addr) = unanswering_peer().await;
    let base = format!("http://{addr}");
    let pd = with_token(&base)
        .connect_timeout(Duration::from_millis(300))
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let e = pd
        .get("/activities/")
        .query(&[("last_name", PHI)])
        .send()
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the connect timeout, not the request timeout, ended it"
    );
    assert!(
        matches!(
            e,
            Error::Timeout {
                phase: TimeoutPhase::Connect,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.is_timeout() && e.is_retryable());
    assert!(
        e.is_connect(),
        "a connect timeout provably never reached the server"
    );
    let source = reqwest_source(&e);
    assert!(source.is_connect() && source.is_timeout() && source.url().is_none());
    assert!(e.to_string().contains("the request was not sent"), "{e}");
    assert_private(&e, &[PHI, TOKEN, &base, "last_name"]);
    // Nothing reached the peer: the queued connections are the fillers, and none carries a
    // byte of a request.
    drop(fillers);
    while let Ok(Ok((mut stream, _))) =
        tokio::time::timeout(Duration::from_millis(200), listener.accept()).await
    {
        let mut buf = [0u8; 64];
        let read = tokio::time::timeout(Duration::from_millis(200), stream.read(&mut buf)).await;
        assert!(
            matches!(read, Err(_) | Ok(Ok(0)) | Ok(Err(_))),
            "the peer received request bytes: {read:?}"
        );
    }
}

#[tokio::test]
async fn a_call_timeout_overrides_the_clients_and_the_clients_applies_without_one() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/slow/"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"meta": {}, "data": {"ok": true}}))
                .set_delay(Duration::from_millis(600)),
        )
        .mount(&server)
        .await;
    let client_timeout = Duration::from_millis(200);
    let pd = with_token(&server.uri())
        .timeout(client_timeout)
        .retry(pokitdok::RetryPolicy::none())
        .build()
        .unwrap();
    // Longer than the client's: the answer arrives.
    let r = pd
        .get("/slow/")
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .unwrap();
    assert_eq!(r.data["ok"], true);
    // The client's own (set on the call or not): the request times out.
    for call_timeout in [None, Some(client_timeout)] {
        let mut request = pd.get("/slow/");
        if let Some(t) = call_timeout {
            request = request.timeout(t);
        }
        let e = request.send().await.unwrap_err();
        assert!(
            matches!(
                e,
                Error::Timeout {
                    phase: TimeoutPhase::Request,
                    ..
                }
            ),
            "{call_timeout:?}: {e:?}"
        );
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}
