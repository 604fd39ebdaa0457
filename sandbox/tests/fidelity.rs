//! A fresh application behaves like a real test application, driven with plain HTTP as another
//! language's client would: seeded activities (list, get, cancel the first; a batch with
//! sub-activities; reset), application scopes, single scheduling resources as one-element
//! lists, and the provider directory answering random last names, ZIP codes, radii and NPIs.
//!
//! The random cases come from a generator seeded per run; the seed is printed, and
//! `FIDELITY_SEED=<seed>` replays a run.

use std::collections::BTreeSet;
use std::time::Duration;

use pokitdok_sandbox::Sandbox;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A generator for this run, its seed printed (and taken from `FIDELITY_SEED` when set).
fn rng(test: &str) -> (StdRng, u64) {
    let seed = std::env::var("FIDELITY_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| rand::thread_rng().r#gen());
    eprintln!("{test}: FIDELITY_SEED={seed}");
    (StdRng::seed_from_u64(seed), seed)
}

struct Api {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Api {
    /// A client-credentials token for `id`/`secret` (no scope asked for), and the token
    /// answer.
    async fn connect(sandbox: &Sandbox, id: &str, secret: &str) -> (Api, Value) {
        let http = reqwest::Client::new();
        let token: Value = http
            .post(format!("{}/oauth2/token", sandbox.url()))
            .basic_auth(id, Some(secret))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await
            .expect("token answer")
            .json()
            .await
            .expect("token JSON");
        let api = Api {
            http,
            base: sandbox.api_base(),
            token: token["access_token"].as_str().expect("token").to_owned(),
        };
        (api, token)
    }

    async fn primary(sandbox: &Sandbox) -> Api {
        Api::connect(sandbox, sandbox.client_id(), sandbox.client_secret())
            .await
            .0
    }

    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let url = format!("{}{path}", self.base);
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self.http.request(method, url).bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("an answer");
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        self.call("GET", path, None).await
    }
}

async fn sandbox() -> Sandbox {
    Sandbox::builder()
        .rate_limit_cap(100_000)
        .activity_step(Duration::from_millis(50))
        .start()
        .await
        .expect("sandbox starts")
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|a| a["id"].as_str().expect("id").to_owned())
        .collect()
}

#[tokio::test]
async fn a_fresh_application_lists_gets_and_cancels_its_first_activity() -> TestResult {
    let sandbox = sandbox().await;
    let api = Api::primary(&sandbox).await;

    let (status, list) = api.get("/activities/").await;
    assert_eq!(status, 200);
    let data = &list["data"];
    assert_eq!(list["meta"]["result_count"], 5);
    let first = &data[0];
    assert_eq!(first["name"], "claims");
    assert_eq!(first["state"]["name"], "scheduled");
    assert_eq!(first["remaining_transitions"][0], "transmit");
    let first_id = first["id"].as_str().expect("id").to_owned();
    assert_eq!(first_id.len(), 24);

    let (status, got) = api.get(&format!("/activities/{first_id}")).await;
    assert_eq!(status, 200);
    assert_eq!(got["data"]["id"], first_id.as_str());
    assert_eq!(got["data"]["parameters"]["trading_partner_id"], "MOCKPAYER");

    // The seeded claim stays scheduled: it does not advance by itself.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (_, still) = api.get(&format!("/activities/{first_id}")).await;
    assert_eq!(still["data"]["state"]["name"], "scheduled");

    let (status, canceled) = api
        .call(
            "PUT",
            &format!("/activities/{first_id}"),
            Some(json!({"transition": "cancel"})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(canceled["data"]["state"]["name"], "canceled");
    assert_eq!(canceled["data"]["remaining_transitions"], json!([]));
    let (status, again) = api
        .call(
            "PUT",
            &format!("/activities/{first_id}"),
            Some(json!({"transition": "cancel"})),
        )
        .await;
    assert_eq!(status, 422);
    assert!(again["data"]["errors"]["validation"]["transition"].is_array());

    // A completed eligibility and a completed batch whose sub-activities are reachable with
    // parent_id.
    let names: Vec<&str> = data
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "claims",
            "eligibility",
            "batch file",
            "claims",
            "eligibility"
        ]
    );
    assert_eq!(data[1]["state"]["name"], "completed");
    assert!(data[1]["result"]["coverage"].is_object());
    let batch = &data[2];
    assert_eq!(batch["state"]["name"], "completed");
    let batch_id = batch["id"].as_str().unwrap();
    let (status, children) = api.get(&format!("/activities/?parent_id={batch_id}")).await;
    assert_eq!(status, 200);
    let children = children["data"].as_array().unwrap().clone();
    assert_eq!(children.len(), 2);
    for c in &children {
        assert_eq!(c["parent_id"], batch_id);
        assert_eq!(c["state"]["name"], "completed");
    }
    Ok(())
}

#[tokio::test]
async fn seeded_activities_are_deterministic_per_client_id_and_come_back_on_reset() -> TestResult {
    let (mut rng, seed) = rng("seeded activities");
    let id = format!("app-{}", rng.r#gen::<u32>());
    let start = || {
        Sandbox::builder()
            .client_id(id.clone())
            .client_secret("secret")
            .client("other-app", "other-secret")
            .start()
    };
    let one = start().await?;
    let two = start().await?;
    let (a, b) = (Api::primary(&one).await, Api::primary(&two).await);
    let (_, list_a) = a.get("/activities/").await;
    let (_, list_b) = b.get("/activities/").await;
    assert_eq!(list_a["data"], list_b["data"], "seed {seed}");
    let (other, _) = Api::connect(&one, "other-app", "other-secret").await;
    let (_, list_other) = other.get("/activities/").await;
    let mine: BTreeSet<String> = ids(&list_a["data"]).into_iter().collect();
    assert!(
        ids(&list_other["data"]).iter().all(|i| !mine.contains(i)),
        "seed {seed}"
    );

    // Change things, then reset: the seeded history is back, the rest is gone.
    let first = ids(&list_a["data"])[0].clone();
    a.call(
        "PUT",
        &format!("/activities/{first}"),
        Some(json!({"transition": "cancel"})),
    )
    .await;
    let (status, _) = a
        .call(
            "POST",
            "/eligibility/",
            pokitdok_sandbox::fixtures::json("eligibility.request.json"),
        )
        .await;
    assert_eq!(status, 200);
    let (_, changed) = a.get("/activities/").await;
    assert_eq!(changed["meta"]["result_count"], 6);
    assert!(one.reset_client(&id));
    assert!(!one.reset_client("nobody"));
    let (_, after) = a.get("/activities/").await;
    assert_eq!(after["data"], list_a["data"], "seed {seed}");
    assert_eq!(one.stats(&id).map(|s| s.activities), Some(5));
    Ok(())
}

#[tokio::test]
async fn application_scopes_let_client_credentials_tokens_schedule() -> TestResult {
    let sandbox = Sandbox::builder()
        .granted_scopes(["user_schedule"])
        .client_with_scopes("business-app", "business-secret", ["business_schedule"])
        .client("plain-app", "plain-secret")
        .start()
        .await?;
    let slot = pokitdok_sandbox::fixtures::json("scheduling.slots.create.request.json");

    // The primary application is granted user_schedule: no scope asked for, none needed.
    let (user, token) = Api::connect(&sandbox, sandbox.client_id(), sandbox.client_secret()).await;
    assert_eq!(token["scope"], "user_schedule");
    let (status, body) = user.get("/schedule/appointments/").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["meta"]["credits_billed"], 1);
    // ... but not business_schedule.
    let (status, body) = user.call("POST", "/schedule/slots/", slot.clone()).await;
    assert_eq!(status, 403);
    assert!(body["data"]["errors"]["scope"].is_array(), "{body}");

    let (business, token) = Api::connect(&sandbox, "business-app", "business-secret").await;
    assert_eq!(token["scope"], "business_schedule");
    let (status, body) = business.call("POST", "/schedule/slots/", slot).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["status"], "open");

    // An application without scopes: 403 with data.errors.scope, as before, unbilled.
    let (plain, token) = Api::connect(&sandbox, "plain-app", "plain-secret").await;
    assert!(token.get("scope").is_none(), "{token}");
    let (status, body) = plain.get("/schedule/appointments/").await;
    assert_eq!(status, 403);
    assert!(body["data"]["errors"]["scope"][0].is_string(), "{body}");
    assert!(body["meta"].get("credits_billed").is_none(), "{body}");

    // Unknown scope names are refused when starting.
    let err = Sandbox::builder()
        .granted_scopes(["user_schedule", "nope"])
        .start()
        .await
        .expect_err("an unknown scope");
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    assert!(err.to_string().contains("nope"));
    Ok(())
}

#[tokio::test]
async fn single_scheduling_resources_are_one_element_lists() -> TestResult {
    let sandbox = sandbox().await;
    let api = Api::primary(&sandbox).await;
    for (list, key) in [
        ("schedulers", "scheduler_uuid"),
        ("appointmenttypes", "appointment_type_uuid"),
    ] {
        let (status, all) = api.get(&format!("/schedule/{list}/")).await;
        assert_eq!(status, 200);
        for item in all["data"].as_array().unwrap() {
            let uuid = item[key].as_str().unwrap();
            let (status, one) = api.get(&format!("/schedule/{list}/{uuid}")).await;
            assert_eq!(status, 200);
            assert_eq!(one["data"], json!([item]), "{list}/{uuid}");
        }
        let (status, _) = api
            .get(&format!(
                "/schedule/{list}/00000000-0000-4000-8000-000000000000"
            ))
            .await;
        assert_eq!(status, 404);
    }
    Ok(())
}

/// The NPI check digit, computed here independently of the sandbox: Luhn over `80840` and
/// the first nine digits.
fn luhn_npi_ok(npi: &str) -> bool {
    if npi.len() != 10 || !npi.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let full = format!("80840{npi}");
    let sum: u32 = full
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                x / 10 + x % 10
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A random NPI with a valid (or, with `valid: false`, a wrong) check digit.
fn random_npi(rng: &mut StdRng, valid: bool) -> String {
    let nine: String = std::iter::once(if rng.gen_bool(0.5) { '1' } else { '2' })
        .chain((0..8).map(|_| char::from(b'0' + rng.gen_range(0..10u8))))
        .collect();
    let check = (0..10)
        .find(|d| luhn_npi_ok(&format!("{nine}{d}")))
        .expect("one digit fits");
    let digit = if valid {
        check
    } else {
        (check + rng.gen_range(1..10)) % 10
    };
    format!("{nine}{digit}")
}

/// The 3-digit ZIP areas the sandbox knows: (prefix, latitude, longitude, state).
fn areas() -> Vec<(String, f64, f64, String)> {
    pokitdok_sandbox::fixtures::text("zip3_areas.tsv")
        .expect("the ZIP area table")
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (
                f[0].to_owned(),
                f[1].parse().unwrap(),
                f[2].parse().unwrap(),
                f[3].to_owned(),
            )
        })
        .collect()
}

fn miles(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, la2) = (a.0.to_radians(), b.0.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((b.1 - a.1).to_radians() / 2.0).sin().powi(2);
    2.0 * 3958.8 * h.sqrt().asin()
}

fn random_last_name(rng: &mut StdRng) -> String {
    const CONSONANTS: &[u8] = b"bcdfghjklmnprstvwz";
    const VOWELS: &[u8] = b"aeiou";
    let syllables = rng.gen_range(2..5);
    let mut name = String::new();
    for _ in 0..syllables {
        name.push(char::from(CONSONANTS[rng.gen_range(0..CONSONANTS.len())]));
        name.push(char::from(VOWELS[rng.gen_range(0..VOWELS.len())]));
    }
    // Mixed case, as users type it: the match is case-insensitive.
    let mut c = name.chars();
    let first = c.next().unwrap().to_ascii_uppercase();
    std::iter::once(first).chain(c).collect()
}

#[tokio::test]
async fn provider_searches_answer_random_names_zip_codes_and_radii() -> TestResult {
    let (mut rng, seed) = rng("provider searches");
    let sandbox = sandbox().await;
    let api = Api::primary(&sandbox).await;
    let areas = areas();
    const SPECIALTIES: &[&str] = &[
        "cardio",
        "pediatric",
        "family medicine",
        "dermatology",
        "rheum",
    ];
    for case in 0..6 {
        let last = random_last_name(&mut rng);
        let (zip3, lat, lon, _) = areas[rng.gen_range(0..areas.len())].clone();
        let zip = format!("{zip3}{:02}", rng.gen_range(0..100));
        let radius = rng.gen_range(1..60);
        let specialty = SPECIALTIES[rng.gen_range(0..SPECIALTIES.len())];
        let limit = rng.gen_range(1..=25);
        let ctx =
            format!("seed {seed} case {case}: {last} {zip} {radius}mi {specialty} limit {limit}");
        let query = format!(
            "last_name={last}&zipcode={zip}&radius={radius}mi&specialty={}",
            specialty.replace(' ', "%20")
        );
        let (status, page) = api.get(&format!("/providers/?{query}&limit={limit}")).await;
        assert_eq!(status, 200, "{ctx}: {page}");
        let total = page["meta"]["result_count"].as_u64().expect("result_count") as usize;
        let data = page["data"].as_array().expect("a list").clone();
        assert!(total >= 25, "{ctx}: {total}");
        assert_eq!(data.len(), limit.min(total), "{ctx}");
        // A next page only when this one did not reach the last result (`limit` may equal
        // `result_count`: then there is none).
        let next = page["meta"]["next"].as_str();
        if limit < total {
            assert!(
                next.is_some_and(|n| n.contains(&format!("offset={limit}"))),
                "{ctx}: {}",
                page["meta"]
            );
        } else {
            assert!(next.is_none(), "{ctx}: {}", page["meta"]);
        }
        assert!(page["meta"].get("previous").is_none(), "{ctx}");
        let mut last_distance = 0.0;
        for item in &data {
            let p = &item["provider"];
            assert_eq!(p["last_name"], last.to_uppercase(), "{ctx}: {p}");
            assert_eq!(p["entity_type"], "individual", "{ctx}");
            let npi = p["npi"].as_str().unwrap_or_default();
            assert!(luhn_npi_ok(npi), "{ctx}: NPI {npi}");
            let sp = p["specialty_primary"][0]
                .as_str()
                .unwrap_or_default()
                .to_lowercase();
            assert!(
                sp.starts_with(specialty)
                    || sp.split_whitespace().any(|w| w.starts_with(specialty)),
                "{ctx}: {sp}"
            );
            let loc = &p["locations"][0];
            assert!(loc["state"].is_string(), "{ctx}");
            let g = &loc["geo_location"];
            let (plon, plat) = (g[0].as_f64().unwrap(), g[1].as_f64().unwrap());
            let d = miles((lat, lon), (plat, plon));
            assert!(d <= f64::from(radius) + 0.01, "{ctx}: {d} miles");
            let shown: f64 = item["distance"]
                .as_str()
                .and_then(|s| s.strip_suffix("mi"))
                .and_then(|s| s.parse().ok())
                .expect("distance");
            assert!((shown - d).abs() <= 0.06, "{ctx}: {shown} vs {d}");
            assert!(shown >= last_distance, "{ctx}: sorted by distance");
            last_distance = shown;
        }

        // Stable: the same query answers the same; the pages add up to the whole list.
        let (_, again) = api.get(&format!("/providers/?{query}&limit={limit}")).await;
        assert_eq!(again["data"], page["data"], "{ctx}");
        let (_, all) = api.get(&format!("/providers/?{query}&limit={total}")).await;
        let all = all["data"].as_array().unwrap().clone();
        assert_eq!(all.len(), total, "{ctx}");
        let offset = rng.gen_range(0..total);
        let (_, later) = api
            .get(&format!(
                "/providers/?{query}&limit={limit}&offset={offset}"
            ))
            .await;
        let want: Vec<&Value> = all.iter().skip(offset).take(limit).collect();
        let got: Vec<&Value> = later["data"].as_array().unwrap().iter().collect();
        assert_eq!(got, want, "{ctx} offset {offset}");
        assert_eq!(later["meta"]["result_count"], total, "{ctx}");
        assert_eq!(later["meta"].get("previous").is_some(), offset > 0, "{ctx}");
        assert_eq!(
            later["meta"].get("next").is_some(),
            offset + limit < total,
            "{ctx}"
        );

        // A provider the search showed is the one GET /providers/{npi} answers.
        let shown = &all[rng.gen_range(0..all.len())]["provider"];
        let npi = shown["npi"].as_str().unwrap();
        let (status, one) = api.get(&format!("/providers/{npi}")).await;
        assert_eq!(status, 200, "{ctx}");
        assert_eq!(&one["data"]["provider"], shown, "{ctx}");
        assert!(one["data"].get("distance").is_none());
    }
    Ok(())
}

#[tokio::test]
async fn any_valid_npi_is_a_provider_and_an_invalid_one_is_not_found() -> TestResult {
    let (mut rng, seed) = rng("provider by NPI");
    let sandbox = sandbox().await;
    let api = Api::primary(&sandbox).await;
    for _ in 0..8 {
        let npi = random_npi(&mut rng, true);
        let (status, one) = api.get(&format!("/providers/{npi}")).await;
        assert_eq!(status, 200, "seed {seed} NPI {npi}");
        let p = &one["data"]["provider"];
        assert_eq!(p["npi"], npi.as_str(), "seed {seed}");
        assert!(p["uuid"].as_str().is_some_and(|u| u.len() == 36));
        assert!(p["specialty"][0].is_string());
        let (_, again) = api.get(&format!("/providers/{npi}")).await;
        assert_eq!(again["data"], one["data"], "seed {seed}");
        // By uuid too, and as ?npi= on the search.
        let uuid = p["uuid"].as_str().unwrap();
        let (status, by_uuid) = api.get(&format!("/providers/{uuid}")).await;
        assert_eq!(
            (status, &by_uuid["data"]),
            (200, &one["data"]),
            "seed {seed}"
        );
        let (status, search) = api.get(&format!("/providers/?npi={npi}")).await;
        assert_eq!(status, 200);
        assert_eq!(search["data"], json!([one["data"]]), "seed {seed}");

        let bad = random_npi(&mut rng, false);
        let (status, body) = api.get(&format!("/providers/{bad}")).await;
        assert_eq!(status, 404, "seed {seed} NPI {bad}");
        assert_eq!(body, json!({"message": "Not Found"}));
    }
    for not_an_npi in ["123", "12345678901", "abcdefghij"] {
        let (status, _) = api.get(&format!("/providers/{not_an_npi}")).await;
        assert_eq!(status, 404, "{not_an_npi}");
    }
    Ok(())
}

#[tokio::test]
async fn built_in_providers_are_kept_where_they_match() -> TestResult {
    let sandbox = sandbox().await;
    let api = Api::primary(&sandbox).await;
    // The documented search: the documented rheumatologist comes first (distance 0.0mi).
    let (status, page) = api
        .get("/providers/?zipcode=29307&specialty=rheumatology")
        .await;
    assert_eq!(status, 200);
    let data = page["data"].as_array().unwrap();
    assert_eq!(data[0]["provider"]["npi"], "1629149364");
    assert_eq!(data[0]["distance"], "0.0mi");
    assert!(data.iter().all(|i| {
        i["provider"]["specialty"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "Rheumatology")
    }));
    assert!(page["meta"]["result_count"].as_u64().unwrap() > 20);
    // The documented provider by NPI, and by name.
    let (_, one) = api.get("/providers/1467560003").await;
    assert_eq!(
        one["data"],
        pokitdok_sandbox::fixtures::json("providers.get.response.json").unwrap()
    );
    let (_, by_name) = api
        .get("/providers/?first_name=jerome&last_name=aya-ay")
        .await;
    assert_eq!(by_name["data"][0]["provider"]["npi"], "1467560003");
    assert!(by_name["data"].as_array().unwrap().len() <= 5);
    assert!(
        by_name["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["provider"]["first_name"] == "JEROME"
                && i["provider"]["last_name"] == "AYA-AY")
    );
    // A place that does not exist has nobody; a bad radius or ZIP code is a 422.
    let (status, none) = api.get("/providers/?zipcode=00099&last_name=smith").await;
    assert_eq!(status, 200);
    assert_eq!(none["data"], json!([]));
    let (status, bad) = api.get("/providers/?zipcode=29307&radius=far").await;
    assert_eq!(status, 422);
    assert!(bad["data"]["errors"]["validation"]["radius"].is_array());
    let (status, _) = api.get("/providers/?zipcode=2x307").await;
    assert_eq!(status, 422);
    Ok(())
}

/// The binary: `--help` documents every option, `--version` prints the version, and
/// `--scopes` grants the application its scopes.
#[test]
fn the_binary_documents_its_options_and_prints_its_version() {
    let bin = env!("CARGO_BIN_EXE_pokitdok-sandbox");
    let out = std::process::Command::new(bin)
        .arg("--help")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).expect("UTF-8");
    for option in [
        "--port PORT",
        "--client-id ID",
        "--client-secret SECRET",
        "--scopes LIST",
        "--token-lifetime SECS",
        "--rate-limit-cap N",
        "--credits N",
        "--activity-step SECS",
        "-h, --help",
        "-V, --version",
    ] {
        assert!(help.contains(option), "--help lacks {option}:\n{help}");
    }
    assert!(help.contains("user_schedule") && help.contains("business_schedule"));
    for flag in ["--version", "-V"] {
        let out = std::process::Command::new(bin)
            .arg(flag)
            .output()
            .expect("runs");
        assert!(out.status.success());
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            format!("pokitdok-sandbox {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
    let out = std::process::Command::new(bin)
        .args(["--scopes", "user_schedule,nope"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown scope \"nope\""));
}

#[tokio::test]
async fn the_binary_grants_scopes_to_its_application() -> TestResult {
    use tokio::io::{AsyncBufReadExt, BufReader};
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_pokitdok-sandbox"))
        .args([
            "--client-id",
            "bin-id",
            "--client-secret",
            "bin-secret",
            "--scopes",
            "user_schedule business_schedule",
        ])
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut base = None;
    let mut scopes = None;
    while let Some(line) =
        tokio::time::timeout(Duration::from_secs(20), lines.next_line()).await??
    {
        if let Some(url) = line.trim().strip_prefix("base URL:") {
            base = Some(url.trim().to_owned());
        }
        if let Some(s) = line.trim().strip_prefix("scopes:") {
            scopes = Some(s.trim().to_owned());
        }
        if line.starts_with("Press Ctrl-C") {
            break;
        }
    }
    let base = base.expect("the binary prints its base URL");
    assert_eq!(scopes.as_deref(), Some("user_schedule business_schedule"));
    let http = reqwest::Client::new();
    let token: Value = http
        .post(format!("{base}/oauth2/token"))
        .basic_auth("bin-id", Some("bin-secret"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(token["scope"], "business_schedule user_schedule");
    let resp = http
        .get(format!("{base}/api/v4/schedule/appointments/"))
        .bearer_auth(token["access_token"].as_str().unwrap())
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 200);
    child.start_kill()?;
    let _ = child.wait().await;
    Ok(())
}
