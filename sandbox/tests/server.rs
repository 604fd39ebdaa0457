//! Connection-level limits: the header-read timeout, the connection cap, token lifetimes
//! bounded (builder and binary), and inputs that used to panic a handler.

use std::time::{Duration, Instant};

use pokitdok_sandbox::{MAX_TOKEN_LIFETIME, Sandbox};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Reads until the server closes the connection (or `limit` passes); returns what was read
/// and whether the connection was closed.
async fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return (out, false),
            Ok(Ok(0)) | Ok(Err(_)) => return (out, true),
            Ok(Ok(n)) => out.extend_from_slice(&buf[..n]),
        }
    }
}

/// One complete request on a raw connection (kept alive), and the status line of the answer.
async fn request(stream: &mut TcpStream) -> Result<String, Box<dyn std::error::Error>> {
    stream
        .write_all(b"GET /oauth2/callback?code=x HTTP/1.1\r\nHost: sandbox\r\n\r\n")
        .await?;
    let mut buf = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf)).await??;
    let text = String::from_utf8_lossy(&buf[..n]).into_owned();
    Ok(text.lines().next().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_cut_off() -> TestResult {
    let timeout = Duration::from_millis(300);
    let sandbox = Sandbox::builder()
        .header_read_timeout(timeout)
        .start()
        .await?;
    let mut stream = TcpStream::connect(sandbox.addr()).await?;
    let started = Instant::now();
    stream
        .write_all(b"GET /api/v4/activities/ HTTP/1.1\r\nHost: sandbox\r\nAccept: ")
        .await?;
    let (_, closed) = read_until_closed(&mut stream, Duration::from_secs(5)).await;
    let waited = started.elapsed();
    assert!(closed, "the connection stayed open");
    assert!(
        waited >= timeout,
        "closed after {waited:?}, before the timeout"
    );
    assert!(
        waited < Duration::from_secs(3),
        "closed only after {waited:?}"
    );

    // A client that sends its headers in time is served; left idle past the timeout, its
    // kept-alive connection is closed too.
    let mut stream = TcpStream::connect(sandbox.addr()).await?;
    assert_eq!(request(&mut stream).await?, "HTTP/1.1 200 OK");
    let started = Instant::now();
    let (_, closed) = read_until_closed(&mut stream, Duration::from_secs(5)).await;
    assert!(
        closed && started.elapsed() >= timeout,
        "{:?}",
        started.elapsed()
    );
    Ok(())
}

#[tokio::test]
async fn the_connection_cap_is_enforced() -> TestResult {
    let sandbox = Sandbox::builder().max_connections(2).start().await?;
    let mut first = TcpStream::connect(sandbox.addr()).await?;
    let mut second = TcpStream::connect(sandbox.addr()).await?;
    assert_eq!(request(&mut first).await?, "HTTP/1.1 200 OK");
    assert_eq!(request(&mut second).await?, "HTTP/1.1 200 OK");

    // A third connection is not served while two are open...
    let mut third = TcpStream::connect(sandbox.addr()).await?;
    third
        .write_all(b"GET /oauth2/callback?code=x HTTP/1.1\r\nHost: sandbox\r\n\r\n")
        .await?;
    let mut buf = vec![0u8; 4096];
    let early = tokio::time::timeout(Duration::from_millis(500), third.read(&mut buf)).await;
    assert!(
        early.is_err(),
        "the third connection was answered: {early:?}"
    );

    // ...and is as soon as one of them closes.
    drop(first);
    let n = tokio::time::timeout(Duration::from_secs(5), third.read(&mut buf)).await??;
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200 OK"));
    assert_eq!(request(&mut second).await?, "HTTP/1.1 200 OK");
    Ok(())
}

#[tokio::test]
async fn token_lifetimes_are_bounded() -> TestResult {
    let http = reqwest::Client::new();
    for (asked, expected) in [
        (Duration::ZERO, 1),
        (Duration::MAX, MAX_TOKEN_LIFETIME.as_secs()),
        (Duration::from_secs(90), 90),
    ] {
        let sandbox = Sandbox::builder().token_lifetime(asked).start().await?;
        let body: Value = http
            .post(format!("{}/oauth2/token", sandbox.url()))
            .basic_auth(sandbox.client_id(), Some(sandbox.client_secret()))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await?
            .json()
            .await?;
        assert_eq!(body["expires_in"], expected, "{asked:?}");
        // The token works (no overflow computing its expiry).
        let resp = http
            .get(format!("{}/tradingpartners/", sandbox.api_base()))
            .bearer_auth(body["access_token"].as_str().unwrap_or_default())
            .send()
            .await?;
        assert_eq!(resp.status().as_u16(), 200);
    }
    Ok(())
}

#[test]
fn the_binary_refuses_absurd_token_lifetimes() {
    for bad in ["0", "2592001", "18446744073709551615", "-1", "soon"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pokitdok-sandbox"))
            .args(["--token-lifetime", bad])
            .output()
            .expect("the binary runs");
        assert_eq!(out.status.code(), Some(2), "--token-lifetime {bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("--token-lifetime") && err.contains("from 1 to 2592000"),
            "{err}"
        );
    }
}

fn validation_fields(e: pokitdok::Error) -> Vec<String> {
    match e {
        pokitdok::Error::Validation { fields, .. } => fields.into_keys().collect(),
        other => panic!("expected Error::Validation, got {other:?}"),
    }
}

/// Inputs that once panicked a handler (and so killed the connection) answer the documented
/// 422 or OAuth2 error.
#[tokio::test]
async fn inputs_that_used_to_panic_get_documented_errors() -> TestResult {
    let sandbox = Sandbox::start().await?;
    let pd = sandbox.client();
    for path in ["/prices/cash", "/prices/insurance"] {
        for zip in ["1€9", "€", "9€"] {
            let e = pd
                .get(path)
                .query(&[("zip_code", zip), ("cpt_code", "99385")])
                .send()
                .await
                .unwrap_err();
            assert_eq!(validation_fields(e), ["zip_code"], "{path} {zip}");
        }
    }
    let e = pd
        .post("/oop/insurance-estimate")
        .json(
            &serde_json::json!({"trading_partner_id": "MOCKPAYER", "cpt_bundle": ["99385"],
                                  "zip_code": "1€9"}),
        )
        .send()
        .await
        .unwrap_err();
    assert_eq!(validation_fields(e), ["zip_code"]);

    // A PKCE verifier of the wrong length (the oauth2 crate asserts 43..=128 characters).
    let pd = sandbox
        .client_builder()
        .redirect_uri(sandbox.redirect_uri())
        .build()?;
    let http = reqwest::Client::new();
    for verifier in ["short", &"v".repeat(129), &"é".repeat(43)] {
        let (url, _) = pd.authorization_url()?;
        let (code, _) = sandbox.authorize(url.as_str()).await?;
        let resp = http
            .post(format!("{}/oauth2/token", sandbox.url()))
            .basic_auth(sandbox.client_id(), Some(sandbox.client_secret()))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", sandbox.redirect_uri().as_str()),
                ("code_verifier", verifier),
            ])
            .send()
            .await?;
        assert_eq!(resp.status().as_u16(), 400, "{verifier}");
        let body: Value = resp.json().await?;
        assert_eq!(body["error"], "invalid_grant", "{verifier}");
    }
    Ok(())
}
