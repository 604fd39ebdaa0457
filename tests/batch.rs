//! Bulk eligibility (`pd.eligibility_batch`): completion order, the concurrency bound, per-item
//! errors and retries, progress and its ETA, lazy input, dropping the stream, and a throttled
//! burst against the sandbox at a small cap.

mod common;
#[path = "support/raw.rs"]
mod raw;

use std::collections::{BTreeSet, HashMap};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures_util::StreamExt;
use pokitdok::models::eligibility::EligibilityRequest;
use pokitdok::models::{Member, Provider};
use pokitdok::{DEFAULT_BATCH_CONCURRENCY, Error, RetryPolicy};
use pokitdok_sandbox::Sandbox;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn member_id(i: usize) -> String {
    format!("M{i:05}")
}

fn request(i: usize) -> EligibilityRequest {
    EligibilityRequest::new(
        Member::new(member_id(i), "Jane", "Doe", "1970-01-25"),
        Provider::person("1467560003", "JEROME", "AYA-AY"),
        "MOCKPAYER",
    )
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// The eligibility answer for the member in `body`, its id echoed in `subscriber.id`.
fn answer_for(body: &Value, meta: Value) -> Value {
    let mut data = common::fixture("eligibility.response.6.json");
    data["subscriber"]["id"] = body["member"]["id"].clone();
    json!({"meta": meta, "data": data})
}

fn member_of(body: &Value) -> String {
    body["member"]["id"].as_str().unwrap_or_default().to_owned()
}

// ---- a wiremock platform that echoes the member and answers some members slowly ----

struct Echo {
    delays: HashMap<String, Duration>,
}

impl Respond for Echo {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = request.body_json().unwrap();
        let delay = self
            .delays
            .get(&member_of(&body))
            .copied()
            .unwrap_or_default();
        ResponseTemplate::new(200)
            .set_body_json(answer_for(
                &body,
                json!({"activity_id": "5745e9920640fd7aa95935f5"}),
            ))
            .set_delay(delay)
    }
}

async fn echo_platform(delays: &[(usize, u64)]) -> (MockServer, pokitdok::PokitDok) {
    let (server, pd) = common::platform().await;
    let delays = delays
        .iter()
        .map(|(i, ms)| (member_id(*i), Duration::from_millis(*ms)))
        .collect();
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .respond_with(Echo { delays })
        .mount(&server)
        .await;
    (server, pd)
}

async fn eligibility_requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/api/v4/eligibility/")
        .collect()
}

#[tokio::test]
async fn results_come_in_completion_order_with_their_index() {
    // Item 0 answers last, item 1 next to last, the others at once.
    let (server, pd) = echo_platform(&[(0, 900), (1, 450)]).await;
    let requests: Vec<EligibilityRequest> = (0..4).map(request).collect();
    let results: Vec<_> = pd.eligibility_batch(&requests).stream().collect().await;

    let order: Vec<usize> = results.iter().map(|(i, _)| *i).collect();
    assert_eq!(
        order[..2].iter().copied().collect::<BTreeSet<_>>(),
        BTreeSet::from([2, 3]),
        "{order:?}"
    );
    assert_eq!(&order[2..], &[1, 0], "completion order, not index order");
    for (i, result) in &results {
        let r = result.as_ref().unwrap();
        let subscriber = r.data.subscriber.as_ref().unwrap();
        assert_eq!(subscriber.id.as_deref(), Some(member_id(*i).as_str()));
    }
    // What went over the wire: one ordinary eligibility call per item, body unchanged.
    let sent = eligibility_requests(&server).await;
    assert_eq!(sent.len(), 4);
    let mut bodies = BTreeSet::new();
    for r in &sent {
        assert_eq!(r.method.as_str(), "POST");
        assert_eq!(
            r.headers.get("authorization").unwrap(),
            format!("Bearer {}", common::ACCESS_TOKEN).as_str()
        );
        assert_eq!(r.headers.get("content-type").unwrap(), "application/json");
        bodies.insert(r.body_json::<Value>().unwrap().to_string());
    }
    let expected: BTreeSet<String> = requests
        .iter()
        .map(|r| serde_json::to_value(r).unwrap().to_string())
        .collect();
    assert_eq!(bodies, expected);
}

#[tokio::test]
async fn a_failing_item_is_reported_at_its_index_and_the_rest_complete() {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .and(wiremock::matchers::body_partial_json(
            json!({"member": {"id": member_id(2)}}),
        ))
        .respond_with(
            ResponseTemplate::new(422).set_body_json(json!({"meta": {}, "data": {"errors": {
                "validation": {"member": ["member.birth_date is not a valid date."]}}}})),
        )
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .respond_with(Echo {
            delays: HashMap::new(),
        })
        .mount(&server)
        .await;
    let mut requests: Vec<EligibilityRequest> = (0..6).map(request).collect();
    // Item 4 asks for asynchronous processing: refused before anything is sent.
    requests[4] = request(4).callback("https://app.example/cb");

    let batch = pd.eligibility_batch(requests).concurrency(2);
    let progress = batch.progress();
    let results: HashMap<usize, _> = batch.stream().collect().await;
    assert_eq!(results.len(), 6);
    assert!(
        matches!(&results[&2], Err(Error::Validation { fields, .. }) if fields.contains_key("member")),
        "{:?}",
        results[&2]
    );
    assert!(
        matches!(&results[&4], Err(Error::Config { .. })),
        "{:?}",
        results[&4]
    );
    for i in [0, 1, 3, 5] {
        assert!(results[&i].is_ok(), "{i}: {:?}", results[&i]);
    }
    assert_eq!(
        eligibility_requests(&server).await.len(),
        5,
        "item 4 never sent"
    );
    let p = progress.snapshot();
    assert_eq!(
        (p.total, p.done, p.failed, p.rate_limited, p.in_flight),
        (Some(6), 6, 2, 0, 0)
    );
    assert_eq!(p.succeeded(), 4);
    assert!(p.finished);
    assert_eq!(p.eta, Some(Duration::ZERO));
}

/// A platform where `member_id(1)` gets a 503 the first time.
async fn flaky_platform() -> (MockServer, pokitdok::PokitDok) {
    let (server, pd) = common::platform().await;
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .and(wiremock::matchers::body_partial_json(
            json!({"member": {"id": member_id(1)}}),
        ))
        .respond_with(ResponseTemplate::new(503).set_body_json(json!({"message": "busy"})))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v4/eligibility/"))
        .respond_with(Echo {
            delays: HashMap::new(),
        })
        .mount(&server)
        .await;
    (server, pd)
}

async fn sends_per_member(server: &MockServer) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for r in eligibility_requests(server).await {
        *counts
            .entry(member_of(&r.body_json::<Value>().unwrap()))
            .or_default() += 1;
    }
    counts
}

fn quick() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(3)
        .base_delay(Duration::from_millis(10))
        .max_delay(Duration::from_millis(50))
}

#[tokio::test]
async fn retries_by_policy_apply_per_item() {
    // Opted in: the 503 is retried for that item only.
    let (server, pd) = flaky_platform().await;
    let results: HashMap<usize, _> = pd
        .eligibility_batch((0..3).map(request))
        .retry(quick())
        .retry_unsafe()
        .stream()
        .collect()
        .await;
    assert!(results.values().all(Result::is_ok), "{results:?}");
    let sends = sends_per_member(&server).await;
    assert_eq!(sends[&member_id(1)], 2, "one retry");
    assert_eq!((sends[&member_id(0)], sends[&member_id(2)]), (1, 1));

    // The default rule for a POST: a 503 may have been processed, so it is not resent.
    let (server, pd) = flaky_platform().await;
    let results: HashMap<usize, _> = pd
        .eligibility_batch((0..3).map(request))
        .retry(quick())
        .stream()
        .collect()
        .await;
    assert!(
        matches!(results[&1], Err(Error::OutcomeUnknown { .. })),
        "{:?}",
        results[&1]
    );
    assert!(results[&0].is_ok() && results[&2].is_ok());
    assert_eq!(sends_per_member(&server).await[&member_id(1)], 1);

    // One attempt per item: no retry even when opted in.
    let (server, pd) = flaky_platform().await;
    let results: HashMap<usize, _> = pd
        .eligibility_batch((0..3).map(request))
        .retry(RetryPolicy::none())
        .retry_unsafe()
        .stream()
        .collect()
        .await;
    assert!(results[&1].is_err(), "{:?}", results[&1]);
    assert_eq!(sends_per_member(&server).await[&member_id(1)], 1);
}

#[tokio::test]
async fn the_per_item_timeout_applies_to_each_item() {
    let (_server, pd) = echo_platform(&[(1, 2_000)]).await;
    let results: HashMap<usize, _> = pd
        .eligibility_batch((0..3).map(request))
        .timeout(Duration::from_millis(300))
        .retry(RetryPolicy::none())
        .stream()
        .collect()
        .await;
    assert!(results[&0].is_ok() && results[&2].is_ok());
    // The slow item timed out after its request was sent: a POST whose outcome is unknown.
    let e = results[&1].as_ref().unwrap_err();
    assert!(
        matches!(e, Error::OutcomeUnknown { source, .. } if source.is_timeout()),
        "{e:?}"
    );
}

// ---- a raw platform on the test's own runtime that counts requests in flight ----

type Handler = dyn Fn(usize, &Value) -> (Duration, Value) + Send + Sync;

#[derive(Clone, Default)]
struct Counters {
    received: Arc<AtomicUsize>,
    in_flight: Arc<AtomicUsize>,
    max_in_flight: Arc<AtomicUsize>,
    /// Requests whose client went away before the answer.
    cancelled: Arc<AtomicUsize>,
}

struct CountingServer {
    addr: SocketAddr,
    counters: Counters,
}

impl CountingServer {
    /// Serves every eligibility request with `handler(n, body) -> (delay, answer)`.
    async fn start(
        handler: impl Fn(usize, &Value) -> (Duration, Value) + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let counters = Counters::default();
        let handler: Arc<Handler> = Arc::new(handler);
        let c = counters.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (c, handler) = (c.clone(), handler.clone());
                tokio::spawn(async move { serve(stream, c, handler).await });
            }
        });
        CountingServer { addr, counters }
    }

    fn client(&self) -> pokitdok::PokitDokBuilder {
        raw::client_for(&format!("http://{}", self.addr))
    }

    fn received(&self) -> usize {
        self.counters.received.load(Ordering::SeqCst)
    }

    fn max_in_flight(&self) -> usize {
        self.counters.max_in_flight.load(Ordering::SeqCst)
    }
}

async fn serve(mut stream: TcpStream, c: Counters, handler: Arc<Handler>) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + len {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let body: Value = serde_json::from_slice(&buf[head_end..head_end + len]).unwrap_or_default();
    let n = c.received.fetch_add(1, Ordering::SeqCst);
    let now = c.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    c.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let (delay, answer) = handler(n, &body);
    let gone = tokio::select! {
        _ = tokio::time::sleep(delay) => false,
        // The client sends nothing more: a read ends only when it closes the connection.
        r = stream.read(&mut chunk) => matches!(r, Ok(0) | Err(_)),
    };
    c.in_flight.fetch_sub(1, Ordering::SeqCst);
    if gone {
        c.cancelled.fetch_add(1, Ordering::SeqCst);
        return;
    }
    let answer = answer.to_string();
    let reply = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         connection: close\r\n\r\n{answer}",
        answer.len()
    );
    let _ = stream.write_all(reply.as_bytes()).await;
    let _ = stream.shutdown().await;
}

fn slow(ms: u64) -> impl Fn(usize, &Value) -> (Duration, Value) + Send + Sync + 'static {
    move |_, body| (Duration::from_millis(ms), answer_for(body, json!({})))
}

#[tokio::test(start_paused = true)]
async fn the_concurrency_bound_is_honoured() {
    for (concurrency, expected) in [
        (None, DEFAULT_BATCH_CONCURRENCY),
        (Some(3), 3),
        (Some(1), 1),
        (Some(0), 1),
    ] {
        let server = CountingServer::start(slow(200)).await;
        let pd = server.client().build().unwrap();
        let requests: Vec<EligibilityRequest> = (0..20).map(request).collect();
        let mut batch = pd.eligibility_batch(requests);
        if let Some(n) = concurrency {
            batch = batch.concurrency(n);
        }
        let results: Vec<_> = batch.stream().collect().await;
        assert_eq!(results.len(), 20);
        assert!(results.iter().all(|(_, r)| r.is_ok()));
        assert_eq!(server.received(), 20);
        assert_eq!(
            server.max_in_flight(),
            expected,
            "at most (and, with enough work, exactly) {expected} in flight for {concurrency:?}"
        );
    }
    assert_eq!(DEFAULT_BATCH_CONCURRENCY, 4);
}

#[tokio::test(start_paused = true)]
async fn progress_and_eta_follow_the_rate_limit_not_the_burst() {
    // The platform reports a cap of 84 a minute, the window (10 requests in already, from
    // other replicas) resetting in 30 s.
    let reset = unix_now() + 30;
    let server = CountingServer::start(move |n, body| {
        let meta = json!({"rate_limit_amount": n + 11, "rate_limit_cap": 84,
                          "rate_limit_reset": reset});
        (Duration::from_millis(5), answer_for(body, meta))
    })
    .await;
    let pd = server.client().max_requests_per_minute(84).build().unwrap();
    let batch = pd.eligibility_batch((0..1010).map(request));
    let progress = batch.progress();
    let before = progress.snapshot();
    assert_eq!(
        (before.total, before.done, before.in_flight),
        (Some(1010), 0, 0)
    );
    assert_eq!(before.elapsed, Duration::ZERO, "not started until polled");

    let mut results = batch.stream();
    for _ in 0..10 {
        results.next().await.unwrap().1.unwrap();
    }
    let p = results.progress().snapshot();
    assert_eq!((p.total, p.done, p.failed), (Some(1010), 10, 0));
    assert!(p.in_flight <= 4, "{p:?}");
    assert_eq!(p.remaining(), Some(1000));
    assert!(!p.finished);
    // Ten items in a few milliseconds: the burst rate would say well under a second.
    assert!(p.elapsed < Duration::from_secs(1), "{p:?}");
    let eta = p.eta.unwrap();
    assert!(
        eta >= Duration::from_secs(11 * 60) && eta <= Duration::from_secs(12 * 60 + 30),
        "about 12 minutes at 84 a minute for 1,000 items: {eta:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn without_a_known_limit_the_eta_is_the_observed_rate() {
    // One second per item, two at a time: two items a second.
    let server = CountingServer::start(slow(1_000)).await;
    let pd = server.client().build().unwrap();
    let mut results = pd
        .eligibility_batch((0..10).map(request))
        .concurrency(2)
        .stream();
    let progress = results.progress();
    for _ in 0..4 {
        results.next().await.unwrap().1.unwrap();
    }
    let p = progress.snapshot();
    assert_eq!((p.done, p.failed), (4, 0));
    assert!(
        p.elapsed >= Duration::from_secs(2) && p.elapsed < Duration::from_millis(2_100),
        "{p:?}"
    );
    let eta = p.eta.unwrap();
    assert!(
        eta >= Duration::from_millis(2_800) && eta <= Duration::from_millis(3_200),
        "6 items left at 2 a second: {eta:?}"
    );
    while results.next().await.is_some() {}
    let end = progress.snapshot();
    assert!(end.finished);
    assert_eq!(
        (end.total, end.done, end.eta),
        (Some(10), 10, Some(Duration::ZERO))
    );
    // Elapsed stops when the batch ends.
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(progress.snapshot().elapsed, end.elapsed);
}

#[tokio::test(start_paused = true)]
async fn the_input_is_pulled_lazily() {
    let server = CountingServer::start(slow(50)).await;
    let pd = server.client().build().unwrap();
    let pulls = Arc::new(AtomicUsize::new(0));
    let counted = pulls.clone();
    // An iterator that cannot tell its length, counting every request taken from it.
    let mut next = 0;
    let input = std::iter::from_fn(move || {
        (next < 50).then(|| {
            counted.fetch_add(1, Ordering::SeqCst);
            next += 1;
            request(next - 1)
        })
    });
    let batch = pd.eligibility_batch(input).concurrency(3);
    assert_eq!(
        batch.progress().snapshot().total,
        None,
        "no exact size_hint"
    );
    let batch = batch.total(50);
    let mut results = batch.stream();
    assert_eq!(
        pulls.load(Ordering::SeqCst),
        0,
        "nothing pulled before polling"
    );
    let mut yielded = 0;
    while let Some((_, r)) = results.next().await {
        r.unwrap();
        yielded += 1;
        let pulled = pulls.load(Ordering::SeqCst);
        // The ones yielded before this one, and 3 in flight (this one among them).
        assert!(
            pulled <= (yielded - 1) + 3,
            "{pulled} pulled for {yielded} results at concurrency 3"
        );
    }
    assert_eq!((yielded, pulls.load(Ordering::SeqCst)), (50, 50));
    assert_eq!(results.progress().snapshot().total, Some(50));
}

#[tokio::test(start_paused = true)]
async fn dropping_the_stream_stops_sending() {
    // Item i is answered after (i + 1) × 100 ms.
    let server = CountingServer::start(|_, body| {
        let i: u64 = member_of(body)[1..].parse().unwrap();
        (
            Duration::from_millis((i + 1) * 100),
            answer_for(body, json!({})),
        )
    })
    .await;
    let pd = server.client().build().unwrap();
    let pulls = Arc::new(AtomicUsize::new(0));
    let counted = pulls.clone();
    let input = (0..100).map(move |i| {
        counted.fetch_add(1, Ordering::SeqCst);
        request(i)
    });
    let mut results = pd.eligibility_batch(input).concurrency(3).stream();
    let progress = results.progress();
    for _ in 0..2 {
        results.next().await.unwrap().1.unwrap();
    }
    drop(results);
    let at_drop = server.received();
    assert!(at_drop <= 2 + 3, "{at_drop} sent");
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(server.received(), at_drop, "nothing sent after the drop");
    assert!(pulls.load(Ordering::SeqCst) <= 2 + 3);
    // The calls in flight when the stream was dropped were cancelled: the server saw their
    // connections close before it answered.
    assert!(at_drop >= 3, "{at_drop}");
    assert_eq!(
        server.counters.cancelled.load(Ordering::SeqCst),
        at_drop - 2
    );
    let p = progress.snapshot();
    assert_eq!(p.done, 2);
    assert!(!p.finished);
}

// ---- the sandbox ----

async fn sandbox_burst(throttle: Option<u32>) -> (pokitdok::BatchSnapshot, u64) {
    const CAP: u32 = 8;
    let sandbox = Sandbox::builder()
        .rate_limit_cap(CAP)
        .rate_limit_window(Duration::from_secs(2))
        .start()
        .await
        .unwrap();
    let mut builder = sandbox.client_builder();
    if let Some(n) = throttle {
        builder = builder.max_requests_per_minute(n);
    }
    let pd = builder.build().unwrap();
    let mut stream = pd
        .eligibility_batch((0..20).map(request))
        .concurrency(8)
        .stream();
    let progress = stream.progress();
    let mut results = HashMap::new();
    while let Some((i, r)) = stream.next().await {
        results.insert(i, r);
        if results.len() == CAP as usize && throttle.is_some() {
            // One window used up, 12 items left at 8 per 2 s window: the ETA is learnt from
            // the sandbox's window (2 s), not the platform's minute.
            let eta = progress.snapshot().eta.unwrap();
            assert!(eta <= Duration::from_secs(8), "{eta:?}");
        }
    }
    assert_eq!(results.len(), 20, "every item answered");
    for (i, r) in &results {
        match r {
            Ok(r) => {
                let subscriber = r.data.subscriber.as_ref().unwrap();
                assert_eq!(subscriber.id.as_deref(), Some(member_id(*i).as_str()));
            }
            Err(Error::RateLimited { .. }) => {}
            Err(e) => panic!("{i}: unexpected {e:?}"),
        }
    }
    let requests = sandbox.stats(sandbox.client_id()).unwrap().requests;
    sandbox.shutdown().await;
    (progress.snapshot(), requests)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_throttled_batch_through_the_sandbox_at_a_small_cap_gets_no_403() {
    let (p, requests) = sandbox_burst(Some(8)).await;
    assert_eq!((p.done, p.failed, p.rate_limited), (20, 0, 0), "{p:?}");
    assert_eq!(requests, 20, "one request per item");
    // 20 items at 8 per 2 s window: the third window at least.
    assert!(p.elapsed >= Duration::from_secs(3), "{p:?}");

    // The same batch without the throttle collects 403s (so the test above can fail), and
    // they are per-item results: the batch still answers every item.
    let (p, _) = sandbox_burst(None).await;
    assert_eq!(p.done, 20);
    assert!(p.rate_limited > 0, "{p:?}");
    assert_eq!(p.failed, p.rate_limited);
}
