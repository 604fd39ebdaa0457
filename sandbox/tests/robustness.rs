//! Property test: arbitrary path ids, query values (any Unicode, huge numbers, empty, repeated
//! keys), JSON bodies (arbitrary, and documented requests with a field replaced), X12 uploads
//! (mutated) and raw bytes, sent over real HTTP with a valid token to every route of the
//! router ([`pokitdok_sandbox::operations`] plus the OAuth2 endpoints). Every request must get
//! an answer (no panic, no dropped connection), with a documented status and shape.

use std::time::Duration;

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use pokitdok_sandbox::{Operation, Sandbox};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Map, Value};

/// Cases per route: every route is covered, and the whole test stays well under a minute on
/// two cores in a debug build.
const CASES_PER_ROUTE: u32 = 16;

/// Field names the handlers read, so that arbitrary objects reach past "field required".
const FIELDS: &[&str] = &[
    "member",
    "provider",
    "trading_partner_id",
    "service_types",
    "subscriber",
    "claim",
    "transaction_code",
    "billing_provider",
    "event",
    "patient",
    "cpt_bundle",
    "price",
    "amount",
    "zip_code",
    "eligibility",
    "draft",
    "transition",
    "first_name",
    "last_name",
    "birth_date",
    "gender",
    "questionnaire_id",
    "question_id",
    "answer",
    "ssn",
    "pd_patient_uuid",
    "pd_provider_uuid",
    "location",
    "appointment_type",
    "start_date",
    "end_date",
    "description",
    "mark_completed",
    "drugs",
    "ndc",
    "quantity_dispensed",
    "pharmacy_npi",
    "prescriber",
    "insurance",
    "x12",
    "callback_url",
    "async",
    "application_data",
    "mock_claim_payment",
    "service_lines",
    "charge_amount",
    "total_charge_amount",
    "purpose",
    "action",
    "payer",
    "sponsor",
    "dependents",
    "address",
    "postal_code",
    "city",
    "id",
    "identifiers",
    "value",
    "organization_name",
    "npi",
    "claims_roles",
    "transaction_set_name",
    "tax_id",
    "state",
    "zipcode",
    "address_lines",
    "year",
    "month",
    "day",
    "uuid",
    "_uuid",
    "certification_type",
    "drivers_license_number",
    "tracking_id",
    "service_date",
    "member_id",
];

/// Query parameters the handlers read.
const PARAMS: &[&str] = &[
    "limit",
    "offset",
    "zip_code",
    "cpt_code",
    "trading_partner_id",
    "plan_number",
    "plan_name",
    "drug",
    "drug_class",
    "ndc",
    "rxcui",
    "name",
    "first_name",
    "last_name",
    "middle_name",
    "npi",
    "specialty",
    "zipcode",
    "city",
    "state",
    "parent_id",
    "id",
    "code",
    "address",
    "start_date",
    "end_date",
    "status",
    "include_plans",
    "amount",
    "effective_date_start",
    "questionnaire_id",
    "mail",
    "retail",
    "entity_types",
    "birth_date",
    "description",
    "organization_name",
    "pharmacy_name",
    "payment_type",
    "patient_uuid",
    "appointment_type",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>().prop_map(|s| s.chars().take(24).collect()),
        1 => Just(String::new()),
        1 => prop_oneof![
            Just("18446744073709551616"), Just("-1"), Just("1e308"), Just("0"),
            Just("99999999999999999999999999"), Just("1€9"), Just("MOCKPAYER"), Just("94401"),
            Just("99385"), Just("true"), Just("NaN"), Just("\u{feff}ISA"), Just("%FF%00"),
        ]
        .prop_map(str::to_owned),
        1 => "[0-9]{1,30}",
    ]
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop_oneof![
            Just(1e300),
            Just(-1e300),
            Just(0.5),
            Just(1e-300),
            Just(-0.0)
        ]
        .prop_map(Value::from),
        text().prop_map(Value::from),
    ]
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::vec(
                (
                    prop_oneof![3 => proptest::sample::select(FIELDS).prop_map(str::to_owned),
                             1 => text()],
                    inner
                ),
                0..5,
            )
            .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Every documented JSON request example.
fn request_fixtures() -> Vec<Value> {
    pokitdok_sandbox::fixtures::names()
        .filter(|n| n.contains(".request") && n.ends_with(".json"))
        .filter_map(pokitdok_sandbox::fixtures::json)
        .filter(Value::is_object)
        .collect()
}

/// A documented request with one (possibly nested) field replaced by arbitrary JSON.
fn mutated_fixture(fixtures: Vec<Value>) -> impl Strategy<Value = Value> {
    (
        proptest::sample::select(fixtures),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        arbitrary_json(),
    )
        .prop_map(|(mut v, top, nested, replacement)| {
            let keys: Vec<String> = v
                .as_object()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            if keys.is_empty() {
                return v;
            }
            let key = top.get(&keys).clone();
            let inner_keys: Vec<String> = v[&key]
                .as_object()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            if inner_keys.is_empty() || nested.index(2) == 0 {
                v[&key] = replacement;
            } else {
                let inner = nested.get(&inner_keys).clone();
                v[&key][&inner] = replacement;
            }
            v
        })
}

/// X12 text: a documented interchange, cut and/or with arbitrary text spliced in.
fn x12() -> impl Strategy<Value = String> {
    let docs: Vec<&'static str> = [
        "claims_convert.request.x12",
        "raw_x12.eligibility.request.x12",
    ]
    .iter()
    .filter_map(|n| pokitdok_sandbox::fixtures::text(n))
    .collect();
    (
        proptest::sample::select(docs),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        text(),
    )
        .prop_map(|(doc, cut, at, insert)| {
            let chars: Vec<char> = doc.chars().collect();
            let end = chars.len() - cut.index(chars.len() / 4 + 1);
            let mut out: Vec<char> = chars[..end].to_vec();
            let pos = at.index(out.len() + 1);
            out.splice(pos..pos, insert.chars());
            out.into_iter().collect()
        })
}

#[derive(Debug, Clone)]
enum Body {
    None,
    Json(Value),
    Bytes(Vec<u8>, &'static str),
    RawX12(String),
    Upload {
        file: String,
        fields: Vec<(String, String)>,
    },
}

#[derive(Debug, Clone)]
struct Input {
    ids: Vec<String>,
    query: Vec<(String, String)>,
    body: Body,
    accept: Option<&'static str>,
}

fn input(fixtures: Vec<Value>) -> impl Strategy<Value = Input> {
    let body = prop_oneof![
        1 => Just(Body::None),
        3 => arbitrary_json().prop_map(Body::Json),
        3 => mutated_fixture(fixtures).prop_map(Body::Json),
        1 => (proptest::collection::vec(any::<u8>(), 0..64),
              proptest::sample::select(vec!["application/json", "text/plain",
                                            "application/vnd.pokitdok.v4+edi-x12-json"]))
            .prop_map(|(b, ct)| Body::Bytes(b, ct)),
        1 => x12().prop_map(Body::RawX12),
        2 => (x12(), proptest::collection::vec(
                 (prop_oneof![Just("trading_partner_id".to_owned()), text()],
                  prop_oneof![Just("MOCKPAYER".to_owned()), text()]), 0..3))
            .prop_map(|(file, fields)| Body::Upload { file, fields }),
    ];
    // Each known parameter present about half the time (so that handlers needing several get
    // them together), plus a few arbitrary ones.
    let known = proptest::sample::subsequence(PARAMS, 0..=PARAMS.len()).prop_flat_map(|keys| {
        let n = keys.len();
        (Just(keys), proptest::collection::vec(text(), n))
    });
    let query = (known, proptest::collection::vec((text(), text()), 0..3)).prop_map(
        |((keys, values), extra)| {
            let mut q: Vec<(String, String)> =
                keys.into_iter().map(str::to_owned).zip(values).collect();
            q.extend(extra);
            q
        },
    );
    (
        proptest::collection::vec(text(), 4),
        query,
        body,
        proptest::option::of(proptest::sample::select(vec![
            "application/json",
            "application/edi-x12",
            "application/vnd.pokitdok.v4+edi-x12-json",
            "application/vnd.pokitdok.v4+full-x12-json",
            "application/vnd.pokitdok.v4+activity-x12-json",
        ])),
    )
        .prop_map(|(ids, mut query, body, accept)| {
            // Repeated keys: the first pair again, with another value.
            if let Some((k, _)) = query.first().cloned() {
                query.push((k, "1".into()));
            }
            Input {
                ids,
                query,
                body,
                accept,
            }
        })
}

/// `/api/v4/activities/{id}` with the ids filled in (percent-encoded).
fn fill(template: &str, ids: &[String]) -> String {
    let mut n = 0;
    template
        .split('/')
        .map(|seg| {
            if seg.starts_with('{') {
                n += 1;
                utf8_percent_encode(&ids[(n - 1) % ids.len()], NON_ALPHANUMERIC).to_string()
            } else {
                seg.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

struct Target {
    http: reqwest::Client,
    url: String,
    token: String,
}

fn fail(msg: String) -> TestCaseError {
    TestCaseError::fail(msg)
}

/// Sends one request and checks the answer's status and shape.
async fn check(t: &Target, method: &str, path: &str, input: &Input) -> Result<(), TestCaseError> {
    let mut url = format!("{}{}", t.url, path);
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&input.query)
        .finish();
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query);
    }
    let method = reqwest::Method::from_bytes(method.as_bytes()).map_err(|e| fail(e.to_string()))?;
    let mut req = t.http.request(method, &url).bearer_auth(&t.token);
    if let Some(a) = input.accept {
        req = req.header("Accept", a);
    }
    req = match &input.body {
        Body::None => req,
        Body::Json(v) => req.json(v),
        Body::Bytes(b, ct) => req.header("Content-Type", *ct).body(b.clone()),
        Body::RawX12(x) => req
            .header("Content-Type", "application/edi-x12")
            .body(x.clone()),
        Body::Upload { file, fields } => {
            let mut form = reqwest::multipart::Form::new().part(
                "file",
                reqwest::multipart::Part::bytes(file.clone().into_bytes()).file_name("f.x12"),
            );
            for (k, v) in fields {
                form = form.text(k.clone(), v.clone());
            }
            req.multipart(form)
        }
    };
    let resp = req
        .send()
        .await
        .map_err(|e| fail(format!("no answer from {path}: {e}")))?;
    let status = resp.status().as_u16();
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = resp
        .bytes()
        .await
        .map_err(|e| fail(format!("{path}: the answer was cut: {e}")))?;
    if path.starts_with("/oauth2/") {
        return check_oauth(path, status, &bytes);
    }
    if content_type == "application/edi-x12" {
        // Raw X12, only when asked for.
        prop_assert_eq!(status, 200);
        prop_assert!(input.accept == Some("application/edi-x12"));
        prop_assert!(bytes.starts_with(b"ISA"), "{} answered {:?}", path, bytes);
        return Ok(());
    }
    let body: Value = serde_json::from_slice(&bytes)
        .map_err(|_| fail(format!("{path}: {status} with a body that is not JSON")))?;
    let is_envelope = body["meta"]["activity_id"].is_string() && body.get("data").is_some();
    let is_bare = body["message"].is_string();
    match status {
        200 => prop_assert!(is_envelope, "{} 200 {}", path, body),
        401 | 402 | 404 => prop_assert!(
            is_bare && body.as_object().is_some_and(|m| m.len() == 1),
            "{} {} {}",
            path,
            status,
            body
        ),
        403 => prop_assert!(is_bare || is_envelope, "{} 403 {}", path, body),
        413 | 422 => {
            let raw_x12_partner = status == 422
                && body["data"]["errors"]["query"].is_string()
                && matches!(input.body, Body::RawX12(_) | Body::Bytes(..));
            prop_assert!(
                (is_envelope && body["data"]["errors"].is_object()) || raw_x12_partner,
                "{} {} {}",
                path,
                status,
                body
            );
        }
        other => return Err(fail(format!("{path}: undocumented status {other}: {body}"))),
    }
    Ok(())
}

fn check_oauth(path: &str, status: u16, bytes: &[u8]) -> Result<(), TestCaseError> {
    if status == 302 {
        prop_assert_eq!(path, "/oauth2/authorize");
        return Ok(());
    }
    let body: Value = serde_json::from_slice(bytes)
        .map_err(|_| fail(format!("{path}: {status} with a body that is not JSON")))?;
    match status {
        200 => prop_assert!(
            body.is_object() && (path != "/oauth2/token" || body["access_token"].is_string()),
            "{} {}",
            path,
            body
        ),
        400 | 401 => prop_assert!(body["error"].is_string(), "{} {} {}", path, status, body),
        other => return Err(fail(format!("{path}: undocumented status {other}: {body}"))),
    }
    Ok(())
}

#[test]
fn every_route_answers_arbitrary_input_with_a_documented_envelope() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let (sandbox, target) = rt.block_on(async {
        let sandbox = Sandbox::builder()
            .rate_limit_cap(u32::MAX)
            .credits(i64::MAX)
            .activity_step(Duration::from_secs(3600))
            .start()
            .await
            .expect("the sandbox starts");
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a client");
        let token: Value = http
            .post(format!("{}/oauth2/token", sandbox.url()))
            .basic_auth(sandbox.client_id(), Some(sandbox.client_secret()))
            .form(&[
                ("grant_type", "client_credentials"),
                ("scope", "user_schedule business_schedule"),
            ])
            .send()
            .await
            .expect("a token")
            .json()
            .await
            .expect("token JSON");
        let target = Target {
            http,
            url: sandbox.url().to_owned(),
            token: token["access_token"]
                .as_str()
                .expect("access_token")
                .to_owned(),
        };
        (sandbox, target)
    });

    let mut routes: Vec<(&str, String)> = pokitdok_sandbox::operations()
        .iter()
        .map(|Operation { method, path, .. }| (*method, (*path).to_owned()))
        .collect();
    assert!(routes.len() > 80, "only {} operations", routes.len());
    for (method, path) in [
        ("POST", "/oauth2/token"),
        ("POST", "/oauth2/revoke"),
        ("GET", "/oauth2/authorize"),
        ("GET", "/oauth2/callback"),
    ] {
        routes.push((method, path.to_owned()));
    }

    let fixtures = request_fixtures();
    assert!(fixtures.len() > 20);
    let strategy = input(fixtures);
    for (method, template) in &routes {
        let mut runner = TestRunner::new(Config {
            cases: CASES_PER_ROUTE,
            failure_persistence: None,
            max_shrink_iters: 256,
            ..Config::default()
        });
        let outcome = runner.run(&strategy, |input| {
            let path = fill(template, &input.ids);
            rt.block_on(check(&target, method, &path, &input))
        });
        if let Err(e) = outcome {
            panic!("{method} {template}: {e}");
        }
    }
    // Still serving after all of it.
    rt.block_on(async {
        let resp = target
            .http
            .get(format!("{}/api/v4/tradingpartners/", target.url))
            .bearer_auth(&target.token)
            .send()
            .await
            .expect("an answer");
        assert_eq!(resp.status().as_u16(), 200);
    });
    drop(sandbox);
}
