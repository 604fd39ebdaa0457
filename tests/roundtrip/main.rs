//! Round trip over every documented response example: decode into the typed response, encode
//! again, and compare the JSON (no field lost, no number changed). One file per API group;
//! `every_response_fixture_is_covered` fails when a fixture is named in none of them.

mod admin;
mod core;
mod data;
mod people;
mod x12;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub fn fixture(name: &str) -> Value {
    pokitdok_sandbox::fixtures::json(name).unwrap_or_else(|| panic!("no JSON fixture {name}"))
}

/// Decodes the fixture `name` (the whole file) into `T`, encodes it again and asserts the JSON
/// is identical. Returns the typed value for further assertions.
pub fn roundtrip<T: DeserializeOwned + Serialize>(name: &str) -> T {
    let original = fixture(name);
    let typed: T = serde_path_to_error::deserialize(original.clone())
        .unwrap_or_else(|e| panic!("{name}: decode failed at {}: {}", e.path(), e.inner()));
    let again = serde_json::to_value(&typed).unwrap_or_else(|e| panic!("{name}: encode: {e}"));
    if again != original {
        panic!(
            "{name}: round trip changed the JSON\n--- original\n{}\n--- re-encoded\n{}",
            serde_json::to_string_pretty(&original).unwrap(),
            serde_json::to_string_pretty(&again).unwrap()
        );
    }
    typed
}

#[test]
fn every_response_fixture_is_covered() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut sources = String::new();
    for entry in std::fs::read_dir(format!("{root}/tests/roundtrip")).unwrap() {
        sources.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    let mut missing = Vec::new();
    for name in pokitdok_sandbox::fixtures::names() {
        if name.contains(".response")
            && name.ends_with(".json")
            && !sources.contains(&format!("\"{name}\""))
        {
            missing.push(name);
        }
    }
    missing.sort();
    assert!(
        missing.is_empty(),
        "response fixtures without a round-trip test: {missing:#?}"
    );
}
