//! Identity, Identity Match and Identity Proof: every operation against a mock platform,
//! checking what went over the wire.

mod common;

use common::{envelope, fixture};
use pokitdok::Error;
use pokitdok::models::Paging;
use pokitdok::models::identity::{
    DateParts, Gender, Identity, IdentityMatchRequest, IdentityProofRequest, IdentityQuery,
    IdentityRequest, ProofAnswerRequest, ProofReport, ProofReportQuery, ProofStatus, StreetAddress,
};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

const UUID: &str = "881bc095-2068-43cb-9783-cce630364122";
const ALG: &str = "test_name_and_strong_id";

fn bearer() -> String {
    format!("Bearer {}", common::ACCESS_TOKEN)
}

fn ok(data: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(envelope(data))
}

/// The create example with the `uuid` the platform adds.
fn stored_identity() -> Value {
    let mut v = fixture("identity.create.request.json");
    v["uuid"] = json!(UUID);
    v
}

async fn api_requests(server: &wiremock::MockServer) -> Vec<wiremock::Request> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.url.path().starts_with("/api/"))
        .collect()
}

// ----- identity resources ---------------------------------------------------------------------

#[tokio::test]
async fn creates_an_identity() {
    let (server, pd) = common::platform().await;
    let wire = fixture("identity.create.request.json");
    Mock::given(method("POST"))
        .and(path("/api/v4/identity/"))
        .and(header("authorization", bearer().as_str()))
        .and(header("content-type", "application/json"))
        .and(body_json(&wire))
        .respond_with(ok(stored_identity()))
        .expect(1)
        .mount(&server)
        .await;

    let req: IdentityRequest = serde_json::from_value(wire).unwrap();
    let created = pd.create_identity(&req).await.unwrap().data;
    assert_eq!(created.uuid.as_deref(), Some(UUID));
    assert_eq!(created.gender, Some(Gender::Male));
    assert_eq!(created.birth_date.unwrap().as_str(), "2000-05-25");
    assert_eq!(
        created.identifiers[0].system_uuid.as_deref(),
        Some("967d207f-b024-41cc-8cac-89575a1f6fef")
    );
    assert_eq!(
        created.address.unwrap().city.as_deref(),
        Some("Springfield")
    );
}

#[tokio::test]
async fn updates_an_identity() {
    let (server, pd) = common::platform().await;
    let wire = fixture("identity.update.request.json");
    let mut updated = wire.clone();
    updated["uuid"] = json!(UUID);
    Mock::given(method("PUT"))
        .and(path(format!("/api/v4/identity/{UUID}")))
        .and(header("authorization", bearer().as_str()))
        .and(body_json(&wire))
        .respond_with(ok(updated))
        .expect(1)
        .mount(&server)
        .await;

    let req: IdentityRequest = serde_json::from_value(wire).unwrap();
    let r = pd.update_identity(UUID, &req).await.unwrap();
    assert_eq!(r.data.email.as_deref(), Some("oscar.whitmire@pokitdok.com"));
    assert_eq!(r.data.uuid.as_deref(), Some(UUID));
}

#[tokio::test]
async fn searches_identities() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/identity"))
        .and(header("authorization", bearer().as_str()))
        .and(query_param("first_name", "Oscar"))
        .and(query_param("last_name", "Whitmire"))
        .and(query_param("gender", "male"))
        .and(query_param("birth_date", "2000-05-25"))
        .and(query_param("zipcode", "90210"))
        .and(query_param("limit", "5"))
        .respond_with(ok(json!([stored_identity()])))
        .expect(1)
        .mount(&server)
        .await;

    let mut q = IdentityQuery::name("Oscar", "Whitmire");
    q.gender = Some(Gender::Male);
    q.birth_date = Some("2000-05-25".into());
    q.zipcode = Some("90210".into());
    q.limit = Some(5);
    let page = pd.identities(&q).await.unwrap();
    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].uuid.as_deref(), Some(UUID));
    let reqs = api_requests(&server).await;
    assert_eq!(reqs[0].url.query_pairs().count(), 6);
}

#[tokio::test]
async fn identity_search_follows_the_platform_redirect() {
    let (server, pd) = common::platform().await;
    // The real platform answers `/identity` with a 301 to `/identity/`, query kept.
    Mock::given(method("GET"))
        .and(path("/api/v4/identity"))
        .respond_with(ResponseTemplate::new(301).insert_header(
            "location",
            "/api/v4/identity/?first_name=Oscar&last_name=Whitmire",
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/identity/"))
        .and(header("authorization", bearer().as_str()))
        .and(query_param("first_name", "Oscar"))
        .and(query_param("last_name", "Whitmire"))
        .respond_with(ok(json!([stored_identity()])))
        .expect(1)
        .mount(&server)
        .await;

    let page = pd
        .identities(&IdentityQuery::name("Oscar", "Whitmire"))
        .await
        .unwrap();
    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].last_name.as_deref(), Some("Whitmire"));
    assert_eq!(api_requests(&server).await.len(), 2);
}

#[tokio::test]
async fn gets_an_identity_as_list_or_object() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path(format!("/api/v4/identity/{UUID}")))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ok(json!([stored_identity()])))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    let r = pd.identity(UUID).await.unwrap();
    assert_eq!(r.data.len(), 1);
    assert_eq!(r.data[0].uuid.as_deref(), Some(UUID));

    Mock::given(method("GET"))
        .and(path(format!("/api/v4/identity/{UUID}")))
        .respond_with(ok(stored_identity()))
        .expect(1)
        .mount(&server)
        .await;
    let r = pd.identity(UUID).await.unwrap();
    assert_eq!(r.data.len(), 1);
    assert_eq!(r.data[0].suffix.as_deref(), Some("IV"));
}

#[tokio::test]
async fn gets_identity_history_and_a_version() {
    let (server, pd) = common::platform().await;
    let history = json!([
        {"insert_dt": "2016-05-25T18:06:11.239000", "version": 1},
        {"insert_dt": "2016-06-01T09:00:00.000000", "version": 2}
    ]);
    Mock::given(method("GET"))
        .and(path(format!("/api/v4/identity/{UUID}/history")))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ok(history.clone()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/api/v4/identity/{UUID}/history/2")))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ok(stored_identity()))
        .expect(1)
        .mount(&server)
        .await;

    let h = pd.identity_history(UUID).await.unwrap();
    assert_eq!(h.data.len(), 2);
    assert_eq!(h.data[1].extra["version"], 2);
    assert_eq!(serde_json::to_value(&h.data).unwrap(), history);

    let v = pd.identity_history_version(UUID, "2").await.unwrap().data;
    assert_eq!(v.uuid.as_deref(), Some(UUID));
}

// ----- identity match -------------------------------------------------------------------------

#[tokio::test]
async fn starts_a_duplication_job() {
    let (server, pd) = common::platform().await;
    let wire = fixture("identity_match.submit.request.json");
    Mock::given(method("POST"))
        .and(path("/api/v4/identity/match"))
        .and(header("authorization", bearer().as_str()))
        .and(body_json(&wire))
        .respond_with(ok(json!({})))
        .expect(1)
        .mount(&server)
        .await;

    let req: IdentityMatchRequest = serde_json::from_value(wire).unwrap();
    let r = pd.start_identity_match(&req).await.unwrap();
    assert_eq!(
        r.meta.activity_id.as_deref(),
        Some("5745e9920640fd7aa95935f5")
    );
}

#[tokio::test]
async fn lists_and_gets_match_configs() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/identity/match_config/"))
        .and(header("authorization", bearer().as_str()))
        .and(query_param("limit", "3"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture("identity_match.match_config.list.response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/api/v4/identity/match_config/{ALG}")))
        .and(header("authorization", bearer().as_str()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture("identity_match.match_config.get.response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;

    let page = pd
        .identity_match_configs(&Paging {
            limit: Some(3),
            offset: None,
        })
        .await
        .unwrap();
    assert_eq!(page.data.len(), 3);
    assert_eq!(
        page.data[0].algorithm_id.as_deref(),
        Some("test_name_and_birth_year")
    );

    let c = pd.identity_match_config(ALG).await.unwrap().data;
    assert_eq!(
        c.input_topic.as_deref(),
        Some("test_name_and_strong_id_source_ids")
    );
    assert_eq!(c.owner_id.as_deref(), Some("9P10N4H2F7ZbaAU6RYct"));
    assert_eq!(c.insert_dt.as_deref(), Some("Fri Feb 10 02:11:01 2017"));
}

#[tokio::test]
async fn submits_an_identity_to_a_match_config() {
    let (server, pd) = common::platform().await;
    let wire = fixture("identity_match.submit.request.json");
    Mock::given(method("POST"))
        .and(path(format!("/api/v4/identity/match/{ALG}")))
        .and(header("authorization", bearer().as_str()))
        .and(body_json(&wire))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture("identity_match.submit.response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;

    let req: IdentityMatchRequest = serde_json::from_value(wire).unwrap();
    let r = pd.submit_identity_match(ALG, &req).await.unwrap();
    assert_eq!(
        r.data.source_id.as_deref(),
        Some("908908ce-ef69-11e6-8304-92b49a60ff89")
    );
}

#[tokio::test]
async fn match_validation_error_is_typed_with_nested_fields() {
    let (server, pd) = common::platform().await;
    let mut req = IdentityMatchRequest::name("Siena", "Hermann");
    req.birth_date = Some(serde_json::from_value(json!({"year": 1988, "day": 13})).unwrap());
    Mock::given(method("POST"))
        .and(path(format!("/api/v4/identity/match/{ALG}")))
        .and(body_json(
            json!({"first_name": "Siena", "last_name": "Hermann",
                              "birth_date": {"year": 1988, "day": 13}}),
        ))
        .respond_with(
            ResponseTemplate::new(422)
                .insert_header("content-type", "text/html; charset=utf-8")
                .set_body_json(fixture("identity_match.submit.response.2.json")),
        )
        .expect(1)
        .mount(&server)
        .await;

    let err = pd.submit_identity_match(ALG, &req).await.unwrap_err();
    let Error::Validation { fields, .. } = &err else {
        panic!("not a validation error: {err:?}")
    };
    assert_eq!(fields["birth_date.month"], ["Missing field."]);
    assert_eq!(
        err.body().unwrap().errors().unwrap()["validation"]["birth_date"]["month"],
        "Missing field."
    );
}

#[tokio::test]
async fn gets_canonical_records_and_sources() {
    let (server, pd) = common::platform().await;
    let canonical = "d92a6984-ee41-11e6-8973-82d1feccb5b2";
    let source = "d8fa22d8-ee41-11e6-9b4e-02cfa09edce7";
    let source_doc = json!({"_source_id": source,
                            "data": fixture("identity_match.submit.request.json")});
    Mock::given(method("GET"))
        .and(path(format!("/api/v4/identity/match/{ALG}/{canonical}")))
        .and(header("authorization", bearer().as_str()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture("identity_match.canonical.response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!(
            "/api/v4/identity/match/{ALG}/{canonical}/sources"
        )))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ok(json!([source_doc.clone()])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!(
            "/api/v4/identity/match/{ALG}/source/{source}"
        )))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ok(source_doc))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!(
            "/api/v4/identity/match/{ALG}/source/{source}/canonical"
        )))
        .and(header("authorization", bearer().as_str()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture("identity_match.source_canonical.response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;

    let c = pd
        .identity_match_canonical(ALG, canonical)
        .await
        .unwrap()
        .data;
    assert_eq!(c.record_id.as_deref(), Some(canonical));
    assert_eq!(c.sources, [source]);
    assert_eq!(
        c.data.unwrap().email.as_deref(),
        Some("Siena.Hermann@hotmail.com")
    );

    let sources = pd
        .identity_match_canonical_sources(ALG, canonical)
        .await
        .unwrap();
    assert_eq!(sources.data[0].source_id.as_deref(), Some(source));
    assert_eq!(
        sources.data[0].data.as_ref().unwrap().last_name.as_deref(),
        Some("Hermana")
    );

    let s = pd.identity_match_source(ALG, source).await.unwrap().data;
    assert_eq!(
        s.data.unwrap().birth_date.unwrap(),
        DateParts::new(1988, 5, 13)
    );

    let list = pd
        .identity_match_source_canonical(ALG, source)
        .await
        .unwrap();
    assert_eq!(list.data.len(), 1);
    assert_eq!(list.data[0].record_id.as_deref(), Some(canonical));
}

#[tokio::test]
async fn finds_a_match_or_none() {
    let (server, pd) = common::platform().await;
    let wire = fixture("identity_match.find.request.json");
    Mock::given(method("POST"))
        .and(path(format!("/api/v4/identity/match/{ALG}/find")))
        .and(header("authorization", bearer().as_str()))
        .and(body_json(&wire))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture("identity_match.find.response.json")),
        )
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    let req: IdentityMatchRequest = serde_json::from_value(wire).unwrap();
    let found = pd.find_identity_match(ALG, &req).await.unwrap().data;
    assert_eq!(
        found.unwrap().record_id.as_deref(),
        Some("d92a6984-ee41-11e6-8973-82d1feccb5b2")
    );

    Mock::given(method("POST"))
        .and(path(format!("/api/v4/identity/match/{ALG}/find")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture("identity_match.find.response.2.json")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let none = pd.find_identity_match(ALG, &req).await.unwrap();
    assert!(none.data.is_none());
}

// ----- identity proof -------------------------------------------------------------------------

fn proof_request() -> (IdentityProofRequest, Value) {
    let mut req = IdentityProofRequest::new("Gary", "Hopkins", DateParts::new(1982, 8, 3))
        .ssn("1234")
        .address(StreetAddress::new("1 Main St", "Charleston", "SC", "29401"));
    req.email = Some("gary@example.com".into());
    let wire = json!({
        "first_name": "Gary", "last_name": "Hopkins", "ssn": "1234",
        "birth_date": {"year": 1982, "month": 8, "day": 3},
        "address": {"street1": "1 Main St", "city": "Charleston",
                    "state_or_province": "SC", "postal_code": "29401"},
        "email": "gary@example.com"
    });
    (req, wire)
}

#[tokio::test]
async fn validates_an_identity() {
    let (server, pd) = common::platform().await;
    let (req, wire) = proof_request();
    Mock::given(method("POST"))
        .and(path("/api/v4/identity/proof/valid/"))
        .and(header("authorization", bearer().as_str()))
        .and(body_json(&wire))
        .respond_with(ok(fixture("identity_proof.generate.response.json")))
        .expect(1)
        .mount(&server)
        .await;

    let v = pd.validate_identity(&req).await.unwrap().data;
    assert_eq!(v.is_valid, Some(true));
    assert_eq!(v.is_verifiable, Some(false));
}

#[tokio::test]
async fn generates_a_questionnaire_and_scores_answers() {
    let (server, pd) = common::platform().await;
    let (req, wire) = proof_request();
    Mock::given(method("POST"))
        .and(path("/api/v4/identity/proof/questions/generate/"))
        .and(header("authorization", bearer().as_str()))
        .and(body_json(&wire))
        .respond_with(ok(fixture("identity_proof.generate.response.3.json")))
        .expect(1)
        .mount(&server)
        .await;
    let score_wire = fixture("identity_proof.score.request.json");
    Mock::given(method("POST"))
        .and(path("/api/v4/identity/proof/questions/score/"))
        .and(header("authorization", bearer().as_str()))
        .and(body_json(&score_wire))
        .respond_with(ok(fixture("identity_proof.score.response.3.json")))
        .expect(1)
        .mount(&server)
        .await;

    let q = pd.create_proof_questionnaire(&req).await.unwrap().data;
    assert_eq!(q.is_verifiable, Some(true));
    let question = q.question.unwrap();
    assert_eq!(question.answers.len(), 5);

    // Answer with the ids as received (numbers, like the documented example).
    let answer = ProofAnswerRequest::new(
        "a9ec1381-5ad6-499b-a3a6-644ece186363",
        question.id.clone().unwrap(),
        question.answers[1].id.clone().unwrap(),
    );
    let score = pd.answer_proof_question(&answer).await.unwrap().data;
    assert_eq!(score.status, Some(ProofStatus::Pending));
    assert_eq!(score.question.unwrap().id, Some(json!(2)));
}

#[tokio::test]
async fn locked_identity_is_forbidden() {
    let (server, pd) = common::platform().await;
    let (req, _) = proof_request();
    Mock::given(method("POST"))
        .and(path("/api/v4/identity/proof/questions/generate/"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"message": "Forbidden"})))
        .expect(1)
        .mount(&server)
        .await;
    let err = pd.create_proof_questionnaire(&req).await.unwrap_err();
    assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
}

#[tokio::test]
async fn gets_proof_reports_as_records_or_csv() {
    let (server, pd) = common::platform().await;
    let records = json!([{
        "start_dt": "2016-10-14T20:41:43.292695", "end_dt": "2016-10-14T20:46:43.292695",
        "questionnaire_id": "a9ec1381-5ad6-499b-a3a6-644ece186363",
        "verification_result": "SUCCESS",
        "activities": [{"activity_id": "5801ec0a0640fd1ee6cbe2b5",
                        "timestamp": "2016-10-14T20:41:43.292695", "status_code": 200}],
        "id_fields": ["first_name", "last_name", "birth_date", "ssn"],
        "is_valid": true, "is_verifiable": true, "n_questions": 3
    }]);
    Mock::given(method("GET"))
        .and(path("/api/v4/identity/proof/report"))
        .and(header("authorization", bearer().as_str()))
        .and(query_param(
            "questionnaire_id",
            "a9ec1381-5ad6-499b-a3a6-644ece186363",
        ))
        .respond_with(ok(records))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/identity/proof/report"))
        .and(query_param("csv", "true"))
        .and(query_param("start_dt", "2016-10-14"))
        .respond_with(ok(json!("start_dt,end_dt,questionnaire_id\n")))
        .expect(1)
        .mount(&server)
        .await;

    let r = pd
        .identity_proof_report(&ProofReportQuery {
            questionnaire_id: Some("a9ec1381-5ad6-499b-a3a6-644ece186363".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let ProofReport::Records(list) = r.data else {
        panic!("expected records")
    };
    assert_eq!(list[0].verification_result, Some(ProofStatus::Success));
    assert_eq!(list[0].n_questions, Some(3));
    assert_eq!(list[0].activities[0].status_code, Some(200));

    let r = pd
        .identity_proof_report(&ProofReportQuery {
            csv: Some(true),
            start_dt: Some("2016-10-14".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        r.data,
        ProofReport::Csv("start_dt,end_dt,questionnaire_id\n".into())
    );
}

// ----- ids and PHI ----------------------------------------------------------------------------

#[tokio::test]
async fn hostile_ids_are_encoded_or_refused() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/identity/a%2Fb%3Fc%23d"))
        .respond_with(ok(stored_identity()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(
            "/api/v4/identity/match/a%2Fb/source/c%3Fd%23e/canonical",
        ))
        .respond_with(ok(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    pd.identity("a/b?c#d").await.unwrap();
    pd.identity_match_source_canonical("a/b", "c?d#e")
        .await
        .unwrap();
    for r in api_requests(&server).await {
        assert_eq!(r.url.query(), None);
    }

    let req = IdentityRequest::default();
    let m = IdentityMatchRequest::default();
    let results = [
        pd.identity("..").await.map(|_| ()),
        pd.update_identity(".", &req).await.map(|_| ()),
        pd.identity_history("").await.map(|_| ()),
        pd.identity_history_version(UUID, "..").await.map(|_| ()),
        pd.identity_match_config("..").await.map(|_| ()),
        pd.submit_identity_match("..", &m).await.map(|_| ()),
        pd.identity_match_canonical(ALG, "..").await.map(|_| ()),
        pd.identity_match_canonical_sources("..", "x")
            .await
            .map(|_| ()),
        pd.identity_match_source(ALG, "..").await.map(|_| ()),
        pd.find_identity_match("..", &m).await.map(|_| ()),
    ];
    for r in results {
        assert!(matches!(r, Err(Error::Config { .. })), "{r:?}");
    }
    assert_eq!(api_requests(&server).await.len(), 2);
}

#[test]
fn debug_output_holds_no_phi() {
    let identity: Identity = serde_json::from_value(json!({
        "uuid": "SENTINEL-UUID", "prefix": "Mx.", "first_name": "Zebulonsentinel",
        "middle_name": "Middlesentinel", "last_name": "Quagmiresentinel", "suffix": "XIV",
        "birth_date": "1911-11-11", "gender": "female", "email": "sentinel@example.invalid",
        "phone": "555-000-9999", "secondary_phone": "555-000-8888", "ssn": "987-65-4321",
        "member_id": "SENTINEL-MEMBER",
        "address": {"address_lines": ["1 Sentinel Way"], "city": "Sentinelville",
                    "state": "SC", "zipcode": "29999"},
        "identifiers": [{"system_uuid": "sys", "provider_uuid": "prov",
                         "value": "SENTINEL-EXTERNAL-ID"}]
    }))
    .unwrap();
    let request = IdentityRequest::from(identity.clone());
    let mut query = IdentityQuery::name("Zebulonsentinel", "Quagmiresentinel");
    query.birth_date = Some("1911-11-11".into());
    query.email = Some("sentinel@example.invalid".into());
    let mut matching =
        IdentityMatchRequest::name("Zebulonsentinel", "Quagmiresentinel").birth_date(1911, 11, 11);
    matching.ssn = Some("987-65-4321".into());
    matching.address = Some(StreetAddress::new(
        "1 Sentinel Way",
        "Sentinelville",
        "SC",
        "29999",
    ));
    let proof = IdentityProofRequest::new(
        "Zebulonsentinel",
        "Quagmiresentinel",
        DateParts::new(1911, 11, 11),
    )
    .ssn("987-65-4321");
    let appointment: pokitdok::models::scheduling::Appointment = serde_json::from_value(json!({
        "status": "booked",
        "patient": {"first_name": "Zebulonsentinel", "last_name": "Quagmiresentinel",
                    "birth_date": "1911-11-11", "email": "sentinel@example.invalid",
                    "_uuid": "SENTINEL-UUID"}
    }))
    .unwrap();

    let out =
        format!("{identity:?}\n{request:?}\n{query:?}\n{matching:?}\n{proof:?}\n{appointment:?}");
    for s in [
        "Zebulonsentinel",
        "Middlesentinel",
        "Quagmiresentinel",
        "1911",
        "sentinel@example",
        "555-000",
        "987-65-4321",
        "SENTINEL",
        "Sentinel Way",
        "Sentinelville",
        "29999",
    ] {
        assert!(!out.contains(s), "{s} leaked:\n{out}");
    }
    // Harmless fields stay visible.
    assert!(out.contains("female") && out.contains("SC"), "{out}");
}
