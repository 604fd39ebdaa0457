//! The sandbox driven like the documented cURL examples, with plain reqwest.

use pokitdok::sandbox::Sandbox;
use serde_json::{Value, json};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Standard base64, as `base64` (the command) prints it.
fn base64(data: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(A[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn fixture(name: &str) -> Value {
    let p = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// `echo "$CLIENT_ID":"$CLIENT_SECRET" | base64 | tr -d "[:cntrl:]"`, then
/// `curl -X POST -H "Authorization: Basic $AUTH" -d grant_type=client_credentials`.
async fn curl_token(
    sandbox: &Sandbox,
    http: &reqwest::Client,
) -> Result<String, Box<dyn std::error::Error>> {
    let auth = base64(format!("{}:{}\n", sandbox.client_id(), sandbox.client_secret()).as_bytes());
    let resp = http
        .post(format!("{}/oauth2/token", sandbox.url()))
        .header("Authorization", format!("Basic {auth}"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(
        resp.headers()["content-type"].to_str()?,
        "application/json;charset=UTF-8"
    );
    let body: Value = resp.json().await?;
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 3600);
    Ok(body["access_token"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn documented_curl_flow() -> TestResult {
    let sandbox = Sandbox::start().await?;
    let http = reqwest::Client::new();
    let token = curl_token(&sandbox, &http).await?;
    let api = sandbox.api_base();

    // POST /api/v4/eligibility/ with the documented request.
    let resp = http
        .post(format!("{api}/eligibility/"))
        .bearer_auth(&token)
        .header("Content-Type", "application/json")
        .json(&fixture("eligibility.request.json"))
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.headers()["content-type"].to_str()?, "application/json");
    let body: Value = resp.json().await?;
    let meta = &body["meta"];
    let activity_id = meta["activity_id"].as_str().unwrap();
    assert_eq!(activity_id.len(), 24);
    assert!(activity_id.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(meta["application_mode"], "test");
    assert_eq!(meta["credits_billed"], 1);
    assert!(meta["credits_remaining"].is_i64());
    assert_eq!(meta["rate_limit_cap"], 84);
    assert_eq!(meta["rate_limit_amount"], 1);
    assert!(meta["rate_limit_reset"].is_u64());
    assert!(meta["processing_time"].is_u64());
    let data = &body["data"];
    assert_eq!(data["subscriber"]["id"], "W000000000");
    assert_eq!(data["subscriber"]["first_name"], "Jane");
    assert_eq!(data["provider"]["npi"], "1234567893");
    assert_eq!(data["trading_partner_id"], "MOCKPAYER");
    assert_eq!(data["client_id"], sandbox.client_id());
    assert_eq!(
        data["service_types"],
        json!(["health_benefit_plan_coverage"])
    );
    assert_eq!(data["service_type_codes"], json!(["30"]));

    // The request's activity is stored and can be fetched.
    let resp = http
        .get(format!("{api}/activities/{activity_id}"))
        .bearer_auth(&token)
        .send()
        .await?;
    let activity: Value = resp.json().await?;
    assert_eq!(activity["data"]["name"], "eligibility");
    assert_eq!(activity["data"]["state"]["name"], "completed");
    assert_eq!(activity["data"]["result"]["subscriber"]["id"], "W000000000");

    // Every documented eligibility request example is accepted.
    for n in ["", ".2", ".3", ".4", ".5", ".6", ".7", ".8", ".10"] {
        let req = fixture(&format!("eligibility.request{n}.json"));
        let resp = http
            .post(format!("{api}/eligibility/"))
            .bearer_auth(&token)
            .json(&req)
            .send()
            .await?;
        assert_eq!(resp.status().as_u16(), 200, "eligibility.request{n}.json");
    }
    // medicare_national example (procedure_id / hcpcs).
    let resp = http
        .post(format!("{api}/eligibility/"))
        .bearer_auth(&token)
        .json(&fixture("eligibility.request.9.json"))
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 200);

    // Every documented claims request example is accepted.
    for n in ["", ".2", ".3", ".4", ".5", ".8", ".9", ".10", ".11"] {
        let resp = http
            .post(format!("{api}/claims/"))
            .bearer_auth(&token)
            .json(&fixture(&format!("claims.request{n}.json")))
            .send()
            .await?;
        let status = resp.status().as_u16();
        let body: Value = resp.json().await?;
        assert_eq!(status, 200, "claims.request{n}.json: {body}");
        assert_eq!(body["data"]["state"]["name"], "scheduled");
    }
    Ok(())
}

#[tokio::test]
async fn documented_error_shapes() -> TestResult {
    let sandbox = Sandbox::start().await?;
    let http = reqwest::Client::new();
    let token = curl_token(&sandbox, &http).await?;
    let api = sandbox.api_base();

    // 401: bare body, as documented.
    let resp = http
        .get(format!("{api}/activities/"))
        .bearer_auth("expired-or-unknown")
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 401);
    assert_eq!(
        resp.json::<Value>().await?,
        json!({"message": "Unauthorized"})
    );
    let resp = http.get(format!("{api}/activities/")).send().await?;
    assert_eq!(resp.status().as_u16(), 401);

    // 422 for {}: labelled text/html like the real server.
    let resp = http
        .post(format!("{api}/eligibility/"))
        .bearer_auth(&token)
        .header("Content-Type", "application/json")
        .body("{}")
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 422);
    assert_eq!(
        resp.headers()["content-type"].to_str()?,
        "text/html; charset=utf-8"
    );
    assert_eq!(resp.headers()["mimetype"].to_str()?, "application/json");
    let body: Value = resp.json().await?;
    assert_eq!(
        body["data"]["errors"]["validation"],
        fixture("errors.422_validation.response.json")["data"]["errors"]["validation"]
    );
    assert!(body["meta"]["activity_id"].is_string());

    // 422 for a body that is not JSON.
    let resp = http
        .post(format!("{api}/claims/"))
        .bearer_auth(&token)
        .header("Content-Type", "application/json")
        .body("transaction_code=chargeable")
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 422);

    // 404 with a bare message, for unknown ids and unknown paths.
    for path in ["/activities/000000000000000000000000", "/no/such/api/"] {
        let resp = http
            .get(format!("{api}{path}"))
            .bearer_auth(&token)
            .send()
            .await?;
        assert_eq!(resp.status().as_u16(), 404, "{path}");
        assert_eq!(resp.json::<Value>().await?, json!({"message": "Not Found"}));
    }

    // A hostile, percent-encoded id is one segment and simply not found.
    let resp = http
        .get(format!("{api}/activities/a%2Fb%3Fc%23d"))
        .bearer_auth(&token)
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 404);

    // The Python client's way: Basic and form credentials at once.
    let resp = http
        .post(format!("{}/oauth2/token", sandbox.url()))
        .basic_auth(sandbox.client_id(), Some(sandbox.client_secret()))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", sandbox.client_id()),
            ("client_secret", sandbox.client_secret()),
        ])
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 200);
    Ok(())
}

#[tokio::test]
async fn binary_body_and_garbage_never_break_the_server() -> TestResult {
    let sandbox = Sandbox::start().await?;
    let http = reqwest::Client::new();
    let token = curl_token(&sandbox, &http).await?;
    let api = sandbox.api_base();
    let garbage: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    for path in [
        "/eligibility/",
        "/claims/",
        "/claims/convert",
        "/files/",
        "/identity/",
        "/identity/match/test_name_and_birth_year",
        "/oop/insurance-estimate",
        "/pharmacy/coverage",
        "/appregistrations",
    ] {
        for ct in [
            "application/json",
            "multipart/form-data; boundary=x",
            "text/plain",
        ] {
            let resp = http
                .post(format!("{api}{path}"))
                .bearer_auth(&token)
                .header("Content-Type", ct)
                .body(garbage.clone())
                .send()
                .await?;
            let status = resp.status().as_u16();
            assert!((400..500).contains(&status), "{path} {ct}: {status}");
        }
    }
    // Bad Basic headers are plain 401s.
    for header in ["Basic", "Basic !!!", "Basic ", "Bearer x", "Basic Og=="] {
        let resp = http
            .post(format!("{}/oauth2/token", sandbox.url()))
            .header("Authorization", header)
            .body("grant_type=client_credentials")
            .send()
            .await?;
        assert_eq!(resp.status().as_u16(), 401, "{header}");
    }
    // Still serving.
    let resp = http
        .get(format!("{api}/tradingpartners/"))
        .bearer_auth(&token)
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 200);
    Ok(())
}
