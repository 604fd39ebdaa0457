//! Every typed convenience method of `PokitDok` against the embedded sandbox: the typed
//! responses must decode (the sandbox's shapes and the models agree), values derived from the
//! requests must come back, and state transitions must hold.

use std::time::Duration;

use futures_util::StreamExt;
use pokitdok::models::Paging;
use pokitdok::models::X12File;
use pokitdok::models::activities::{
    ActivitiesQuery, ActivityState, ActivityTransition, ActivityUpdate,
};
use pokitdok::models::claims::PaymentsQuery;
use pokitdok::models::data::{MpcQuery, PayersQuery, PlansQuery, PriceQuery, ProvidersQuery};
use pokitdok::models::eligibility::{EligibilityRequest, ServiceType, X12Json};
use pokitdok::models::identity::{IdentityQuery, ProofReport, ProofReportQuery, ProofStatus};
use pokitdok::models::pharmacy::{
    PharmacyDrugCostQuery, PharmacyFormularyQuery, PharmacyNetworkNpiQuery, PharmacyNetworkQuery,
    PharmacyPlansQuery,
};
use pokitdok::models::scheduling::{
    AppointmentStatus, AppointmentsQuery, UpdateAppointmentRequest,
};
use pokitdok::models::{Member, Provider};
use pokitdok::{Error, PokitDok};
use pokitdok_sandbox::Sandbox;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

type TestResult = Result<(), Box<dyn std::error::Error>>;

async fn start() -> (Sandbox, PokitDok) {
    let sandbox = Sandbox::builder()
        .rate_limit_cap(10_000)
        .activity_step(Duration::from_millis(150))
        .start()
        .await
        .expect("sandbox starts");
    let pd = sandbox.client();
    (sandbox, pd)
}

fn fixture(name: &str) -> Value {
    pokitdok_sandbox::fixtures::json(name).unwrap_or_else(|| panic!("no JSON fixture {name}"))
}

fn fixture_text(name: &str) -> String {
    pokitdok_sandbox::fixtures::text(name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
        .to_owned()
}

/// A typed request from JSON (every request type is `Deserialize`).
fn req<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("request decodes into its type")
}

fn validation_fields(e: Error) -> Vec<String> {
    match e {
        Error::Validation { fields, .. } => fields.into_keys().collect(),
        other => panic!("expected Error::Validation, got {other:?}"),
    }
}

fn eligibility_request() -> EligibilityRequest {
    EligibilityRequest::new(
        Member::new("W000000000", "Jane", "Doe", "1970-01-25"),
        Provider::person("1467560003", "JEROME", "AYA-AY"),
        "MOCKPAYER",
    )
}

#[tokio::test]
async fn eligibility_json_and_raw_x12() -> TestResult {
    let (_sandbox, pd) = start().await;
    let r = pd
        .eligibility(&eligibility_request().service_types([
            ServiceType::HealthBenefitPlanCoverage,
            ServiceType::UrgentCare,
        ]))
        .await?;
    let e = &r.data;
    assert_eq!(e.trading_partner_id.as_deref(), Some("MOCKPAYER"));
    assert_eq!(e.valid_request, Some(true));
    assert!(e.is_active());
    let sub = e.subscriber.as_ref().expect("subscriber");
    assert_eq!(sub.id.as_deref(), Some("W000000000"));
    assert_eq!(sub.first_name.as_deref(), Some("Jane"));
    assert_eq!(
        e.provider.as_ref().and_then(|p| p.npi.as_deref()),
        Some("1467560003")
    );
    assert_eq!(
        e.service_types,
        vec![
            ServiceType::HealthBenefitPlanCoverage,
            ServiceType::UrgentCare
        ]
    );
    let cov = e.coverage.as_ref().expect("coverage");
    assert_eq!(cov.copay.len(), 2);
    assert_eq!(cov.copay[1].service_types, vec![ServiceType::UrgentCare]);
    assert!(!cov.deductibles.is_empty());

    // A test member id is rejected in a 200 answer.
    let mut rejected = eligibility_request();
    rejected.member.id = Some("00009999".into());
    let r = pd.eligibility(&rejected).await?;
    assert_eq!(r.data.valid_request, Some(false));
    assert_eq!(
        r.data.reject_reason.as_ref().map(|x| x.as_str()),
        Some("patient_birth_date_mismatch")
    );

    // Raw X12 in and out: the 271 echoes the 270's member and trading partner.
    let x12_270 = fixture_text("raw_x12.eligibility.request.x12");
    let x12_271 = pd.eligibility_x12(&x12_270).await?;
    assert!(x12_271.starts_with("ISA*"), "{x12_271}");
    assert!(x12_271.contains("ST*271*0001"));
    assert!(x12_271.contains("NM1*IL*1*DOE*JOHN****MI*00000000001~"));
    assert!(x12_271.contains("NM1*PR*2*MOCK PAYER INC*****PI*MOCKPAYER~"));
    assert!(x12_271.contains("NM1*1P*2*POKITDOK, INC.*****XX*1912301953~"));
    assert!(x12_271.contains("BHT*0022*11*10001234*"));
    assert!(x12_271.contains("EB*1*"));
    assert!(x12_271.trim_end().ends_with("~"));

    // `{"x12": ...}` both ways.
    let wrapped = pd
        .eligibility_x12_json(&X12Json::new(x12_270.clone()))
        .await?;
    assert!(wrapped.data.x12.contains("ST*271*0001"));
    assert!(wrapped.data.x12.contains("MI*00000000001~"));
    assert!(wrapped.meta.activity_id.is_some());
    let doc: X12Json = req(fixture("raw_x12.eligibility.request.json"));
    let wrapped = pd.eligibility_x12_json(&doc).await?;
    assert!(wrapped.data.x12.contains("NM1*IL*1*DOE*JOHN"));

    // An unknown trading partner in NM109: the documented `errors.query` answer.
    let unknown = x12_270.replace("PI*MOCKPAYER~", "PI*123456789~");
    for e in [
        pd.eligibility_x12(&unknown).await.unwrap_err(),
        pd.eligibility_x12_json(&X12Json::new(unknown.clone()))
            .await
            .unwrap_err(),
    ] {
        assert_eq!(e.status().map(|s| s.as_u16()), Some(422));
        let query = e.body().and_then(|b| b.errors()).expect("errors")["query"].clone();
        assert_eq!(
            query,
            "Unable to find configuration for trading_partner_id: 123456789, \
             transaction_set_name: eligibility"
        );
    }

    // JSON in, transliterated segments out.
    let full = pd.eligibility_full_x12_json(&eligibility_request()).await?;
    let segs = &full.data.x12_segments;
    assert_eq!(segs[0].segment_id, "BHT");
    let il = segs
        .iter()
        .find(|s| s.segment_id == "NM1" && s.element("entity_identifier_code") == Some("IL"))
        .expect("NM1*IL");
    assert_eq!(il.element("primary_identifier"), Some("W000000000"));
    assert_eq!(il.element("last_or_organization_name"), Some("Doe"));
    let pr = segs
        .iter()
        .find(|s| s.segment_id == "NM1" && s.element("entity_identifier_code") == Some("PR"))
        .expect("NM1*PR");
    assert_eq!(pr.element("primary_identifier"), Some("MOCKPAYER"));
    assert!(
        segs.iter().any(|s| s.segment_id == "EB"
            && s.element("eligibility_or_benefit_information") == Some("1"))
    );

    // The activity of an X12 request carries the X12 with the activity-x12-json type.
    let id = full.meta.activity_id.clone().expect("activity id");
    let a = pd
        .get(format!("/activities/{id}"))
        .header("accept", "application/vnd.pokitdok.v4+activity-x12-json")
        .send()
        .await?;
    assert!(a.data["x12_request"].as_str().unwrap().contains("ST*270*"));
    assert!(
        a.data["x12_request"]
            .as_str()
            .unwrap()
            .contains("MI*W000000000")
    );
    assert!(a.data["x12_response"].as_str().unwrap().contains("ST*271*"));
    let plain = pd.activity(&id).await?;
    assert_eq!(plain.data.name.as_deref(), Some("eligibility"));
    assert!(!plain.data.extra.contains_key("x12_request"));
    Ok(())
}

fn claim_request() -> pokitdok::models::claims::ClaimRequest {
    req(fixture("claims.request.json"))
}

#[tokio::test]
async fn claims_activities_status_and_payments() -> TestResult {
    let (sandbox, pd) = start().await;
    // Claim -> activity -> cancel -> cancel again is a 422.
    let claim = claim_request();
    let member_id = claim.subscriber.member_id.clone().expect("member id");
    let submitted = pd.claims(&claim).await?.data;
    let id = submitted.id.clone().expect("activity id");
    assert_eq!(submitted.state_name(), Some(&ActivityState::Scheduled));
    assert_eq!(submitted.trading_partner_id.as_deref(), Some("MOCKPAYER"));
    assert_eq!(submitted.name.as_deref(), Some("claims"));
    let params: pokitdok::models::claims::ClaimRequest =
        submitted.parameters_as()?.expect("parameters");
    assert_eq!(
        params.subscriber.member_id.as_deref(),
        Some(member_id.as_str())
    );
    let got = pd.activity(&id).await?.data;
    assert_eq!(got.id.as_deref(), Some(id.as_str()));
    // Only `cancel` may be requested.
    let e = pd
        .update_activity(&id, &ActivityUpdate::new(ActivityTransition::Schedule))
        .await
        .unwrap_err();
    assert_eq!(validation_fields(e), vec!["transition"]);
    let canceled = pd.cancel_activity(&id).await?.data;
    assert_eq!(canceled.state_name(), Some(&ActivityState::Canceled));
    assert!(canceled.is_finished());
    assert_eq!(
        pd.activity(&id).await?.data.state_name(),
        Some(&ActivityState::Canceled)
    );
    assert_eq!(
        validation_fields(pd.cancel_activity(&id).await.unwrap_err()),
        vec!["transition"]
    );
    assert!(matches!(
        pd.activity("000000000000000000000000").await,
        Err(Error::NotFound { .. })
    ));

    // A second claim with a callback completes and posts it; `callback::parse` reads it.
    let listener = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .respond_with(wiremock::ResponseTemplate::new(200))
        .mount(&listener)
        .await;
    let with_callback = claim_request().callback_url(format!("{}/cb", listener.uri()));
    let second = pd.claims(&with_callback).await?.data;
    let id2 = second.id.clone().expect("id");
    let mut body = None;
    for _ in 0..100 {
        if let Some(r) = listener
            .received_requests()
            .await
            .unwrap_or_default()
            .first()
        {
            body = Some(r.body.clone());
            break;
        }
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    let callback = pokitdok::callback::parse(&body.expect("a callback arrived"))?;
    assert_eq!(callback.id.as_deref(), Some(id2.as_str()));
    assert_eq!(callback.state_name(), Some(&ActivityState::Completed));
    assert!(callback.result.is_some());
    let done = pd.activity(&id2).await?.data;
    assert!(done.is_finished());
    assert_eq!(
        done.callback_url.as_deref(),
        Some(format!("{}/cb", listener.uri()).as_str())
    );

    // Activities: list and filter; pagination with limit.
    let all = pd.activities(&ActivitiesQuery::new()).await?;
    assert!(
        all.data
            .iter()
            .any(|a| a.id.as_deref() == Some(id.as_str()))
    );
    let page = pd.activities(&ActivitiesQuery::new().limit(1)).await?;
    assert_eq!(page.data.len(), 1);
    let next = page.next_page().await?.expect("second page");
    assert_eq!(next.data.len(), 1);
    assert_ne!(next.data[0].id, page.data[0].id);

    // Claim status finds the submitted claim by member id.
    let status_req: pokitdok::models::claims::ClaimStatusRequest = req(json!({
        "patient": {"first_name": "JANE", "last_name": "DOE", "id": member_id},
        "provider": {"npi": "1234567893", "last_name": "Blackwell"},
        "service_date": "2016-01-25",
        "trading_partner_id": "MOCKPAYER"
    }));
    let status = pd.claims_status(&status_req).await?.data;
    assert_eq!(status.trading_partner_id.as_deref(), Some("MOCKPAYER"));
    let patient = status.patient.expect("patient");
    assert_eq!(patient.id.as_deref(), Some(member_id.as_str()));
    assert!(patient.claims.iter().any(|c| {
        c.tracking_id.as_deref() == Some(id2.as_str())
            && c.statuses[0].status_category_code.as_deref() == Some("A2")
    }));
    let doc_status = pd
        .claims_status(&req(fixture("claim_status.request.json")))
        .await?
        .data;
    assert_eq!(
        doc_status
            .patient
            .as_ref()
            .and_then(|p| p.claims[0].statuses[0].status_category_code.clone()),
        Some("A4".to_owned())
    );

    // Validation of a claim.
    let checked = pd.validate_claim(&claim_request()).await?;
    assert_eq!(checked.data["valid"], true, "{}", checked.data);

    // Claims convert: the documented 837.
    let file = X12File::from_bytes(
        "claim.837",
        fixture_text("claims_convert.request.x12").into_bytes(),
    );
    let converted = pd
        .convert_claims(&file)
        .await?
        .data
        .into_ready()
        .expect("one claim: the conversion itself");
    let creq = converted.claims_request.expect("claims_request");
    assert_eq!(creq.subscriber.member_id.as_deref(), Some("W000000000"));
    assert_eq!(
        creq.claim.service_lines[0].procedure_code.as_deref(),
        Some("99213")
    );
    assert!(
        converted
            .converted_edi
            .as_deref()
            .unwrap_or_default()
            .starts_with("ISA")
    );
    // The converted request can be submitted as is.
    assert!(pd.claims(&creq).await?.data.id.is_some());

    // Payments (the documented one) and its 835.
    let mut q = PaymentsQuery::new();
    q.trading_partner_id = Some("MOCKPAYER".into());
    let payments = pd.payments(&q).await?;
    let pid = payments.data[0].id.clone().expect("payment id");
    let payment = pd.payment(&pid).await?.data;
    assert_eq!(payment.id.as_deref(), Some(pid.as_str()));
    let data = pd.payment_data(&pid).await?.data;
    assert!(!data.is_empty());
    let x12 = pd.payment_data_x12(&pid).await?;
    assert!(x12.starts_with("ISA") && x12.contains("ST*835"), "{x12}");
    assert!(matches!(
        pd.payment("nope").await,
        Err(Error::NotFound { .. })
    ));
    drop(sandbox);
    Ok(())
}

#[tokio::test]
async fn claim_drafts_and_app_registrations() -> TestResult {
    let (_sandbox, pd) = start().await;
    let draft = pd
        .create_claim_draft(&req(json!({"draft": {"trading_partner_id": "MOCKPAYER"}})))
        .await?
        .data;
    let id = draft.id.clone().expect("draft id");
    assert_eq!(draft.validation_result.as_ref().unwrap()["valid"], false);
    let full = fixture("claims.request.json");
    let updated = pd
        .update_claim_draft(&id, &req(json!({"draft": full})))
        .await?
        .data;
    assert_eq!(
        updated.draft.as_ref().unwrap()["subscriber"]["member_id"],
        full["subscriber"]["member_id"]
    );
    let validated = pd.validate_claim_draft(&id).await?.data;
    assert_eq!(validated.id.as_deref(), Some(id.as_str()));
    assert_eq!(
        validated.validation_result.as_ref().map(|v| &v["valid"]),
        Some(&json!(true)),
        "{validated:?}"
    );
    assert_eq!(
        validated.draft.as_ref().unwrap()["trading_partner_id"],
        "MOCKPAYER"
    );
    let list = pd.claim_drafts(&Paging::default()).await?;
    assert_eq!(list.data.len(), 1);
    assert_eq!(
        pd.claim_draft(&id).await?.data.id.as_deref(),
        Some(id.as_str())
    );
    pd.delete_claim_draft(&id).await?;
    assert!(matches!(
        pd.claim_draft(&id).await,
        Err(Error::NotFound { .. })
    ));

    let registration = req(json!({
        "address_lines": ["123 Main ST"], "claims_roles": ["billing"], "city": "San Mateo",
        "first_name": "Jane", "last_name": "Doe", "npi": "1234567893", "state": "CA",
        "tax_id": ["123456789"], "trading_partner_id": "MOCKPAYER",
        "transaction_set_name": "eligibility", "zipcode": "94401"
    }));
    let created = pd.create_app_registration(&registration).await?.data;
    let uuid = created.uuid.clone().expect("uuid");
    assert_eq!(created.npi.as_deref(), Some("1234567893"));
    assert_eq!(created.trading_partner_id.as_deref(), Some("MOCKPAYER"));
    assert!(created.client_id.is_some());
    let mut edit: pokitdok::models::admin::AppRegistrationRequest = registration.clone();
    edit.zipcode = "29401".into();
    let edited = pd.update_app_registration(&uuid, &edit).await?.data;
    assert_eq!(edited.zipcode.as_deref(), Some("29401"));
    assert_eq!(
        pd.app_registrations(&Paging::default()).await?.data.len(),
        1
    );
    assert_eq!(
        pd.app_registration(&uuid).await?.data.zipcode.as_deref(),
        Some("29401")
    );
    pd.delete_app_registration(&uuid).await?;
    assert!(matches!(
        pd.app_registration(&uuid).await,
        Err(Error::NotFound { .. })
    ));
    pd.undelete_app_registration(&uuid).await?;
    assert_eq!(
        pd.app_registration(&uuid).await?.data.uuid.as_deref(),
        Some(uuid.as_str())
    );
    assert!(pd.ssl_check().await?.data.is_object());
    Ok(())
}

#[tokio::test]
async fn reference_data_and_pagination() -> TestResult {
    let (sandbox, pd) = start().await;
    let q: PriceQuery = req(json!({"cpt_code": "93000", "zip_code": "94401"}));
    let cash = pd.cash_prices(&q).await?;
    assert_eq!(cash.data[0].cpt_code.as_deref(), Some("93000"));
    assert_eq!(cash.data[0].geo_zip_area.as_deref(), Some("944"));
    let ins = pd
        .insurance_prices(&req(json!({"cpt_code": "99203", "zip_code": "29412"})))
        .await?
        .data;
    assert_eq!(ins.cpt_code.as_deref(), Some("99203"));
    assert_eq!(ins.geo_zip_area.as_deref(), Some("294"));
    assert!(!ins.amounts.is_empty());

    let mpc = pd
        .procedure_codes(&MpcQuery {
            name: Some("office".into()),
            ..Default::default()
        })
        .await?;
    assert!(!mpc.data.is_empty());
    assert!(mpc.data.iter().all(|c| {
        c.name
            .as_deref()
            .unwrap_or_default()
            .to_lowercase()
            .contains("office")
    }));
    assert_eq!(
        pd.procedure_code("99213").await?.data.code.as_deref(),
        Some("99213")
    );
    let icd = pd.icd_conversion("250.12").await?.data;
    assert_eq!(
        icd.source_code.and_then(|c| c.value).as_deref(),
        Some("25012")
    );
    let plans = pd
        .plans(&PlansQuery {
            state: Some("SC".into()),
            plan_type: Some("PPO".into()),
            ..Default::default()
        })
        .await?;
    assert_eq!(plans.data.len(), 1);
    assert_eq!(plans.data[0].state.as_deref(), Some("SC"));

    // Providers: filter, one by NPI, and pagination (next_page and stream).
    let found = pd
        .providers(&ProvidersQuery {
            zipcode: Some("29307".into()),
            specialty: Some("rheum".into()),
            ..Default::default()
        })
        .await?;
    assert!(!found.data.is_empty());
    for p in &found.data {
        let d = p.provider.as_ref().expect("provider");
        assert!(
            d.specialty.iter().any(|s| s.contains("Rheumatology")),
            "{d:?}"
        );
    }
    let one = pd.provider("1467560003").await?.data;
    assert_eq!(
        one.provider.as_ref().and_then(|p| p.last_name.as_deref()),
        Some("AYA-AY")
    );
    assert!(matches!(
        pd.provider("0000000000").await,
        Err(Error::NotFound { .. })
    ));
    let first = pd
        .providers(&ProvidersQuery {
            limit: Some(2),
            ..Default::default()
        })
        .await?;
    assert_eq!(first.data.len(), 2);
    let total = first.meta.result_count.expect("result_count") as usize;
    assert!(total > 4, "{total}");
    assert!(
        first
            .meta
            .next
            .as_deref()
            .unwrap()
            .starts_with(&sandbox.api_base())
    );
    let second = first.next_page().await?.expect("a second page");
    assert_eq!(second.data.len(), 2);
    assert_ne!(
        second.data[0].provider.as_ref().and_then(|p| p.npi.clone()),
        first.data[0].provider.as_ref().and_then(|p| p.npi.clone())
    );
    let everything: Vec<_> = first.stream().collect().await;
    assert_eq!(everything.len(), total);
    let mut npis: Vec<String> = everything
        .into_iter()
        .map(|r| r.map(|p| p.provider.and_then(|p| p.npi).unwrap_or_default()))
        .collect::<Result<_, _>>()?;
    npis.sort();
    npis.dedup();
    assert_eq!(npis.len(), total, "each provider once");

    let tps = pd.trading_partners().await?;
    assert!(
        tps.data
            .iter()
            .any(|t| t.id.as_deref() == Some("MOCKPAYER"))
    );
    let tp = pd.trading_partner("MOCKPAYER").await?.data;
    assert_eq!(tp.name.as_deref(), Some("MOCK PAYER INC"));
    assert!(
        tp.supported_transactions
            .unwrap_or_default()
            .iter()
            .any(|t| t == "837")
    );
    assert!(matches!(
        pd.trading_partner("nope").await,
        Err(Error::NotFound { .. })
    ));
    #[allow(deprecated)]
    let payers = pd.payers(&PayersQuery::default()).await?;
    assert!(payers.data[0].payer_name.is_some());
    Ok(())
}

#[tokio::test]
async fn oop_identity_and_proof() -> TestResult {
    let (_sandbox, pd) = start().await;
    // OOP: load -> list/get -> estimate uses it -> delete -> gone.
    let loaded = pd
        .load_oop_price(&req(fixture("oop.load_price.request.json")))
        .await?
        .data;
    let uuid = loaded.uuid.clone().expect("uuid");
    assert_eq!(loaded.trading_partner_id.as_deref(), Some("MOCKPAYER"));
    assert_eq!(
        loaded
            .price
            .as_ref()
            .map(|p| p.amount.as_decimal_str().into_owned()),
        Some("750.00".to_owned())
    );
    assert_eq!(pd.oop_prices(&Paging::default()).await?.data.len(), 1);
    assert_eq!(
        pd.oop_price(&uuid).await?.data.uuid.as_deref(),
        Some(uuid.as_str())
    );
    let estimate = pd
        .oop_estimate(&req(fixture("oop.estimate.request.json")))
        .await?
        .data;
    let calc = estimate.calculation.expect("calculation");
    assert_eq!(
        calc.price.map(|p| p.amount.as_decimal_str().into_owned()),
        Some("750.00".to_owned())
    );
    assert!(!calc.estimate.unwrap_or_default().is_empty());
    assert_eq!(
        estimate.eligibility.expect("eligibility")["subscriber"]["id"],
        "W000000000"
    );
    pd.delete_oop_price(&uuid).await?;
    assert!(matches!(
        pd.oop_price(&uuid).await,
        Err(Error::NotFound { .. })
    ));

    // Identity: create -> update -> get -> history -> version -> search.
    let created = pd
        .create_identity(&req(fixture("identity.create.request.json")))
        .await?
        .data;
    let id = created.uuid.clone().expect("uuid");
    let updated = pd
        .update_identity(&id, &req(fixture("identity.update.request.json")))
        .await?
        .data;
    assert_eq!(
        updated.email.as_deref(),
        Some("oscar.whitmire@pokitdok.com")
    );
    let got = pd.identity(&id).await?.data;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].email.as_deref(), Some("oscar.whitmire@pokitdok.com"));
    let history = pd.identity_history(&id).await?;
    assert_eq!(history.data.len(), 2);
    let v1 = pd.identity_history_version(&id, "1").await?.data;
    assert_eq!(v1.email.as_deref(), Some("oscar@pokitdok.com"));
    assert!(matches!(
        pd.identity_history_version(&id, "9").await,
        Err(Error::NotFound { .. })
    ));
    let found = pd
        .identities(&IdentityQuery {
            first_name: Some("Oskar".into()),
            last_name: Some("Whitmire".into()),
            ..Default::default()
        })
        .await?;
    assert_eq!(found.data[0].uuid.as_deref(), Some(id.as_str()));

    // Identity Match.
    let job = pd.start_identity_match(&req(json!({}))).await?;
    assert!(job.data["activity_id"].is_string());
    let configs = pd.identity_match_configs(&Paging::default()).await?;
    let alg = configs.data[0].algorithm_id.clone().expect("algorithm id");
    assert_eq!(
        pd.identity_match_config(&alg)
            .await?
            .data
            .algorithm_id
            .as_deref(),
        Some(alg.as_str())
    );
    let person = fixture("identity_match.submit.request.json");
    let first = pd
        .submit_identity_match(&alg, &req(person.clone()))
        .await?
        .data;
    let mut other = person.clone();
    other["last_name"] = json!("Hermann");
    let second = pd.submit_identity_match(&alg, &req(other)).await?.data;
    let source = second.source_id.clone().expect("source id");
    let found = pd
        .find_identity_match(&alg, &req(fixture("identity_match.find.request.json")))
        .await?
        .data
        .expect("a canonical record");
    assert_eq!(found.sources.len(), 2);
    assert!(found.sources.contains(&first.source_id.clone().unwrap()));
    let record = found.record_id.clone().expect("record id");
    let canonical = pd.identity_match_canonical(&alg, &record).await?.data;
    assert_eq!(
        canonical
            .data
            .as_ref()
            .and_then(|d| d.first_name.as_deref()),
        Some("Siena")
    );
    assert_eq!(
        pd.identity_match_canonical_sources(&alg, &record)
            .await?
            .data
            .len(),
        2
    );
    let src = pd.identity_match_source(&alg, &source).await?.data;
    assert_eq!(src.source_id.as_deref(), Some(source.as_str()));
    let via = pd.identity_match_source_canonical(&alg, &source).await?;
    assert_eq!(via.data[0].record_id.as_deref(), Some(record.as_str()));
    let nobody = pd
        .find_identity_match(
            &alg,
            &req(json!({"first_name": "Nobody", "last_name": "Atall"})),
        )
        .await?;
    assert!(nobody.data.is_none());

    // Identity Proof.
    let who = json!({"first_name": "Siena", "last_name": "Hermann", "ssn": "4329",
                     "birth_date": {"year": 1988, "month": 5, "day": 13},
                     "address": {"postal_code": "36672", "city": "Aileenshire"}});
    let valid = pd.validate_identity(&req(who.clone())).await?.data;
    assert_eq!(valid.is_valid, Some(true));
    let q = pd.create_proof_questionnaire(&req(who)).await?.data;
    let qid = q.questionnaire_id.clone().expect("questionnaire id");
    let pick = |question: &pokitdok::models::identity::ProofQuestion, wanted: &str| {
        question
            .answers
            .iter()
            .find(|a| a.answer.as_deref() == Some(wanted))
            .and_then(|a| a.id.clone())
            .expect("answer")
    };
    let a1 = pick(q.question.as_ref().expect("question"), "36672");
    let pending = pd
        .answer_proof_question(&req(
            json!({"questionnaire_id": qid, "question_id": 1, "answer": a1}),
        ))
        .await?
        .data;
    assert_eq!(pending.status, Some(ProofStatus::Pending));
    let a2 = pick(pending.question.as_ref().expect("question"), "Aileenshire");
    let success = pd
        .answer_proof_question(&req(
            json!({"questionnaire_id": qid, "question_id": 2, "answer": a2}),
        ))
        .await?
        .data;
    assert_eq!(success.status, Some(ProofStatus::Success));
    match pd
        .identity_proof_report(&ProofReportQuery::default())
        .await?
        .data
    {
        ProofReport::Records(r) => {
            assert_eq!(r[0].questionnaire_id.as_deref(), Some(qid.as_str()));
            assert_eq!(r[0].verification_result, Some(ProofStatus::Success));
        }
        other => panic!("{other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn pharmacy() -> TestResult {
    let (_sandbox, pd) = start().await;
    let mut plans_q = PharmacyPlansQuery::default();
    plans_q.trading_partner_id = "medicare_national".into();
    plans_q.plan_number = Some("S5820003".into());
    let plans = pd.pharmacy_plans(&plans_q).await?;
    assert_eq!(plans.data[0].plan_number.as_deref(), Some("S5820003"));

    let mut f = PharmacyFormularyQuery::default();
    f.trading_partner_id = "medicare_national".into();
    f.plan_number = Some("S5820003".into());
    f.drug = Some("simvastatin".into());
    f.include_plans = Some(true);
    let formulary = pd.pharmacy_formulary(&f).await?;
    assert!(!formulary.data.is_empty());
    assert!(formulary.data.iter().all(|d| {
        d.drug
            .as_deref()
            .unwrap_or_default()
            .contains("SIMVASTATIN")
    }));
    assert_eq!(
        formulary.data[0]
            .plan
            .as_ref()
            .and_then(|p| p.plan_number.as_deref()),
        Some("S5820003")
    );

    let mut n = PharmacyNetworkQuery::default();
    n.trading_partner_id = "medicare_national".into();
    n.plan_number = Some("S5820003".into());
    n.zipcode = Some("07030".into());
    assert!(!pd.pharmacies(&n).await?.data.is_empty());
    let mut one = PharmacyNetworkNpiQuery::default();
    one.trading_partner_id = "medicare_national".into();
    one.plan_number = Some("S5820003".into());
    let hoboken = pd.pharmacy("1427382266", &one).await?.data;
    assert_eq!(hoboken[0].pharmacy_name.as_deref(), Some("HOBOKEN DRUGS"));

    let coverage = pd
        .pharmacy_coverage(&req(fixture("pharmacy_coverage.request.json")))
        .await?
        .data;
    assert_eq!(coverage.drugs.len(), 3);
    assert_eq!(coverage.drugs[2].ndc.as_deref(), Some("00536478701"));

    let mut c = PharmacyDrugCostQuery::default();
    c.trading_partner_id = "medicare_national".into();
    c.plan_number = "S5820003".into();
    c.drug = Some("simvastatin".into());
    let cost = pd.pharmacy_drug_cost(&c).await?;
    assert!(!cost.data.is_empty());
    Ok(())
}

#[tokio::test]
async fn transactions_and_uploads() -> TestResult {
    let (_sandbox, pd) = start().await;
    let referral_req = fixture("referrals.request.json");
    let referral = pd.referrals(&req(referral_req.clone())).await?.data;
    assert_eq!(referral.trading_partner_id.as_deref(), Some("MOCKPAYER"));
    assert_eq!(referral.valid_request, Some(true));
    assert_eq!(
        serde_json::to_value(&referral.patient)?,
        referral_req["patient"]
    );
    let auth_req = fixture("authorizations.request.json");
    let auth = pd.authorizations(&req(auth_req.clone())).await?.data;
    assert_eq!(auth.valid_request, Some(true));
    assert!(auth.event.is_some());

    let enrollment = pd
        .enrollment(&req(fixture("enrollment.request.json")))
        .await?;
    assert_eq!(enrollment.data["name"], "enrollment");
    assert_eq!(enrollment.data["state"]["name"], "scheduled");
    let ccd = pd.ccd(&json!({"patient": {}})).await?;
    assert_eq!(ccd.data["status"], "accepted");

    // Snapshot upload -> list -> get -> data.
    let x12 = fixture_text("claims_convert.request.x12").into_bytes();
    let snapshot = pd
        .upload_enrollment_snapshot("MOCKPAYER", &X12File::from_bytes("full.834", x12.clone()))
        .await?
        .data;
    let sid = snapshot.id.clone().expect("snapshot id");
    assert_eq!(snapshot.trading_partner_id.as_deref(), Some("MOCKPAYER"));
    let list = pd.enrollment_snapshots(&Paging::default()).await?;
    assert_eq!(list.data[0].snapshot_id.as_deref(), Some(sid.as_str()));
    let one = pd.enrollment_snapshot(&sid).await?.data;
    assert_eq!(one.trading_partner_id.as_deref(), Some("MOCKPAYER"));
    let records = pd
        .enrollment_snapshot_data(&sid, &Paging::default())
        .await?;
    let record = &records.data[0];
    assert_eq!(record.trading_partner_id.as_deref(), Some("MOCKPAYER"));
    assert_eq!(
        record
            .subscriber
            .as_ref()
            .and_then(|s| s.member_id.as_deref()),
        Some("W000000000")
    );

    // Files: a batch activity with one sub-activity per transaction set.
    let path = std::env::temp_dir().join(format!("sandbox-typed-{}.270", std::process::id()));
    std::fs::write(&path, fixture_text("raw_x12.eligibility.request.x12"))?;
    let file = pd
        .upload_x12_file("MOCKPAYER", &X12File::from_path(&path), None)
        .await?
        .data;
    let _ = std::fs::remove_file(&path);
    assert_eq!(file.name.as_deref(), Some("batch file"));
    assert_eq!(file.trading_partner_id.as_deref(), Some("MOCKPAYER"));
    let parent = file.id.clone().expect("id");
    let children = pd
        .activities(&ActivitiesQuery::new().parent_id(parent))
        .await?;
    assert_eq!(children.data[0].name.as_deref(), Some("eligibility"));
    Ok(())
}

#[tokio::test]
async fn scheduling_with_scopes() -> TestResult {
    let (sandbox, no_scope) = start().await;
    let user = sandbox.client_builder().scopes(["user_schedule"]).build()?;
    let business = sandbox
        .client_builder()
        .scopes(["business_schedule"])
        .build()?;

    // Listings need no scope.
    let schedulers = no_scope.schedulers().await?;
    let sid = schedulers.data[0].scheduler_uuid.clone().expect("uuid");
    let one = no_scope.scheduler(&sid).await?.data;
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].scheduler_uuid.as_deref(), Some(sid.as_str()));
    let types = no_scope.appointment_types().await?;
    let tid = types.data[0].appointment_type_uuid.clone().expect("uuid");
    assert_eq!(
        no_scope
            .appointment_type(&tid)
            .await?
            .data
            .appointment_type_uuid
            .as_deref(),
        Some(tid.as_str())
    );

    // Without the scope: 403 with the scope error.
    let patient_uuid = "500ef469-2767-4901-b705-425e9b6f7f83";
    match no_scope
        .appointments(&AppointmentsQuery::patient(patient_uuid))
        .await
    {
        Err(Error::Forbidden { body, .. }) => {
            assert!(body.errors().is_some_and(|e| e.get("scope").is_some()))
        }
        other => panic!("expected Error::Forbidden, got {other:?}"),
    }
    let slot_req = req(fixture("scheduling.slots.create.request.json"));
    assert!(matches!(
        user.create_slot(&slot_req).await,
        Err(Error::Forbidden { .. })
    ));

    // Slot create (business) -> book -> update -> list/get -> cancel -> delete.
    let slot = business.create_slot(&slot_req).await?.data;
    assert_eq!(slot.status, Some(AppointmentStatus::Open));
    assert_eq!(slot.appointment_type.as_deref(), Some("AT1"));
    let id = slot.pd_appointment_uuid.clone().expect("uuid");
    let booked = user
        .book_appointment(
            &id,
            &req(fixture("scheduling.appointments.book.request.json")),
        )
        .await?
        .data;
    assert_eq!(booked.status, Some(AppointmentStatus::Booked));
    assert_eq!(
        booked.patient.as_ref().and_then(|p| p.id()),
        Some(patient_uuid)
    );
    assert!(matches!(
        user.book_appointment(
            &id,
            &req(fixture("scheduling.appointments.book.request.json"))
        )
        .await,
        Err(Error::Validation { .. })
    ));
    let updated = user
        .update_appointment(
            &id,
            &UpdateAppointmentRequest::description("Bring your card"),
        )
        .await?
        .data;
    assert_eq!(updated.description.as_deref(), Some("Bring your card"));
    let listed = user
        .appointments(&AppointmentsQuery::patient(patient_uuid))
        .await?;
    assert_eq!(listed.data.len(), 1);
    let got = user.appointment(&id).await?.data;
    assert_eq!(got[0].status, Some(AppointmentStatus::Booked));
    assert!(
        business.delete_slot(&id).await.is_err(),
        "booked slots stay"
    );
    let cancelled = user.cancel_appointment(&id).await?;
    assert_eq!(cancelled.data["status"], "open");
    business.delete_slot(&id).await?;
    assert!(matches!(
        user.appointment(&id).await,
        Err(Error::NotFound { .. })
    ));

    // Patients come from identities.
    let identity = user
        .create_identity(&req(json!({"first_name": "Peg", "last_name": "Patient",
                                     "email": "peg@example.test"})))
        .await?
        .data;
    let mut preq = fixture("scheduling.patient.request.json");
    preq["pd_patient_uuid"] = json!(identity.uuid);
    let patient = user.add_patient(&req(preq)).await?.data;
    assert_eq!(patient.first_name.as_deref(), Some("Peg"));
    assert_eq!(patient.email.as_deref(), Some("peg@example.test"));
    Ok(())
}

#[tokio::test]
async fn queued_answers_revocation_and_the_added_operations() -> TestResult {
    use pokitdok::Answer;
    let (_sandbox, pd) = start().await;

    // A queued eligibility check: the activity, which the sandbox then completes.
    let queued = pd
        .queue_eligibility(&eligibility_request().application_data(json!({"ticket": 1})))
        .await?
        .data;
    let id = queued.id.clone().expect("activity id");
    assert_eq!(queued.name.as_deref(), Some("eligibility"));
    assert!(!queued.is_finished());
    let mut done = pd.activity(&id).await?.data;
    for _ in 0..40 {
        if done.is_finished() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        done = pd.activity(&id).await?.data;
    }
    assert!(done.is_finished(), "{:?}", done.state_name());
    // The real-time method refuses the same request, sending nothing.
    let err = pd
        .eligibility(&eligibility_request().callback("http://127.0.0.1:9/cb"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("queue_eligibility"), "{err}");

    // Claims convert: one claim is ready now; two claims queue a batch activity.
    let one = fixture_text("claims_convert.request.x12");
    let answer = pd
        .convert_claims(&X12File::from_bytes("one.837", one.clone()))
        .await?
        .data;
    assert!(matches!(answer, Answer::Ready(_)), "{answer:?}");
    let second_claim = "CLM*second-claim*80***11:B:1*Y*A*Y*I~HI*BK:4871~LX*1~\
                        SV1*HC:99214*80*UN*1.0***1~DTP*472*D8*20140602~";
    let se = one.find("SE*").expect("an SE segment");
    let two = format!("{}{second_claim}{}", &one[..se], &one[se..]);
    let answer = pd
        .convert_claims(&X12File::from_bytes("two.837", two))
        .await?
        .data;
    let Answer::Queued(batch) = answer else {
        panic!("a multi-claim file answers with a batch activity: {answer:?}");
    };
    let parent = batch.id.clone().expect("batch id");
    let children = pd
        .activities(&ActivitiesQuery::new().parent_id(parent))
        .await?;
    assert_eq!(children.data.len(), 2);

    // Eligibility constants: the service-type table, name -> X12 code.
    let constants = pd.eligibility_constants().await?.data;
    assert_eq!(
        constants.service_type_code("health_benefit_plan_coverage"),
        Some("30")
    );
    assert!(constants.service_types.len() > 50);

    // The second drug cost path answers like the first; the network without a trailing slash.
    let q = PharmacyDrugCostQuery::new("medicare_national", "S5820003").drug("simvastatin");
    let a = pd.pharmacy_drug_cost(&q).await?;
    let b = pd.pharmacy_drugcost(&q).await?;
    assert!(!b.data.is_empty());
    assert_eq!(a.data, b.data);
    let network = pd
        .pharmacies(&PharmacyNetworkQuery::new("medicare_national").plan_number("S5820003"))
        .await?;
    assert!(!network.data.is_empty());

    // Revocation: the old token is refused from then on; the client carries on with a new one.
    let old = pd.token().expect("a token").access_token().to_owned();
    pd.revoke_token().await?;
    let refused = reqwest::Client::new()
        .get(format!("{}/ssl/", pd.api_base()))
        .bearer_auth(&old)
        .send()
        .await?;
    assert_eq!(refused.status().as_u16(), 401);
    pd.ssl_check().await?;
    assert_ne!(pd.token().expect("a new token").access_token(), old);
    Ok(())
}
