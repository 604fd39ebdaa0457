//! Small helpers: random ids, timestamps, money, JSON access.

use std::time::{SystemTime, UNIX_EPOCH};

use rand::Rng;
use serde_json::{Map, Value, json};

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// A random alphanumeric string.
pub(crate) fn random_token(len: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..len)
        .map(|_| char::from(ALNUM[rng.gen_range(0..ALNUM.len())]))
        .collect()
}

/// A 24-hex id like the platform's activity ids.
pub(crate) fn new_id() -> String {
    let bytes: [u8; 12] = rand::thread_rng().r#gen();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A random (version 4) UUID.
pub(crate) fn new_uuid() -> String {
    let mut b: [u8; 16] = rand::thread_rng().r#gen();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        h[0..4].concat(),
        h[4..6].concat(),
        h[6..8].concat(),
        h[8..10].concat(),
        h[10..16].concat()
    )
}

/// Now as the platform's zone-less timestamp, `2016-05-25T18:06:11.239000`.
pub(crate) fn now_ts() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.6f")
        .to_string()
}

/// Today, `YYYY-MM-DD`.
pub(crate) fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

/// Seconds since the Unix epoch.
pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// `{"amount": "12.34", "currency": "USD"}` from cents.
pub(crate) fn money(cents: i64) -> Value {
    json!({"amount": cents_str(cents), "currency": "USD"})
}

/// `12.34` from 1234 cents.
pub(crate) fn cents_str(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}{}.{:02}", c / 100, c % 100)
}

/// An amount given as a JSON number, a numeric string, or `{"amount": ...}`, in cents.
pub(crate) fn cents_of(v: &Value) -> Option<i64> {
    let f = match v {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().trim_start_matches('$').parse::<f64>().ok()?,
        Value::Object(m) => return cents_of(m.get("amount")?),
        _ => return None,
    };
    if !f.is_finite() || f.abs() > 1e13 {
        return None;
    }
    Some((f * 100.0).round() as i64)
}

/// `v[key]` as a non-empty string.
pub(crate) fn s<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)?.as_str().filter(|s| !s.trim().is_empty())
}

/// A string, number or bool as text (for ids given as numbers).
pub(crate) fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether a field counts as given: present, not null, not an empty string/array/object.
pub(crate) fn present(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(_) => true,
    }
}

/// Copies the given keys of `from` (when present) into a new object.
pub(crate) fn pick(from: &Value, keys: &[&str]) -> Value {
    let mut out = Map::new();
    for k in keys {
        if let Some(v) = from.get(*k)
            && present(Some(v))
        {
            out.insert((*k).to_owned(), v.clone());
        }
    }
    Value::Object(out)
}

/// A stable small number from text, for deterministic derived prices.
pub(crate) fn hash_of(parts: &[&str]) -> u64 {
    // FNV-1a: stable across runs and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A 24-hex id like [`new_id`], derived from text instead of random (stable across runs).
pub(crate) fn derived_id(parts: &[&str]) -> String {
    let a = hash_of(parts);
    let b = hash_of(&[&format!("{a:016x}"), "id"]);
    format!("{a:016x}{:08x}", b >> 32)
}

/// A version-4-shaped UUID derived from text instead of random (stable across runs).
pub(crate) fn derived_uuid(parts: &[&str]) -> String {
    let a = hash_of(parts);
    let b = hash_of(&[&format!("{a:016x}"), "uuid"]);
    let h = format!("{a:016x}{b:016x}");
    format!(
        "{}-{}-4{}-{}{}-{}",
        &h[0..8],
        &h[8..12],
        &h[13..16],
        ["8", "9", "a", "b"][usize::from(h.as_bytes()[16] % 4)],
        &h[17..20],
        &h[20..32]
    )
}

/// The 3-digit geographic area of a ZIP code (its first three characters, which must be ASCII
/// digits), e.g. `944` for `94401`; `None` for anything else.
pub(crate) fn zip3(zip: &str) -> Option<String> {
    let area: String = zip.trim().chars().take(3).collect();
    (area.len() == 3 && area.bytes().all(|b| b.is_ascii_digit())).then_some(area)
}

/// `part` percent of `cents`, rounded toward zero, without overflow (saturating at the i64
/// range).
pub(crate) fn percent_of(cents: i64, part: i64) -> i64 {
    let v = i128::from(cents) * i128::from(part) / 100;
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

/// The size of a value serialized as compact JSON, estimated without serializing (strings
/// counted without escapes, numbers as 20 bytes).
pub(crate) fn json_size(v: &Value) -> usize {
    match v {
        Value::Null => 4,
        Value::Bool(_) => 5,
        Value::Number(_) => 20,
        Value::String(s) => s.len() + 2,
        Value::Array(a) => 2 + a.iter().map(|x| json_size(x) + 1).sum::<usize>(),
        Value::Object(m) => {
            2 + m
                .iter()
                .map(|(k, x)| k.len() + 4 + json_size(x))
                .sum::<usize>()
        }
    }
}

/// Case-insensitive "contains".
pub(crate) fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.to_lowercase().contains(&needle.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_the_documented_shapes() {
        let id = new_id();
        assert_eq!(id.len(), 24);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
        let u = new_uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
    }

    #[test]
    fn derived_ids_are_stable_and_well_formed() {
        let id = derived_id(&["seed", "app"]);
        assert_eq!(id, derived_id(&["seed", "app"]));
        assert_ne!(id, derived_id(&["seed", "other"]));
        assert_eq!(id.len(), 24);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
        let u = derived_uuid(&["seed", "app"]);
        assert_eq!(u, derived_uuid(&["seed", "app"]));
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert!("89ab".contains(&u[19..20]), "{u}");
    }

    #[test]
    fn money_helpers() {
        assert_eq!(cents_str(6000), "60.00");
        assert_eq!(cents_str(-5), "-0.05");
        assert_eq!(cents_of(&json!("60.0")), Some(6000));
        assert_eq!(cents_of(&json!(12.345)), Some(1235));
        assert_eq!(cents_of(&json!({"amount": "1.5"})), Some(150));
        assert_eq!(cents_of(&json!("abc")), None);
        assert_eq!(cents_of(&json!(1e300)), None);
        assert_eq!(
            percent_of(i64::MAX, 85),
            i64::MAX / 100 * 85 + i64::MAX % 100 * 85 / 100
        );
        assert_eq!(percent_of(1000, 85), 850);
    }

    #[test]
    fn json_sizes_are_close_to_the_serialized_ones() {
        let v = json!({"a": [1, "bc", null, true], "name": "Jane", "n": {"x": 1.5}});
        let real = serde_json::to_vec(&v).unwrap().len();
        let estimate = json_size(&v);
        assert!(
            estimate >= real && estimate <= real * 3,
            "{estimate} vs {real}"
        );
    }

    #[test]
    fn zip_areas() {
        assert_eq!(zip3(" 94401 ").as_deref(), Some("944"));
        assert_eq!(zip3("944").as_deref(), Some("944"));
        for bad in ["1€9", "12", "", "a944", "9 44", "€€€€"] {
            assert_eq!(zip3(bad), None, "{bad}");
        }
    }
}
