//! [`Answer`]: a result that may come now, or later through a queued activity.

use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::models::activities::Activity;

/// Keys only an activity has at its top level (`GET /activities/{id}`, the queued answers).
const ACTIVITY_KEYS: &[&str] = &[
    "state",
    "transition_path",
    "remaining_transitions",
    "units_of_work",
    "history",
    "parent_id",
];

/// Keys only a result has at its top level (claims convert: `claims_request`,
/// `converted_edi`, `diagnosis_mappings`); an object with any of them is never an activity.
const RESULT_KEYS: &[&str] = &["claims_request", "converted_edi", "diagnosis_mappings"];

/// An answer that is either the result itself or the [`Activity`] the platform queued to
/// produce it later (its `result`, or the sub-activities of a batch, hold the outcome; it is
/// also POSTed to `callback_url`).
///
/// [`PokitDok::convert_claims`](crate::PokitDok::convert_claims) answers with one: the converted
/// claim for a file with one claim, a batch activity for a file with several.
///
/// Decoding looks at the answer's shape: an object with an activity's own keys (`state`,
/// `transition_path`, `remaining_transitions`, `units_of_work`, `history`, `parent_id`) and none
/// of a result's (`claims_request`, `converted_edi`, `diagnosis_mappings`) is `Queued`;
/// anything else is decoded as `T`. It serializes back as the bare result or activity.
///
/// ```
/// use pokitdok::Answer;
/// use pokitdok::models::claims::ClaimsConvert;
///
/// let queued: Answer<ClaimsConvert> = serde_json::from_value(serde_json::json!({
///     "id": "5745e9920640fd7aa95935f5", "name": "claims_convert", "units_of_work": 2,
///     "state": {"name": "completed", "title": "Completed"}
/// })).unwrap();
/// assert_eq!(queued.queued().and_then(|a| a.id.as_deref()), Some("5745e9920640fd7aa95935f5"));
///
/// let ready: Answer<ClaimsConvert> = serde_json::from_value(serde_json::json!({
///     "converted_edi": "ISA*00*~", "diagnosis_mappings": []
/// })).unwrap();
/// assert!(ready.ready().is_some_and(|c| c.converted_edi.is_some()));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Answer<T> {
    /// The result, now.
    Ready(T),
    /// The activity that will produce the result.
    Queued(Box<Activity>),
}

impl<T> Answer<T> {
    /// The result, when it came now.
    pub fn ready(&self) -> Option<&T> {
        match self {
            Answer::Ready(t) => Some(t),
            Answer::Queued(_) => None,
        }
    }

    /// The result, when it came now; `None` for a queued answer.
    pub fn into_ready(self) -> Option<T> {
        match self {
            Answer::Ready(t) => Some(t),
            Answer::Queued(_) => None,
        }
    }

    /// The queued activity, when the result comes later.
    pub fn queued(&self) -> Option<&Activity> {
        match self {
            Answer::Ready(_) => None,
            Answer::Queued(a) => Some(a),
        }
    }

    /// Whether the result comes later.
    pub fn is_queued(&self) -> bool {
        matches!(self, Answer::Queued(_))
    }
}

/// Whether a JSON object is an activity rather than a result.
fn is_activity(map: &Map<String, Value>) -> bool {
    ACTIVITY_KEYS.iter().any(|k| map.contains_key(*k))
        && !RESULT_KEYS.iter().any(|k| map.contains_key(*k))
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Answer<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        let queued = matches!(&value, Value::Object(map) if is_activity(map));
        if queued {
            Activity::deserialize(value)
                .map(|a| Answer::Queued(Box::new(a)))
                .map_err(D::Error::custom)
        } else {
            T::deserialize(value)
                .map(Answer::Ready)
                .map_err(D::Error::custom)
        }
    }
}
