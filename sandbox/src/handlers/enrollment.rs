//! `POST /enrollment/` and the enrollment snapshots (`/enrollment/snapshot`).

use axum::response::Response;
use serde_json::{Value, json};

use super::activities::record;
use super::upload::read_upload;
use super::{check_callback, check_partner};
use crate::activity::{ASYNC, Outcome};
use crate::edi::{self, el};
use crate::http::Ctx;
use crate::state::{MAX_PER_FILE, MAX_SNAPSHOT_BYTES, MAX_SNAPSHOTS};
use crate::{data, util};

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
    let segments = edi::split(&text);
    let subscribers: Vec<&edi::Segment<'_>> = segments
        .iter()
        .filter(|s| el(s, 0) == "NM1" && el(s, 1) == "IL")
        .collect();
    if subscribers.len() > MAX_PER_FILE {
        return ctx.invalid(&[(
            "file",
            format!("The sandbox reads at most {MAX_PER_FILE} subscribers from one snapshot."),
        )]);
    }
    let mut members: Vec<Value> = subscribers
        .into_iter()
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
    let size = members.iter().map(util::json_size).sum::<usize>();
    if size > MAX_SNAPSHOT_BYTES {
        return ctx.too_large("file", size, MAX_SNAPSHOT_BYTES);
    }
    let id = ctx.activity_id();
    ctx.shared.with_client(&ctx.client_id, |c| {
        if c.snapshots.len() >= MAX_SNAPSHOTS {
            c.snapshots.remove(0);
        }
        c.snapshots.push(json!({
            "snapshot": {"snapshot_date": util::now_ts(), "trading_partner_id": partner.id,
                          "snapshot_id": id},
            "data": members,
        }));
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
