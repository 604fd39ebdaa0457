//! Authorizations, referrals, enrollment, CCD, enrollment snapshots and X12 file uploads
//! against a wiremock platform.

mod common;

use common::{ACCESS_TOKEN, envelope, fixture};
use pokitdok::models::activities::ActivityState;
use pokitdok::models::claims::PlaceOfService;
use pokitdok::models::eligibility::ServiceType;
use pokitdok::models::transactions::{
    AuthorizationRequest, CertificationAction, EnrollmentGender, EnrollmentRequest, FollowUpAction,
    MaintenanceReason, ReferralRequest, ReviewCategory, ReviewMember, ReviewProvider,
};
use pokitdok::models::{Paging, X12File};
use pokitdok::{Error, PokitDok};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const X12_270: &[u8] = b"ISA*00*          *00*          *ZZ*SENDER         *ZZ*MOCKPAYER      *160525*1200*^*00501*000000001*0*T*:~GS*HS*SENDER*MOCKPAYER*20160525*1200*1*X*005010X279A1~ST*270*0001*005010X279A1~SE*2*0001~GE*1*1~IEA*1*000000001~";

fn ok(data: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(envelope(data))
}

/// Decodes a request fixture into `T`, asserts that re-encoding gives the same JSON.
fn request_fixture<T: serde::de::DeserializeOwned + serde::Serialize>(name: &str) -> (T, Value) {
    let original = fixture(name);
    let typed: T = serde_path_to_error::deserialize(original.clone())
        .unwrap_or_else(|e| panic!("{name}: decode failed at {}: {}", e.path(), e.inner()));
    assert_eq!(
        serde_json::to_value(&typed).unwrap(),
        original,
        "{name}: re-encoding changed it"
    );
    (typed, original)
}

async fn api_requests(server: &MockServer, p: &str) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == p)
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The file part is labelled exactly `application/EDI-X12`, as the platform documents.
fn assert_edi_x12_part(body: &[u8]) {
    assert!(
        contains(body, b"Content-Type: application/EDI-X12\r\n\r\n"),
        "no application/EDI-X12 part in {}",
        String::from_utf8_lossy(body)
    );
}

// ------------------------------------------------------------------------------------------
// Authorizations and referrals
// ------------------------------------------------------------------------------------------

#[tokio::test]
async fn authorizations_sends_the_documented_request_and_decodes_the_review() {
    let (server, pd) = common::platform().await;
    let (req, original) = request_fixture::<AuthorizationRequest>("authorizations.request.json");
    assert_eq!(req.trading_partner_id, "MOCKPAYER");
    assert_eq!(
        req.event.category,
        Some(ReviewCategory::HealthServicesReview)
    );
    assert_eq!(
        req.event.provider.as_ref().unwrap().phone.as_deref(),
        Some("8642341234")
    );

    Mock::given(method("POST"))
        .and(path("/api/v4/authorizations/"))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .and(header("content-type", "application/json"))
        .and(body_json(&original))
        .respond_with(ok(fixture("authorizations.response.2.json")))
        .expect(1)
        .mount(&server)
        .await;

    let r = pd.authorizations(&req).await.unwrap();
    assert_eq!(
        r.meta.activity_id.as_deref(),
        Some("5745e9920640fd7aa95935f5")
    );
    assert_eq!(
        r.data.certification_action(),
        Some(&CertificationAction::CertifiedInTotal)
    );
    assert_eq!(r.data.certification_number(), Some("AUTH0002"));
    assert_eq!(
        r.data.patient.as_ref().unwrap().id.as_deref(),
        Some("1234567890")
    );
}

#[tokio::test]
async fn authorizations_built_in_code_and_rejected() {
    let (server, pd) = common::platform().await;
    let mut event = pokitdok::models::transactions::ReviewEvent::initial(
        ReviewCategory::HealthServicesReview,
        "diagnostic_medical",
    );
    event.place_of_service = Some(PlaceOfService::Office);
    let req = AuthorizationRequest::new(
        "MOCKPAYER",
        event,
        ReviewMember::new("W000000000", "JANE", "DOE", "1970-01-01"),
        ReviewProvider::organization("1234567890", "POKITDOK TESTING").phone("555"),
    )
    .application_data(json!({"transaction_uuid": "93f3"}));

    Mock::given(method("POST"))
        .and(path("/api/v4/authorizations/"))
        .and(body_json(json!({
            "trading_partner_id": "MOCKPAYER",
            "event": {"category": "health_services_review", "certification_type": "initial",
                      "type": "diagnostic_medical", "place_of_service": "office"},
            "patient": {"id": "W000000000", "first_name": "JANE", "last_name": "DOE",
                        "birth_date": "1970-01-01"},
            "provider": {"npi": "1234567890", "organization_name": "POKITDOK TESTING",
                         "phone": "555"},
            "application_data": {"transaction_uuid": "93f3"}
        })))
        .respond_with(ok(fixture("authorizations.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let r = pd.authorizations(&req).await.unwrap();
    assert_eq!(r.data.valid_request, Some(false));
    assert_eq!(
        r.data.follow_up_action,
        Some(FollowUpAction::CorrectAndResubmit)
    );
    assert_eq!(
        r.data.provider.unwrap().rejections[0].reason.as_deref(),
        Some("invalid_provider_phone_number")
    );
    // The patient's identity stays out of Debug.
    let debug = format!("{req:?}");
    assert!(
        !debug.contains("W000000000") && !debug.contains("JANE"),
        "{debug}"
    );
}

#[tokio::test]
async fn referrals_sends_the_documented_request() {
    let (server, pd) = common::platform().await;
    let (req, original) = request_fixture::<ReferralRequest>("referrals.request.json");
    assert_eq!(req.event.service_type, Some(ServiceType::Consultation));

    Mock::given(method("POST"))
        .and(path("/api/v4/referrals/"))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .and(body_json(&original))
        .respond_with(ok(fixture("referrals.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let r = pd.referrals(&req).await.unwrap();
    assert_eq!(
        r.data.certification_action(),
        Some(&CertificationAction::CertifiedInTotal)
    );
    assert_eq!(r.data.certification_number(), Some("AUTH0001"));
    assert_eq!(r.data.provider.unwrap().npi.as_deref(), Some("1619131232"));
}

// ------------------------------------------------------------------------------------------
// Enrollment and CCD
// ------------------------------------------------------------------------------------------

#[tokio::test]
async fn enrollment_sends_every_documented_example_verbatim() {
    let (server, pd) = common::platform().await;
    let names = [
        "enrollment.request.json",
        "enrollment.request.2.json",
        "enrollment.request.3.json",
        "enrollment.request.4.json",
        "enrollment.request.5.json",
    ];
    for (i, name) in names.iter().enumerate() {
        let (_, original) = request_fixture::<EnrollmentRequest>(name);
        Mock::given(method("POST"))
            .and(path("/api/v4/enrollment/"))
            .and(body_json(&original))
            .respond_with(ok(json!({"id": format!("activity-{i}")})))
            .expect(1)
            .named(*name)
            .mount(&server)
            .await;
    }
    for (i, name) in names.iter().enumerate() {
        let (req, _) = request_fixture::<EnrollmentRequest>(name);
        let r = pd.enrollment(&req).await.unwrap();
        assert_eq!(r.data["id"], format!("activity-{i}"));
    }

    let (first, _) = request_fixture::<EnrollmentRequest>("enrollment.request.json");
    let s = &first.subscriber;
    assert_eq!(s.gender, Some(EnrollmentGender::Male));
    assert_eq!(s.maintenance_reason, Some(MaintenanceReason::Active));
    assert_eq!(
        s.address.as_ref().unwrap().county.as_deref(),
        Some("CUMBERLAND")
    );
    assert_eq!(
        s.contacts.as_ref().unwrap()[0]
            .communication_number2
            .as_deref(),
        Some("7172341240")
    );
    assert_eq!(first.dependents.as_deref(), Some(&[][..]));
    // The Anthem examples' typo key `handiPApped` is kept (in `extra`), not dropped.
    let (anthem, _) = request_fixture::<EnrollmentRequest>("enrollment.request.4.json");
    assert_eq!(anthem.subscriber.extra["handiPApped"], false);
    assert_eq!(anthem.subscriber.handicapped, None);
    let debug = format!("{anthem:?}");
    assert!(
        !debug.contains("999999991") && !debug.contains("FOX"),
        "{debug}"
    );
}

#[tokio::test]
async fn ccd_posts_any_json_body() {
    let (server, pd) = common::platform().await;
    let body = json!({"trading_partner_id": "MOCKPAYER", "patient": {"id": "X1"}});
    Mock::given(method("POST"))
        .and(path("/api/v4/ccd/"))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .and(body_json(&body))
        .respond_with(ok(json!({"ccd": "<ClinicalDocument/>"})))
        .expect(1)
        .mount(&server)
        .await;
    let r = pd.ccd(&body).await.unwrap();
    assert_eq!(r.data["ccd"], "<ClinicalDocument/>");
}

// ------------------------------------------------------------------------------------------
// Enrollment snapshots
// ------------------------------------------------------------------------------------------

#[tokio::test]
async fn enrollment_snapshot_uploads_the_834_with_the_trading_partner() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/enrollment/snapshot"))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .respond_with(ok(fixture("enrollment_snapshot.create.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let file = X12File::from_bytes("members.834", b"ISA*00*834-PAYLOAD~".to_vec());
    let r = pd
        .upload_enrollment_snapshot("MOCKPAYER", &file)
        .await
        .unwrap();
    assert_eq!(r.data.id.as_deref(), Some("57571d8d0640fd3171a95552"));
    assert_eq!(r.data.state.unwrap().name, Some(ActivityState::Scheduled));

    let reqs = api_requests(&server, "/api/v4/enrollment/snapshot").await;
    assert_eq!(reqs.len(), 1);
    let ct = reqs[0]
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(ct.starts_with("multipart/form-data; boundary="), "{ct}");
    let body = &reqs[0].body;
    assert!(contains(
        body,
        b"name=\"trading_partner_id\"\r\n\r\nMOCKPAYER\r\n"
    ));
    assert!(contains(body, b"name=\"file\"; filename=\"members.834\""));
    assert_edi_x12_part(body);
    assert!(contains(body, b"ISA*00*834-PAYLOAD~"));
}

#[tokio::test]
async fn enrollment_snapshot_uploads_from_a_path_without_the_directory() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/enrollment/snapshot"))
        .respond_with(ok(fixture("enrollment_snapshot.create.response.json")))
        .expect(1)
        .mount(&server)
        .await;
    let dir = std::env::temp_dir().join(format!("pokitdok-admin-snap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("full-file.834");
    std::fs::write(&p, b"ISA*00*FROM-DISK~").unwrap();

    pd.upload_enrollment_snapshot("MOCKPAYER", &X12File::from_path(&p))
        .await
        .unwrap();
    let reqs = api_requests(&server, "/api/v4/enrollment/snapshot").await;
    assert_eq!(reqs.len(), 1);
    let body = &reqs[0].body;
    assert!(contains(body, b"filename=\"full-file.834\""));
    assert!(
        !contains(body, dir.to_string_lossy().as_bytes()),
        "the directory was sent"
    );
    assert!(contains(body, b"ISA*00*FROM-DISK~"));
    assert!(contains(body, b"MOCKPAYER"));
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn enrollment_snapshots_lists_with_paging() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/enrollment/snapshot"))
        .and(query_param("limit", "2"))
        .and(query_param("offset", "4"))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .respond_with(ok(fixture("enrollment_snapshot.list.response.json")))
        .expect(1)
        .mount(&server)
        .await;
    let page = pd
        .enrollment_snapshots(&Paging {
            limit: Some(2),
            offset: Some(4),
        })
        .await
        .unwrap();
    assert_eq!(page.data.len(), 2);
    assert_eq!(
        page.data[1].snapshot_id.as_deref(),
        Some("5744b7da0640fd757c0c0d67")
    );
}

#[tokio::test]
async fn enrollment_snapshot_gets_one() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/enrollment/snapshot/5317f51527a27620f2ec7533"))
        .respond_with(ok(fixture("enrollment_snapshot.get.response.json")))
        .expect(1)
        .mount(&server)
        .await;
    let s = pd
        .enrollment_snapshot("5317f51527a27620f2ec7533")
        .await
        .unwrap();
    assert_eq!(
        s.data.snapshot_date.unwrap().as_str(),
        "2016-06-25T19:42:45.395000"
    );
}

#[tokio::test]
async fn enrollment_snapshot_data_pages_the_enrollments() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path(
            "/api/v4/enrollment/snapshot/5317f51527a27620f2ec7533/data",
        ))
        .and(query_param("limit", "10"))
        .respond_with(ok(fixture("enrollment_snapshot.data.response.json")))
        .expect(1)
        .mount(&server)
        .await;
    let page = pd
        .enrollment_snapshot_data(
            "5317f51527a27620f2ec7533",
            &Paging {
                limit: Some(10),
                offset: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        page.data[0].correlation_id.as_deref(),
        Some("acafbe38-e4fa-4af0-808b-147056dd391b")
    );
    assert_eq!(
        page.data[0].sponsor.as_ref().unwrap().name.as_deref(),
        Some("ACME INC")
    );
}

#[tokio::test]
async fn snapshot_ids_are_percent_encoded_and_dot_segments_refused() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/enrollment/snapshot/a%2Fb%3Fc%23d"))
        .respond_with(ok(fixture("enrollment_snapshot.get.response.json")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/enrollment/snapshot/a%2Fb%3Fc%23d/data"))
        .respond_with(ok(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    pd.enrollment_snapshot("a/b?c#d").await.unwrap();
    pd.enrollment_snapshot_data("a/b?c#d", &Paging::default())
        .await
        .unwrap();

    for bad in ["..", ".", ""] {
        let e = pd.enrollment_snapshot(bad).await.unwrap_err();
        assert!(matches!(e, Error::Config { .. }), "{e:?}");
        let e = pd
            .enrollment_snapshot_data(bad, &Paging::default())
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Config { .. }), "{e:?}");
    }
    let api = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path().starts_with("/api/"))
        .count();
    assert_eq!(api, 2, "refused ids must send nothing");
}

// ------------------------------------------------------------------------------------------
// Files
// ------------------------------------------------------------------------------------------

#[tokio::test]
async fn files_uploads_the_x12_with_trading_partner_and_callback() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/files/"))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .respond_with(ok(fixture("files.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let file = X12File::from_bytes("batch.270", X12_270.to_vec());
    let r = pd
        .upload_x12_file("MOCKPAYER", &file, Some("https://app.example/callback"))
        .await
        .unwrap();
    assert_eq!(r.data.id.as_deref(), Some("57572ba50640fd4672d85a96"));
    assert_eq!(r.data.state.unwrap().name, Some(ActivityState::Queued));

    let reqs = api_requests(&server, "/api/v4/files/").await;
    assert_eq!(reqs.len(), 1);
    let body = &reqs[0].body;
    assert!(contains(
        body,
        b"name=\"trading_partner_id\"\r\n\r\nMOCKPAYER\r\n"
    ));
    assert!(contains(
        body,
        b"name=\"callback_url\"\r\n\r\nhttps://app.example/callback\r\n"
    ));
    assert!(contains(body, b"name=\"file\"; filename=\"batch.270\""));
    assert_edi_x12_part(body);
    assert!(contains(body, X12_270));
}

#[tokio::test]
async fn files_from_a_path_without_callback() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/files/"))
        .respond_with(ok(fixture("files.response.json")))
        .expect(1)
        .mount(&server)
        .await;
    let dir = std::env::temp_dir().join(format!("pokitdok-admin-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("eligibility-batch.270");
    std::fs::write(&p, X12_270).unwrap();

    pd.upload_x12_file("MOCKPAYER", &X12File::from_path(&p), None)
        .await
        .unwrap();
    let reqs = api_requests(&server, "/api/v4/files/").await;
    assert_eq!(reqs.len(), 1);
    let body = &reqs[0].body;
    assert!(contains(body, b"filename=\"eligibility-batch.270\""));
    assert!(!contains(body, dir.to_string_lossy().as_bytes()));
    assert!(contains(body, X12_270));
    assert!(contains(body, b"MOCKPAYER"));
    assert!(!contains(body, b"callback_url"));
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn files_with_a_missing_path_is_a_config_error_and_sends_nothing() {
    let (server, pd) = common::platform().await;
    let e = pd
        .upload_x12_file(
            "MOCKPAYER",
            &X12File::from_path("/nonexistent/dir/x.270"),
            None,
        )
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Config { .. }), "{e:?}");
    assert!(api_requests(&server, "/api/v4/files/").await.is_empty());
}

#[tokio::test]
async fn an_upload_answered_500_is_not_retried() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/files/"))
        .respond_with(ResponseTemplate::new(500).set_body_string("boom"))
        .expect(1)
        .mount(&server)
        .await;
    let file = X12File::from_bytes("batch.270", X12_270.to_vec());
    let e = pd
        .upload_x12_file("MOCKPAYER", &file, None)
        .await
        .unwrap_err();
    // The upload may have been processed: outcome unknown, never resent.
    match e {
        Error::OutcomeUnknown { source, .. } => match *source {
            Error::Api { status, .. } => assert_eq!(status.as_u16(), 500),
            other => panic!("expected Error::Api inside, got {other:?}"),
        },
        other => panic!("expected Error::OutcomeUnknown, got {other:?}"),
    }
    assert_eq!(api_requests(&server, "/api/v4/files/").await.len(), 1);
}

/// A platform whose token endpoint hands out `first-token`, then `second-token`, and whose
/// `/files/` refuses the first with a 401. Returns the two upload requests it received.
async fn upload_refused_once_with_401() -> Vec<Request> {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "first-token", "token_type": "bearer", "expires_in": 3600})))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "second-token", "token_type": "bearer", "expires_in": 3600})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v4/files/"))
        .and(header("authorization", "Bearer first-token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "Unauthorized"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v4/files/"))
        .and(header("authorization", "Bearer second-token"))
        .respond_with(ok(fixture("files.response.json")))
        .expect(1)
        .mount(&server)
        .await;
    let pd: PokitDok = common::client(&server);

    let file = X12File::from_bytes("batch.270", X12_270.to_vec());
    let r = pd
        .upload_x12_file("MOCKPAYER", &file, Some("https://app.example/cb"))
        .await
        .unwrap();
    assert_eq!(r.data.id.as_deref(), Some("57572ba50640fd4672d85a96"));

    let reqs = api_requests(&server, "/api/v4/files/").await;
    assert_eq!(reqs.len(), 2, "one upload and exactly one replay");
    assert_eq!(reqs[0].headers["authorization"], "Bearer first-token");
    assert_eq!(reqs[1].headers["authorization"], "Bearer second-token");
    reqs
}

#[tokio::test]
async fn an_upload_answered_401_is_replayed_once_with_the_new_token() {
    let reqs = upload_refused_once_with_401().await;
    assert!(contains(&reqs[1].body, X12_270));
    assert!(contains(
        &reqs[1].body,
        b"name=\"callback_url\"\r\n\r\nhttps://app.example/cb\r\n"
    ));
}

/// The replay is byte for byte: the core encodes an upload once and resends those bytes.
#[tokio::test]
async fn an_upload_replayed_after_401_is_byte_identical() {
    let reqs = upload_refused_once_with_401().await;
    assert_eq!(
        reqs[0].headers["content-type"],
        reqs[1].headers["content-type"]
    );
    assert!(
        reqs[0].body == reqs[1].body,
        "replayed multipart body differs"
    );
}

#[tokio::test]
async fn queue_authorizations_and_referrals_send_async_true_and_decode_the_activity() {
    let (server, pd) = common::platform().await;
    for (p, name) in [
        ("/api/v4/authorizations/", "authorizations.request.json"),
        ("/api/v4/referrals/", "referrals.request.json"),
    ] {
        let mut expected = fixture(name);
        expected["async"] = json!(true);
        expected["callback_url"] = json!("https://app.example/cb");
        expected["application_data"] = json!({"case": name});
        Mock::given(method("POST"))
            .and(path(p))
            .and(header(
                "authorization",
                format!("Bearer {ACCESS_TOKEN}").as_str(),
            ))
            .and(body_json(&expected))
            .respond_with(ok(fixture("activities.get.response.json")))
            .expect(1)
            .mount(&server)
            .await;
    }
    let (auth, _) = request_fixture::<AuthorizationRequest>("authorizations.request.json");
    let auth = auth
        .callback("https://app.example/cb")
        .application_data(json!({"case": "authorizations.request.json"}));
    let a = pd.queue_authorizations(&auth).await.unwrap().data;
    assert_eq!(a.state_name(), Some(&ActivityState::Completed));
    let (referral, _) = request_fixture::<ReferralRequest>("referrals.request.json");
    let mut referral = referral.application_data(json!({"case": "referrals.request.json"}));
    // Only the callback: queue_referrals adds `async` itself.
    referral.callback_url = Some("https://app.example/cb".into());
    let r = pd.queue_referrals(&referral).await.unwrap().data;
    assert_eq!(r.id.as_deref(), Some("5745e9920640fd7aa95935f5"));
}

#[tokio::test]
async fn authorizations_and_referrals_refuse_async_requests_without_sending() {
    let (server, pd) = common::platform().await;
    let (auth, _) = request_fixture::<AuthorizationRequest>("authorizations.request.json");
    let auth = auth.callback("https://app.example/cb");
    let err = pd.authorizations(&auth).await.unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert!(err.to_string().contains("queue_authorizations"), "{err}");
    let (mut referral, _) = request_fixture::<ReferralRequest>("referrals.request.json");
    referral.async_ = Some(true);
    let err = pd.referrals(&referral).await.unwrap_err();
    assert!(err.to_string().contains("queue_referrals"), "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}
