//! Submit a claim to MOCKPAYER, poll its activity a few times, then cancel it.
//!
//! ```text
//! cargo run --example claims                 # against the embedded sandbox
//! POKITDOK_CLIENT_ID=... POKITDOK_CLIENT_SECRET=... cargo run --example claims
//! ```
//! Without `POKITDOK_CLIENT_ID` the example starts the embedded sandbox (`pokitdok_sandbox`)
//! and runs against it.
//! MOCKPAYER keeps valid claims `scheduled` for about five minutes, so the cancel normally
//! succeeds.

#[path = "support/mod.rs"]
mod support;

use std::time::Duration;

use pokitdok::models::claims::{
    Claim, ClaimAcknowledgement, ClaimRequest, ClaimTransactionCode, ServiceLine,
};
use pokitdok::models::{Address, Member, Provider};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (pd, _sandbox) = support::client("claims").await;

    let mut billing = Provider::person("1234567893", "Elizabeth", "Blackwell");
    billing.taxonomy_code = Some("207Q00000X".into());
    billing.tax_id = Some("123456789".into());
    billing.address = Some(Address::new(
        ["8311 WARREN H ABERNATHY HWY"],
        "SPARTANBURG",
        "SC",
        "29301",
    ));

    let mut subscriber = Member::new("W000000000", "Jane", "Doe", "1970-01-25");
    subscriber.id = None;
    subscriber.member_id = Some("W000000000".into());
    subscriber.gender = Some("female".into());
    subscriber.address = Some(Address::new(
        ["123 N MAIN ST"],
        "SPARTANBURG",
        "SC",
        "29301",
    ));

    let claim = Claim::new(
        "60.0",
        vec![ServiceLine::new("99213", "60.0", ["J10.1"], "2016-01-25")],
    );
    let req = ClaimRequest::new(
        ClaimTransactionCode::Chargeable,
        "MOCKPAYER",
        billing,
        subscriber,
        claim,
    );

    let submitted = pd.claims(&req).await?;
    let Some(id) = submitted.data.id.clone() else {
        return Err("the platform returned no activity id".into());
    };
    println!("claim activity {id}: {:?}", submitted.data.state_name());

    let first_state = submitted.data.state_name().cloned();
    for attempt in 1..=3 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let a = pd.activity(&id).await?.data;
        println!(
            "poll {attempt}: {:?} ({:?})",
            a.state_name(),
            a.tracking_description
        );
        if let Ok(Some(ack)) = a.result_as::<ClaimAcknowledgement>() {
            println!("acknowledged by {:?}", ack.trading_partner_id);
        }
        if a.state_name().cloned() != first_state || a.is_finished() {
            break;
        }
    }

    match pd.cancel_activity(&id).await {
        Ok(a) => println!("after cancel: {:?}", a.data.state_name()),
        Err(e) => println!("could not cancel (already transmitted?): {e}"),
    }
    Ok(())
}
