//! Every API group of the sandbox through the crate's generic calls, asserting data derived
//! from the requests and state transitions.

use std::time::Duration;

use pokitdok::{Error, Multipart, PokitDok};
use pokitdok_sandbox::Sandbox;
use serde_json::{Value, json};

type TestResult = Result<(), Box<dyn std::error::Error>>;

async fn start() -> (Sandbox, PokitDok) {
    let sandbox = Sandbox::builder()
        .rate_limit_cap(10_000)
        .activity_step(Duration::from_millis(400))
        .start()
        .await
        .expect("sandbox starts");
    let pd = sandbox
        .client_builder()
        .scopes(["user_schedule", "business_schedule"])
        .build()
        .expect("client");
    (sandbox, pd)
}

fn fixture(name: &str) -> Value {
    pokitdok_sandbox::fixtures::json(name).unwrap_or_else(|| panic!("no JSON fixture {name}"))
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    pokitdok_sandbox::fixtures::text(name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
        .as_bytes()
        .to_vec()
}

fn validation_fields(e: Error) -> Vec<String> {
    match e {
        Error::Validation { fields, .. } => fields.into_keys().collect(),
        other => panic!("expected Error::Validation, got {other:?}"),
    }
}

fn member() -> Value {
    json!({"birth_date": "1970-01-25", "first_name": "Jane", "last_name": "Doe", "id": "W000000000"})
}

#[tokio::test]
async fn eligibility_is_derived_from_the_request() -> TestResult {
    let (_sandbox, pd) = start().await;
    let r = pd
        .post("/eligibility/")
        .json(&json!({
            "member": {"birth_date": "1980-02-02", "first_name": "Ada", "last_name": "Lovelace",
                       "id": "M123", "group_number": "G42"},
            "provider": {"organization_name": "CHARLESTON MEDICAL GROUP", "npi": "1710987654"},
            "service_types": ["emergency_services", "urgent_care"],
            "trading_partner_id": "MOCKPAYER"
        }))
        .send()
        .await?;
    let d = &r.data;
    assert_eq!(d["subscriber"]["first_name"], "Ada");
    assert_eq!(d["subscriber"]["id"], "M123");
    assert_eq!(
        d["provider"]["organization_name"],
        "CHARLESTON MEDICAL GROUP"
    );
    assert_eq!(
        d["service_types"],
        json!(["emergency_services", "urgent_care"])
    );
    assert_eq!(d["service_type_codes"], json!(["86", "UC"]));
    assert_eq!(d["coverage"]["group_number"], "G42");
    assert_eq!(d["coverage"]["active"], true);
    let copays = d["coverage"]["copay"].as_array().unwrap();
    assert_eq!(copays.len(), 2);
    assert_eq!(copays[1]["service_types"], json!(["urgent_care"]));
    assert_eq!(r.meta.application_mode.as_deref(), Some("test"));

    // Test member ids give rejections.
    let mut req = json!({"member": member(), "provider": {"npi": "1467560003"},
                         "trading_partner_id": "MOCKPAYER"});
    req["member"]["id"] = json!("00009999");
    let r = pd.post("/eligibility/").json(&req).send().await?;
    assert_eq!(r.data["valid_request"], false);
    assert_eq!(r.data["reject_reason"], "patient_birth_date_mismatch");

    // Constants.
    let c = pd.get("/eligibility/constants").send().await?;
    assert_eq!(
        c.data["service_types"]["health_benefit_plan_coverage"],
        "30"
    );
    Ok(())
}

#[tokio::test]
async fn validation_errors() -> TestResult {
    let (_sandbox, pd) = start().await;
    let e = pd
        .post("/eligibility/")
        .json(&json!({}))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        validation_fields(e),
        vec!["member", "provider", "trading_partner_id"]
    );
    let e = pd
        .post("/eligibility/")
        .json(
            &json!({"member": member(), "provider": {"npi": "1467560003"},
                      "trading_partner_id": "NOSUCHPAYER"}),
        )
        .send()
        .await
        .unwrap_err();
    match &e {
        Error::Validation { fields, meta, .. } => {
            assert!(fields["trading_partner_id"][0].contains("NOSUCHPAYER"));
            assert!(meta.as_ref().and_then(|m| m.activity_id.clone()).is_some());
        }
        other => panic!("{other:?}"),
    }
    // A partner that does not do eligibility.
    let e = pd
        .post("/eligibility/")
        .json(
            &json!({"member": member(), "provider": {"npi": "1467560003"},
                      "trading_partner_id": "aetna_affordable_health_src"}),
        )
        .send()
        .await
        .unwrap_err();
    assert_eq!(validation_fields(e), vec!["trading_partner_id"]);
    let e = pd
        .post("/eligibility/")
        .body("this is not json", "application/json")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Validation { .. }));
    let e = pd
        .post("/claims/")
        .json(
            &json!({"transaction_code": "chargeable", "trading_partner_id": "MOCKPAYER",
                      "billing_provider": {"npi": "1"}, "subscriber": {"first_name": "J"},
                      "claim": {"service_lines": []}}),
        )
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        validation_fields(e),
        vec![
            "claim.service_lines",
            "subscriber.last_name",
            "subscriber.member_id"
        ]
    );
    Ok(())
}

#[tokio::test]
async fn claim_activity_cancel_and_completion() -> TestResult {
    let (_sandbox, pd) = start().await;
    let claim = fixture("claims.request.json");
    let submitted = pd.post("/claims/").json(&claim).send().await?;
    let id = submitted.data["id"].as_str().unwrap().to_owned();
    assert_eq!(submitted.data["state"]["name"], "scheduled");
    assert_eq!(
        submitted.data["parameters"]["claim"]["claim_frequency"],
        "original"
    );
    assert_eq!(submitted.data["parameters"]["payer"]["id"], "MOCKPAYER");
    assert_eq!(
        submitted.data["parameters"]["subscriber"]["member_id"],
        claim["subscriber"]["member_id"]
    );

    let got = pd.get(format!("/activities/{id}")).send().await?;
    assert_eq!(got.data["id"], id.as_str());

    let canceled = pd
        .put(format!("/activities/{id}"))
        .json(&fixture("activities.cancel.request.json"))
        .send()
        .await?;
    assert_eq!(canceled.data["state"]["name"], "canceled");
    let again = pd
        .put(format!("/activities/{id}"))
        .json(&json!({"transition": "cancel"}))
        .send()
        .await
        .unwrap_err();
    assert_eq!(validation_fields(again), vec!["transition"]);
    let e = pd
        .put("/activities/000000000000000000000000")
        .json(&json!({"transition": "cancel"}))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }));

    // Another claim advances to completed by itself.
    let second = pd.post("/claims/").json(&claim).send().await?;
    let id2 = second.data["id"].as_str().unwrap().to_owned();
    let mut states = Vec::new();
    for _ in 0..60 {
        let a = pd.get(format!("/activities/{id2}")).send().await?;
        let state = a.data["state"]["name"].as_str().unwrap().to_owned();
        if states.last() != Some(&state) {
            states.push(state.clone());
        }
        if state == "completed" {
            assert_eq!(a.data["tracking_description"], "acknowledged");
            assert!(a.data["result"]["clearinghouse"].is_object());
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        states.last().map(String::as_str),
        Some("completed"),
        "{states:?}"
    );
    assert!(states.len() >= 2, "{states:?}");
    // Too late to cancel now.
    let e = pd
        .put(format!("/activities/{id2}"))
        .json(&json!({"transition": "cancel"}))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Validation { .. }));

    // Claim status finds it; an unknown member is "not found".
    let status = pd
        .post("/claims/status")
        .json(
            &json!({"patient": {"first_name": "JANE", "last_name": "DOE",
                                  "id": claim["subscriber"]["member_id"]},
                      "provider": {"npi": "1234567893", "last_name": "Blackwell"},
                      "trading_partner_id": "MOCKPAYER"}),
        )
        .send()
        .await?;
    let claims = status.data["patient"]["claims"].as_array().unwrap();
    assert!(
        claims.iter().any(|c| c["tracking_id"] == id2.as_str()
            && c["statuses"][0]["status_category_code"] == "A2")
    );
    let status = pd
        .post("/claims/status")
        .json(&fixture("claim_status.request.json"))
        .send()
        .await?;
    assert_eq!(
        status.data["patient"]["claims"][0]["statuses"][0]["status_category_code"],
        "A4"
    );
    assert_eq!(status.data["patient"]["id"], "1234567890");
    Ok(())
}

#[tokio::test]
async fn activities_paginate_with_next_and_previous() -> TestResult {
    let (sandbox, pd) = start().await;
    // A fresh application has its 5 seeded activities; 3 more, newest first.
    for _ in 0..3 {
        pd.post("/eligibility/")
            .json(&fixture("eligibility.request.json"))
            .send()
            .await?;
    }
    let page = pd
        .get("/activities/")
        .query(&[("limit", "5")])
        .send()
        .await?;
    let first = page.data.as_array().unwrap();
    assert_eq!(first.len(), 5);
    assert_eq!(page.meta.result_count, Some(8));
    assert!(first[..3].iter().all(|a| {
        a["name"] == "eligibility"
            && a["created_date"]
                .as_str()
                .is_some_and(|d| !d.starts_with("2016-"))
    }));
    assert_eq!(first[3]["name"], "claims");
    assert_eq!(first[3]["state"]["name"], "scheduled");
    let next = page.meta.next.clone().expect("meta.next");
    assert!(next.starts_with(&sandbox.api_base()), "{next}");
    assert!(next.contains("offset=5"));
    assert!(page.meta.previous.is_none());
    let second = pd.get(next).send().await?;
    assert_eq!(second.data.as_array().unwrap().len(), 3);
    assert!(second.meta.next.is_none());
    assert!(
        second
            .meta
            .previous
            .as_deref()
            .unwrap()
            .contains("offset=0")
    );
    Ok(())
}

#[tokio::test]
async fn directories_filter_and_paginate() -> TestResult {
    let (_sandbox, pd) = start().await;
    let r = pd
        .get("/providers/")
        .query(&[("zipcode", "29307"), ("specialty", "rheum")])
        .send()
        .await?;
    let list = r.data.as_array().unwrap();
    assert!(!list.is_empty());
    for p in list {
        assert!(
            p["provider"]["specialty"]
                .to_string()
                .contains("Rheumatology")
        );
    }
    let r = pd
        .get("/providers/")
        .query(&[("limit", "2"), ("offset", "2")])
        .send()
        .await?;
    assert_eq!(r.data.as_array().unwrap().len(), 2);
    assert!(r.meta.next.as_deref().unwrap().contains("offset=4"));
    let r = pd.get("/providers/1467560003").send().await?;
    assert_eq!(r.data["provider"]["last_name"], "AYA-AY");
    assert!(matches!(
        pd.get("/providers/0000000000").send().await,
        Err(Error::NotFound { .. })
    ));
    let r = pd
        .get("/providers/")
        .query(&[("name", "elizabeth blackwell")])
        .send()
        .await?;
    assert_eq!(r.data[0]["provider"]["npi"], "1234567893");

    let tps = pd.get("/tradingpartners/").send().await?;
    assert!(
        tps.data
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == "MOCKPAYER")
    );
    let tp = pd.get("/tradingpartners/MOCKPAYER").send().await?;
    assert_eq!(tp.data["name"], "MOCK PAYER INC");
    assert!(
        tp.data["supported_transactions"]
            .to_string()
            .contains("837")
    );
    assert!(matches!(
        pd.get("/tradingpartners/nope").send().await,
        Err(Error::NotFound { .. })
    ));
    let payers = pd.get("/payers/").send().await?;
    assert!(payers.data[0]["payer_name"].is_string());

    let mpc = pd.get("/mpc/").query(&[("name", "office")]).send().await?;
    assert!(mpc.data.as_array().unwrap().iter().all(|c| {
        c["name"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("office")
    }));
    let code = pd.get("/mpc/99213").send().await?;
    assert_eq!(code.data["code"], "99213");
    let icd = pd.get("/icd/convert/250.12").send().await?;
    assert_eq!(icd.data["source_code"]["value"], "25012");
    let icd = pd.get("/icd/convert/401.9").send().await?;
    assert_eq!(
        icd.data["destination_scenarios"][0]["choice_lists"][0][0]["value"],
        "I10"
    );

    let plans = pd
        .get("/plans/")
        .query(&[("state", "SC"), ("plan_type", "PPO")])
        .send()
        .await?;
    let plans = plans.data.as_array().unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0]["state"], "SC");

    let cash = pd
        .get("/prices/cash")
        .query(&[("cpt_code", "93000"), ("zip_code", "94401")])
        .send()
        .await?;
    assert_eq!(cash.data[0]["cpt_code"], "93000");
    assert_eq!(cash.data[0]["geo_zip_area"], "944");
    assert_eq!(cash.data[0]["procedure_description"], "EKG");
    let ins = pd
        .get("/prices/insurance")
        .query(&[("cpt_code", "99203"), ("zip_code", "29412")])
        .send()
        .await?;
    assert_eq!(ins.data["cpt_code"], "99203");
    assert_eq!(ins.data["geo_zip_area"], "294");
    let e = pd
        .get("/prices/cash")
        .query(&[("cpt_code", "99385")])
        .send()
        .await
        .unwrap_err();
    assert_eq!(validation_fields(e), vec!["zip_code"]);

    let ssl = pd.get("/ssl/").send().await?;
    assert!(ssl.data.is_object());
    let ccd = pd
        .post("/ccd/")
        .json(&json!({"patient": {}}))
        .send()
        .await?;
    assert_eq!(ccd.data["status"], "accepted");
    Ok(())
}

#[tokio::test]
async fn oop_prices_load_estimate_delete() -> TestResult {
    let (_sandbox, pd) = start().await;
    let loaded = pd
        .post("/oop/insurance-load-price")
        .json(&fixture("oop.load_price.request.json"))
        .send()
        .await?;
    let uuid = loaded.data["uuid"].as_str().unwrap().to_owned();
    assert_eq!(loaded.data["price"]["amount"], "750.00");
    // Without a price: returns the loaded one.
    let current = pd
        .post("/oop/insurance-load-price")
        .json(&json!({"trading_partner_id": "MOCKPAYER", "cpt_bundle": ["99385"]}))
        .send()
        .await?;
    assert_eq!(current.data["uuid"], uuid.as_str());
    let list = pd.get("/oop/insurance-load-price").send().await?;
    assert_eq!(list.data.as_array().unwrap().len(), 1);
    pd.get(format!("/oop/insurance-load-price/{uuid}"))
        .send()
        .await?;

    let estimate = pd
        .post("/oop/insurance-estimate")
        .json(&fixture("oop.estimate.request.json"))
        .send()
        .await?;
    let calc = &estimate.data["calculation"];
    assert_eq!(calc["price"]["amount"], "750.00");
    assert_eq!(
        estimate.data["eligibility"]["subscriber"]["id"],
        "W000000000"
    );
    assert!(calc["estimate"][0].is_string());

    let deleted = pd
        .delete(format!("/oop/insurance-load-price/{uuid}"))
        .send()
        .await?;
    assert_eq!(deleted.status().as_u16(), 200);
    match pd
        .get(format!("/oop/insurance-load-price/{uuid}"))
        .send()
        .await
    {
        Err(Error::NotFound { body, .. }) => assert_eq!(body.message(), Some("Not Found")),
        other => panic!("{other:?}"),
    }
    // The estimate falls back to zip-code prices now.
    let estimate = pd
        .post("/oop/insurance-estimate")
        .json(&fixture("oop.estimate.request.json"))
        .send()
        .await?;
    assert_ne!(estimate.data["calculation"]["price"]["amount"], "750.00");
    let e = pd
        .post("/oop/insurance-estimate")
        .json(&json!({"trading_partner_id": "MOCKPAYER", "cpt_bundle": ["99385"]}))
        .send()
        .await
        .unwrap_err();
    assert_eq!(validation_fields(e), vec!["price"]);
    Ok(())
}

#[tokio::test]
async fn identities_have_history_and_search() -> TestResult {
    let (_sandbox, pd) = start().await;
    let created = pd
        .post("/identity/")
        .json(&fixture("identity.create.request.json"))
        .send()
        .await?;
    let uuid = created.data["uuid"].as_str().unwrap().to_owned();
    let updated = pd
        .put(format!("/identity/{uuid}"))
        .json(&fixture("identity.update.request.json"))
        .send()
        .await?;
    assert_eq!(updated.data["email"], "oscar.whitmire@pokitdok.com");
    let got = pd.get(format!("/identity/{uuid}")).send().await?;
    assert_eq!(got.data["email"], "oscar.whitmire@pokitdok.com");
    let history = pd.get(format!("/identity/{uuid}/history")).send().await?;
    assert_eq!(history.data.as_array().unwrap().len(), 2);
    let v1 = pd.get(format!("/identity/{uuid}/history/1")).send().await?;
    assert_eq!(v1.data["email"], "oscar@pokitdok.com");
    assert!(matches!(
        pd.get(format!("/identity/{uuid}/history/9")).send().await,
        Err(Error::NotFound { .. })
    ));
    let found = pd
        .get("/identity")
        .query(&[
            ("first_name", "Oskar"),
            ("last_name", "Whitmire"),
            ("gender", "male"),
        ])
        .send()
        .await?;
    assert_eq!(found.data[0]["uuid"], uuid.as_str());
    let none = pd
        .get("/identity")
        .query(&[("last_name", "Smith")])
        .send()
        .await?;
    assert_eq!(none.data, json!([]));
    let by_id = pd
        .get("/identity")
        .query(&[("id", "W90100-IG-88")])
        .send()
        .await?;
    assert_eq!(by_id.data.as_array().unwrap().len(), 1);
    let e = pd
        .post("/identity/")
        .json(&json!({"first_name": "x", "last_name": "y",
        "gender": "robot"}))
        .send()
        .await
        .unwrap_err();
    assert_eq!(validation_fields(e), vec!["gender"]);
    let job = pd.post("/identity/match").json(&json!({})).send().await?;
    assert!(job.data["activity_id"].is_string());
    Ok(())
}

#[tokio::test]
async fn identity_match_and_proof() -> TestResult {
    let (_sandbox, pd) = start().await;
    let configs = pd.get("/identity/match_config/").send().await?;
    let alg = configs.data[0]["algorithm_id"].as_str().unwrap().to_owned();
    let config = pd
        .get(format!("/identity/match_config/{alg}"))
        .send()
        .await?;
    assert_eq!(config.data["algorithm_id"], alg.as_str());

    let req = fixture("identity_match.submit.request.json");
    let first = pd
        .post(format!("/identity/match/{alg}"))
        .json(&req)
        .send()
        .await?;
    let mut other = req.clone();
    other["last_name"] = json!("Hermann");
    let second = pd
        .post(format!("/identity/match/{alg}"))
        .json(&other)
        .send()
        .await?;
    let source = second.data["_source_id"].as_str().unwrap().to_owned();
    let found = pd
        .post(format!("/identity/match/{alg}/find"))
        .json(&fixture("identity_match.find.request.json"))
        .send()
        .await?;
    assert_eq!(found.data["sources"].as_array().unwrap().len(), 2);
    assert!(
        found.data["sources"]
            .to_string()
            .contains(first.data["_source_id"].as_str().unwrap())
    );
    let record = found.data["record_id"].as_str().unwrap().to_owned();
    let canonical = pd
        .get(format!("/identity/match/{alg}/{record}"))
        .send()
        .await?;
    assert_eq!(canonical.data["data"]["first_name"], "Siena");
    let sources = pd
        .get(format!("/identity/match/{alg}/{record}/sources"))
        .send()
        .await?;
    assert_eq!(sources.data.as_array().unwrap().len(), 2);
    let via_source = pd
        .get(format!("/identity/match/{alg}/source/{source}/canonical"))
        .send()
        .await?;
    assert_eq!(via_source.data[0]["record_id"], record.as_str());
    let nobody = pd
        .post(format!("/identity/match/{alg}/find"))
        .json(&json!({"first_name": "Nobody", "last_name": "Atall"}))
        .send()
        .await?;
    assert_eq!(nobody.data, json!({}));
    let e = pd
        .post(format!("/identity/match/{alg}"))
        .json(&json!({"birth_date": {"year": 1988, "day": 13}}))
        .send()
        .await
        .unwrap_err();
    assert_eq!(validation_fields(e), vec!["birth_date.month"]);

    let person = json!({"first_name": "Siena", "last_name": "Hermann", "ssn": "4329",
                        "birth_date": {"year": 1988, "month": 5, "day": 13},
                        "address": {"postal_code": "36672", "city": "Aileenshire"}});
    let valid = pd
        .post("/identity/proof/valid/")
        .json(&person)
        .send()
        .await?;
    assert_eq!(valid.data["is_valid"], true);
    let generated = pd
        .post("/identity/proof/questions/generate/")
        .json(&person)
        .send()
        .await?;
    let qid = generated.data["questionnaire_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let answer_of = |q: &Value, wanted: &str| {
        q["answers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["answer"] == wanted)
            .unwrap()["id"]
            .clone()
    };
    let a1 = answer_of(&generated.data["question"], "36672");
    let pending = pd
        .post("/identity/proof/questions/score/")
        .json(&json!({"questionnaire_id": qid, "question_id": 1, "answer": a1}))
        .send()
        .await?;
    assert_eq!(pending.data["status"], "PENDING");
    let a2 = answer_of(&pending.data["question"], "Aileenshire");
    let success = pd
        .post("/identity/proof/questions/score/")
        .json(&json!({"questionnaire_id": qid, "question_id": 2, "answer": a2}))
        .send()
        .await?;
    assert_eq!(success.data["status"], "SUCCESS");
    let report = pd.get("/identity/proof/report").send().await?;
    assert_eq!(report.data[0]["verification_result"], "SUCCESS");
    let e = pd
        .post("/identity/proof/questions/generate/")
        .json(&json!({"first_name": "x"}))
        .send()
        .await
        .unwrap_err();
    assert!(validation_fields(e).contains(&"last_name".to_owned()));
    Ok(())
}

#[tokio::test]
async fn scheduling_slots_book_and_cancel() -> TestResult {
    let (_sandbox, pd) = start().await;
    let schedulers = pd.get("/schedule/schedulers/").send().await?;
    let sid = schedulers.data[0]["scheduler_uuid"]
        .as_str()
        .unwrap()
        .to_owned();
    let one = pd.get(format!("/schedule/schedulers/{sid}")).send().await?;
    assert_eq!(one.data.as_array().unwrap().len(), 1);
    let types = pd.get("/schedule/appointmenttypes/").send().await?;
    let tid = types.data[0]["appointment_type_uuid"]
        .as_str()
        .unwrap()
        .to_owned();
    pd.get(format!("/schedule/appointmenttypes/{tid}"))
        .send()
        .await?;

    let slot = pd
        .post("/schedule/slots/")
        .json(&fixture("scheduling.slots.create.request.json"))
        .send()
        .await?;
    assert_eq!(slot.data["status"], "open");
    assert_eq!(slot.data["appointment_type"], "AT1");
    let id = slot.data["pd_appointment_uuid"]
        .as_str()
        .unwrap()
        .to_owned();

    let booked = pd
        .put(format!("/schedule/appointments/{id}"))
        .json(&fixture("scheduling.appointments.book.request.json"))
        .send()
        .await?;
    assert_eq!(booked.data["status"], "booked");
    assert_eq!(
        booked.data["patient"]["_uuid"],
        "500ef469-2767-4901-b705-425e9b6f7f83"
    );
    let e = pd
        .put(format!("/schedule/appointments/{id}"))
        .json(&fixture("scheduling.appointments.book.request.json"))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Validation { .. }));
    let updated = pd
        .put(format!("/schedule/appointments/{id}"))
        .json(&json!({"description": "Bring your card"}))
        .send()
        .await?;
    assert_eq!(updated.data["description"], "Bring your card");
    let listed = pd
        .get("/schedule/appointments/")
        .query(&[("patient_uuid", "500ef469-2767-4901-b705-425e9b6f7f83")])
        .send()
        .await?;
    assert_eq!(listed.data.as_array().unwrap().len(), 1);
    let got = pd
        .get(format!("/schedule/appointments/{id}"))
        .send()
        .await?;
    assert_eq!(got.data[0]["status"], "booked");
    // A booked slot cannot be deleted; cancel first.
    assert!(
        pd.delete(format!("/schedule/slots/{id}"))
            .send()
            .await
            .is_err()
    );
    let cancelled = pd
        .delete(format!("/schedule/appointments/{id}"))
        .send()
        .await?;
    assert_eq!(cancelled.data["status"], "open");
    assert!(cancelled.data.get("patient").is_none());
    pd.delete(format!("/schedule/slots/{id}")).send().await?;
    assert!(matches!(
        pd.get(format!("/schedule/appointments/{id}")).send().await,
        Err(Error::NotFound { .. })
    ));

    // Patients come from identities.
    let identity = pd
        .post("/identity/")
        .json(&json!({"first_name": "Peg", "last_name": "Patient", "email": "peg@example.test"}))
        .send()
        .await?;
    let mut req = fixture("scheduling.patient.request.json");
    req["pd_patient_uuid"] = identity.data["uuid"].clone();
    let patient = pd.post("/schedule/patient/").json(&req).send().await?;
    assert_eq!(patient.data["first_name"], "Peg");
    let e = pd
        .post("/schedule/patient/")
        .json(&fixture("scheduling.patient.request.json"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(validation_fields(e), vec!["pd_patient_uuid"]);
    Ok(())
}

#[tokio::test]
async fn pharmacy_apis() -> TestResult {
    let (_sandbox, pd) = start().await;
    let q = [
        ("trading_partner_id", "medicare_national"),
        ("plan_number", "S5820003"),
    ];
    let plans = pd.get("/pharmacy/plans").query(&q).send().await?;
    assert_eq!(plans.data[0]["plan_number"], "S5820003");
    let formulary = pd
        .get("/pharmacy/formulary")
        .query(&q)
        .query(&[("drug", "simvastatin"), ("include_plans", "true")])
        .send()
        .await?;
    let entries = formulary.data.as_array().unwrap();
    assert!(
        entries
            .iter()
            .all(|e| e["drug"].as_str().unwrap().contains("SIMVASTATIN"))
    );
    assert_eq!(entries[0]["plan"]["plan_number"], "S5820003");
    let network = pd
        .get("/pharmacy/network/")
        .query(&q)
        .query(&[("zipcode", "07030")])
        .send()
        .await?;
    assert!(!network.data.as_array().unwrap().is_empty());
    // The Python client's path, without the trailing slash, answers the same.
    let no_slash = pd
        .get("/pharmacy/network")
        .query(&q)
        .query(&[("zipcode", "07030")])
        .send()
        .await?;
    assert_eq!(no_slash.data, network.data);
    let one = pd
        .get("/pharmacy/network/1427382266")
        .query(&q)
        .send()
        .await?;
    assert_eq!(one.data[0]["pharmacy_name"], "HOBOKEN DRUGS");
    let coverage = pd
        .post("/pharmacy/coverage")
        .json(&fixture("pharmacy_coverage.request.json"))
        .send()
        .await?;
    let drugs = coverage.data["drugs"].as_array().unwrap();
    assert_eq!(drugs.len(), 3);
    assert_eq!(drugs[2]["ndc"], "00536478701");
    let cost = pd
        .get("/pharmacy/drug/cost")
        .query(&q)
        .query(&[("drug", "simvastatin")])
        .send()
        .await?;
    assert!(!cost.data.as_array().unwrap().is_empty());
    pd.get("/pharmacy/drugcost")
        .query(&q)
        .query(&[("ndc", "00071101968")])
        .send()
        .await?;
    let e = pd.get("/pharmacy/plans").send().await.unwrap_err();
    assert_eq!(validation_fields(e), vec!["trading_partner_id"]);
    Ok(())
}

#[tokio::test]
async fn uploads_enrollment_referrals_authorizations() -> TestResult {
    let (_sandbox, pd) = start().await;
    let x12 = fixture_bytes("claims_convert.request.x12");
    let converted = pd
        .post("/claims/convert")
        .upload(Multipart::new().file("file", "claim.837", "application/EDI-X12", x12.clone()))
        .send()
        .await?;
    let req = &converted.data["claims_request"];
    assert_eq!(req["subscriber"]["member_id"], "W000000000");
    assert_eq!(req["claim"]["service_lines"][0]["procedure_code"], "99213");
    assert_eq!(
        req["claim"]["service_lines"][0]["service_date"],
        "2014-06-01"
    );
    assert!(
        converted.data["converted_edi"]
            .as_str()
            .unwrap()
            .starts_with("ISA")
    );
    // The converted request can be submitted as is.
    let claim = pd.post("/claims/").json(req).send().await?;
    assert_eq!(claim.data["state"]["name"], "scheduled");
    let e = pd
        .post("/claims/convert")
        .upload(Multipart::new().file("file", "x.txt", "text/plain", b"hello".to_vec()))
        .send()
        .await
        .unwrap_err();
    assert_eq!(validation_fields(e), vec!["file"]);

    let file = pd
        .post("/files/")
        .upload(
            Multipart::new()
                .text("trading_partner_id", "MOCKPAYER")
                .file(
                    "file",
                    "batch.270",
                    "application/EDI-X12",
                    fixture_bytes("raw_x12.eligibility.request.x12"),
                ),
        )
        .send()
        .await?;
    assert_eq!(file.data["name"], "batch file");
    assert_eq!(file.data["state"]["name"], "queued");
    let parent = file.data["id"].as_str().unwrap();
    let children = pd
        .get("/activities/")
        .query(&[("parent_id", parent)])
        .send()
        .await?;
    assert_eq!(children.data[0]["name"], "eligibility");

    let snapshot = pd
        .post("/enrollment/snapshot")
        .upload(
            Multipart::new()
                .text("trading_partner_id", "MOCKPAYER")
                .file("file", "full.834", "application/EDI-X12", x12),
        )
        .send()
        .await?;
    let sid = snapshot.data["id"].as_str().unwrap().to_owned();
    let list = pd.get("/enrollment/snapshot").send().await?;
    assert_eq!(list.data[0]["snapshot_id"], sid.as_str());
    pd.get(format!("/enrollment/snapshot/{sid}")).send().await?;
    let data = pd
        .get(format!("/enrollment/snapshot/{sid}/data"))
        .send()
        .await?;
    assert_eq!(data.data[0]["subscriber"]["member_id"], "W000000000");

    let enrollment = pd
        .post("/enrollment/")
        .json(&fixture("enrollment.request.json"))
        .send()
        .await?;
    assert_eq!(enrollment.data["name"], "enrollment");
    assert_eq!(enrollment.data["state"]["name"], "scheduled");

    let referral = pd
        .post("/referrals/")
        .json(&fixture("referrals.request.json"))
        .send()
        .await?;
    assert_eq!(
        referral.data["event"]["review"]["certification_action"],
        "certified_in_total"
    );
    assert_eq!(
        referral.data["patient"],
        fixture("referrals.request.json")["patient"]
    );
    let auth = pd
        .post("/authorizations/")
        .json(&fixture("authorizations.request.json"))
        .send()
        .await?;
    assert_eq!(auth.data["valid_request"], true);
    assert_eq!(
        auth.data["event"]["services"],
        fixture("authorizations.request.json")["event"]["services"]
    );

    // The documented 835 as raw X12.
    let (status, body) = pd
        .get("/payments/5930819201a3af0082bc3dfb/data")
        .header("Accept", "application/edi-x12")
        .send_raw()
        .await?;
    assert_eq!(status.as_u16(), 200);
    assert!(body.starts_with(b"ISA"));
    let payments = pd
        .get("/payments/")
        .query(&[("trading_partner_id", "MOCKPAYER")])
        .send()
        .await?;
    assert_eq!(payments.data[0]["id"], "5930819201a3af0082bc3dfb");
    Ok(())
}

#[tokio::test]
async fn app_registrations_and_claim_drafts() -> TestResult {
    let (_sandbox, pd) = start().await;
    let registration = json!({
        "address_lines": ["123 Main ST"], "claims_roles": ["billing"], "city": "San Mateo",
        "first_name": "Jane", "last_name": "Doe", "npi": "1234567893", "state": "CA",
        "tax_id": ["123456789"], "trading_partner_id": "MOCKPAYER",
        "transaction_set_name": "eligibility", "zipcode": "94401"
    });
    let created = pd
        .post("/appregistrations")
        .json(&registration)
        .send()
        .await?;
    let uuid = created.data["_uuid"].as_str().unwrap().to_owned();
    assert_eq!(created.data["npi"], "1234567893");
    assert!(created.data["client_id"].is_string());
    let updated = pd
        .put(format!("/appregistrations/{uuid}"))
        .json(&json!({"zipcode": "29401"}))
        .send()
        .await?;
    assert_eq!(updated.data["zipcode"], "29401");
    assert_eq!(
        pd.get("/appregistrations")
            .send()
            .await?
            .data
            .as_array()
            .unwrap()
            .len(),
        1
    );
    pd.delete(format!("/appregistrations/{uuid}"))
        .send()
        .await?;
    assert!(matches!(
        pd.get(format!("/appregistrations/{uuid}")).send().await,
        Err(Error::NotFound { .. })
    ));
    pd.post(format!("/appregistrations/{uuid}/undelete"))
        .send()
        .await?;
    pd.get(format!("/appregistrations/{uuid}")).send().await?;
    let e = pd
        .post("/appregistrations")
        .json(&json!({"npi": "1"}))
        .send()
        .await
        .unwrap_err();
    assert!(validation_fields(e).contains(&"zipcode".to_owned()));

    let draft = pd
        .post("/claims/drafts/")
        .json(&json!({"draft": {"trading_partner_id": "MOCKPAYER"}}))
        .send()
        .await?;
    let id = draft.data["id"].as_str().unwrap().to_owned();
    assert_eq!(draft.data["validation_result"]["valid"], false);
    let full = fixture("claims.request.json");
    pd.put(format!("/claims/drafts/{id}"))
        .json(&json!({"draft": full}))
        .send()
        .await?;
    let v = pd
        .get(format!("/claims/drafts/{id}/validate"))
        .send()
        .await?;
    assert_eq!(v.data["valid"], true, "{}", v.data);
    assert_eq!(
        pd.get("/claims/drafts/")
            .send()
            .await?
            .data
            .as_array()
            .unwrap()
            .len(),
        1
    );
    pd.get(format!("/claims/drafts/{id}")).send().await?;
    pd.delete(format!("/claims/drafts/{id}")).send().await?;
    assert!(matches!(
        pd.get(format!("/claims/drafts/{id}")).send().await,
        Err(Error::NotFound { .. })
    ));
    let checked = pd.post("/claims/validate/").json(&json!({})).send().await?;
    assert_eq!(checked.data["valid"], false);
    assert!(checked.data["errors"]["claim"].is_array());
    Ok(())
}
