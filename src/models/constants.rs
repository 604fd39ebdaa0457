//! The answer of `GET /eligibility/constants`
//! ([`PokitDok::eligibility_constants`](crate::PokitDok::eligibility_constants)).
//!
//! The platform mentions this endpoint only in prose ("Service Type Codes ... can be retrieved
//! by using GET /eligibility/constants") and documents no answer, so the model is lenient:
//! `service_types` is read from a map of names to X12 codes (`{"chiropractic": "33"}`, codes as
//! strings or numbers) or from a list of `{name, code}` objects; anything else, including a
//! `service_types` of another shape, stays in `extra` as sent.

use std::collections::BTreeMap;

use serde::de::Deserializer;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Extra;

/// The eligibility constants: service type names and their X12 codes.
///
/// ```
/// use pokitdok::models::constants::EligibilityConstants;
///
/// let c: EligibilityConstants = serde_json::from_value(serde_json::json!({
///     "service_types": {"chiropractic": "33", "vision_optometry": 67}
/// })).unwrap();
/// assert_eq!(c.service_type_code("chiropractic"), Some("33"));
/// assert_eq!(c.service_type_name("67"), Some("vision_optometry"));
///
/// let odd: EligibilityConstants =
///     serde_json::from_value(serde_json::json!({"service_types": "n/a"})).unwrap();
/// assert!(odd.service_types.is_empty());
/// assert_eq!(odd.extra["service_types"], "n/a");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct EligibilityConstants {
    /// Service type name (the snake_case name an eligibility request's `service_types` takes,
    /// e.g. `chiropractic`) to its X12 code (`33`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub service_types: BTreeMap<String, String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

impl EligibilityConstants {
    /// The X12 code of a service type name.
    pub fn service_type_code(&self, name: &str) -> Option<&str> {
        self.service_types.get(name).map(String::as_str)
    }

    /// The name of a service type X12 code.
    pub fn service_type_name(&self, code: &str) -> Option<&str> {
        self.service_types
            .iter()
            .find(|(_, c)| c.as_str() == code)
            .map(|(n, _)| n.as_str())
    }
}

/// A code given as a string or a number.
fn code(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads `service_types` from either documented-looking shape; `None` for anything else.
fn service_types(v: &Value) -> Option<BTreeMap<String, String>> {
    match v {
        Value::Object(map) => map
            .iter()
            .map(|(name, c)| code(c).map(|c| (name.clone(), c)))
            .collect(),
        Value::Array(items) => items
            .iter()
            .map(|item| {
                let name = item.get("name")?.as_str()?.to_owned();
                let c = code(item.get("code")?)?;
                Some((name, c))
            })
            .collect(),
        _ => None,
    }
}

impl<'de> Deserialize<'de> for EligibilityConstants {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut extra = Map::<String, Value>::deserialize(d)?;
        let service_types = match extra.get("service_types").and_then(service_types) {
            Some(types) => {
                extra.remove("service_types");
                types
            }
            None => BTreeMap::new(),
        };
        Ok(EligibilityConstants {
            service_types,
            extra,
        })
    }
}
