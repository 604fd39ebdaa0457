//! `/activities/`.

use axum::response::Response;
use reqwest::header::ACCEPT;
use serde_json::{Value, json};

use crate::activity::{self, ASYNC, Activity, Outcome, SYNC, Stage};
use crate::http::Ctx;
use crate::util::{self, s};

/// `GET /activities/` (newest first; `parent_id` filters batch sub-activities).
pub(crate) fn list(ctx: &Ctx) -> Response {
    let parent = ctx.q("parent_id").map(str::to_owned);
    let items: Vec<Value> = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.activities
                .iter()
                .rev()
                .filter(|a| parent.is_none() || a.parent_id == parent)
                .map(|a| a.to_json())
                .collect()
        })
        .unwrap_or_default();
    ctx.page(items)
}

/// `GET /activities/{id}`; with `Accept: application/vnd.pokitdok.v4+activity-x12-json` the
/// activity also carries `x12_request` and `x12_response` when it has them.
pub(crate) fn get(ctx: &Ctx, id: &str) -> Response {
    let with_x12 = ctx
        .headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.to_ascii_lowercase().contains("activity-x12-json"));
    let found = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.activity_mut(id).map(|a| {
                let mut v = a.to_json();
                if let (true, Some((req, resp))) = (with_x12, &a.x12) {
                    v["x12_request"] = json!(req);
                    v["x12_response"] = json!(resp);
                }
                v
            })
        })
        .flatten();
    match found {
        Some(a) => ctx.ok(a),
        None => ctx.not_found(),
    }
}

/// `PUT /activities/{id}` with `{"transition": "cancel"}`.
pub(crate) fn update(ctx: &Ctx, id: &str) -> Response {
    let body = match ctx.body_with(&["transition"]) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let transition = util::s(&body, "transition").unwrap_or_default();
    if transition != "cancel" {
        return ctx.invalid(&[(
            "transition",
            format!("'{transition}' is not a valid transition; use 'cancel'."),
        )]);
    }
    let outcome = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.activity_mut(id).map(|a| a.cancel().map(|()| a.to_json()))
        })
        .flatten();
    match outcome {
        None => ctx.not_found(),
        Some(Ok(a)) => ctx.ok(a),
        Some(Err(reason)) => ctx.invalid(&[("transition", reason)]),
    }
}

/// An activity's JSON for a response, looked up after it was stored.
pub(crate) fn snapshot(ctx: &Ctx, id: &str) -> Value {
    ctx.shared
        .with_client(&ctx.client_id, |c| c.activity_mut(id).map(|a| a.to_json()))
        .flatten()
        .unwrap_or_else(|| json!({"id": id}))
}

/// Stores an activity for this request (its id is `meta.activity_id`) and starts its
/// lifecycle when it is not finished. Returns its JSON.
pub(crate) fn record(
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

pub(crate) fn wants_async(body: &Value) -> bool {
    body.get("async") == Some(&json!(true))
}

/// Answers a real-time request, or an activity when `async: true`.
pub(crate) fn answer(ctx: &Ctx, name: &str, body: &Value, result: Value) -> Response {
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
