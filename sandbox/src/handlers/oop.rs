//! Out-of-pocket: loaded prices and estimates.

use axum::response::Response;
use serde_json::{Value, json};

use super::check_partner;
use super::eligibility::eligibility_result;
use crate::data;
use crate::http::Ctx;
use crate::state::MAX_ITEMS;
use crate::util::{self, cents_of, cents_str, money, s};

fn bundle(ctx: &Ctx, body: &Value) -> Result<Vec<String>, Response> {
    let list = body["cpt_bundle"]
        .as_array()
        .map(|l| l.iter().filter_map(util::text).collect::<Vec<String>>());
    match list {
        Some(l) if !l.is_empty() => {
            let mut l = l;
            l.sort();
            Ok(l)
        }
        _ => Err(ctx.invalid(&[(
            "cpt_bundle",
            "cpt_bundle must be a non-empty list of CPT codes.".to_owned(),
        )])),
    }
}

fn same_bundle(p: &Value, tp: &str, bundle: &[String]) -> bool {
    let mut b: Vec<String> = p["cpt_bundle"]
        .as_array()
        .map(|l| l.iter().filter_map(util::text).collect())
        .unwrap_or_default();
    b.sort();
    s(p, "trading_partner_id") == Some(tp) && b == bundle
}

/// `POST /oop/insurance-load-price`: loads (with `price.amount`) or returns the loaded price.
pub(crate) fn load_price(ctx: &Ctx) -> Response {
    let body = match ctx.body_with(&["trading_partner_id", "cpt_bundle"]) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let partner = match check_partner(ctx, &body, None) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let bundle = match bundle(ctx, &body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let amount = body["price"].get("amount").filter(|a| !a.is_null());
    let Some(amount) = amount else {
        let loaded = ctx
            .shared
            .with_client(&ctx.client_id, |c| {
                c.oop_prices
                    .iter()
                    .find(|p| same_bundle(p, partner.id, &bundle))
                    .cloned()
            })
            .flatten();
        return match loaded {
            Some(p) => ctx.ok(p),
            None => ctx.not_found(),
        };
    };
    let Some(cents) = cents_of(amount).filter(|c| *c >= 0) else {
        return ctx.invalid(&[("price.amount", "Enter a valid amount.".to_owned())]);
    };
    let currency = s(&body["price"], "currency").unwrap_or("USD");
    let record = json!({
        "uuid": util::new_uuid(),
        "client_id": ctx.client_id,
        "trading_partner_id": partner.id,
        "cpt_bundle": body["cpt_bundle"],
        "price": {"amount": cents_str(cents), "currency": currency},
    });
    let size = util::json_size(&record);
    tri!(ctx.store(|c| {
        let replaced = c
            .oop_prices
            .iter()
            .filter(|p| same_bundle(p, partner.id, &bundle))
            .count();
        let count = c.oop_prices.len().saturating_sub(replaced);
        c.admit("loaded prices", count, MAX_ITEMS, size)?;
        c.oop_prices
            .retain(|p| !same_bundle(p, partner.id, &bundle));
        c.oop_prices.push(record.clone());
        Ok(())
    }));
    ctx.ok(record)
}

/// `GET /oop/insurance-load-price`.
pub(crate) fn list_prices(ctx: &Ctx) -> Response {
    let items = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.oop_prices
                .iter()
                .filter(|p| {
                    ctx.q("trading_partner_id")
                        .is_none_or(|t| s(p, "trading_partner_id") == Some(t))
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    ctx.page(items)
}

/// `GET /oop/insurance-load-price/{uuid}`.
pub(crate) fn get_price(ctx: &Ctx, id: &str) -> Response {
    let found = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.oop_prices
                .iter()
                .find(|p| s(p, "uuid") == Some(id))
                .cloned()
        })
        .flatten();
    match found {
        Some(p) => ctx.ok(p),
        None => ctx.not_found(),
    }
}

/// `DELETE /oop/insurance-load-price/{uuid}`: `200` with the removed price's uuid.
pub(crate) fn delete_price(ctx: &Ctx, id: &str) -> Response {
    let removed = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            let before = c.oop_prices.len();
            c.oop_prices.retain(|p| s(p, "uuid") != Some(id));
            before != c.oop_prices.len()
        })
        .unwrap_or(false);
    if removed {
        ctx.ok(json!({"uuid": id, "deleted": true}))
    } else {
        ctx.not_found()
    }
}

fn money_at(v: &Value) -> Option<i64> {
    cents_of(v)
}

/// `POST /oop/insurance-estimate`.
pub(crate) fn estimate(ctx: &Ctx) -> Response {
    let body = match ctx.body_with(&["trading_partner_id", "cpt_bundle"]) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let partner = match check_partner(ctx, &body, None) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let bundle = match bundle(ctx, &body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let loaded = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.oop_prices
                .iter()
                .find(|p| same_bundle(p, partner.id, &bundle))
                .and_then(|p| money_at(&p["price"]))
        })
        .flatten();
    let (price, messages_source) = match (loaded, s(&body, "zip_code")) {
        (Some(p), _) => (p, "loaded price"),
        (None, Some(zip)) => {
            let Some(geo) = util::zip3(zip) else {
                return ctx.invalid(&[("zip_code", "Enter a valid zip code.".to_owned())]);
            };
            let sum: i64 = bundle
                .iter()
                .map(|c| 8_000 + (util::hash_of(&["oop", c, &geo]) % 30_000) as i64)
                .fold(0, i64::saturating_add);
            (sum, "insurance prices")
        }
        _ => {
            return ctx.invalid(&[(
                "price",
                "No price is loaded for this cpt_bundle; load one or send zip_code.".to_owned(),
            )]);
        }
    };
    let eligibility = match (
        body["eligibility"].get("member").filter(|m| m.is_object()),
        body["eligibility"]
            .get("provider")
            .filter(|p| p.is_object()),
    ) {
        (Some(member), Some(provider)) => {
            let req =
                json!({"member": member, "provider": provider, "trading_partner_id": partner.id});
            eligibility_result(
                &ctx.client_id,
                partner,
                &req,
                &["professional_physician_visit_office".to_owned()],
            )
        }
        _ => data::fixture("oop.estimate.response.json")["eligibility"].clone(),
    };
    let deductible_left =
        money_at(&eligibility["summary"]["deductible"]["individual"]["in_network"]["remaining"])
            .unwrap_or(0);
    let oop_left =
        money_at(&eligibility["summary"]["out_of_pocket"]["individual"]["in_network"]["remaining"])
            .unwrap_or(deductible_left);
    let coins = eligibility["coverage"]["coinsurance"][0]["benefit_percent"]
        .as_f64()
        .unwrap_or(0.0);
    let estimate = if price <= deductible_left {
        price
    } else {
        let over = price.saturating_sub(deductible_left) as f64 * coins;
        deductible_left
            .saturating_add(over.round() as i64)
            .min(oop_left.max(deductible_left))
    };
    let dollars = |c: i64| format!("{}", (c as f64 / 100.0).round() as i64);
    let mut messages = Vec::new();
    if deductible_left > 0 {
        messages.push(json!(format!(
            "Deductible of {} has not been met.",
            cents_str(deductible_left)
        )));
    }
    messages.push(json!(format!("Price from the {messages_source}.")));
    let calculation = json!({
        "price": money(price),
        "low_price": money(util::percent_of(price, 65)),
        "high_price": money(util::percent_of(price, 190)),
        "deductible": cents_str(deductible_left),
        "max_oop": cents_str(oop_left),
        "coinsurance": [format!("{coins:.1}")],
        "estimate": [dollars(estimate)],
        "lower_estimate": [dollars(util::percent_of(estimate, 65))],
        "upper_estimate": [dollars(util::percent_of(estimate, 190))],
        "service_type_codes": [["98"]],
        "messages": messages,
    });
    ctx.ok(json!({"calculation": calculation, "eligibility": eligibility}))
}
