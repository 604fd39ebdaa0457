//! The answers the benchmarks and the load program decode, built from the sandbox's fixtures
//! (the documented examples) and written as the platform (a Python service) writes JSON:
//! `", "` and `": "` between items.
//!
//! - [`eligibility`]: `{"meta", "data"}` around `eligibility.response.6.json` (the largest
//!   recorded eligibility answer) with the `meta` of a recorded eligibility answer
//!   (`raw_x12.eligibility.response.json`): about 6.9 KB.
//! - [`trading_partners`]: a list of 21 trading partners, each the documented single-partner
//!   answer (`trading_partners.get.response.json`) under its own id: about 28 KB. No recorded
//!   list is that large (`trading_partners.list.response.json` holds four short entries), so
//!   the list is built from the detail fixture.

// Each user takes what it needs.
#![allow(dead_code)]

use std::io;

use serde_json::{Value, json};

/// Partners in [`trading_partners`].
pub const PARTNERS: usize = 21;

fn fixture(name: &str) -> Value {
    pokitdok_sandbox::fixtures::json(name).unwrap_or_else(|| panic!("no fixture {name}"))
}

/// The meta of a recorded eligibility answer.
pub fn recorded_meta() -> Value {
    fixture("raw_x12.eligibility.response.json")["meta"].clone()
}

/// The eligibility answer, enveloped (about 6.9 KB).
pub fn eligibility() -> Vec<u8> {
    envelope(&recorded_meta(), &fixture("eligibility.response.6.json"))
}

/// `{"meta": meta, "data": data}`, in that order as the recorded answers have it (a `Value`
/// object would sort its keys).
pub fn envelope(meta: &Value, data: &Value) -> Vec<u8> {
    let mut out = b"{\"meta\": ".to_vec();
    out.extend(python_json(meta));
    out.extend(b", \"data\": ");
    out.extend(python_json(data));
    out.push(b'}');
    out
}

/// The `data` of [`eligibility`] alone (no envelope).
pub fn eligibility_data() -> Vec<u8> {
    python_json(&fixture("eligibility.response.6.json"))
}

/// A trading-partner list of [`PARTNERS`] entries, enveloped (about 28 KB).
pub fn trading_partners() -> Vec<u8> {
    let detail = fixture("trading_partners.get.response.json");
    let base = detail["id"].as_str().unwrap_or("partner").to_owned();
    let items: Vec<Value> = (0..PARTNERS)
        .map(|i| {
            let mut p = detail.clone();
            p["id"] = json!(format!("{base}_{i}"));
            p
        })
        .collect();
    let mut meta = recorded_meta();
    meta["result_count"] = json!(PARTNERS);
    envelope(&meta, &Value::Array(items))
}

/// The documented eligibility request (what `pd.eligibility(&req)` sends).
pub fn eligibility_request() -> Value {
    fixture("eligibility.request.json")
}

/// An access token answer for `/oauth2/token`.
pub fn token_answer() -> Vec<u8> {
    python_json(&json!({
        "access_token": "loadgen-access-token-0123456789abcdef",
        "token_type": "bearer",
        "expires_in": 3600,
        "refresh_token": null
    }))
}

/// JSON as Python's `json.dumps` writes it by default.
pub fn python_json(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, PythonFormatter);
    serde::Serialize::serialize(v, &mut ser).expect("a Value always serializes");
    out
}

struct PythonFormatter;

impl serde_json::ser::Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
}
