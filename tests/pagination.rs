//! Pagination always ends (RELIABILITY.md case 36): a `meta.next` cycle, a server that ignores
//! `offset`, `result_count` reached, and a server that never stops offering pages. A detected
//! loop ends with `Error::Pagination` (the data may be incomplete); a complete collection ends
//! quietly.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::StreamExt;
use pokitdok::{Error, Page, PaginationStop};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const PATH: &str = "/api/v4/activities/";
const NO_QUERY: [(&str, &str); 0] = [];

fn page(data: Value, meta: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"meta": meta, "data": data}))
}

fn items(ids: &[&str]) -> Value {
    ids.iter().map(|id| json!({"id": id})).collect()
}

fn link(server: &MockServer, cursor: &str) -> String {
    format!("{}{PATH}?cursor={cursor}", server.uri())
}

/// Every item of the stream, and the error that ended it (if one did). Bounded in time, so a
/// stream that never ends fails the test instead of hanging it.
async fn drain(first: Page<Value>) -> (Vec<String>, Option<Error>) {
    let run = async {
        let mut ids = Vec::new();
        let mut stream = std::pin::pin!(first.stream());
        while let Some(item) = stream.next().await {
            match item {
                Ok(v) => ids.push(v["id"].as_str().unwrap_or_default().to_owned()),
                Err(e) => {
                    assert!(stream.next().await.is_none(), "the error is the last item");
                    return (ids, Some(e));
                }
            }
        }
        (ids, None)
    };
    tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .expect("the stream ended")
}

fn assert_stopped(e: Option<Error>, reason: PaginationStop, pages: u32) {
    let e = e.unwrap_or_else(|| panic!("expected Pagination({reason:?}), the stream just ended"));
    match &e {
        Error::Pagination {
            reason: r,
            pages: p,
            ..
        } => assert_eq!((*r, *p), (reason, pages)),
        other => panic!("expected Pagination({reason:?}, {pages}), got {other:?}"),
    }
    let shown = e.to_string();
    assert!(
        shown.contains(&format!("{pages} pages")) && shown.contains("incomplete"),
        "{shown}"
    );
    assert!(shown.contains(&reason.to_string()), "{shown}");
    assert_eq!(e.status(), None);
    assert!(!e.is_retryable(), "paging again would loop again");
}

/// The first page (no cursor) links to `b`, `b` to `a`, and `a` back to `b`.
async fn cycling_server() -> (MockServer, pokitdok::PokitDok) {
    let (server, pd) = common::platform().await;
    for (cursor, data, next) in [
        (None, ["1", "2"], "b"),
        (Some("b"), ["3", "4"], "a"),
        (Some("a"), ["5", "6"], "b"),
    ] {
        let m = Mock::given(method("GET")).and(path(PATH));
        let m = match cursor {
            None => m.and(query_param_is_missing("cursor")),
            Some(c) => m.and(query_param("cursor", c)),
        };
        m.respond_with(page(items(&data), json!({"next": link(&server, next)})))
            .expect(1)
            .named(format!("page {cursor:?}"))
            .mount(&server)
            .await;
    }
    (server, pd)
}

#[tokio::test]
async fn a_meta_next_cycle_a_b_a_ends_the_stream_with_an_error_without_refetching() {
    let (server, pd) = cycling_server().await;
    let first = pd
        .page::<Value>("/activities/", &[("limit", "2")])
        .await
        .unwrap();
    let (ids, err) = drain(first).await;
    assert_eq!(ids, ["1", "2", "3", "4", "5", "6"]);
    assert_stopped(err, PaginationStop::Cycle, 3);
    // Each page exactly once (the mocks' `expect(1)`): `b` is not requested a second time.
    assert_eq!(common::api_request_count(&server).await, 3);
}

#[tokio::test]
async fn next_page_reports_the_cycle_and_can_be_asked_again() {
    let (server, pd) = cycling_server().await;
    let first = pd.page::<Value>("/activities/", &NO_QUERY).await.unwrap();
    let b = first.next_page().await.unwrap().expect("page b");
    let a = b.next_page().await.unwrap().expect("page a");
    assert!(a.has_next(), "next_page has something to say");
    for _ in 0..2 {
        let e = a.next_page().await.unwrap_err();
        assert!(matches!(
            e,
            Error::Pagination {
                reason: PaginationStop::Cycle,
                pages: 3,
                ..
            }
        ));
        assert!(e.to_string().contains("incomplete"), "{e}");
    }
    assert_eq!(common::api_request_count(&server).await, 3);
}

#[tokio::test]
async fn a_page_linking_to_itself_is_a_cycle() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path(PATH))
        .and(query_param_is_missing("cursor"))
        .respond_with(page(items(&["1"]), json!({"next": link(&server, "x")})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(PATH))
        .and(query_param("cursor", "x"))
        .respond_with(page(items(&["2"]), json!({"next": link(&server, "x")})))
        .expect(1)
        .mount(&server)
        .await;
    let first = pd.page::<Value>("/activities/", &NO_QUERY).await.unwrap();
    let (ids, err) = drain(first).await;
    assert_eq!(ids, ["1", "2"]);
    assert_stopped(err, PaginationStop::Cycle, 2);
}

#[tokio::test]
async fn a_server_that_ignores_offset_is_detected_by_the_repeated_page() {
    let (server, pd) = common::platform().await;
    // Full pages of 2 and no meta.next: the client pages by offset, the server ignores it.
    Mock::given(method("GET"))
        .and(path(PATH))
        .respond_with(page(items(&["1", "2"]), json!({"processing_time": 3})))
        .expect(3)
        .mount(&server)
        .await;
    let first = pd
        .page::<Value>("/activities/", &[("limit", "2")])
        .await
        .unwrap();
    let second = first.next_page().await.unwrap_err();
    assert!(
        matches!(
            second,
            Error::Pagination {
                reason: PaginationStop::RepeatedPage,
                pages: 2,
                ..
            }
        ),
        "{second:?}"
    );
    // The stream yields the first page once, then the error (one more request).
    let (ids, err) = drain(first).await;
    assert_eq!(ids, ["1", "2"]);
    assert_stopped(err, PaginationStop::RepeatedPage, 2);
    let offsets: Vec<Option<String>> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == PATH)
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "offset")
                .map(|(_, v)| v.into_owned())
        })
        .collect();
    assert_eq!(offsets, [None, Some("2".into()), Some("2".into())]);
}

#[tokio::test]
async fn a_server_that_ignores_the_cursor_of_meta_next_is_detected_too() {
    let (server, pd) = common::platform().await;
    // Every answer links to a new cursor, but the data never changes (meta does).
    struct SamePage(String);
    impl Respond for SamePage {
        fn respond(&self, r: &Request) -> ResponseTemplate {
            let n: u32 = r
                .url
                .query_pairs()
                .find(|(k, _)| k == "cursor")
                .and_then(|(_, v)| v.parse().ok())
                .unwrap_or(0);
            page(
                items(&["1", "2"]),
                json!({"next": format!("{}?cursor={}", self.0, n + 1), "processing_time": n}),
            )
        }
    }
    Mock::given(method("GET"))
        .and(path(PATH))
        .respond_with(SamePage(format!("{}{PATH}", server.uri())))
        .expect(2)
        .mount(&server)
        .await;
    let first = pd.page::<Value>("/activities/", &NO_QUERY).await.unwrap();
    let (ids, err) = drain(first).await;
    assert_eq!(ids, ["1", "2"]);
    assert_stopped(err, PaginationStop::RepeatedPage, 2);
}

#[tokio::test]
async fn identical_data_on_a_non_adjacent_page_is_a_repeat_too() {
    let (server, pd) = common::platform().await;
    // offset 0 -> [1, 2], offset 2 -> [3, 4], offset 4 -> [1, 2] again.
    for (offset, data) in [
        (None, ["1", "2"]),
        (Some("2"), ["3", "4"]),
        (Some("4"), ["1", "2"]),
    ] {
        let m = Mock::given(method("GET"))
            .and(path(PATH))
            .and(query_param("limit", "2"));
        let m = match offset {
            None => m.and(query_param_is_missing("offset")),
            Some(o) => m.and(query_param("offset", o)),
        };
        m.respond_with(page(items(&data), json!({})))
            .expect(1)
            .mount(&server)
            .await;
    }
    let first = pd
        .page::<Value>("/activities/", &[("limit", "2")])
        .await
        .unwrap();
    let (ids, err) = drain(first).await;
    assert_eq!(
        ids,
        ["1", "2", "3", "4"],
        "the repeated page is not yielded"
    );
    assert_stopped(err, PaginationStop::RepeatedPage, 3);
}

#[tokio::test]
async fn result_count_reached_ends_quietly_even_when_meta_next_goes_on() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path(PATH))
        .and(query_param_is_missing("cursor"))
        .respond_with(page(
            items(&["1", "2"]),
            json!({"result_count": 4, "next": link(&server, "2")}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(PATH))
        .and(query_param("cursor", "2"))
        .respond_with(page(
            items(&["3", "4"]),
            json!({"result_count": 4, "next": link(&server, "4")}),
        ))
        .expect(2)
        .mount(&server)
        .await;
    let first = pd.page::<Value>("/activities/", &NO_QUERY).await.unwrap();
    assert!(first.has_next());
    let second = first.next_page().await.unwrap().expect("a second page");
    assert!(!second.has_next(), "4 of 4 items");
    assert!(second.next_page().await.unwrap().is_none());
    let (ids, err) = drain(first).await;
    assert_eq!(ids, ["1", "2", "3", "4"]);
    assert!(err.is_none(), "{err:?}");
    // first, second (next_page), second again (stream): never cursor=4.
    assert_eq!(common::api_request_count(&server).await, 3);
}

#[tokio::test]
async fn result_count_saves_the_empty_last_request_of_offset_paging_and_counts_from_the_offset() {
    let (server, pd) = common::platform().await;
    for (offset, data) in [(None, ["1", "2"]), (Some("2"), ["3", "4"])] {
        let m = Mock::given(method("GET"))
            .and(path(PATH))
            .and(query_param("limit", "2"));
        let m = match offset {
            None => m.and(query_param_is_missing("offset")),
            Some(o) => m.and(query_param("offset", o)),
        };
        m.respond_with(page(items(&data), json!({"result_count": 4})))
            .mount(&server)
            .await;
    }
    let first = pd
        .page::<Value>("/activities/", &[("limit", "2")])
        .await
        .unwrap();
    let (ids, err) = drain(first).await;
    assert_eq!(ids, ["1", "2", "3", "4"]);
    assert!(err.is_none(), "{err:?}");
    assert_eq!(
        common::api_request_count(&server).await,
        2,
        "no request for offset 4"
    );

    // Starting at offset 2, the first page already reaches the 4th item.
    let from_2 = pd
        .page::<Value>("/activities/", &[("limit", "2"), ("offset", "2")])
        .await
        .unwrap();
    assert_eq!(from_2.data.len(), 2);
    assert!(!from_2.has_next());
    assert!(from_2.next_page().await.unwrap().is_none());
    assert_eq!(common::api_request_count(&server).await, 3);
}

#[tokio::test]
async fn a_negative_or_zero_result_count_does_not_confuse_paging() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path(PATH))
        .and(query_param_is_missing("cursor"))
        .respond_with(page(
            items(&["1"]),
            json!({"result_count": -1, "next": link(&server, "2")}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(PATH))
        .and(query_param("cursor", "2"))
        .respond_with(page(items(&["2"]), json!({"result_count": 0})))
        .mount(&server)
        .await;
    let first = pd.page::<Value>("/activities/", &NO_QUERY).await.unwrap();
    let (ids, err) = drain(first).await;
    assert_eq!(ids, ["1", "2"], "a negative count is ignored");
    assert!(err.is_none(), "{err:?}");
}

#[tokio::test]
async fn next_page_does_not_mistake_its_own_earlier_call_for_a_repeat() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path(PATH))
        .and(query_param_is_missing("cursor"))
        .respond_with(page(items(&["1"]), json!({"next": link(&server, "2")})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(PATH))
        .and(query_param("cursor", "2"))
        .respond_with(page(items(&["2"]), json!({})))
        .expect(3)
        .mount(&server)
        .await;
    let first = pd.page::<Value>("/activities/", &NO_QUERY).await.unwrap();
    let clone = first.clone();
    for p in [&first, &first, &clone] {
        let second = p.next_page().await.unwrap().expect("page 2");
        assert_eq!(second.data, items(&["2"]).as_array().unwrap().clone());
    }
}

/// Distinct pages forever, each linking to the next.
struct Endless {
    base: String,
    served: Arc<AtomicUsize>,
}

impl Respond for Endless {
    fn respond(&self, r: &Request) -> ResponseTemplate {
        self.served.fetch_add(1, Ordering::SeqCst);
        let n: u64 = r
            .url
            .query_pairs()
            .find(|(k, _)| k == "cursor")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        page(
            json!([{"id": n.to_string()}]),
            json!({"next": format!("{}?cursor={}", self.base, n + 1)}),
        )
    }
}

#[tokio::test]
async fn a_server_that_never_stops_offering_pages_is_cut_off_at_max_pages() {
    let server = MockServer::builder()
        .disable_request_recording()
        .start()
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": common::ACCESS_TOKEN, "token_type": "bearer", "expires_in": 3600})))
        .mount(&server)
        .await;
    let served = Arc::new(AtomicUsize::new(0));
    Mock::given(method("GET"))
        .and(path(PATH))
        .respond_with(Endless {
            base: format!("{}{PATH}", server.uri()),
            served: served.clone(),
        })
        .mount(&server)
        .await;
    let pd = common::client(&server);
    let first = pd.page::<Value>("/activities/", &NO_QUERY).await.unwrap();
    let (ids, err) = drain(first).await;
    let max = Page::<Value>::MAX_PAGES;
    assert_eq!(ids.len(), max as usize, "one item per page");
    assert_eq!(
        ids.last().map(String::as_str),
        Some((max - 1).to_string().as_str())
    );
    assert_stopped(err, PaginationStop::TooManyPages, max);
    assert_eq!(served.load(Ordering::SeqCst), max as usize);
}
