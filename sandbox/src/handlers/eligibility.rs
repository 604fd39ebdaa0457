//! `POST /eligibility/` (JSON or raw X12, with content negotiation) and
//! `GET /eligibility/constants`.

use axum::body::Body;
use axum::response::Response;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use serde_json::{Map, Value, json};

use super::activities::{answer, record, wants_async};
use super::{check_callback, check_partner};
use crate::activity::{Outcome, SYNC};
use crate::http::{Ctx, json_response};
use crate::state::MAX_RECORD_BYTES;
use crate::util::{self, s};
use crate::{data, edi};

/// The body and answer formats of the X12-backed APIs (ENDPOINTS.md §2.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// `application/json` (the default).
    Json,
    /// `application/edi-x12`: raw X12.
    Edi,
    /// `application/vnd.pokitdok.v4+edi-x12-json`: `{"x12": "..."}`.
    EdiJson,
    /// `application/vnd.pokitdok.v4+full-x12-json` (answers only): named segments.
    FullJson,
}

fn format_of(value: Option<&HeaderValue>) -> Format {
    let v = value
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if v.contains("full-x12-json") {
        Format::FullJson
    } else if v.contains("edi-x12-json") {
        Format::EdiJson
    } else if v.contains("application/edi-x12") {
        Format::Edi
    } else {
        Format::Json
    }
}

/// The media type of raw X12.
const EDI_X12: &str = "application/edi-x12";

/// `POST /eligibility/`, with content negotiation: the request may be JSON, raw X12
/// (`Content-Type: application/edi-x12`) or `{"x12": "..."}`
/// (`application/vnd.pokitdok.v4+edi-x12-json`); the answer is JSON unless `Accept` asks for
/// raw X12, `{"x12": ...}` or the transliterated segments (`...+full-x12-json`). X12 requests
/// name the trading partner in the payer's NM109.
pub(crate) fn eligibility(ctx: &Ctx) -> Response {
    let input = format_of(ctx.headers.get(CONTENT_TYPE));
    let output = format_of(ctx.headers.get(ACCEPT));
    let mut x12_in: Option<String> = None;
    let body = match input {
        Format::Json | Format::FullJson => {
            tri!(ctx.body_with(&["member", "provider", "trading_partner_id"]))
        }
        Format::Edi | Format::EdiJson => {
            let text = if input == Format::Edi {
                if ctx.body.len() > MAX_RECORD_BYTES {
                    return ctx.too_large("x12", ctx.body.len(), MAX_RECORD_BYTES);
                }
                String::from_utf8_lossy(&ctx.body).into_owned()
            } else {
                let wrapped = tri!(ctx.body_with(&["x12"]));
                match wrapped["x12"].as_str() {
                    Some(x) => x.to_owned(),
                    None => {
                        return ctx.invalid(&[("x12", "x12 must be a string.".to_owned())]);
                    }
                }
            };
            let parsed = edi::parse_270(&text);
            if parsed.set != "270" {
                return ctx.invalid(&[(
                    "x12",
                    "The X12 is not an interchange holding a 270 transaction.".to_owned(),
                )]);
            }
            let tp = s(&parsed.request, "trading_partner_id").unwrap_or_default();
            if data::partner(tp).is_none_or(|p| !p.transactions.contains(&"270")) {
                // The documented answer: no meta, `errors.query`.
                return json_response(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &json!({"data": {"errors": {"query": format!(
                        "Unable to find configuration for trading_partner_id: {tp}, \
                         transaction_set_name: eligibility"
                    )}}}),
                );
            }
            x12_in = Some(text);
            parsed.request
        }
    };
    tri!(check_callback(ctx, &body));
    let partner = tri!(check_partner(ctx, &body, Some("270")));
    let member = &body["member"];
    if !member.is_object() || !body["provider"].is_object() {
        return ctx.invalid(&[("member", "member and provider must be objects.".to_owned())]);
    }
    if !util::present(member.get("id")) && !util::present(member.get("birth_date")) {
        return ctx.invalid(&[(
            "member",
            "member.id or member.birth_date is required.".to_owned(),
        )]);
    }
    if !util::present(body["provider"].get("npi")) {
        return ctx.missing(&["provider.npi"]);
    }
    let mut types: Vec<String> = Vec::new();
    match body.get("service_types") {
        None | Some(Value::Null) => types.push("health_benefit_plan_coverage".into()),
        Some(Value::Array(list)) if !list.is_empty() => {
            for t in list {
                match t.as_str().filter(|t| data::service_type_code(t).is_some()) {
                    Some(t) => types.push(t.to_owned()),
                    None => {
                        return ctx.invalid(&[(
                            "service_types",
                            format!("{t} is not a valid service type."),
                        )]);
                    }
                }
            }
        }
        Some(_) => {
            return ctx.invalid(&[(
                "service_types",
                "service_types must be a non-empty list.".to_owned(),
            )]);
        }
    }
    let result = eligibility_result(&ctx.client_id, partner, &body, &types);
    let (reference, trace) = x12_in.as_deref().map_or((String::new(), None), |x| {
        let p = edi::parse_270(x);
        (p.reference, p.trace)
    });
    let x12_request = x12_in.unwrap_or_else(|| edi::build_270(&body, partner.name));
    let x12_response = edi::build_271(&result, &reference, trace.as_ref());
    let id = ctx.activity_id();
    let attach = |ctx: &Ctx| {
        ctx.shared.with_client(&ctx.client_id, |c| {
            c.attach_x12(&id, &x12_request, &x12_response);
        });
    };
    if output == Format::Json || wants_async(&body) {
        let resp = answer(ctx, "eligibility", &body, result);
        attach(ctx);
        return resp;
    }
    record(
        ctx,
        "eligibility",
        partner.id,
        body.clone(),
        SYNC,
        2,
        Outcome::Ready(result),
    );
    attach(ctx);
    match output {
        Format::Edi => {
            let mut resp = Response::new(Body::from(x12_response));
            resp.headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static(EDI_X12));
            resp
        }
        Format::EdiJson => typed_envelope(
            ctx,
            json!({ "x12": x12_response }),
            "application/vnd.pokitdok.v4+edi-x12-json",
        ),
        _ => typed_envelope(
            ctx,
            edi::full_json(&x12_response),
            "application/vnd.pokitdok.v4+full-x12-json",
        ),
    }
}

/// `200 {"meta", "data"}` labelled with the negotiated media type.
fn typed_envelope(ctx: &Ctx, data: Value, media_type: &'static str) -> Response {
    let mut resp = ctx.ok(data);
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(media_type));
    resp
}

/// The eligibility response for a request: the documented MOCKPAYER success shaped around the
/// requested member, provider and service types (or a rejection for the test member ids
/// `00009999` and `00001234`).
pub(crate) fn eligibility_result(
    client_id: &str,
    partner: &data::Partner,
    body: &Value,
    types: &[String],
) -> Value {
    let member = &body["member"];
    let provider = util::pick(
        &body["provider"],
        &[
            "npi",
            "first_name",
            "middle_name",
            "last_name",
            "suffix",
            "organization_name",
        ],
    );
    let mut subscriber = util::pick(
        member,
        &[
            "first_name",
            "middle_name",
            "last_name",
            "suffix",
            "id",
            "birth_date",
            "gender",
            "group_number",
        ],
    );
    let service_date = s(member, "plan_start_date")
        .map(str::to_owned)
        .unwrap_or_else(util::today);
    let reject = match s(member, "id") {
        Some("00009999") => Some("patient_birth_date_mismatch"),
        Some("00001234") => Some("subscriber_insured_not_found"),
        _ => None,
    };
    if let Some(reason) = reject {
        return json!({
            "client_id": client_id,
            "trading_partner_id": partner.id,
            "valid_request": false,
            "reject_reason": reason,
            "follow_up_action": "correct_and_resubmit",
            "coverage": {"service_date": service_date},
            "provider": provider,
            "subscriber": subscriber,
        });
    }
    let codes: Vec<&str> = types
        .iter()
        .filter_map(|t| data::service_type_code(t))
        .collect();
    let mut v = data::fixture("eligibility.response.6.json");
    if let Some(addr) = v["subscriber"].get("address").cloned() {
        subscriber["address"] = member.get("address").cloned().unwrap_or(addr);
    }
    v["client_id"] = json!(client_id);
    v["trading_partner_id"] = json!(partner.id);
    v["payer"] = json!({"id": partner.id, "name": partner.name});
    v["provider"] = provider;
    v["subscriber"] = subscriber;
    v["service_types"] = json!(types);
    v["service_type_codes"] = json!(codes);
    v["valid_request"] = json!(true);
    let cov = &mut v["coverage"];
    cov["active"] = json!(true);
    cov["service_date"] = json!(service_date);
    cov["service_types"] = json!(types);
    cov["service_type_codes"] = json!(codes);
    if let Some(g) = s(member, "group_number") {
        cov["group_number"] = json!(g);
    }
    for key in ["copay", "coinsurance"] {
        let template = cov[key].get(0).cloned().unwrap_or_else(|| json!({}));
        let entries: Vec<Value> = types
            .iter()
            .zip(&codes)
            .map(|(t, c)| {
                let mut e = template.clone();
                e["service_types"] = json!([t]);
                e["service_type_codes"] = json!([c]);
                e
            })
            .collect();
        cov[key] = json!(entries);
    }
    v
}

/// `GET /eligibility/constants`: the service types and their X12 codes.
pub(crate) fn constants(ctx: &Ctx) -> Response {
    let map: Map<String, Value> = data::service_types()
        .map(|(n, c)| (n.to_owned(), json!(c)))
        .collect();
    ctx.ok(json!({ "service_types": map }))
}
