//! Secrets and patient data never reach `Debug`, `Display`, errors or logs.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pokitdok::{Error, PokitDok, Token};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "SENTINEL-CLIENT-SECRET";
const ACCESS: &str = "SENTINEL-ACCESS-TOKEN";
const REFRESH: &str = "SENTINEL-REFRESH-TOKEN";
const PATIENT: &str = "SENTINEL-PATIENT-NAME";
const BIRTH: &str = "1911-11-11";

fn assert_clean(what: &str, text: &str) {
    for s in [SECRET, ACCESS, REFRESH, PATIENT, BIRTH] {
        assert!(!text.contains(s), "{what} contains {s}: {text}");
    }
}

async fn platform() -> (MockServer, PokitDok) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": ACCESS, "refresh_token": REFRESH, "token_type": "bearer", "expires_in": 3600})))
        .mount(&server)
        .await;
    let pd = PokitDok::builder()
        .client_id("client-id")
        .client_secret(SECRET)
        .base_url(server.uri())
        .build()
        .unwrap();
    (server, pd)
}

#[tokio::test]
async fn debug_of_builder_client_and_token_hides_secrets() {
    let builder = PokitDok::builder()
        .client_id("client-id")
        .client_secret(SECRET)
        .token(Token::new(ACCESS, Some(Duration::from_secs(60))).with_refresh_token(REFRESH));
    assert_clean("builder", &format!("{builder:?}"));
    let (_server, pd) = platform().await;
    pd.fetch_access_token().await.unwrap();
    assert_clean("client", &format!("{pd:?}"));
    let token = pd.token().unwrap();
    assert_eq!(token.access_token(), ACCESS);
    assert_clean("token", &format!("{token:?}"));
    assert!(
        format!("{pd:?}").contains("client-id"),
        "the client id is not secret"
    );
}

#[tokio::test]
async fn token_endpoint_errors_do_not_echo_the_secret() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_client", "error_description": "bad client"})))
        .expect(1)
        .mount(&server)
        .await;
    let pd = PokitDok::builder()
        .client_id("client-id")
        .client_secret(SECRET)
        .base_url(server.uri())
        .build()
        .unwrap();
    let e = pd.fetch_access_token().await.unwrap_err();
    assert!(matches!(&e, Error::Auth { error: Some(code), .. } if code == "invalid_client"));
    assert!(e.to_string().contains("invalid_client"));
    assert_clean("auth error", &format!("{e} {e:?}"));
}

#[tokio::test]
async fn request_builders_and_api_errors_hide_bodies() {
    let (server, pd) = platform().await;
    let body = json!({"member": {"first_name": PATIENT, "birth_date": BIRTH}});
    let rb = pd
        .post("/eligibility/")
        .json(&body)
        .query(&[("last_name", PATIENT)]);
    assert_clean("request builder", &format!("{rb:?}"));
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .respond_with(ResponseTemplate::new(422).set_body_json(json!({
            "meta": {"message": PATIENT},
            "data": {"errors": {"validation": {"member.first_name": [format!("{PATIENT} is not valid")]}}}})))
        .mount(&server)
        .await;
    let e = rb.send().await.unwrap_err();
    assert_clean("validation error", &format!("{e} {e:?}"));
    // ...but nothing is lost: the body stays reachable.
    assert!(e.body().unwrap().raw().text().contains(PATIENT));
}

#[tokio::test]
async fn models_with_patient_data_have_a_redacted_debug() {
    let member = pokitdok::models::Member::new("W000000000", PATIENT, PATIENT, BIRTH);
    assert_clean("member", &format!("{member:?}"));
    let addr = pokitdok::models::Address::new(["1 SENTINEL-PATIENT-NAME ST"], "X", "SC", "29301");
    assert_clean("address", &format!("{addr:?}"));
}

/// Collects everything `tracing` emits, at every level, from every crate.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_trace_level_capture_of_a_whole_flow_holds_no_secret_or_phi() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    // Other tests of this binary may have hit our callsites before this subscriber existed.
    tracing::callsite::rebuild_interest_cache();

    let (server, pd) = platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "meta": {"activity_id": "a1"}, "data": {"subscriber": {"first_name": PATIENT, "birth_date": BIRTH}}})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    pd.post("/eligibility/")
        .json(&json!({"member": {"first_name": PATIENT, "birth_date": BIRTH}}))
        .send()
        .await
        .unwrap();
    let _ = pd
        .post("/claims/")
        .json(&json!({"subscriber": {"first_name": PATIENT}}))
        .send()
        .await;
    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("pokitdok.request"),
        "spans were recorded: {logs}"
    );
    assert!(logs.contains("url.template=/eligibility/"), "{logs}");
    assert!(
        logs.contains("http.response.status_code=200")
            && logs.contains("http.response.status_code=401"),
        "{logs}"
    );
    assert_clean("trace output", &logs);
}
