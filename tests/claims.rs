//! Claims, claim status, claims convert, claim drafts and validation, payments.

mod common;

use common::{ACCESS_TOKEN, envelope, fixture, fixture_text};
use pokitdok::Error;
use pokitdok::models::activities::ActivityState;
use pokitdok::models::claims::{
    Claim, ClaimDraftRequest, ClaimRequest, ClaimStatusRequest, ClaimTransactionCode,
    CoordinationOfBenefits, PaymentsQuery, ServiceLine,
};
use pokitdok::models::{Member, Paging, Provider, X12File};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

const CLAIMS: [&str; 11] = [
    "claims.request.json",
    "claims.request.2.json",
    "claims.request.3.json",
    "claims.request.4.json",
    "claims.request.5.json",
    "claims.request.6.json",
    "claims.request.7.json",
    "claims.request.8.json",
    "claims.request.9.json",
    "claims.request.10.json",
    "claims.request.11.json",
];

const STATUSES: [&str; 4] = [
    "claim_status.request.json",
    "claim_status.request.2.json",
    "claim_status.request.3.json",
    "claim_status.request.4.json",
];

fn bearer() -> String {
    format!("Bearer {ACCESS_TOKEN}")
}

#[test]
fn claim_request_examples_round_trip() {
    for name in CLAIMS {
        let example = fixture(name);
        let req: ClaimRequest =
            serde_json::from_value(example.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(serde_json::to_value(&req).unwrap(), example, "{name}");
        let dbg = format!("{req:?}");
        assert!(
            !dbg.contains("Doe") && !dbg.contains("DOE"),
            "{name}: {dbg}"
        );
    }
    let cob2: ClaimRequest = serde_json::from_value(fixture("claims.request.10.json")).unwrap();
    assert!(matches!(
        cob2.coordination_of_benefits,
        Some(CoordinationOfBenefits::One(_))
    ));
    let cob3: ClaimRequest = serde_json::from_value(fixture("claims.request.11.json")).unwrap();
    let Some(CoordinationOfBenefits::Many(payers)) = &cob3.coordination_of_benefits else {
        panic!("COB as a list")
    };
    assert!(payers.len() >= 2);
    assert_eq!(
        cob3.coordination_of_benefits
            .as_ref()
            .unwrap()
            .payers()
            .len(),
        payers.len()
    );
    let paid: ClaimRequest = serde_json::from_value(fixture("claims.request.4.json")).unwrap();
    assert_eq!(
        paid.claim.patient_paid_amount.unwrap().to_f64(),
        Some(150.0)
    );
}

#[test]
fn claim_status_request_examples_round_trip() {
    for name in STATUSES {
        let example = fixture(name);
        let req: ClaimStatusRequest =
            serde_json::from_value(example.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(serde_json::to_value(&req).unwrap(), example, "{name}");
        assert!(!format!("{req:?}").contains("1234567890"), "{name}");
    }
}

#[tokio::test]
async fn every_claim_example_is_posted_unchanged() {
    let (server, pd) = common::platform().await;
    for name in CLAIMS {
        let example = fixture(name);
        let _guard = Mock::given(method("POST"))
            .and(path("/api/v4/claims/"))
            .and(header("content-type", "application/json"))
            .and(header("authorization", bearer().as_str()))
            .and(body_json(&example))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(envelope(fixture("claims.response.json"))),
            )
            .expect(1)
            .mount_as_scoped(&server)
            .await;
        let req: ClaimRequest = serde_json::from_value(example).unwrap();
        let activity = pd.claims(&req).await.unwrap().data;
        assert_eq!(
            activity.state_name(),
            Some(&ActivityState::Scheduled),
            "{name}"
        );
        assert_eq!(activity.id.as_deref(), Some("575037af0640fd518fe64c36"));
    }
}

#[tokio::test]
async fn built_claim_goes_over_the_wire() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/"))
        .and(body_json(json!({
            "transaction_code": "chargeable",
            "trading_partner_id": "MOCKPAYER",
            "billing_provider": {"npi": "1234567893", "first_name": "Elizabeth", "last_name": "Blackwell"},
            "subscriber": {"member_id": "W000000000", "first_name": "Jane", "last_name": "Doe"},
            "claim": {"total_charge_amount": 60.0, "service_lines": [{
                "procedure_code": "99213", "charge_amount": "60.0",
                "diagnosis_codes": ["J10.1"], "service_date": "2016-01-25"}]},
            "callback_url": "https://example.test/claims",
            "application_data": {"mock_claim_payment": true}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(fixture("claims.response.json"))))
        .expect(1)
        .mount(&server)
        .await;
    let mut subscriber = Member::default();
    subscriber.member_id = Some("W000000000".into());
    subscriber.first_name = Some("Jane".into());
    subscriber.last_name = Some("Doe".into());
    let claim = Claim::new(
        60.0,
        vec![ServiceLine::new("99213", "60.0", ["J10.1"], "2016-01-25")],
    );
    let req = ClaimRequest::new(
        ClaimTransactionCode::Chargeable,
        "MOCKPAYER",
        Provider::person("1234567893", "Elizabeth", "Blackwell"),
        subscriber,
        claim,
    )
    .callback_url("https://example.test/claims")
    .application_data(json!({"mock_claim_payment": true}));
    pd.claims(&req).await.unwrap();
}

#[tokio::test]
async fn every_claim_status_example_is_posted_unchanged() {
    let (server, pd) = common::platform().await;
    for name in STATUSES {
        let example = fixture(name);
        let _guard = Mock::given(method("POST"))
            .and(path("/api/v4/claims/status"))
            .and(header("authorization", bearer().as_str()))
            .and(body_json(&example))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(envelope(fixture("claim_status.response.3.json"))),
            )
            .expect(1)
            .mount_as_scoped(&server)
            .await;
        let req: ClaimStatusRequest = serde_json::from_value(example).unwrap();
        let s = pd.claims_status(&req).await.unwrap().data;
        let claim = &s.patient.as_ref().unwrap().claims[0];
        assert!(claim.statuses[0].status_category_code.is_some(), "{name}");
    }
}

async fn convert_with(file: X12File, filename: &str) {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/convert"))
        .and(header("authorization", bearer().as_str()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(fixture("claims_convert.response.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    let converted = pd
        .convert_claims(&file)
        .await
        .unwrap()
        .data
        .into_ready()
        .expect("one claim: the conversion itself");
    assert_eq!(
        converted.claims_request.as_ref().unwrap().transaction_code,
        ClaimTransactionCode::Chargeable
    );

    let requests: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/api/v4/claims/convert")
        .collect();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    let ct = r.headers.get("content-type").unwrap().to_str().unwrap();
    assert!(ct.starts_with("multipart/form-data; boundary="), "{ct}");
    let body = String::from_utf8_lossy(&r.body);
    assert!(body.contains("name=\"file\""), "{body}");
    assert!(body.contains(&format!("filename=\"{filename}\"")), "{body}");
    assert!(!body.contains(std::env::temp_dir().to_string_lossy().as_ref()));
    assert!(
        body.contains(&format!(
            "filename=\"{filename}\"\r\nContent-Type: application/EDI-X12\r\n\r\n"
        )),
        "{body}"
    );
    assert!(body.contains(&fixture_text("claims_convert.request.x12")));
}

#[tokio::test]
async fn converts_from_bytes() {
    let bytes = fixture_text("claims_convert.request.x12").into_bytes();
    convert_with(
        X12File::from_bytes("test_claim.837", bytes),
        "test_claim.837",
    )
    .await;
}

#[tokio::test]
async fn converts_from_a_path() {
    let dir = std::env::temp_dir().join(format!("pokitdok-x12-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("from_disk.837");
    std::fs::write(&file, fixture_text("claims_convert.request.x12")).unwrap();
    convert_with(X12File::from_path(&file), "from_disk.837").await;
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn unreadable_file_sends_nothing() {
    let (server, pd) = common::platform().await;
    let err = pd
        .convert_claims(&X12File::from_path("/nonexistent/dir/claims.837"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert!(
        server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .all(|r| !r.url.path().starts_with("/api/"))
    );
}

#[tokio::test]
async fn validate_claim_posts_the_claim() {
    let (server, pd) = common::platform().await;
    let example = fixture("claims.request.json");
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/validate/"))
        .and(body_json(&example))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(json!({"valid": true}))))
        .expect(1)
        .mount(&server)
        .await;
    let req: ClaimRequest = serde_json::from_value(example).unwrap();
    let r = pd.validate_claim(&req).await.unwrap();
    assert_eq!(r.data, json!({"valid": true}));
}

#[tokio::test]
async fn claim_drafts_crud_and_validate() {
    let (server, pd) = common::platform().await;
    let draft_json = json!({"trading_partner_id": "MOCKPAYER", "transaction_code": "chargeable"});
    let answer = json!({"id": "d1", "draft": draft_json, "validation_result": {"errors": []}});
    let ok = || ResponseTemplate::new(200).set_body_json(envelope(answer.clone()));
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/drafts/"))
        .and(body_json(json!({"draft": draft_json})))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/claims/drafts/"))
        .and(query_param("limit", "2"))
        .and(query_param("offset", "4"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(json!([answer]))))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/claims/drafts/d1"))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/api/v4/claims/drafts/d1"))
        .and(body_json(json!({"draft": draft_json})))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/v4/claims/drafts/d1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/claims/drafts/d1/validate"))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;

    let req = ClaimDraftRequest::new(draft_json.clone());
    assert_eq!(
        pd.create_claim_draft(&req)
            .await
            .unwrap()
            .data
            .id
            .as_deref(),
        Some("d1")
    );
    let paging = Paging {
        limit: Some(2),
        offset: Some(4),
    };
    assert_eq!(pd.claim_drafts(&paging).await.unwrap().data.len(), 1);
    assert_eq!(
        pd.claim_draft("d1").await.unwrap().data.draft,
        Some(draft_json.clone())
    );
    pd.update_claim_draft("d1", &req).await.unwrap();
    assert_eq!(
        pd.delete_claim_draft("d1").await.unwrap().data,
        serde_json::Value::Null
    );
    let v = pd.validate_claim_draft("d1").await.unwrap().data;
    assert_eq!(v.validation_result, Some(json!({"errors": []})));

    // A complete claim can be turned into a draft.
    let claim: ClaimRequest = serde_json::from_value(fixture("claims.request.json")).unwrap();
    let d = ClaimDraftRequest::from_claim(&claim).unwrap();
    assert_eq!(d.draft, fixture("claims.request.json"));
}

#[tokio::test]
async fn payments_list_get_data() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/payments/"))
        .and(query_param("trading_partner_id", "MOCKPAYER"))
        .and(query_param("check_eft_trace_number", "70408535"))
        .and(query_param("limit", "10"))
        .and(header("authorization", bearer().as_str()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(fixture("payments.list.response.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/payments/5930819201a3af0082bc3dfb"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(fixture("payments.get.response.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/payments/5930819201a3af0082bc3dfb/data"))
        .and(header("accept", "application/json"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(json!([fixture("claims.response.3.json")]))),
        )
        .expect(1)
        .mount(&server)
        .await;
    let x12 = fixture_text("payments.data.response.x12");
    Mock::given(method("GET"))
        .and(path("/api/v4/payments/5930819201a3af0082bc3dfb/data"))
        .and(header("accept", "application/edi-x12"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(x12.clone(), "application/edi-x12"))
        .expect(1)
        .mount(&server)
        .await;

    let q = PaymentsQuery::new()
        .trading_partner_id("MOCKPAYER")
        .check_eft_trace_number("70408535")
        .limit(10);
    let page = pd.payments(&q).await.unwrap();
    assert_eq!(
        page.data[0].total.as_ref().unwrap().amount.as_decimal_str(),
        "15096.46"
    );
    let p = pd.payment("5930819201a3af0082bc3dfb").await.unwrap().data;
    assert_eq!(p.payer.unwrap().name.as_deref(), Some("POKITDOK MOCKPAYER"));
    let data = pd
        .payment_data("5930819201a3af0082bc3dfb")
        .await
        .unwrap()
        .data;
    assert_eq!(
        data[0].claim_payments[0].control_number.as_deref(),
        Some("20161205123456789")
    );
    let raw = pd
        .payment_data_x12("5930819201a3af0082bc3dfb")
        .await
        .unwrap();
    assert_eq!(raw, x12);
    assert!(raw.contains("ST*835*1740~"));
}

#[tokio::test]
async fn hostile_ids_are_encoded_or_refused() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/payments/a%2Fb%3Fc%23d"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(fixture("payments.get.response.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/claims/drafts/a%2Fb%3Fc%23d/validate"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(json!({"id": "x"}))))
        .expect(1)
        .mount(&server)
        .await;
    pd.payment("a/b?c#d").await.unwrap();
    pd.validate_claim_draft("a/b?c#d").await.unwrap();

    let draft = ClaimDraftRequest::new(json!({}));
    for bad in ["..", ".", ""] {
        assert!(matches!(pd.payment(bad).await, Err(Error::Config { .. })));
        assert!(matches!(
            pd.payment_data(bad).await,
            Err(Error::Config { .. })
        ));
        assert!(matches!(
            pd.payment_data_x12(bad).await,
            Err(Error::Config { .. })
        ));
        assert!(matches!(
            pd.claim_draft(bad).await,
            Err(Error::Config { .. })
        ));
        assert!(matches!(
            pd.update_claim_draft(bad, &draft).await,
            Err(Error::Config { .. })
        ));
        assert!(matches!(
            pd.delete_claim_draft(bad).await,
            Err(Error::Config { .. })
        ));
        assert!(matches!(
            pd.validate_claim_draft(bad).await,
            Err(Error::Config { .. })
        ));
    }
    let api_calls = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path().starts_with("/api/"))
        .count();
    assert_eq!(api_calls, 2);
}

#[tokio::test]
async fn queue_claims_status_sends_async_true_and_decodes_the_activity() {
    let (server, pd) = common::platform().await;
    let mut expected = fixture("claim_status.request.json");
    expected["async"] = json!(true);
    expected["application_data"] = json!({"ticket": 7});
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/status"))
        .and(header("authorization", bearer().as_str()))
        .and(body_json(&expected))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(fixture("activities.get.response.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    let mut req: ClaimStatusRequest =
        serde_json::from_value(fixture("claim_status.request.json")).unwrap();
    req.application_data = Some(json!({"ticket": 7}));
    let activity = pd.queue_claims_status(&req).await.unwrap().data;
    assert_eq!(activity.id.as_deref(), Some("5745e9920640fd7aa95935f5"));
    assert_eq!(activity.state_name(), Some(&ActivityState::Completed));
}

#[tokio::test]
async fn claims_status_refuses_an_async_request_without_sending() {
    let (server, pd) = common::platform().await;
    let mut req: ClaimStatusRequest =
        serde_json::from_value(fixture("claim_status.request.json")).unwrap();
    req.async_ = Some(true);
    let err = pd.claims_status(&req).await.unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert!(err.to_string().contains("queue_claims_status"), "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}

#[tokio::test]
async fn convert_claims_decodes_a_batch_activity_as_queued() {
    let (server, pd) = common::platform().await;
    // What the platform answers for an 837 with several claims: the batch activity.
    let batch = json!({
        "id": "5745e9920640fd7aa95935f6", "name": "claims_convert", "units_of_work": 2,
        "trading_partner_id": "MOCKPAYER",
        "state": {"name": "completed", "title": "Completed"},
        "transition_path": ["process", "complete"],
        "history": [{"record_dt": "2016-05-25T18:06:11.239000", "name": "init",
                     "title": "Initializing"}]
    });
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/convert"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(batch)))
        .expect(1)
        .mount(&server)
        .await;
    let file = X12File::from_bytes("two.837", fixture_text("claims_convert.request.x12"));
    let answer = pd.convert_claims(&file).await.unwrap().data;
    assert!(answer.is_queued());
    assert!(answer.ready().is_none());
    let batch = answer.queued().unwrap();
    assert_eq!(batch.id.as_deref(), Some("5745e9920640fd7aa95935f6"));
    assert_eq!(batch.units_of_work, Some(2));
    assert_eq!(batch.state_name(), Some(&ActivityState::Completed));
}

#[test]
fn convert_answers_decode_by_shape_and_never_fail_for_either_documented_one() {
    use pokitdok::Answer;
    use pokitdok::models::claims::ClaimsConvert;
    let ready: Answer<ClaimsConvert> =
        serde_json::from_value(fixture("claims_convert.response.json")).unwrap();
    let converted = ready.clone().into_ready().expect("a conversion is ready");
    assert!(converted.claims_request.is_some());
    assert!(!converted.diagnosis_mappings.is_empty());
    // Serializes back as the bare result.
    assert_eq!(
        serde_json::to_value(&ready).unwrap(),
        fixture("claims_convert.response.json")
    );
    let queued: Answer<ClaimsConvert> =
        serde_json::from_value(fixture("activities.get.response.json")).unwrap();
    assert!(queued.is_queued() && queued.clone().into_ready().is_none());
    assert_eq!(
        serde_json::to_value(&queued).unwrap(),
        fixture("activities.get.response.json")
    );
    // An empty object is no activity: an (empty) conversion.
    let empty: Answer<ClaimsConvert> = serde_json::from_value(json!({})).unwrap();
    assert!(empty.ready().is_some());
}
