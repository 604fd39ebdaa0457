//! Pharmacy: plans, formulary, network, coverage, drug cost (Medicare Part D data).

use axum::response::Response;
use serde_json::{Value, json};

use super::check_partner;
use crate::data;
use crate::http::Ctx;
use crate::util::{self, cents_str, contains_ci, s};

fn list(name: &str) -> Vec<Value> {
    data::fixture_data(name)
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn partner_from_query(ctx: &Ctx) -> Result<(), Response> {
    ctx.require_query(&["trading_partner_id"])?;
    let tp = ctx.q("trading_partner_id").unwrap_or_default();
    check_partner(ctx, &json!({ "trading_partner_id": tp }), None).map(|_| ())
}

fn plan_matches(ctx: &Ctx, plan: &Value) -> bool {
    ctx.q("plan_number")
        .is_none_or(|n| s(plan, "plan_number").is_some_and(|x| x.eq_ignore_ascii_case(n)))
        && ctx
            .q("plan_name")
            .is_none_or(|n| s(plan, "plan_name").is_some_and(|x| contains_ci(x, n)))
}

fn require_plan(ctx: &Ctx) -> Result<(), Response> {
    if ctx.q("plan_number").is_none() && ctx.q("plan_name").is_none() {
        return Err(ctx.invalid(&[(
            "plan_number",
            "plan_number or plan_name is required.".to_owned(),
        )]));
    }
    Ok(())
}

/// `GET /pharmacy/plans`.
pub(crate) fn plans(ctx: &Ctx) -> Response {
    if let Err(r) = partner_from_query(ctx).and_then(|()| require_plan(ctx)) {
        return r;
    }
    let items: Vec<Value> = list("pharmacy_plans.response.json")
        .into_iter()
        .filter(|p| {
            plan_matches(ctx, p)
                && ctx.q("zipcode").is_none_or(|z| {
                    p["zipcodes"]
                        .as_array()
                        .is_some_and(|zs| zs.iter().any(|x| x.as_str() == Some(z)))
                })
        })
        .collect();
    ctx.ok(json!(items))
}

/// `GET /pharmacy/formulary`.
pub(crate) fn formulary(ctx: &Ctx) -> Response {
    if let Err(r) = partner_from_query(ctx).and_then(|()| require_plan(ctx)) {
        return r;
    }
    let (drug, class, ndc, rxcui) = (
        ctx.q("drug"),
        ctx.q("drug_class"),
        ctx.q("ndc"),
        ctx.q("rxcui"),
    );
    if drug.is_none() && class.is_none() && ndc.is_none() && rxcui.is_none() {
        return ctx.invalid(&[(
            "drug",
            "One of drug, drug_class, ndc or rxcui is required.".to_owned(),
        )]);
    }
    let mut entries = list("pharmacy_formulary.response.json");
    let by_ndc = list("pharmacy_formulary.response.2.json");
    if ndc.is_some() || rxcui.is_some() {
        entries = by_ndc;
    } else {
        entries.extend(by_ndc);
    }
    let plan = list("pharmacy_plans.response.json")
        .into_iter()
        .find(|p| plan_matches(ctx, p));
    let include_plans = ctx
        .q("include_plans")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let mut seen = std::collections::BTreeSet::new();
    let items: Vec<Value> = entries
        .into_iter()
        .filter(|e| {
            drug.is_none_or(|d| s(e, "drug").is_some_and(|x| contains_ci(x, d)))
                && class.is_none_or(|c| {
                    e["drug_class"]
                        .as_array()
                        .is_some_and(|l| l.iter().any(|x| x.as_str() == Some(c)))
                })
        })
        .filter(|e| seen.insert(s(e, "drug").unwrap_or_default().to_owned()))
        .map(|mut e| {
            if let (true, Some(p)) = (include_plans, &plan) {
                e["plan"] = p.clone();
            }
            e
        })
        .collect();
    ctx.ok(json!(items))
}

/// `GET /pharmacy/network/` and `GET /pharmacy/network/{npi}` (both lists). `plan_number` does
/// not filter: the documented example answers a query for `S5820003` with `plan_id` `H0755036`.
pub(crate) fn network(ctx: &Ctx, npi: Option<&str>) -> Response {
    if let Err(r) = partner_from_query(ctx) {
        return r;
    }
    let mut all = list("pharmacy_network.list.response.json");
    all.extend(list("pharmacy_network.get.response.json"));
    if let Some(npi) = npi {
        return match all.into_iter().find(|p| s(p, "npi") == Some(npi)) {
            Some(p) => ctx.ok(json!([p])),
            None => ctx.not_found(),
        };
    }
    let flag = |q: &str| ctx.q(q).map(|v| v.eq_ignore_ascii_case("true"));
    let items: Vec<Value> = all
        .into_iter()
        .filter(|p| {
            let loc = &p["location"];
            ctx.q("pharmacy_name")
                .is_none_or(|n| s(p, "pharmacy_name").is_some_and(|x| contains_ci(x, n)))
                && ctx
                    .q("state")
                    .is_none_or(|st| s(loc, "state").is_some_and(|x| x.eq_ignore_ascii_case(st)))
                && ctx
                    .q("zipcode")
                    .is_none_or(|z| s(loc, "zipcode").is_some_and(|x| x.starts_with(z)))
                && flag("mail").is_none_or(|m| p["mail"].as_bool() == Some(m))
                && flag("retail").is_none_or(|r| p["retail"].as_bool() == Some(r))
        })
        .collect();
    ctx.page(items)
}

/// `POST /pharmacy/coverage`: one priced entry per requested NDC.
pub(crate) fn coverage(ctx: &Ctx) -> Response {
    let body = match ctx.body_with(&["pharmacy_npi", "prescriber", "member", "insurance", "drugs"])
    {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(drugs) = body["drugs"].as_array() else {
        return ctx.invalid(&[("drugs", "drugs must be a list.".to_owned())]);
    };
    let template = data::fixture_data("pharmacy_coverage.response.json")["drugs"][0].clone();
    let mut out = Vec::new();
    for d in drugs {
        let Some(ndc) = util::text(&d["ndc"]) else {
            return ctx.missing(&["drugs.ndc"]);
        };
        if ndc.len() != 11 || !ndc.bytes().all(|b| b.is_ascii_digit()) {
            return ctx.invalid(&[("drugs.ndc", format!("{ndc} is not an 11-digit NDC."))]);
        }
        let quantity = d["quantity_dispensed"].as_f64().unwrap_or(30.0);
        let unit = 5 + (util::hash_of(&["ndc", &ndc]) % 20) as i64; // cents per unit
        let pay = (unit as f64 * quantity).round() as i64;
        let amount = |c: i64| json!({"amount": cents_str(c), "currency": "USD", "display": format!("${}", cents_str(c))});
        let mut e = template.clone();
        e["ndc"] = json!(ndc);
        e["patient_pay_amount"] = amount(pay);
        e["amount_of_copay"] = amount(pay);
        e["amount_of_coinsurance"] = amount(0);
        e["rejections"] = json!([]);
        out.push(e);
    }
    ctx.ok(json!({ "drugs": out }))
}

/// `GET /pharmacy/drug/cost` and `GET /pharmacy/drugcost`.
pub(crate) fn drug_cost(ctx: &Ctx) -> Response {
    if let Err(r) = partner_from_query(ctx) {
        return r;
    }
    let (drug, ndc) = (ctx.q("drug"), ctx.q("ndc"));
    if drug.is_none() && ndc.is_none() {
        return ctx.invalid(&[("drug", "drug or ndc is required.".to_owned())]);
    }
    let items: Vec<Value> = if ndc.is_some() {
        list("pharmacy_drug_cost.response.2.json")
    } else {
        list("pharmacy_drug_cost.response.json")
            .into_iter()
            .filter(|e| drug.is_none_or(|d| s(e, "drug").is_some_and(|x| contains_ci(x, d))))
            .collect()
    };
    ctx.ok(json!(items))
}
