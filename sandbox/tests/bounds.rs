//! Bounded state: request bodies, stored records, counts per client and per file all have
//! caps, answered with documented envelopes (413 / 422 with `data.errors.validation`).

use pokitdok::{Error, PokitDok};
use pokitdok_sandbox::Sandbox;
use serde_json::{Value, json};

type TestResult = Result<(), Box<dyn std::error::Error>>;

async fn start() -> Result<(Sandbox, PokitDok), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::builder().rate_limit_cap(100_000).start().await?;
    let pd = sandbox.client();
    Ok((sandbox, pd))
}

/// The status and `data.errors.validation` of a refusal.
fn refusal(e: Error) -> (u16, Value) {
    let status = e.status().map_or(0, |s| s.as_u16());
    let body = match &e {
        Error::Validation { body, .. } | Error::Api { body, .. } => {
            body.errors().and_then(|e| e.get("validation")).cloned()
        }
        _ => None,
    };
    (status, body.unwrap_or(Value::Null))
}

#[tokio::test]
async fn large_bodies_and_records_get_413_envelopes() -> TestResult {
    let (sandbox, pd) = start().await?;
    // A JSON body over 64 KiB.
    let e = pd
        .post("/identity/")
        .json(&json!({"first_name": "x".repeat(70 * 1024), "last_name": "Doe"}))
        .send()
        .await
        .unwrap_err();
    let (status, validation) = refusal(e);
    assert_eq!(status, 413);
    assert!(
        validation["request"][0]
            .as_str()
            .unwrap_or_default()
            .contains("65536")
    );

    // An identity that grows past 64 KiB through updates (each merges new fields).
    let created = pd
        .post("/identity/")
        .json(&json!({"first_name": "Oscar", "last_name": "Whitmire"}))
        .send()
        .await?;
    let uuid = created.data["uuid"].as_str().unwrap_or_default().to_owned();
    pd.put(format!("/identity/{uuid}"))
        .json(&json!({"notes_a": "a".repeat(40 * 1024)}))
        .send()
        .await?;
    let e = pd
        .put(format!("/identity/{uuid}"))
        .json(&json!({"notes_b": "b".repeat(40 * 1024)}))
        .send()
        .await
        .unwrap_err();
    assert_eq!(refusal(e).0, 413);
    let history = pd.get(format!("/identity/{uuid}/history")).send().await?;
    assert_eq!(history.data.as_array().map(Vec::len), Some(2));

    // A body over the 16 MiB transport limit: an envelope, not a bare error.
    let http = reqwest::Client::new();
    let token = pd.fetch_access_token().await?;
    let resp = http
        .post(format!("{}/files/", sandbox.api_base()))
        .bearer_auth(token.access_token())
        .header("Content-Type", "multipart/form-data; boundary=x")
        .body(vec![b'a'; 16 * 1024 * 1024 + 1])
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 413);
    let body: Value = resp.json().await?;
    assert!(body["meta"]["activity_id"].is_string());
    assert!(body["data"]["errors"]["validation"]["request"].is_array());
    Ok(())
}

#[tokio::test]
async fn identity_versions_and_drafts_are_capped() -> TestResult {
    let (_sandbox, pd) = start().await?;
    let created = pd
        .post("/identity/")
        .json(&json!({"first_name": "Oscar", "last_name": "Whitmire"}))
        .send()
        .await?;
    let uuid = created.data["uuid"].as_str().unwrap_or_default().to_owned();
    for n in 2..=100 {
        pd.put(format!("/identity/{uuid}"))
            .json(&json!({"middle_name": format!("v{n}")}))
            .send()
            .await?;
    }
    let e = pd
        .put(format!("/identity/{uuid}"))
        .json(&json!({"middle_name": "one too many"}))
        .send()
        .await
        .unwrap_err();
    let (status, validation) = refusal(e);
    assert_eq!(status, 422);
    assert!(
        validation["request"][0]
            .as_str()
            .unwrap_or_default()
            .contains("100 versions")
    );
    // The identity itself is intact.
    let latest = pd.get(format!("/identity/{uuid}")).send().await?;
    assert_eq!(latest.data["middle_name"], "v100");

    // At most 1000 drafts; deleting one makes room again.
    let draft = json!({"draft": {"trading_partner_id": "MOCKPAYER"}});
    let mut last_id = String::new();
    for _ in 0..1000 {
        let r = pd.post("/claims/drafts/").json(&draft).send().await?;
        last_id = r.data["id"].as_str().unwrap_or_default().to_owned();
    }
    let e = pd
        .post("/claims/drafts/")
        .json(&draft)
        .send()
        .await
        .unwrap_err();
    let (status, validation) = refusal(e);
    assert_eq!(status, 422);
    assert!(
        validation["request"][0]
            .as_str()
            .unwrap_or_default()
            .contains("1000 drafts")
    );
    pd.delete(format!("/claims/drafts/{last_id}"))
        .send()
        .await?;
    pd.post("/claims/drafts/").json(&draft).send().await?;
    Ok(())
}

fn upload(text: String) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .text("trading_partner_id", "MOCKPAYER")
        .part(
            "file",
            reqwest::multipart::Part::bytes(text.into_bytes()).file_name("batch.x12"),
        )
}

#[tokio::test]
async fn files_have_per_file_caps() -> TestResult {
    let (_sandbox, pd) = start().await?;
    // 1001 transaction sets in one batch file.
    let sets: String = (0..1001)
        .map(|n| format!("ST*270*{n:04}~SE*1*{n:04}~"))
        .collect();
    let e = pd
        .post("/files/")
        .multipart(upload(sets))
        .send()
        .await
        .unwrap_err();
    let (status, validation) = refusal(e);
    assert_eq!(status, 422);
    assert!(validation["file"].is_array());
    // 1000 are fine.
    let sets: String = (0..1000)
        .map(|n| format!("ST*270*{n:04}~SE*1*{n:04}~"))
        .collect();
    pd.post("/files/").multipart(upload(sets)).send().await?;

    // 1001 subscribers in one enrollment snapshot.
    let members: String = (0..1001)
        .map(|n| format!("NM1*IL*1*DOE*JANE****34*{n:09}~"))
        .collect();
    let e = pd
        .post("/enrollment/snapshot")
        .multipart(upload(members))
        .send()
        .await
        .unwrap_err();
    assert_eq!(refusal(e).0, 422);
    Ok(())
}

#[tokio::test]
async fn long_pkce_challenges_are_refused() -> TestResult {
    let (sandbox, _pd) = start().await?;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let resp = http
        .get(format!("{}/oauth2/authorize", sandbox.url()))
        .query(&[
            ("client_id", sandbox.client_id()),
            ("response_type", "code"),
            ("code_challenge", &"c".repeat(129)),
            ("code_challenge_method", "S256"),
        ])
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 302);
    let location = resp.headers()["location"].to_str()?;
    assert!(location.contains("error=invalid_request"), "{location}");
    Ok(())
}
