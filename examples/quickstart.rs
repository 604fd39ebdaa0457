//! Quick start: token, eligibility, a claim and its activity, cancelling, claim status and a
//! provider search.
//!
//! ```text
//! cargo run --example quickstart                 # against the embedded sandbox
//! POKITDOK_CLIENT_ID=... POKITDOK_CLIENT_SECRET=... cargo run --example quickstart
//! ```
//! Without `POKITDOK_CLIENT_ID` it starts the embedded sandbox (`pokitdok::sandbox`, available to
//! examples and tests); with it, it talks to `POKITDOK_BASE_URL` (default: the production
//! platform) with the credentials from the environment.

use std::time::Duration;

use pokitdok::PokitDok;
use pokitdok::sandbox::Sandbox;
use serde_json::{Value, json};

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

    let member = json!({"birth_date": "1970-01-25", "first_name": "Jane", "last_name": "Doe",
                        "id": "W000000000"});
    let eligibility = pd
        .post("/eligibility/")
        .json(&json!({
            "member": member,
            "provider": {"first_name": "JEROME", "last_name": "AYA-AY", "npi": "1467560003"},
            "service_types": ["health_benefit_plan_coverage"],
            "trading_partner_id": "MOCKPAYER"
        }))
        .send()
        .await?;
    println!(
        "eligibility:  coverage active: {}, plan {}, credits left {:?}",
        eligibility.data["coverage"]["active"],
        eligibility.data["coverage"]["plan_number"]
            .as_str()
            .unwrap_or("-"),
        eligibility.meta.credits_remaining
    );

    let claim = json!({
        "transaction_code": "chargeable",
        "trading_partner_id": "MOCKPAYER",
        "billing_provider": {
            "taxonomy_code": "207Q00000X", "first_name": "Elizabeth", "last_name": "Blackwell",
            "npi": "1234567893", "tax_id": "123456789",
            "address": {"address_lines": ["8311 WARREN H ABERNATHY HWY"], "city": "SPARTANBURG",
                        "state": "SC", "zipcode": "29301"}
        },
        "subscriber": {
            "first_name": "Jane", "last_name": "Doe", "member_id": "W000000000",
            "birth_date": "1970-01-25", "gender": "female",
            "address": {"address_lines": ["123 N MAIN ST"], "city": "SPARTANBURG", "state": "SC",
                        "zipcode": "29301"}
        },
        "claim": {
            "place_of_service": "office", "total_charge_amount": 60.0,
            "service_lines": [{"procedure_code": "99213", "charge_amount": 60.0,
                               "unit_count": 1.0, "diagnosis_codes": ["J10.1"],
                               "service_date": "2016-01-25"}]
        }
    });
    let submitted = pd.post("/claims/").json(&claim).send().await?;
    let claim_id = id_of(&submitted.data);
    println!(
        "claim:        activity {claim_id}, {}",
        state_of(&submitted.data)
    );

    // Poll the activity a few times (the real MOCKPAYER takes minutes; the sandbox seconds).
    for _ in 0..8 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let activity = pd.get(format!("/activities/{claim_id}")).send().await?;
        println!("  polled:     {}", state_of(&activity.data));
        if activity.data["state"]["name"] == "completed" {
            let status = &activity.data["result"]["patient"]["claim_level_info"]["statuses"][0];
            println!(
                "  result:     {}",
                status["status_category"].as_str().unwrap_or("-")
            );
            break;
        }
    }

    // A second claim, cancelled while it is still scheduled.
    let second = pd.post("/claims/").json(&claim).send().await?;
    let second_id = id_of(&second.data);
    let cancel = json!({"transition": "cancel"});
    let cancelled = pd
        .put(format!("/activities/{second_id}"))
        .json(&cancel)
        .send()
        .await?;
    println!(
        "cancel:       activity {second_id}, {}",
        state_of(&cancelled.data)
    );
    match pd
        .put(format!("/activities/{second_id}"))
        .json(&cancel)
        .send()
        .await
    {
        Err(pokitdok::Error::Validation { fields, .. }) => {
            println!(
                "cancel again: refused ({})",
                fields.keys().cloned().collect::<Vec<_>>().join(", ")
            )
        }
        Err(e) => println!("cancel again: {e}"),
        Ok(_) => println!("cancel again: accepted (unexpected)"),
    }

    let status = pd
        .post("/claims/status")
        .json(&json!({
            "patient": member,
            "provider": {"first_name": "Elizabeth", "last_name": "Blackwell", "npi": "1234567893"},
            "service_date": "2016-01-25",
            "trading_partner_id": "MOCKPAYER"
        }))
        .send()
        .await?;
    for c in status.data["patient"]["claims"]
        .as_array()
        .into_iter()
        .flatten()
    {
        println!(
            "claim status: {} -> {}",
            c["tracking_id"].as_str().unwrap_or("-"),
            c["statuses"][0]["status_category"].as_str().unwrap_or("-")
        );
    }

    let providers = pd
        .get("/providers/")
        .query(&[
            ("zipcode", "29307"),
            ("specialty", "rheumatology"),
            ("limit", "5"),
        ])
        .send()
        .await?;
    println!(
        "providers:    {} result(s) near 29307 for rheumatology",
        providers.meta.result_count.unwrap_or(0)
    );
    for p in providers.data.as_array().into_iter().flatten() {
        let p = &p["provider"];
        println!(
            "  {} {} {} (NPI {})",
            p["first_name"].as_str().unwrap_or(""),
            p["last_name"].as_str().unwrap_or(""),
            p["organization_name"].as_str().unwrap_or(""),
            p["npi"].as_str().unwrap_or("-")
        );
    }
    Ok(())
}

fn id_of(activity: &Value) -> String {
    activity["id"].as_str().unwrap_or_default().to_owned()
}

fn state_of(activity: &Value) -> String {
    activity["state"]["name"].as_str().unwrap_or("?").to_owned()
}
