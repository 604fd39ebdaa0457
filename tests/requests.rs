//! The generic request layer: paths, encoding, headers, redirects, and when a request may be
//! sent again.

mod common;

use std::time::Duration;

use common::ACCESS_TOKEN;
use pokitdok::{ApiResponse, Error, Method, Multipart, PokitDok, StatusCode};
use serde_json::{Value, json};
use wiremock::matchers::{bearer_token, body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn ok(data: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(common::envelope(data))
}

async fn api_requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path().starts_with("/api/"))
        .collect()
}

#[tokio::test]
async fn request_get_post_put_delete_hit_the_api_base_with_their_verb() {
    let (server, pd) = common::platform().await;
    for (verb, p) in [
        ("GET", "/activities/"),
        ("POST", "/eligibility/"),
        ("PUT", "/activities/a1"),
        ("DELETE", "/schedule/slots/s1"),
    ] {
        Mock::given(method(verb))
            .and(path(format!("/api/v4{p}")))
            .and(bearer_token(ACCESS_TOKEN))
            .respond_with(ok(json!({"verb": verb})))
            .expect(1)
            .mount(&server)
            .await;
    }
    let r = pd.request("/activities/", Method::GET).await.unwrap();
    assert_eq!(r.data["verb"], "GET");
    assert_eq!(
        r.meta.activity_id.as_deref(),
        Some("5745e9920640fd7aa95935f5")
    );
    assert_eq!(r.meta.processing_time, Some(12));
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(pd.post("eligibility/").await.unwrap().data["verb"], "POST");
    assert_eq!(
        pd.put("/activities/a1").send().await.unwrap().data["verb"],
        "PUT"
    );
    assert_eq!(
        pd.delete("/schedule/slots/s1").await.unwrap().data["verb"],
        "DELETE"
    );
}

#[tokio::test]
async fn json_bodies_keep_non_ascii_and_special_characters() {
    let (server, pd) = common::platform().await;
    let body = json!({"member": {"first_name": "José", "last_name": "O'Brien & Sons", "note": "a=b&c=d ü 中"}});
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .and(header("content-type", "application/json"))
        .and(body_json(&body))
        .respond_with(ok(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    pd.post("/eligibility/").json(&body).send().await.unwrap();
}

#[tokio::test]
async fn query_values_are_percent_encoded() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/providers/"))
        .and(query_param("last_name", "O'Brien"))
        .and(query_param("first_name", "José"))
        .and(query_param("organization_name", "A&B=C #1"))
        .and(query_param("limit", "20"))
        .respond_with(ok(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    #[derive(serde::Serialize)]
    struct Q<'a> {
        last_name: &'a str,
        limit: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        zipcode: Option<&'a str>,
    }
    pd.get("/providers/")
        .query(&Q {
            last_name: "O'Brien",
            limit: 20,
            zipcode: None,
        })
        .query(&[("first_name", "José"), ("organization_name", "A&B=C #1")])
        .await
        .unwrap();
    let raw = api_requests(&server).await[0]
        .url
        .query()
        .unwrap()
        .to_owned();
    assert!(!raw.contains("zipcode"), "None is not sent: {raw}");
    assert!(raw.contains("A%26B%3DC+%231"), "{raw}");
}

#[tokio::test]
async fn send_as_decodes_typed_data_and_keeps_meta() {
    #[derive(Debug, serde::Deserialize, serde::Serialize, PartialEq)]
    struct Partner {
        id: String,
    }
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/tradingpartners/"))
        .respond_with(ok(json!([{"id": "MOCKPAYER"}, {"id": "aetna"}])))
        .expect(1)
        .mount(&server)
        .await;
    let r: ApiResponse<Vec<Partner>> = pd.get("/tradingpartners/").send_as().await.unwrap();
    assert_eq!(
        r.data,
        [
            Partner {
                id: "MOCKPAYER".into()
            },
            Partner { id: "aetna".into() }
        ]
    );
    assert_eq!(r.meta.credits_remaining, Some(99));
    // Responses serialize back to the envelope.
    assert_eq!(serde_json::to_value(&r).unwrap()["data"][1]["id"], "aetna");
}

#[tokio::test]
async fn custom_headers_and_raw_bodies_are_sent() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .and(header("content-type", "application/edi-x12"))
        .and(header("accept", "application/vnd.pokitdok.v4+edi-x12-json"))
        .and(header("x-request-tag", "t-1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"meta": {}, "data": {"x12": "ISA*~"}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let r = pd
        .post("/eligibility/")
        .header("accept", "application/vnd.pokitdok.v4+edi-x12-json")
        .header("x-request-tag", "t-1")
        .body("ISA*00*~", "application/edi-x12")
        .send()
        .await
        .unwrap();
    assert_eq!(r.data["x12"], "ISA*~");
    assert_eq!(api_requests(&server).await[0].body, b"ISA*00*~");
    // An invalid header is reported when sending, and nothing is sent.
    let e = pd
        .get("/x/")
        .header("bad header", "v")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Config { .. }));
    assert_eq!(api_requests(&server).await.len(), 1);
}

#[tokio::test]
async fn full_urls_inside_the_api_base_are_accepted_and_others_refused() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/providers/"))
        .and(query_param("offset", "20"))
        .respond_with(ok(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    pd.get(format!("{}/api/v4/providers/?offset=20", server.uri()))
        .await
        .unwrap();
    for outside in [
        "https://evil.example/api/v4/activities/".to_owned(),
        format!("{}/oauth2/token", server.uri()),
        format!("{}/api/v3/activities/", server.uri()),
        "/../../oauth2/token".to_owned(),
        "/activities/../../../oauth2/token".to_owned(),
        "/%2e%2e/%2e%2e/oauth2/token".to_owned(),
    ] {
        let e = pd.get(outside.as_str()).send().await.unwrap_err();
        assert!(matches!(e, Error::Config { .. }), "{outside}: {e:?}");
    }
    assert_eq!(api_requests(&server).await.len(), 1);
    let token_calls = server.received_requests().await.unwrap().len() - 1;
    assert_eq!(
        token_calls, 1,
        "refused requests fetch no token beyond the first call's"
    );
}

#[tokio::test]
async fn path_segment_encodes_hostile_ids() {
    assert_eq!(
        pokitdok::path_segment("a/b?c#d%e").unwrap(),
        "a%2Fb%3Fc%23d%25e"
    );
    assert_eq!(pokitdok::path_segment("José").unwrap(), "Jos%C3%A9");
    assert_eq!(
        pokitdok::path_segment("5745e9920640fd7aa95935f5").unwrap(),
        "5745e9920640fd7aa95935f5"
    );
    for bad in ["", ".", ".."] {
        assert!(matches!(
            pokitdok::path_segment(bad),
            Err(Error::Config { .. })
        ));
    }
}

#[tokio::test]
async fn a_same_origin_get_redirect_is_followed_with_the_token() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/identity"))
        .respond_with(
            ResponseTemplate::new(301).insert_header("location", "/api/v4/identity/?last_name=Doe"),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/identity/"))
        .and(bearer_token(ACCESS_TOKEN))
        .respond_with(ok(json!([{"uuid": "u1"}])))
        .expect(1)
        .mount(&server)
        .await;
    let r = pd
        .get("/identity")
        .query(&[("last_name", "Doe")])
        .await
        .unwrap();
    assert_eq!(r.data[0]["uuid"], "u1");
}

#[tokio::test]
async fn a_redirect_to_another_host_is_not_followed_and_gets_no_token() {
    let other = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&other)
        .await;
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/activities/"))
        .respond_with(
            ResponseTemplate::new(302).insert_header("location", format!("{}/steal", other.uri())),
        )
        .expect(1)
        .mount(&server)
        .await;
    let e = pd.get("/activities/").send().await.unwrap_err();
    assert!(
        matches!(e, Error::Api { status, .. } if status == StatusCode::FOUND),
        "{e:?}"
    );
}

#[tokio::test]
async fn a_post_is_never_redirected() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/"))
        .respond_with(ResponseTemplate::new(307).insert_header("location", "/api/v4/claims2/"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v4/claims2/"))
        .respond_with(ok(json!({})))
        .expect(0)
        .mount(&server)
        .await;
    let e = pd
        .post("/claims/")
        .json(&json!({"claim": {}}))
        .send()
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(StatusCode::TEMPORARY_REDIRECT));
}

#[tokio::test]
async fn a_claim_post_that_got_a_5xx_is_not_sent_again() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/"))
        .respond_with(
            ResponseTemplate::new(502).set_body_raw("<html>bad gateway</html>", "text/html"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let e = pd
        .post("/claims/")
        .json(&json!({"claim": {}}))
        .send()
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(StatusCode::BAD_GATEWAY));
}

#[tokio::test]
async fn a_claim_post_that_timed_out_is_not_sent_again() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/claims/"))
        .respond_with(ok(json!({})).set_delay(Duration::from_secs(3)))
        .expect(1)
        .mount(&server)
        .await;
    let e = pd
        .post("/claims/")
        .json(&json!({"claim": {}}))
        .timeout(Duration::from_millis(300))
        .send()
        .await
        .unwrap_err();
    // The claim may have been received: its outcome is unknown, and it is not resent.
    match &e {
        Error::OutcomeUnknown { source, .. } => assert!(
            matches!(
                **source,
                Error::Timeout {
                    phase: pokitdok::TimeoutPhase::Request,
                    ..
                }
            ),
            "{source:?}"
        ),
        other => panic!("expected OutcomeUnknown, got {other:?}"),
    }
    assert!(!e.is_connect());
    assert!(!e.is_safe_to_retry() && !e.is_retryable() && e.is_transient());
}

#[tokio::test]
async fn an_upload_is_replayed_byte_for_byte_after_a_401_only() {
    let server = MockServer::start().await;
    for t in ["tok-1", "tok-2"] {
        Mock::given(method("POST"))
            .and(path("/oauth2/token"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"access_token": t, "expires_in": 3600})),
            )
            .up_to_n_times(1)
            .mount(&server)
            .await;
    }
    Mock::given(method("POST"))
        .and(path("/api/v4/files/"))
        .and(bearer_token("tok-1"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v4/files/"))
        .and(bearer_token("tok-2"))
        .respond_with(ok(json!({"id": "act"})))
        .expect(1)
        .mount(&server)
        .await;
    let pd = common::client(&server);
    let form = Multipart::new()
        .text("trading_partner_id", "MOCKPAYER")
        .file(
            "file",
            "batch.837",
            "application/EDI-X12",
            b"ISA*00*SENTINEL~".to_vec(),
        );
    pd.post("/files/").upload(form).send().await.unwrap();
    let reqs = api_requests(&server).await;
    assert_eq!(reqs.len(), 2);
    let strip_boundary = |r: &Request| {
        let ct = r.headers["content-type"].to_str().unwrap().to_owned();
        let boundary = ct.split("boundary=").nth(1).unwrap().to_owned();
        String::from_utf8(r.body.clone())
            .unwrap()
            .replace(&boundary, "BOUNDARY")
    };
    assert_eq!(reqs[0].body, reqs[1].body, "the replay is byte-identical");
    assert_eq!(
        reqs[0].headers["content-type"],
        reqs[1].headers["content-type"]
    );
    let body = strip_boundary(&reqs[1]);
    assert!(
        body.contains("name=\"file\"; filename=\"batch.837\""),
        "{body}"
    );
    assert!(
        body.contains(
            "filename=\"batch.837\"\r\nContent-Type: application/EDI-X12\r\n\r\nISA*00*SENTINEL~\r\n"
        ),
        "{body}"
    );
    assert!(body.contains("ISA*00*SENTINEL~"));
    assert!(body.contains("name=\"trading_partner_id\"\r\n\r\nMOCKPAYER"));
}

#[tokio::test]
async fn a_one_shot_reqwest_form_is_not_replayed_after_a_401() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/files/"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "Unauthorized"})))
        .expect(1)
        .mount(&server)
        .await;
    let form = reqwest::multipart::Form::new().text("trading_partner_id", "MOCKPAYER");
    let e = pd.post("/files/").multipart(form).send().await.unwrap_err();
    assert!(matches!(e, Error::Unauthorized { .. }));
}

#[tokio::test]
async fn the_client_is_send_sync_and_clones_share_the_token() {
    fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}
    assert_send_sync::<PokitDok>();
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "t", "expires_in": 3600})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ok(json!([])))
        .expect(2)
        .mount(&server)
        .await;
    let pd = common::client(&server);
    let clone = pd.clone();
    pd.get("/a/").await.unwrap();
    clone.get("/b/").await.unwrap();
}

#[tokio::test]
async fn builder_validation() {
    let plain = PokitDok::builder().client_id("a").client_secret("b");
    for bad in [
        "http://platform.pokitdok.com",
        "ftp://x",
        "not a url",
        "https://x/?q=1",
        "http://10.0.0.1:8080",
    ] {
        let e = plain_clone(&plain).base_url(bad).build().unwrap_err();
        assert!(matches!(e, Error::Config { .. }), "{bad}");
    }
    for good in [
        "http://127.0.0.1:5002",
        "http://localhost:8080/",
        "http://[::1]:9000",
        "https://platform.pokitdok.com",
    ] {
        plain_clone(&plain).base_url(good).build().unwrap();
    }
    let pd = PokitDok::builder()
        .client_id("a")
        .client_secret("b")
        .build()
        .unwrap();
    assert_eq!(pd.api_base(), "https://platform.pokitdok.com/api/v4");
    let pd = PokitDok::builder()
        .client_id("a")
        .client_secret("b")
        .base_url("http://localhost:1/")
        .api_version("v5")
        .build()
        .unwrap();
    assert_eq!(pd.api_base(), "http://localhost:1/api/v5");
    assert!(
        matches!(PokitDok::builder().build(), Err(Error::Config { .. })),
        "credentials or a token are required"
    );
    assert!(matches!(
        PokitDok::builder()
            .client_id("a")
            .client_secret("b")
            .redirect_uri("not a uri")
            .build(),
        Err(Error::Config { .. })
    ));
}

fn plain_clone(_: &pokitdok::PokitDokBuilder) -> pokitdok::PokitDokBuilder {
    PokitDok::builder().client_id("a").client_secret("b")
}

#[tokio::test]
async fn from_env_reads_the_three_variables() {
    // One test touches the environment, to avoid races between tests.
    unsafe_env(
        || {
            let e = PokitDok::from_env().unwrap_err();
            assert!(e.to_string().contains("POKITDOK_CLIENT_ID"));
        },
        &[],
    );
    unsafe_env(
        || {
            let pd = PokitDok::from_env().unwrap();
            assert_eq!(pd.api_base(), "http://127.0.0.1:5002/api/v4");
        },
        &[
            ("POKITDOK_CLIENT_ID", "id"),
            ("POKITDOK_CLIENT_SECRET", "secret"),
            ("POKITDOK_BASE_URL", "http://127.0.0.1:5002"),
        ],
    );
}

fn unsafe_env(f: impl FnOnce(), vars: &[(&str, &str)]) {
    let keys = [
        "POKITDOK_CLIENT_ID",
        "POKITDOK_CLIENT_SECRET",
        "POKITDOK_BASE_URL",
    ];
    // SAFETY: this is the only test in this binary that reads or writes these variables.
    unsafe {
        for k in keys {
            std::env::remove_var(k);
        }
        for (k, v) in vars {
            std::env::set_var(k, v);
        }
    }
    f();
}

#[tokio::test]
async fn send_text_returns_text_and_keeps_a_non_utf8_body() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/payments/p1/data"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("ISA*00*~", "application/edi-x12"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/payments/p2/data"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(vec![b'I', 0xff, b'~']))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(pd.payment_data_x12("p1").await.unwrap(), "ISA*00*~");
    match pd.payment_data_x12("p2").await.unwrap_err() {
        Error::Decode { status, body, .. } => {
            assert_eq!(status, StatusCode::OK);
            assert_eq!(body.as_bytes(), [b'I', 0xff, b'~']);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn page_parameters_it_cannot_interpret_are_still_sent() {
    let (server, pd) = common::platform().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/providers/"))
        .and(query_param("limit", "ten"))
        .and(query_param("offset", "-1"))
        .and(query_param("zipcode", "94401"))
        .respond_with(ok(json!([{"id": 1}])))
        .expect(1)
        .mount(&server)
        .await;
    let page = pd
        .page::<Value>(
            "/providers/",
            &[("limit", "ten"), ("offset", "-1"), ("zipcode", "94401")],
        )
        .await
        .unwrap();
    assert_eq!(page.data.len(), 1);
    assert!(
        !page.has_next(),
        "no numeric limit and no meta.next: nothing to follow"
    );
}
