//! The `/api/v4` pipeline: faults, latency, bearer check, rate limit, scopes, credits, then the
//! handler.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::response::Response;
use percent_encoding::percent_decode_str;
use reqwest::header::AUTHORIZATION;
use reqwest::{Method, StatusCode};
use serde_json::{Map, json};
use tokio::time::Instant;

use super::http::{Ctx, bare, json_response, reason, too_large};
use super::state::Shared;
use super::{SCOPE_BUSINESS_SCHEDULE, SCOPE_USER_SCHEDULE, handlers, util};

/// Largest request body accepted (multipart X12 uploads; JSON bodies are smaller, see
/// `MAX_RECORD_BYTES`).
const MAX_BODY: usize = 16 * 1024 * 1024;

/// What an operation costs and needs.
struct Policy {
    billable: bool,
    scopes: &'static [&'static str],
}

fn policy(method: &Method, segs: &[String]) -> Policy {
    let first = segs.first().map(String::as_str).unwrap_or_default();
    let second = segs.get(1).map(String::as_str).unwrap_or_default();
    let scopes: &'static [&'static str] = match (first, second) {
        ("schedule", "patient") => &[SCOPE_USER_SCHEDULE],
        ("schedule", "slots") => &[SCOPE_BUSINESS_SCHEDULE],
        ("schedule", "appointments") if segs.len() == 2 && *method == Method::GET => {
            &[SCOPE_USER_SCHEDULE, SCOPE_BUSINESS_SCHEDULE]
        }
        ("schedule", "appointments") => &[SCOPE_USER_SCHEDULE],
        _ => &[],
    };
    // As the recorded platform traffic shows: activities, trading partners and payers are
    // free; scheduling is billed (its listings answered `credits_billed: 1`).
    let billable = !matches!(
        first,
        "activities" | "tradingpartners" | "payers" | "ssl" | "appregistrations"
    );
    Policy { billable, scopes }
}

fn bearer(req: &Request) -> Option<String> {
    let v = req.headers().get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = v.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// `ANY /api/{version}/{*rest}`.
pub(crate) async fn entry(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let started = Instant::now();
    let path = req.uri().path().to_owned();
    let Some(rest) = path.strip_prefix("/api/v4/") else {
        return bare(StatusCode::NOT_FOUND, "Not Found");
    };
    if let Some(status) = shared.faults.take_fail() {
        return bare(status, reason(status));
    }
    let latency = shared.faults.latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let segs: Vec<String> = rest
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
        .collect();
    let policy = policy(req.method(), &segs);
    let token = bearer(&req);

    let (client_id, meta) = {
        let mut state = shared.lock();
        let grant = token
            .as_deref()
            .and_then(|t| state.tokens.get(t))
            .filter(|g| g.expires > Instant::now());
        let Some(grant) = grant else {
            return bare(StatusCode::UNAUTHORIZED, "Unauthorized");
        };
        let (client_id, scopes) = (grant.client_id.clone(), grant.scopes.clone());
        let cfg = &shared.config;
        let Some(client) = state.clients.get_mut(&client_id) else {
            return bare(StatusCode::UNAUTHORIZED, "Unauthorized");
        };
        client.requests = client.requests.saturating_add(1);

        let now = Instant::now();
        let start = match client.rate.start {
            Some(s) if now.duration_since(s) < cfg.rate_limit_window => s,
            _ => {
                client.rate.start = Some(now);
                client.rate.count = 0;
                now
            }
        };
        let left = cfg
            .rate_limit_window
            .saturating_sub(now.duration_since(start));
        let reset = util::unix_now()
            .saturating_add(left.as_secs())
            .saturating_add(u64::from(left.subsec_nanos() > 0));
        if client.rate.count >= cfg.rate_limit_cap {
            return json_response(
                StatusCode::FORBIDDEN,
                &json!({
                    "message": "Forbidden (Rate Limited)",
                    "meta": {"rate_limit_amount": client.rate.count,
                             "rate_limit_cap": cfg.rate_limit_cap,
                             "rate_limit_reset": reset}
                }),
            );
        }
        client.rate.count = client.rate.count.saturating_add(1);

        let mut meta = Map::new();
        meta.insert("activity_id".into(), json!(util::new_id()));
        meta.insert("application_mode".into(), json!("test"));
        meta.insert("rate_limit_amount".into(), json!(client.rate.count));
        meta.insert("rate_limit_cap".into(), json!(cfg.rate_limit_cap));
        meta.insert("rate_limit_reset".into(), json!(reset));

        if !policy.scopes.is_empty() && !policy.scopes.iter().any(|s| scopes.contains(*s)) {
            let mut m = meta.clone();
            m.insert("processing_time".into(), json!(0));
            return json_response(
                StatusCode::FORBIDDEN,
                &json!({
                    "meta": m,
                    "data": {"errors": {"scope": [format!(
                        "This API requires the OAuth scope {}.",
                        policy.scopes.join(" or ")
                    )]}}
                }),
            );
        }
        if policy.billable {
            if client.credits <= 0 {
                return bare(StatusCode::PAYMENT_REQUIRED, "Payment Required");
            }
            client.credits -= 1;
            meta.insert("credits_billed".into(), json!(1));
            meta.insert("credits_remaining".into(), json!(client.credits));
        }
        (client_id, meta)
    };

    let (parts, body) = req.into_parts();
    let body = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => {
            let mut meta = meta;
            meta.insert("processing_time".into(), json!(0));
            let size = parts
                .headers
                .get(reqwest::header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok()?.parse().ok())
                .unwrap_or(MAX_BODY + 1);
            return too_large(meta, "request", size, MAX_BODY);
        }
    };
    // Lossy: invalid percent-encoding or UTF-8 never drops the whole query.
    let query: Vec<(String, String)> =
        url::form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let ctx = Ctx {
        shared,
        client_id,
        method: parts.method,
        path,
        query,
        headers: parts.headers,
        body,
        started,
        meta,
    };
    handlers::dispatch(ctx, &segs).await
}
