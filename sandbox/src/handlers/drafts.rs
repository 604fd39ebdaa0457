//! Claims validation (`POST /claims/validate`) and claims drafts (`/claims/drafts`).

use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::data;
use crate::http::Ctx;
use crate::state::MAX_ITEMS;
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
    let size = util::json_size(&record);
    tri!(ctx.store(|c| {
        c.admit("drafts", c.drafts.len(), MAX_ITEMS, size)?;
        c.drafts.push(record.clone());
        Ok(())
    }));
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
    let size = util::json_size(&body["draft"]);
    let updated = tri!(ctx.store(|c| {
        let Some(i) = c.drafts.iter().position(|d| s(d, "id") == Some(id)) else {
            return Ok(None);
        };
        c.fits(size, util::json_size(&c.drafts[i]["draft"]))?;
        c.drafts[i]["draft"] = body["draft"].clone();
        Ok(Some(c.drafts[i].clone()))
    }));
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
