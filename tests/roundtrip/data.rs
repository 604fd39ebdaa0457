use super::roundtrip;

use pokitdok::models::Amount;
use pokitdok::models::data::{
    CashPrice, EntityType, IcdConversion, InsurancePrices, LocationRole, MetallicLevel,
    MonitoringStatus, PayerType, PaymentType, Plan, ProcedureCode, ProviderResult, SearchOption,
    TradingPartner,
};
use pokitdok::models::oop::{OopEstimate, OopEstimateRequest, OopLoadPrice, OopLoadPriceRequest};
use pokitdok::models::pharmacy::{
    DrugCost, FormularyDrug, Pharmacy, PharmacyCoverage, PharmacyCoverageRequest, PharmacyGender,
    PharmacyPlan,
};
use serde::{Deserialize, Serialize};

/// The pharmacy examples are `{"data": ...}` without `meta`. `ApiResponse` always writes a
/// `meta` back, so these fixtures round-trip through this data-only envelope instead.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DataOnly<T> {
    data: T,
}

// ----- data -----

#[test]
fn cash_prices() {
    let v = roundtrip::<Vec<CashPrice>>("cash_prices.response.json");
    assert_eq!(v.len(), 2);
    assert_eq!(v[0].cpt_code.as_deref(), Some("99385"));
    assert_eq!(v[0].geo_zip_area.as_deref(), Some("294"));
    assert_eq!(
        v[1].procedure_description.as_deref(),
        Some("Well Woman Exam")
    );
    // serde_json's default float parser may be 1 ULP off on 17-digit numbers (exact only
    // with its `float_roundtrip` feature); the value is kept as a JSON number either way.
    let high = v[0].high_price.as_ref().unwrap();
    assert!(matches!(high, Amount::Number(_)));
    assert!((high.to_f64().unwrap() - 233.42479280373698).abs() < 1e-9);
}

#[test]
fn insurance_prices() {
    let p = roundtrip::<InsurancePrices>("insurance_prices.response.json");
    assert_eq!(p.cpt_code.as_deref(), Some("99203"));
    assert_eq!(p.amounts.len(), 6);
    assert_eq!(p.amounts[0].payer_type, Some(PayerType::Insurance));
    assert_eq!(p.amounts[2].payment_type, Some(PaymentType::Standardized));
    // Integers stay integers.
    assert_eq!(p.amounts[4].high_price, Some(Amount::from(525)));
    assert_eq!(
        p.amounts[4].high_price.as_ref().unwrap().as_decimal_str(),
        "525"
    );
}

#[test]
fn mpc_get() {
    let c = roundtrip::<ProcedureCode>("mpc.get.response.json");
    assert_eq!(c.code.as_deref(), Some("99213"));
    assert!(c.name.unwrap().starts_with("Established patient"));
}

#[test]
fn mpc_list() {
    let v = roundtrip::<Vec<ProcedureCode>>("mpc.list.response.json");
    assert_eq!(v.len(), 7);
    assert_eq!(v[6].code.as_deref(), Some("99051"));
}

#[test]
fn icd_convert() {
    let c = roundtrip::<IcdConversion>("icd_convert.response.json");
    assert_eq!(c.approximate, Some(true));
    assert_eq!(c.combination, Some(false));
    assert_eq!(c.source_code.unwrap().value.as_deref(), Some("25012"));
    let lists = &c.destination_scenarios[0].choice_lists;
    assert_eq!(lists.len(), 2);
    assert_eq!(lists[1][1].value.as_deref(), Some("E1310"));
    assert_eq!(lists[1][1].system.as_deref(), Some("icd10"));
}

#[test]
fn plans() {
    let p = roundtrip::<Plan>("plans.response.json");
    assert_eq!(p.plan_id.as_deref(), Some("33602TX0420001"));
    assert_eq!(p.metallic_level, Some(MetallicLevel::Gold));
    assert_eq!(p.public_exchange, Some(true));
    // 9750.0 stays a float, not 9750.
    let family = p.deductible.unwrap().family.unwrap();
    assert_eq!(serde_json::to_string(&family).unwrap(), "9750.0");
    assert_eq!(p.premiums[0].age, Some(21));
    assert_eq!(p.premiums[0].cost.as_ref().unwrap().to_f64(), Some(307.03));
}

#[test]
fn providers_get() {
    let r = roundtrip::<ProviderResult>("providers.get.response.json");
    let p = r.provider.unwrap();
    assert_eq!(p.npi.as_deref(), Some("1467560003"));
    assert_eq!(p.entity_type, Some(EntityType::Individual));
    assert_eq!(p.display_name(), "JEROME AYA-AY");
    assert_eq!(p.locations.len(), 2);
    assert_eq!(p.locations[1].role, vec![LocationRole::Mailing]);
    assert_eq!(p.licenses[0].number.as_deref(), Some("27210"));
    assert_eq!(p.specialty_secondary, vec!["General & Family Medicine"]);
    assert_eq!(p.verified, Some(false));
}

#[test]
fn providers_list() {
    let v = roundtrip::<Vec<ProviderResult>>("providers.list.response.json");
    let p = v[0].provider.as_ref().unwrap();
    assert_eq!(p.npi.as_deref(), Some("1629149364"));
    assert_eq!(p.locations[1].zipcode.as_deref(), Some("29307"));
    assert_eq!(p.specialty_primary, vec!["Specialist", "Rheumatology"]);
}

#[test]
fn trading_partners_get() {
    let tp = roundtrip::<TradingPartner>("trading_partners.get.response.json");
    assert_eq!(tp.id.as_deref(), Some("aetna"));
    assert_eq!(tp.enrollment_required, Some(vec![]));
    assert_eq!(
        tp.provider_enrollment_required_transaction_types,
        Some(vec![])
    );
    let setup = tp.provider_enrollment_setup_transaction_types.unwrap();
    assert_eq!(setup.client_action_required, Some(vec![]));
    assert_eq!(
        tp.monitoring.as_ref().unwrap()["claims"].status,
        Some(MonitoringStatus::Available)
    );
    let fee = &tp.pass_through_fees.as_ref().unwrap()["270"];
    assert_eq!(fee.amount.as_decimal_str(), "0.0");
    let metrics = tp.metrics.unwrap();
    assert_eq!(
        metrics.real_time_response_percentiles.unwrap()["95"].as_f64(),
        Some(2470.0921487230594)
    );
    let options = tp.supported_search_options.unwrap();
    assert_eq!(options[0], SearchOption::NoIdSearch);
    assert_eq!(options[4], SearchOption::PrimarySearch);
    assert_eq!(
        tp.restricted_transactions,
        Some(vec!["837".into(), "278".into()])
    );
}

#[test]
fn trading_partners_list() {
    let v = roundtrip::<Vec<TradingPartner>>("trading_partners.list.response.json");
    assert_eq!(v.len(), 3);
    assert_eq!(v[2].id.as_deref(), Some("aetna_better_health"));
    assert_eq!(v[0].is_enabled, Some(true));
    assert_eq!(v[0].enrollment_required, Some(vec![]));
    assert_eq!(v[1].supported_transactions, Some(vec!["837".to_owned()]));
}

// ----- oop -----

#[test]
fn oop_load_price() {
    let p = roundtrip::<OopLoadPrice>("oop.load_price.response.json");
    assert_eq!(p.trading_partner_id.as_deref(), Some("MOCKPAYER"));
    assert_eq!(p.uuid, None); // the example omits it
    assert_eq!(p.price.unwrap().amount.as_decimal_str(), "750");
    assert_eq!(p.cpt_bundle, Some(vec!["99385".to_owned()]));
}

#[test]
fn oop_estimate() {
    let e = roundtrip::<OopEstimate>("oop.estimate.response.json");
    let c = e.calculation.as_ref().unwrap();
    assert_eq!(c.deductible.as_ref().unwrap().as_decimal_str(), "2983.57");
    assert_eq!(c.estimate, Some(vec![Amount::from("130")]));
    assert_eq!(
        c.price.as_ref().unwrap().amount.as_decimal_str(),
        "130.3855"
    );
    assert_eq!(c.service_type_codes, Some(vec![vec!["98".to_owned()]]));
    assert_eq!(c.messages.as_ref().unwrap().len(), 1);
    let elig = e.eligibility.as_ref().unwrap();
    // The explicit empty `messages` arrays of the eligibility response survive.
    assert_eq!(
        elig["coverage"]["coinsurance"][0]["messages"],
        serde_json::json!([])
    );
    assert_eq!(elig["trading_partner_id"], "MOCKPAYER");
    // ...and the embedded eligibility response decodes into the typed model, losslessly.
    let typed = e.eligibility_response().unwrap().unwrap();
    assert_eq!(typed.trading_partner_id.as_deref(), Some("MOCKPAYER"));
    assert_eq!(&serde_json::to_value(&typed).unwrap(), elig);
    let typed: serde_json::Value = e.eligibility_as().unwrap().unwrap();
    assert_eq!(&typed, elig);
    // Debug shows no PHI from the eligibility response.
    let dbg = format!("{e:?}");
    assert!(
        !dbg.contains("Jane") && !dbg.contains("W000000000"),
        "{dbg}"
    );
}

#[test]
fn oop_requests_decode_and_encode_identically() {
    let original = super::fixture("oop.load_price.request.json");
    let req: OopLoadPriceRequest = serde_json::from_value(original.clone()).unwrap();
    assert_eq!(req.cpt_bundle, vec!["99385"]);
    assert_eq!(req.price.as_ref().unwrap().currency, None);
    assert_eq!(serde_json::to_value(&req).unwrap(), original);

    let original = super::fixture("oop.estimate.request.json");
    let req: OopEstimateRequest = serde_json::from_value(original.clone()).unwrap();
    assert_eq!(req.zip_code.as_deref(), Some("29412"));
    let elig = req.eligibility.as_ref().unwrap();
    assert_eq!(
        elig.provider.as_ref().unwrap().npi.as_deref(),
        Some("1234567893")
    );
    assert_eq!(
        elig.member.as_ref().unwrap().id.as_deref(),
        Some("W000000000")
    );
    assert_eq!(serde_json::to_value(&req).unwrap(), original);
    let dbg = format!("{req:?}");
    assert!(
        !dbg.contains("Jane") && !dbg.contains("1970") && !dbg.contains("W0000"),
        "{dbg}"
    );
}

// ----- pharmacy -----

#[test]
fn pharmacy_plans() {
    let r = roundtrip::<DataOnly<Vec<PharmacyPlan>>>("pharmacy_plans.response.json");
    let p = &r.data[0];
    assert_eq!(p.plan_number.as_deref(), Some("S5820003"));
    assert_eq!(p.zipcodes, vec!["29401", "94401"]);
    assert_eq!(p.premium.as_ref().unwrap().amount.as_decimal_str(), "65.80");
    let retail = p.retail.as_ref().unwrap();
    assert_eq!(
        retail
            .tier_three_30_day_copay
            .as_ref()
            .unwrap()
            .amount
            .as_decimal_str(),
        "35.00"
    );
    assert_eq!(retail.tier_five_30_day_coins, Some(Amount::from("0.33")));
    assert_eq!(retail.tier_one_30_day_coins, None);
}

#[test]
fn pharmacy_plans_old_single_object() {
    let r = roundtrip::<DataOnly<PharmacyPlan>>("pharmacy_plans.response.2.json");
    assert_eq!(r.data.plan_number.as_deref(), Some("S5884114"));
    let mail = r.data.mail.as_ref().unwrap();
    assert_eq!(mail.tier_three_90_day_coins, Some(Amount::from("0.15")));
}

#[test]
fn pharmacy_formulary() {
    let r = roundtrip::<DataOnly<Vec<FormularyDrug>>>("pharmacy_formulary.response.json");
    assert_eq!(r.data.len(), 5);
    let d = &r.data[0];
    assert_eq!(d.drug.as_deref(), Some("SIMVASTATIN 80 MG TABLET"));
    assert_eq!(d.tier, Some(1));
    assert_eq!(d.limit_days, Some(30));
    assert_eq!(d.quantity_limit, Some(true));
    assert_eq!(
        d.retail
            .as_ref()
            .unwrap()
            .oop_30_day
            .as_ref()
            .unwrap()
            .amount
            .as_decimal_str(),
        "4.00"
    );
}

#[test]
fn pharmacy_formulary_2() {
    let r = roundtrip::<DataOnly<Vec<FormularyDrug>>>("pharmacy_formulary.response.2.json");
    assert_eq!(r.data[0].tier_name.as_deref(), Some("preferred generic"));
    assert!(r.data[0].plan.is_none());
}

#[test]
fn pharmacy_formulary_3_with_plan() {
    let r = roundtrip::<DataOnly<Vec<FormularyDrug>>>("pharmacy_formulary.response.3.json");
    let plan = r.data[0].plan.as_ref().unwrap();
    assert_eq!(
        plan.plan_name.as_deref(),
        Some("AARP MedicareRx Preferred (PDP)")
    );
    assert_eq!(
        plan.initial_coverage_limit
            .as_ref()
            .unwrap()
            .amount
            .as_decimal_str(),
        "3310.00"
    );
}

#[test]
fn pharmacy_network_get() {
    let r = roundtrip::<DataOnly<Vec<Pharmacy>>>("pharmacy_network.get.response.json");
    let p = &r.data[0];
    assert_eq!(p.npi.as_deref(), Some("1427382266"));
    assert_eq!(p.in_network, Some(true));
    assert_eq!(p.plan_id.as_deref(), Some("H0755036"));
    let loc = p.location.as_ref().unwrap();
    assert_eq!(loc.zipcode.as_deref(), Some("07030"));
    assert_eq!(loc.geo_location[0].as_f64(), Some(-74.03467));
}

#[test]
fn pharmacy_network_list() {
    let r = roundtrip::<DataOnly<Vec<Pharmacy>>>("pharmacy_network.list.response.json");
    assert_eq!(r.data.len(), 3);
    assert_eq!(
        r.data[2].location.as_ref().unwrap().address_lines,
        vec!["1320 Shipyard Ln", "Suite 3-4"]
    );
    assert_eq!(r.data[2].retail, Some(true));
    assert_eq!(r.data[2].mail, Some(false));
}

#[test]
fn pharmacy_coverage() {
    let r = roundtrip::<DataOnly<PharmacyCoverage>>("pharmacy_coverage.response.json");
    assert_eq!(r.data.drugs.len(), 3);
    let d = &r.data.drugs[1];
    assert_eq!(d.ndc.as_deref(), Some("00904598660"));
    let pay = d.patient_pay_amount.as_ref().unwrap();
    assert_eq!(pay.amount, Some(Amount::from("2.85")));
    assert_eq!(pay.display.as_deref(), Some("$2.85"));
    assert_eq!(
        d.additional_information.as_ref().unwrap()[0]
            .information
            .as_deref(),
        Some("DISCOUNT APPLIED")
    );
}

#[test]
fn pharmacy_coverage_request_decodes_and_encodes_identically() {
    let original = super::fixture("pharmacy_coverage.request.json");
    let req: PharmacyCoverageRequest = serde_json::from_value(original.clone()).unwrap();
    assert_eq!(req.pharmacy_npi, "0000000000");
    assert_eq!(req.member.gender, PharmacyGender::NotKnown);
    assert_eq!(req.member.date_of_birth.as_str(), "19000101");
    assert_eq!(req.drugs.len(), 3);
    assert_eq!(req.drugs[0].quantity_dispensed.as_u64(), Some(30));
    assert_eq!(serde_json::to_value(&req).unwrap(), original);
    let dbg = format!("{req:?}");
    assert!(
        !dbg.contains("Smith") && !dbg.contains("19000101") && !dbg.contains("my_id"),
        "{dbg}"
    );
}

#[test]
fn pharmacy_drug_cost() {
    let r = roundtrip::<DataOnly<Vec<DrugCost>>>("pharmacy_drug_cost.response.json");
    assert_eq!(r.data.len(), 5);
    let d = &r.data[3];
    assert_eq!(d.drug.as_deref(), Some("SIMVASTATIN 80 MG TABLET"));
    assert_eq!(
        d.mail
            .as_ref()
            .unwrap()
            .total_cost_90_day
            .as_ref()
            .unwrap()
            .amount
            .as_decimal_str(),
        "10.41"
    );
}

#[test]
fn pharmacy_drug_cost_2() {
    let r = roundtrip::<DataOnly<Vec<DrugCost>>>("pharmacy_drug_cost.response.2.json");
    assert_eq!(r.data[0].drug.as_deref(), Some("LYRICA 225 MG CAPSULE"));
    assert_eq!(
        r.data[0]
            .retail
            .as_ref()
            .unwrap()
            .oop_30_day
            .as_ref()
            .unwrap()
            .amount
            .as_decimal_str(),
        "68.58"
    );
}
