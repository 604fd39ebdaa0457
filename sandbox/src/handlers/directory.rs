//! Reference data: trading partners, payers, providers, procedure codes, ICD conversion,
//! plans, prices and the TLS check.

use axum::response::Response;
use serde_json::{Value, json};

use crate::data;
use crate::geo;
use crate::http::Ctx;
use crate::providers::{self, Search};
use crate::util::{self, contains_ci, s};

/// `GET /tradingpartners/`.
pub(crate) fn trading_partners(ctx: &Ctx) -> Response {
    ctx.page(data::PARTNERS.iter().map(data::partner_summary).collect())
}

/// `GET /tradingpartners/{id}`.
pub(crate) fn trading_partner(ctx: &Ctx, id: &str) -> Response {
    match data::partner(id) {
        Some(p) => ctx.ok(data::partner_detail(p)),
        None => ctx.not_found(),
    }
}

/// `GET /payers/` (deprecated in favour of trading partners).
pub(crate) fn payers(ctx: &Ctx) -> Response {
    let items = data::PARTNERS
        .iter()
        .map(|p| {
            json!({
                "payer_key": p.id.to_lowercase(),
                "payer_name": p.name,
                "production_status": true,
                "supported_transactions": p.transactions,
                "trading_partner_id": p.id,
            })
        })
        .collect();
    ctx.page(items)
}

/// Whether a built-in (or remembered) provider matches the search. `near`: the centre and
/// radius its locations must be inside (the centre of their ZIP area), instead of matching
/// the ZIP code itself.
fn matches_provider(ctx: &Ctx, p: &Value, near: Option<((f64, f64), f64)>) -> bool {
    let field_eq = |q: &str, key: &str| {
        ctx.q(q)
            .is_none_or(|v| s(p, key).is_some_and(|x| x.eq_ignore_ascii_case(v.trim())))
    };
    let full_name = format!(
        "{} {} {} {}",
        s(p, "first_name").unwrap_or_default(),
        s(p, "middle_name").unwrap_or_default(),
        s(p, "last_name").unwrap_or_default(),
        s(p, "organization_name").unwrap_or_default()
    );
    let locations = p["locations"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let in_location = |q: &str, f: &dyn Fn(&Value, &str) -> bool| {
        ctx.q(q)
            .is_none_or(|v| locations.iter().any(|l| f(l, v.trim())))
    };
    let specialties = p["specialty"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    field_eq("first_name", "first_name")
        && field_eq("middle_name", "middle_name")
        && field_eq("last_name", "last_name")
        && field_eq("gender", "gender")
        && field_eq("npi", "npi")
        && ctx
            .q("organization_name")
            .is_none_or(|v| s(p, "organization_name").is_some_and(|o| contains_ci(o, v.trim())))
        && ctx.q("name").is_none_or(|v| {
            v.split_whitespace()
                .all(|word| contains_ci(&full_name, word))
        })
        && ctx.q("specialty").is_none_or(|v| {
            let v = v.trim().to_lowercase();
            specialties.iter().any(|sp| {
                sp.as_str().is_some_and(|sp| {
                    let sp = sp.to_lowercase();
                    sp.starts_with(&v) || sp.split_whitespace().any(|w| w.starts_with(&v))
                })
            })
        })
        && ctx.q("entity_types").is_none_or(|v| {
            let kind = s(p, "entity_type").unwrap_or_default();
            v.split(',').any(|t| t.trim().eq_ignore_ascii_case(kind))
        })
        && in_location("city", &|l, v| {
            s(l, "city").is_some_and(|c| c.eq_ignore_ascii_case(v))
        })
        && in_location("state", &|l, v| {
            s(l, "state").is_some_and(|c| c.eq_ignore_ascii_case(v))
        })
        && match near {
            Some((center, radius)) => locations
                .iter()
                .any(|l| location_miles(l, center).is_some_and(|d| d <= radius)),
            None => in_location("zipcode", &|l, v| {
                let v5: String = v.chars().take(5).collect();
                s(l, "zipcode").is_some_and(|z| z.starts_with(&v5))
            }),
        }
        && in_location("address_lines", &|l, v| {
            l["address_lines"].as_array().is_some_and(|ls| {
                ls.iter()
                    .any(|x| x.as_str().is_some_and(|x| contains_ci(x, v)))
            })
        })
}

/// Miles from `center` to a location (the centre of its ZIP code's area).
fn location_miles(l: &Value, center: (f64, f64)) -> Option<f64> {
    let area = geo::area_of(s(l, "zipcode")?)?;
    Some(geo::miles(center, (area.lat, area.lon)))
}

/// `GET /providers/`: the built-in providers that match, and synthetic ones derived from the
/// query (see [`crate::providers`]), sorted by distance when the query has a place (unless
/// `sort=rank`), paginated.
pub(crate) fn providers(ctx: &Ctx) -> Response {
    let search = match Search::parse(|k| ctx.q(k)) {
        Ok(search) => search,
        Err((field, message)) => return ctx.invalid(&[(field, message)]),
    };
    let near = match (search.center, search.radius, ctx.q("lat_lon")) {
        (Some(c), Some(r), _) => Some((c, r)),
        (Some(c), None, Some(_)) => Some((c, providers::LOCAL_MILES)),
        _ => None,
    };
    let with_distance = |mut item: Value| {
        if let Some(c) = search.center {
            let d = item["provider"]["locations"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|l| location_miles(l, c))
                .fold(None, |m: Option<f64>, d| Some(m.map_or(d, |m| m.min(d))));
            if let Some(d) = d {
                item["distance"] = json!(format!("{d:.1}mi"));
            }
        }
        item
    };
    let builtin: Vec<Value> = data::providers()
        .into_iter()
        .filter(|item| matches_provider(ctx, &item["provider"], near))
        .map(with_distance)
        .collect();
    let synthetic: Vec<Value> = match ctx.q("npi").map(str::trim) {
        // An NPI names one provider: a built-in one, or the one that NPI stands for.
        Some(npi) if builtin.is_empty() => lookup(ctx, npi)
            .filter(|item| matches_provider(ctx, &item["provider"], near))
            .map(with_distance)
            .into_iter()
            .collect(),
        Some(_) => Vec::new(),
        None => search.providers(),
    };
    {
        let mut dir = ctx
            .shared
            .directory
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        for item in &synthetic {
            dir.remember(item);
        }
    }
    let mut items = builtin;
    items.extend(synthetic);
    if search.center.is_some() && !search.by_rank {
        let miles = |v: &Value| {
            v["distance"]
                .as_str()
                .and_then(|d| d.trim_end_matches("mi").parse::<f64>().ok())
                .unwrap_or(f64::INFINITY)
        };
        items.sort_by(|a, b| miles(a).total_cmp(&miles(b)));
    }
    ctx.page(items)
}

/// A provider by NPI or uuid that is not built in: one a search showed, or the one a valid
/// NPI stands for (remembered from then on).
fn lookup(ctx: &Ctx, id: &str) -> Option<Value> {
    let mut dir = ctx
        .shared
        .directory
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    if let Some(p) = dir.get(id) {
        return Some(p);
    }
    let p = providers::for_npi(id)?;
    dir.remember(&p);
    Some(p)
}

/// `GET /providers/{npi}` (or by uuid): a built-in provider, a synthetic one a search showed,
/// or the provider any NPI with a valid check digit stands for; `404` otherwise.
pub(crate) fn provider(ctx: &Ctx, id: &str) -> Response {
    let found = data::providers()
        .into_iter()
        .find(|item| {
            let p = &item["provider"];
            s(p, "npi") == Some(id) || s(p, "uuid") == Some(id)
        })
        .or_else(|| lookup(ctx, id));
    match found {
        Some(p) => ctx.ok(p),
        None => ctx.not_found(),
    }
}

/// `GET /mpc/?name=&description=`.
pub(crate) fn mpc_list(ctx: &Ctx) -> Response {
    let items: Vec<Value> = data::procedure_codes()
        .into_iter()
        .filter(|c| {
            ctx.q("name")
                .is_none_or(|n| s(c, "name").is_some_and(|x| contains_ci(x, n)))
                && ctx
                    .q("description")
                    .is_none_or(|d| s(c, "description").is_some_and(|x| contains_ci(x, d)))
                && ctx.q("code").is_none_or(|code| s(c, "code") == Some(code))
        })
        .collect();
    ctx.page(items)
}

/// `GET /mpc/{code}`.
pub(crate) fn mpc_get(ctx: &Ctx, code: &str) -> Response {
    match data::procedure_codes()
        .into_iter()
        .find(|c| s(c, "code") == Some(code))
    {
        Some(c) => ctx.ok(c),
        None => ctx.not_found(),
    }
}

/// `GET /icd/convert/{code}` (or `?code=`).
pub(crate) fn icd_convert(ctx: &Ctx, code: Option<&str>) -> Response {
    let Some(code) = code.or_else(|| ctx.q("code")) else {
        return ctx.missing(&["code"]);
    };
    match data::icd_mapping(code) {
        Some(m) => ctx.ok(m),
        None => ctx.not_found(),
    }
}

/// `GET /plans/`.
pub(crate) fn plans(ctx: &Ctx) -> Response {
    let items: Vec<Value> = data::plans()
        .into_iter()
        .filter(|p| {
            let eq = |q: &str| {
                ctx.q(q)
                    .is_none_or(|v| s(p, q).is_some_and(|x| x.eq_ignore_ascii_case(v.trim())))
            };
            eq("trading_partner_id")
                && eq("county")
                && eq("state")
                && eq("plan_id")
                && eq("plan_type")
                && eq("metallic_level")
                && ctx
                    .q("plan_name")
                    .is_none_or(|v| s(p, "plan_name").is_some_and(|x| contains_ci(x, v)))
                && ctx.q("issuer_name").is_none_or(|v| {
                    s(p, "trading_partner_id")
                        .is_some_and(|x| data::partner(x).is_some_and(|tp| contains_ci(tp.name, v)))
                })
        })
        .collect();
    ctx.page(items)
}

fn geo_zip(ctx: &Ctx) -> Result<String, Response> {
    ctx.require_query(&["cpt_code", "zip_code"])?;
    util::zip3(ctx.q("zip_code").unwrap_or_default())
        .ok_or_else(|| ctx.invalid(&[("zip_code", "Enter a valid zip code.".to_owned())]))
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A price row scaled deterministically from a template row.
fn scaled(row: &Value, factor: f64) -> Value {
    let mut r = row.clone();
    for k in [
        "average_price",
        "high_price",
        "low_price",
        "median_price",
        "standard_deviation",
    ] {
        if let Some(x) = row.get(k).and_then(Value::as_f64) {
            r[k] = json!(round4(x * factor));
        }
    }
    r
}

/// `GET /prices/cash?cpt_code=&zip_code=`: one row per procedure of a supported CPT code.
pub(crate) fn cash_prices(ctx: &Ctx) -> Response {
    let geo = match geo_zip(ctx) {
        Ok(g) => g,
        Err(r) => return r,
    };
    let cpt = ctx.q("cpt_code").unwrap_or_default().trim().to_owned();
    let Some(procedure) = data::cash_procedure(&cpt) else {
        return ctx.ok(json!([]));
    };
    let template = data::fixture("cash_prices.response.json");
    let factor = 0.8 + (util::hash_of(&["cash", &geo]) % 41) as f64 / 100.0;
    let rows: Vec<Value> = if cpt == "99385" {
        template.as_array().cloned().unwrap_or_default()
    } else {
        let base = 80.0 + (util::hash_of(&["cpt", &cpt]) % 4000) as f64;
        let slug: String = procedure
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        vec![json!({
            "cpt_code": cpt,
            "procedure_description": procedure,
            "pokitdok_procedure_urn": format!("urn:pokitdok:procedure:{}", slug.trim_matches('_')),
            "average_price": base, "median_price": base * 1.02, "low_price": base * 0.6,
            "high_price": base * 1.3, "standard_deviation": base * 0.08,
        })]
    };
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            let mut r = scaled(r, factor);
            r["geo_zip_area"] = json!(geo);
            r["cpt_code"] = json!(cpt);
            r
        })
        .collect();
    ctx.ok(json!(rows))
}

/// `GET /prices/insurance?cpt_code=&zip_code=`.
pub(crate) fn insurance_prices(ctx: &Ctx) -> Response {
    let geo = match geo_zip(ctx) {
        Ok(g) => g,
        Err(r) => return r,
    };
    let cpt = ctx.q("cpt_code").unwrap_or_default().trim().to_owned();
    let mut v = data::fixture("insurance_prices.response.json");
    let factor = if cpt == "99203" && geo == "944" {
        1.0
    } else {
        0.5 + (util::hash_of(&["ins", &cpt, &geo]) % 300) as f64 / 100.0
    };
    if let Some(rows) = v["amounts"].as_array() {
        let rows: Vec<Value> = rows.iter().map(|r| scaled(r, factor)).collect();
        v["amounts"] = json!(rows);
    }
    v["cpt_code"] = json!(cpt);
    v["geo_zip_area"] = json!(geo);
    ctx.ok(v)
}

/// `GET /ssl/`: the TLS check (the sandbox itself is plain HTTP on loopback).
pub(crate) fn ssl(ctx: &Ctx) -> Response {
    ctx.ok(json!({"ssl": "ok", "message": "PokitDok sandbox: TLS is not used on loopback."}))
}
