//! App registrations and the TLS check against a wiremock platform.

mod common;

use common::{ACCESS_TOKEN, envelope, fixture};
use pokitdok::Error;
use pokitdok::models::admin::{AppRegistrationRequest, TransactionSetName};
use pokitdok::models::{Address, Paging};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

const UUID: &str = "2f201868-47f4-11e8-a91a-0242ac12000a";

/// The documented response's `data` (the fixture is a full envelope).
fn registration() -> Value {
    fixture("appregistrations.create.response.json")["data"].clone()
}

fn ok(data: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(envelope(data))
}

fn request() -> AppRegistrationRequest {
    AppRegistrationRequest::new(
        "MOCKPAYER",
        TransactionSetName::Eligibility,
        "1234567893",
        ["123456789"],
        ["billing"],
        &Address::new(["123 Main ST"], "San Mateo", "CA", "94401"),
    )
    .person("Jane", "Doe")
}

fn request_json() -> Value {
    json!({
        "trading_partner_id": "MOCKPAYER",
        "transaction_set_name": "eligibility",
        "npi": "1234567893",
        "tax_id": ["123456789"],
        "claims_roles": ["billing"],
        "address_lines": ["123 Main ST"],
        "city": "San Mateo",
        "state": "CA",
        "zipcode": "94401",
        "first_name": "Jane",
        "last_name": "Doe"
    })
}

#[tokio::test]
async fn create_app_registration_posts_without_trailing_slash() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/appregistrations"))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .and(header("content-type", "application/json"))
        .and(body_json(request_json()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture("appregistrations.create.response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;

    let r = pd.create_app_registration(&request()).await.unwrap();
    assert_eq!(r.data.uuid.as_deref(), Some(UUID));
    assert_eq!(r.data.app_name.as_deref(), Some("<app_name>"));
    assert_eq!(r.data.claims_roles, ["billing"]);
    assert_eq!(
        r.data.transaction_set_name,
        Some(TransactionSetName::Eligibility)
    );
    // The documented placeholder meta is kept, not rejected.
    assert_eq!(r.meta.extra["..."], "...");
}

#[test]
fn organization_request_omits_person_names() {
    let req = request().organization("POKITDOK CLINIC");
    let v = serde_json::to_value(&req).unwrap();
    assert_eq!(v["organization_name"], "POKITDOK CLINIC");
    assert!(v.get("first_name").is_none() && v.get("last_name").is_none());
    let back: AppRegistrationRequest = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(serde_json::to_value(&back).unwrap(), v);
}

#[tokio::test]
async fn app_registrations_lists_with_paging() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/appregistrations"))
        .and(query_param("limit", "5"))
        .and(query_param("offset", "10"))
        .respond_with(ok(json!([registration()])))
        .expect(1)
        .mount(&server)
        .await;
    let page = pd
        .app_registrations(&Paging {
            limit: Some(5),
            offset: Some(10),
        })
        .await
        .unwrap();
    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].npi.as_deref(), Some("1234567893"));
}

#[tokio::test]
async fn app_registration_gets_one() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path(format!("/api/v4/appregistrations/{UUID}")))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .respond_with(ok(registration()))
        .expect(1)
        .mount(&server)
        .await;
    let r = pd.app_registration(UUID).await.unwrap();
    assert_eq!(r.data.zipcode.as_deref(), Some("94401"));
    assert_eq!(r.data.tax_id, ["123456789"]);
}

#[tokio::test]
async fn edit_app_registration_puts_the_body() {
    let (server, pd) = common::platform().await;
    let mut changed = registration();
    changed["claims_roles"] = json!(["billing", "rendering"]);
    let mut expected = request_json();
    expected["claims_roles"] = json!(["billing", "rendering"]);
    Mock::given(method("PUT"))
        .and(path(format!("/api/v4/appregistrations/{UUID}")))
        .and(body_json(expected))
        .respond_with(ok(changed))
        .expect(1)
        .mount(&server)
        .await;
    let mut req = request();
    req.claims_roles.push("rendering".into());
    let r = pd.update_app_registration(UUID, &req).await.unwrap();
    assert_eq!(r.data.claims_roles, ["billing", "rendering"]);
}

#[tokio::test]
async fn delete_app_registration_accepts_an_empty_204() {
    let (server, pd) = common::platform().await;
    Mock::given(method("DELETE"))
        .and(path(format!("/api/v4/appregistrations/{UUID}")))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let r = pd.delete_app_registration(UUID).await.unwrap();
    assert_eq!(r.status().as_u16(), 204);
    assert!(r.data.is_null());
}

#[tokio::test]
async fn undelete_app_registration_posts_to_undelete() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path(format!("/api/v4/appregistrations/{UUID}/undelete")))
        .respond_with(ok(registration()))
        .expect(1)
        .mount(&server)
        .await;
    let r = pd.undelete_app_registration(UUID).await.unwrap();
    assert_eq!(r.data["_uuid"], UUID);
    let received = server.received_requests().await.unwrap();
    let undelete = received
        .iter()
        .find(|r| r.url.path().ends_with("/undelete"))
        .unwrap();
    assert!(undelete.body.is_empty(), "undelete sends no body");
}

#[tokio::test]
async fn app_registration_ids_are_percent_encoded_and_dot_segments_refused() {
    let (server, pd) = common::platform().await;
    let encoded = "/api/v4/appregistrations/a%2Fb%3Fc%23d";
    Mock::given(method("GET"))
        .and(path(encoded))
        .respond_with(ok(registration()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(encoded))
        .respond_with(ok(registration()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(encoded))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{encoded}/undelete")))
        .respond_with(ok(registration()))
        .expect(1)
        .mount(&server)
        .await;
    let id = "a/b?c#d";
    pd.app_registration(id).await.unwrap();
    pd.update_app_registration(id, &request()).await.unwrap();
    pd.delete_app_registration(id).await.unwrap();
    pd.undelete_app_registration(id).await.unwrap();
    assert_eq!(common::api_request_count(&server).await, 4);

    for bad in ["..", ".", ""] {
        let errors = [
            pd.app_registration(bad).await.unwrap_err(),
            pd.update_app_registration(bad, &request())
                .await
                .unwrap_err(),
            pd.delete_app_registration(bad).await.unwrap_err(),
            pd.undelete_app_registration(bad).await.unwrap_err(),
        ];
        for e in errors {
            assert!(matches!(e, Error::Config { .. }), "{e:?}");
        }
    }
    assert_eq!(
        common::api_request_count(&server).await,
        4,
        "refused ids must send nothing"
    );
}

#[tokio::test]
async fn ssl_check_gets_ssl() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/ssl/"))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .respond_with(ok(json!({"ssl": "ok"})))
        .expect(1)
        .mount(&server)
        .await;
    let r = pd.ssl_check().await.unwrap();
    assert_eq!(r.data["ssl"], "ok");
    assert_eq!(r.meta.processing_time, Some(12));
}

#[tokio::test]
async fn app_registration_errors_keep_their_status() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path(format!("/api/v4/appregistrations/{UUID}")))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"message": "Not Found"})))
        .expect(1)
        .mount(&server)
        .await;
    let e = pd.app_registration(UUID).await.unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
}
