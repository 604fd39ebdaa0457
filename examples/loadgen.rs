//! Load program: raw `reqwest` against `pokitdok`, side by side in one process, against a
//! minimal fixed-response server (BENCHMARKS.md has the method and the figures).
//!
//! ```text
//! cargo run --release --example loadgen                      # the comparison (about 2 min)
//! cargo run --release --example loadgen -- --rounds 9 --secs 3 --concurrency 1,64
//! cargo run --release --example loadgen -- --calls typed --concurrency 64   # one call only
//! cargo run --release --example loadgen -- --pair raw-generic,raw-envelope --concurrency 64
//!                                                             # any two sides, the second
//!                                                             # against the first
//! cargo run --release --example loadgen -- --pair raw-generic-text,pd-generic
//!                                                             # pokitdok against raw reqwest
//!                                                             # decoding text as it does
//! cargo run --release --example loadgen -- --subscriber      # with a tracing subscriber at INFO
//! cargo run --release --example loadgen -- --only pd-generic --concurrency 64 --secs 20
//!                                                             # one side alone (for `perf record`)
//! cargo run --release --example loadgen -- --rss 10000       # peak RSS, 10,000 in flight
//! cargo run --release --example loadgen -- --serve-only --port 8089
//!                                                             # the server alone (Python client)
//! ```
//!
//! The server runs on its own runtime and thread; the clients on another runtime whose threads
//! are the only ones counted for "CPU per request" (each thread's on-CPU time, from
//! `/proc/self/task/<tid>/schedstat`). Each measured pair alternates (raw then pokitdok, then
//! pokitdok then raw, ...) so that a change of the machine's load hits both sides alike; the
//! figures are the medians of the rounds, and the ratios the medians of each pair's ratio.
//!
//! The server answers every request on a kept-alive HTTP/1.1 connection: `POST /oauth2/token`
//! with a token, `/api/v4/tradingpartners/` with a 28 KB list, anything else with the recorded
//! 6.9 KB eligibility answer (`benches/support/payloads.rs` says how both are built from the
//! sandbox's fixtures).

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pokitdok::models::eligibility::{Eligibility, EligibilityRequest};
use pokitdok::{ApiResponse, PokitDok, Token};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::watch;

#[path = "../benches/support/payloads.rs"]
mod payloads;

/// The access token both clients send (the server does not check it).
const TOKEN: &str = "loadgen-access-token-0123456789abcdef";
/// What both clients are given as their timeouts (pokitdok's defaults).
const TIMEOUT: Duration = Duration::from_secs(90);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

type Error = Box<dyn std::error::Error + Send + Sync>;

fn main() -> Result<(), Error> {
    let args = Args::parse()?;
    if args.serve_only {
        return serve_only(&args);
    }
    if let Some(client) = &args.rss_client {
        return rss_client(&args, client);
    }
    if args.rss.is_some() {
        return rss(&args);
    }
    compare(&args)
}

// ---------------------------------------------------------------------------------------------
// Arguments

struct Args {
    rounds: usize,
    secs: f64,
    concurrency: Vec<usize>,
    client_threads: usize,
    only: Option<String>,
    subscriber: bool,
    serve_only: bool,
    port: u16,
    rss: Option<usize>,
    rss_client: Option<String>,
    /// Which calls the comparison measures: "generic", "typed" or both.
    calls: Vec<String>,
    /// Two sides to compare instead (the second against the first).
    pair: Option<(Side, Side)>,
}

impl Args {
    fn parse() -> Result<Args, Error> {
        let mut a = Args {
            rounds: 7,
            secs: 2.0,
            concurrency: vec![1, 64],
            client_threads: 2,
            only: None,
            subscriber: false,
            serve_only: false,
            port: 0,
            rss: None,
            rss_client: None,
            calls: vec!["generic".into(), "typed".into()],
            pair: None,
        };
        let mut it = std::env::args().skip(1);
        while let Some(flag) = it.next() {
            let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--rounds" => a.rounds = value()?.parse()?,
                "--secs" => a.secs = value()?.parse()?,
                "--concurrency" => {
                    a.concurrency = value()?
                        .split(',')
                        .map(str::parse)
                        .collect::<Result<_, _>>()?
                }
                "--client-threads" => a.client_threads = value()?.parse()?,
                "--only" => a.only = Some(value()?),
                "--subscriber" => a.subscriber = true,
                "--serve-only" => a.serve_only = true,
                "--port" => a.port = value()?.parse()?,
                "--rss" => a.rss = Some(value()?.parse()?),
                "--rss-client" => a.rss_client = Some(value()?),
                "--calls" => a.calls = value()?.split(',').map(str::to_owned).collect(),
                "--pair" => {
                    let v = value()?;
                    let side = |name: &str| {
                        Side::from_name(name).ok_or_else(|| format!("unknown side {name}"))
                    };
                    let (a1, b1) = v.split_once(',').ok_or("--pair takes two sides: A,B")?;
                    a.pair = Some((side(a1)?, side(b1)?));
                }
                "--help" | "-h" => {
                    println!(
                        "loadgen [--rounds N] [--secs S] [--concurrency 1,64] [--client-threads N]\n\
                         \x20       [--calls generic,typed | --pair SIDE,SIDE]\n\
                         \x20       [--only SIDE] [--subscriber]\n\
                         SIDE: {}\n\
                         loadgen --rss N\n\
                         loadgen --serve-only [--port N]",
                        Side::ALL.map(Side::name).join(", ")
                    );
                    std::process::exit(0);
                }
                other => return Err(format!("unknown argument {other} (try --help)").into()),
            }
        }
        if a.calls.iter().any(|c| c != "generic" && c != "typed") {
            return Err("--calls takes generic, typed or both".into());
        }
        if a.rounds == 0 || a.concurrency.contains(&0) || a.client_threads == 0 {
            return Err("rounds, concurrency and client threads must be at least 1".into());
        }
        Ok(a)
    }
}

// ---------------------------------------------------------------------------------------------
// The fixed-response server

/// Answers, each a whole HTTP/1.1 response.
struct Answers {
    eligibility: Vec<u8>,
    partners: Vec<u8>,
    token: Vec<u8>,
}

impl Answers {
    fn new() -> Answers {
        let http = |body: Vec<u8>| {
            let mut r = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                body.len()
            )
            .into_bytes();
            r.extend(body);
            r
        };
        Answers {
            eligibility: http(payloads::eligibility()),
            partners: http(payloads::trading_partners()),
            token: http(payloads::token_answer()),
        }
    }

    fn for_path(&self, path: &str) -> &[u8] {
        if path.starts_with("/oauth2/token") {
            &self.token
        } else if path.starts_with("/api/v4/tradingpartners") {
            &self.partners
        } else {
            &self.eligibility
        }
    }
}

/// Holds answers until `batch` requests have arrived, then releases them all (the RSS mode:
/// every request of a batch in flight at once). `batch` 0: no holding.
struct Hold {
    batch: usize,
    arrived: AtomicUsize,
    released: watch::Sender<usize>,
}

impl Hold {
    async fn wait(&self) {
        if self.batch == 0 {
            return;
        }
        let n = self.arrived.fetch_add(1, Ordering::SeqCst) + 1;
        let mine = n.div_ceil(self.batch);
        if n.is_multiple_of(self.batch) {
            self.released.send_replace(mine);
        }
        let mut rx = self.released.subscribe();
        let _ = rx.wait_for(|released| *released >= mine).await;
    }
}

/// A server on its own thread and runtime; returns its port.
fn start_server(port: u16, hold: usize) -> Result<u16, Error> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let socket = rt.block_on(async {
        let socket = TcpSocket::new_v4()?;
        socket.set_reuseaddr(true)?;
        socket.bind(([127, 0, 0, 1], port).into())?;
        socket.listen(4096)
    })?;
    let port = socket.local_addr()?.port();
    let answers = Arc::new(Answers::new());
    let hold = Arc::new(Hold {
        batch: hold,
        arrived: AtomicUsize::new(0),
        released: watch::channel(0).0,
    });
    std::thread::Builder::new()
        .name("lg-server".into())
        .spawn(move || rt.block_on(accept(socket, answers, hold)))?;
    Ok(port)
}

async fn accept(listener: TcpListener, answers: Arc<Answers>, hold: Arc<Hold>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        tokio::spawn(connection(stream, answers.clone(), hold.clone()));
    }
}

/// One kept-alive connection: requests parsed with httparse, bodies skipped by their
/// `Content-Length`, one fixed answer each.
async fn connection(mut stream: TcpStream, answers: Arc<Answers>, hold: Arc<Hold>) {
    let mut buf: Vec<u8> = Vec::with_capacity(16 * 1024);
    let mut chunk = vec![0u8; 16 * 1024];
    loop {
        // Every complete request in the buffer.
        loop {
            let mut headers = [httparse::EMPTY_HEADER; 32];
            let mut req = httparse::Request::new(&mut headers);
            let head = match req.parse(&buf) {
                Ok(httparse::Status::Complete(n)) => n,
                Ok(httparse::Status::Partial) => break,
                Err(_) => return,
            };
            let length = req
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case("content-length"))
                .and_then(|h| {
                    std::str::from_utf8(h.value)
                        .ok()?
                        .trim()
                        .parse::<usize>()
                        .ok()
                })
                .unwrap_or(0);
            if buf.len() < head + length {
                break;
            }
            let answer = answers.for_path(req.path.unwrap_or("/"));
            hold.wait().await;
            if stream.write_all(answer).await.is_err() {
                return;
            }
            buf.drain(..head + length);
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

fn serve_only(args: &Args) -> Result<(), Error> {
    let port = start_server(args.port, args.rss.unwrap_or(0))?;
    println!("listening on 127.0.0.1:{port}");
    std::io::stdout().flush()?;
    loop {
        std::thread::park();
    }
}

// ---------------------------------------------------------------------------------------------
// The clients

/// A `reqwest` client configured as pokitdok configures its own: the same timeouts, no
/// redirects (TLS plays no part: plain HTTP on loopback).
fn raw_client() -> Result<reqwest::Client, Error> {
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(TIMEOUT)
        .connect_timeout(CONNECT_TIMEOUT)
        .build()?)
}

/// A pokitdok client with every default on (retry policy, deadline, throttle machinery at its
/// default unlimited setting, body cap, spans) and a saved valid token: no token traffic.
fn pd_client(port: u16) -> Result<PokitDok, Error> {
    Ok(PokitDok::builder()
        .client_id("loadgen")
        .client_secret("loadgen-secret")
        .base_url(format!("http://127.0.0.1:{port}"))
        .token(Token::new(TOKEN, Some(Duration::from_secs(24 * 3600))))
        .build()?)
}

/// One of the four measured sides.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Side {
    /// Raw reqwest GET, bearer header, `serde_json::Value` decode.
    RawGeneric,
    /// `pd.get("/eligibility/").send()`.
    PdGeneric,
    /// Raw reqwest POST of the eligibility request, decoded as `ApiResponse<Eligibility>`.
    RawTyped,
    /// `pd.eligibility(&req)`.
    PdTyped,
    /// Raw reqwest GET, bearer header, decoded as pokitdok's `ApiResponse<Value>` (serde's
    /// derived envelope, `meta` into `Meta`): what the generic call's answer costs to decode
    /// without the rest of the call.
    RawEnvelope,
    /// Raw reqwest GET, bearer header, the body checked as UTF-8 once and decoded as text
    /// (`serde_json::from_str::<Value>`), as pokitdok decodes it.
    RawGenericText,
    /// Raw reqwest POST, typed decode of the body as text, as pokitdok decodes it.
    RawTypedText,
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Side::RawGeneric => "raw-generic",
            Side::PdGeneric => "pd-generic",
            Side::RawTyped => "raw-typed",
            Side::PdTyped => "pd-typed",
            Side::RawEnvelope => "raw-envelope",
            Side::RawGenericText => "raw-generic-text",
            Side::RawTypedText => "raw-typed-text",
        }
    }

    const ALL: [Side; 7] = [
        Side::RawGeneric,
        Side::PdGeneric,
        Side::RawTyped,
        Side::PdTyped,
        Side::RawEnvelope,
        Side::RawGenericText,
        Side::RawTypedText,
    ];

    fn from_name(name: &str) -> Option<Side> {
        Side::ALL.into_iter().find(|s| s.name() == name)
    }
}

#[derive(Clone)]
struct Clients {
    raw: reqwest::Client,
    pd: PokitDok,
    url: reqwest::Url,
    req: Arc<EligibilityRequest>,
}

impl Clients {
    fn new(port: u16) -> Result<Clients, Error> {
        Ok(Clients {
            raw: raw_client()?,
            pd: pd_client(port)?,
            url: reqwest::Url::parse(&format!("http://127.0.0.1:{port}/api/v4/eligibility/"))?,
            req: Arc::new(serde_json::from_value(payloads::eligibility_request())?),
        })
    }

    /// One request of `side`; checks that the answer was decoded.
    async fn one(&self, side: Side) -> Result<(), Error> {
        match side {
            Side::RawGeneric | Side::RawEnvelope | Side::RawGenericText => {
                let r = self
                    .raw
                    .get(self.url.clone())
                    .bearer_auth(TOKEN)
                    .send()
                    .await?
                    .error_for_status()?;
                let body = r.bytes().await?;
                if side == Side::RawGeneric {
                    let v: Value = serde_json::from_slice(&body)?;
                    check(v["data"].is_object())
                } else if side == Side::RawGenericText {
                    let v: Value = serde_json::from_str(std::str::from_utf8(&body)?)?;
                    check(v["data"].is_object())
                } else {
                    let v: ApiResponse<Value> = serde_json::from_slice(&body)?;
                    check(v.data.is_object())
                }
            }
            Side::PdGeneric => {
                let r = self.pd.get("/eligibility/").send().await?;
                check(r.data.is_object())
            }
            Side::RawTyped | Side::RawTypedText => {
                let r = self
                    .raw
                    .post(self.url.clone())
                    .bearer_auth(TOKEN)
                    .json(&*self.req)
                    .send()
                    .await?
                    .error_for_status()?;
                let body = r.bytes().await?;
                let e: ApiResponse<Eligibility> = if side == Side::RawTyped {
                    serde_json::from_slice(&body)?
                } else {
                    serde_json::from_str(std::str::from_utf8(&body)?)?
                };
                check(e.data.coverage.is_some())
            }
            Side::PdTyped => {
                let e = self.pd.eligibility(&self.req).await?;
                check(e.data.coverage.is_some())
            }
        }
    }
}

fn check(ok: bool) -> Result<(), Error> {
    if ok {
        Ok(())
    } else {
        Err("the answer did not decode as expected".into())
    }
}

// ---------------------------------------------------------------------------------------------
// CPU time of the client runtime's threads

/// The kernel thread ids of the client runtime's threads (workers and blocking pool).
static CLIENT_TIDS: Mutex<Vec<u32>> = Mutex::new(Vec::new());

fn current_tid() -> Option<u32> {
    // "/proc/thread-self" links to "<pid>/task/<tid>".
    let link = std::fs::read_link("/proc/thread-self").ok()?;
    link.file_name()?.to_str()?.parse().ok()
}

/// On-CPU nanoseconds of the client runtime's threads so far (`schedstat`'s first field:
/// nanosecond resolution, unlike `stat`'s clock ticks).
fn client_cpu_ns() -> u64 {
    let tids = CLIENT_TIDS
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    tids.iter()
        .filter_map(|tid| {
            let s = std::fs::read_to_string(format!("/proc/self/task/{tid}/schedstat")).ok()?;
            s.split_whitespace().next()?.parse::<u64>().ok()
        })
        .sum()
}

fn client_runtime(threads: usize) -> Result<tokio::runtime::Runtime, Error> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .thread_name("lg-client")
        .on_thread_start(|| {
            if let Some(tid) = current_tid() {
                CLIENT_TIDS
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push(tid);
            }
        })
        .enable_all()
        .build()?)
}

// ---------------------------------------------------------------------------------------------
// The comparison

/// One run of one side: `c` tasks sending back to back for `secs`.
struct Run {
    requests: usize,
    elapsed: Duration,
    cpu_ns: u64,
    /// Latencies, sorted.
    latencies_ns: Vec<u64>,
}

impl Run {
    fn rps(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64()
    }
    fn cpu_us(&self) -> f64 {
        self.cpu_ns as f64 / 1e3 / self.requests.max(1) as f64
    }
    fn percentile_us(&self, p: f64) -> f64 {
        if self.latencies_ns.is_empty() {
            return 0.0;
        }
        let i = ((self.latencies_ns.len() as f64 * p).ceil() as usize)
            .clamp(1, self.latencies_ns.len())
            - 1;
        self.latencies_ns[i] as f64 / 1e3
    }
}

async fn run(clients: &Clients, side: Side, c: usize, secs: f64) -> Result<Run, Error> {
    let until = Instant::now() + Duration::from_secs_f64(secs);
    let cpu0 = client_cpu_ns();
    let started = Instant::now();
    let tasks: Vec<_> = (0..c)
        .map(|_| {
            let clients = clients.clone();
            tokio::spawn(async move {
                let mut lat = Vec::with_capacity(16 * 1024);
                while Instant::now() < until {
                    let t = Instant::now();
                    clients.one(side).await?;
                    lat.push(t.elapsed().as_nanos() as u64);
                }
                Ok::<_, Error>(lat)
            })
        })
        .collect();
    let mut latencies_ns = Vec::new();
    for t in tasks {
        latencies_ns.extend(t.await??);
    }
    let elapsed = started.elapsed();
    let cpu_ns = client_cpu_ns() - cpu0;
    latencies_ns.sort_unstable();
    Ok(Run {
        requests: latencies_ns.len(),
        elapsed,
        cpu_ns,
        latencies_ns,
    })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// The first and third quartiles (the middle half of the values).
fn quartiles(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return (0.0, 0.0);
    }
    let at = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    (at(0.25), at(0.75))
}

struct Summary {
    rps: f64,
    p50: f64,
    p99: f64,
    cpu_us: f64,
}

fn summarize(runs: &[Run]) -> Summary {
    Summary {
        rps: median(runs.iter().map(Run::rps).collect()),
        p50: median(runs.iter().map(|r| r.percentile_us(0.50)).collect()),
        p99: median(runs.iter().map(|r| r.percentile_us(0.99)).collect()),
        cpu_us: median(runs.iter().map(Run::cpu_us).collect()),
    }
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn compare(args: &Args) -> Result<(), Error> {
    if args.subscriber {
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::INFO)
            .with_writer(std::io::sink)
            .init();
    }
    let port = start_server(0, 0)?;
    let rt = client_runtime(args.client_threads)?;
    let clients = rt.block_on(async { Clients::new(port) })?;
    println!(
        "loadgen: eligibility answer {} bytes; {} client thread(s), server on 1 thread; \
         {} round(s) of {} s per side; subscriber: {}; load average before: {}",
        payloads::eligibility().len(),
        args.client_threads,
        args.rounds,
        args.secs,
        if args.subscriber { "INFO" } else { "none" },
        load()
    );
    if let Some(only) = &args.only {
        let side = Side::from_name(only).ok_or_else(|| format!("unknown side {only}"))?;
        for &c in &args.concurrency {
            for _ in 0..args.rounds {
                let r = rt.block_on(run(&clients, side, c, args.secs))?;
                println!(
                    "{:<12} c={c:<3} {:>9.0} req/s  p50 {:>7.0} us  p99 {:>7.0} us  cpu {:>6.1} us/req",
                    side.name(),
                    r.rps(),
                    r.percentile_us(0.5),
                    r.percentile_us(0.99),
                    r.cpu_us()
                );
            }
        }
        return Ok(());
    }
    println!(
        "{:<8} {:>4} {:<12} {:>9} {:>9} {:>9} {:>11}   {:>11} {:>11}   cpu ratio, middle half of the rounds",
        "call", "c", "side", "req/s", "p50 us", "p99 us", "cpu us/req", "rps ratio", "cpu ratio",
    );
    for &c in &args.concurrency {
        let pairs = match args.pair {
            Some((a, b)) => vec![("pair", a, b)],
            None => [
                ("generic", Side::RawGeneric, Side::PdGeneric),
                ("typed", Side::RawTyped, Side::PdTyped),
            ]
            .into_iter()
            .filter(|(label, _, _)| args.calls.iter().any(|c| c == label))
            .collect(),
        };
        for (label, raw, pd) in pairs {
            // Warm-up: connections opened, allocator and caches settled.
            for side in [raw, pd] {
                rt.block_on(run(&clients, side, c, args.secs.min(1.0)))?;
            }
            let (mut raws, mut pds) = (Vec::new(), Vec::new());
            for round in 0..args.rounds {
                let order = if round % 2 == 0 { [raw, pd] } else { [pd, raw] };
                for side in order {
                    let r = rt.block_on(run(&clients, side, c, args.secs))?;
                    if side == raw {
                        raws.push(r);
                    } else {
                        pds.push(r);
                    }
                }
            }
            let rps_ratio = median(
                raws.iter()
                    .zip(&pds)
                    .map(|(r, p)| p.rps() / r.rps())
                    .collect(),
            );
            let cpu_ratios: Vec<f64> = raws
                .iter()
                .zip(&pds)
                .map(|(r, p)| p.cpu_us() / r.cpu_us())
                .collect();
            let cpu_ratio = median(cpu_ratios.clone());
            // The spread of the rounds' ratios: how far one run's median may be from another's.
            let (q1, q3) = quartiles(cpu_ratios);
            for (side, runs) in [(raw, &raws), (pd, &pds)] {
                let s = summarize(runs);
                print!(
                    "{label:<8} {c:>4} {:<12} {:>9.0} {:>9.0} {:>9.0} {:>11.1}",
                    side.name(),
                    s.rps,
                    s.p50,
                    s.p99,
                    s.cpu_us
                );
                if side == pd {
                    println!("   {rps_ratio:>10.3}x {cpu_ratio:>10.3}x   {q1:.3}-{q3:.3}x");
                } else {
                    println!();
                }
            }
        }
    }
    println!("load average after: {}", load());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Peak RSS with 10,000 requests in flight

/// `VmRSS` and `VmHWM` of this process, in KiB.
fn rss_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Starts a server process holding answers until `n` requests are in, then runs one client
/// process per side (raw reqwest, pokitdok generic, pokitdok typed), each sending `n` requests
/// at once: each process's own peak RSS is its client's alone.
fn rss(args: &Args) -> Result<(), Error> {
    let n = args.rss.unwrap_or(10_000);
    let exe = std::env::current_exe()?;
    let mut server = Command::new(&exe)
        .args(["--serve-only", "--rss", &n.to_string()])
        .stdout(Stdio::piped())
        .spawn()?;
    let mut line = String::new();
    {
        use std::io::BufRead as _;
        let out = server.stdout.take().ok_or("no server stdout")?;
        std::io::BufReader::new(out).read_line(&mut line)?;
    }
    let port = line
        .trim()
        .rsplit(':')
        .next()
        .and_then(|p| p.parse::<u16>().ok())
        .ok_or("the server did not say its port")?;
    println!(
        "peak RSS of a client process sending {n} requests at once (the server holds every answer until all {n} are in):"
    );
    let result = (|| {
        for side in ["raw-generic", "pd-generic", "raw-typed", "pd-typed"] {
            let out = Command::new(&exe)
                .args([
                    "--rss-client",
                    side,
                    "--port",
                    &port.to_string(),
                    "--rss",
                    &n.to_string(),
                    "--client-threads",
                    &args.client_threads.to_string(),
                ])
                .output()?;
            if !out.status.success() {
                return Err(
                    format!("{side}: {}", String::from_utf8_lossy(&out.stderr).trim()).into(),
                );
            }
            print!("{}", String::from_utf8_lossy(&out.stdout));
        }
        Ok::<_, Error>(())
    })();
    let _ = server.kill();
    let _ = server.wait();
    result
}

fn rss_client(args: &Args, side: &str) -> Result<(), Error> {
    let side = Side::from_name(side).ok_or_else(|| format!("unknown side {side}"))?;
    let n = args.rss.unwrap_or(10_000);
    let rt = client_runtime(args.client_threads)?;
    let clients = rt.block_on(async { Clients::new(args.port) })?;
    let (before, _) = rss_kib();
    let started = Instant::now();
    rt.block_on(async {
        let tasks: Vec<_> = (0..n)
            .map(|_| {
                let clients = clients.clone();
                tokio::spawn(async move { clients.one(side).await })
            })
            .collect();
        for t in tasks {
            t.await??;
        }
        Ok::<_, Error>(())
    })?;
    let (_, peak) = rss_kib();
    println!(
        "  {:<12} before {:>7} KiB  peak {:>7} KiB  (+{:>6} KiB, {:.1} KiB per request)  {:.1} s",
        side.name(),
        before,
        peak,
        peak.saturating_sub(before),
        peak.saturating_sub(before) as f64 / n as f64,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
