//! The CI's fixture secret scan (RELIABILITY.md case 44), `scripts/scan-fixtures.sh`: the
//! recorded fixtures pass it, and a secret planted in a copy of them makes it fail, naming the
//! file and line but not the secret.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The script, or `None` in the published crate (which ships neither the script nor the
/// sandbox's fixtures: nothing to scan there).
fn script() -> Option<PathBuf> {
    let script = repo().join("scripts/scan-fixtures.sh");
    if script.exists() {
        return Some(script);
    }
    assert!(
        !repo().join("sandbox/fixtures").exists(),
        "the repository has fixtures but no scripts/scan-fixtures.sh"
    );
    eprintln!("packaged crate: no scan script, nothing to scan");
    None
}

fn run(script: &Path, args: &[&Path]) -> Output {
    Command::new("bash")
        .arg(script)
        .args(args)
        .current_dir(repo())
        .output()
        .expect("bash runs")
}

/// A fresh copy of the fixtures in a scratch directory, removed on drop.
struct Copy(PathBuf);

impl Copy {
    fn new(tag: &str) -> Copy {
        let dir = std::env::temp_dir().join(format!(
            "pokitdok-fixture-scan-{}-{tag}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(repo().join("sandbox/fixtures")).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
        Copy(dir)
    }

    /// Inserts `line` as line 2 of the fixture `name`.
    fn plant(&self, name: &str, line: &str) {
        let path = self.0.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let (first, rest) = text.split_once('\n').unwrap();
        std::fs::write(&path, format!("{first}\n{line}\n{rest}")).unwrap();
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn the_recorded_fixtures_and_data_pass() {
    let Some(script) = script() else { return };
    // The default set: sandbox/fixtures and the other data files of the repository.
    let out = run(&script, &[]);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&script, &[&repo().join("sandbox/fixtures")]);
    assert!(out.status.success(), "{out:?}");
    // An unchanged copy passes too: the copy itself plants nothing.
    let copy = Copy::new("clean");
    assert!(run(&script, &[&copy.0]).status.success());
}

#[test]
fn each_kind_of_planted_secret_fails_the_scan_at_its_line() {
    let Some(script) = script() else { return };
    let planted = [
        (
            "grant_type=client_credentials&client_secret=Q7hd92kLmx0PzR",
            "Q7hd92kLmx0PzR",
        ),
        (
            r#""client_secret": "9fJ2mQ8xR4tV1wZ6","#,
            "9fJ2mQ8xR4tV1wZ6",
        ),
        (r#""password": "CorrectHorse42","#, "CorrectHorse42"),
        (
            "Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
            "eyJhbGciOiJSUzI1NiJ9",
        ),
        (
            r#""access_token": "k3Jd8Hq2Lx9Vb7Nc4Mz1Pw6Rt5","#,
            "k3Jd8Hq2Lx9Vb7Nc4Mz1Pw6Rt5",
        ),
        (
            r#""refresh_token": "Rf9Gh2Jk4Lm6Np8Qr1St3","#,
            "Rf9Gh2Jk4Lm6Np8Qr1St3",
        ),
        (
            "code=abc&refresh_token=Zq8Wx7Ec6Rv5Tb4Yn3Um",
            "Zq8Wx7Ec6Rv5Tb4Yn3Um",
        ),
        (
            "Authorization: Basic cG9raXRkb2s6aHVudGVyMg==",
            "cG9raXRkb2s6aHVudGVyMg==",
        ),
        (
            r#""Authorization": "basic bXlpZDpteXNlY3JldA==","#,
            "bXlpZDpteXNlY3JldA==",
        ),
        ("-----BEGIN RSA PRIVATE KEY-----", "RSA PRIVATE KEY"),
        ("-----BEGIN PRIVATE KEY-----", "BEGIN PRIVATE"),
        ("-----BEGIN OPENSSH PRIVATE KEY-----", "OPENSSH"),
    ];
    for (i, (line, secret)) in planted.iter().enumerate() {
        let copy = Copy::new(&format!("plant{i}"));
        copy.plant("claims.request.json", line);
        let out = run(&script, &[&copy.0]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "not caught: {line}\n{stdout}");
        let at = format!("{}:2:", copy.0.join("claims.request.json").display());
        assert!(stdout.contains(&at), "no {at} for {line}:\n{stdout}");
        assert_eq!(stdout.lines().count(), 1, "only the planted line: {stdout}");
        let all = format!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
        assert!(!all.contains(secret), "the secret is printed: {all}");
    }
}

#[test]
fn placeholders_and_ordinary_fields_pass() {
    let Some(script) = script() else { return };
    let copy = Copy::new("placeholders");
    for line in [
        r#""access_token": "<ACCESS_TOKEN>","#,
        r#""refresh_token": "","#,
        r#""token_type": "bearer","#,
        "Authorization: Bearer test-access-token-0123456789",
        "Authorization: Bearer ${POKITDOK_TOKEN}",
        "client_secret=YOUR_CLIENT_SECRET",
        "client_secret=",
        r#""client_secret": "...","#,
        r#""password": "**********","#,
        r#""authorization_required": "yes","#,
        r#""prior_authorization_number": "P00171408ABCDEF","#,
        "Authorization: Basic <base64 of client_id:client_secret>",
    ] {
        copy.plant("eligibility.request.json", line);
    }
    let out = run(&script, &[&copy.0]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_missing_directory_is_a_usage_error() {
    let Some(script) = script() else { return };
    let out = run(&script, &[Path::new("/nonexistent/pokitdok/fixtures")]);
    assert_eq!(out.status.code(), Some(2));
}
