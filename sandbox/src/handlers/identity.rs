//! Identity (records with history), Identity Match (algorithms, sources, canonical records)
//! and Identity Proof (knowledge-based questionnaires).

use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::activity::{ASYNC, Activity, Outcome};
use crate::data;
use crate::http::Ctx;
use crate::state::{Identity, MAX_IDENTITY_VERSIONS, MAX_ITEMS, MAX_LOG, MAX_RECORD_BYTES};
use crate::util::{self, s};

fn validate_gender(ctx: &Ctx, body: &Value) -> Result<(), Response> {
    match body.get("gender").and_then(Value::as_str) {
        None | Some("male" | "female" | "unknown") => Ok(()),
        Some(g) => Err(ctx.invalid(&[(
            "gender",
            format!("{g} is not one of male, female, unknown."),
        )])),
    }
}

/// `POST /identity/`.
pub(crate) fn create(ctx: &Ctx) -> Response {
    let mut body = match ctx.body_with(&["first_name", "last_name"]) {
        Ok(b) => b,
        Err(r) => return r,
    };
    if let Err(r) = validate_gender(ctx, &body) {
        return r;
    }
    let uuid = util::new_uuid();
    body["uuid"] = json!(uuid);
    let record = body.clone();
    let size = util::json_size(&record);
    tri!(ctx.store(|c| {
        c.admit("identities", c.identities.len(), MAX_ITEMS, size)?;
        c.identities.push(Identity {
            uuid: uuid.clone(),
            versions: vec![(1, util::now_ts(), record)],
        });
        Ok(())
    }));
    ctx.ok(body)
}

fn latest(ctx: &Ctx, id: &str) -> Option<Value> {
    ctx.shared
        .with_client(&ctx.client_id, |c| {
            c.identities
                .iter()
                .find(|i| i.uuid == id)
                .and_then(|i| i.versions.last().map(|v| v.2.clone()))
        })
        .flatten()
}

/// `GET /identity/{uuid}`.
pub(crate) fn get(ctx: &Ctx, id: &str) -> Response {
    match latest(ctx, id) {
        Some(r) => ctx.ok(r),
        None => ctx.not_found(),
    }
}

/// `PUT /identity/{uuid}`: the given fields replace the stored ones; a new version is kept.
pub(crate) fn update(ctx: &Ctx, id: &str) -> Response {
    let body = match ctx.json_body() {
        Ok(b) => b,
        Err(r) => return r,
    };
    if let Err(r) = validate_gender(ctx, &body) {
        return r;
    }
    let updated = ctx.shared.with_client(&ctx.client_id, |c| {
        let Some(i) = c.identities.iter().position(|i| i.uuid == id) else {
            return Ok(None);
        };
        let Some((version, _, last)) = c.identities[i].versions.last().cloned() else {
            return Ok(None);
        };
        if c.identities[i].versions.len() >= MAX_IDENTITY_VERSIONS {
            return Err(ctx.invalid(&[(
                "request",
                format!(
                    "The sandbox keeps at most {MAX_IDENTITY_VERSIONS} versions of an identity."
                ),
            )]));
        }
        let mut record = last;
        if let (Value::Object(target), Value::Object(changes)) = (&mut record, &body) {
            for (k, v) in changes {
                if k != "uuid" {
                    target.insert(k.clone(), v.clone());
                }
            }
        }
        let size = util::json_size(&record);
        if size > MAX_RECORD_BYTES {
            return Err(ctx.too_large("request", size, MAX_RECORD_BYTES));
        }
        c.fits(size, 0)
            .map_err(|why| ctx.invalid(&[("request", why)]))?;
        c.identities[i]
            .versions
            .push((version.saturating_add(1), util::now_ts(), record.clone()));
        Ok(Some(record))
    });
    match updated {
        Some(Ok(Some(r))) => ctx.ok(r),
        Some(Err(resp)) => resp,
        _ => ctx.not_found(),
    }
}

/// `GET /identity/{uuid}/history` and `/history/{version}`.
pub(crate) fn history(ctx: &Ctx, id: &str, version: Option<&str>) -> Response {
    let versions = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.identities
                .iter()
                .find(|i| i.uuid == id)
                .map(|i| i.versions.clone())
        })
        .flatten();
    let Some(versions) = versions else {
        return ctx.not_found();
    };
    match version {
        None => ctx.ok(json!(
            versions
                .iter()
                .rev()
                .map(|(v, at, _)| json!({"version": v, "insert_dt": at}))
                .collect::<Vec<_>>()
        )),
        Some(v) => match v
            .parse::<u32>()
            .ok()
            .and_then(|n| versions.iter().find(|(x, _, _)| *x == n))
        {
            Some((_, _, record)) => ctx.ok(record.clone()),
            None => ctx.not_found(),
        },
    }
}

/// Names longer than this (in characters) are compared exactly: an edit distance costs
/// O(n·m), and a request must not make the sandbox spin.
const MAX_FUZZY_CHARS: usize = 128;

/// The case-insensitive edit distance of two names; for a name longer than
/// [`MAX_FUZZY_CHARS`], 0 when both are equal and the longer length otherwise.
fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    if a.len() > MAX_FUZZY_CHARS || b.len() > MAX_FUZZY_CHARS {
        return if a == b { 0 } else { a.len().max(b.len()) };
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

fn fuzzy(value: Option<&str>, wanted: &str) -> bool {
    value.is_some_and(|v| levenshtein(v.trim(), wanted.trim()) <= 2)
}

/// `GET /identity?first_name=...`: fuzzy names and address, exact other fields; `id` (an
/// external identifier value) overrides everything.
pub(crate) fn search(ctx: &Ctx) -> Response {
    let records: Vec<Value> = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.identities
                .iter()
                .filter_map(|i| i.versions.last().map(|v| v.2.clone()))
                .collect()
        })
        .unwrap_or_default();
    let items: Vec<Value> = if let Some(id) = ctx.q("id") {
        records
            .into_iter()
            .filter(|r| {
                r["identifiers"]
                    .as_array()
                    .is_some_and(|l| l.iter().any(|x| s(x, "value") == Some(id)))
            })
            .collect()
    } else {
        records
            .into_iter()
            .filter(|r| {
                let addr = &r["address"];
                let line = addr["address_lines"]
                    .as_array()
                    .map(|l| {
                        l.iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default();
                let fuzzy_ok = ["first_name", "middle_name", "last_name"]
                    .iter()
                    .all(|k| ctx.q(k).is_none_or(|w| fuzzy(s(r, k), w)))
                    && ctx.q("address").is_none_or(|w| fuzzy(Some(&line), w))
                    && ctx.q("city").is_none_or(|w| fuzzy(s(addr, "city"), w));
                let exact = |q: &str, v: Option<&str>| {
                    ctx.q(q)
                        .is_none_or(|w| v.is_some_and(|v| v.eq_ignore_ascii_case(w.trim())))
                };
                fuzzy_ok
                    && [
                        "gender",
                        "birth_date",
                        "email",
                        "member_id",
                        "phone",
                        "secondary_phone",
                        "prefix",
                        "uuid",
                    ]
                    .iter()
                    .all(|k| exact(k, s(r, k)))
                    && exact("state", s(addr, "state"))
                    && exact("zipcode", s(addr, "zipcode"))
            })
            .collect()
    };
    ctx.page(items)
}

/// `POST /identity/match`: starts an identity duplication job (an activity whose result lists
/// groups of identities with the same name and birth date).
pub(crate) fn duplication_job(ctx: &Ctx) -> Response {
    let groups: Vec<Value> = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            let mut groups: Vec<(String, Vec<String>)> = Vec::new();
            for i in &c.identities {
                let Some((_, _, r)) = i.versions.last() else {
                    continue;
                };
                let key = format!(
                    "{}|{}|{}",
                    s(r, "first_name").unwrap_or_default().to_lowercase(),
                    s(r, "last_name").unwrap_or_default().to_lowercase(),
                    s(r, "birth_date").unwrap_or_default()
                );
                match groups.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, ids)) => ids.push(i.uuid.clone()),
                    None => groups.push((key, vec![i.uuid.clone()])),
                }
            }
            groups
                .into_iter()
                .filter(|(_, ids)| ids.len() > 1)
                .map(|(_, ids)| json!({ "uuids": ids }))
                .collect()
        })
        .unwrap_or_default();
    let id = ctx.activity_id();
    let a = Activity::new(
        id.clone(),
        "identity_match",
        "PokitDok",
        json!({}),
        ASYNC,
        1,
        Outcome::Ready(json!({ "duplicates": groups })),
    );
    let uuid = a.uuid.clone();
    ctx.shared
        .with_client(&ctx.client_id, |c| c.push_activity(a));
    crate::activity::spawn_lifecycle(&ctx.shared, ctx.client_id.clone(), id.clone());
    ctx.ok(json!({"activity_id": id, "activity_uuid": uuid}))
}

fn configs() -> Vec<Value> {
    data::fixture_data("identity_match.match_config.list.response.json")
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn known_algorithm(id: &str) -> bool {
    configs().iter().any(|c| s(c, "algorithm_id") == Some(id))
}

/// `GET /identity/match_config/`.
pub(crate) fn match_configs(ctx: &Ctx) -> Response {
    ctx.page(configs())
}

/// `GET /identity/match_config/{uuid_or_algorithm_id}`.
pub(crate) fn match_config(ctx: &Ctx, id: &str) -> Response {
    let template = data::fixture_data("identity_match.match_config.get.response.json");
    if s(&template, "_uuid") == Some(id) {
        return ctx.ok(template);
    }
    match configs()
        .into_iter()
        .find(|c| s(c, "algorithm_id") == Some(id))
    {
        Some(c) => {
            let mut v = template;
            v["algorithm_id"] = c["algorithm_id"].clone();
            v["input_topic"] = c["input_topic"].clone();
            ctx.ok(v)
        }
        None => ctx.not_found(),
    }
}

/// Identity Match validation: `birth_date` needs year, month and day together (nested errors,
/// as documented).
fn validate_match(ctx: &Ctx) -> Result<Value, Response> {
    let body = ctx.json_body()?;
    if let Some(bd) = body.get("birth_date").filter(|b| !b.is_null()) {
        let mut errors = Map::new();
        for part in ["year", "month", "day"] {
            if bd.get(part).is_none_or(|v| v.as_i64().is_none()) {
                errors.insert(part.into(), json!("Missing field."));
            }
        }
        if !errors.is_empty() {
            return Err(ctx.invalid_value(json!({ "birth_date": errors })));
        }
    }
    Ok(body)
}

fn norm(v: &Value, key: &str) -> String {
    s(v, key).unwrap_or_default().trim().to_lowercase()
}

/// Whether two match requests describe the same person under an algorithm.
fn same_person(algorithm: &str, a: &Value, b: &Value) -> bool {
    let names = norm(a, "first_name") == norm(b, "first_name")
        && levenshtein(&norm(a, "last_name"), &norm(b, "last_name")) <= 1
        && !norm(a, "first_name").is_empty();
    if algorithm.contains("strong_id") {
        let ssn = !norm(a, "ssn").is_empty() && norm(a, "ssn") == norm(b, "ssn");
        let id = !norm(a, "id").is_empty() && norm(a, "id") == norm(b, "id");
        names && (ssn || id)
    } else if algorithm.contains("zipcode") {
        names
            && !norm(&a["address"], "postal_code").is_empty()
            && norm(&a["address"], "postal_code") == norm(&b["address"], "postal_code")
    } else {
        names && a["birth_date"]["year"] == b["birth_date"]["year"]
    }
}

fn canonical_doc(sources: &[&Value]) -> Value {
    let mut data = Map::new();
    for src in sources {
        if let Value::Object(m) = &src["data"] {
            for (k, v) in m {
                if util::present(Some(v)) {
                    data.insert(k.clone(), v.clone());
                }
            }
        }
    }
    json!({
        "record_id": sources.first().map_or(Value::Null, |s| s["record_id"].clone()),
        "sources": sources.iter().map(|s| s["_source_id"].clone()).collect::<Vec<_>>(),
        "last_updated": sources.last().map_or(Value::Null, |s| s["last_updated"].clone()),
        "data": data,
    })
}

fn canonical_of(sources: &[Value], algorithm: &str, record_id: &str) -> Option<Value> {
    let members: Vec<&Value> = sources
        .iter()
        .filter(|s| s["algorithm_id"] == json!(algorithm) && s["record_id"] == json!(record_id))
        .collect();
    (!members.is_empty()).then(|| canonical_doc(&members))
}

/// `POST /identity/match/{algorithm_id}`: stores a source record, linked to a canonical record.
pub(crate) fn match_submit(ctx: &Ctx, algorithm: &str) -> Response {
    if !known_algorithm(algorithm) {
        return ctx.not_found();
    }
    let body = match validate_match(ctx) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let source_id = util::new_uuid();
    let size = util::json_size(&body) + 200;
    tri!(ctx.store(|c| {
        c.admit(
            "identity match sources",
            c.match_sources.len(),
            MAX_ITEMS,
            size,
        )?;
        let record_id = c
            .match_sources
            .iter()
            .find(|s| {
                s["algorithm_id"] == json!(algorithm) && same_person(algorithm, &s["data"], &body)
            })
            .map(|s| s["record_id"].clone())
            .unwrap_or_else(|| json!(util::new_uuid()));
        c.match_sources.push(json!({
            "_source_id": source_id,
            "algorithm_id": algorithm,
            "record_id": record_id,
            "data": body,
            "last_updated": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        }));
        Ok(())
    }));
    ctx.ok(json!({ "_source_id": source_id }))
}

/// `POST /identity/match/{algorithm_id}/find`: the canonical record matching, or `{}`.
pub(crate) fn match_find(ctx: &Ctx, algorithm: &str) -> Response {
    if !known_algorithm(algorithm) {
        return ctx.not_found();
    }
    let body = match validate_match(ctx) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let found = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            let record = c
                .match_sources
                .iter()
                .find(|s| {
                    s["algorithm_id"] == json!(algorithm)
                        && same_person(algorithm, &s["data"], &body)
                })
                .and_then(|s| s["record_id"].as_str().map(str::to_owned))?;
            canonical_of(&c.match_sources, algorithm, &record)
        })
        .flatten();
    ctx.ok(found.unwrap_or_else(|| json!({})))
}

/// `GET /identity/match/{algorithm_id}/{canonical_id}` and `.../sources`.
pub(crate) fn match_canonical(
    ctx: &Ctx,
    algorithm: &str,
    canonical: &str,
    sources: bool,
) -> Response {
    let found = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            let doc = canonical_of(&c.match_sources, algorithm, canonical)?;
            if sources {
                let list: Vec<Value> = c
                    .match_sources
                    .iter()
                    .filter(|s| {
                        s["algorithm_id"] == json!(algorithm) && s["record_id"] == json!(canonical)
                    })
                    .map(|s| json!({"_source_id": s["_source_id"], "data": s["data"]}))
                    .collect();
                Some(json!(list))
            } else {
                Some(doc)
            }
        })
        .flatten();
    match found {
        Some(v) => ctx.ok(v),
        None => ctx.not_found(),
    }
}

/// `GET /identity/match/{algorithm_id}/source/{source_id}` and `.../canonical` (a list).
pub(crate) fn match_source(ctx: &Ctx, algorithm: &str, source: &str, canonical: bool) -> Response {
    let found = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            let src = c.match_sources.iter().find(|s| {
                s["algorithm_id"] == json!(algorithm) && s["_source_id"] == json!(source)
            })?;
            if canonical {
                let record = src["record_id"].as_str()?.to_owned();
                canonical_of(&c.match_sources, algorithm, &record).map(|d| json!([d]))
            } else {
                Some(json!({"_source_id": src["_source_id"], "data": src["data"]}))
            }
        })
        .flatten();
    match found {
        Some(v) => ctx.ok(v),
        None => ctx.not_found(),
    }
}

/// Validates an Identity Proof request.
fn proof_request(ctx: &Ctx) -> Result<Value, Response> {
    let body = ctx.body_with(&["first_name", "last_name", "birth_date"])?;
    let bd = &body["birth_date"];
    let mut missing = Vec::new();
    for part in ["year", "month", "day"] {
        if util::text(&bd[part]).is_none() {
            missing.push(format!("birth_date.{part}"));
        }
    }
    if !util::present(body.get("ssn")) && !util::present(body.get("drivers_license_number")) {
        missing.push("ssn".to_owned());
    }
    if missing.is_empty() {
        Ok(body)
    } else {
        let names: Vec<&str> = missing.iter().map(String::as_str).collect();
        Err(ctx.missing(&names))
    }
}

fn invalid_identity(body: &Value) -> bool {
    s(body, "ssn").is_some_and(|ssn| ssn.chars().all(|c| c == '0'))
}

/// `POST /identity/proof/valid/`.
pub(crate) fn proof_valid(ctx: &Ctx) -> Response {
    match proof_request(ctx) {
        Ok(body) => ctx.ok(json!({"is_verifiable": false, "is_valid": !invalid_identity(&body)})),
        Err(r) => r,
    }
}

fn question(id: u32, text: &str, correct: &str, decoys: &[&str]) -> (Value, u32) {
    let mut answers: Vec<String> = decoys
        .iter()
        .filter(|d| !d.eq_ignore_ascii_case(correct))
        .map(|d| (*d).to_owned())
        .collect();
    let pos = (util::hash_of(&[correct, text]) % (answers.len() as u64 + 1)) as usize;
    answers.insert(pos, correct.to_owned());
    answers.push("None Of The Above".to_owned());
    let list: Vec<Value> = answers
        .iter()
        .enumerate()
        .map(|(i, a)| json!({"answer": a, "id": i + 1}))
        .collect();
    (
        json!({"id": id, "text": text, "answers": list}),
        u32::try_from(pos + 1).unwrap_or(1),
    )
}

/// `POST /identity/proof/questions/generate/`: two questions built from the request's address.
pub(crate) fn proof_generate(ctx: &Ctx) -> Response {
    let body = match proof_request(ctx) {
        Ok(b) => b,
        Err(r) => return r,
    };
    if invalid_identity(&body) {
        return ctx.ok(json!({"is_verifiable": false, "is_valid": false}));
    }
    let zip = s(&body["address"], "postal_code").unwrap_or("49511");
    let city = s(&body["address"], "city").unwrap_or("Springfield");
    // Questionnaires are kept (the oldest dropped past MAX_LOG); keep each one small.
    for (field, v) in [("address.postal_code", zip), ("address.city", city)] {
        if v.chars().count() > 100 {
            return ctx.invalid(&[(field, "At most 100 characters.".to_owned())]);
        }
    }
    let (q1, a1) = question(
        1,
        "Which one of the following zip codes is associated with you?",
        zip,
        &["49557", "49728", "49230"],
    );
    let (q2, a2) = question(
        2,
        "Which one of the following cities have you lived in?",
        city,
        &["Riverton", "Lakewood", "Fairview"],
    );
    let questionnaire_id = util::new_uuid();
    ctx.shared.with_client(&ctx.client_id, |c| {
        if c.questionnaires.len() >= MAX_LOG {
            c.questionnaires.remove(0);
        }
        c.questionnaires.push(json!({
            "questionnaire_id": questionnaire_id,
            "questions": [q1.clone(), q2],
            "answers": [a1, a2],
            "answered": 0,
            "start_dt": util::now_ts(),
            "activity_id": ctx.activity_id(),
            "verification_result": null,
        }));
    });
    ctx.ok(json!({
        "is_verifiable": true,
        "is_valid": true,
        "questionnaire_id": questionnaire_id,
        "question": q1,
    }))
}

/// `POST /identity/proof/questions/score/`.
pub(crate) fn proof_score(ctx: &Ctx) -> Response {
    let body = match ctx.body_with(&["questionnaire_id", "question_id", "answer"]) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let qid = s(&body, "questionnaire_id").unwrap_or_default().to_owned();
    let question_id = util::text(&body["question_id"]).and_then(|t| t.parse::<u64>().ok());
    let answer = util::text(&body["answer"]).and_then(|t| t.parse::<u64>().ok());
    let outcome = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            let q = c
                .questionnaires
                .iter_mut()
                .find(|q| q["questionnaire_id"] == json!(qid))?;
            if !q["verification_result"].is_null() {
                return Some(Err("This questionnaire is finished.".to_owned()));
            }
            let answered = q["answered"].as_u64().unwrap_or(0);
            if question_id != Some(answered + 1) {
                return Some(Err(format!("Answer question {} next.", answered + 1)));
            }
            let expected = q["answers"][answered as usize].as_u64();
            if answer.is_none() || answer != expected {
                q["verification_result"] = json!("FAILURE");
                q["end_dt"] = json!(util::now_ts());
                let next = (chrono::Utc::now() + chrono::Duration::hours(24))
                    .format("%Y-%m-%dT%H:%M:%S%.6f")
                    .to_string();
                return Some(Ok(json!({"status": "FAILURE", "next_attempt": next,
                                      "customer_notified": false})));
            }
            q["answered"] = json!(answered + 1);
            let next = q["questions"].get((answered + 1) as usize).cloned();
            Some(Ok(match next {
                Some(question) => json!({"status": "PENDING", "question": question}),
                None => {
                    q["verification_result"] = json!("SUCCESS");
                    q["end_dt"] = json!(util::now_ts());
                    json!({"status": "SUCCESS", "customer_notified": false})
                }
            }))
        })
        .flatten();
    match outcome {
        None => ctx.not_found(),
        Some(Ok(v)) => ctx.ok(v),
        Some(Err(why)) => ctx.invalid(&[("question_id", why)]),
    }
}

/// `GET /identity/proof/report`.
pub(crate) fn proof_report(ctx: &Ctx) -> Response {
    let items: Vec<Value> = ctx
        .shared
        .with_client(&ctx.client_id, |c| {
            c.questionnaires
                .iter()
                .filter(|q| {
                    ctx.q("questionnaire_id")
                        .is_none_or(|id| q["questionnaire_id"] == json!(id))
                })
                .map(|q| {
                    json!({
                        "questionnaire_id": q["questionnaire_id"],
                        "start_dt": q["start_dt"],
                        "end_dt": q.get("end_dt").cloned().unwrap_or(Value::Null),
                        "verification_result": q["verification_result"],
                        "activities": [{"activity_id": q["activity_id"], "timestamp": q["start_dt"],
                                        "status_code": 200}],
                        "id_fields": ["first_name", "last_name", "birth_date", "ssn"],
                        "is_valid": true,
                        "is_verifiable": true,
                        "n_questions": q["answered"],
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    ctx.page(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance() {
        assert_eq!(levenshtein("Hermann", "Hermana"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
        assert!(fuzzy(Some("Whitmire"), "whitmore"));
        assert!(!fuzzy(Some("Oscar"), "Bob"));
        let long = "x".repeat(10_000);
        assert_eq!(levenshtein(&long, &long.to_uppercase()), 0);
        assert!(!fuzzy(Some(&long), &format!("{long}y")));
    }
}
