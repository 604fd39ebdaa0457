//! Decoding the large answers: typed models against `serde_json::Value`, through the client's
//! own decoder (what every call does with a 200 answer: the `meta` read for the rate-limit
//! counters, then the envelope with `data` decoded as `T`) and through plain
//! `serde_json::from_slice` of the envelope.
//!
//! `cargo bench --bench decode`; the figures are in BENCHMARKS.md. Nothing is asserted (the
//! machine is shared): the typed decoders' correctness is tested in `tests/`.

use bytes::Bytes;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pokitdok::ApiResponse;
use pokitdok::models::claims::ClaimStatus;
use pokitdok::models::data::TradingPartner;
use pokitdok::models::eligibility::Eligibility;
use pokitdok::models::oop::OopEstimate;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::Value;
use serde_json::value::RawValue;

#[path = "support/payloads.rs"]
mod payloads;

fn enveloped(fixture: &str) -> Vec<u8> {
    let data = pokitdok_sandbox::fixtures::json(fixture).expect("fixture");
    payloads::envelope(&payloads::recorded_meta(), &data)
}

/// One answer decoded every way: typed and `Value`, by the client and by serde_json alone.
fn case<T: DeserializeOwned>(c: &mut Criterion, name: &str, body: Vec<u8>) {
    // A model that does not fit its fixture would make the comparison meaningless.
    pokitdok::__bench::decode::<T>(Bytes::from(body.clone()))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let body = Bytes::from(body);
    let mut g = c.benchmark_group(format!("decode/{name} ({} bytes)", body.len()));
    g.throughput(Throughput::Bytes(body.len() as u64));
    g.bench_function(BenchmarkId::new("client", "typed"), |b| {
        b.iter(|| pokitdok::__bench::decode::<T>(body.clone()).unwrap())
    });
    g.bench_function(BenchmarkId::new("client", "Value"), |b| {
        b.iter(|| pokitdok::__bench::decode_value(body.clone()).unwrap())
    });
    g.bench_function(BenchmarkId::new("serde_json", "typed"), |b| {
        b.iter(|| serde_json::from_slice::<ApiResponse<T>>(&body).unwrap())
    });
    g.bench_function(BenchmarkId::new("serde_json", "Value"), |b| {
        b.iter(|| serde_json::from_slice::<Value>(&body).unwrap())
    });
    g.finish();
}

/// The envelope's parts left undecoded, as the client's decoder reads it first.
#[derive(serde::Deserialize)]
struct RawEnvelope<'a> {
    #[serde(borrow)]
    #[allow(dead_code)]
    meta: &'a RawValue,
    #[serde(borrow)]
    data: &'a RawValue,
}

/// The passes the client's decoder makes over the eligibility answer, each alone: what each
/// costs of the whole (`decode/eligibility` above).
fn stages(c: &mut Criterion) {
    let body = payloads::eligibility();
    let data = payloads::eligibility_data();
    let mut g = c.benchmark_group(format!("stages/eligibility ({} bytes)", body.len()));
    g.throughput(Throughput::Bytes(body.len() as u64));
    g.bench_function("scan (IgnoredAny)", |b| {
        b.iter(|| serde_json::from_slice::<IgnoredAny>(&body).unwrap())
    });
    g.bench_function("raw envelope (RawValue)", |b| {
        b.iter(|| {
            serde_json::from_slice::<RawEnvelope>(&body)
                .unwrap()
                .data
                .get()
                .len()
        })
    });
    g.bench_function("data typed", |b| {
        b.iter(|| serde_json::from_slice::<Eligibility>(&data).unwrap())
    });
    g.bench_function("data typed, serde_path_to_error", |b| {
        b.iter(|| {
            serde_path_to_error::deserialize::<_, Eligibility>(
                &mut serde_json::Deserializer::from_slice(&data),
            )
            .unwrap()
        })
    });
    g.bench_function("data Value", |b| {
        b.iter(|| serde_json::from_slice::<Value>(&data).unwrap())
    });
    g.bench_function("data Value, serde_path_to_error", |b| {
        b.iter(|| {
            serde_path_to_error::deserialize::<_, Value>(&mut serde_json::Deserializer::from_slice(
                &data,
            ))
            .unwrap()
        })
    });
    g.finish();
}

fn decode(c: &mut Criterion) {
    case::<Eligibility>(c, "eligibility", payloads::eligibility());
    case::<Vec<TradingPartner>>(c, "trading_partners", payloads::trading_partners());
    case::<Eligibility>(c, "eligibility.7", enveloped("eligibility.response.7.json"));
    case::<ClaimStatus>(
        c,
        "claim_status.4",
        enveloped("claim_status.response.4.json"),
    );
    case::<OopEstimate>(c, "oop_estimate", enveloped("oop.estimate.response.json"));
}

criterion_group!(benches, decode, stages);
criterion_main!(benches);
