//! App registrations (`/appregistrations`): the trading-partner registrations of an app.

use axum::response::Response;
use serde_json::{Value, json};

use crate::data;
use crate::http::Ctx;
use crate::state::MAX_ITEMS;
use crate::util::{self, s};

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
    let size = util::json_size(&record);
    tri!(ctx.store(|c| {
        c.admit(
            "app registrations",
            c.app_registrations.len(),
            MAX_ITEMS,
            size,
        )?;
        c.app_registrations.push((record, false));
        Ok(())
    }));
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
    tri!(ctx.check_record("request", &merged));
    let size = util::json_size(&merged);
    tri!(ctx.store(|c| {
        let old = c
            .app_registrations
            .iter()
            .find(|(r, _)| s(r, "_uuid") == Some(id))
            .map_or(0, |(r, _)| util::json_size(r));
        c.fits(size, old)
    }));
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
