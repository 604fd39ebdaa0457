//! `POST /claims/`.

use axum::response::Response;
use serde_json::{Value, json};

use super::activities::record;
use super::{check_callback, check_partner};
use crate::activity::{CLAIM, Outcome};
use crate::http::Ctx;
use crate::util::{self, s};

fn nested_missing(body: &Value, object: &str, fields: &[&str]) -> Vec<String> {
    fields
        .iter()
        .filter(|f| !util::present(body[object].get(**f)))
        .map(|f| format!("{object}.{f}"))
        .collect()
}

fn missing_response(ctx: &Ctx, names: &[String]) -> Response {
    let list: Vec<&str> = names.iter().map(String::as_str).collect();
    ctx.missing(&list)
}

fn amounts_as_strings(v: &mut Value, keys: &[&str]) {
    for k in keys {
        if let Some(n @ Value::Number(_)) = v.get(*k) {
            let text = n.to_string();
            v[*k] = json!(if text.contains('.') {
                text
            } else {
                format!("{text}.0")
            });
        }
    }
}

/// `POST /claims/`: an activity in `scheduled` that completes with an acknowledgement.
pub(crate) fn claims(ctx: &Ctx) -> Response {
    let body = tri!(ctx.body_with(&[
        "transaction_code",
        "trading_partner_id",
        "billing_provider",
        "subscriber",
        "claim"
    ]));
    let mut missing = nested_missing(
        &body,
        "subscriber",
        &["first_name", "last_name", "member_id"],
    );
    missing.extend(nested_missing(&body, "claim", &["service_lines"]));
    if !missing.is_empty() {
        return missing_response(ctx, &missing);
    }
    if !body["claim"]["service_lines"].is_array() {
        return ctx.invalid(&[(
            "claim.service_lines",
            "service_lines must be a list.".to_owned(),
        )]);
    }
    let code = s(&body, "transaction_code").unwrap_or_default();
    if !["chargeable", "reporting", "subrogation_demand"].contains(&code) {
        return ctx.invalid(&[("transaction_code", format!("{code} is not a valid choice."))]);
    }
    tri!(check_callback(ctx, &body));
    let partner = tri!(check_partner(ctx, &body, Some("837")));

    let mut params = body.clone();
    let claim = &mut params["claim"];
    for (k, d) in [
        ("claim_frequency", json!("original")),
        ("plan_participation", json!("assigned")),
        ("provider_signature", json!(true)),
        ("patient_signature_on_file", json!(true)),
    ] {
        if claim.get(k).is_none() {
            claim[k] = d;
        }
    }
    amounts_as_strings(claim, &["total_charge_amount", "patient_paid_amount"]);
    if let Some(lines) = claim["service_lines"].as_array_mut() {
        for l in lines {
            amounts_as_strings(l, &["charge_amount", "unit_count"]);
        }
    }
    let sub = &mut params["subscriber"];
    if sub.get("payer_responsibility").is_none() {
        sub["payer_responsibility"] = json!("primary");
    }
    if sub.get("claim_filing_code").is_none() {
        sub["claim_filing_code"] = json!("mutually_defined");
    }
    params["async"] = json!(true);
    params["generate_pdf"] = json!(false);
    params["correlation_id"] = json!(util::new_uuid());
    params["payer"] = json!({"id": partner.id, "organization_name": partner.name});
    params["receiver"] = json!({"id": "MOCKRECEIVER", "organization_name": "MOCKRECEIVER"});
    params["submitter"] = json!({"id": "POKITDOKTEST", "organization_name": "POKITDOK SANDBOX",
                                 "email": "sandbox@localhost"});
    let a = record(ctx, "claims", partner.id, params, CLAIM, 1, Outcome::Claim);
    ctx.ok(a)
}
