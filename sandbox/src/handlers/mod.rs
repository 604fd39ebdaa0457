//! Routing of `/api/v4` operations to their handlers, one module per resource.

/// Unwraps a handler step's `Result<_, Response>`, returning the error response early.
macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(resp) => return resp,
        }
    };
}

mod activities;
mod appregistrations;
mod ccd;
mod claim_status;
mod claims;
mod claims_convert;
mod directory;
mod drafts;
mod eligibility;
mod enrollment;
mod files;
mod identity;
mod oop;
mod payments;
mod pharmacy;
mod reviews;
mod scheduling;
mod upload;

use axum::response::Response;

use super::http::Ctx;

/// Expands the route table into `route` (a `match` on the method and the decoded path
/// segments) and `OPERATIONS` (each route's method and path template), so that the list of
/// operations is the router itself. A segment is a literal or a binding (`id`), which becomes
/// `{id}` in the template; `|` separates aliases of one operation.
macro_rules! routes {
    ($c:ident, $method:ident, $segs:ident;
     $( ($m:literal, $([$($seg:tt),*])|+) => $handler:expr, )*) => {
        /// Every operation of the router: method and path template (`/api/v4/activities/{id}`).
        pub(crate) static OPERATIONS: &[crate::Operation] = &[
            $( $( crate::Operation {
                method: $m,
                path: concat!("/api/v4" $(, "/", route_segment!($seg))*),
            }, )+ )*
        ];

        /// The handler's answer, or `None` when no operation matches.
        async fn route($c: &Ctx, $method: &str, $segs: &[&str]) -> Option<Response> {
            Some(match ($method, $segs) {
                $( ($m, $([$($seg),*])|+) => $handler, )*
                _ => return None,
            })
        }
    };
}

/// A path template segment: a literal as is, a binding as `{name}`.
macro_rules! route_segment {
    ($s:literal) => {
        $s
    };
    ($s:ident) => {
        concat!("{", stringify!($s), "}")
    };
}

routes! { c, method, s;
    ("GET", ["activities"]) => activities::list(c),
    ("GET", ["activities", id]) => activities::get(c, id),
    ("PUT", ["activities", id]) => activities::update(c, id),

    ("POST", ["eligibility"]) => eligibility::eligibility(c),
    ("GET", ["eligibility", "constants"]) => eligibility::constants(c),
    ("POST", ["claims"]) => claims::claims(c),
    ("POST", ["claims", "status"]) => claim_status::claim_status(c),
    ("POST", ["claims", "convert"]) => claims_convert::claims_convert(c).await,
    ("POST", ["claims", "validate"]) => drafts::validate_claim(c),
    ("POST", ["claims", "drafts"]) => drafts::create_draft(c),
    ("GET", ["claims", "drafts"]) => drafts::list_drafts(c),
    ("GET", ["claims", "drafts", id]) => drafts::get_draft(c, id),
    ("PUT", ["claims", "drafts", id]) => drafts::update_draft(c, id),
    ("DELETE", ["claims", "drafts", id]) => drafts::delete_draft(c, id),
    ("GET", ["claims", "drafts", id, "validate"]) => drafts::validate_draft(c, id),
    ("POST", ["referrals"]) => reviews::review(c, "referrals"),
    ("POST", ["authorizations"]) => reviews::review(c, "authorizations"),
    ("POST", ["enrollment"]) => enrollment::enrollment(c),
    ("POST", ["enrollment", "snapshot"]) => enrollment::snapshot_upload(c).await,
    ("GET", ["enrollment", "snapshot"]) => enrollment::snapshot_list(c),
    ("GET", ["enrollment", "snapshot", id]) => enrollment::snapshot_get(c, id),
    ("GET", ["enrollment", "snapshot", id, "data"]) => enrollment::snapshot_data(c, id),
    ("POST", ["files"]) => files::files(c).await,
    ("GET", ["payments"]) => payments::payments(c),
    ("GET", ["payments", id]) => payments::payment(c, id),
    ("GET", ["payments", id, "data"]) => payments::payment_data(c, id),

    ("GET", ["tradingpartners"]) => directory::trading_partners(c),
    ("GET", ["tradingpartners", id]) => directory::trading_partner(c, id),
    ("GET", ["payers"]) => directory::payers(c),
    ("GET", ["providers"]) => directory::providers(c),
    ("GET", ["providers", npi]) => directory::provider(c, npi),
    ("GET", ["mpc"]) => directory::mpc_list(c),
    ("GET", ["mpc", code]) => directory::mpc_get(c, code),
    ("GET", ["icd", "convert"]) => directory::icd_convert(c, None),
    ("GET", ["icd", "convert", code]) => directory::icd_convert(c, Some(code)),
    ("GET", ["plans"]) => directory::plans(c),
    ("GET", ["prices", "cash"]) => directory::cash_prices(c),
    ("GET", ["prices", "insurance"]) => directory::insurance_prices(c),
    ("POST", ["ccd"]) => ccd::ccd(c),
    ("GET", ["ssl"]) => directory::ssl(c),

    ("POST", ["oop", "insurance-load-price"]) => oop::load_price(c),
    ("GET", ["oop", "insurance-load-price"]) => oop::list_prices(c),
    ("GET", ["oop", "insurance-load-price", id]) => oop::get_price(c, id),
    ("DELETE", ["oop", "insurance-load-price", id]) => oop::delete_price(c, id),
    ("POST", ["oop", "insurance-estimate"]) => oop::estimate(c),

    ("GET", ["pharmacy", "plans"]) => pharmacy::plans(c),
    ("GET", ["pharmacy", "formulary"]) => pharmacy::formulary(c),
    ("GET", ["pharmacy", "network"]) => pharmacy::network(c, None),
    ("GET", ["pharmacy", "network", npi]) => pharmacy::network(c, Some(npi)),
    ("POST", ["pharmacy", "coverage"]) => pharmacy::coverage(c),
    ("GET", ["pharmacy", "drug", "cost"] | ["pharmacy", "drugcost"]) => pharmacy::drug_cost(c),

    ("GET", ["schedule", "schedulers"]) => scheduling::schedulers(c, None),
    ("GET", ["schedule", "schedulers", id]) => scheduling::schedulers(c, Some(id)),
    ("GET", ["schedule", "appointmenttypes"]) => scheduling::appointment_types(c),
    ("GET", ["schedule", "appointmenttypes", id]) => scheduling::appointment_type(c, id),
    ("POST", ["schedule", "patient"]) => scheduling::patient(c),
    ("POST", ["schedule", "slots"]) => scheduling::create_slot(c),
    ("DELETE", ["schedule", "slots", id]) => scheduling::delete_slot(c, id),
    ("GET", ["schedule", "appointments"]) => scheduling::appointments(c),
    ("GET", ["schedule", "appointments", id]) => scheduling::appointment(c, id),
    ("PUT", ["schedule", "appointments", id]) => scheduling::update_appointment(c, id),
    ("DELETE", ["schedule", "appointments", id]) => scheduling::cancel_appointment(c, id),

    ("POST", ["identity"]) => identity::create(c),
    ("GET", ["identity"]) => identity::search(c),
    ("GET", ["identity", "match_config"]) => identity::match_configs(c),
    ("GET", ["identity", "match_config", id]) => identity::match_config(c, id),
    ("POST", ["identity", "match"]) => identity::duplication_job(c),
    ("POST", ["identity", "match", algorithm]) => identity::match_submit(c, algorithm),
    ("POST", ["identity", "match", algorithm, "find"]) => identity::match_find(c, algorithm),
    ("GET", ["identity", "match", algorithm, "source", source]) => {
        identity::match_source(c, algorithm, source, false)
    },
    ("GET", ["identity", "match", algorithm, "source", source, "canonical"]) => {
        identity::match_source(c, algorithm, source, true)
    },
    ("GET", ["identity", "match", algorithm, canonical]) => {
        identity::match_canonical(c, algorithm, canonical, false)
    },
    ("GET", ["identity", "match", algorithm, canonical, "sources"]) => {
        identity::match_canonical(c, algorithm, canonical, true)
    },
    ("POST", ["identity", "proof", "valid"]) => identity::proof_valid(c),
    ("POST", ["identity", "proof", "questions", "generate"]) => identity::proof_generate(c),
    ("POST", ["identity", "proof", "questions", "score"]) => identity::proof_score(c),
    ("GET", ["identity", "proof", "report"]) => identity::proof_report(c),
    ("GET", ["identity", id]) => identity::get(c, id),
    ("PUT", ["identity", id]) => identity::update(c, id),
    ("GET", ["identity", id, "history"]) => identity::history(c, id, None),
    ("GET", ["identity", id, "history", version]) => identity::history(c, id, Some(version)),

    ("GET", ["appregistrations"]) => appregistrations::list_registrations(c),
    ("POST", ["appregistrations"]) => appregistrations::create_registration(c),
    ("GET", ["appregistrations", id]) => appregistrations::get_registration(c, id),
    ("PUT", ["appregistrations", id]) => appregistrations::update_registration(c, id),
    ("DELETE", ["appregistrations", id]) => appregistrations::delete_registration(c, id),
    ("POST", ["appregistrations", id, "undelete"]) => {
        appregistrations::undelete_registration(c, id)
    },
}

/// Dispatches on the method and the decoded path segments (trailing slashes ignored, so both
/// `/providers/` and `/providers` work, as the official clients used either).
pub(crate) async fn dispatch(ctx: Ctx, segs: &[String]) -> Response {
    let s: Vec<&str> = segs.iter().map(String::as_str).collect();
    let c = &ctx;
    if let Some(resp) = route(c, c.method.as_str(), &s).await {
        return resp;
    }
    // Unknown operation: not billed.
    c.shared.with_client(&c.client_id, |cl| {
        if c.meta.contains_key("credits_billed") {
            cl.credits = cl.credits.saturating_add(1);
        }
    });
    c.not_found()
}

/// Validates a `callback_url` (loopback only) and the trading partner of an X12 request.
pub(crate) fn check_callback(ctx: &Ctx, body: &serde_json::Value) -> Result<(), Response> {
    if let Some(url) = body.get("callback_url").filter(|v| !v.is_null()) {
        let ok = url.as_str().is_some_and(super::activity::callback_allowed);
        if !ok {
            return Err(ctx.invalid(&[(
                "callback_url",
                "The sandbox only calls back loopback URLs (http(s)://127.0.0.1, localhost or [::1])."
                    .to_owned(),
            )]));
        }
    }
    Ok(())
}

/// The trading partner named by `trading_partner_id`, which must support `transaction`
/// (an X12 set like `"270"`); a 422 otherwise.
pub(crate) fn check_partner(
    ctx: &Ctx,
    body: &serde_json::Value,
    transaction: Option<&str>,
) -> Result<&'static super::data::Partner, Response> {
    let id = super::util::s(body, "trading_partner_id").unwrap_or_default();
    let Some(p) = super::data::partner(id) else {
        return Err(ctx.invalid(&[(
            "trading_partner_id",
            format!("Unable to find configuration for trading_partner_id: {id}"),
        )]));
    };
    if let Some(t) = transaction
        && !p.transactions.contains(&t)
    {
        return Err(ctx.invalid(&[(
            "trading_partner_id",
            format!("Trading partner {id} does not support transaction set {t}."),
        )]));
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::OPERATIONS;

    #[test]
    fn the_operation_list_is_the_router() {
        let mut seen = std::collections::HashSet::new();
        for op in OPERATIONS {
            assert!(
                matches!(op.method, "GET" | "POST" | "PUT" | "DELETE"),
                "{op:?}"
            );
            assert!(op.path.starts_with("/api/v4/"), "{op:?}");
            assert!(!op.path.ends_with('/'), "{op:?}");
            assert!(seen.insert((op.method, op.path)), "listed twice: {op:?}");
        }
        assert!(seen.contains(&("GET", "/api/v4/identity/{id}/history/{version}")));
        assert!(seen.contains(&("GET", "/api/v4/pharmacy/drug/cost")));
        assert!(seen.contains(&("GET", "/api/v4/pharmacy/drugcost")));
        assert!(OPERATIONS.len() > 80, "{}", OPERATIONS.len());
    }
}
