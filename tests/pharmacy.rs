//! Pharmacy: plans, formulary, network, coverage, drug cost.

mod common;

use pokitdok::Error;
use pokitdok::models::data::SortOrder;
use pokitdok::models::pharmacy::{
    CoverageDrug, CoverageInsurance, CoverageMember, PatientRelationship, PharmacyCoverageRequest,
    PharmacyDrugCostQuery, PharmacyFormularyQuery, PharmacyGender, PharmacyNetworkNpiQuery,
    PharmacyNetworkQuery, PharmacyPlansQuery, Prescriber, Residence,
};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const BEARER: &str = "Bearer test-access-token-0123456789";

/// The pharmacy fixtures are `{"data": ...}`; the platform sends them inside the full
/// envelope.
fn ok_fixture(name: &str) -> ResponseTemplate {
    let data = common::fixture(name)["data"].take();
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

#[tokio::test]
async fn plans_by_plan_number() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/pharmacy/plans"))
        .and(query_param("trading_partner_id", "medicare_national"))
        .and(query_param("plan_number", "S5820003"))
        .and(query_param_is_missing("plan_name"))
        .and(header("authorization", BEARER))
        .respond_with(ok_fixture("pharmacy_plans.response.json"))
        .expect(1)
        .mount(&server)
        .await;

    let q = PharmacyPlansQuery::new("medicare_national").plan_number("S5820003");
    let page = pd.pharmacy_plans(&q).await.unwrap();
    assert_eq!(page.data.len(), 1);
    let plan = &page.data[0];
    assert_eq!(
        plan.plan_name.as_deref(),
        Some("AARP MedicareRx Preferred (PDP)")
    );
    assert_eq!(
        plan.deductible.as_ref().unwrap().amount.as_decimal_str(),
        "0.00"
    );
    assert_eq!(
        plan.mail
            .as_ref()
            .unwrap()
            .tier_three_90_day_copay
            .as_ref()
            .unwrap()
            .amount
            .as_decimal_str(),
        "90.00"
    );
    assert_eq!(
        page.meta.activity_id.as_deref(),
        Some("5745e9920640fd7aa95935f5")
    );
    assert!(!page.has_next());
}

#[tokio::test]
async fn plans_accepts_the_older_single_object_answer() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/pharmacy/plans"))
        .and(query_param("trading_partner_id", "medicare_national"))
        .and(query_param("plan_name", "Humana Preferred Rx Plan (PDP)"))
        .and(query_param("zipcode", "94401"))
        .respond_with(ok_fixture("pharmacy_plans.response.2.json"))
        .expect(1)
        .mount(&server)
        .await;

    let q = PharmacyPlansQuery::new("medicare_national")
        .plan_name("Humana Preferred Rx Plan (PDP)")
        .zipcode("94401");
    let page = pd.pharmacy_plans(&q).await.unwrap();
    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].plan_number.as_deref(), Some("S5884114"));
}

#[tokio::test]
async fn formulary_by_drug_with_plans() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/pharmacy/formulary"))
        .and(query_param("trading_partner_id", "medicare_national"))
        .and(query_param("plan_number", "S5820003"))
        .and(query_param("ndc", "00093715498"))
        .and(query_param("include_plans", "true"))
        .and(header("authorization", BEARER))
        .respond_with(ok_fixture("pharmacy_formulary.response.3.json"))
        .expect(1)
        .mount(&server)
        .await;

    let q = PharmacyFormularyQuery::new("medicare_national")
        .plan_number("S5820003")
        .ndc("00093715498")
        .include_plans(true);
    let page = pd.pharmacy_formulary(&q).await.unwrap();
    let d = &page.data[0];
    assert_eq!(d.drug.as_deref(), Some("SIMVASTATIN 10 MG TABLET"));
    assert_eq!(d.tier, Some(1));
    assert_eq!(d.prior_auth, Some(false));
    assert_eq!(
        d.plan
            .as_ref()
            .unwrap()
            .premium
            .as_ref()
            .unwrap()
            .amount
            .as_decimal_str(),
        "65.80"
    );
    let reqs = api_requests(&server).await;
    assert_eq!(
        reqs[0].url.query(),
        Some(
            "trading_partner_id=medicare_national&plan_number=S5820003&ndc=00093715498&include_plans=true"
        )
    );
}

#[tokio::test]
async fn network_search() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/pharmacy/network"))
        .and(query_param("trading_partner_id", "medicare_national"))
        .and(query_param("plan_number", "S5820003"))
        .and(query_param("zipcode", "07030"))
        .and(query_param("radius", "1mi"))
        .and(query_param("sort", "distance"))
        .and(query_param("mail", "false"))
        .and(header("authorization", BEARER))
        .respond_with(ok_fixture("pharmacy_network.list.response.json"))
        .expect(1)
        .mount(&server)
        .await;

    let q = PharmacyNetworkQuery::new("medicare_national")
        .plan_number("S5820003")
        .zipcode("07030")
        .radius("1mi")
        .sort(SortOrder::Distance)
        .mail(false);
    let page = pd.pharmacies(&q).await.unwrap();
    assert_eq!(page.data.len(), 3);
    assert_eq!(page.data[0].npi.as_deref(), Some("1578655056"));
    assert_eq!(
        page.data[1].location.as_ref().unwrap().phone.as_deref(),
        Some("4017651500")
    );
}

#[tokio::test]
async fn network_by_npi() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/pharmacy/network/1427382266"))
        .and(query_param("trading_partner_id", "medicare_national"))
        .and(query_param("plan_number", "S5820003"))
        .and(header("authorization", BEARER))
        .respond_with(ok_fixture("pharmacy_network.get.response.json"))
        .expect(1)
        .mount(&server)
        .await;

    let q = PharmacyNetworkNpiQuery::new("medicare_national").plan_number("S5820003");
    let r = pd.pharmacy("1427382266", &q).await.unwrap();
    assert_eq!(r.data.len(), 1);
    assert_eq!(r.data[0].pharmacy_name.as_deref(), Some("HOBOKEN DRUGS"));
    assert_eq!(r.data[0].in_network, Some(true));
}

#[tokio::test]
async fn coverage_posts_the_documented_example() {
    let (server, pd) = common::platform().await;
    let example = common::fixture("pharmacy_coverage.request.json");
    Mock::given(method("POST"))
        .and(path("/api/v4/pharmacy/coverage"))
        .and(header("authorization", BEARER))
        .and(header("content-type", "application/json"))
        .and(body_json(&example))
        .respond_with(ok_fixture("pharmacy_coverage.response.json"))
        .expect(1)
        .mount(&server)
        .await;

    let req: PharmacyCoverageRequest = serde_json::from_value(example.clone()).unwrap();
    let r = pd.pharmacy_coverage(&req).await.unwrap();
    assert_eq!(r.data.drugs.len(), 3);
    let d = &r.data.drugs[2];
    assert_eq!(d.ndc.as_deref(), Some("00536478701"));
    assert_eq!(
        d.amount_of_copay.as_ref().unwrap().display.as_deref(),
        Some("$1.74")
    );
    let sent: Value = serde_json::from_slice(&api_requests(&server).await[0].body).unwrap();
    assert_eq!(sent, example);
}

#[tokio::test]
async fn coverage_built_in_code() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/pharmacy/coverage"))
        .and(body_json(json!({
            "pharmacy_npi": "0000000000",
            "prescriber": {"npi": "1111111111", "last_name": "Jones"},
            "member": {"last_name": "Smith", "date_of_birth": "19000101", "gender": "Female",
                       "residence": "Skilled Nursing Facility"},
            "insurance": {"bin_number": "my_bin", "pcn": "my_pcn", "cardholder_id": "my_id",
                          "group_id": "my_group", "patient_relationship": "Spouse"},
            "drugs": [{"ndc": "46122006965", "quantity_dispensed": 30, "days_supply": 90},
                      {"ndc": "00904598660", "quantity_dispensed": 2.5}]
        })))
        .respond_with(ok_fixture("pharmacy_coverage.response.json"))
        .expect(1)
        .mount(&server)
        .await;

    let req = PharmacyCoverageRequest::new(
        "0000000000",
        Prescriber::new("1111111111", "Jones"),
        CoverageMember::new("Smith", "19000101", PharmacyGender::Female)
            .residence(Residence::SkilledNursingFacility),
        CoverageInsurance::new("my_bin", "my_pcn", "my_id", "my_group")
            .patient_relationship(PatientRelationship::Spouse),
        vec![
            CoverageDrug::new("46122006965", 30).days_supply(90),
            CoverageDrug::new("00904598660", serde_json::Number::from_f64(2.5).unwrap()),
        ],
    );
    let r = pd.pharmacy_coverage(&req).await.unwrap();
    assert_eq!(r.data.drugs[0].ndc.as_deref(), Some("46122006965"));
}

#[tokio::test]
async fn drug_cost() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/pharmacy/drug/cost"))
        .and(query_param("trading_partner_id", "medicare_national"))
        .and(query_param("plan_number", "S5820003"))
        .and(query_param("drug", "simvastatin"))
        .and(query_param_is_missing("ndc"))
        .and(header("authorization", BEARER))
        .respond_with(ok_fixture("pharmacy_drug_cost.response.json"))
        .expect(1)
        .mount(&server)
        .await;

    let q = PharmacyDrugCostQuery::new("medicare_national", "S5820003").drug("simvastatin");
    let page = pd.pharmacy_drug_cost(&q).await.unwrap();
    assert_eq!(page.data.len(), 5);
    assert_eq!(
        page.data[0]
            .retail
            .as_ref()
            .unwrap()
            .total_cost_30_day
            .as_ref()
            .unwrap()
            .amount
            .as_decimal_str(),
        "2.60"
    );
}

#[tokio::test]
async fn drug_cost_at_the_other_documented_path() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/pharmacy/drugcost"))
        .and(query_param("trading_partner_id", "medicare_national"))
        .and(query_param("plan_number", "S5820003"))
        .and(query_param("ndc", "00093715301"))
        .and(query_param_is_missing("drug"))
        .and(header("authorization", BEARER))
        .respond_with(ok_fixture("pharmacy_drug_cost.response.2.json"))
        .expect(1)
        .mount(&server)
        .await;
    let mut q = PharmacyDrugCostQuery::new("medicare_national", "S5820003");
    q.ndc = Some("00093715301".into());
    let page = pd.pharmacy_drugcost(&q).await.unwrap();
    assert!(!page.data.is_empty());
}

#[tokio::test]
async fn hostile_npis_are_encoded_or_refused() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/pharmacy/network/a%2Fb%3Fc%23d"))
        .and(query_param("trading_partner_id", "medicare_national"))
        .and(header("authorization", BEARER))
        .respond_with(ok_fixture("pharmacy_network.get.response.json"))
        .expect(1)
        .mount(&server)
        .await;

    let q = PharmacyNetworkNpiQuery::new("medicare_national");
    pd.pharmacy("a/b?c#d", &q).await.unwrap();
    assert!(matches!(
        pd.pharmacy("..", &q).await,
        Err(Error::Config { .. })
    ));
    let reqs = api_requests(&server).await;
    assert_eq!(reqs.len(), 1, "the refused id sent nothing");
    assert_eq!(
        reqs[0].url.query(),
        Some("trading_partner_id=medicare_national")
    );
}
