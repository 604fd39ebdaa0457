//! Quick start: token, eligibility, a claim and its activity, cancelling, claim status and a
//! provider search.
//!
//! ```text
//! cargo run --example quickstart                 # against the embedded sandbox
//! POKITDOK_CLIENT_ID=... POKITDOK_CLIENT_SECRET=... cargo run --example quickstart
//! ```
//! Without `POKITDOK_CLIENT_ID` it starts the embedded sandbox (`pokitdok_sandbox`, available to
//! examples and tests); with it, it talks to `POKITDOK_BASE_URL` (default: the production
//! platform) with the credentials from the environment.

use std::time::Duration;

use pokitdok::PokitDok;
use pokitdok::models::activities::Activity;
use pokitdok::models::claims::{
    Claim, ClaimRequest, ClaimStatusRequest, ClaimTransactionCode, ServiceLine,
};
use pokitdok::models::data::ProvidersQuery;
use pokitdok::models::eligibility::{EligibilityRequest, ServiceType};
use pokitdok::models::{Address, Member, Provider};
use pokitdok_sandbox::Sandbox;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Keep the sandbox alive for the whole run (dropping it stops the server).
    let mut _sandbox = None;
    let pd = if std::env::var_os("POKITDOK_CLIENT_ID").is_some() {
        match PokitDok::from_env() {
            Ok(pd) => pd,
            Err(e) => {
                eprintln!("pokitdok quickstart: {e}");
                eprintln!(
                    "Set POKITDOK_CLIENT_ID and POKITDOK_CLIENT_SECRET (and optionally \
                     POKITDOK_BASE_URL), or unset POKITDOK_CLIENT_ID to use the sandbox."
                );
                std::process::exit(2);
            }
        }
    } else {
        let sandbox = Sandbox::builder()
            .activity_step(Duration::from_millis(500))
            .start()
            .await?;
        println!(
            "sandbox:      {} (POKITDOK_CLIENT_ID is not set)",
            sandbox.url()
        );
        let pd = sandbox.client();
        _sandbox = Some(sandbox);
        pd
    };
    println!("API base:     {}", pd.api_base());

    let token = pd.fetch_access_token().await?;
    println!(
        "token:        obtained, expires in {}s",
        token.expires_in().map_or(0, |d| d.as_secs())
    );

    let member = Member::new("W000000000", "Jane", "Doe", "1970-01-25");
    let eligibility = pd
        .eligibility(
            &EligibilityRequest::new(
                member.clone(),
                Provider::person("1467560003", "JEROME", "AYA-AY"),
                "MOCKPAYER",
            )
            .service_types([ServiceType::HealthBenefitPlanCoverage]),
        )
        .await?;
    let coverage = eligibility.data.coverage.as_ref();
    println!(
        "eligibility:  coverage active: {}, plan {}, credits left {:?}",
        eligibility.data.is_active(),
        coverage
            .and_then(|c| c.plan_number.as_deref())
            .unwrap_or("-"),
        eligibility.meta.credits_remaining
    );

    let mut subscriber = member.clone();
    subscriber.id = None;
    subscriber.member_id = Some("W000000000".into());
    subscriber.gender = Some("female".into());
    subscriber.address = Some(Address::new(
        ["123 N MAIN ST"],
        "SPARTANBURG",
        "SC",
        "29301",
    ));
    let mut billing = Provider::person("1234567893", "Elizabeth", "Blackwell");
    billing.taxonomy_code = Some("207Q00000X".into());
    billing.tax_id = Some("123456789".into());
    billing.address = Some(Address::new(
        ["8311 WARREN H ABERNATHY HWY"],
        "SPARTANBURG",
        "SC",
        "29301",
    ));
    let claim = ClaimRequest::new(
        ClaimTransactionCode::Chargeable,
        "MOCKPAYER",
        billing,
        subscriber,
        Claim::new(
            60.0,
            vec![ServiceLine::new("99213", 60.0, ["J10.1"], "2016-01-25")],
        ),
    );
    let submitted = pd.claims(&claim).await?.data;
    let claim_id = submitted.id.clone().unwrap_or_default();
    println!(
        "claim:        activity {claim_id}, {}",
        state_of(&submitted)
    );

    // Poll the activity a few times (the real MOCKPAYER takes minutes; the sandbox seconds).
    for _ in 0..8 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let activity = pd.activity(&claim_id).await?.data;
        println!("  polled:     {}", state_of(&activity));
        if activity.is_finished() {
            break;
        }
    }

    // A second claim, cancelled while it is still scheduled.
    let second = pd.claims(&claim).await?.data;
    let second_id = second.id.clone().unwrap_or_default();
    let cancelled = pd.cancel_activity(&second_id).await?.data;
    println!(
        "cancel:       activity {second_id}, {}",
        state_of(&cancelled)
    );
    match pd.cancel_activity(&second_id).await {
        Err(pokitdok::Error::Validation { fields, .. }) => println!(
            "cancel again: refused ({})",
            fields.keys().cloned().collect::<Vec<_>>().join(", ")
        ),
        Err(e) => println!("cancel again: {e}"),
        Ok(_) => println!("cancel again: accepted (unexpected)"),
    }

    let status = pd
        .claims_status(&ClaimStatusRequest::new(
            "MOCKPAYER",
            member,
            Provider::person("1234567893", "Elizabeth", "Blackwell"),
            "2016-01-25",
        ))
        .await?;
    for c in status.data.patient.iter().flat_map(|p| p.claims.iter()) {
        println!(
            "claim status: {} -> {}",
            c.tracking_id.as_deref().unwrap_or("-"),
            c.statuses
                .first()
                .and_then(|s| s.status_category.as_deref())
                .unwrap_or("-")
        );
    }

    let query = ProvidersQuery::default()
        .zipcode("29307")
        .specialty("rheumatology")
        .limit(5);
    let providers = pd.providers(&query).await?;
    println!(
        "providers:    {} result(s) near 29307 for rheumatology",
        providers.meta.result_count.unwrap_or(0)
    );
    for p in providers.data.iter().filter_map(|r| r.provider.as_ref()) {
        println!(
            "  {} {} {} (NPI {})",
            p.first_name.as_deref().unwrap_or(""),
            p.last_name.as_deref().unwrap_or(""),
            p.organization_name.as_deref().unwrap_or(""),
            p.npi.as_deref().unwrap_or("-")
        );
    }
    Ok(())
}

fn state_of(activity: &Activity) -> String {
    activity
        .state_name()
        .map_or_else(|| "?".to_owned(), |s| s.to_string())
}
