//! The documented PokitDok examples (`../shared/api/examples`, verbatim) and the sandbox's own
//! reference tables, embedded in the crate: one copy, served by the sandbox and read by the
//! `pokitdok` client's tests.
//!
//! ```
//! let names: Vec<&str> = pokitdok_sandbox::fixtures::names().collect();
//! assert!(names.contains(&"eligibility.response.json"));
//! let v = pokitdok_sandbox::fixtures::json("eligibility.response.json").unwrap();
//! assert!(v.get("coverage").is_some());
//! ```

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

/// A fixture's text, by file name (`"claims.request.json"`).
pub fn text(name: &str) -> Option<&'static str> {
    ALL.binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| ALL[i].1)
}

/// A JSON fixture, parsed; `None` for an unknown name or a file that is not JSON.
pub fn json(name: &str) -> Option<serde_json::Value> {
    serde_json::from_str(text(name)?).ok()
}

/// Every fixture's file name, sorted.
pub fn names() -> impl Iterator<Item = &'static str> {
    ALL.iter().map(|(n, _)| *n)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_json_fixture_parses() {
        for (name, text) in super::ALL {
            if name.ends_with(".json") {
                assert!(
                    serde_json::from_str::<serde_json::Value>(text).is_ok(),
                    "{name} is not JSON"
                );
            }
        }
        assert!(super::ALL.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
