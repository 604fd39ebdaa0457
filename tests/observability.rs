//! A TRACE-level capture of a whole flow (RELIABILITY.md §5 case 38): spans carry the
//! OpenTelemetry names, path templates instead of ids, the resend count and the activity id,
//! and a retry is visible — while no secret, token, query value, id of a person or body value
//! appears anywhere.
//!
//! One test in this binary: it installs the global subscriber.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pokitdok::PokitDok;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "SENTINEL-CLIENT-SECRET-0001";
const TOKEN: &str = "SENTINEL-ACCESS-TOKEN-0002";
const PATIENT: &str = "SENTINEL-PATIENT-DOE";
const BIRTH: &str = "1951-07-04";
const MEMBER: &str = "SENTINELMEMBER77";
const NPI: &str = "9999999995";
const UUID: &str = "5e7c5a1a-0000-4000-8000-5e7c5a1a0bad";
const APP_DATA: &str = "SENTINEL-APP-DATA";

/// Everything `tracing` emits, at every level, from every crate.
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
async fn a_trace_capture_of_a_whole_flow_shows_the_pipeline_and_nothing_private() {
    let capture = Capture::default();
    let writer = capture.clone();
    tracing::subscriber::set_global_default(
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .finish(),
    )
    .unwrap();

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": TOKEN, "token_type": "bearer", "expires_in": 3600})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "meta": {"activity_id": "5745e9920640fd7aa95935f5", "rate_limit_amount": 1},
            "data": {"subscriber": {"first_name": PATIENT, "birth_date": BIRTH, "id": MEMBER}}})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "meta": {"activity_id": "5745e9920640fd7aa95935f6"},
            "data": {"id": "5745e9920640fd7aa95935f6", "name": "claims",
                     "application_data": {"patient_id": APP_DATA}}})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/identity"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": [
            {"uuid": UUID, "first_name": PATIENT, "birth_date": BIRTH}]})))
        .mount(&server)
        .await;
    // One 503, then the answer: the retry must be visible.
    Mock::given(method("GET"))
        .and(path(format!("/api/v4/providers/{NPI}").as_str()))
        .respond_with(ResponseTemplate::new(503).set_body_string(PATIENT))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/api/v4/providers/{NPI}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {"npi": NPI}})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/api/v4/identity/{UUID}").as_str()))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"message": PATIENT})))
        .mount(&server)
        .await;

    let pd = PokitDok::builder()
        .client_id("sentinel-client-id")
        .client_secret(SECRET)
        .base_url(server.uri())
        .retry(pokitdok::RetryPolicy::default().base_delay(Duration::from_millis(10)))
        .build()
        .unwrap();
    pd.post("/eligibility/")
        .json(
            &json!({"member": {"first_name": PATIENT, "birth_date": BIRTH, "id": MEMBER},
                      "trading_partner_id": "MOCKPAYER"}),
        )
        .send()
        .await
        .unwrap();
    pd.post("/claims/")
        .json(
            &json!({"subscriber": {"first_name": PATIENT, "member_id": MEMBER},
                      "application_data": {"patient_id": APP_DATA}}),
        )
        .send()
        .await
        .unwrap();
    // Patient data in the query string.
    pd.get("/identity")
        .query(&[
            ("first_name", PATIENT),
            ("birth_date", BIRTH),
            ("member_id", MEMBER),
        ])
        .send()
        .await
        .unwrap();
    // A provider by NPI, retried after a 503.
    pd.get(format!("/providers/{NPI}")).send().await.unwrap();
    // A person's uuid in the path of a failing call.
    pd.get(format!("/identity/{UUID}"))
        .send()
        .await
        .unwrap_err();

    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    // What must be there: OpenTelemetry names, templates, statuses, the retry.
    for expected in [
        "pokitdok.request",
        "http.request.method=POST",
        "http.request.method=GET",
        "url.template=/eligibility/",
        "url.template=/claims/",
        "url.template=/identity",
        "url.template=/providers/{id}",
        "url.template=/identity/{id}",
        "http.response.status_code=200",
        "http.response.status_code=503",
        "http.response.status_code=404",
        "http.request.resend_count=1",
        "pokitdok.activity_id=5745e9920640fd7aa95935f5",
        "pokitdok.duration_ms=",
        "error.type=404",
        "retrying",
        "503 service unavailable",
        "delay_ms=",
    ] {
        assert!(
            logs.contains(expected),
            "{expected:?} missing from:\n{logs}"
        );
    }
    // The claims call ended at its first attempt, sent inline (the token was cached by then):
    // its spans close with the fields the attempts' loop would have recorded.
    let closes = |attempt: bool| {
        logs.lines()
            .find(|l| {
                l.contains("url.template=/claims/")
                    && l.contains(": close ")
                    && l.contains("pokitdok.attempt{") == attempt
            })
            .unwrap_or_else(|| panic!("no close of the claims call's span in:\n{logs}"))
    };
    let (call, attempt) = (closes(false), closes(true));
    for field in [
        "http.request.resend_count=0",
        "http.response.status_code=200",
        "pokitdok.duration_ms=",
        "pokitdok.activity_id=5745e9920640fd7aa95935f6",
    ] {
        assert!(call.contains(field), "{field:?} missing: {call}");
    }
    assert!(
        attempt.contains(
            "pokitdok.attempt{http.request.resend_count=0 http.response.status_code=200}"
        ),
        "{attempt}"
    );
    // What must never be there.
    for secret in [
        SECRET,
        TOKEN,
        PATIENT,
        BIRTH,
        MEMBER,
        NPI,
        UUID,
        APP_DATA,
        "first_name=",
    ] {
        assert!(!logs.contains(secret), "{secret:?} leaked into:\n{logs}");
    }
}
