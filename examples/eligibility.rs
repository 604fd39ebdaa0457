//! Eligibility check with the typed API: MOCKPAYER test member, benefits summary.
//!
//! ```text
//! cargo run --example eligibility                 # against the embedded sandbox
//! POKITDOK_CLIENT_ID=... POKITDOK_CLIENT_SECRET=... cargo run --example eligibility
//! ```
//! Without `POKITDOK_CLIENT_ID` the example starts the embedded sandbox (`pokitdok_sandbox`)
//! and runs against it.

#[path = "support/mod.rs"]
mod support;

use pokitdok::models::eligibility::{EligibilityRequest, ServiceType, X12ErrorData};
use pokitdok::models::{Member, Provider};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (pd, _sandbox) = support::client("eligibility").await;

    // The documented MOCKPAYER test member.
    let req = EligibilityRequest::new(
        Member::new("W000000000", "Jane", "Doe", "1970-01-25"),
        Provider::person("1467560003", "JEROME", "AYA-AY"),
        "MOCKPAYER",
    )
    .service_types([ServiceType::HealthBenefitPlanCoverage]);

    let r = match pd.eligibility(&req).await {
        Ok(r) => r,
        Err(e) => {
            if let Some(ack) = X12ErrorData::from_error(&e).and_then(|d| d.errors.parsing) {
                eprintln!(
                    "the trading partner rejected the 270: {:?}",
                    ack.transaction_set_syntax_errors
                );
            }
            return Err(e.into());
        }
    };
    let e = &r.data;
    println!("activity: {:?}", r.meta.activity_id);
    println!("valid request: {:?}", e.valid_request);
    if let Some(reason) = &e.reject_reason {
        println!(
            "reject reason: {reason} (follow up: {:?})",
            e.follow_up_action
        );
    }
    if let Some(cov) = &e.coverage {
        println!(
            "coverage active: {:?}, plan: {:?}",
            cov.active, cov.plan_description
        );
        for d in &cov.deductibles {
            println!(
                "  deductible {:?} {:?} {:?}: {}",
                d.coverage_level.as_ref().map(|c| c.as_str()),
                d.in_plan_network.as_ref().map(|c| c.as_str()),
                d.time_period.as_ref().map(|c| c.as_str()),
                d.benefit_amount
                    .as_ref()
                    .map(|m| m.amount.as_decimal_str().into_owned())
                    .unwrap_or_default()
            );
        }
        for c in &cov.copay {
            println!(
                "  copay {:?}: {}",
                c.service_types
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>(),
                c.copayment
                    .as_ref()
                    .map(|m| m.amount.as_decimal_str().into_owned())
                    .unwrap_or_default()
            );
        }
    }
    Ok(())
}
