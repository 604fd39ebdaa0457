//! Bulk eligibility: re-verify the coverage of a CSV of members under the rate limit, with a
//! progress bar, one JSON line per result and a summary.
//!
//! ```text
//! cargo run --example bulk_eligibility                     # the embedded sandbox, examples/data/members.csv
//! cargo run --example bulk_eligibility -- --input members.csv --output results.jsonl --concurrency 8 --cap 84
//! POKITDOK_CLIENT_ID=... POKITDOK_CLIENT_SECRET=... cargo run --example bulk_eligibility -- --input members.csv
//! ```
//!
//! Options (an argument wins over its environment variable):
//!
//! | argument | variable | default |
//! |---|---|---|
//! | `--input PATH` | `BULK_INPUT` | `examples/data/members.csv` |
//! | `--output PATH` | `BULK_OUTPUT` | `bulk_eligibility.jsonl` in the temporary directory |
//! | `--concurrency N` | `BULK_CONCURRENCY` | 4 |
//! | `--cap N` (requests per window: the throttle, and the sandbox's cap) | `BULK_CAP` | 10 with the sandbox, 84 with the platform |
//! | `--window SECONDS` (the sandbox's rate-limit window) | `BULK_WINDOW` | 5 |
//!
//! The CSV has a header row and the columns `member_id`, `first_name`, `last_name`,
//! `birth_date` (YYYY-MM-DD), `trading_partner_id`, and optionally `provider_npi` with
//! `provider_first_name` + `provider_last_name` or `provider_organization_name`; a row without
//! a provider uses the documented test provider. The file is read twice (once to count the
//! rows for the progress bar, once as the batch goes): the batch pulls rows lazily, so a file
//! of 100,000 members is never held in memory.
//!
//! Each output line is `{"index", "member_id", "status": "active" | "inactive" | "failed", ...}`
//! with a coverage summary (plan, insurance type, level, plan dates), the rejection reason, or
//! the error kind and HTTP status; no other patient data. Without `POKITDOK_CLIENT_ID` the
//! embedded sandbox answers, capped at 10 requests per 5 s window with the client throttled to
//! match, so the 60 members of the sample file take about half a minute, visibly throttled,
//! with no 403.

#[path = "support/mod.rs"]
mod support;

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use pokitdok::models::eligibility::{Eligibility, EligibilityRequest};
use pokitdok::models::{Member, Provider};
use pokitdok::{BatchProgress, Error, PokitDok};
use pokitdok_sandbox::Sandbox;
use serde::Deserialize;
use serde_json::{Value, json};

/// The documented test provider, for rows that name none.
const DEFAULT_PROVIDER: (&str, &str, &str) = ("1467560003", "JEROME", "AYA-AY");

struct Options {
    input: PathBuf,
    output: PathBuf,
    concurrency: usize,
    cap: u32,
    window: u64,
}

const USAGE: &str = "usage: bulk_eligibility [--input PATH] [--output PATH] [--concurrency N] \
                     [--cap N] [--window SECONDS]";

fn options() -> Result<Options, String> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let mut input = env("BULK_INPUT");
    let mut output = env("BULK_OUTPUT");
    let mut concurrency = env("BULK_CONCURRENCY");
    let mut cap = env("BULK_CAP");
    let mut window = env("BULK_WINDOW");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let slot = match arg.as_str() {
            "--input" | "-i" => &mut input,
            "--output" | "-o" => &mut output,
            "--concurrency" | "-c" => &mut concurrency,
            "--cap" => &mut cap,
            "--window" => &mut window,
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        };
        *slot = Some(args.next().ok_or(format!("{arg} needs a value\n{USAGE}"))?);
    }
    let number = |name: &str, value: Option<String>, default: u64| -> Result<u64, String> {
        match value {
            None => Ok(default),
            Some(v) => match v.trim().parse::<u64>() {
                Ok(n) if n > 0 => Ok(n),
                _ => Err(format!("{name} must be a positive number, not {v:?}")),
            },
        }
    };
    let default_cap = if support::uses_sandbox() { 10 } else { 84 };
    Ok(Options {
        input: input.map(PathBuf::from).unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/examples/data/members.csv"
            ))
        }),
        output: output
            .map(PathBuf::from)
            .unwrap_or_else(|| std::env::temp_dir().join("bulk_eligibility.jsonl")),
        concurrency: number("--concurrency", concurrency, 4)?.min(256) as usize,
        cap: number("--cap", cap, default_cap)?.min(u64::from(u32::MAX)) as u32,
        window: number("--window", window, 5)?,
    })
}

/// One row of the members file.
#[derive(Deserialize)]
struct Row {
    member_id: String,
    first_name: String,
    last_name: String,
    birth_date: String,
    trading_partner_id: String,
    #[serde(default)]
    provider_npi: Option<String>,
    #[serde(default)]
    provider_first_name: Option<String>,
    #[serde(default)]
    provider_last_name: Option<String>,
    #[serde(default)]
    provider_organization_name: Option<String>,
}

impl Row {
    fn request(self) -> EligibilityRequest {
        let filled = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
        let provider = match (
            filled(self.provider_npi),
            filled(self.provider_organization_name),
        ) {
            (Some(npi), Some(org)) => Provider::organization(npi, org),
            (Some(npi), None) => Provider::person(
                npi,
                filled(self.provider_first_name).unwrap_or_default(),
                filled(self.provider_last_name).unwrap_or_default(),
            ),
            (None, _) => {
                let (npi, first, last) = DEFAULT_PROVIDER;
                Provider::person(npi, first, last)
            }
        };
        EligibilityRequest::new(
            Member::new(
                self.member_id,
                self.first_name,
                self.last_name,
                self.birth_date.as_str(),
            ),
            provider,
            self.trading_partner_id,
        )
    }
}

/// The kind of a failure, for the output and the summary (never its details: a message could
/// quote the platform's answer).
fn error_kind(e: &Error) -> &'static str {
    match e {
        Error::Validation { .. } => "validation",
        Error::TradingPartner { .. } => "trading_partner",
        Error::RateLimited { .. } => "rate_limited",
        Error::InsufficientCredits { .. } => "insufficient_credits",
        Error::Unauthorized { .. } | Error::Auth { .. } => "auth",
        Error::Timeout { .. } => "timeout",
        Error::OutcomeUnknown { .. } => "outcome_unknown",
        Error::Transport { .. } => "transport",
        Error::Config { .. } => "config",
        Error::Api { .. } => "api",
        _ => "other",
    }
}

/// The output line of one result.
fn line(
    index: usize,
    member_id: &str,
    result: &pokitdok::Result<pokitdok::ApiResponse<Eligibility>>,
) -> Value {
    let s = |v: Option<&str>| v.map_or(Value::Null, |v| json!(v));
    match result {
        Ok(r) if r.data.is_active() => {
            let cov = r.data.coverage.as_ref();
            json!({
                "index": index, "member_id": member_id, "status": "active",
                "trading_partner_id": r.data.trading_partner_id,
                "coverage": {
                    "plan": s(cov.and_then(|c| c.plan_description.as_deref())),
                    "insurance_type": s(cov.and_then(|c| c.insurance_type.as_ref()).map(|t| t.as_str())),
                    "level": s(cov.and_then(|c| c.level.as_ref()).map(|l| l.as_str())),
                    "plan_begin_date": s(cov.and_then(|c| c.plan_begin_date.as_ref()).map(|d| d.as_str())),
                    "plan_end_date": s(cov.and_then(|c| c.plan_end_date.as_ref()).map(|d| d.as_str())),
                },
            })
        }
        Ok(r) => json!({
            "index": index, "member_id": member_id, "status": "inactive",
            "trading_partner_id": r.data.trading_partner_id,
            "reject_reason": s(r.data.reject_reason.as_ref().map(|x| x.as_str())),
            "follow_up_action": s(r.data.follow_up_action.as_ref().map(|x| x.as_str())),
        }),
        Err(e) => json!({
            "index": index, "member_id": member_id, "status": "failed",
            "error": error_kind(e),
            "http_status": e.status().map(|s| s.as_u16()),
        }),
    }
}

/// Counts the data rows of the file (for the progress bar).
fn count_rows(path: &PathBuf) -> Result<u64, csv::Error> {
    let mut reader = csv::Reader::from_path(path)?;
    let mut n = 0;
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record)? {
        n += 1;
    }
    Ok(n)
}

/// The progress bar's message: the counts, the ETA from the rate limit, the window's use.
fn message(pd: &PokitDok, progress: &BatchProgress, inactive: u64) -> String {
    let p = progress.snapshot();
    let eta = p
        .eta
        .map_or("?".to_owned(), |d| format!("{}s", d.as_secs()));
    let window = match pd.rate_limit() {
        Some(rl) => match (rl.amount, rl.cap) {
            (Some(a), Some(c)) if a >= c && p.in_flight > 0 => {
                format!("window {a}/{c}: throttled, waiting for the next")
            }
            (Some(a), Some(c)) => format!("window {a}/{c}"),
            _ => String::new(),
        },
        None => String::new(),
    };
    format!(
        "active {} · inactive {inactive} · failed {} · eta {eta} · {window}",
        p.succeeded().saturating_sub(inactive),
        p.failed
    )
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let opts = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("bulk_eligibility: {e}");
            std::process::exit(2);
        }
    };
    let sandbox = Sandbox::builder()
        .rate_limit_cap(opts.cap)
        .rate_limit_window(Duration::from_secs(opts.window));
    let cap = opts.cap;
    let (pd, _sandbox) = support::client_with("bulk_eligibility", sandbox, move |b| {
        // The throttle keeps the batch (and every other call of this client) under the cap.
        b.max_requests_per_minute(cap)
    })
    .await;

    let total = count_rows(&opts.input)
        .map_err(|e| format!("cannot read {}: {e}", opts.input.display()))?;
    let mut output = BufWriter::new(
        File::create(&opts.output)
            .map_err(|e| format!("cannot create {}: {e}", opts.output.display()))?,
    );

    // Rows are read as the batch needs them; the member id of each item in flight is kept
    // for its output line.
    let ids: Arc<Mutex<HashMap<usize, String>>> = Arc::default();
    let skipped = Arc::new(Mutex::new(Vec::<u64>::new()));
    let (ids_in, skipped_in) = (ids.clone(), skipped.clone());
    let mut index = 0;
    let requests = csv::Reader::from_path(&opts.input)?
        .into_deserialize::<Row>()
        .filter_map(move |row| match row {
            Ok(row) => {
                ids_in.lock().unwrap().insert(index, row.member_id.clone());
                index += 1;
                Some(row.request())
            }
            Err(e) => {
                // The line only: the error could quote the row's values.
                let line = e.position().map_or(0, |p| p.line());
                skipped_in.lock().unwrap().push(line);
                None
            }
        });

    let batch = pd
        .eligibility_batch(requests)
        .concurrency(opts.concurrency)
        .total(total);
    let progress = batch.progress();

    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} {msg}")?
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    let inactive = Arc::new(std::sync::atomic::AtomicU64::new(0));
    // The message comes from the progress handle, in a task of its own: it moves while the
    // batch waits for the next window, not only when a result arrives.
    let ticker = {
        let (bar, pd, progress, inactive) =
            (bar.clone(), pd.clone(), progress.clone(), inactive.clone());
        tokio::spawn(async move {
            let mut last_plain = tokio::time::Instant::now();
            loop {
                let msg = message(
                    &pd,
                    &progress,
                    inactive.load(std::sync::atomic::Ordering::Relaxed),
                );
                if bar.is_hidden() && last_plain.elapsed() >= Duration::from_secs(5) {
                    // Not a terminal (CI, a pipe): a plain line now and then.
                    let p = progress.snapshot();
                    eprintln!("{}/{} done · {msg}", p.done, total);
                    last_plain = tokio::time::Instant::now();
                }
                bar.set_message(msg);
                if progress.snapshot().finished {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        })
    };

    let (mut active, mut failed) = (0u64, 0u64);
    let mut results = batch.stream();
    while let Some((i, result)) = results.next().await {
        let member_id = ids.lock().unwrap().remove(&i).unwrap_or_default();
        match &result {
            Ok(r) if r.data.is_active() => active += 1,
            Ok(_) => {
                inactive.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Err(_) => failed += 1,
        }
        writeln!(output, "{}", line(i, &member_id, &result))?;
        bar.inc(1);
    }
    output.flush()?;
    let _ = ticker.await;
    let p = progress.snapshot();
    bar.finish_with_message(message(
        &pd,
        &progress,
        inactive.load(std::sync::atomic::Ordering::Relaxed),
    ));

    println!(
        "{} members in {:.1} s (concurrency {}, {} requests per window): {active} active, {} inactive, {failed} failed",
        p.done,
        p.elapsed.as_secs_f64(),
        opts.concurrency,
        opts.cap,
        inactive.load(std::sync::atomic::Ordering::Relaxed),
    );
    println!("403s seen: {}", p.rate_limited);
    let skipped = skipped.lock().unwrap();
    if !skipped.is_empty() {
        println!(
            "skipped {} malformed rows (lines {:?})",
            skipped.len(),
            *skipped
        );
    }
    println!("results: {}", opts.output.display());
    Ok(())
}
