//! Claim status (276/277) for a MOCKPAYER test patient.
//!
//! ```text
//! cargo run --example claim_status                 # against the embedded sandbox
//! POKITDOK_CLIENT_ID=... POKITDOK_CLIENT_SECRET=... cargo run --example claim_status
//! ```
//! Without `POKITDOK_CLIENT_ID` the example starts the embedded sandbox (`pokitdok_sandbox`)
//! and runs against it.

#[path = "support/mod.rs"]
mod support;

use pokitdok::models::claims::{
    Claim, ClaimRequest, ClaimStatusRequest, ClaimTransactionCode, ServiceLine,
};
use pokitdok::models::{Member, Provider};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (pd, sandbox) = support::client("claim_status").await;

    if sandbox.is_some() {
        // The sandbox only knows the claims submitted to it: submit one to look up.
        let mut subscriber = Member::new("1234567890", "JANE", "DOE", "1970-01-25");
        subscriber.id = None;
        subscriber.member_id = Some("1234567890".into());
        let claim = ClaimRequest::new(
            ClaimTransactionCode::Chargeable,
            "MOCKPAYER",
            Provider::person("1234567893", "Elizabeth", "Blackwell"),
            subscriber,
            Claim::new(
                "60.0",
                vec![ServiceLine::new("99213", "60.0", ["J10.1"], "2014-01-25")],
            ),
        );
        let submitted = pd.claims(&claim).await?;
        println!(
            "sandbox: submitted a demo claim (activity {:?}) to look up",
            submitted.data.id
        );
    }

    let req = ClaimStatusRequest::new(
        "MOCKPAYER",
        Member::new("1234567890", "JANE", "DOE", "1970-01-25"),
        Provider::person("1234567893", "Elizabeth", "Blackwell"),
        "2014-01-25",
    );
    let r = pd.claims_status(&req).await?;
    println!("activity: {:?}", r.meta.activity_id);
    let s = &r.data;
    for p in &s.providers {
        for st in &p.statuses {
            println!(
                "provider status: {:?} {:?}",
                st.status_category_code, st.status_category
            );
        }
    }
    let claims = s
        .patient
        .as_ref()
        .map(|p| p.claims.as_slice())
        .unwrap_or_default();
    println!("{} claim(s) found", claims.len());
    for c in claims {
        let last = c.statuses.first();
        println!(
            "  tracking {:?}: {:?} {:?}, charged {}, paid {}",
            c.tracking_id,
            last.and_then(|s| s.status_category_code.as_deref()),
            last.and_then(|s| s.status_code.as_deref()),
            c.total_claim_amount
                .as_ref()
                .map(|m| m.amount.as_decimal_str().into_owned())
                .unwrap_or_default(),
            c.claim_payment_amount
                .as_ref()
                .map(|m| m.amount.as_decimal_str().into_owned())
                .unwrap_or_default(),
        );
    }
    Ok(())
}
