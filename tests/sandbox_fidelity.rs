//! The sandbox behaves like a real test application, through this crate's typed calls:
//! seeded activities (list, get and cancel the first), application scopes, single scheduling
//! resources, and the provider directory answering random last names, ZIP codes and NPIs.
//!
//! Random cases come from a generator seeded per run; the seed is printed, and
//! `FIDELITY_SEED=<seed>` replays a run.

use std::time::Duration;

use futures_util::StreamExt;
use pokitdok::Error;
use pokitdok::models::activities::{ActivitiesQuery, ActivityState};
use pokitdok::models::data::ProvidersQuery;
use pokitdok::models::scheduling::AppointmentsQuery;
use pokitdok_sandbox::{SCOPE_USER_SCHEDULE, Sandbox};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn rng(test: &str) -> (StdRng, u64) {
    let seed = std::env::var("FIDELITY_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| rand::thread_rng().r#gen());
    eprintln!("{test}: FIDELITY_SEED={seed}");
    (StdRng::seed_from_u64(seed), seed)
}

async fn sandbox() -> Sandbox {
    Sandbox::builder()
        .rate_limit_cap(100_000)
        .activity_step(Duration::from_millis(50))
        .start()
        .await
        .expect("sandbox starts")
}

#[tokio::test]
async fn list_get_and_cancel_the_first_activity_of_a_fresh_application() -> TestResult {
    let sandbox = sandbox().await;
    let pd = sandbox.client();
    let page = pd.activities(&ActivitiesQuery::new()).await?;
    assert_eq!(page.meta.result_count, Some(5));
    let first = &page.data[0];
    let id = first.id.clone().expect("an id");
    assert_eq!(first.name.as_deref(), Some("claims"));
    assert_eq!(
        first.state.as_ref().and_then(|s| s.name.clone()),
        Some(ActivityState::Scheduled)
    );
    let got = pd.activity(&id).await?.data;
    assert_eq!(got.id.as_deref(), Some(id.as_str()));
    let canceled = pd.cancel_activity(&id).await?.data;
    assert_eq!(
        canceled.state.and_then(|s| s.name),
        Some(ActivityState::Canceled)
    );
    assert!(matches!(
        pd.cancel_activity(&id).await,
        Err(Error::Validation { .. })
    ));

    // The completed batch's sub-activities.
    let batch = page
        .data
        .iter()
        .find(|a| a.name.as_deref() == Some("batch file"))
        .expect("a seeded batch");
    assert_eq!(
        batch.state.as_ref().and_then(|s| s.name.clone()),
        Some(ActivityState::Completed)
    );
    let children = pd
        .activities(&ActivitiesQuery::new().parent_id(batch.id.clone().unwrap()))
        .await?;
    assert_eq!(children.data.len(), 2);
    assert!(children.data.iter().all(|c| c.parent_id == batch.id));

    // Reset: the seeded history is back, as for a fresh application.
    assert!(sandbox.reset_client(sandbox.client_id()));
    let again = pd.activities(&ActivitiesQuery::new()).await?;
    assert_eq!(again.data[0].id.as_deref(), Some(id.as_str()));
    assert_eq!(
        again.data[0].state.as_ref().and_then(|s| s.name.clone()),
        Some(ActivityState::Scheduled)
    );
    Ok(())
}

#[tokio::test]
async fn an_application_granted_scheduling_needs_no_scope_on_its_token() -> TestResult {
    let granted = Sandbox::builder()
        .granted_scopes([SCOPE_USER_SCHEDULE])
        .start()
        .await?;
    let pd = granted.client(); // no .scopes(...)
    let patient = "500ef469-2767-4901-b705-425e9b6f7f83";
    let page = pd
        .appointments(&AppointmentsQuery::patient(patient))
        .await?;
    assert!(page.data.is_empty());
    assert_eq!(page.meta.credits_billed, Some(1));
    assert_eq!(granted.stats(granted.client_id()).unwrap().tokens_issued, 1);

    let plain = Sandbox::start().await?;
    match plain
        .client()
        .appointments(&AppointmentsQuery::patient(patient))
        .await
    {
        Err(Error::Forbidden { body, .. }) => {
            assert!(body.errors().is_some_and(|e| e.get("scope").is_some()))
        }
        other => panic!("expected Error::Forbidden, got {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn single_scheduler_and_appointment_type_decode_from_the_sandbox() -> TestResult {
    let sandbox = sandbox().await;
    let pd = sandbox.client();
    for t in pd.appointment_types().await?.data {
        let uuid = t.appointment_type_uuid.clone().expect("uuid");
        let one = pd.appointment_type(&uuid).await?.data;
        assert_eq!(one, t);
    }
    for s in pd.schedulers().await?.data {
        let uuid = s.scheduler_uuid.clone().expect("uuid");
        assert_eq!(pd.scheduler(&uuid).await?.data, vec![s]);
    }
    Ok(())
}

fn random_last_name(rng: &mut StdRng) -> String {
    const CONSONANTS: &[u8] = b"bcdfghjklmnprstvwz";
    const VOWELS: &[u8] = b"aeiou";
    (0..rng.gen_range(2..5))
        .flat_map(|_| {
            [
                char::from(CONSONANTS[rng.gen_range(0..CONSONANTS.len())]),
                char::from(VOWELS[rng.gen_range(0..VOWELS.len())]),
            ]
        })
        .collect()
}

fn zip_prefixes() -> Vec<String> {
    pokitdok_sandbox::fixtures::text("zip3_areas.tsv")
        .expect("ZIP areas")
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next().map(str::to_owned))
        .collect()
}

fn npi_ok(npi: &str) -> bool {
    let full = format!("80840{npi}");
    npi.len() == 10
        && full.bytes().all(|b| b.is_ascii_digit())
        && full
            .bytes()
            .rev()
            .enumerate()
            .map(|(i, b)| {
                let d = u32::from(b - b'0') * if i % 2 == 1 { 2 } else { 1 };
                d / 10 + d % 10
            })
            .sum::<u32>()
            % 10
            == 0
}

#[tokio::test]
async fn provider_searches_and_npis_through_the_typed_client() -> TestResult {
    let (mut rng, seed) = rng("typed provider searches");
    let sandbox = sandbox().await;
    let pd = sandbox.client();
    let zips = zip_prefixes();
    for case in 0..4 {
        let last = random_last_name(&mut rng);
        let zip = format!(
            "{}{:02}",
            zips[rng.gen_range(0..zips.len())],
            rng.gen_range(0..100)
        );
        let limit = rng.gen_range(1..=10u32);
        let ctx = format!("seed {seed} case {case}: {last} {zip} limit {limit}");
        let query = ProvidersQuery::default()
            .last_name(last.as_str())
            .zipcode(zip.as_str())
            .radius("25mi")
            .limit(limit);
        let first = pd.providers(&query).await?;
        assert_eq!(first.data.len(), limit as usize, "{ctx}");
        let total = first.meta.result_count.expect("result_count") as usize;
        for r in &first.data {
            let p = r.provider.as_ref().expect("provider");
            assert_eq!(
                p.last_name.as_deref(),
                Some(last.to_uppercase().as_str()),
                "{ctx}"
            );
            assert!(
                npi_ok(p.npi.as_deref().unwrap_or_default()),
                "{ctx}: {:?}",
                p.npi
            );
            assert!(r.distance.is_some(), "{ctx}");
        }
        // Walking every page gives result_count providers, each once.
        let all: Vec<_> = first.clone().stream().collect().await;
        assert_eq!(all.len(), total, "{ctx}");
        let mut npis: Vec<String> = all
            .iter()
            .map(|r| {
                r.as_ref()
                    .expect("a provider")
                    .provider
                    .as_ref()
                    .and_then(|p| p.npi.clone())
                    .expect("npi")
            })
            .collect();
        npis.sort();
        npis.dedup();
        assert_eq!(npis.len(), total, "{ctx}");
        // The same search again: the same providers.
        let again = pd.providers(&query).await?;
        assert_eq!(again.data, first.data, "{ctx}");
        // A shown provider by its NPI.
        let npi = &npis[rng.gen_range(0..npis.len())];
        let one = pd.provider(npi).await?.data;
        assert_eq!(
            one.provider.as_ref().and_then(|p| p.last_name.as_deref()),
            Some(last.to_uppercase().as_str()),
            "{ctx}"
        );
    }

    // Random NPIs: a valid check digit is a provider, a wrong one is not found.
    for _ in 0..6 {
        let nine: String = std::iter::once('1')
            .chain((0..8).map(|_| char::from(b'0' + rng.gen_range(0..10u8))))
            .collect();
        let check = (0..10u8)
            .find(|d| npi_ok(&format!("{nine}{d}")))
            .expect("a check digit");
        let valid = format!("{nine}{check}");
        let p = pd.provider(&valid).await?.data;
        assert_eq!(
            p.provider.and_then(|p| p.npi),
            Some(valid.clone()),
            "seed {seed}"
        );
        let invalid = format!("{nine}{}", (check + 1) % 10);
        assert!(
            matches!(pd.provider(&invalid).await, Err(Error::NotFound { .. })),
            "seed {seed}: {invalid}"
        );
    }
    Ok(())
}
