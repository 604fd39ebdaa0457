//! Reference data: prices, MPC, ICD convert, plans, providers (with pagination), trading
//! partners, payers.

mod common;

use futures_util::TryStreamExt;
use pokitdok::Error;
use pokitdok::models::data::{
    EntityType, MetallicLevel, MpcQuery, PayersQuery, PaymentType, PlansQuery, PriceQuery,
    ProviderResult, ProvidersQuery, SortOrder,
};
use serde_json::{Value, json};
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const BEARER: &str = "Bearer test-access-token-0123456789";

fn ok(data: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(common::envelope(data))
}

/// Requests that reached the API (the token request left out).
async fn api_requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.url.path().starts_with("/api/v4/"))
        .collect()
}

#[tokio::test]
async fn cash_prices_sends_cpt_and_zip() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/prices/cash"))
        .and(query_param("cpt_code", "99385"))
        .and(query_param("zip_code", "29412"))
        .and(header("authorization", BEARER))
        .respond_with(ok(common::fixture("cash_prices.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let page = pd
        .cash_prices(&PriceQuery::new("99385", "29412"))
        .await
        .unwrap();
    assert_eq!(page.data.len(), 2);
    assert_eq!(
        page.data[0].pokitdok_procedure_urn.as_deref(),
        Some("urn:pokitdok:procedure:annual_physical_exam")
    );
    assert_eq!(page.data[1].geo_zip_area.as_deref(), Some("294"));
    assert_eq!(
        page.meta.activity_id.as_deref(),
        Some("5745e9920640fd7aa95935f5")
    );
    let reqs = api_requests(&server).await;
    assert_eq!(reqs[0].url.query(), Some("cpt_code=99385&zip_code=29412"));
}

#[tokio::test]
async fn insurance_prices_is_one_object() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/prices/insurance"))
        .and(query_param("cpt_code", "99203"))
        .and(query_param("zip_code", "94401"))
        .and(header("authorization", BEARER))
        .respond_with(ok(common::fixture("insurance_prices.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let r = pd
        .insurance_prices(&PriceQuery::new("99203", "94401"))
        .await
        .unwrap();
    assert_eq!(r.data.geo_zip_area.as_deref(), Some("944"));
    assert_eq!(r.data.amounts.len(), 6);
    assert_eq!(r.data.amounts[3].payment_type, Some(PaymentType::Paid));
    assert_eq!(
        r.data.amounts[5]
            .median_price
            .as_ref()
            .unwrap()
            .as_decimal_str(),
        "128.68"
    );
}

#[tokio::test]
async fn mpc_search_and_get() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/mpc/"))
        .and(query_param("name", "office"))
        .and(query_param("limit", "7"))
        .and(query_param_is_missing("description"))
        .and(header("authorization", BEARER))
        .respond_with(ok(common::fixture("mpc.list.response.json")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/mpc/99213"))
        .and(header("authorization", BEARER))
        .respond_with(ok(common::fixture("mpc.get.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let page = pd
        .procedure_codes(&MpcQuery::default().name("office").limit(7))
        .await
        .unwrap();
    assert_eq!(page.data.len(), 7);
    assert_eq!(page.data[0].code.as_deref(), Some("99244"));

    let one = pd.procedure_code("99213").await.unwrap();
    assert_eq!(one.data.code.as_deref(), Some("99213"));
    assert!(one.data.description.unwrap().starts_with("Level 3"));
}

#[tokio::test]
async fn icd_conversion_puts_the_code_in_the_path() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/icd/convert/250.12"))
        .and(header("authorization", BEARER))
        .respond_with(ok(common::fixture("icd_convert.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let r = pd.icd_conversion("250.12").await.unwrap();
    assert_eq!(r.data.source_code.unwrap().system.as_deref(), Some("icd9"));
    assert_eq!(
        r.data.destination_scenarios[0].choice_lists[0][0]
            .value
            .as_deref(),
        Some("E1165")
    );
}

#[tokio::test]
async fn plans_search() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/plans/"))
        .and(query_param("state", "TX"))
        .and(query_param("plan_type", "PPO"))
        .and(query_param("metallic_level", "gold"))
        .and(header("authorization", BEARER))
        .respond_with(ok(json!([common::fixture("plans.response.json")])))
        .expect(1)
        .mount(&server)
        .await;

    let q = PlansQuery::default()
        .state("TX")
        .plan_type("PPO")
        .metallic_level(MetallicLevel::Gold);
    let page = pd.plans(&q).await.unwrap();
    let plan = &page.data[0];
    assert_eq!(
        plan.trading_partner_id.as_deref(),
        Some("blue_cross_and_blue_shield_texas")
    );
    assert_eq!(plan.premiums[0].adults, Some(1));
    assert_eq!(
        plan.max_out_of_pocket
            .as_ref()
            .unwrap()
            .individual
            .as_ref()
            .unwrap()
            .to_f64(),
        Some(3250.0)
    );
    let reqs = api_requests(&server).await;
    assert_eq!(
        reqs[0].url.query(),
        Some("state=TX&plan_type=PPO&metallic_level=gold")
    );
}

#[tokio::test]
async fn providers_search_sends_every_parameter() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/providers/"))
        .and(query_param("zipcode", "29307"))
        .and(query_param("specialty", "rheumatology"))
        .and(query_param("radius", "10mi"))
        .and(query_param("sort", "rank"))
        .and(query_param("entity_types", "individual,organization"))
        .and(query_param("lat_lon", "37.563546, -122.325181"))
        .and(query_param("limit", "20"))
        .and(query_param("offset", "40"))
        .and(header("authorization", BEARER))
        .respond_with(ok(common::fixture("providers.list.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let q = ProvidersQuery::default()
        .zipcode("29307")
        .specialty("rheumatology")
        .radius("10mi")
        .sort(SortOrder::Rank)
        .entity_types("individual,organization")
        .lat_lon("37.563546, -122.325181")
        .limit(20)
        .offset(40);
    let page = pd.providers(&q).await.unwrap();
    let p = page.data[0].provider.as_ref().unwrap();
    assert_eq!(p.display_name(), "MARGARET CURRAN");
    assert_eq!(p.npi.as_deref(), Some("1629149364"));
    assert_eq!(p.entity_type, Some(EntityType::Individual));
    let reqs = api_requests(&server).await;
    assert_eq!(
        reqs[0].url.query(),
        Some(
            "zipcode=29307&radius=10mi&lat_lon=37.563546%2C+-122.325181&specialty=rheumatology\
             &sort=rank&entity_types=individual%2Corganization&limit=20&offset=40"
        )
    );
}

#[tokio::test]
async fn provider_by_npi() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/providers/1467560003"))
        .and(header("authorization", BEARER))
        .respond_with(ok(common::fixture("providers.get.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let r = pd.provider("1467560003").await.unwrap();
    let p = r.data.provider.unwrap();
    assert_eq!(
        p.uuid.as_deref(),
        Some("fc44d0e0-ea7f-492e-90f0-0f9148453019")
    );
    assert_eq!(p.locations[0].city.as_deref(), Some("Spartanburg"));
    assert_eq!(p.specialty.len(), 3);
}

#[tokio::test]
async fn trading_partners_list_and_get() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/tradingpartners/"))
        .and(header("authorization", BEARER))
        .respond_with(ok(common::fixture("trading_partners.list.response.json")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/tradingpartners/aetna"))
        .and(header("authorization", BEARER))
        .respond_with(ok(common::fixture("trading_partners.get.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let list = pd.trading_partners().await.unwrap();
    assert_eq!(list.data.len(), 3);
    assert_eq!(
        list.data[1].name.as_deref(),
        Some("Aetna Affordable Health Choices SM SRC")
    );
    assert_eq!(api_requests(&server).await[0].url.query(), None);

    let aetna = pd.trading_partner("aetna").await.unwrap();
    assert_eq!(aetna.data.provider_enrollment_required, Some(false));
    assert_eq!(
        aetna.data.supported_transactions,
        Some(vec!["270".into(), "837".into(), "276".into(), "278".into()])
    );
    assert_eq!(
        aetna
            .data
            .provider_enrollment_setup
            .unwrap()
            .internal_action_initiates,
        Some(false)
    );
}

#[tokio::test]
#[allow(deprecated)]
async fn payers_list() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/payers/"))
        .and(query_param("limit", "1"))
        .and(header("authorization", BEARER))
        .respond_with(ok(json!([{
            "payer_key": "AETNA", "payer_name": "Aetna", "production_status": true,
            "supported_transactions": ["270", "276"], "trading_partner_id": "aetna"}])))
        .expect(1)
        .mount(&server)
        .await;

    let page = pd
        .payers(&PayersQuery {
            limit: Some(1),
            offset: None,
        })
        .await
        .unwrap();
    assert_eq!(page.data[0].trading_partner_id.as_deref(), Some("aetna"));
    assert_eq!(page.data[0].production_status, Some(true));
    assert_eq!(
        page.data[0].supported_transactions,
        Some(vec!["270".into(), "276".into()])
    );
}

#[tokio::test]
async fn hostile_ids_are_encoded_or_refused() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/providers/a%2Fb%3Fc%23d"))
        .and(header("authorization", BEARER))
        .respond_with(ok(common::fixture("providers.get.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    pd.provider("a/b?c#d").await.unwrap();
    let reqs = api_requests(&server).await;
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].url.query(), None);

    assert!(matches!(pd.provider("..").await, Err(Error::Config { .. })));
    assert!(matches!(
        pd.procedure_code("..").await,
        Err(Error::Config { .. })
    ));
    assert!(matches!(
        pd.icd_conversion(".").await,
        Err(Error::Config { .. })
    ));
    assert!(matches!(
        pd.trading_partner("").await,
        Err(Error::Config { .. })
    ));
    assert_eq!(
        api_requests(&server).await.len(),
        1,
        "nothing else was sent"
    );
}

fn provider(npi: &str, last: &str) -> Value {
    json!({"provider": {"npi": npi, "last_name": last, "first_name": "A",
                        "entity_type": "individual", "uuid": format!("uuid-{npi}")}})
}

fn page_body(data: Value, next: Option<String>) -> Value {
    let mut body = common::envelope(data);
    if let Some(next) = next {
        body["meta"]["next"] = json!(next);
    }
    body
}

#[tokio::test]
async fn providers_stream_follows_meta_next() {
    let (server, pd) = common::platform().await;
    let next = format!(
        "{}/api/v4/providers/?zipcode=94401&specialty=rheumatology&offset=2",
        server.uri()
    );
    Mock::given(method("GET"))
        .and(path("/api/v4/providers/"))
        .and(query_param("zipcode", "94401"))
        .and(query_param("specialty", "rheumatology"))
        .and(query_param_is_missing("offset"))
        .and(header("authorization", BEARER))
        .respond_with(ResponseTemplate::new(200).set_body_json(page_body(
            json!([provider("1000000001", "ONE"), provider("1000000002", "TWO")]),
            Some(next),
        )))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/providers/"))
        .and(query_param("zipcode", "94401"))
        .and(query_param("offset", "2"))
        .and(header("authorization", BEARER))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(page_body(json!([provider("1000000003", "THREE")]), None)),
        )
        .expect(1)
        .mount(&server)
        .await;

    let q = ProvidersQuery::default()
        .zipcode("94401")
        .specialty("rheumatology");
    let first = pd.providers(&q).await.unwrap();
    assert!(first.has_next());
    let all: Vec<ProviderResult> = first.stream().try_collect().await.unwrap();
    let npis: Vec<_> = all
        .iter()
        .map(|r| r.provider.as_ref().unwrap().npi.clone().unwrap())
        .collect();
    assert_eq!(npis, ["1000000001", "1000000002", "1000000003"]);
    assert_eq!(api_requests(&server).await.len(), 2);
}

#[tokio::test]
async fn providers_pages_by_offset_without_meta_next() {
    let (server, pd) = common::platform().await;
    let pages = [
        (None, json!([provider("1", "A"), provider("2", "B")])),
        (Some("2"), json!([provider("3", "C"), provider("4", "D")])),
        (Some("4"), json!([])),
    ];
    for (offset, data) in pages {
        let mut mock = Mock::given(method("GET"))
            .and(path("/api/v4/providers/"))
            .and(query_param("zipcode", "94401"))
            .and(query_param("limit", "2"))
            .and(header("authorization", BEARER));
        mock = match offset {
            None => mock.and(query_param_is_missing("offset")),
            Some(o) => mock.and(query_param("offset", o)),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(page_body(data, None)))
            .expect(1)
            .mount(&server)
            .await;
    }

    let q = ProvidersQuery::default().zipcode("94401").limit(2);
    let first = pd.providers(&q).await.unwrap();
    let all: Vec<ProviderResult> = first.stream().try_collect().await.unwrap();
    let npis: Vec<_> = all
        .iter()
        .map(|r| r.provider.as_ref().unwrap().npi.clone().unwrap())
        .collect();
    assert_eq!(npis, ["1", "2", "3", "4"]);
    assert_eq!(api_requests(&server).await.len(), 3);
}

#[tokio::test]
async fn providers_next_page_stops_after_a_short_page() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/providers/"))
        .and(query_param("limit", "2"))
        .and(query_param_is_missing("offset"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page_body(
            json!([provider("1", "A"), provider("2", "B")]),
            None,
        )))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/providers/"))
        .and(query_param("limit", "2"))
        .and(query_param("offset", "2"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(page_body(json!([provider("3", "C")]), None)),
        )
        .expect(1)
        .mount(&server)
        .await;

    let first = pd
        .providers(&ProvidersQuery::default().limit(2))
        .await
        .unwrap();
    let second = first.next_page().await.unwrap().expect("a second page");
    assert_eq!(second.data.len(), 1);
    assert!(!second.has_next());
    assert!(second.next_page().await.unwrap().is_none());
    assert_eq!(api_requests(&server).await.len(), 2);
}
