//! The history a fresh test application starts with: a few activities, the same for a given
//! client id on every run (ids and uuids are derived from it), present from its first call
//! and again after [`Sandbox::reset_client`](crate::Sandbox::reset_client).
//!
//! Oldest first (the listing shows them newest first):
//!
//! 1. a completed batch file (`name: "batch file"`) with two completed sub-activities (an
//!    eligibility and a claim, listed under `GET /activities/?parent_id={batch id}`), stored
//!    before their parent as `POST /files/` does;
//! 2. a completed real-time eligibility request (the documented example and its answer);
//! 3. a claim still `scheduled`, which can be cancelled (the documented claim, for a member
//!    id of its own, `S` and eight digits, and a date of service of 2016-05-20). It is the newest, so it is the first
//!    of `GET /activities/`. It never advances by itself (no lifecycle runs for it), so a
//!    suite that lists activities and then cancels the first one is not flaky.

use serde_json::{Value, json};

use crate::activity::{Activity, BATCH, CLAIM, Outcome, SYNC};
use crate::data;
use crate::util;

/// How many activities a fresh application has.
#[cfg(test)]
pub(crate) const SEEDED: usize = 5;

/// A seeded activity: ids and uuid from the client id and `key`, timestamps fixed in the
/// past (`day`, one minute per state).
#[allow(clippy::too_many_arguments)]
fn seeded(
    client_id: &str,
    key: &str,
    day: &str,
    name: &str,
    parameters: Value,
    plan: &'static [crate::activity::Stage],
    stage: usize,
    outcome: Outcome,
) -> Activity {
    let tp = util::s(&parameters, "trading_partner_id")
        .unwrap_or("MOCKPAYER")
        .to_owned();
    let mut a = Activity::new(
        util::derived_id(&["seed activity", client_id, key]),
        name,
        &tp,
        parameters,
        plan,
        stage,
        outcome,
    );
    a.uuid = util::derived_uuid(&["seed activity uuid", client_id, key]);
    let at = |minute: usize| format!("{day}T10:{minute:02}:00.000000");
    for (minute, h) in a.history.iter_mut().enumerate() {
        h["record_dt"] = json!(at(minute));
    }
    a.created = at(0);
    a.updated = at(a.history.len().saturating_sub(1));
    a
}

/// The seeded activities of `client_id`, oldest first.
pub(crate) fn activities(client_id: &str) -> Vec<Activity> {
    let batch_id = util::derived_id(&["seed activity", client_id, "batch"]);
    let mut out = Vec::new();
    for (key, name, set) in [
        ("batch-270", "eligibility", "270"),
        ("batch-837", "claims", "837"),
    ] {
        let mut child = seeded(
            client_id,
            key,
            "2016-05-23",
            name,
            json!({"trading_partner_id": "MOCKPAYER", "transaction_set": set}),
            SYNC,
            SYNC.len() - 1,
            Outcome::Ready(json!({"transaction_set": set, "status": "accepted"})),
        );
        child.parent_id = Some(batch_id.clone());
        out.push(child);
    }
    out.push(seeded(
        client_id,
        "batch",
        "2016-05-23",
        "batch file",
        json!({"trading_partner_id": "MOCKPAYER"}),
        BATCH,
        BATCH.len() - 1,
        Outcome::Ready(json!({"transactions": 2})),
    ));
    out.push(seeded(
        client_id,
        "eligibility",
        "2016-05-24",
        "eligibility",
        data::fixture("eligibility.request.json"),
        SYNC,
        SYNC.len() - 1,
        Outcome::Ready(data::fixture_data("eligibility.response.json")),
    ));
    // The documented claim, for a member of its own (derived from the client id) and an
    // older date of service, so that claim status searches for the documented member find
    // only the claims a test submits. Stage 1 of CLAIM is `scheduled`: cancellable, and no
    // lifecycle is started for it.
    let mut claim = data::fixture("claims.request.json");
    let member = util::hash_of(&["seed member", client_id]) % 100_000_000;
    claim["subscriber"]["member_id"] = json!(format!("S{member:08}"));
    if let Some(lines) = claim["claim"]["service_lines"].as_array_mut() {
        for line in lines {
            line["service_date"] = json!("2016-05-20");
        }
    }
    out.push(seeded(
        client_id,
        "claim",
        "2016-05-25",
        "claims",
        claim,
        CLAIM,
        1,
        Outcome::Claim,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_activities_are_deterministic_per_client() {
        let a = activities("app-one");
        let b = activities("app-one");
        let c = activities("app-two");
        assert_eq!(a.len(), SEEDED);
        let ids = |v: &[Activity]| v.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&a), ids(&b));
        assert!(ids(&a).iter().all(|id| !ids(&c).contains(id)));
        assert_eq!(
            a.iter().map(|x| x.to_json()).collect::<Vec<_>>(),
            b.iter().map(|x| x.to_json()).collect::<Vec<_>>()
        );
        // The newest (first listed) is a claim that can be cancelled.
        let newest = a.last().expect("seeded");
        assert_eq!(newest.name, "claims");
        assert_eq!(newest.state_name(), "scheduled");
        // A completed batch with two sub-activities.
        let batch = a.iter().find(|x| x.name == "batch file").expect("batch");
        assert_eq!(batch.state_name(), "completed");
        let children = a
            .iter()
            .filter(|x| x.parent_id.as_deref() == Some(batch.id.as_str()))
            .count();
        assert_eq!(children, 2);
        assert!(a.iter().all(|x| x.id.len() == 24));
    }
}
