//! Eligibility: JSON and raw X12 forms, request examples sent byte-exact.

mod common;

use common::{ACCESS_TOKEN, envelope, fixture, fixture_text};
use pokitdok::Error;
use pokitdok::models::eligibility::{
    EligibilityRequest, ProcedureIdQualifier, RejectReason, ServiceType, X12ErrorData, X12Json,
};
use pokitdok::models::{Member, Provider};
use serde_json::json;
use wiremock::matchers::{body_json, body_string, header, method, path};
use wiremock::{Mock, ResponseTemplate};

const REQUESTS: [&str; 10] = [
    "eligibility.request.json",
    "eligibility.request.2.json",
    "eligibility.request.3.json",
    "eligibility.request.4.json",
    "eligibility.request.5.json",
    "eligibility.request.6.json",
    "eligibility.request.7.json",
    "eligibility.request.8.json",
    "eligibility.request.9.json",
    "eligibility.request.10.json",
];

#[test]
fn request_examples_round_trip() {
    for name in REQUESTS {
        let example = fixture(name);
        let req: EligibilityRequest =
            serde_json::from_value(example.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(serde_json::to_value(&req).unwrap(), example, "{name}");
        // Debug shows no member data.
        assert!(!format!("{req:?}").contains("W000000000"), "{name}");
    }
    let r7: EligibilityRequest =
        serde_json::from_value(fixture("eligibility.request.7.json")).unwrap();
    assert_eq!(r7.service_types, vec![ServiceType::EmergencyServices]);
    let r9: EligibilityRequest =
        serde_json::from_value(fixture("eligibility.request.9.json")).unwrap();
    assert_eq!(r9.procedure_id_qualifier, Some(ProcedureIdQualifier::Hcpcs));
}

#[tokio::test]
async fn every_request_example_goes_over_the_wire_unchanged() {
    let (server, pd) = common::platform().await;
    for name in REQUESTS {
        let example = fixture(name);
        let _guard = Mock::given(method("POST"))
            .and(path("/api/v4/eligibility/"))
            .and(header("content-type", "application/json"))
            .and(header(
                "authorization",
                format!("Bearer {ACCESS_TOKEN}").as_str(),
            ))
            .and(body_json(&example))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(envelope(fixture("eligibility.response.6.json"))),
            )
            .expect(1)
            .mount_as_scoped(&server)
            .await;
        let req: EligibilityRequest = serde_json::from_value(example).unwrap();
        let r = pd.eligibility(&req).await.unwrap();
        assert_eq!(r.data.valid_request, Some(true), "{name}");
    }
}

#[tokio::test]
async fn built_request_and_rejection_response() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .and(body_json(json!({
            "member": {"id": "W000000000", "first_name": "Jane", "last_name": "Doe",
                       "birth_date": "1970-01-25"},
            "provider": {"npi": "1467560003", "first_name": "JEROME", "last_name": "AYA-AY"},
            "trading_partner_id": "MOCKPAYER",
            "service_types": ["health_benefit_plan_coverage", "emergency_services"],
            "cpt_code": "81291",
            "application_data": {"patient_id": "ABC1234XYZ"}
        })))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(fixture("eligibility.response.5.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    let req = EligibilityRequest::new(
        Member::new("W000000000", "Jane", "Doe", "1970-01-25"),
        Provider::person("1467560003", "JEROME", "AYA-AY"),
        "MOCKPAYER",
    )
    .service_types([
        ServiceType::HealthBenefitPlanCoverage,
        ServiceType::EmergencyServices,
    ])
    .cpt_code("81291")
    .application_data(json!({"patient_id": "ABC1234XYZ"}));
    let e = pd.eligibility(&req).await.unwrap().data;
    assert_eq!(e.valid_request, Some(false));
    assert_eq!(e.reject_reason, Some(RejectReason::ProviderNotOnFile));
    assert_eq!(e.subscriber.unwrap().rejections.len(), 3);
}

#[tokio::test]
async fn trading_partner_999_is_a_typed_error() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture("errors.parsing.response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let req: EligibilityRequest =
        serde_json::from_value(fixture("eligibility.request.json")).unwrap();
    let err = pd.eligibility(&req).await.unwrap_err();
    assert!(matches!(err, Error::TradingPartner { .. }), "{err:?}");
    let data = X12ErrorData::from_error(&err).unwrap();
    let ack = data.errors.parsing.unwrap();
    assert_eq!(ack.functional_group_acknowledge_code.as_deref(), Some("R"));
    assert_eq!(ack.segment_errors[0].loop_id_code.as_deref(), Some("2100"));
}

#[tokio::test]
async fn raw_x12_in_and_out() {
    let (server, pd) = common::platform().await;
    let x12_270 = fixture_text("raw_x12.eligibility.request.x12");
    let x12_271 = fixture_text("raw_x12.eligibility.response.x12");
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .and(header("content-type", "application/edi-x12"))
        .and(header("accept", "application/edi-x12"))
        .and(body_string(x12_270.clone()))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(x12_271.clone(), "application/edi-x12"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let answer = pd.eligibility_x12(&x12_270).await.unwrap();
    assert_eq!(answer, x12_271);
}

#[tokio::test]
async fn x12_json_in_and_out() {
    let (server, pd) = common::platform().await;
    let example = fixture("raw_x12.eligibility.request.json");
    let req: X12Json = serde_json::from_value(example.clone()).unwrap();
    assert_eq!(serde_json::to_value(&req).unwrap(), example);
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .and(header(
            "content-type",
            "application/vnd.pokitdok.v4+edi-x12-json",
        ))
        .and(header("accept", "application/vnd.pokitdok.v4+edi-x12-json"))
        .and(body_json(&example))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture("raw_x12.eligibility.response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let r = pd.eligibility_x12_json(&req).await.unwrap();
    assert!(r.data.x12.contains("ST*271*0001"));
    assert_eq!(r.meta.processing_time, Some(133));
}

#[tokio::test]
async fn full_x12_json_answer() {
    let (server, pd) = common::platform().await;
    let example = fixture("eligibility.request.json");
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .and(header("content-type", "application/json"))
        .and(header(
            "accept",
            "application/vnd.pokitdok.v4+full-x12-json",
        ))
        .and(body_json(&example))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(fixture("raw_x12.full_x12_json.response.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    let req: EligibilityRequest = serde_json::from_value(example).unwrap();
    let r = pd.eligibility_full_x12_json(&req).await.unwrap();
    assert_eq!(r.data.x12_segments.len(), 17);
    assert_eq!(r.data.x12_segments[10].segment_id, "STC");
}

fn activity_answer() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(envelope(fixture("activities.get.response.json")))
}

#[tokio::test]
async fn queue_eligibility_sends_async_true_keeping_callback_and_application_data() {
    let (server, pd) = common::platform().await;
    // The documented request with application_data, plus "async": true and its callback.
    let mut expected = fixture("eligibility.request.10.json");
    expected["async"] = json!(true);
    expected["callback_url"] = json!("https://app.example/cb");
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .and(header("content-type", "application/json"))
        .and(body_json(&expected))
        .respond_with(activity_answer())
        .expect(1)
        .mount(&server)
        .await;
    let mut req: EligibilityRequest =
        serde_json::from_value(fixture("eligibility.request.10.json")).unwrap();
    req.callback_url = Some("https://app.example/cb".into());
    assert_eq!(req.async_, None);
    let activity = pd.queue_eligibility(&req).await.unwrap().data;
    assert_eq!(activity.id.as_deref(), Some("5745e9920640fd7aa95935f5"));
    assert!(activity.is_finished());
}

#[tokio::test]
async fn a_request_asking_for_async_is_refused_by_the_real_time_forms_before_sending() {
    let (server, pd) = common::platform().await;
    let queued = EligibilityRequest::new(
        Member::new("W000000000", "Jane", "Doe", "1970-01-25"),
        Provider::person("1467560003", "JEROME", "AYA-AY"),
        "MOCKPAYER",
    )
    .callback("https://app.example/cb");
    for err in [
        pd.eligibility(&queued).await.unwrap_err(),
        pd.eligibility_full_x12_json(&queued).await.unwrap_err(),
    ] {
        assert!(matches!(err, Error::Config { .. }), "{err:?}");
        assert!(err.to_string().contains("queue_eligibility"), "{err}");
    }
    // "async" given through `extra` counts too.
    let mut extra = queued.clone();
    extra.async_ = None;
    extra.extra.insert("async".into(), json!(true));
    let err = pd.eligibility(&extra).await.unwrap_err();
    assert!(err.to_string().contains("queue_eligibility"), "{err}");
    // Nothing went out: no API call, not even a token request.
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}

#[tokio::test]
async fn queue_eligibility_sends_one_async_key_when_extra_has_one_too() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .respond_with(activity_answer())
        .expect(1)
        .mount(&server)
        .await;
    let mut req = EligibilityRequest::new(
        Member::new("W000000000", "Jane", "Doe", "1970-01-25"),
        Provider::person("1467560003", "JEROME", "AYA-AY"),
        "MOCKPAYER",
    );
    req.extra.insert("async".into(), json!(false));
    pd.queue_eligibility(&req).await.unwrap();
    let sent = &server.received_requests().await.unwrap();
    let body = sent
        .iter()
        .find(|r| r.url.path() == "/api/v4/eligibility/")
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .unwrap();
    assert_eq!(body.matches("\"async\"").count(), 1, "{body}");
    assert!(body.contains("\"async\":true"), "{body}");
}

#[tokio::test]
async fn eligibility_constants_are_typed_leniently() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/eligibility/constants"))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(json!({
            "service_types": {"chiropractic": "33", "health_benefit_plan_coverage": 30},
            "coverage_levels": ["family", "individual"]
        }))))
        .expect(1)
        .mount(&server)
        .await;
    let constants = pd.eligibility_constants().await.unwrap().data;
    assert_eq!(constants.service_type_code("chiropractic"), Some("33"));
    assert_eq!(
        constants.service_type_code("health_benefit_plan_coverage"),
        Some("30")
    );
    assert_eq!(constants.service_type_name("33"), Some("chiropractic"));
    assert_eq!(
        constants.extra["coverage_levels"],
        json!(["family", "individual"])
    );
}
