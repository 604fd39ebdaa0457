//! Throughput of the client's own work: envelope decoding and the request path with a cached
//! token (against a local mock server, so network time is loopback only).
//!
//! `cargo bench --bench client` prints one line per measurement; numbers are recorded in
//! BENCHMARKS.md. No assertions: the machine is shared and noisy.

use std::time::{Duration, Instant};

use pokitdok::{ApiResponse, PokitDok};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fixture(name: &str) -> String {
    pokitdok_sandbox::fixtures::text(name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
        .to_owned()
}

fn report(what: &str, n: u64, elapsed: Duration) {
    let per = elapsed.as_secs_f64() / n as f64;
    println!(
        "{what:<58} {n:>7} ops  {:>10.1} µs/op  {:>10.0} ops/s",
        per * 1e6,
        1.0 / per
    );
}

fn bench_decode() {
    let data: Value = serde_json::from_str(&fixture("eligibility.response.json")).unwrap();
    let body = serde_json::to_vec(&json!({"meta": {"activity_id": "a"}, "data": data})).unwrap();
    let n = 2_000;
    let start = Instant::now();
    for _ in 0..n {
        let r: ApiResponse<Value> = serde_json::from_slice(&body).unwrap();
        std::hint::black_box(r);
    }
    report(
        &format!(
            "decode eligibility envelope ({} bytes) to Value",
            body.len()
        ),
        n,
        start.elapsed(),
    );
}

async fn bench_requests() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "t", "expires_in": 3600})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"meta": {}, "data": [1, 2, 3]})),
        )
        .mount(&server)
        .await;
    let pd = PokitDok::builder()
        .client_id("id")
        .client_secret("secret")
        .base_url(server.uri())
        .build()
        .unwrap();
    pd.get("/warm/").await.unwrap();

    let n = 1_000;
    let start = Instant::now();
    for _ in 0..n {
        pd.get("/activities/").await.unwrap();
    }
    report(
        "sequential GET, cached token (incl. loopback mock server)",
        n,
        start.elapsed(),
    );

    let tasks = 32;
    let per_task = 50;
    let start = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            let pd = pd.clone();
            tokio::spawn(async move {
                for _ in 0..per_task {
                    pd.get("/activities/").await.unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.await.unwrap();
    }
    report(
        "32 concurrent tasks x 50 GET, cached token",
        tasks * per_task,
        start.elapsed(),
    );
}

fn main() {
    bench_decode();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(bench_requests());
}
