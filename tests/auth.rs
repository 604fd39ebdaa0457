//! The token manager, as seen on the wire: grants, single flight, expiry, 401 replay, callbacks,
//! the authorization-code flow with state and PKCE.

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use common::{CLIENT_ID, CLIENT_SECRET};
use pokitdok::{Error, PokitDok, Token};
use serde_json::json;
use sha2::Digest;
use wiremock::matchers::{bearer_token, body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn token_json(access: &str, expires_in: serde_json::Value) -> serde_json::Value {
    json!({"access_token": access, "token_type": "bearer", "expires_in": expires_in})
}

/// The token endpoint answering every grant with `body`; chain `.expect(n)`, `.up_to_n_times(n)`.
fn token_endpoint(body: serde_json::Value) -> Mock {
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
}

fn form(req: &Request) -> HashMap<String, String> {
    url::form_urlencoded::parse(&req.body)
        .into_owned()
        .collect()
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

async fn mount_token(server: &MockServer, access: &str, times: u64) {
    token_endpoint(token_json(access, json!(3600)))
        .up_to_n_times(times)
        .mount(server)
        .await;
}

async fn mount_api_ok(server: &MockServer, token: &str) {
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .and(bearer_token(token))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"meta": {}, "data": []})))
        .mount(server)
        .await;
}

fn builder(server: &MockServer) -> pokitdok::PokitDokBuilder {
    PokitDok::builder()
        .client_id(CLIENT_ID)
        .client_secret(CLIENT_SECRET)
        .base_url(server.uri())
}

#[tokio::test]
async fn client_credentials_grant_uses_basic_auth_and_form_then_bearer() {
    let server = MockServer::start().await;
    let basic = format!(
        "Basic {}",
        STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(header("authorization", basic.as_str()))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string_contains("grant_type=client_credentials"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_json("tok-1", json!(3600))))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .and(header("authorization", "Bearer tok-1"))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"meta": {}, "data": []})))
        .expect(2)
        .mount(&server)
        .await;
    let pd = builder(&server).build().unwrap();
    assert!(pd.token().is_none(), "build() must not fetch a token");
    pd.get("/activities/").await.unwrap();
    pd.get("/activities/").await.unwrap();
    let reqs = token_requests(&server).await;
    let f = form(&reqs[0]);
    assert_eq!(
        f.get("grant_type").map(String::as_str),
        Some("client_credentials")
    );
    assert!(
        !f.contains_key("client_secret"),
        "the secret goes in the Basic header only"
    );
    assert_eq!(pd.token().unwrap().access_token(), "tok-1");
}

#[tokio::test]
async fn scopes_are_sent_space_separated() {
    let server = MockServer::start().await;
    mount_token(&server, "tok", 1).await;
    let pd = builder(&server)
        .scopes(["user_schedule", "business_schedule"])
        .build()
        .unwrap();
    pd.fetch_access_token().await.unwrap();
    let reqs = token_requests(&server).await;
    assert_eq!(
        form(&reqs[0]).get("scope").map(String::as_str),
        Some("user_schedule business_schedule")
    );
}

#[tokio::test]
async fn secrets_with_reserved_and_non_ascii_characters_are_encoded_per_rfc6749() {
    let server = MockServer::start().await;
    mount_token(&server, "tok", 1).await;
    let id = "id with&+=";
    let secret = "s3cr&t+=%:/é";
    PokitDok::builder()
        .client_id(id)
        .client_secret(secret)
        .base_url(server.uri())
        .build()
        .unwrap()
        .fetch_access_token()
        .await
        .unwrap();
    let reqs = token_requests(&server).await;
    let auth = reqs[0]
        .headers
        .get("authorization")
        .unwrap()
        .to_str()
        .unwrap();
    let decoded = STANDARD
        .decode(auth.strip_prefix("Basic ").unwrap())
        .unwrap();
    let decoded = String::from_utf8(decoded).unwrap();
    // RFC 6749 2.3.1: each part form-urlencoded, then joined with ':' and base64'd (standard
    // alphabet, no line breaks).
    let (u, p) = decoded.split_once(':').unwrap();
    let unq = |s: &str| -> String {
        url::form_urlencoded::parse(format!("x={s}").as_bytes())
            .next()
            .unwrap()
            .1
            .into_owned()
    };
    assert_eq!(unq(u), id);
    assert_eq!(unq(p), secret);
    assert!(!auth.contains('\n') && !auth.contains('-') && !auth.contains('_'));
}

#[tokio::test]
async fn concurrent_first_calls_make_exactly_one_token_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(token_json("tok-shared", json!(3600)))
                .set_delay(Duration::from_millis(200)),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .and(bearer_token("tok-shared"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"meta": {}, "data": []})))
        .expect(64)
        .mount(&server)
        .await;
    let pd = builder(&server).build().unwrap();
    let calls = (0..64).map(|_| {
        let pd = pd.clone();
        tokio::spawn(async move { pd.get("/activities/").await })
    });
    for r in futures_util::future::join_all(calls).await {
        r.unwrap().unwrap();
    }
}

#[tokio::test]
async fn a_failed_token_request_fails_every_waiter_once_and_none_hangs() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"error": "invalid_client"}))
                .set_delay(Duration::from_millis(200)),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let pd = builder(&server).build().unwrap();
    let calls = (0..32).map(|_| {
        let pd = pd.clone();
        tokio::spawn(async move { pd.get("/activities/").await })
    });
    let results = tokio::time::timeout(
        Duration::from_secs(20),
        futures_util::future::join_all(calls),
    )
    .await
    .expect("no caller hangs");
    for r in results {
        match r.unwrap() {
            Err(Error::Auth { status, error, .. }) => {
                assert_eq!(status, Some(pokitdok::StatusCode::UNAUTHORIZED));
                assert_eq!(error.as_deref(), Some("invalid_client"));
            }
            other => panic!("expected Error::Auth, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_token_is_refreshed_ahead_of_its_expiry() {
    let server = MockServer::start().await;
    // Lifetime 2 s, skew 1 s: stale after 1 s although still valid for another second.
    token_endpoint(token_json("tok-a", json!(2)))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    token_endpoint(token_json("tok-b", json!(3600)))
        .expect(1)
        .mount(&server)
        .await;
    mount_api_ok(&server, "tok-a").await;
    mount_api_ok(&server, "tok-b").await;
    let pd = builder(&server)
        .refresh_skew(Duration::from_secs(1))
        .build()
        .unwrap();
    pd.get("/activities/").await.unwrap();
    pd.get("/activities/").await.unwrap(); // still fresh: no new grant
    tokio::time::sleep(Duration::from_millis(1300)).await;
    // Stale but valid: still sent, while one refresh runs in the background.
    pd.get("/activities/").await.unwrap();
    tokio::time::timeout(Duration::from_secs(5), async {
        while pd.token().unwrap().access_token() != "tok-b" {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("the background refresh stores tok-b");
    pd.get("/activities/").await.unwrap();
    assert_eq!(
        common::bearers(&server).await,
        [
            "Bearer tok-a",
            "Bearer tok-a",
            "Bearer tok-a",
            "Bearer tok-b"
        ]
    );
}

#[tokio::test]
async fn a_401_refreshes_once_and_replays_the_request_once() {
    let server = MockServer::start().await;
    mount_token(&server, "tok-old", 1).await;
    mount_token(&server, "tok-new", 1).await;
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/"))
        .and(bearer_token("tok-old"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "Unauthorized"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/"))
        .and(bearer_token("tok-new"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"meta": {}, "data": {"id": "a1"}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let seen2 = seen.clone();
    let pd = builder(&server)
        .on_token(move |t: &Token| seen2.lock().unwrap().push(t.access_token().to_owned()))
        .build()
        .unwrap();
    let body = json!({"trading_partner_id": "MOCKPAYER", "claim": {"total_charge_amount": 60.0}});
    let r = pd.post("/claims/").json(&body).await.unwrap();
    assert_eq!(r.data["id"], "a1");
    assert_eq!(*seen.lock().unwrap(), ["tok-old", "tok-new"]);
    // Both attempts carried the identical body.
    let claims: Vec<Request> = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/api/v4/claims/")
        .collect();
    assert_eq!(claims.len(), 2);
    assert_eq!(claims[0].body, claims[1].body);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&claims[1].body).unwrap(),
        body
    );
}

#[tokio::test]
async fn a_persistent_401_is_an_error_after_at_most_two_token_and_two_api_calls() {
    let server = MockServer::start().await;
    token_endpoint(token_json("tok", json!(3600)))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "Unauthorized"})))
        .expect(2)
        .mount(&server)
        .await;
    let pd = builder(&server).build().unwrap();
    let err = pd.get("/activities/").await.unwrap_err();
    assert!(matches!(err, Error::Unauthorized { .. }), "{err:?}");
    assert_eq!(err.status(), Some(pokitdok::StatusCode::UNAUTHORIZED));
    assert_eq!(err.body().unwrap().message(), Some("Unauthorized"));
}

#[tokio::test]
async fn a_late_401_for_an_old_token_does_not_evict_the_newer_one() {
    let server = MockServer::start().await;
    mount_token(&server, "tok-a", 1).await;
    mount_token(&server, "tok-b", 1).await;
    mount_token(&server, "tok-c", 1).await;
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .and(bearer_token("tok-a"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"message": "Unauthorized"}))
                .set_delay(Duration::from_millis(300)),
        )
        .expect(2)
        .mount(&server)
        .await;
    mount_api_ok(&server, "tok-b").await;
    let pd = builder(&server).build().unwrap();
    pd.fetch_access_token().await.unwrap();
    let (a, b) = tokio::join!(pd.get("/activities/"), async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        pd.get("/activities/").await
    });
    a.unwrap();
    b.unwrap();
    assert_eq!(
        token_requests(&server).await.len(),
        2,
        "tok-c must never be fetched"
    );
    assert_eq!(pd.token().unwrap().access_token(), "tok-b");
}

#[tokio::test]
async fn a_saved_token_is_used_without_any_grant() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    mount_api_ok(&server, "saved-token").await;
    let saved = Token::new("saved-token", Some(Duration::from_secs(3600)));
    let json = serde_json::to_string(&saved).unwrap();
    let restored: Token = serde_json::from_str(&json).unwrap();
    let pd = builder(&server).token(restored).build().unwrap();
    pd.get("/activities/").await.unwrap();
    // Even without client credentials.
    let pd = PokitDok::builder()
        .base_url(server.uri())
        .token(saved)
        .build()
        .unwrap();
    pd.get("/activities/").await.unwrap();
}

#[tokio::test]
async fn an_expired_saved_token_is_replaced_before_use() {
    let server = MockServer::start().await;
    token_endpoint(token_json("fresh", json!(3600)))
        .expect(1)
        .mount(&server)
        .await;
    mount_api_ok(&server, "fresh").await;
    let expired: Token =
        serde_json::from_value(json!({"access_token": "old", "expires": 1000})).unwrap();
    let pd = builder(&server).token(expired).build().unwrap();
    pd.get("/activities/").await.unwrap();
}

#[tokio::test]
async fn auto_refresh_off_returns_the_401_without_a_new_grant() {
    let server = MockServer::start().await;
    token_endpoint(token_json("tok", json!(3600)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "Unauthorized"})))
        .expect(1)
        .mount(&server)
        .await;
    let pd = builder(&server).auto_refresh(false).build().unwrap();
    let err = pd.get("/activities/").await.unwrap_err();
    assert!(matches!(err, Error::Unauthorized { .. }));
}

#[tokio::test]
async fn odd_expires_in_values_from_the_server_never_break_the_client() {
    for expires_in in [
        json!("3600"),
        json!(-1),
        json!(0),
        json!(null),
        json!("soon"),
        json!(1e300),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/oauth2/token"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(token_json("tok", expires_in.clone())),
            )
            .expect(1)
            .mount(&server)
            .await;
        mount_api_ok(&server, "tok").await;
        let pd = builder(&server).build().unwrap();
        pd.get("/activities/").await.unwrap();
        pd.get("/activities/").await.unwrap();
    }
}

#[tokio::test]
async fn token_answers_labelled_text_html_and_with_absolute_expires_are_accepted() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"access_token": "tok", "token_type": "Bearer", "expires": 1407190301, "expires_in": 3600}"#,
            "text/html; charset=utf-8",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let pd = builder(&server).build().unwrap();
    let t = pd.fetch_access_token().await.unwrap();
    assert_eq!(t.token_type(), "bearer");
    assert!(
        !t.is_expired(),
        "expires_in wins over a stale absolute `expires`"
    );
}

#[tokio::test]
async fn a_token_answer_without_access_token_is_an_auth_error() {
    let server = MockServer::start().await;
    token_endpoint(json!({"token_type": "bearer"}))
        .expect(1)
        .mount(&server)
        .await;
    let err = builder(&server)
        .build()
        .unwrap()
        .fetch_access_token()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Auth { status: Some(s), .. } if s == 200),
        "{err:?}"
    );
}

#[tokio::test]
async fn token_and_api_calls_carry_the_user_agent() {
    let server = MockServer::start().await;
    let ua = format!("pokitdok-rust/{} my-service/1.2", env!("CARGO_PKG_VERSION"));
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(header("user-agent", ua.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_json("tok", json!(3600))))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(header("user-agent", ua.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {}})))
        .expect(1)
        .mount(&server)
        .await;
    builder(&server)
        .user_agent_suffix("my-service/1.2")
        .build()
        .unwrap()
        .get("/ssl/")
        .await
        .unwrap();
}

#[tokio::test]
async fn a_client_credentials_client_uses_its_refresh_token_when_it_has_one() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(body_string_contains("grant_type=client_credentials"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"access_token": "tok-1", "expires_in": 3600, "refresh_token": "rt-1"}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("refresh_token=rt-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_json("tok-2", json!(3600))))
        .expect(1)
        .mount(&server)
        .await;
    let pd = builder(&server).build().unwrap();
    pd.fetch_access_token().await.unwrap();
    let t = pd.fetch_access_token().await.unwrap();
    assert_eq!(t.access_token(), "tok-2");
    assert_eq!(
        t.refresh_token(),
        Some("rt-1"),
        "a refresh answer without a new refresh token keeps the old one"
    );
}

// ---------------------------------------------------------------------------------------------
// Authorization code flow

fn code_builder(server: &MockServer) -> pokitdok::PokitDokBuilder {
    builder(server)
        .redirect_uri("https://app.example/callback")
        .scopes(["user_schedule"])
}

#[tokio::test]
async fn the_authorization_url_carries_state_and_a_pkce_s256_challenge() {
    let server = MockServer::start().await;
    let pd = code_builder(&server).build().unwrap();
    let (url, state) = pd.authorization_url().unwrap();
    assert_eq!(url.path(), "/oauth2/authorize");
    assert_eq!(
        url.origin(),
        url::Url::parse(&server.uri()).unwrap().origin()
    );
    let q: HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["client_id"], CLIENT_ID);
    assert_eq!(q["redirect_uri"], "https://app.example/callback");
    assert_eq!(q["scope"], "user_schedule");
    assert_eq!(q["state"], state);
    assert_eq!(q["code_challenge_method"], "S256");
    assert!(q["code_challenge"].len() >= 43);
    assert!(state.len() >= 16);
    let (_, state2) = pd.authorization_url().unwrap();
    assert_ne!(
        state, state2,
        "every authorization request gets a fresh state"
    );
    assert!(!url.as_str().contains(CLIENT_SECRET));
}

#[tokio::test]
async fn the_code_exchange_sends_code_redirect_uri_and_the_pkce_verifier() {
    let server = MockServer::start().await;
    token_endpoint(json!({
            "access_token": "code-tok", "token_type": "bearer", "expires_in": 3600,
            "refresh_token": "rt-1", "scope": "user_schedule"}))
    .expect(1)
    .mount(&server)
    .await;
    let called = Arc::new(Mutex::new(Vec::new()));
    let c2 = called.clone();
    let pd = code_builder(&server)
        .on_token(move |t| c2.lock().unwrap().push(t.access_token().to_owned()))
        .build()
        .unwrap();
    let (url, state) = pd.authorization_url().unwrap();
    let challenge = url
        .query_pairs()
        .find(|(k, _)| k == "code_challenge")
        .unwrap()
        .1
        .into_owned();
    let token = pd.exchange_code("the-code", &state).await.unwrap();
    assert_eq!(token.access_token(), "code-tok");
    assert_eq!(token.refresh_token(), Some("rt-1"));
    assert_eq!(token.scopes(), ["user_schedule"]);
    assert_eq!(*called.lock().unwrap(), ["code-tok"]);
    let reqs = token_requests(&server).await;
    let f = form(&reqs[0]);
    assert_eq!(f["grant_type"], "authorization_code");
    assert_eq!(f["code"], "the-code");
    assert_eq!(f["redirect_uri"], "https://app.example/callback");
    let verifier = &f["code_verifier"];
    assert_eq!(
        URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes())),
        challenge
    );
    // The state was single use.
    let again = pd.exchange_code("the-code", &state).await.unwrap_err();
    assert!(matches!(again, Error::StateMismatch { .. }));
}

#[tokio::test]
async fn a_wrong_or_missing_state_is_refused_without_any_token_request() {
    let server = MockServer::start().await;
    token_endpoint(token_json("x", json!(3600)))
        .expect(0)
        .mount(&server)
        .await;
    let pd = code_builder(&server).build().unwrap();
    let (_url, state) = pd.authorization_url().unwrap();
    for bad in ["", "forged-state", &state[..state.len() - 1]] {
        let err = pd.exchange_code("code", bad).await.unwrap_err();
        assert!(
            matches!(err, Error::StateMismatch { .. }),
            "{bad:?}: {err:?}"
        );
    }
    // A state issued by another client instance is not ours either.
    let other = code_builder(&server).build().unwrap();
    assert!(matches!(
        other.exchange_code("code", &state).await.unwrap_err(),
        Error::StateMismatch { .. }
    ));
}

#[tokio::test]
async fn a_code_flow_client_refreshes_with_its_refresh_token_and_never_falls_back() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(body_string_contains("grant_type=authorization_code"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "tok-1", "expires_in": 1, "refresh_token": "rt-1"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("refresh_token=rt-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "tok-2", "expires_in": 3600, "refresh_token": "rt-2"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(body_string_contains("grant_type=client_credentials"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_json("cc", json!(3600))))
        .expect(0)
        .mount(&server)
        .await;
    mount_api_ok(&server, "tok-2").await;
    let pd = code_builder(&server).build().unwrap();
    // No token yet: the code flow must not silently use client credentials.
    let err = pd.get("/activities/").await.unwrap_err();
    assert!(
        matches!(err, Error::AuthorizationRequired { .. }),
        "{err:?}"
    );
    let (_, state) = pd.authorization_url().unwrap();
    pd.exchange_code("code", &state).await.unwrap();
    // Past the expiry margin (a quarter of the 1 s lifetime): the call waits for the refresh.
    tokio::time::sleep(Duration::from_millis(900)).await;
    pd.get("/activities/").await.unwrap();
    assert_eq!(pd.token().unwrap().refresh_token(), Some("rt-2"));
}

#[tokio::test]
async fn a_refused_refresh_token_in_the_code_flow_requires_authorization_again() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_grant"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(body_string_contains("grant_type=client_credentials"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_json("cc", json!(3600))))
        .expect(0)
        .mount(&server)
        .await;
    let saved: Token = serde_json::from_value(json!({
        "access_token": "old", "refresh_token": "rt-old", "expires": 1000}))
    .unwrap();
    let pd = code_builder(&server).token(saved).build().unwrap();
    let err = pd.get("/activities/").await.unwrap_err();
    assert!(
        matches!(err, Error::AuthorizationRequired { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("invalid_grant"));
}

#[tokio::test]
async fn authorization_url_needs_a_redirect_uri() {
    let server = MockServer::start().await;
    let pd = builder(&server).build().unwrap();
    assert!(matches!(pd.authorization_url(), Err(Error::Config { .. })));
}

// ---------------------------------------------------------------------------------------------
// Token revocation (RFC 7009)

fn revoke_endpoint(status: u16) -> Mock {
    Mock::given(method("POST"))
        .and(path("/oauth2/revoke"))
        .respond_with(ResponseTemplate::new(status))
}

async fn revoke_requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/oauth2/revoke")
        .collect()
}

#[tokio::test]
async fn revoke_token_posts_the_access_token_with_client_auth_then_forgets_it() {
    let server = MockServer::start().await;
    mount_token(&server, "tok-1", 1).await;
    mount_token(&server, "tok-2", 1).await;
    mount_api_ok(&server, "tok-1").await;
    mount_api_ok(&server, "tok-2").await;
    revoke_endpoint(200).expect(1).mount(&server).await;
    // An id and secret that need form-encoding, as RFC 6749 §2.3.1 asks for HTTP Basic.
    let pd = PokitDok::builder()
        .client_id("my id")
        .client_secret("s&cr=t")
        .base_url(server.uri())
        .build()
        .unwrap();
    pd.activities(&Default::default()).await.unwrap();
    assert_eq!(pd.token().unwrap().access_token(), "tok-1");

    pd.revoke_token().await.unwrap();
    let sent = revoke_requests(&server).await;
    assert_eq!(sent.len(), 1);
    let r = &sent[0];
    assert_eq!(r.method.as_str(), "POST");
    assert_eq!(
        String::from_utf8_lossy(&r.body),
        "token=tok-1&token_type_hint=access_token"
    );
    assert_eq!(
        r.headers.get("authorization").unwrap(),
        format!("Basic {}", STANDARD.encode("my+id:s%26cr%3Dt")).as_str()
    );
    assert_eq!(
        r.headers.get("content-type").unwrap(),
        "application/x-www-form-urlencoded"
    );
    assert!(
        r.headers
            .get("user-agent")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("pokitdok-rust/")
    );
    // Forgotten: no token, and the next call fetches a new one instead of sending tok-1.
    assert!(pd.token().is_none());
    pd.activities(&Default::default()).await.unwrap();
    assert_eq!(pd.token().unwrap().access_token(), "tok-2");
    assert_eq!(token_requests(&server).await.len(), 2);
    let bearers: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path().starts_with("/api/"))
        .map(|r| {
            r.headers
                .get("authorization")
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(bearers, ["Bearer tok-1", "Bearer tok-2"]);
}

#[tokio::test]
async fn revoke_token_without_a_token_sends_nothing() {
    let server = MockServer::start().await;
    let pd = builder(&server).build().unwrap();
    pd.revoke_token().await.unwrap();
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_refused_revocation_is_an_auth_error_and_keeps_the_token() {
    let server = MockServer::start().await;
    mount_token(&server, "tok-1", 1).await;
    Mock::given(method("POST"))
        .and(path("/oauth2/revoke"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "unsupported_token_type", "error_description": "no"})))
        .expect(1)
        .mount(&server)
        .await;
    let pd = builder(&server).build().unwrap();
    pd.fetch_access_token().await.unwrap();
    let err = pd.revoke_token().await.unwrap_err();
    match &err {
        Error::Auth { status, error, .. } => {
            assert_eq!(status.map(|s| s.as_u16()), Some(400));
            assert_eq!(error.as_deref(), Some("unsupported_token_type"));
        }
        other => panic!("{other:?}"),
    }
    assert!(!format!("{err:?} {err}").contains("tok-1"));
    assert_eq!(pd.token().unwrap().access_token(), "tok-1");
}

#[tokio::test]
async fn after_revocation_a_held_refresh_token_obtains_the_next_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("refresh_token=rt-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "tok-2", "expires_in": 3600, "refresh_token": "rt-2"})))
        .expect(1)
        .mount(&server)
        .await;
    revoke_endpoint(200).expect(1).mount(&server).await;
    mount_api_ok(&server, "tok-2").await;
    let saved = Token::new("tok-1", Some(Duration::from_secs(3600))).with_refresh_token("rt-1");
    let pd = code_builder(&server).token(saved).build().unwrap();
    pd.revoke_token().await.unwrap();
    assert_eq!(
        String::from_utf8_lossy(&revoke_requests(&server).await[0].body),
        "token=tok-1&token_type_hint=access_token"
    );
    assert!(pd.token().is_none());
    pd.activities(&Default::default()).await.unwrap();
    let t = pd.token().unwrap();
    assert_eq!(t.access_token(), "tok-2");
    assert_eq!(t.refresh_token(), Some("rt-2"));
}

#[tokio::test]
async fn revoking_needs_client_credentials() {
    let server = MockServer::start().await;
    let pd = PokitDok::builder()
        .token(Token::new("tok-1", Some(Duration::from_secs(3600))))
        .base_url(server.uri())
        .build()
        .unwrap();
    let err = pd.revoke_token().await.unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
