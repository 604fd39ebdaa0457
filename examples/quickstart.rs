//! Quick start: fetch a token, check eligibility, list activities.
//!
//! ```text
//! POKITDOK_CLIENT_ID=... POKITDOK_CLIENT_SECRET=... cargo run --example quickstart
//! ```
//! `POKITDOK_BASE_URL` (optional) points it at another platform.

use pokitdok::{Method, PokitDok};
use serde_json::json;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let pd = match PokitDok::from_env() {
        Ok(pd) => pd,
        Err(e) => {
            eprintln!("pokitdok quickstart: {e}");
            eprintln!(
                "Set POKITDOK_CLIENT_ID and POKITDOK_CLIENT_SECRET (and optionally \
                 POKITDOK_BASE_URL) to your PokitDok application's credentials."
            );
            std::process::exit(2);
        }
    };
    println!("API base: {}", pd.api_base());

    let token = pd.fetch_access_token().await?;
    println!("token: obtained, expires at {:?}", token.expires_at());

    let eligibility = pd
        .post("/eligibility/")
        .json(&json!({
            "member": {"birth_date": "1970-01-25", "first_name": "Jane", "last_name": "Doe",
                       "id": "W000000000"},
            "provider": {"first_name": "JEROME", "last_name": "AYA-AY", "npi": "1467560003"},
            "trading_partner_id": "MOCKPAYER"
        }))
        .send()
        .await?;
    println!(
        "eligibility: activity {:?}, coverage active: {}",
        eligibility.meta.activity_id, eligibility.data["coverage"]["active"]
    );

    let activities = pd.request("/activities/", Method::GET).await?;
    println!(
        "activities: {}",
        activities.data.as_array().map_or(0, Vec::len)
    );
    Ok(())
}
