//! Scheduling: list schedulers and appointment types, open a slot, book it for a patient,
//! cancel it.
//!
//! ```text
//! cargo run --example scheduling                 # against the embedded sandbox
//! POKITDOK_CLIENT_ID=... POKITDOK_CLIENT_SECRET=... cargo run --example scheduling
//! ```
//! Without `POKITDOK_CLIENT_ID` the example starts the embedded sandbox (`pokitdok_sandbox`)
//! and runs against it.
//! Scheduling must be enabled for the application, and opening, booking and cancelling need
//! the `business_schedule` and `user_schedule` scopes; without them the platform answers 403
//! and the example says so. `POKITDOK_BASE_URL` (optional) points it at another platform;
//! `POKITDOK_PROVIDER_UUID` and `POKITDOK_PATIENT_UUID` (optional) replace the documentation's
//! example provider and patient.

#[path = "support/mod.rs"]
mod support;

use pokitdok::Error;
use pokitdok::models::scheduling::{BookAppointmentRequest, SchedulePatient, SlotRequest};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (pd, _sandbox) =
        support::client_with_scopes("scheduling", &["user_schedule", "business_schedule"]).await;
    let env = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.into());
    let provider = env(
        "POKITDOK_PROVIDER_UUID",
        "b691b7f9-bfa8-486d-a689-214ae47ea6f8",
    );
    let patient_uuid = env(
        "POKITDOK_PATIENT_UUID",
        "500ef469-2767-4901-b705-425e9b6f7f83",
    );

    let schedulers = pd.schedulers().await?;
    println!("{} scheduling systems:", schedulers.data.len());
    for s in &schedulers.data {
        println!(
            "  {} - {}",
            s.name.as_deref().unwrap_or("?"),
            s.description.as_deref().unwrap_or("")
        );
    }

    let types = pd.appointment_types().await?;
    println!("{} appointment types:", types.data.len());
    for t in &types.data {
        println!(
            "  {} {} ({} min)",
            t.appointment_type.as_deref().unwrap_or("?"),
            t.description.as_deref().unwrap_or(""),
            t.duration.map_or_else(|| "?".into(), |d| d.to_string())
        );
    }
    let appointment_type = types
        .data
        .first()
        .and_then(|t| t.appointment_type.clone())
        .unwrap_or_else(|| "OV1".into());

    let slot_req = SlotRequest::new(
        provider,
        [32.788110, -79.932364],
        appointment_type,
        "2030-12-25T15:00:00.000000",
        "2030-12-25T16:00:00.000000",
    );
    let slot = match pd.create_slot(&slot_req).await {
        Ok(r) => r.data,
        Err(e @ Error::Forbidden { .. }) => {
            let scope = e.body().and_then(|b| b.errors()).map(|v| v.to_string());
            eprintln!(
                "opening a slot was refused (403): the token needs the business_schedule scope \
                 ({})",
                scope.unwrap_or_else(|| "no details".into())
            );
            std::process::exit(1);
        }
        Err(e) => return Err(e.into()),
    };
    let Some(slot_id) = slot.id().map(str::to_owned) else {
        eprintln!("the platform returned a slot without an id");
        std::process::exit(1);
    };
    println!("opened slot {slot_id} ({:?})", slot.status);

    let patient = SchedulePatient::new(patient_uuid, "John", "Doe", "1970-01-25")
        .email("john@hondoe.com")
        .phone("800-555-1212");
    let booking = BookAppointmentRequest::new(patient).description("Example booking");
    match pd.book_appointment(&slot_id, &booking).await {
        Ok(r) => println!(
            "booked: status {:?}, {} to {}",
            r.data.status,
            r.data.start_date.as_ref().map_or("?", |t| t.as_str()),
            r.data.end_date.as_ref().map_or("?", |t| t.as_str())
        ),
        Err(e) => {
            eprintln!("booking failed: {e}");
            pd.delete_slot(&slot_id).await?;
            println!("deleted slot {slot_id}");
            return Err(e.into());
        }
    }

    let cancelled = pd.cancel_appointment(&slot_id).await?;
    println!(
        "cancelled appointment {slot_id} (HTTP {})",
        cancelled.status()
    );
    Ok(())
}
