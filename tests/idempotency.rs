//! `Call::idempotency_key`: a claim is submitted at most once per key, even when a
//! submission's outcome is unknown (the key is looked up in the activities); the key never
//! leaks into another request (RELIABILITY.md §5 case 27).

mod common;
#[path = "support/raw.rs"]
mod raw;

use std::time::Duration;

use pokitdok::models::X12File;
use pokitdok::models::claims::ClaimRequest;
use pokitdok::{Error, StatusCode};
use pokitdok_sandbox::Sandbox;
use raw::{RawServer, Received, Reply, activity, client_for};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

const KEY: &str = "claim-2024-000123";
const FIELD: &str = "pokitdok_idempotency_key";

fn claim() -> ClaimRequest {
    serde_json::from_value(common::fixture("claims.request.json")).unwrap()
}

fn claim_with_app_data() -> ClaimRequest {
    let mut v = common::fixture("claims.request.json");
    v["application_data"] = json!({"patient_id": "ABC1234XYZ"});
    serde_json::from_value(v).unwrap()
}

/// An activity as `GET /activities/` lists it.
fn listed(id: &str, key: Option<&str>) -> Value {
    let mut a = json!({"id": id, "name": "claims", "state": {"name": "scheduled"},
                       "created_date": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.6f").to_string()});
    if let Some(k) = key {
        a["application_data"] = json!({FIELD: k, "patient_id": "ABC1234XYZ"});
    }
    a
}

fn list(items: Vec<Value>) -> Reply {
    Reply::ok(
        json!({"meta": {"result_count": items.len(), "activity_id": "lookup"}, "data": items}),
    )
}

fn claims(server: &RawServer) -> Vec<Received> {
    server.to("/api/v4/claims/")
}

#[tokio::test]
async fn the_key_goes_into_application_data_of_that_request_only() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(activity("a1")))
        .mount(&server)
        .await;
    let with_data = claim_with_app_data();
    pd.claims(&with_data).idempotency_key(KEY).await.unwrap();
    pd.claims(&claim())
        .idempotency_key("second-key")
        .await
        .unwrap();
    // Case 27: the next requests carry no key (stripe-ruby #598).
    pd.claims(&with_data).await.unwrap();
    pd.claims(&claim()).await.unwrap();
    let bodies: Vec<Value> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/api/v4/claims/")
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    assert_eq!(bodies.len(), 4);
    assert_eq!(
        bodies[0]["application_data"],
        json!({"patient_id": "ABC1234XYZ", FIELD: KEY}),
        "added next to the caller's own application_data"
    );
    assert_eq!(bodies[1]["application_data"], json!({FIELD: "second-key"}));
    assert_eq!(
        bodies[2]["application_data"],
        json!({"patient_id": "ABC1234XYZ"})
    );
    assert!(bodies[3].get("application_data").is_none(), "{}", bodies[3]);
    // The rest of the claim is what the caller built.
    let mut sent = bodies[0].clone();
    sent.as_object_mut().unwrap().remove("application_data");
    let mut built = serde_json::to_value(&with_data).unwrap();
    built.as_object_mut().unwrap().remove("application_data");
    assert_eq!(sent, built);
    // And the caller's request is untouched.
    assert_eq!(
        with_data.application_data,
        Some(json!({"patient_id": "ABC1234XYZ"}))
    );
}

#[tokio::test(start_paused = true)]
async fn an_unknown_outcome_finds_the_existing_activity_instead_of_submitting_again() {
    let server = RawServer::start(|_, r| match (r.method.as_str(), r.path()) {
        ("POST", "/api/v4/claims/") => Reply::Hang,
        ("GET", "/api/v4/activities/") => list(vec![
            listed("newer", Some("someone-else")),
            listed("mine", Some(KEY)),
            listed("older", None),
        ]),
        _ => Reply::status(404, json!({})),
    })
    .await;
    let pd = client_for(&server.url())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let r = pd.claims(&claim()).idempotency_key(KEY).await.unwrap();
    assert_eq!(r.data.id.as_deref(), Some("mine"));
    assert_eq!(
        r.meta.activity_id.as_deref(),
        Some("lookup"),
        "the lookup's meta"
    );
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(claims(&server).len(), 1, "submitted once");
    let lookups = server.to("/api/v4/activities/");
    assert_eq!(lookups.len(), 1);
    assert!(
        lookups[0].target.contains("limit=50"),
        "{}",
        lookups[0].target
    );
}

#[tokio::test(start_paused = true)]
async fn not_found_submits_once_more_with_the_same_key_and_bytes() {
    let server = RawServer::start(|_, r| match (r.method.as_str(), r.path()) {
        ("POST", _) => Reply::status(503, json!({})),
        ("GET", "/api/v4/activities/") => list(vec![listed("other", Some("other-key"))]),
        _ => Reply::status(404, json!({})),
    })
    .await;
    // The second submission succeeds: a server whose first POST is a 503 and the next a 200.
    let server2 = RawServer::start({
        let first = std::sync::atomic::AtomicBool::new(true);
        move |_, r| match (r.method.as_str(), r.path()) {
            ("POST", _) if first.swap(false, std::sync::atomic::Ordering::SeqCst) => {
                Reply::status(502, json!({}))
            }
            ("POST", _) => Reply::ok(activity("resubmitted")),
            ("GET", "/api/v4/activities/") => list(vec![listed("other", Some("other-key"))]),
            _ => Reply::status(404, json!({})),
        }
    })
    .await;
    let pd = client_for(&server2.url()).build().unwrap();
    let r = pd.claims(&claim()).idempotency_key(KEY).await.unwrap();
    assert_eq!(r.data.id.as_deref(), Some("resubmitted"));
    let sent = claims(&server2);
    assert_eq!(
        sent.len(),
        2,
        "the lookup found nothing: one more submission"
    );
    assert_eq!(sent[0].body, sent[1].body, "same key, same bytes");
    assert_eq!(sent[1].json()["application_data"][FIELD], KEY);

    // When the second submission's outcome is unknown too: OutcomeUnknown, no third.
    let pd = client_for(&server.url()).build().unwrap();
    let e = pd.claims(&claim()).idempotency_key(KEY).await.unwrap_err();
    let Error::OutcomeUnknown {
        application_data, ..
    } = &e
    else {
        panic!("expected OutcomeUnknown, got {e:?}");
    };
    assert_eq!(application_data.as_ref().unwrap()[FIELD], KEY);
    assert_eq!(claims(&server).len(), 2);
    assert_eq!(server.to("/api/v4/activities/").len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_failed_lookup_keeps_the_outcome_unknown_and_sends_nothing_more() {
    let server = RawServer::start(|_, r| match r.method.as_str() {
        "POST" => Reply::status(500, json!({})),
        _ => Reply::status(404, json!({"message": "Not Found"})),
    })
    .await;
    let pd = client_for(&server.url()).build().unwrap();
    let e = pd.claims(&claim()).idempotency_key(KEY).await.unwrap_err();
    assert!(
        matches!(&e, Error::OutcomeUnknown { source, .. }
        if source.status() == Some(StatusCode::INTERNAL_SERVER_ERROR)),
        "{e:?}"
    );
    assert_eq!(claims(&server).len(), 1);
}

#[tokio::test(start_paused = true)]
async fn the_lookup_is_bounded_to_a_few_pages_of_recent_activities() {
    // A platform with endless pages of other activities.
    let server = RawServer::start(|_, r| match r.method.as_str() {
        "POST" if r.json()["application_data"].is_object() => Reply::status(503, json!({})),
        _ => list((0..50).map(|i| listed(&format!("a{i}"), None)).collect()),
    })
    .await;
    let pd = client_for(&server.url()).build().unwrap();
    pd.claims(&claim()).idempotency_key(KEY).await.unwrap_err();
    assert_eq!(
        server.to("/api/v4/activities/").len(),
        4,
        "4 pages of 50 at most"
    );
    // Activities created long before the submission end the search early.
    let server = RawServer::start(|_, r| match r.method.as_str() {
        "POST" => Reply::status(503, json!({})),
        _ => {
            let mut old: Vec<Value> = (0..50).map(|i| listed(&format!("a{i}"), None)).collect();
            old[49]["created_date"] = json!("2016-05-25T18:06:11.239000");
            list(old)
        }
    })
    .await;
    let pd = client_for(&server.url()).build().unwrap();
    pd.claims(&claim()).idempotency_key(KEY).await.unwrap_err();
    assert_eq!(
        server.to("/api/v4/activities/").len(),
        1,
        "stopped at the old ones"
    );
}

#[tokio::test]
async fn bad_keys_and_bodies_without_json_are_refused_before_sending() {
    let (server, pd) = common::platform().await;
    for key in [String::new(), "x".repeat(256), "clé".into(), "a\nb".into()] {
        let e = pd
            .claims(&claim())
            .idempotency_key(key.clone())
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Config { .. }), "{key:?}: {e:?}");
    }
    // 255 characters are fine (this one is sent; the mock platform has no /claims/).
    assert!(matches!(
        pd.claims(&claim()).idempotency_key("x".repeat(255)).await,
        Err(Error::NotFound { .. })
    ));
    // An upload is multipart, not JSON.
    let file = X12File::from_bytes("x.837", b"ISA*~".to_vec());
    let e = pd
        .upload_x12_file("MOCKPAYER", &file, None)
        .idempotency_key(KEY)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Config { .. }), "{e:?}");
    // A GET has no body to carry it.
    let e = pd.activity("abc").idempotency_key(KEY).await.unwrap_err();
    assert!(matches!(e, Error::Config { .. }), "{e:?}");
    // application_data that is not an object cannot carry it.
    let mut v = common::fixture("claims.request.json");
    v["application_data"] = json!("free text");
    let odd: ClaimRequest = serde_json::from_value(v).unwrap();
    let e = pd.claims(&odd).idempotency_key(KEY).await.unwrap_err();
    assert!(matches!(e, Error::Config { .. }), "{e:?}");
    let sent = server.received_requests().await.unwrap();
    let api: Vec<_> = sent
        .iter()
        .filter(|r| r.url.path().starts_with("/api/"))
        .collect();
    assert_eq!(
        api.len(),
        1,
        "nothing was sent but the 255-character key's claim"
    );
    assert_eq!(api[0].url.path(), "/api/v4/claims/");
}

#[tokio::test]
async fn against_the_sandbox_a_lost_answer_returns_the_existing_claim() {
    let sandbox = Sandbox::start().await.unwrap();
    let pd = sandbox.client();
    let first = pd.claims(&claim()).idempotency_key(KEY).await.unwrap().data;
    // The same claim again, and this time the platform's answer is a 503 (a proxy): the lookup
    // finds the activity the first submission created, and nothing is submitted twice.
    sandbox.fail_next(1, StatusCode::SERVICE_UNAVAILABLE);
    let again = pd.claims(&claim()).idempotency_key(KEY).await.unwrap().data;
    assert_eq!(again.id, first.id);
    // The connection dropped before the sandbox processed it: not found, submitted once more.
    sandbox.drop_next(1);
    let other = pd
        .claims(&claim())
        .idempotency_key("another-claim")
        .await
        .unwrap()
        .data;
    assert_ne!(other.id, first.id);
    let all = pd.get("/activities/").send().await.unwrap().data;
    let with = |k: &str| {
        all.as_array()
            .unwrap()
            .iter()
            .filter(|a| a["application_data"][FIELD] == k)
            .count()
    };
    assert_eq!(
        (with(KEY), with("another-claim")),
        (1, 1),
        "one activity per key"
    );
    sandbox.shutdown().await;
}
