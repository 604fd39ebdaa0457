//! `POST /ccd/`: continuity-of-care documents.

use axum::response::Response;
use serde_json::json;

use crate::http::Ctx;

/// `POST /ccd/`: accepts a continuity-of-care document request and summarises it.
pub(crate) fn ccd(ctx: &Ctx) -> Response {
    let body = match ctx.json_body() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let sections: Vec<String> = body
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    ctx.ok(json!({"id": ctx.activity_id(), "status": "accepted", "sections": sections}))
}
