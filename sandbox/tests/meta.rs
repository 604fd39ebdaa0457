//! Every operation's `meta`, over plain HTTP: the exact key set the recorded platform traffic
//! shows for it (the official clients' VCR cassettes and Betamax tapes, and `_common.md`:
//! "Credit fields and rate-limit fields appear only on billable or rate-limited APIs.
//! processing_time is always present").
//!
//! * Every answer: `activity_id`, `application_mode`, `processing_time` and the rate-limit
//!   counters `rate_limit_amount`, `rate_limit_cap`, `rate_limit_reset` (every API is
//!   rate-limited).
//! * Billable operations add `credits_billed` and `credits_remaining`: everything except
//!   activities, trading partners, payers (recorded without credits), app registrations and
//!   `/ssl/`. Scheduling is billed (its listings were recorded with `credits_billed: 1`).
//! * Collections add `result_count`, `next` when a further page exists and `previous` past
//!   the first page (the recorded activities listing: `result_count`, `next`).
//!
//! The table lists every operation of [`pokitdok_sandbox::operations`] once, in an order that
//! creates what later operations read.

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use pokitdok_sandbox::Sandbox;
use serde_json::{Value, json};

/// Whether an operation bills a credit.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Bill {
    Free,
    Billed,
}

/// Whether an operation answers a collection page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shape {
    One,
    Page,
}

use Bill::{Billed, Free};
use Shape::{One, Page};

const TABLE: &[(&str, &str, Bill, Shape)] = &[
    ("GET", "/api/v4/activities", Free, Page),
    ("GET", "/api/v4/activities/{id}", Free, One),
    ("PUT", "/api/v4/activities/{id}", Free, One),
    ("POST", "/api/v4/eligibility", Billed, One),
    ("GET", "/api/v4/eligibility/constants", Billed, One),
    ("POST", "/api/v4/claims", Billed, One),
    ("POST", "/api/v4/claims/status", Billed, One),
    ("POST", "/api/v4/claims/convert", Billed, One),
    ("POST", "/api/v4/claims/validate", Billed, One),
    ("POST", "/api/v4/claims/drafts", Billed, One),
    ("GET", "/api/v4/claims/drafts", Billed, Page),
    ("GET", "/api/v4/claims/drafts/{id}", Billed, One),
    ("PUT", "/api/v4/claims/drafts/{id}", Billed, One),
    ("GET", "/api/v4/claims/drafts/{id}/validate", Billed, One),
    ("DELETE", "/api/v4/claims/drafts/{id}", Billed, One),
    ("POST", "/api/v4/referrals", Billed, One),
    ("POST", "/api/v4/authorizations", Billed, One),
    ("POST", "/api/v4/enrollment", Billed, One),
    ("POST", "/api/v4/enrollment/snapshot", Billed, One),
    ("GET", "/api/v4/enrollment/snapshot", Billed, Page),
    ("GET", "/api/v4/enrollment/snapshot/{id}", Billed, One),
    ("GET", "/api/v4/enrollment/snapshot/{id}/data", Billed, Page),
    ("POST", "/api/v4/files", Billed, One),
    ("GET", "/api/v4/payments", Billed, Page),
    ("GET", "/api/v4/payments/{id}", Billed, One),
    ("GET", "/api/v4/payments/{id}/data", Billed, Page),
    ("GET", "/api/v4/tradingpartners", Free, Page),
    ("GET", "/api/v4/tradingpartners/{id}", Free, One),
    ("GET", "/api/v4/payers", Free, Page),
    ("GET", "/api/v4/providers", Billed, Page),
    ("GET", "/api/v4/providers/{npi}", Billed, One),
    ("GET", "/api/v4/mpc", Billed, Page),
    ("GET", "/api/v4/mpc/{code}", Billed, One),
    ("GET", "/api/v4/icd/convert", Billed, One),
    ("GET", "/api/v4/icd/convert/{code}", Billed, One),
    ("GET", "/api/v4/plans", Billed, Page),
    ("GET", "/api/v4/prices/cash", Billed, One),
    ("GET", "/api/v4/prices/insurance", Billed, One),
    ("POST", "/api/v4/ccd", Billed, One),
    ("GET", "/api/v4/ssl", Free, One),
    ("POST", "/api/v4/oop/insurance-load-price", Billed, One),
    ("GET", "/api/v4/oop/insurance-load-price", Billed, Page),
    ("GET", "/api/v4/oop/insurance-load-price/{id}", Billed, One),
    ("POST", "/api/v4/oop/insurance-estimate", Billed, One),
    (
        "DELETE",
        "/api/v4/oop/insurance-load-price/{id}",
        Billed,
        One,
    ),
    ("GET", "/api/v4/pharmacy/plans", Billed, One),
    ("GET", "/api/v4/pharmacy/formulary", Billed, One),
    ("GET", "/api/v4/pharmacy/network", Billed, Page),
    ("GET", "/api/v4/pharmacy/network/{npi}", Billed, One),
    ("POST", "/api/v4/pharmacy/coverage", Billed, One),
    ("GET", "/api/v4/pharmacy/drug/cost", Billed, One),
    ("GET", "/api/v4/pharmacy/drugcost", Billed, One),
    ("GET", "/api/v4/schedule/schedulers", Billed, Page),
    ("GET", "/api/v4/schedule/schedulers/{id}", Billed, One),
    ("GET", "/api/v4/schedule/appointmenttypes", Billed, Page),
    ("GET", "/api/v4/schedule/appointmenttypes/{id}", Billed, One),
    ("POST", "/api/v4/identity", Billed, One),
    ("POST", "/api/v4/schedule/patient", Billed, One),
    ("POST", "/api/v4/schedule/slots", Billed, One),
    ("GET", "/api/v4/schedule/appointments", Billed, Page),
    ("GET", "/api/v4/schedule/appointments/{id}", Billed, One),
    ("PUT", "/api/v4/schedule/appointments/{id}", Billed, One),
    ("DELETE", "/api/v4/schedule/appointments/{id}", Billed, One),
    ("DELETE", "/api/v4/schedule/slots/{id}", Billed, One),
    ("GET", "/api/v4/identity", Billed, Page),
    ("GET", "/api/v4/identity/match_config", Billed, Page),
    ("GET", "/api/v4/identity/match_config/{id}", Billed, One),
    ("POST", "/api/v4/identity/match", Billed, One),
    ("POST", "/api/v4/identity/match/{algorithm}", Billed, One),
    (
        "POST",
        "/api/v4/identity/match/{algorithm}/find",
        Billed,
        One,
    ),
    (
        "GET",
        "/api/v4/identity/match/{algorithm}/source/{source}",
        Billed,
        One,
    ),
    (
        "GET",
        "/api/v4/identity/match/{algorithm}/source/{source}/canonical",
        Billed,
        One,
    ),
    (
        "GET",
        "/api/v4/identity/match/{algorithm}/{canonical}",
        Billed,
        One,
    ),
    (
        "GET",
        "/api/v4/identity/match/{algorithm}/{canonical}/sources",
        Billed,
        One,
    ),
    ("POST", "/api/v4/identity/proof/valid", Billed, One),
    (
        "POST",
        "/api/v4/identity/proof/questions/generate",
        Billed,
        One,
    ),
    (
        "POST",
        "/api/v4/identity/proof/questions/score",
        Billed,
        One,
    ),
    ("GET", "/api/v4/identity/proof/report", Billed, Page),
    ("GET", "/api/v4/identity/{id}", Billed, One),
    ("PUT", "/api/v4/identity/{id}", Billed, One),
    ("GET", "/api/v4/identity/{id}/history", Billed, One),
    (
        "GET",
        "/api/v4/identity/{id}/history/{version}",
        Billed,
        One,
    ),
    ("POST", "/api/v4/appregistrations", Free, One),
    ("GET", "/api/v4/appregistrations", Free, Page),
    ("GET", "/api/v4/appregistrations/{id}", Free, One),
    ("PUT", "/api/v4/appregistrations/{id}", Free, One),
    ("DELETE", "/api/v4/appregistrations/{id}", Free, One),
    ("POST", "/api/v4/appregistrations/{id}/undelete", Free, One),
];

const ALWAYS: &[&str] = &[
    "activity_id",
    "application_mode",
    "processing_time",
    "rate_limit_amount",
    "rate_limit_cap",
    "rate_limit_reset",
];
const CREDITS: &[&str] = &["credits_billed", "credits_remaining"];

fn fixture(name: &str) -> Value {
    pokitdok_sandbox::fixtures::json(name).unwrap_or_else(|| panic!("no fixture {name}"))
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    pokitdok_sandbox::fixtures::text(name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
        .as_bytes()
        .to_vec()
}

/// What to send.
enum Body {
    None,
    Json(Value),
    Upload(Vec<(&'static str, &'static str)>, &'static str),
}

/// The request for an operation: its concrete path (with a query) and body.
fn request(method: &str, template: &str, ids: &HashMap<&str, String>) -> (String, Body) {
    let id = |k: &str| {
        ids.get(k)
            .cloned()
            .unwrap_or_else(|| panic!("{method} {template}: no {k} yet"))
    };
    let pharmacy = "trading_partner_id=medicare_national&plan_number=S5820003";
    let person = json!({"first_name": "Siena", "last_name": "Hermann", "ssn": "4329",
                        "birth_date": {"year": 1988, "month": 5, "day": 13},
                        "address": {"postal_code": "36672", "city": "Aileenshire"}});
    let draft = json!({"draft": {"trading_partner_id": "MOCKPAYER"}});
    let registration = json!({
        "address_lines": ["123 Main ST"], "claims_roles": ["billing"], "city": "San Mateo",
        "first_name": "Jane", "last_name": "Doe", "npi": "1234567893", "state": "CA",
        "tax_id": ["123456789"], "trading_partner_id": "MOCKPAYER",
        "transaction_set_name": "eligibility", "zipcode": "94401"
    });
    let path = template.trim_start_matches("/api/v4");
    let j = Body::Json;
    match (method, path) {
        ("GET", "/activities") => ("/activities/".into(), Body::None),
        ("GET", "/activities/{id}") => (format!("/activities/{}", id("activity")), Body::None),
        ("PUT", "/activities/{id}") => (
            format!("/activities/{}", id("activity")),
            j(json!({"transition": "cancel"})),
        ),
        ("POST", "/eligibility") => (
            "/eligibility/".into(),
            j(fixture("eligibility.request.json")),
        ),
        ("GET", "/eligibility/constants") => ("/eligibility/constants".into(), Body::None),
        ("POST", "/claims") => {
            let mut claim = fixture("claims.request.json");
            claim["application_data"] = json!({"mock_claim_payment": true});
            ("/claims/".into(), j(claim))
        }
        ("POST", "/claims/status") => (
            "/claims/status".into(),
            j(fixture("claim_status.request.json")),
        ),
        ("POST", "/claims/convert") => (
            "/claims/convert".into(),
            Body::Upload(vec![], "claims_convert.request.x12"),
        ),
        ("POST", "/claims/validate") => (
            "/claims/validate/".into(),
            j(fixture("claims.request.json")),
        ),
        ("POST", "/claims/drafts") => ("/claims/drafts".into(), j(draft)),
        ("GET", "/claims/drafts") => ("/claims/drafts".into(), Body::None),
        ("GET", "/claims/drafts/{id}") => (format!("/claims/drafts/{}", id("draft")), Body::None),
        ("PUT", "/claims/drafts/{id}") => (format!("/claims/drafts/{}", id("draft")), j(draft)),
        ("GET", "/claims/drafts/{id}/validate") => (
            format!("/claims/drafts/{}/validate", id("draft")),
            Body::None,
        ),
        ("DELETE", "/claims/drafts/{id}") => {
            (format!("/claims/drafts/{}", id("draft")), Body::None)
        }
        ("POST", "/referrals") => ("/referrals/".into(), j(fixture("referrals.request.json"))),
        ("POST", "/authorizations") => (
            "/authorizations/".into(),
            j(fixture("authorizations.request.json")),
        ),
        ("POST", "/enrollment") => ("/enrollment/".into(), j(fixture("enrollment.request.json"))),
        ("POST", "/enrollment/snapshot") => (
            "/enrollment/snapshot".into(),
            Body::Upload(
                vec![("trading_partner_id", "MOCKPAYER")],
                "claims_convert.request.x12",
            ),
        ),
        ("GET", "/enrollment/snapshot") => ("/enrollment/snapshot".into(), Body::None),
        ("GET", "/enrollment/snapshot/{id}") => (
            format!("/enrollment/snapshot/{}", id("snapshot")),
            Body::None,
        ),
        ("GET", "/enrollment/snapshot/{id}/data") => (
            format!("/enrollment/snapshot/{}/data", id("snapshot")),
            Body::None,
        ),
        ("POST", "/files") => (
            "/files/".into(),
            Body::Upload(
                vec![("trading_partner_id", "MOCKPAYER")],
                "raw_x12.eligibility.request.x12",
            ),
        ),
        ("GET", "/payments") => ("/payments/".into(), Body::None),
        ("GET", "/payments/{id}") => (format!("/payments/{}", id("payment")), Body::None),
        ("GET", "/payments/{id}/data") => (format!("/payments/{}/data", id("payment")), Body::None),
        ("GET", "/tradingpartners") => ("/tradingpartners/".into(), Body::None),
        ("GET", "/tradingpartners/{id}") => ("/tradingpartners/MOCKPAYER".into(), Body::None),
        ("GET", "/payers") => ("/payers/".into(), Body::None),
        ("GET", "/providers") => (
            "/providers/?zipcode=29307&radius=10mi&last_name=smith".into(),
            Body::None,
        ),
        ("GET", "/providers/{npi}") => ("/providers/1467560003".into(), Body::None),
        ("GET", "/mpc") => ("/mpc/?name=office".into(), Body::None),
        ("GET", "/mpc/{code}") => ("/mpc/99213".into(), Body::None),
        ("GET", "/icd/convert") => ("/icd/convert?code=250.12".into(), Body::None),
        ("GET", "/icd/convert/{code}") => ("/icd/convert/250.12".into(), Body::None),
        ("GET", "/plans") => ("/plans/?state=TX".into(), Body::None),
        ("GET", "/prices/cash") => (
            "/prices/cash?cpt_code=99385&zip_code=29412".into(),
            Body::None,
        ),
        ("GET", "/prices/insurance") => (
            "/prices/insurance?cpt_code=99203&zip_code=94401".into(),
            Body::None,
        ),
        ("POST", "/ccd") => ("/ccd/".into(), j(json!({"patient": {}}))),
        ("GET", "/ssl") => ("/ssl/".into(), Body::None),
        ("POST", "/oop/insurance-load-price") => (
            "/oop/insurance-load-price".into(),
            j(fixture("oop.load_price.request.json")),
        ),
        ("GET", "/oop/insurance-load-price") => ("/oop/insurance-load-price".into(), Body::None),
        ("GET", "/oop/insurance-load-price/{id}") => (
            format!("/oop/insurance-load-price/{}", id("price")),
            Body::None,
        ),
        ("POST", "/oop/insurance-estimate") => (
            "/oop/insurance-estimate".into(),
            j(fixture("oop.estimate.request.json")),
        ),
        ("DELETE", "/oop/insurance-load-price/{id}") => (
            format!("/oop/insurance-load-price/{}", id("price")),
            Body::None,
        ),
        ("GET", "/pharmacy/plans") => (format!("/pharmacy/plans?{pharmacy}"), Body::None),
        ("GET", "/pharmacy/formulary") => (
            format!("/pharmacy/formulary?{pharmacy}&drug=simvastatin"),
            Body::None,
        ),
        ("GET", "/pharmacy/network") => (
            format!("/pharmacy/network?{pharmacy}&zipcode=07030"),
            Body::None,
        ),
        ("GET", "/pharmacy/network/{npi}") => (
            format!("/pharmacy/network/1427382266?{pharmacy}"),
            Body::None,
        ),
        ("POST", "/pharmacy/coverage") => (
            "/pharmacy/coverage".into(),
            j(fixture("pharmacy_coverage.request.json")),
        ),
        ("GET", "/pharmacy/drug/cost") => (
            format!("/pharmacy/drug/cost?{pharmacy}&drug=simvastatin"),
            Body::None,
        ),
        ("GET", "/pharmacy/drugcost") => (
            format!("/pharmacy/drugcost?{pharmacy}&ndc=00071101968"),
            Body::None,
        ),
        ("GET", "/schedule/schedulers") => ("/schedule/schedulers/".into(), Body::None),
        ("GET", "/schedule/schedulers/{id}") => (
            format!("/schedule/schedulers/{}", id("scheduler")),
            Body::None,
        ),
        ("GET", "/schedule/appointmenttypes") => ("/schedule/appointmenttypes/".into(), Body::None),
        ("GET", "/schedule/appointmenttypes/{id}") => (
            format!("/schedule/appointmenttypes/{}", id("appointment_type")),
            Body::None,
        ),
        ("POST", "/identity") => (
            "/identity/".into(),
            j(fixture("identity.create.request.json")),
        ),
        ("POST", "/schedule/patient") => {
            let mut req = fixture("scheduling.patient.request.json");
            req["pd_patient_uuid"] = json!(id("identity"));
            ("/schedule/patient/".into(), j(req))
        }
        ("POST", "/schedule/slots") => (
            "/schedule/slots/".into(),
            j(fixture("scheduling.slots.create.request.json")),
        ),
        ("GET", "/schedule/appointments") => ("/schedule/appointments/".into(), Body::None),
        ("GET", "/schedule/appointments/{id}") => {
            (format!("/schedule/appointments/{}", id("slot")), Body::None)
        }
        ("PUT", "/schedule/appointments/{id}") => (
            format!("/schedule/appointments/{}", id("slot")),
            j(fixture("scheduling.appointments.book.request.json")),
        ),
        ("DELETE", "/schedule/appointments/{id}") => {
            (format!("/schedule/appointments/{}", id("slot")), Body::None)
        }
        ("DELETE", "/schedule/slots/{id}") => {
            (format!("/schedule/slots/{}", id("slot")), Body::None)
        }
        ("GET", "/identity") => ("/identity?first_name=Oscar".into(), Body::None),
        ("GET", "/identity/match_config") => ("/identity/match_config/".into(), Body::None),
        ("GET", "/identity/match_config/{id}") => (
            format!("/identity/match_config/{}", id("algorithm")),
            Body::None,
        ),
        ("POST", "/identity/match") => ("/identity/match".into(), j(json!({}))),
        ("POST", "/identity/match/{algorithm}") => (
            format!("/identity/match/{}", id("algorithm")),
            j(fixture("identity_match.submit.request.json")),
        ),
        ("POST", "/identity/match/{algorithm}/find") => (
            format!("/identity/match/{}/find", id("algorithm")),
            j(fixture("identity_match.find.request.json")),
        ),
        ("GET", "/identity/match/{algorithm}/source/{source}") => (
            format!(
                "/identity/match/{}/source/{}",
                id("algorithm"),
                id("source")
            ),
            Body::None,
        ),
        ("GET", "/identity/match/{algorithm}/source/{source}/canonical") => (
            format!(
                "/identity/match/{}/source/{}/canonical",
                id("algorithm"),
                id("source")
            ),
            Body::None,
        ),
        ("GET", "/identity/match/{algorithm}/{canonical}") => (
            format!("/identity/match/{}/{}", id("algorithm"), id("record")),
            Body::None,
        ),
        ("GET", "/identity/match/{algorithm}/{canonical}/sources") => (
            format!(
                "/identity/match/{}/{}/sources",
                id("algorithm"),
                id("record")
            ),
            Body::None,
        ),
        ("POST", "/identity/proof/valid") => ("/identity/proof/valid/".into(), j(person)),
        ("POST", "/identity/proof/questions/generate") => {
            ("/identity/proof/questions/generate/".into(), j(person))
        }
        ("POST", "/identity/proof/questions/score") => (
            "/identity/proof/questions/score/".into(),
            j(
                json!({"questionnaire_id": id("questionnaire"), "question_id": 1,
                     "answer": id("answer").parse::<u64>().map(Value::from)
                         .unwrap_or_else(|_| json!(id("answer")))}),
            ),
        ),
        ("GET", "/identity/proof/report") => ("/identity/proof/report".into(), Body::None),
        ("GET", "/identity/{id}") => (format!("/identity/{}", id("identity")), Body::None),
        ("PUT", "/identity/{id}") => (
            format!("/identity/{}", id("identity")),
            j(fixture("identity.update.request.json")),
        ),
        ("GET", "/identity/{id}/history") => {
            (format!("/identity/{}/history", id("identity")), Body::None)
        }
        ("GET", "/identity/{id}/history/{version}") => (
            format!("/identity/{}/history/1", id("identity")),
            Body::None,
        ),
        ("POST", "/appregistrations") => ("/appregistrations".into(), j(registration)),
        ("GET", "/appregistrations") => ("/appregistrations".into(), Body::None),
        ("GET", "/appregistrations/{id}") => (
            format!("/appregistrations/{}", id("registration")),
            Body::None,
        ),
        ("PUT", "/appregistrations/{id}") => (
            format!("/appregistrations/{}", id("registration")),
            j(json!({"zipcode": "29401"})),
        ),
        ("DELETE", "/appregistrations/{id}") => (
            format!("/appregistrations/{}", id("registration")),
            Body::None,
        ),
        ("POST", "/appregistrations/{id}/undelete") => (
            format!("/appregistrations/{}/undelete", id("registration")),
            Body::None,
        ),
        other => panic!("no request for {other:?}: add it to the table"),
    }
}

/// Ids later operations need, taken from an answer.
fn collect(method: &str, template: &str, data: &Value, ids: &mut HashMap<&str, String>) {
    let path = template.trim_start_matches("/api/v4");
    let text = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let mut put = |k: &'static str, v: &Value| {
        if let Some(v) = text(v) {
            ids.insert(k, v);
        }
    };
    match (method, path) {
        ("GET", "/activities") => put("activity", &data[0]["id"]),
        ("POST", "/claims/drafts") => put("draft", &data["id"]),
        ("POST", "/enrollment/snapshot") => put("snapshot", &data["id"]),
        ("GET", "/payments") => put("payment", &data[0]["id"]),
        ("POST", "/oop/insurance-load-price") => put("price", &data["uuid"]),
        ("GET", "/schedule/schedulers") => put("scheduler", &data[0]["scheduler_uuid"]),
        ("GET", "/schedule/appointmenttypes") => {
            put("appointment_type", &data[0]["appointment_type_uuid"])
        }
        ("POST", "/identity") => put("identity", &data["uuid"]),
        ("POST", "/schedule/slots") => put("slot", &data["pd_appointment_uuid"]),
        ("GET", "/identity/match_config") => put("algorithm", &data[0]["algorithm_id"]),
        ("POST", "/identity/match/{algorithm}") => put("source", &data["_source_id"]),
        ("POST", "/identity/match/{algorithm}/find") => put("record", &data["record_id"]),
        ("POST", "/identity/proof/questions/generate") => {
            put("questionnaire", &data["questionnaire_id"]);
            let answers = data["question"]["answers"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            if let Some(a) = answers.iter().find(|a| a["answer"] == "36672") {
                put("answer", &a["id"]);
            }
        }
        ("POST", "/appregistrations") => put("registration", &data["_uuid"]),
        _ => {}
    }
}

#[tokio::test]
async fn every_operation_carries_the_recorded_meta_keys() {
    let table_ops: BTreeSet<(&str, &str)> = TABLE.iter().map(|(m, p, _, _)| (*m, *p)).collect();
    assert_eq!(table_ops.len(), TABLE.len(), "an operation is listed twice");
    let router_ops: BTreeSet<(&str, &str)> = pokitdok_sandbox::operations()
        .iter()
        .map(|op| (op.method, op.path))
        .collect();
    assert_eq!(table_ops, router_ops, "the table must list every operation");

    let sandbox = Sandbox::builder()
        .rate_limit_cap(100_000)
        .activity_step(Duration::from_millis(20))
        .start()
        .await
        .expect("sandbox starts");
    let http = reqwest::Client::new();
    let token: Value = http
        .post(format!("{}/oauth2/token", sandbox.url()))
        .basic_auth(sandbox.client_id(), Some(sandbox.client_secret()))
        .form(&[
            ("grant_type", "client_credentials"),
            ("scope", "user_schedule business_schedule"),
        ])
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("token JSON");
    let token = token["access_token"].as_str().expect("token").to_owned();
    let mut ids: HashMap<&str, String> = HashMap::new();
    let mut paid_claim_submitted = false;

    for (method, template, bill, shape) in TABLE {
        if template.starts_with("/api/v4/payments") && paid_claim_submitted {
            // Wait for the mock payment of the claim submitted above.
            for _ in 0..100 {
                let r: Value = http
                    .get(format!("{}/payments/", sandbox.api_base()))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .expect("payments")
                    .json()
                    .await
                    .expect("JSON");
                if r["data"].as_array().is_some_and(|l| l.len() >= 2) {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            paid_claim_submitted = false;
        }
        let (path, body) = request(method, template, &ids);
        let url = format!("{}{path}", sandbox.api_base());
        let m = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = http.request(m, url).bearer_auth(&token);
        req = match body {
            Body::None => req,
            Body::Json(v) => req.json(&v),
            Body::Upload(fields, file) => {
                let mut form = reqwest::multipart::Form::new().part(
                    "file",
                    reqwest::multipart::Part::bytes(fixture_bytes(file))
                        .file_name("upload.x12")
                        .mime_str("application/EDI-X12")
                        .expect("mime"),
                );
                for (k, v) in fields {
                    form = form.text(k, v);
                }
                req.multipart(form)
            }
        };
        let resp = req.send().await.expect("an answer");
        let status = resp.status().as_u16();
        let body: Value = resp.json().await.expect("a JSON answer");
        assert_eq!(status, 200, "{method} {path}: {body}");
        collect(method, template, &body["data"], &mut ids);
        if *method == "POST" && *template == "/api/v4/claims" {
            paid_claim_submitted = true;
        }

        let meta = body["meta"].as_object().expect("meta");
        let got: BTreeSet<&str> = meta.keys().map(String::as_str).collect();
        let mut want: BTreeSet<&str> = ALWAYS.iter().copied().collect();
        if *bill == Billed {
            want.extend(CREDITS);
        }
        if *shape == Page {
            want.insert("result_count");
            let count = meta
                .get("result_count")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            let shown = body["data"].as_array().expect("a page").len() as u64;
            if shown < count {
                want.insert("next");
            }
        }
        assert_eq!(got, want, "{method} {path}: {}", json!(meta));
        if *bill == Billed {
            assert_eq!(meta["credits_billed"], 1, "{method} {path}");
        }
        assert_eq!(meta["application_mode"], "test");
        assert_eq!(meta["activity_id"].as_str().map(str::len), Some(24));
    }

    // Pages past the first carry previous (and next while more remain).
    let page: Value = http
        .get(format!(
            "{}/providers/?zipcode=29307&limit=3&offset=3",
            sandbox.api_base()
        ))
        .bearer_auth(&token)
        .send()
        .await
        .expect("providers")
        .json()
        .await
        .expect("JSON");
    let keys: BTreeSet<&str> = page["meta"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert!(
        keys.contains("previous") && keys.contains("next"),
        "{keys:?}"
    );
}
