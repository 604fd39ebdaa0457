//! `POST /referrals/` and `POST /authorizations/` (278 service reviews).

use axum::response::Response;
use serde_json::{Value, json};

use super::activities::answer;
use super::{check_callback, check_partner};
use crate::http::Ctx;
use crate::util::{self, s};

/// `POST /referrals/` and `POST /authorizations/`: the request echoed with a certification.
pub(crate) fn review(ctx: &Ctx, name: &str) -> Response {
    let body = tri!(ctx.body_with(&["trading_partner_id", "event", "patient", "provider"]));
    if !body["event"].is_object() {
        return ctx.invalid(&[("event", "event must be an object.".to_owned())]);
    }
    tri!(check_callback(ctx, &body));
    let partner = tri!(check_partner(ctx, &body, Some("278")));
    let mut result = body.clone();
    if let Value::Object(m) = &mut result {
        for k in ["async", "callback_url", "application_data"] {
            m.remove(k);
        }
    }
    let event = &body["event"];
    let action = if s(event, "certification_type") == Some("cancel") {
        "cancelled"
    } else {
        "certified_in_total"
    };
    let number = format!(
        "AUTH{:06}",
        util::hash_of(&[&ctx.activity_id()]) % 1_000_000
    );
    let mut review = json!({"certification_action": action, "certification_number": number});
    for (from, to) in [
        ("start_date", "event_start_date"),
        ("end_date", "event_end_date"),
    ] {
        if let Some(d) = s(event, from) {
            review[to] = json!(d);
        }
    }
    result["event"]["review"] = review;
    result["client_id"] = json!(ctx.client_id);
    result["correlation_id"] = json!(util::new_uuid());
    result["valid_request"] = json!(true);
    result["payer"] = json!({"id": partner.id, "organization_name": partner.name});
    answer(ctx, name, &body, result)
}
