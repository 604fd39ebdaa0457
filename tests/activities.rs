//! Activities: list, get, cancel — verb, path, query, body and headers on the wire.

mod common;

use common::{ACCESS_TOKEN, envelope, fixture};
use pokitdok::Error;
use pokitdok::models::activities::{ActivitiesQuery, ActivityState, ActivityUpdate};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn lists_activities_with_parent_limit_offset() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .and(query_param("parent_id", "5745bbdd0640fd3a8186d5d6"))
        .and(query_param("limit", "5"))
        .and(query_param("offset", "10"))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(fixture("activities.list.response.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    let q = ActivitiesQuery::new()
        .parent_id("5745bbdd0640fd3a8186d5d6")
        .limit(5)
        .offset(10);
    let page = pd.activities(&q).await.unwrap();
    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].id.as_deref(), Some("5745bbdd0640fd3a8186d5d6"));
    assert_eq!(page.data[0].state_name(), Some(&ActivityState::Init));
}

#[tokio::test]
async fn lists_activities_without_query() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .and(query_param_is_missing("parent_id"))
        .and(query_param_is_missing("limit"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(fixture("activities.list.response.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    let page = pd.activities(&Default::default()).await.unwrap();
    assert_eq!(
        page.meta.activity_id.as_deref(),
        Some("5745e9920640fd7aa95935f5")
    );
}

#[tokio::test]
async fn gets_one_activity() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/5745e9920640fd7aa95935f5"))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(fixture("activities.get.response.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    let a = pd.activity("5745e9920640fd7aa95935f5").await.unwrap().data;
    assert_eq!(a.state_name(), Some(&ActivityState::Completed));
    assert!(a.is_finished());
    assert_eq!(a.history.len(), 2);
}

#[tokio::test]
async fn cancels_with_put_and_exact_body() {
    let (server, pd) = common::platform().await;
    // The documented request example decodes into the request type and re-encodes identically.
    let example = fixture("activities.cancel.request.json");
    let update: ActivityUpdate = serde_json::from_value(example.clone()).unwrap();
    assert_eq!(update, ActivityUpdate::cancel());
    assert_eq!(serde_json::to_value(&update).unwrap(), example);

    Mock::given(method("PUT"))
        .and(path("/api/v4/activities/574749250640fd22d719e13f"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"transition": "cancel"})))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(fixture("activities.cancel.response.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    let a = pd
        .cancel_activity("574749250640fd22d719e13f")
        .await
        .unwrap()
        .data;
    assert_eq!(a.state_name(), Some(&ActivityState::Canceled));
    assert!(a.callback_error.is_some());
}

#[tokio::test]
async fn hostile_ids_are_encoded_or_refused() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/a%2Fb%3Fc%23d"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(fixture("activities.get.response.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    pd.activity("a/b?c#d").await.unwrap();

    for bad in ["..", ".", ""] {
        assert!(
            matches!(pd.activity(bad).await, Err(Error::Config { .. })),
            "{bad:?}"
        );
        assert!(
            matches!(pd.cancel_activity(bad).await, Err(Error::Config { .. })),
            "{bad:?}"
        );
    }
    // Only the encoded GET reached the platform (plus the token request).
    let api_calls = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path().starts_with("/api/"))
        .count();
    assert_eq!(api_calls, 1);
}
