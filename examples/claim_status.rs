//! Claim status (276/277) for a MOCKPAYER test patient.
//!
//! ```text
//! POKITDOK_CLIENT_ID=... POKITDOK_CLIENT_SECRET=... cargo run --example claim_status
//! ```

use pokitdok::PokitDok;
use pokitdok::models::claims::ClaimStatusRequest;
use pokitdok::models::{Member, Provider};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let pd = match PokitDok::from_env() {
        Ok(pd) => pd,
        Err(e) => {
            eprintln!("claim_status example: {e}");
            eprintln!(
                "Set POKITDOK_CLIENT_ID and POKITDOK_CLIENT_SECRET (and optionally POKITDOK_BASE_URL)."
            );
            std::process::exit(2);
        }
    };

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
