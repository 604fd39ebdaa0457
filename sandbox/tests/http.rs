//! The sandbox driven like the documented cURL examples, with plain reqwest.

use pokitdok_sandbox::Sandbox;
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
    pokitdok_sandbox::fixtures::json(name).unwrap_or_else(|| panic!("no JSON fixture {name}"))
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

fn fixture_text(name: &str) -> String {
    pokitdok_sandbox::fixtures::text(name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
        .to_owned()
}

/// ENDPOINTS.md §2.6: raw X12 in and out, `{"x12": ...}`, transliterated segments and the
/// activity with its X12, as a plain HTTP client sees them.
#[tokio::test]
async fn raw_x12_content_negotiation() -> TestResult {
    let sandbox = Sandbox::start().await?;
    let http = reqwest::Client::new();
    let token = curl_token(&sandbox, &http).await?;
    let url = format!("{}/eligibility/", sandbox.api_base());
    let x12_270 = fixture_text("raw_x12.eligibility.request.x12");

    // application/edi-x12 both ways.
    let resp = http
        .post(&url)
        .bearer_auth(&token)
        .header("Content-Type", "application/edi-x12")
        .header("Accept", "application/edi-x12")
        .body(x12_270.clone())
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.headers()["content-type"], "application/edi-x12");
    let x12_271 = resp.text().await?;
    assert!(x12_271.starts_with("ISA*00*"));
    let segs: Vec<&str> = x12_271.split('~').filter(|s| !s.is_empty()).collect();
    assert_eq!(segs[0].len(), 105, "fixed-width ISA: {}", segs[0]);
    assert!(segs[2].starts_with("ST*271*0001"));
    assert!(segs.contains(&"NM1*IL*1*DOE*JOHN****MI*00000000001"));
    assert!(segs.contains(&"NM1*PR*2*MOCK PAYER INC*****PI*MOCKPAYER"));
    assert!(segs.contains(&"DMG*D8*19700101"));
    assert!(segs.contains(&"TRN*2*930000000000*9800000004"));
    // SE counts the segments from ST to SE.
    let st = segs.iter().position(|s| s.starts_with("ST*")).unwrap();
    let se = segs.iter().position(|s| s.starts_with("SE*")).unwrap();
    assert_eq!(segs[se], format!("SE*{}*0001", se - st + 1));
    assert_eq!(segs.last().unwrap().split('*').next(), Some("IEA"));

    // Other separators (`|` and newline), as defined by the ISA, are understood.
    let odd = x12_270.replace('*', "|").replace('~', "\n");
    let resp = http
        .post(&url)
        .bearer_auth(&token)
        .header("Content-Type", "application/edi-x12")
        .header("Accept", "application/edi-x12")
        .body(odd)
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.text().await?.contains("MI*00000000001~"));

    // Raw X12 in, JSON out.
    let resp = http
        .post(&url)
        .bearer_auth(&token)
        .header("Content-Type", "application/edi-x12")
        .body(x12_270.clone())
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 200);
    let json_answer: Value = resp.json().await?;
    assert_eq!(json_answer["data"]["subscriber"]["id"], "00000000001");
    assert_eq!(
        json_answer["data"]["subscriber"]["birth_date"],
        "1970-01-01"
    );
    assert_eq!(json_answer["data"]["trading_partner_id"], "MOCKPAYER");
    assert_eq!(json_answer["data"]["provider"]["npi"], "1912301953");

    // {"x12": ...} both ways, in the envelope.
    let resp = http
        .post(&url)
        .bearer_auth(&token)
        .header("Content-Type", "application/vnd.pokitdok.v4+edi-x12-json")
        .header("Accept", "application/vnd.pokitdok.v4+edi-x12-json")
        .body(serde_json::to_vec(&fixture(
            "raw_x12.eligibility.request.json",
        ))?)
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 200);
    let wrapped: Value = resp.json().await?;
    assert!(wrapped["meta"]["activity_id"].is_string());
    let x12 = wrapped["data"]["x12"].as_str().unwrap();
    assert!(x12.contains("ST*271*0001") && x12.contains("MI*00000000001~"));
    let activity_id = wrapped["meta"]["activity_id"].as_str().unwrap().to_owned();

    // JSON in, full-x12-json out.
    let resp = http
        .post(&url)
        .bearer_auth(&token)
        .header("Accept", "application/vnd.pokitdok.v4+full-x12-json")
        .json(
            &json!({"member": {"id": "W000000000", "first_name": "Jane", "last_name": "Doe",
                                 "birth_date": "1970-01-25"},
                      "provider": {"npi": "1467560003", "first_name": "JEROME",
                                   "last_name": "AYA-AY"},
                      "trading_partner_id": "MOCKPAYER"}),
        )
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 200);
    let full: Value = resp.json().await?;
    let segments = full["data"]["x12_segments"].as_array().unwrap();
    assert_eq!(segments[0]["segment_id"], "BHT");
    assert!(
        segments
            .iter()
            .all(|s| s["segment_id"] != "ST" && s["segment_id"] != "SE")
    );
    let il = segments
        .iter()
        .find(|s| s["data"]["entity_identifier_code"] == "IL")
        .unwrap();
    assert_eq!(
        il["data"],
        json!({"entity_identifier_code": "IL", "entity_type_qualifier": "1",
               "last_or_organization_name": "Doe", "first_name": "Jane",
               "identification_code_qualifier": "MI", "primary_identifier": "W000000000"})
    );
    let hl = &segments[1];
    assert_eq!(
        hl,
        &json!({"segment_id": "HL", "data": {"hierarchical_id_number": "1",
                "hierarchical_level_code": "20", "hierarchical_child_code": "1"}})
    );

    // Unknown trading partner in NM109: the documented body, no meta.
    let resp = http
        .post(&url)
        .bearer_auth(&token)
        .header("Content-Type", "application/edi-x12")
        .header("Accept", "application/edi-x12")
        .body(x12_270.replace("PI*MOCKPAYER~", "PI*123456789~"))
        .send()
        .await?;
    assert_eq!(resp.status().as_u16(), 422);
    let body: Value = resp.json().await?;
    assert_eq!(
        body,
        fixture("raw_x12.error_unknown_trading_partner.response.json")
    );

    // Not a 270, and garbage: 422, never a crash.
    for junk in ["", "hello", "ISA*", "ISA*00*~ST*837*0001~SE*1*0001~"] {
        let resp = http
            .post(&url)
            .bearer_auth(&token)
            .header("Content-Type", "application/edi-x12")
            .body(junk)
            .send()
            .await?;
        assert_eq!(resp.status().as_u16(), 422, "{junk:?}");
    }

    // The activity with its X12 (activity-x12-json), and without it by default.
    let act_url = format!("{}/activities/{activity_id}", sandbox.api_base());
    let resp = http
        .get(&act_url)
        .bearer_auth(&token)
        .header("Accept", "application/vnd.pokitdok.v4+activity-x12-json")
        .send()
        .await?;
    let a: Value = resp.json().await?;
    assert_eq!(a["data"]["id"], activity_id.as_str());
    assert_eq!(a["data"]["name"], "eligibility");
    assert_eq!(
        a["data"]["x12_request"],
        fixture("raw_x12.eligibility.request.json")["x12"]
    );
    assert_eq!(a["data"]["x12_response"].as_str(), Some(x12));
    let plain: Value = http
        .get(&act_url)
        .bearer_auth(&token)
        .send()
        .await?
        .json()
        .await?;
    assert!(plain["data"].get("x12_request").is_none());

    // The 835 of the documented payment.
    let resp = http
        .get(format!(
            "{}/payments/5930819201a3af0082bc3dfb/data",
            sandbox.api_base()
        ))
        .bearer_auth(&token)
        .header("Accept", "application/edi-x12")
        .send()
        .await?;
    assert_eq!(resp.headers()["content-type"], "application/edi-x12");
    assert!(resp.text().await?.contains("ST*835*"));
    Ok(())
}
