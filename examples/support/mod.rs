//! Shared by the examples (`#[path = "support/mod.rs"] mod support;`): the client they use.
//!
//! With `POKITDOK_CLIENT_ID` set, the examples talk to the platform named by
//! `POKITDOK_BASE_URL` (default: production) with `POKITDOK_CLIENT_ID` and
//! `POKITDOK_CLIENT_SECRET`. Without it they start the embedded sandbox
//! (`pokitdok_sandbox`) and say so in one line.

// Each example uses only some of these helpers.
#![allow(dead_code)]

use pokitdok::PokitDok;
use pokitdok_sandbox::Sandbox;

/// A client-credentials client, and the sandbox it talks to when `POKITDOK_CLIENT_ID` is
/// unset. Keep the returned `Option<Sandbox>` alive for the whole program: dropping it stops
/// the sandbox. Exits with status 2 when the environment is incomplete.
pub async fn client(example: &str) -> (PokitDok, Option<Sandbox>) {
    client_with_scopes(example, &[]).await
}

/// Like [`client`], asking the token for OAuth `scopes` (scheduling needs `user_schedule`
/// and/or `business_schedule`).
pub async fn client_with_scopes(example: &str, scopes: &[&str]) -> (PokitDok, Option<Sandbox>) {
    if std::env::var_os("POKITDOK_CLIENT_ID").is_some() {
        return match from_env(scopes) {
            Ok(pd) => (pd, None),
            Err(e) => {
                eprintln!("{example}: {e}");
                eprintln!(
                    "Set POKITDOK_CLIENT_ID and POKITDOK_CLIENT_SECRET (and optionally \
                     POKITDOK_BASE_URL), or unset POKITDOK_CLIENT_ID to use the embedded sandbox."
                );
                std::process::exit(2);
            }
        };
    }
    let sandbox = match Sandbox::start().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{example}: cannot start the embedded sandbox: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "POKITDOK_CLIENT_ID is not set: using the embedded sandbox at {}",
        sandbox.url()
    );
    match sandbox
        .client_builder()
        .scopes(scopes.iter().copied())
        .build()
    {
        Ok(pd) => (pd, Some(sandbox)),
        Err(e) => {
            eprintln!("{example}: {e}");
            std::process::exit(1);
        }
    }
}

/// `PokitDok::from_env()`, plus scopes when some are asked for.
fn from_env(scopes: &[&str]) -> Result<PokitDok, Box<dyn std::error::Error>> {
    if scopes.is_empty() {
        return Ok(PokitDok::from_env()?);
    }
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let id = var("POKITDOK_CLIENT_ID").ok_or("POKITDOK_CLIENT_ID is not set")?;
    let secret = var("POKITDOK_CLIENT_SECRET").ok_or("POKITDOK_CLIENT_SECRET is not set")?;
    let mut b = PokitDok::builder()
        .client_id(id)
        .client_secret(secret)
        .scopes(scopes.iter().copied());
    if let Some(base) = var("POKITDOK_BASE_URL") {
        b = b.base_url(base);
    }
    Ok(b.build()?)
}

/// Whether the examples run against the embedded sandbox (`POKITDOK_CLIENT_ID` unset).
pub fn uses_sandbox() -> bool {
    std::env::var_os("POKITDOK_CLIENT_ID").is_none()
}

/// Like [`client`], with the embedded sandbox started from `sandbox` (a cap, a window ...)
/// and the client's builder (sandbox or platform alike) adjusted by `configure` (a throttle,
/// retries ...).
pub async fn client_with(
    example: &str,
    sandbox: pokitdok_sandbox::SandboxBuilder,
    configure: impl FnOnce(pokitdok::PokitDokBuilder) -> pokitdok::PokitDokBuilder,
) -> (PokitDok, Option<Sandbox>) {
    if !uses_sandbox() {
        return match env_builder().and_then(|b| Ok(configure(b).build()?)) {
            Ok(pd) => (pd, None),
            Err(e) => {
                eprintln!("{example}: {e}");
                eprintln!(
                    "Set POKITDOK_CLIENT_ID and POKITDOK_CLIENT_SECRET (and optionally \
                     POKITDOK_BASE_URL), or unset POKITDOK_CLIENT_ID to use the embedded sandbox."
                );
                std::process::exit(2);
            }
        };
    }
    let sandbox = match sandbox.start().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{example}: cannot start the embedded sandbox: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "POKITDOK_CLIENT_ID is not set: using the embedded sandbox at {}",
        sandbox.url()
    );
    match configure(sandbox.client_builder()).build() {
        Ok(pd) => (pd, Some(sandbox)),
        Err(e) => {
            eprintln!("{example}: {e}");
            std::process::exit(1);
        }
    }
}

/// A builder from `POKITDOK_CLIENT_ID`, `POKITDOK_CLIENT_SECRET` and `POKITDOK_BASE_URL`.
fn env_builder() -> Result<pokitdok::PokitDokBuilder, Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let id = var("POKITDOK_CLIENT_ID").ok_or("POKITDOK_CLIENT_ID is not set")?;
    let secret = var("POKITDOK_CLIENT_SECRET").ok_or("POKITDOK_CLIENT_SECRET is not set")?;
    let mut b = PokitDok::builder().client_id(id).client_secret(secret);
    if let Some(base) = var("POKITDOK_BASE_URL") {
        b = b.base_url(base);
    }
    Ok(b)
}
