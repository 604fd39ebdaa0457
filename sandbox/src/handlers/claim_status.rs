//! `POST /claims/status`.

use axum::response::Response;
use serde_json::{Value, json};

use super::activities::answer;
use super::{check_callback, check_partner};
use crate::activity;
use crate::http::Ctx;
use crate::util::{self, cents_of, money, s};

fn status_entry(
    category: &str,
    code: &str,
    status: &str,
    value: &str,
    total: &Value,
    paid: &Value,
) -> Value {
    json!({
        "status_category": category,
        "status_category_code": code,
        "status_code": status,
        "status_code_value": value,
        "status_effective_date": util::today(),
        "total_claim_amount": total,
        "claim_payment_amount": paid,
    })
}

/// `POST /claims/status`: looks the claim up among the claims this client submitted.
pub(crate) fn claim_status(ctx: &Ctx) -> Response {
    let body = tri!(ctx.body_with(&["trading_partner_id", "provider"]));
    let who_key = if body.get("patient").is_some_and(Value::is_object) {
        "patient"
    } else if body.get("subscriber").is_some_and(Value::is_object) {
        "subscriber"
    } else {
        return ctx.missing(&["patient"]);
    };
    let who = &body[who_key];
    let member_id = s(who, "id").unwrap_or_default().to_owned();
    if member_id.is_empty() && s(&body, "tracking_id").is_none() {
        return ctx.missing(&[if who_key == "patient" {
            "patient.id"
        } else {
            "subscriber.id"
        }]);
    }
    tri!(check_callback(ctx, &body));
    let partner = tri!(check_partner(ctx, &body, Some("276")));
    let service_date = s(&body, "service_date").map(str::to_owned);
    let tracking = s(&body, "tracking_id").map(str::to_owned);

    let found: Vec<Value> = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.activities
                .iter()
                .filter(|a| a.name == "claims" && !a.canceled && a.trading_partner_id == partner.id)
                .filter(|a| {
                    let (_, id) = activity::claim_patient(&a.parameters);
                    let id_ok = tracking.as_deref() == Some(a.id.as_str())
                        || (!member_id.is_empty() && id == member_id);
                    let date_ok = service_date.as_deref().is_none_or(|d| {
                        a.parameters["claim"]["service_lines"]
                            .as_array()
                            .is_some_and(|ls| ls.iter().any(|l| s(l, "service_date") == Some(d)))
                    });
                    id_ok && date_ok
                })
                .map(|a| {
                    let total = money(
                        a.parameters["claim"]
                            .get("total_charge_amount")
                            .and_then(cents_of)
                            .unwrap_or(0),
                    );
                    let zero = money(0);
                    let st = match (a.state_name(), a.tracking_description.as_deref()) {
                        ("completed", Some("paid")) => {
                            let paid = a.result.as_ref().map_or(json!(null), |r| {
                                r["claim_payments"][0]["payment_amount"].clone()
                            });
                            status_entry("Finalized/Payment-The claim/line has been paid.", "F1",
                                "Processed according to contract provisions (Contract refers to provisions that exist between the Health Plan and a Provider of Health Care Services)",
                                "107", &total, &paid)
                        }
                        ("completed", Some("rejected")) => status_entry(
                            "Acknowledgement/Returned as unprocessable claim-The claim/encounter has been rejected and has not been entered into the adjudication system.",
                            "A3", "Entity not found.", "562", &total, &zero),
                        ("completed", _) => status_entry(
                            "Acknowledgement/Acceptance into adjudication system-The claim/encounter has been accepted into the adjudication system.",
                            "A2", "Accepted for processing.", "20", &total, &zero),
                        ("waiting", _) => status_entry(
                            "Acknowledgement/Receipt-The claim/encounter has been received. This does not mean that the claim has been accepted for adjudication.",
                            "A1", "Accepted for processing.", "20", &total, &zero),
                        _ => status_entry(
                            "Acknowledgement/Not Found-The claim/encounter can not be found in the adjudication system.",
                            "A4", "Claim/encounter not found.", "35", &total, &zero),
                    };
                    let lines = a.parameters["claim"]["service_lines"].as_array();
                    let first = lines.and_then(|l| l.iter().find_map(|x| s(x, "service_date")));
                    json!({
                        "applied_to_deductible": false,
                        "claim_control_number": a.id,
                        "tracking_id": a.id,
                        "service_date": first.unwrap_or_default(),
                        "service_end_date": first.unwrap_or_default(),
                        "total_claim_amount": total,
                        "claim_payment_amount": st["claim_payment_amount"].clone(),
                        "statuses": [st],
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let claims = if found.is_empty() {
        let zero = money(0);
        let date = service_date.clone().unwrap_or_else(util::today);
        vec![json!({
            "applied_to_deductible": false,
            "claim_control_number": "NOT APPLICABLE",
            "claim_payment_amount": zero,
            "service_date": date,
            "service_end_date": s(&body, "service_end_date").unwrap_or(&date),
            "statuses": [status_entry(
                "Acknowledgement/Not Found-The claim/encounter can not be found in the adjudication system.",
                "A4", "Claim/encounter not found.", "35", &zero, &zero)],
            "total_claim_amount": zero,
            "tracking_id": tracking.clone().unwrap_or_else(|| "NOT APPLICABLE".into()),
        })]
    } else {
        found
    };
    let provider = util::pick(
        &body["provider"],
        &["first_name", "last_name", "organization_name", "npi"],
    );
    let mut patient = util::pick(who, &["first_name", "last_name", "id"]);
    patient["claims"] = json!(claims);
    let mut submitter = util::pick(
        &body["provider"],
        &["first_name", "last_name", "organization_name"],
    );
    submitter["id"] = json!(s(&body["provider"], "npi").unwrap_or_default());
    let result = json!({
        "client_id": ctx.client_id,
        "trading_partner_id": partner.id,
        "payer": {"id": partner.id, "name": partner.name},
        "providers": [provider],
        "submitter": submitter,
        "patient": patient,
    });
    answer(ctx, "claims_status", &body, result)
}
