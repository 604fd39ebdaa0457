//! The client's own work per request, without the network: building an attempt (`pd.get`,
//! and the eligibility POST with its JSON body) and the token fast path (a cached, valid
//! token), alone and under contention (64 tasks on a 2-thread runtime).
//!
//! `cargo bench --bench request`; the figures are in BENCHMARKS.md. Nothing is asserted: the
//! fast path's lock-freedom and single token request are tested in `src/auth` (not timed).

use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pokitdok::models::eligibility::EligibilityRequest;
use pokitdok::{Method, PokitDok, Token};
use tokio::runtime::Runtime;

#[path = "support/payloads.rs"]
mod payloads;

const TOKEN: &str = "bench-access-token-0123456789abcdef";
/// Tasks and calls per task of the contention benchmarks.
const TASKS: usize = 64;
const CALLS: usize = 100;

/// A client with a saved valid token and every default on (retry policy, deadline, throttle
/// machinery unlimited, body cap). Nothing listens at the base URL: nothing is sent.
fn client() -> PokitDok {
    PokitDok::builder()
        .client_id("id")
        .client_secret("secret")
        .base_url("http://127.0.0.1:9")
        .token(Token::new(TOKEN, Some(Duration::from_secs(3600))))
        .build()
        .expect("client")
}

fn build(c: &mut Criterion) {
    let rt = runtime(1);
    let _guard = rt.enter();
    let pd = client();
    let req: EligibilityRequest =
        serde_json::from_value(payloads::eligibility_request()).expect("request fixture");
    let mut g = c.benchmark_group("build");
    g.bench_function("get /eligibility/", |b| {
        b.iter(|| pokitdok::__bench::build_request(pd.get("/eligibility/"), TOKEN).unwrap())
    });
    g.bench_function("post /eligibility/ json", |b| {
        b.iter(|| {
            pokitdok::__bench::build_request(pd.post("/eligibility/").json(&req), TOKEN).unwrap()
        })
    });
    g.bench_function("get with query", |b| {
        b.iter(|| {
            let r = pd
                .request("/providers/", Method::GET)
                .query(&[("zipcode", "29307"), ("radius", "10mi")]);
            pokitdok::__bench::build_request(r, TOKEN).unwrap()
        })
    });
    // What raw reqwest does for the same GET, for scale.
    let http = reqwest::Client::new();
    let url = reqwest::Url::parse("http://127.0.0.1:9/api/v4/eligibility/").unwrap();
    g.bench_function("raw reqwest get", |b| {
        b.iter(|| http.get(url.clone()).bearer_auth(TOKEN).build().unwrap())
    });
    g.finish();
}

fn runtime(threads: usize) -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
        .expect("runtime")
}

fn token(c: &mut Criterion) {
    let rt = runtime(2);
    let pd = rt.block_on(async { client() });
    let mut g = c.benchmark_group("token");
    g.bench_function("fast path, one task", |b| {
        b.to_async(&rt)
            .iter(|| async { pokitdok::__bench::bearer(&pd).await.unwrap() })
    });
    g.throughput(Throughput::Elements((TASKS * CALLS) as u64));
    g.bench_function(format!("fast path, {TASKS} tasks x {CALLS}"), |b| {
        b.to_async(&rt).iter(|| {
            let pd = pd.clone();
            async move {
                let tasks: Vec<_> = (0..TASKS)
                    .map(|_| {
                        let pd = pd.clone();
                        tokio::spawn(async move {
                            for _ in 0..CALLS {
                                pokitdok::__bench::bearer(&pd).await.unwrap();
                                tokio::task::yield_now().await;
                            }
                        })
                    })
                    .collect();
                for t in tasks {
                    t.await.unwrap();
                }
            }
        })
    });
    // The same tasks and yields around an `Arc` clone: the cost of the harness itself.
    let shared: Arc<str> = Arc::from(TOKEN);
    g.bench_function(
        format!("baseline (Arc clone), {TASKS} tasks x {CALLS}"),
        |b| {
            b.to_async(&rt).iter(|| {
                let shared = shared.clone();
                async move {
                    let tasks: Vec<_> = (0..TASKS)
                        .map(|_| {
                            let shared = shared.clone();
                            tokio::spawn(async move {
                                for _ in 0..CALLS {
                                    std::hint::black_box(shared.clone());
                                    tokio::task::yield_now().await;
                                }
                            })
                        })
                        .collect();
                    for t in tasks {
                        t.await.unwrap();
                    }
                }
            })
        },
    );
    g.finish();
}

criterion_group!(benches, build, token);
criterion_main!(benches);
