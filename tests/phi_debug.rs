//! The documented examples, decoded into their typed models, print none of the patient data
//! they hold: every string under a `member`, `subscriber`, `patient`, `dependents` or
//! `identity` block is absent from the model's `Debug` output.

mod common;

use pokitdok::models::activities::Activity;
use pokitdok::models::claims::{ClaimRequest, ClaimStatus, ClaimStatusRequest};
use pokitdok::models::eligibility::{Eligibility, EligibilityRequest};
use pokitdok::models::identity::{CanonicalRecord, IdentityRequest};
use pokitdok::models::scheduling::Appointment;
use pokitdok::models::transactions::{Authorization, EnrollmentRecord, EnrollmentRequest};
use serde::de::DeserializeOwned;
use serde_json::Value;

const PATIENT_BLOCKS: [&str; 6] = [
    "member",
    "subscriber",
    "patient",
    "dependents",
    "identity",
    "members",
];

/// Strings of 3+ characters under patient blocks, except enumeration codes such as `female` or
/// `spouse` (all lowercase ASCII letters and underscores), which are not identifying.
fn patient_strings(v: &Value, inside: bool, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                patient_strings(v, inside || PATIENT_BLOCKS.contains(&k.as_str()), out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| patient_strings(v, inside, out)),
        Value::String(s)
            if inside && s.len() >= 3 && !s.chars().all(|c| c.is_ascii_lowercase() || c == '_') =>
        {
            out.push(s.clone())
        }
        _ => {}
    }
}

/// Checks one fixture; returns how many patient values it checked.
fn check<T: DeserializeOwned + std::fmt::Debug>(fixture: &str) -> usize {
    let json = common::fixture(fixture);
    let mut secrets = Vec::new();
    patient_strings(&json, false, &mut secrets);
    let typed: T = serde_json::from_value(json).unwrap_or_else(|e| panic!("{fixture}: {e}"));
    let shown = format!("{typed:?}");
    for s in &secrets {
        // `Debug` quotes strings: look for the whole value, not a substring of another one.
        let quoted = format!("{s:?}");
        assert!(
            !shown.contains(&quoted),
            "{fixture}: {quoted} appears in {shown}"
        );
    }
    secrets.len()
}

#[test]
fn eligibility_requests_and_responses() {
    let mut n = 0;
    for i in ["", ".2", ".3", ".4", ".5", ".6", ".7", ".8", ".9", ".10"] {
        n += check::<EligibilityRequest>(&format!("eligibility.request{i}.json"));
    }
    for i in ["", ".2", ".3", ".4", ".5", ".6", ".7"] {
        n += check::<Eligibility>(&format!("eligibility.response{i}.json"));
    }
    assert!(n > 50, "only {n} patient values checked");
}

#[test]
fn claims_and_claim_status() {
    let mut n = 0;
    for i in [
        "", ".2", ".3", ".4", ".5", ".6", ".7", ".8", ".9", ".10", ".11",
    ] {
        n += check::<ClaimRequest>(&format!("claims.request{i}.json"));
    }
    for i in ["", ".2", ".3", ".4"] {
        n += check::<ClaimStatusRequest>(&format!("claim_status.request{i}.json"));
    }
    for i in ["", ".2", ".3", ".4", ".5"] {
        n += check::<ClaimStatus>(&format!("claim_status.response{i}.json"));
    }
    n += check::<Activity>("activities.cancel.response.json");
    assert!(n > 50, "only {n} patient values checked");
}

#[test]
fn reviews_enrollment_identity_and_scheduling() {
    let mut n = 0;
    for i in ["", ".2", ".3"] {
        n += check::<Authorization>(&format!("authorizations.response{i}.json"));
    }
    for i in ["", ".2", ".3", ".4", ".5"] {
        n += check::<EnrollmentRequest>(&format!("enrollment.request{i}.json"));
    }
    n += check::<Vec<EnrollmentRecord>>("enrollment_snapshot.data.response.json");
    n += check::<IdentityRequest>("identity.create.request.json");
    n += check::<pokitdok::ApiResponse<CanonicalRecord>>("identity_match.canonical.response.json");
    n += check::<Vec<Appointment>>("scheduling.appointments.get.response.json");
    assert!(n > 50, "only {n} patient values checked");
}
