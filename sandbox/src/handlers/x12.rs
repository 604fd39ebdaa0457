//! X12-backed operations: eligibility, claims, claim status, convert, referrals,
//! authorizations, enrollment, snapshots, files, payments.

use axum::body::Body;
use axum::extract::{FromRequest, Multipart};
use axum::response::Response;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use serde_json::{Map, Value, json};

use super::activities::snapshot;
use super::{check_callback, check_partner};
use crate::activity::{self, ASYNC, Activity, BATCH, CLAIM, Outcome, SYNC, Stage};
use crate::http::{Ctx, json_response};
use crate::util::{self, cents_of, money, s};
use crate::{data, edi};

macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(resp) => return resp,
        }
    };
}

/// Stores an activity for this request (its id is `meta.activity_id`) and starts its
/// lifecycle when it is not finished. Returns its JSON.
fn record(
    ctx: &Ctx,
    name: &str,
    trading_partner_id: &str,
    params: Value,
    plan: &'static [Stage],
    stage: usize,
    outcome: Outcome,
) -> Value {
    let id = ctx.activity_id();
    let a = Activity::new(
        id.clone(),
        name,
        trading_partner_id,
        params,
        plan,
        stage,
        outcome,
    );
    let running = !a.is_terminal();
    ctx.shared
        .with_client(&ctx.client_id, |c| c.push_activity(a));
    if running {
        activity::spawn_lifecycle(&ctx.shared, ctx.client_id.clone(), id.clone());
    }
    snapshot(ctx, &id)
}

fn wants_async(body: &Value) -> bool {
    body.get("async") == Some(&json!(true))
}

/// Answers a real-time request, or an activity when `async: true`.
fn answer(ctx: &Ctx, name: &str, body: &Value, result: Value) -> Response {
    let tp = s(body, "trading_partner_id").unwrap_or_default().to_owned();
    if wants_async(body) {
        let a = record(
            ctx,
            name,
            &tp,
            body.clone(),
            ASYNC,
            1,
            Outcome::Ready(result),
        );
        ctx.ok(a)
    } else {
        record(
            ctx,
            name,
            &tp,
            body.clone(),
            SYNC,
            2,
            Outcome::Ready(result.clone()),
        );
        ctx.ok(result)
    }
}

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
            if let Some(a) = c.activity_mut(&id) {
                a.x12 = Some((x12_request.clone(), x12_response.clone()));
            }
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

/// `POST /referrals/` and `POST /authorizations/`: the request echoed with a certification.
pub(crate) fn review(ctx: &Ctx, name: &str) -> Response {
    let body = tri!(ctx.body_with(&["trading_partner_id", "event", "patient", "provider"]));
    if !body["event"].is_object() {
        return ctx.invalid(&[("event", "event must be an object.".to_owned())]);
    }
    tri!(check_callback(ctx, &body));
    let partner = tri!(check_partner(ctx, &body, Some("278")));
    let mut result = body.clone();
    if let Value::Object(m) = &mut result {
        for k in ["async", "callback_url", "application_data"] {
            m.remove(k);
        }
    }
    let event = &body["event"];
    let action = if s(event, "certification_type") == Some("cancel") {
        "cancelled"
    } else {
        "certified_in_total"
    };
    let number = format!(
        "AUTH{:06}",
        util::hash_of(&[&ctx.activity_id()]) % 1_000_000
    );
    let mut review = json!({"certification_action": action, "certification_number": number});
    for (from, to) in [
        ("start_date", "event_start_date"),
        ("end_date", "event_end_date"),
    ] {
        if let Some(d) = s(event, from) {
            review[to] = json!(d);
        }
    }
    result["event"]["review"] = review;
    result["client_id"] = json!(ctx.client_id);
    result["correlation_id"] = json!(util::new_uuid());
    result["valid_request"] = json!(true);
    result["payer"] = json!({"id": partner.id, "organization_name": partner.name});
    answer(ctx, name, &body, result)
}

/// `POST /enrollment/`: always asynchronous.
pub(crate) fn enrollment(ctx: &Ctx) -> Response {
    let body = tri!(ctx.body_with(&[
        "purpose",
        "action",
        "payer",
        "sponsor",
        "subscriber",
        "trading_partner_id"
    ]));
    tri!(check_callback(ctx, &body));
    let partner = tri!(check_partner(ctx, &body, Some("834")));
    let dependents = body["dependents"].as_array().map_or(0, Vec::len);
    let result = json!({
        "trading_partner_id": partner.id,
        "reference_number": ctx.activity_id(),
        "status": "accepted",
        "purpose": body["purpose"],
        "action": body["action"],
        "members_processed": 1 + dependents,
    });
    let a = record(
        ctx,
        "enrollment",
        partner.id,
        body,
        ASYNC,
        1,
        Outcome::Ready(result),
    );
    ctx.ok(a)
}

/// The multipart parts of an upload: text fields and the `file` part (name, bytes).
struct Upload {
    fields: Map<String, Value>,
    file: Option<(String, Vec<u8>)>,
}

async fn read_upload(ctx: &Ctx) -> Result<Upload, Response> {
    let is_multipart = ctx
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !is_multipart {
        return Err(ctx.invalid(&[(
            "file",
            "Send the file as multipart/form-data (part name `file`).".to_owned(),
        )]));
    }
    let mut req = axum::http::Request::new(Body::from(ctx.body.clone()));
    if let Some(ct) = ctx.headers.get(CONTENT_TYPE) {
        req.headers_mut().insert(CONTENT_TYPE, ct.clone());
    }
    let bad = || ctx.invalid(&[("file", "The multipart body is malformed.".to_owned())]);
    let mut mp = Multipart::from_request(req, &()).await.map_err(|_| bad())?;
    let mut up = Upload {
        fields: Map::new(),
        file: None,
    };
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => return Err(bad()),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field.file_name().map(str::to_owned);
        let bytes = field.bytes().await.map_err(|_| bad())?;
        if name == "file" {
            up.file = Some((filename.unwrap_or_else(|| "file".into()), bytes.to_vec()));
        } else {
            up.fields
                .insert(name, json!(String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    Ok(up)
}

/// Segments split with the separators the ISA header defines (`*` and `~` without one).
fn segments(x12: &str) -> Vec<Vec<&str>> {
    let sep = edi::separators(x12);
    x12.split(sep.segment)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.split(sep.element).collect())
        .collect()
}

use edi::x12_date;

fn el<'a>(seg: &'a [&'a str], i: usize) -> &'a str {
    seg.get(i).copied().unwrap_or_default()
}

/// One 837 claim converted to a claims request (from the documented example's shape).
fn convert_claim(segs: &[Vec<&str>], tp: &str) -> (Value, Vec<Value>, Vec<(String, String)>) {
    let mut req = data::fixture("claims_convert.response.json")["claims_request"].clone();
    req["trading_partner_id"] = json!(tp);
    let mut lines: Vec<Value> = Vec::new();
    let mut icd9: Vec<String> = Vec::new();
    for seg in segs {
        match (el(seg, 0), el(seg, 1)) {
            ("NM1", "85") => {
                let bp = &mut req["billing_provider"];
                if el(seg, 2) == "2" {
                    bp["organization_name"] = json!(el(seg, 3));
                    if let Value::Object(m) = bp {
                        m.remove("first_name");
                        m.remove("last_name");
                    }
                } else {
                    bp["last_name"] = json!(el(seg, 3));
                    bp["first_name"] = json!(el(seg, 4));
                }
                bp["npi"] = json!(el(seg, 9));
            }
            ("NM1", "IL") => {
                let sub = &mut req["subscriber"];
                sub["last_name"] = json!(el(seg, 3));
                sub["first_name"] = json!(el(seg, 4));
                sub["member_id"] = json!(el(seg, 9));
            }
            ("DMG", "D8") => {
                let sub = &mut req["subscriber"];
                sub["birth_date"] = json!(x12_date(el(seg, 2)));
                sub["gender"] = json!(match el(seg, 3) {
                    "F" => "female",
                    "M" => "male",
                    _ => "unknown",
                });
            }
            ("CLM", _) => {
                req["claim"]["total_charge_amount"] = json!(el(seg, 2));
            }
            ("HI", _) => {
                for comp in &seg[1..] {
                    if let Some((q, code)) = comp.split_once(':')
                        && matches!(q, "BK" | "BF")
                    {
                        icd9.push(code.to_owned());
                    }
                }
            }
            ("SV1", _) => {
                let code = el(seg, 1).split(':').nth(1).unwrap_or_default();
                lines.push(json!({
                    "procedure_code": code,
                    "charge_amount": el(seg, 2),
                    "unit_type": if el(seg, 3) == "DA" { "days" } else { "units" },
                    "unit_count": el(seg, 4),
                    "diagnosis_codes": [],
                }));
            }
            ("DTP", "472") => {
                if let Some(last) = lines.last_mut() {
                    let d = el(seg, 3);
                    let (start, end) = d.split_once('-').unwrap_or((d, ""));
                    last["service_date"] = json!(x12_date(start));
                    if !end.is_empty() {
                        last["service_end_date"] = json!(x12_date(end));
                    }
                }
            }
            _ => {}
        }
    }
    let example_mappings =
        data::fixture("claims_convert.response.json")["diagnosis_mappings"].clone();
    let mut mappings = Vec::new();
    let mut replaced = Vec::new();
    let mut icd10 = Vec::new();
    for code in &icd9 {
        let known = example_mappings
            .as_array()
            .and_then(|l| {
                l.iter()
                    .find(|m| m["source_code"]["value"] == json!(code))
                    .cloned()
            })
            .or_else(|| data::icd_mapping(code));
        if let Some(m) = known {
            let first = m["destination_scenarios"][0]["choice_lists"][0][0]["value"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            if !first.is_empty() {
                replaced.push((code.clone(), first.clone()));
                icd10.push(first);
            }
            mappings.push(m);
        } else {
            icd10.push(code.clone());
        }
    }
    for l in &mut lines {
        l["diagnosis_codes"] = json!(icd10);
    }
    if !lines.is_empty() {
        req["claim"]["service_lines"] = json!(lines);
    }
    (req, mappings, replaced)
}

/// `POST /claims/convert` (multipart `file`): one claim is converted in real time; several
/// give a batch activity with one completed sub-activity per claim.
pub(crate) async fn claims_convert(ctx: &Ctx) -> Response {
    let up = tri!(read_upload(ctx).await);
    let Some((_, bytes)) = up.file else {
        return ctx.missing(&["file"]);
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if !text.trim_start().starts_with("ISA") || !text.contains("ST*837") {
        return ctx.invalid(&[("file", "The file is not an X12 837.".to_owned())]);
    }
    let tp = up
        .fields
        .get("trading_partner_id")
        .and_then(Value::as_str)
        .unwrap_or("MOCKPAYER")
        .to_owned();
    let all = segments(&text);
    // Split at each CLM: the segments before the first CLM are shared context.
    let clm_positions: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, s)| el(s, 0) == "CLM")
        .map(|(i, _)| i)
        .collect();
    let mut converted = Vec::new();
    if clm_positions.len() <= 1 {
        converted.push(convert_claim(&all, &tp));
    } else {
        let head = &all[..clm_positions[0]];
        for (n, start) in clm_positions.iter().enumerate() {
            let end = clm_positions.get(n + 1).copied().unwrap_or(all.len());
            let mut segs: Vec<Vec<&str>> = head.to_vec();
            segs.extend(all[*start..end].iter().cloned());
            converted.push(convert_claim(&segs, &tp));
        }
    }
    let results: Vec<Value> = converted
        .into_iter()
        .map(|(req, mappings, replaced)| {
            let mut edi = text.clone();
            for (from, to) in &replaced {
                edi = edi.replace(&format!("BK:{from}"), &format!("ABK:{to}"));
            }
            json!({"claims_request": req, "converted_edi": edi, "diagnosis_mappings": mappings})
        })
        .collect();
    if results.len() == 1 {
        let result = results.into_iter().next().unwrap_or_default();
        record(
            ctx,
            "claims_convert",
            &tp,
            json!({"trading_partner_id": tp}),
            SYNC,
            2,
            Outcome::Ready(result.clone()),
        );
        return ctx.ok(result);
    }
    let parent_id = ctx.activity_id();
    let parent = Activity::new(
        parent_id.clone(),
        "claims_convert",
        &tp,
        json!({"trading_partner_id": tp, "claims": results.len()}),
        SYNC,
        2,
        Outcome::Ready(json!({"claims": results.len()})),
    );
    ctx.shared.with_client(&ctx.client_id, |c| {
        c.push_activity(parent);
        for r in results {
            let mut child = Activity::new(
                util::new_id(),
                "claims_convert",
                &tp,
                json!({}),
                SYNC,
                2,
                Outcome::Ready(r),
            );
            child.parent_id = Some(parent_id.clone());
            c.push_activity(child);
        }
    });
    ctx.ok(snapshot(ctx, &parent_id))
}

/// `POST /enrollment/snapshot` (multipart `file` + `trading_partner_id`).
pub(crate) async fn snapshot_upload(ctx: &Ctx) -> Response {
    let up = tri!(read_upload(ctx).await);
    let tp = up
        .fields
        .get("trading_partner_id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut missing = Vec::new();
    if up.file.is_none() {
        missing.push("file");
    }
    if tp.is_empty() {
        missing.push("trading_partner_id");
    }
    if !missing.is_empty() {
        return ctx.missing(&missing);
    }
    let partner = tri!(check_partner(
        ctx,
        &json!({"trading_partner_id": tp}),
        Some("834")
    ));
    let text = up
        .file
        .map(|(_, b)| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    // Members: the documented example's shape, named after the file's subscribers.
    let template = data::fixture("enrollment_snapshot.data.response.json");
    let template_member = template.get(0).cloned().unwrap_or_else(|| json!({}));
    let mut members: Vec<Value> = segments(&text)
        .iter()
        .filter(|s| el(s, 0) == "NM1" && el(s, 1) == "IL")
        .map(|s| {
            let mut m = template_member.clone();
            m["trading_partner_id"] = json!(partner.id);
            m["reference_number"] = json!(util::new_uuid().replace('-', ""));
            m["subscriber"]["last_name"] = json!(el(s, 3));
            m["subscriber"]["first_name"] = json!(el(s, 4));
            m["subscriber"]["member_id"] = json!(el(s, 9));
            m
        })
        .collect();
    if members.is_empty() {
        members = template.as_array().cloned().unwrap_or_default();
        for m in &mut members {
            m["trading_partner_id"] = json!(partner.id);
        }
    }
    let id = ctx.activity_id();
    ctx.shared.with_client(&ctx.client_id, |c| {
        c.snapshots.push(json!({
            "snapshot": {"snapshot_date": util::now_ts(), "trading_partner_id": partner.id,
                          "snapshot_id": id},
            "data": members,
        }));
        if c.snapshots.len() > crate::state::MAX_RECORDS {
            c.snapshots.remove(0);
        }
    });
    let a = record(
        ctx,
        "enrollment_snapshot",
        partner.id,
        json!({"trading_partner_id": partner.id}),
        ASYNC,
        1,
        Outcome::Ready(json!({"snapshot_id": id})),
    );
    ctx.ok(a)
}

fn find_snapshot(ctx: &Ctx, id: &str) -> Option<Value> {
    ctx.shared
        .with_client(&ctx.client_id, |c| {
            c.snapshots
                .iter()
                .find(|s| s["snapshot"]["snapshot_id"] == json!(id))
                .cloned()
        })
        .flatten()
}

/// `GET /enrollment/snapshot`.
pub(crate) fn snapshot_list(ctx: &Ctx) -> Response {
    let items = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.snapshots
                .iter()
                .rev()
                .map(|s| s["snapshot"].clone())
                .collect()
        })
        .unwrap_or_default();
    ctx.page(items)
}

/// `GET /enrollment/snapshot/{id}`.
pub(crate) fn snapshot_get(ctx: &Ctx, id: &str) -> Response {
    match find_snapshot(ctx, id) {
        Some(s) => ctx.ok(s["snapshot"].clone()),
        None => ctx.not_found(),
    }
}

/// `GET /enrollment/snapshot/{id}/data`.
pub(crate) fn snapshot_data(ctx: &Ctx, id: &str) -> Response {
    match find_snapshot(ctx, id) {
        Some(s) => ctx.page(s["data"].as_array().cloned().unwrap_or_default()),
        None => ctx.not_found(),
    }
}

/// `POST /files/` (multipart `file` + `trading_partner_id`): a batch activity with one
/// sub-activity per transaction set in the file.
pub(crate) async fn files(ctx: &Ctx) -> Response {
    let up = tri!(read_upload(ctx).await);
    let tp = up
        .fields
        .get("trading_partner_id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut missing = Vec::new();
    if up.file.is_none() {
        missing.push("file");
    }
    if tp.is_empty() {
        missing.push("trading_partner_id");
    }
    if !missing.is_empty() {
        return ctx.missing(&missing);
    }
    let partner = tri!(check_partner(ctx, &json!({"trading_partner_id": tp}), None));
    let text = up
        .file
        .map(|(_, b)| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let sets: Vec<String> = segments(&text)
        .iter()
        .filter(|s| el(s, 0) == "ST")
        .map(|s| el(s, 1).to_owned())
        .collect();
    let parent_id = ctx.activity_id();
    let children = sets.len();
    ctx.shared.with_client(&ctx.client_id, |c| {
        for set in &sets {
            let name = match set.as_str() {
                "270" => "eligibility",
                "276" => "claims_status",
                "278" => "authorizations",
                "834" => "enrollment",
                "837" => "claims",
                _ => "transaction",
            };
            let mut child = Activity::new(
                util::new_id(),
                name,
                partner.id,
                json!({"transaction_set": set}),
                SYNC,
                2,
                Outcome::Ready(json!({"transaction_set": set, "status": "accepted"})),
            );
            child.parent_id = Some(parent_id.clone());
            c.push_activity(child);
        }
    });
    let a = record(
        ctx,
        "batch file",
        partner.id,
        json!({"trading_partner_id": partner.id}),
        BATCH,
        2,
        Outcome::Ready(json!({"transactions": children})),
    );
    ctx.ok(a)
}

/// The documented payment, visible to every client, plus the client's own (mock payments).
fn all_payments(ctx: &Ctx) -> Vec<(Value, Value, Vec<Value>)> {
    let mut out = Vec::new();
    if let Some(list) = data::fixture("payments.list.response.json").as_array() {
        for p in list {
            out.push((
                p.clone(),
                data::fixture("payments.get.response.json"),
                Vec::new(),
            ));
        }
    }
    ctx.shared.with_client(&ctx.client_id, |c| {
        for p in c.payments.iter().rev() {
            out.push((
                p.summary.clone(),
                p.detail.clone(),
                p.claim_payments.clone(),
            ));
        }
    });
    out
}

/// `GET /payments/`.
pub(crate) fn payments(ctx: &Ctx) -> Response {
    let items: Vec<Value> = all_payments(ctx)
        .into_iter()
        .filter(|(sum, detail, _)| {
            let eq = |q: &str, v: &Value| ctx.q(q).is_none_or(|x| v.as_str() == Some(x));
            let date = sum["effective_date"].as_str().unwrap_or_default();
            let received = sum["received_date"].as_str().unwrap_or_default();
            eq("trading_partner_id", &sum["trading_partner_id"])
                && eq("payment_type", &sum["payment_type"])
                && eq("effective_date", &sum["effective_date"])
                && eq(
                    "check_eft_trace_number",
                    &detail["financial_information"]["check_eft_trace_number"],
                )
                && ctx
                    .q("amount")
                    .is_none_or(|a| cents_of(&json!(a)) == cents_of(&sum["total"]))
                && ctx.q("effective_date_start").is_none_or(|d| date >= d)
                && ctx.q("effective_date_end").is_none_or(|d| date <= d)
                && ctx.q("received_date_start").is_none_or(|d| received >= d)
                && ctx.q("received_date_end").is_none_or(|d| received <= d)
        })
        .map(|(sum, _, _)| sum)
        .collect();
    ctx.page(items)
}

/// `GET /payments/{id}`.
pub(crate) fn payment(ctx: &Ctx, id: &str) -> Response {
    match all_payments(ctx)
        .into_iter()
        .find(|(s, _, _)| s["id"] == json!(id))
    {
        Some((_, detail, _)) => ctx.ok(detail),
        None => ctx.not_found(),
    }
}

/// `GET /payments/{id}/data`: claim payments as JSON, or the raw 835 with
/// `Accept: application/edi-x12`.
pub(crate) fn payment_data(ctx: &Ctx, id: &str) -> Response {
    let Some((_, detail, claim_payments)) = all_payments(ctx)
        .into_iter()
        .find(|(s, _, _)| s["id"] == json!(id))
    else {
        return ctx.not_found();
    };
    let wants_x12 = ctx
        .headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.to_ascii_lowercase().contains("application/edi-x12"));
    if wants_x12 {
        let mut resp = Response::new(Body::from(data::PAYMENT_X12));
        *resp.status_mut() = StatusCode::OK;
        resp.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/edi-x12"),
        );
        return resp;
    }
    let items = if claim_payments.is_empty() {
        vec![json!({
            "financial_information": detail["financial_information"],
            "payee": detail["payee"],
            "payer": detail["payer"],
            "claim_payments": [],
        })]
    } else {
        claim_payments
    };
    ctx.page(items)
}
