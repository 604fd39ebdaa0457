//! `POST /files/`: batch X12 files.

use axum::response::Response;
use serde_json::{Value, json};

use super::activities::record;
use super::check_partner;
use super::upload::read_upload;
use crate::activity::{Activity, BATCH, Outcome, SYNC};
use crate::edi;
use crate::http::Ctx;
use crate::state::MAX_PER_FILE;
use crate::util;

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
    let sets: Vec<String> = edi::Interchange::parse(&text)
        .transaction_sets()
        .map(str::to_owned)
        .collect();
    if sets.len() > MAX_PER_FILE {
        return ctx.invalid(&[(
            "file",
            format!("The sandbox processes at most {MAX_PER_FILE} transaction sets per file."),
        )]);
    }
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
