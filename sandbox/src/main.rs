//! `pokitdok-sandbox`: serves the embedded fake PokitDok platform on 127.0.0.1 until Ctrl-C,
//! so that clients in any language can be tried against it.
//!
//! ```text
//! cargo run -p pokitdok-sandbox -- --port 5002 \
//!     --client-id my-id --client-secret my-secret --scopes user_schedule,business_schedule
//! ```

use std::process::ExitCode;
use std::time::Duration;

use pokitdok_sandbox::{MAX_TOKEN_LIFETIME, SCOPES, Sandbox};

const USAGE: &str = "\
Usage: pokitdok-sandbox [OPTIONS]

Serves a fake PokitDok Platform API v4 on 127.0.0.1 until stopped (Ctrl-C), with one
registered application. Point any PokitDok client at the base URL it prints (the API is
{base}/api/v4, the token endpoint {base}/oauth2/token).

Options:
  --port PORT               port to listen on, 0 for a random free one (default 0)
  --client-id ID            client id it accepts (default: random)
  --client-secret SECRET    client secret it accepts (default: random)
  --scopes LIST             OAuth scopes the application is granted, comma or space
                            separated: user_schedule, business_schedule. Its
                            client-credentials tokens carry them without asking, so
                            scheduling works without a scope on the token request
                            (default: none; scheduling then answers 403 without one)
  --token-lifetime SECS     access-token lifetime, 1 to 2592000 (default 3600)
  --rate-limit-cap N        requests per client per minute (default 84)
  --credits N               credits per client; billable calls cost one (default 100000)
  --activity-step SECS      seconds between two states of an asynchronous activity, e.g.
                            0.2; a claim completes after three (default 2)
  -h, --help                print this help and exit
  -V, --version             print the version and exit

Options take their value as the next argument or after '=' (--port=5002).";

struct Args {
    port: u16,
    scopes: Vec<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    token_lifetime: Option<u64>,
    rate_limit_cap: Option<u32>,
    credits: Option<i64>,
    activity_step: Option<f64>,
}

/// What the command line asks for.
enum Command {
    Serve(Args),
    Help,
    Version,
}

fn parse() -> Result<Command, String> {
    let mut args = Args {
        port: 0,
        scopes: Vec::new(),
        client_id: None,
        client_secret: None,
        token_lifetime: None,
        rate_limit_cap: None,
        credits: None,
        activity_step: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
            _ => (flag.clone(), None),
        };
        if name == "-h" || name == "--help" {
            return Ok(Command::Help);
        }
        if name == "-V" || name == "--version" {
            return Ok(Command::Version);
        }
        let value = match inline.or_else(|| it.next()) {
            Some(v) => v,
            None => return Err(format!("{name} needs a value")),
        };
        let bad = |what: &str| format!("{name}: {value:?} is not {what}");
        match name.as_str() {
            "--port" => args.port = value.parse().map_err(|_| bad("a port number"))?,
            "--client-id" => args.client_id = Some(value),
            "--client-secret" => args.client_secret = Some(value),
            "--scopes" => {
                for scope in value
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|s| !s.is_empty())
                {
                    if !SCOPES.contains(&scope) {
                        return Err(format!(
                            "--scopes: unknown scope {scope:?} (known: {})",
                            SCOPES.join(", ")
                        ));
                    }
                    args.scopes.push(scope.to_owned());
                }
            }
            "--token-lifetime" => {
                let max = MAX_TOKEN_LIFETIME.as_secs();
                let secs: u64 = value
                    .parse()
                    .ok()
                    .filter(|s| (1..=max).contains(s))
                    .ok_or_else(|| {
                        bad(&format!("a number of seconds from 1 to {max} (30 days)"))
                    })?;
                args.token_lifetime = Some(secs);
            }
            "--rate-limit-cap" => {
                args.rate_limit_cap = Some(value.parse().map_err(|_| bad("a number"))?)
            }
            "--credits" => args.credits = Some(value.parse().map_err(|_| bad("a number"))?),
            "--activity-step" => {
                let secs: f64 = value.parse().map_err(|_| bad("a number of seconds"))?;
                if !(secs.is_finite() && secs > 0.0 && secs < 86_400.0) {
                    return Err(bad("a positive number of seconds below a day"));
                }
                args.activity_step = Some(secs);
            }
            _ => return Err(format!("unknown option {name}")),
        }
    }
    Ok(Command::Serve(args))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse() {
        Ok(Command::Serve(a)) => a,
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!("pokitdok-sandbox {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("pokitdok-sandbox: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Sandbox::builder()
        .port(args.port)
        .granted_scopes(args.scopes.iter().cloned());
    if let Some(id) = args.client_id {
        builder = builder.client_id(id);
    }
    if let Some(secret) = args.client_secret {
        builder = builder.client_secret(secret);
    }
    if let Some(secs) = args.token_lifetime {
        builder = builder.token_lifetime(Duration::from_secs(secs));
    }
    if let Some(cap) = args.rate_limit_cap {
        builder = builder.rate_limit_cap(cap);
    }
    if let Some(credits) = args.credits {
        builder = builder.credits(credits);
    }
    if let Some(step) = args.activity_step {
        builder = builder.activity_step(Duration::from_secs_f64(step));
    }
    let sandbox = match builder.start().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("pokitdok-sandbox: cannot listen: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("PokitDok sandbox listening on {}", sandbox.url());
    println!("  base URL:      {}", sandbox.url());
    println!("  API:           {}", sandbox.api_base());
    println!("  token URL:     {}/oauth2/token", sandbox.url());
    println!("  client id:     {}", sandbox.client_id());
    println!("  client secret: {}", sandbox.client_secret());
    if !args.scopes.is_empty() {
        println!("  scopes:        {}", args.scopes.join(" "));
    }
    println!("  redirect URI:  {}", sandbox.redirect_uri());
    println!("Press Ctrl-C to stop.");
    if tokio::signal::ctrl_c().await.is_err() {
        eprintln!("pokitdok-sandbox: cannot listen for Ctrl-C; stopping");
    }
    println!("stopping");
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}
