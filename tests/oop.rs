//! Out-of-pocket insurance: load price (POST, list, get, delete) and estimate.

mod common;

use pokitdok::models::oop::{OopEstimateRequest, OopLoadPriceRequest};
use pokitdok::models::{Member, Money, Paging, Provider};
use pokitdok::{Error, StatusCode};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const BEARER: &str = "Bearer test-access-token-0123456789";
const UUID: &str = "7b1c0f5e-3b7a-4a52-9d4e-2f1a3c5d6e7f";

fn ok(data: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(common::envelope(data))
}

async fn api_requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.url.path().starts_with("/api/v4/"))
        .collect()
}

fn loaded_price() -> Value {
    let mut p = common::fixture("oop.load_price.response.json");
    p["uuid"] = json!(UUID);
    p
}

#[tokio::test]
async fn load_price_posts_the_documented_example() {
    let (server, pd) = common::platform().await;
    let example = common::fixture("oop.load_price.request.json");
    Mock::given(method("POST"))
        .and(path("/api/v4/oop/insurance-load-price"))
        .and(header("authorization", BEARER))
        .and(header("content-type", "application/json"))
        .and(body_json(&example))
        .respond_with(ok(loaded_price()))
        .expect(1)
        .mount(&server)
        .await;

    let req: OopLoadPriceRequest = serde_json::from_value(example.clone()).unwrap();
    let r = pd.load_oop_price(&req).await.unwrap();
    assert_eq!(r.data.uuid.as_deref(), Some(UUID));
    assert_eq!(r.data.client_id.as_deref(), Some("<client_id>"));
    let price = r.data.price.unwrap();
    assert_eq!(price.amount.as_decimal_str(), "750");
    assert_eq!(price.currency.as_deref(), Some("USD"));

    // The exact bytes on the wire decode to the example.
    let sent: Value = serde_json::from_slice(&api_requests(&server).await[0].body).unwrap();
    assert_eq!(sent, example);
}

#[tokio::test]
async fn load_price_built_in_code_and_lookup_without_price() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/oop/insurance-load-price"))
        .and(body_json(json!({"trading_partner_id": "MOCKPAYER",
                              "cpt_bundle": ["99385", "87088"],
                              "price": {"amount": "750.50", "currency": "USD"}})))
        .respond_with(ok(loaded_price()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v4/oop/insurance-load-price"))
        .and(body_json(
            json!({"trading_partner_id": "MOCKPAYER", "cpt_bundle": ["99385"]}),
        ))
        .respond_with(ok(loaded_price()))
        .expect(1)
        .mount(&server)
        .await;

    let load =
        OopLoadPriceRequest::new("MOCKPAYER", ["99385", "87088"]).price(Money::usd("750.50"));
    pd.load_oop_price(&load).await.unwrap();
    let lookup = OopLoadPriceRequest::new("MOCKPAYER", ["99385"]);
    let r = pd.load_oop_price(&lookup).await.unwrap();
    assert_eq!(r.data.trading_partner_id.as_deref(), Some("MOCKPAYER"));
}

#[tokio::test]
async fn list_get_and_delete_loaded_prices() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/oop/insurance-load-price"))
        .and(query_param("limit", "10"))
        .and(header("authorization", BEARER))
        .respond_with(ok(json!([loaded_price()])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/api/v4/oop/insurance-load-price/{UUID}")))
        .and(header("authorization", BEARER))
        .respond_with(ok(loaded_price()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(format!("/api/v4/oop/insurance-load-price/{UUID}")))
        .and(header("authorization", BEARER))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let page = pd
        .oop_prices(&Paging {
            limit: Some(10),
            offset: None,
        })
        .await
        .unwrap();
    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].uuid.as_deref(), Some(UUID));

    let one = pd.oop_price(UUID).await.unwrap();
    assert_eq!(one.data.cpt_bundle, Some(vec!["99385".to_owned()]));

    let deleted = pd.delete_oop_price(UUID).await.unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert_eq!(deleted.data, Value::Null);

    let reqs = api_requests(&server).await;
    assert_eq!(reqs.len(), 3);
    assert_eq!(reqs[0].url.query(), Some("limit=10"));
    assert!(reqs[2].body.is_empty(), "DELETE sends no body");
}

#[tokio::test]
async fn estimate_posts_the_documented_example() {
    let (server, pd) = common::platform().await;
    let example = common::fixture("oop.estimate.request.json");
    Mock::given(method("POST"))
        .and(path("/api/v4/oop/insurance-estimate"))
        .and(header("authorization", BEARER))
        .and(body_json(&example))
        .respond_with(ok(common::fixture("oop.estimate.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let req: OopEstimateRequest = serde_json::from_value(example.clone()).unwrap();
    let r = pd.oop_estimate(&req).await.unwrap();
    let c = r.data.calculation.as_ref().unwrap();
    assert_eq!(c.max_oop.as_ref().unwrap().as_decimal_str(), "2983.57");
    assert_eq!(
        c.upper_estimate.as_ref().unwrap()[0].as_decimal_str(),
        "245"
    );
    assert_eq!(
        c.low_price.as_ref().unwrap().amount.as_decimal_str(),
        "84.24"
    );
    assert_eq!(
        c.messages.as_deref(),
        Some(&["Deductible of 2983.57 has not been met.".to_owned()][..])
    );
    assert_eq!(
        r.data.eligibility.as_ref().unwrap()["payer"]["id"],
        "MOCKPAYER"
    );
}

#[tokio::test]
async fn estimate_built_in_code() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/oop/insurance-estimate"))
        .and(body_json(json!({
            "trading_partner_id": "MOCKPAYER",
            "cpt_bundle": ["99385"],
            "zip_code": "29412",
            "eligibility": {
                "member": {"id": "W000000000", "first_name": "Jane", "last_name": "Doe",
                           "birth_date": "1970-01-25"},
                "provider": {"npi": "1234567893", "organization_name": "MOCK CLINIC"}
            }
        })))
        .respond_with(ok(common::fixture("oop.estimate.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let req = OopEstimateRequest::new("MOCKPAYER", ["99385"])
        .zip_code("29412")
        .eligibility(pokitdok::models::oop::OopEligibility::new(
            Member::new("W000000000", "Jane", "Doe", "1970-01-25"),
            Provider::organization("1234567893", "MOCK CLINIC"),
        ));
    let r = pd.oop_estimate(&req).await.unwrap();
    assert!(r.data.calculation.is_some());
}

#[tokio::test]
async fn hostile_price_ids_are_encoded_or_refused() {
    let (server, pd) = common::platform().await;
    Mock::given(method("DELETE"))
        .and(path("/api/v4/oop/insurance-load-price/a%2Fb%3Fc%23d"))
        .and(header("authorization", BEARER))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    pd.delete_oop_price("a/b?c#d").await.unwrap();
    assert!(matches!(
        pd.delete_oop_price("..").await,
        Err(Error::Config { .. })
    ));
    assert!(matches!(
        pd.oop_price("..").await,
        Err(Error::Config { .. })
    ));
    let reqs = api_requests(&server).await;
    assert_eq!(reqs.len(), 1, "only the encoded id was sent");
    assert_eq!(reqs[0].url.query(), None);
}
