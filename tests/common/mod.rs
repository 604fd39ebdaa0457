//! Shared test helpers: a wiremock platform with a token endpoint, and fixture loading.
#![allow(dead_code)]

use pokitdok::PokitDok;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const CLIENT_ID: &str = "test-client-id";
pub const CLIENT_SECRET: &str = "test-client-secret";
pub const ACCESS_TOKEN: &str = "test-access-token-0123456789";

/// A mock platform whose token endpoint answers every grant with `ACCESS_TOKEN`, and a client
/// pointed at it.
pub async fn platform() -> (MockServer, PokitDok) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": ACCESS_TOKEN, "token_type": "bearer", "expires_in": 3600})))
        .named("token endpoint")
        .mount(&server)
        .await;
    let pd = client(&server);
    (server, pd)
}

/// A client-credentials client for `server` (no token yet).
pub fn client(server: &MockServer) -> PokitDok {
    PokitDok::builder()
        .client_id(CLIENT_ID)
        .client_secret(CLIENT_SECRET)
        .base_url(server.uri())
        .build()
        .expect("client builds")
}

/// A fixture (a documented example, owned by `pokitdok-sandbox`), as text.
pub fn fixture_text(name: &str) -> String {
    pokitdok_sandbox::fixtures::text(name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
        .to_owned()
}

/// A fixture, as JSON.
pub fn fixture(name: &str) -> Value {
    serde_json::from_str(&fixture_text(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The envelope `{meta, data}` around `data`, as the platform sends it.
pub fn envelope(data: Value) -> Value {
    json!({"meta": {"activity_id": "5745e9920640fd7aa95935f5", "processing_time": 12,
                    "application_mode": "test", "credits_billed": 1, "credits_remaining": 99},
           "data": data})
}

/// The API requests (`/api/...`, not token requests) `server` received, in order.
pub async fn api_received(server: &MockServer) -> Vec<wiremock::Request> {
    let mut all = server.received_requests().await.unwrap();
    all.retain(|r| r.url.path().starts_with("/api/"));
    all
}

/// How many API requests `server` received.
#[allow(dead_code)]
pub async fn api_request_count(server: &MockServer) -> usize {
    api_received(server).await.len()
}

/// The `Authorization` headers of the API requests `server` received, in order.
#[allow(dead_code)]
pub async fn bearers(server: &MockServer) -> Vec<String> {
    api_received(server)
        .await
        .iter()
        .map(|r| r.headers["authorization"].to_str().unwrap().to_owned())
        .collect()
}
