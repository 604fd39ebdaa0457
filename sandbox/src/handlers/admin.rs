//! Claims drafts and validation, app registrations.

use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::data;
use crate::http::Ctx;
use crate::state::MAX_RECORDS;
use crate::util::{self, s};

/// The validation errors of a (possibly incomplete) claims request, as `{field: [message]}`.
fn claim_errors(claim: &Value) -> Map<String, Value> {
    let mut errors = Map::new();
    let mut add = |field: &str, msg: &str| {
        if let Some(list) = errors
            .entry(field.to_owned())
            .or_insert_with(|| json!([]))
            .as_array_mut()
        {
            list.push(json!(msg));
        }
    };
    for f in [
        "transaction_code",
        "trading_partner_id",
        "billing_provider",
        "subscriber",
        "claim",
    ] {
        if !util::present(claim.get(f)) {
            add(f, "This field is required.");
        }
    }
    for f in ["first_name", "last_name", "member_id"] {
        if claim.get("subscriber").is_some() && !util::present(claim["subscriber"].get(f)) {
            add(&format!("subscriber.{f}"), "This field is required.");
        }
    }
    if claim.get("claim").is_some() && !claim["claim"]["service_lines"].is_array() {
        add("claim.service_lines", "This field is required.");
    }
    if let Some(tp) = s(claim, "trading_partner_id")
        && data::partner(tp).is_none()
    {
        add(
            "trading_partner_id",
            &format!("Unable to find configuration for trading_partner_id: {tp}"),
        );
    }
    if let Some(code) = s(claim, "transaction_code")
        && !["chargeable", "reporting", "subrogation_demand"].contains(&code)
    {
        add("transaction_code", "Not a valid choice.");
    }
    errors
}

fn validation_result(claim: &Value) -> Value {
    let errors = claim_errors(claim);
    json!({"valid": errors.is_empty(), "errors": errors})
}

/// `POST /claims/validate/`: the validation result of a claims request (nothing is sent).
pub(crate) fn validate_claim(ctx: &Ctx) -> Response {
    match ctx.json_body() {
        Ok(body) => ctx.ok(validation_result(&body)),
        Err(r) => r,
    }
}

fn draft_view(d: &Value) -> Value {
    json!({
        "id": d["id"],
        "draft": d["draft"],
        "validation_result": validation_result(&d["draft"]),
    })
}

/// `POST /claims/drafts/` with `{"draft": {...}}`.
pub(crate) fn create_draft(ctx: &Ctx) -> Response {
    let body = match ctx.body_with(&["draft"]) {
        Ok(b) => b,
        Err(r) => return r,
    };
    if !body["draft"].is_object() {
        return ctx.invalid(&[("draft", "draft must be an object.".to_owned())]);
    }
    let record = json!({"id": util::new_id(), "draft": body["draft"]});
    ctx.shared.with_client(&ctx.client_id, |c| {
        if c.drafts.len() >= MAX_RECORDS {
            c.drafts.remove(0);
        }
        c.drafts.push(record.clone());
    });
    ctx.ok(draft_view(&record))
}

/// `GET /claims/drafts/`.
pub(crate) fn list_drafts(ctx: &Ctx) -> Response {
    let items = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.drafts.iter().map(draft_view).collect()
        })
        .unwrap_or_default();
    ctx.page(items)
}

fn find_draft(ctx: &Ctx, id: &str) -> Option<Value> {
    ctx.shared
        .with_client(&ctx.client_id, |c| {
            c.drafts.iter().find(|d| s(d, "id") == Some(id)).cloned()
        })
        .flatten()
}

/// `GET /claims/drafts/{id}`.
pub(crate) fn get_draft(ctx: &Ctx, id: &str) -> Response {
    match find_draft(ctx, id) {
        Some(d) => ctx.ok(draft_view(&d)),
        None => ctx.not_found(),
    }
}

/// `PUT /claims/drafts/{id}` with `{"draft": {...}}`.
pub(crate) fn update_draft(ctx: &Ctx, id: &str) -> Response {
    let body = match ctx.body_with(&["draft"]) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let updated = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            let d = c.drafts.iter_mut().find(|d| s(d, "id") == Some(id))?;
            d["draft"] = body["draft"].clone();
            Some(d.clone())
        })
        .flatten();
    match updated {
        Some(d) => ctx.ok(draft_view(&d)),
        None => ctx.not_found(),
    }
}

/// `DELETE /claims/drafts/{id}`.
pub(crate) fn delete_draft(ctx: &Ctx, id: &str) -> Response {
    let removed = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            let before = c.drafts.len();
            c.drafts.retain(|d| s(d, "id") != Some(id));
            before != c.drafts.len()
        })
        .unwrap_or(false);
    if removed {
        ctx.ok(json!({"id": id, "deleted": true}))
    } else {
        ctx.not_found()
    }
}

/// `GET /claims/drafts/{id}/validate`: the draft in the documented
/// `{id, draft, validation_result}` shape, with the result's `valid` and `errors` also at the
/// top level (as earlier sandbox versions answered).
pub(crate) fn validate_draft(ctx: &Ctx, id: &str) -> Response {
    match find_draft(ctx, id) {
        Some(d) => {
            let result = validation_result(&d["draft"]);
            let mut v = draft_view(&d);
            v["validation_result"] = result.clone();
            if let (Value::Object(m), Value::Object(r)) = (&mut v, result) {
                for (k, val) in r {
                    m.entry(k).or_insert(val);
                }
            }
            ctx.ok(v)
        }
        None => ctx.not_found(),
    }
}

const REGISTRATION_FIELDS: &[&str] = &[
    "address_lines",
    "claims_roles",
    "city",
    "npi",
    "state",
    "tax_id",
    "trading_partner_id",
    "transaction_set_name",
    "zipcode",
];

fn validate_registration(ctx: &Ctx, body: &Value) -> Result<(), Response> {
    let mut missing: Vec<&str> = REGISTRATION_FIELDS
        .iter()
        .copied()
        .filter(|f| !util::present(body.get(*f)))
        .collect();
    let named = util::present(body.get("organization_name"))
        || (util::present(body.get("first_name")) && util::present(body.get("last_name")));
    if !named {
        missing.push("organization_name");
    }
    if !missing.is_empty() {
        return Err(ctx.missing(&missing));
    }
    let set = s(body, "transaction_set_name").unwrap_or_default();
    if !["eligibility", "claims", "claim_status"].contains(&set) {
        return Err(ctx.invalid(&[(
            "transaction_set_name",
            "Must be one of eligibility, claims, claim_status.".to_owned(),
        )]));
    }
    let tp = s(body, "trading_partner_id").unwrap_or_default();
    if data::partner(tp).is_none() {
        return Err(ctx.invalid(&[(
            "trading_partner_id",
            format!("Unable to find configuration for trading_partner_id: {tp}"),
        )]));
    }
    Ok(())
}

/// `GET /appregistrations`.
pub(crate) fn list_registrations(ctx: &Ctx) -> Response {
    let items = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.app_registrations
                .iter()
                .filter(|(_, deleted)| !deleted)
                .map(|(r, _)| r.clone())
                .collect()
        })
        .unwrap_or_default();
    ctx.page(items)
}

/// `POST /appregistrations`.
pub(crate) fn create_registration(ctx: &Ctx) -> Response {
    let mut body = match ctx.json_body() {
        Ok(b) => b,
        Err(r) => return r,
    };
    if let Err(r) = validate_registration(ctx, &body) {
        return r;
    }
    body["_uuid"] = json!(util::new_uuid());
    body["app_name"] = json!(format!("sandbox app {}", ctx.client_id));
    body["client_id"] = json!(ctx.client_id);
    let record = body.clone();
    ctx.shared.with_client(&ctx.client_id, |c| {
        if c.app_registrations.len() >= MAX_RECORDS {
            c.app_registrations.remove(0);
        }
        c.app_registrations.push((record, false));
    });
    ctx.ok(body)
}

fn with_registration(
    ctx: &Ctx,
    id: &str,
    f: impl FnOnce(&mut (Value, bool)) -> Result<Value, String>,
) -> Response {
    let outcome = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.app_registrations
                .iter_mut()
                .find(|(r, _)| s(r, "_uuid") == Some(id))
                .map(f)
        })
        .flatten();
    match outcome {
        None => ctx.not_found(),
        Some(Ok(v)) => ctx.ok(v),
        Some(Err(why)) => ctx.invalid(&[("_uuid", why)]),
    }
}

/// `GET /appregistrations/{uuid}`.
pub(crate) fn get_registration(ctx: &Ctx, id: &str) -> Response {
    let found = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.app_registrations
                .iter()
                .find(|(r, deleted)| !deleted && s(r, "_uuid") == Some(id))
                .map(|(r, _)| r.clone())
        })
        .flatten();
    match found {
        Some(r) => ctx.ok(r),
        None => ctx.not_found(),
    }
}

/// `PUT /appregistrations/{uuid}`.
pub(crate) fn update_registration(ctx: &Ctx, id: &str) -> Response {
    let body = match ctx.json_body() {
        Ok(b) => b,
        Err(r) => return r,
    };
    // Validate the merged record.
    let current = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.app_registrations
                .iter()
                .find(|(r, deleted)| !deleted && s(r, "_uuid") == Some(id))
                .map(|(r, _)| r.clone())
        })
        .flatten();
    let Some(mut merged) = current else {
        return ctx.not_found();
    };
    if let (Value::Object(m), Value::Object(changes)) = (&mut merged, &body) {
        for (k, v) in changes {
            if !matches!(k.as_str(), "_uuid" | "client_id" | "app_name") {
                m.insert(k.clone(), v.clone());
            }
        }
    }
    if let Err(r) = validate_registration(ctx, &merged) {
        return r;
    }
    with_registration(ctx, id, move |entry| {
        entry.0 = merged.clone();
        Ok(merged)
    })
}

/// `DELETE /appregistrations/{uuid}` (soft delete; see undelete).
pub(crate) fn delete_registration(ctx: &Ctx, id: &str) -> Response {
    with_registration(ctx, id, |entry| {
        if entry.1 {
            return Err("The registration is already deleted.".to_owned());
        }
        entry.1 = true;
        Ok(entry.0.clone())
    })
}

/// `POST /appregistrations/{uuid}/undelete`.
pub(crate) fn undelete_registration(ctx: &Ctx, id: &str) -> Response {
    with_registration(ctx, id, |entry| {
        if !entry.1 {
            return Err("The registration is not deleted.".to_owned());
        }
        entry.1 = false;
        Ok(entry.0.clone())
    })
}
