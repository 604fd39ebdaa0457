//! Every error status becomes its typed variant, keeps status, meta and body, and never leaks
//! the body into `Display`/`Debug`.

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pokitdok::{Error, StatusCode};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Mounts one answer for GET /api/v4/thing/ and returns the client's result.
async fn answer(
    template: ResponseTemplate,
) -> (
    MockServer,
    pokitdok::Result<pokitdok::ApiResponse<serde_json::Value>>,
) {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/thing/"))
        .respond_with(template)
        // A 401 is replayed once, a 502 of a GET is tried 3 times (the default policy).
        .expect(1..=3)
        .mount(&server)
        .await;
    let r = pd.get("/thing/").send().await;
    (server, r)
}

fn assert_private(e: &Error, sentinels: &[&str]) {
    let shown = format!("{e} {e:?}");
    for s in sentinels {
        assert!(!shown.contains(s), "{s:?} leaked into {shown}");
    }
}

#[tokio::test]
async fn status_402_is_insufficient_credits_with_meta() {
    let (_s, r) = answer(
        ResponseTemplate::new(402).set_body_json(common::fixture("errors.402.response.json")),
    )
    .await;
    let e = r.unwrap_err();
    assert!(matches!(e, Error::InsufficientCredits { .. }), "{e:?}");
    assert_eq!(e.status(), Some(StatusCode::PAYMENT_REQUIRED));
    assert_eq!(e.body().unwrap().message(), Some("Payment Required"));
    assert!(!e.is_retryable());

    let (_s, r) =
        answer(ResponseTemplate::new(402).set_body_json(
            json!({"message": "Payment Required", "meta": {"credits_remaining": 0}}),
        ))
        .await;
    assert_eq!(r.unwrap_err().meta().unwrap().credits_remaining, Some(0));
}

#[tokio::test]
async fn status_403_rate_limited_carries_the_reset_time() {
    let reset = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 30;
    let (_s, r) = answer(ResponseTemplate::new(403).set_body_json(json!({
        "message": "Forbidden (Rate Limited)",
        "meta": {"rate_limit_reset": reset, "rate_limit_cap": 84, "rate_limit_amount": 85}})))
    .await;
    let e = r.unwrap_err();
    match &e {
        Error::RateLimited { reset_at, meta, .. } => {
            assert_eq!(*reset_at, Some(UNIX_EPOCH + Duration::from_secs(reset)));
            assert_eq!(meta.as_ref().unwrap().rate_limit_cap, Some(84));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(e.status(), Some(StatusCode::FORBIDDEN));
    assert!(e.is_retryable());
    let wait = e.retry_after().unwrap();
    assert!(
        wait <= Duration::from_secs(30) && wait >= Duration::from_secs(25),
        "{wait:?}"
    );
    assert!(e.to_string().contains(&reset.to_string()));
}

#[tokio::test]
async fn the_documented_bare_403_rate_limit_body_is_recognised() {
    let (_s, r) = answer(
        ResponseTemplate::new(403)
            .set_body_json(common::fixture("errors.403_rate_limited.response.json")),
    )
    .await;
    assert!(matches!(
        r.unwrap_err(),
        Error::RateLimited { reset_at: None, .. }
    ));
}

#[tokio::test]
async fn other_403s_are_forbidden_with_their_errors() {
    let (_s, r) = answer(ResponseTemplate::new(403).set_body_json(json!({
        "meta": {"processing_time": 1},
        "data": {"errors": {"scope": ["This endpoint requires the user_schedule scope"]}}})))
    .await;
    let e = r.unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    assert_eq!(
        e.body().unwrap().errors().unwrap()["scope"][0],
        "This endpoint requires the user_schedule scope"
    );
    assert!(!e.is_retryable());
}

#[tokio::test]
async fn status_404_is_not_found_and_keeps_closest_api_match() {
    let (_s, r) = answer(ResponseTemplate::new(404).set_body_json(json!({
        "meta": {}, "data": {"errors": {"query": "not found", "closest_api_match": "/authorizations/"}}}))).await;
    let e = r.unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }));
    assert_eq!(
        e.body().unwrap().errors().unwrap()["closest_api_match"],
        "/authorizations/"
    );
}

#[tokio::test]
async fn status_422_labelled_text_html_is_a_validation_error() {
    let body = common::fixture_text("errors.422_validation.response.json");
    let (_s, r) = answer(
        ResponseTemplate::new(422)
            .set_body_raw(body, "text/html; charset=utf-8")
            .insert_header("mimetype", "application/json"),
    )
    .await;
    let e = r.unwrap_err();
    match &e {
        Error::Validation { fields, meta, .. } => {
            assert_eq!(fields["member"], ["This field is required."]);
            assert_eq!(fields["provider"], ["This field is required."]);
            assert_eq!(fields["trading_partner_id"], ["This field is required."]);
            assert_eq!(
                meta.as_ref().unwrap().activity_id.as_deref(),
                Some("53d9506356c02c67c4070096")
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(e.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
    assert!(e.to_string().contains("member"));
}

#[tokio::test]
async fn a_502_html_page_is_an_api_error_with_its_raw_body() {
    let html = "<html><body><h1>502 Bad Gateway</h1>SENTINEL-HTML</body></html>";
    let (server, r) = answer(ResponseTemplate::new(502).set_body_raw(html, "text/html")).await;
    let e = r.unwrap_err();
    let gets = server.received_requests().await.unwrap();
    assert_eq!(
        gets.iter()
            .filter(|r| r.url.path() == "/api/v4/thing/")
            .count(),
        3,
        "a 502 of a GET is retried (3 attempts)"
    );
    match &e {
        Error::Api {
            status, body, meta, ..
        } => {
            assert_eq!(*status, StatusCode::BAD_GATEWAY);
            assert!(meta.is_none());
            assert!(body.json().is_none());
            assert_eq!(body.raw().text(), html);
        }
        other => panic!("{other:?}"),
    }
    assert!(e.is_retryable());
    assert_private(&e, &["SENTINEL-HTML"]);
}

#[tokio::test]
async fn truncated_json_on_a_2xx_is_a_decode_error_with_status() {
    let (_s, r) = answer(ResponseTemplate::new(200).set_body_raw(
        r#"{"meta": {}, "data": {"name": "SENTINEL"#,
        "application/json",
    ))
    .await;
    let e = r.unwrap_err();
    match &e {
        Error::Decode {
            status, kind, body, ..
        } => {
            assert_eq!(*status, StatusCode::OK);
            assert!(kind.contains("truncated"), "{kind}");
            assert!(body.text().contains("SENTINEL"));
        }
        other => panic!("{other:?}"),
    }
    assert_private(&e, &["SENTINEL"]);
}

#[tokio::test]
async fn a_typed_decode_failure_names_the_json_path_but_not_the_value() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Member {
        birth_date: u32,
    }
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/members/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "meta": {}, "data": [{"birth_date": 1}, {"birth_date": "SENTINEL-1970-01-25"}]})))
        .expect(1)
        .mount(&server)
        .await;
    let e = pd
        .get("/members/")
        .send_as::<Vec<Member>>()
        .await
        .unwrap_err();
    match &e {
        Error::Decode { path, .. } => assert_eq!(path, "data[1].birth_date"),
        other => panic!("{other:?}"),
    }
    assert_private(&e, &["SENTINEL"]);
}

#[tokio::test]
async fn an_empty_2xx_body_is_a_success() {
    for status in [200, 204] {
        let (_s, r) = answer(ResponseTemplate::new(status)).await;
        let r = r.unwrap();
        assert_eq!(r.status().as_u16(), status);
        assert_eq!(r.data, serde_json::Value::Null);
        assert_eq!(r.meta, pokitdok::Meta::default());
    }
}

#[tokio::test]
async fn a_trading_partner_rejection_on_a_200_is_an_error() {
    let body = common::fixture("errors.parsing.response.json");
    let (_s, r) = answer(ResponseTemplate::new(200).set_body_json(&body)).await;
    let e = r.unwrap_err();
    match &e {
        Error::TradingPartner {
            status,
            meta,
            body: b,
            ..
        } => {
            assert_eq!(*status, StatusCode::OK);
            assert_eq!(meta.as_ref().unwrap().credits_billed, Some(0));
            assert_eq!(
                b.errors().unwrap()["parsing"]["functional_group_acknowledge"],
                "Rejected"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn any_other_status_is_an_api_error_keeping_meta_and_errors() {
    let (_s, r) = answer(ResponseTemplate::new(400).set_body_json(json!({
        "meta": {"activity_id": "abc", "processing_time": 2}, "data": {"errors": {"query": "bad"}}}))).await;
    let e = r.unwrap_err();
    assert!(matches!(e, Error::Api { status, .. } if status == StatusCode::BAD_REQUEST));
    assert_eq!(e.meta().unwrap().activity_id.as_deref(), Some("abc"));
    assert_eq!(e.body().unwrap().errors().unwrap()["query"], "bad");
    assert!(!e.is_retryable());
}

#[tokio::test]
async fn error_bodies_never_reach_display_or_debug() {
    let sentinel = "SENTINEL-PATIENT-JANE-DOE";
    for status in [400, 401, 402, 403, 404, 422, 500] {
        let (_s, r) = answer(ResponseTemplate::new(status).set_body_json(json!({
            "message": sentinel,
            "meta": {"message": sentinel},
            "data": {"errors": {"validation": {"member": [sentinel]}, "query": sentinel}}})))
        .await;
        let e = r.unwrap_err();
        // 422 messages are shown by field name only.
        assert_private(&e, &[sentinel]);
        assert_eq!(e.status().unwrap().as_u16(), status);
    }
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error_without_the_url() {
    // A port nothing listens on (wiremock pools its servers, so bind and drop our own).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let uri = format!("http://127.0.0.1:{port}");
    let pd = pokitdok::PokitDok::builder()
        .base_url(&uri)
        .token(pokitdok::Token::new("t", Some(Duration::from_secs(3600))))
        .build()
        .unwrap();
    let e = pd
        .get("/activities/")
        .query(&[("last_name", "SENTINEL")])
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");
    assert!(e.is_connect());
    assert!(!e.is_timeout());
    assert!(e.is_retryable());
    let source = std::error::Error::source(&e)
        .and_then(|s| s.downcast_ref::<reqwest::Error>())
        .expect("the reqwest error is the source");
    assert!(source.is_connect() && source.url().is_none());
    let shown = format!("{e} {e:?}");
    assert!(
        !shown.contains("SENTINEL") && !shown.contains(&uri),
        "{shown}"
    );
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout() {
    let (server, _) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/slow/"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let pd = common::client(&server);
    let e = pd
        .get("/slow/")
        .timeout(Duration::from_millis(200))
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Timeout {
                phase: pokitdok::TimeoutPhase::Request,
                ..
            }
        ),
        "{e:?}"
    );
    // The client-wide timeout applies too.
    let pd = pokitdok::PokitDok::builder()
        .client_id("a")
        .client_secret("b")
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    assert!(matches!(
        pd.get("/slow/").send().await,
        Err(Error::Timeout {
            phase: pokitdok::TimeoutPhase::Request,
            ..
        })
    ));
}
