//! `/payments/`: claim payments (835), as JSON or raw X12.

use axum::body::Body;
use axum::response::Response;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use serde_json::{Value, json};

use crate::data;
use crate::http::Ctx;
use crate::util::cents_of;

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
