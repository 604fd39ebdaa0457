//! The fleet in real processes: two replica processes and a sandbox process share one
//! `redis-server` (a fourth process). Nothing but Redis and HTTP connects them, so this proves
//! the sharing works across processes, not only across values in one process.
//!
//! The processes are this test binary run again in a role (`POKITDOK_FLEET_ROLE`): `worker`
//! runs a replica that makes its calls and prints what it got; `sandbox` serves the sandbox on
//! a free port and prints its counters when its stdin closes. The figure the README quotes
//! ("Running many replicas") is what [`two_processes_share_one_token_and_one_rate_limit`]
//! prints: `cargo test --features redis --test fleet_processes -- --nocapture`.

mod redis_server;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use futures_util::future::join_all;
use pokitdok::{Error, PokitDok};
use pokitdok_sandbox::Sandbox;
use redis_server::RedisServer;

const ROLE: &str = "POKITDOK_FLEET_ROLE";
/// The sandbox's cap per window, and its window: the platform's 84 a minute scaled down.
const CAP: u32 = 60;
const WINDOW: Duration = Duration::from_secs(5);
/// Calls per replica process: together 90, over the cap of one window.
const CALLS: usize = 45;
const ID: &str = "fleet-client";
const SECRET: &str = "fleet-secret-0123456789";

fn unix_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is set for a fleet process"))
}

/// This binary again, in `role`, running only the entry point.
fn spawn(role: &str, vars: &[(&str, String)]) -> Child {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        "process_entry",
        "--nocapture",
        "--test-threads",
        "1",
    ])
    .env(ROLE, role)
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::inherit());
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.spawn().unwrap()
}

/// What follows `tag` on the first line of `child`'s output that holds it.
fn line(child: &mut Child, tag: &str) -> String {
    let out = child.stdout.as_mut().unwrap();
    let mut reader = BufReader::new(out);
    let mut l = String::new();
    loop {
        l.clear();
        assert!(
            reader.read_line(&mut l).unwrap() > 0,
            "the process ended before printing {tag}"
        );
        // libtest may have started the line ("test process_entry ... ").
        if let Some(at) = l.find(tag) {
            return l[at + tag.len()..].trim().to_owned();
        }
    }
}

/// `key=value` pairs of a line.
fn field(l: &str, key: &str) -> u64 {
    l.split_whitespace()
        .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{key} in {l:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_one_token_and_one_rate_limit() {
    let redis = RedisServer::start();
    let mut sandbox = spawn("sandbox", &[]);
    let url = line(&mut sandbox, "SANDBOX ");

    let start_at = unix_ms() + 1_500;
    let vars = [
        ("FLEET_SANDBOX", url),
        ("FLEET_REDIS", redis.url()),
        ("FLEET_START_AT", start_at.to_string()),
    ];
    let mut workers: Vec<Child> = (0..2).map(|_| spawn("worker", &vars)).collect();
    let results: Vec<String> = workers.iter_mut().map(|w| line(w, "FLEET ")).collect();
    for w in &mut workers {
        assert!(w.wait().unwrap().success());
    }
    // Closing its stdin makes the sandbox print its counters and stop.
    drop(sandbox.stdin.take());
    let stats = line(&mut sandbox, "STATS ");
    assert!(sandbox.wait().unwrap().success());

    let calls = 2 * CALLS as u64;
    let ok: u64 = results.iter().map(|r| field(r, "ok")).sum();
    let limited: u64 = results.iter().map(|r| field(r, "limited")).sum();
    let wall = results
        .iter()
        .map(|r| field(r, "elapsed_ms"))
        .max()
        .unwrap();
    let tokens = field(&stats, "tokens");
    println!(
        "2 processes, {calls} calls, cap {CAP} per {} s window: {limited} 403s, {tokens} token \
         request(s), {wall} ms",
        WINDOW.as_secs()
    );
    assert_eq!((ok, limited), (calls, 0), "{results:?}");
    assert_eq!(tokens, 1, "one token request for both processes");
    assert_eq!(field(&stats, "requests"), calls);
    // Past the first window: the processes waited for the second one together.
    assert!(wall >= 2_000, "{wall} ms");
}

/// The entry point of the processes [`two_processes_share_one_token_and_one_rate_limit`]
/// starts; without `POKITDOK_FLEET_ROLE` (a normal test run) it has nothing to do.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn process_entry() {
    match std::env::var(ROLE).as_deref() {
        Ok("worker") => worker().await,
        Ok("sandbox") => sandbox().await,
        Ok(other) => panic!("unknown role {other}"),
        Err(_) => {}
    }
}

/// A replica: its calls, all at once from the agreed instant, and one line of results.
async fn worker() {
    let pd = PokitDok::builder()
        .base_url(env("FLEET_SANDBOX"))
        .client_id(ID)
        .client_secret(SECRET)
        .redis(env("FLEET_REDIS"))
        .max_requests_per_minute(CAP)
        .build()
        .unwrap();
    let start_at: u64 = env("FLEET_START_AT").parse().unwrap();
    tokio::time::sleep(Duration::from_millis(start_at.saturating_sub(unix_ms()))).await;
    let started = Instant::now();
    let results = join_all((0..CALLS).map(|_| pd.eligibility_constants().into_future())).await;
    let elapsed = started.elapsed();
    let (mut ok, mut limited) = (0, 0);
    for r in results {
        match r {
            Ok(_) => ok += 1,
            Err(Error::RateLimited { .. }) => limited += 1,
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    println!(
        "FLEET ok={ok} limited={limited} elapsed_ms={}",
        elapsed.as_millis()
    );
    std::io::stdout().flush().unwrap();
}

/// The sandbox: serves until stdin closes, then prints its counters.
async fn sandbox() {
    let sandbox = Sandbox::builder()
        .client_id(ID)
        .client_secret(SECRET)
        .rate_limit_cap(CAP)
        .rate_limit_window(WINDOW)
        .start()
        .await
        .unwrap();
    println!("SANDBOX {}", sandbox.url());
    std::io::stdout().flush().unwrap();
    tokio::task::spawn_blocking(|| {
        let mut sink = String::new();
        while std::io::stdin().read_line(&mut sink).unwrap_or(0) > 0 {}
    })
    .await
    .unwrap();
    let stats = sandbox.stats(ID).unwrap();
    println!(
        "STATS tokens={} requests={}",
        stats.tokens_issued, stats.requests
    );
    std::io::stdout().flush().unwrap();
    sandbox.shutdown().await;
}
