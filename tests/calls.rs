//! `Call<T>`, what every typed method returns: per-call headers and timeout on the wire, the
//! `customize` escape hatch, argument errors reported on await, options carried to later pages,
//! and a `Debug` without patient data.

mod common;

use std::time::Duration;

use common::{ACCESS_TOKEN, envelope, fixture};
use futures_util::TryStreamExt;
use pokitdok::models::activities::ActivitiesQuery;
use pokitdok::models::eligibility::EligibilityRequest;
use pokitdok::models::{Member, Provider};
use pokitdok::{Call, Error};
use serde_json::{Value, json};
use wiremock::matchers::{bearer_token, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn api_requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path().starts_with("/api/"))
        .collect()
}

fn eligibility_request() -> EligibilityRequest {
    EligibilityRequest::new(
        Member::new("W000000000", "Jane", "Doe", "1970-01-25"),
        Provider::person("1467560003", "JEROME", "AYA-AY"),
        "MOCKPAYER",
    )
}

#[test]
fn calls_are_send_and_their_futures_too() {
    fn send<T: Send>(_: &T) {}
    let pd = pokitdok::PokitDok::builder()
        .client_id("id")
        .client_secret("secret")
        .build()
        .unwrap();
    let call = pd.activity("5745e9920640fd7aa95935f5");
    send(&call);
    let fut = std::future::IntoFuture::into_future(call);
    send(&fut);
    let page: Call<pokitdok::Page<Value>> = pd.page("/activities/", &[("limit", "1")]);
    send(&page);
}

#[tokio::test]
async fn header_and_timeout_go_with_a_typed_call() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/"))
        .and(bearer_token(ACCESS_TOKEN))
        .and(header("x-trace", "1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(envelope(fixture("claims.response.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    let claim: pokitdok::models::claims::ClaimRequest =
        serde_json::from_value(fixture("claims.request.json")).unwrap();
    let activity = pd
        .claims(&claim)
        .timeout(Duration::from_secs(20))
        .header("x-trace", "1")
        .await
        .unwrap()
        .data;
    assert!(activity.id.is_some());
}

#[tokio::test]
async fn a_call_timeout_overrides_the_clients() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/slow"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(fixture("activities.get.response.json")))
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let started = std::time::Instant::now();
    let err = pd
        .activity("slow")
        .timeout(Duration::from_millis(200))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                phase: pokitdok::TimeoutPhase::Request,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[tokio::test]
async fn customize_reaches_the_request_builder() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/providers/"))
        .and(query_param("zipcode", "29307"))
        .and(query_param("sort", "distance"))
        .and(header("x-customized", "yes"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(json!([]))))
        .expect(1)
        .mount(&server)
        .await;
    let page = pd
        .providers(&pokitdok::models::data::ProvidersQuery::default().zipcode("29307"))
        .customize(|r| {
            r.query(&[("sort", "distance")])
                .header("x-customized", "yes")
        })
        .await
        .unwrap();
    assert!(page.data.is_empty());
}

#[tokio::test]
async fn an_invalid_header_is_an_error_on_await_and_nothing_is_sent() {
    let (server, pd) = common::platform().await;
    let err = pd
        .activity("a1")
        .header("bad header", "x")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_bad_id_is_an_error_on_await_and_nothing_is_sent() {
    let (server, pd) = common::platform().await;
    let call = pd.activity("..");
    // Building the call sends nothing and fails nothing...
    assert!(server.received_requests().await.unwrap().is_empty());
    // ...awaiting it reports the argument error, still without a request (not even a token).
    let err = call.await.unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    let err = pd
        .identity_history("")
        .header("x-trace", "1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn page_options_and_extra_query_carry_to_the_next_pages() {
    let (server, pd) = common::platform().await;
    let activity = fixture("activities.get.response.json");
    // Two full pages of 2, then a short one: offset navigation (no meta.next).
    for (offset, n) in [("0", 2), ("2", 2), ("4", 1)] {
        let mut m = Mock::given(method("GET"))
            .and(path("/api/v4/activities/"))
            .and(header("x-trace", "paged"))
            .and(query_param("limit", "2"))
            .and(query_param("extra", "kept"));
        m = if offset == "0" {
            m.and(query_param_is_missing("offset"))
        } else {
            m.and(query_param("offset", offset))
        };
        // Distinct ids: pages with the same data would be a server repeating a page.
        let items = (0..n)
            .map(|i| {
                let mut a = activity.clone();
                a["id"] = json!(format!("activity-{offset}-{i}"));
                a
            })
            .collect();
        m.respond_with(ResponseTemplate::new(200).set_body_json(envelope(Value::Array(items))))
            .mount(&server)
            .await;
    }
    let first = pd
        .activities(&ActivitiesQuery::new().limit(2))
        .header("x-trace", "paged")
        .timeout(Duration::from_secs(5))
        .customize(|r| r.query(&[("extra", "kept")]))
        .await
        .unwrap();
    assert_eq!(first.data.len(), 2);
    let second = first.next_page().await.unwrap().expect("a second page");
    assert_eq!(second.data.len(), 2);
    let all: Vec<_> = first.stream().try_collect().await.unwrap();
    assert_eq!(all.len(), 5);
    let requests = api_requests(&server).await;
    // first, second (next_page), then second and third again (stream).
    assert_eq!(requests.len(), 4);
    for r in &requests {
        assert_eq!(r.headers.get("x-trace").unwrap(), "paged", "{}", r.url);
        let extras = r.url.query_pairs().filter(|(k, _)| k == "extra").count();
        assert_eq!(extras, 1, "{}", r.url);
    }
}

#[tokio::test]
async fn page_options_follow_meta_next_too() {
    let (server, pd) = common::platform().await;
    let next = format!("{}/api/v4/activities/?cursor=2", server.uri());
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .and(query_param("cursor", "2"))
        .and(header("x-trace", "next"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "meta": {}, "data": [{"id": "another-activity"}]})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .and(query_param_is_missing("cursor"))
        .and(header("x-trace", "next"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "meta": {"next": next}, "data": [fixture("activities.get.response.json")]})))
        .expect(1)
        .mount(&server)
        .await;
    let first = pd
        .activities(&ActivitiesQuery::new())
        .header("x-trace", "next")
        .await
        .unwrap();
    let second = first
        .next_page()
        .await
        .unwrap()
        .expect("meta.next is followed");
    assert_eq!(second.data.len(), 1);
}

#[test]
fn debug_shows_no_body_or_query_values() {
    let pd = pokitdok::PokitDok::builder()
        .client_id("id")
        .client_secret("secret")
        .build()
        .unwrap();
    let call = pd
        .eligibility(&eligibility_request())
        .header("x-trace", "1")
        .timeout(Duration::from_secs(3));
    let shown = format!("{call:?}");
    assert!(shown.contains("/eligibility/"), "{shown}");
    assert!(shown.contains("x-trace"), "{shown}");
    for secret in ["W000000000", "Jane", "Doe", "1970-01-25", "secret"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    let page = pd.providers(
        &pokitdok::models::data::ProvidersQuery::default()
            .first_name("Jerome")
            .zipcode("29307"),
    );
    let shown = format!("{page:?}");
    assert!(
        !shown.contains("Jerome") && !shown.contains("29307"),
        "{shown}"
    );
}
