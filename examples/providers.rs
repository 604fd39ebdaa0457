//! Provider search, page by page: names and NPIs of providers near a ZIP code.
//!
//! ```text
//! cargo run --example providers                 # against the embedded sandbox
//! POKITDOK_CLIENT_ID=... POKITDOK_CLIENT_SECRET=... cargo run --example providers [zipcode] [specialty]
//! ```
//! Without `POKITDOK_CLIENT_ID` the example starts the embedded sandbox (`pokitdok_sandbox`)
//! and runs against it.
//! Defaults: ZIP code 94401, specialty "family". `POKITDOK_BASE_URL` (optional) points it at
//! another platform.

#[path = "support/mod.rs"]
mod support;

use pokitdok::models::data::ProvidersQuery;

const PAGE_SIZE: u32 = 5;
const MAX_PAGES: usize = 3;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (pd, _sandbox) = support::client("providers").await;
    let mut args = std::env::args().skip(1);
    let zipcode = args.next().unwrap_or_else(|| "94401".to_owned());
    let specialty = args.next().unwrap_or_else(|| "family".to_owned());

    let query = ProvidersQuery::default()
        .zipcode(zipcode.as_str())
        .specialty(specialty.as_str())
        .limit(PAGE_SIZE);
    println!("providers near {zipcode}, specialty {specialty:?}, {PAGE_SIZE} per page");

    let mut page = pd.providers(&query).await?;
    let mut shown = 0;
    for number in 1..=MAX_PAGES {
        println!("-- page {number} ({} providers)", page.data.len());
        for result in &page.data {
            let Some(p) = &result.provider else { continue };
            let distance = result
                .distance
                .as_ref()
                .map(|d| {
                    format!(
                        " ({} away)",
                        d.as_str().map_or(d.to_string(), str::to_owned)
                    )
                })
                .unwrap_or_default();
            println!(
                "  {:<40} NPI {}{distance}",
                p.display_name(),
                p.npi.as_deref().unwrap_or("-")
            );
            shown += 1;
        }
        if number == MAX_PAGES {
            break;
        }
        match page.next_page().await? {
            Some(next) if !next.data.is_empty() => page = next,
            _ => break,
        }
    }
    println!("{shown} providers shown");
    Ok(())
}
